package career

import (
	"strings"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/formfield"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match.
const (
	// HistoryConfidence is for a label followed by two dated entries or
	// more.
	HistoryConfidence = 0.9
	// EntryConfidence is for a label followed by one dated entry.
	EntryConfidence = 0.75
	// ColumnConfidence is for a cell of a career column with a dated
	// entry.
	ColumnConfidence = 0.85
	// UndatedColumnConfidence is for a cell of a career column that names
	// a school, an employer or an event (卒業, 入社) without a date.
	UndatedColumnConfidence = 0.7
)

// MaxValueRunes bounds a value: the first entry, cut.
const MaxValueRunes = 60

// maxLen bounds a match: the entries that start within it.
const maxLen = 400

// Bounds of the search after a label, so that a decision depends only on
// text within detectors.MaxContext of the match.
const (
	// maxGap is how far after the label the first entry may start.
	maxGap = 300
	// maxLines is how many lines after the label are read.
	maxLines = 12
	// maxMisses is how many lines in a row without an entry end a
	// section.
	maxMisses = 2
)

// Detector finds career and education histories. A label must head its
// line (after bullets, brackets or an enumerator: "【職歴】", "■学歴",
// "EDUCATION") and be followed by a separator or the line end; then the
// rest of its line and the lines after it are read as entries. An entry
// is a line (or a sentence of one, for a prose biography) that holds a
// date (a year 1900–2099, a Japanese era year 昭和/平成/令和 or H22., or
// 同年 after an entry) and a school, an employer or a career event
// (大学, 株式会社, 入社, 卒業, University, Inc., joined, graduated ...).
// The entries stop at a blank line, at the next section (another label,
// a bracketed heading) or after maxMisses lines that are not entries. A
// label without entries is nothing: "学歴：不問", "職歴：営業経験3年以上",
// and the requirements of a job posting ("2025年3月卒業見込みの方", 歓迎,
// 不問) are not entries. A company's history (沿革) has no such label and
// is not a person's career; a job posting's 職務内容 neither.
//
// The span covers the entries that start within maxLen bytes of the
// first; the value is the first entry with whitespace collapsed, cut to
// MaxValueRunes runes ("2010年4月 株式会社サンプル 入社"). In a column
// whose header is a career label, a cell that names a school, an employer
// or an event is a match, its value the cell's text, cut likewise. A
// Detector is stateless and safe for concurrent use.
type Detector struct{}

// New returns a career detector.
func New() *Detector { return &Detector{} }

// Name implements detectors.Detector.
func (*Detector) Name() string { return "career" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.Career} }

// Keywords implements detectors.Detector: the labels' stems.
func (*Detector) Keywords() []string {
	return []string{
		"職歴", "学歴", "略歴", "経歴", "職 歴", "学 歴", "略 歴", "職務履歴",
		"career", "education", "experience", "biography", "employment history", "work history",
		"academic background", "professional background",
	}
}

// MaxLen implements detectors.Detector.
func (*Detector) MaxLen() int { return maxLen }

// labels head a career section; the longest at a position is used.
var labels = textscan.NewWords(
	"学歴・職歴", "職歴・学歴", "学歴/職歴", "職歴/学歴", "学歴及び職歴", "学歴および職歴", "学歴職歴",
	"職務経歴書", "職務経歴", "職務履歴", "職歴", "学歴", "略歴", "経歴", "職 歴", "学 歴", "略 歴",
	"career history", "career summary", "career", "education", "educational background",
	"academic background", "work experience", "professional experience", "employment history",
	"work history", "biography", "professional background",
)

// Detect implements detectors.Detector.
func (*Detector) Detect(t *detectors.Text) []detectors.Match {
	s := t.Norm
	if t.Column != "" && isCareerColumn(t.Column) {
		if m, ok := cell(s); ok {
			return []detectors.Match{m}
		}
	}
	var ms []detectors.Match
	labels.All(s, func(start, end int) bool {
		english := textscan.IsLetter(s[start])
		if english && start > 0 && textscan.IsLetter(s[start-1]) || !formfield.Heads(s, start) {
			return true
		}
		j, ok := formfield.Rest(s, end, english)
		if !ok {
			return true
		}
		if m, ok := section(s, end, j); ok && (len(ms) == 0 || m.Start >= ms[len(ms)-1].End) {
			ms = append(ms, m)
		}
		return true
	})
	return ms
}

