package hobby

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/formfield"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match.
const (
	// LabelConfidence is for the value after a Japanese label that heads
	// its line, or in a hobby column.
	LabelConfidence = 0.85
	// EnglishConfidence is for the value after an English label
	// ("Hobbies:", "Interests:"), which ordinary prose uses more often.
	EnglishConfidence = 0.8
	// SpaceConfidence is for the value after a Japanese label and only a
	// space ("趣味　読書"): a form without colons, or a headline.
	SpaceConfidence = 0.7
)

// MaxValueRunes bounds a value: the first runes of what follows the label.
const MaxValueRunes = 60

// maxLen bounds a match's span: the value up to its line end.
const maxLen = 240

// Detector finds hobbies. A value is reported only where the text is a
// form: the label heads its line (after bullets, brackets or an
// enumerator) and a separator follows it (a colon, a closing bracket, a
// tab, the line end, or for Japanese labels a space, at SpaceConfidence:
// a headline may look alike); an English label needs more than a space.
// The value runs to the end of the line, or to the next field on it
// ("趣味：読書 特技：書道", a '|' or tab cell); on the next line when the
// label ends its own. Placeholders (なし, 特になし, N/A), values that are
// numbers, amounts or rates ("Interests: 5%") and values that go on a
// sentence ("【趣味】の時間") are not hobbies. "趣味の悪い", "趣味で",
// "私の趣味は読書です" (prose, not a form) and "conflict of interests"
// have no label. In a column whose header names hobbies, the cell's
// first line is the value.
//
// The value is the text with whitespace collapsed, cut to MaxValueRunes
// runes; the span covers the whole value (up to maxLen bytes). A Detector
// is stateless and safe for concurrent use.
type Detector struct{}

// New returns a hobby detector.
func New() *Detector { return &Detector{} }

// Name implements detectors.Detector.
func (*Detector) Name() string { return "hobby" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.Hobby} }

// Keywords implements detectors.Detector.
func (*Detector) Keywords() []string { return []string{"趣味", "hobby", "hobbies", "interests"} }

// MaxLen implements detectors.Detector.
func (*Detector) MaxLen() int { return maxLen }

// labels introduce hobbies; the longest at a position is used.
var labels = textscan.NewWords(
	"趣味・特技", "趣味/特技", "趣味特技", "趣味・嗜好", "趣味・関心", "特技・趣味", "特技/趣味", "ご趣味", "趣味",
	"hobbies and interests", "hobbies & interests", "hobbies/interests", "interests and hobbies",
	"interests & hobbies", "personal interests", "hobbies", "hobby", "interests",
)

// columnWords name a hobby column.
var columnWords = textscan.NewWordPrefixes("趣味", "hobby", "hobbies", "interests")

// Detect implements detectors.Detector.
func (*Detector) Detect(t *detectors.Text) []detectors.Match {
	s := t.Norm
	var ms []detectors.Match
	if t.Column != "" && columnWords.Contains(t.Column) {
		ls, le := textscan.TrimSpan(s, 0, textscan.LineEnd(s, 0, maxLen))
		if m, ok := match(s, ls, le, LabelConfidence); ok {
			return []detectors.Match{m}
		}
	}
	labels.All(s, func(start, end int) bool {
		english := textscan.IsLetter(s[start])
		if english && start > 0 && textscan.IsLetter(s[start-1]) || !formfield.Heads(s, start) {
			return true
		}
		j, sameLine, ok := formfield.Value(s, end, english)
		if !ok {
			return true
		}
		conf := LabelConfidence
		switch {
		case english:
			conf = EnglishConfidence
		case sameLine && strings.Trim(s[end:j], " ") == "":
			conf = SpaceConfidence
		}
		vs, ve := textscan.TrimSpan(s, j, fieldEnd(s, j))
		if m, ok := match(s, vs, ve, conf); ok && (len(ms) == 0 || m.Start >= ms[len(ms)-1].End) {
			ms = append(ms, m)
		}
		return true
	})
	return ms
}

// fieldEnd returns where the value starting at s[j] ends: at the line
// end (at most maxLen bytes on), a cell separator ('|', tab), or the
// space before the next field's label ("読書 特技：書道").
func fieldEnd(s string, j int) int {
	end := textscan.LineEnd(s, j, maxLen)
	if k := strings.IndexAny(s[j:end], "|\t"); k >= 0 {
		end = j + k
	}
	if k := strings.IndexByte(s[j:end], ':'); k > 0 && !strings.HasPrefix(s[j+k:], "://") {
		if sp := strings.LastIndexByte(s[j:j+k], ' '); sp > 0 {
			end = j + sp
		}
	}
	return end
}

// match returns the hobby at s[start:end] (trimmed), if it is one.
func match(s string, start, end int, conf float64) (detectors.Match, bool) {
	for end > start {
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !strings.ContainsRune(" .。、,;", r) {
			break
		}
		end -= size
	}
	v := s[start:end]
	if v == "" || formfield.Placeholder(v) || !isHobby(v) {
		return detectors.Match{}, false
	}
	return detectors.Match{
		Type: pii.Hobby, Start: start, End: end,
		Value: formfield.Summary(v, MaxValueRunes), Confidence: conf,
	}, true
}

// isHobby reports whether v may be a hobby: it starts with a letter of
// some script (not a digit, amount or mark, nor a particle that goes on
// a sentence: "【趣味】の時間") and holds no rate, amount or address.
func isHobby(v string) bool {
	r, _ := utf8.DecodeRuneInString(v)
	if !unicode.IsLetter(r) || strings.ContainsRune("のをがにはとでもへやより", r) {
		return false
	}
	return !strings.ContainsAny(v, "%$¥￥@") && !strings.Contains(v, "http")
}