// isCareerColumn reports whether a column header is a career label.
func isCareerColumn(col string) bool {
	col = strings.ReplaceAll(col, " ", "")
	for _, w := range []string{"職歴", "学歴", "経歴", "略歴", "職務履歴"} {
		if strings.Contains(col, w) {
			return true
		}
	}
	l := textscan.ASCIILower(col)
	for _, w := range []string{"career", "education", "workexperience", "employmenthistory", "workhistory", "biography"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// cell reads a cell of a career column.
func cell(s string) (detectors.Match, bool) {
	start, end := textscan.TrimSpan(s, 0, len(s))
	for start < end && (s[start] == '\n' || s[start] == '\r') {
		start++
	}
	if start >= end || formfield.Placeholder(s[start:end]) {
		return detectors.Match{}, false
	}
	end = formfield.Cut(s, start, end, maxLen)
	v := s[start:end]
	if !hasMarker(v) || posting(v) {
		return detectors.Match{}, false
	}
	conf := UndatedColumnConfidence
	if hasDate(v, false) {
		conf = ColumnConfidence
	}
	_, end = textscan.TrimSpan(s, start, end)
	return detectors.Match{
		Type: pii.Career, Start: start, End: end,
		Value: formfield.Summary(s[start:end], MaxValueRunes), Confidence: conf,
	}, true
}

// section reads the entries after a label that ends at s[labelEnd], from
// s[j] on.
func section(s string, labelEnd, j int) (detectors.Match, bool) {
	var (
		first, last span
		n, misses   int
		blank       bool
	)
	pos := j
	if pos < len(s) && s[pos] == '\n' {
		pos++ // the label ends its line
	}
lines:
	for line := 0; line < maxLines && pos < len(s); line++ {
		if n == 0 && pos-labelEnd > maxGap || n > 0 && pos-first.start > maxLen {
			break
		}
		le := textscan.LineEnd(s, pos, maxLen)
		ls, lend := textscan.TrimSpan(s, pos, le)
		switch {
		case ls == lend:
			if n > 0 || blank {
				break lines
			}
			blank = true
		case line > 0 && heading(s, ls, lend):
			break lines
		default:
			found := false
			eachSegment(s, ls, lend, func(seg span) {
				if !isEntry(s[seg.start:seg.end], n > 0) {
					return
				}
				found = true
				switch {
				case n == 0:
					first, last, n = seg, seg, 1
				case seg.end-first.start <= maxLen:
					last = seg
					n++
				}
			})
			if found {
				misses = 0
			} else if misses++; misses > maxMisses {
				break lines
			}
		}
		if le >= len(s) || s[le] != '\n' {
			break // the end of the text, or a line longer than maxLen
		}
		pos = le + 1
	}
	if n == 0 {
		return detectors.Match{}, false
	}
	conf := EntryConfidence
	if n >= 2 {
		conf = HistoryConfidence
	}
	end := formfield.Cut(s, first.start, last.end, maxLen) // one long sentence: cut
	return detectors.Match{
		Type: pii.Career, Start: first.start, End: end,
		Value: formfield.Summary(s[first.start:first.end], MaxValueRunes), Confidence: conf,
	}, true
}

// span is a byte range of the text.
type span struct{ start, end int }

// eachSegment calls fn for the sentences of the line s[ls:le]: the line
// split after each "。" (a prose biography), trimmed.
func eachSegment(s string, ls, le int, fn func(span)) {
	for ls < le {
		e := le
		if k := strings.Index(s[ls:le], "。"); k >= 0 {
			e = ls + k + len("。")
		}
		a, b := textscan.TrimSpan(s, ls, e)
		if a < b {
			fn(span{a, b})
		}
		ls = e
	}
}

// heading reports whether the line s[ls:le] starts another section: a
// career label heading it, or a bracketed title without a date
// ("【資格】", "[Skills]").
func heading(s string, ls, le int) bool {
	if a, _ := labels.First(s[ls:le]); a >= 0 && formfield.Heads(s, ls+a) {
		return true
	}
	l := s[ls:le]
	for _, open := range []string{"【", "[", "<", "#", "《", "〈"} {
		if strings.HasPrefix(l, open) {
			return !hasDate(l, false)
		}
	}
	return false
}
