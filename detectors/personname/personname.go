package personname

import (
	"slices"
	"strings"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/memo"
	"github.com/mailsift/mailsift/detectors/internal/names"
	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/detectors/internal/signature"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match. A name needs two signals to be reported with
// high confidence (pii-formats B13): one from where it stands (a header
// display name, a signature block, an honorific, a label or a table
// column) and one from what it is (the IPA dictionary tags it 姓/名, or
// the name lists know it, or the e-mail address repeats it).
const (
	// FullConfidence: structure and a dictionary surname and given name.
	FullConfidence = 0.95
	// ConfirmedConfidence: structure and one dictionary word (a surname
	// alone, "田中様"; a given name alone, "Taro").
	ConfirmedConfidence = 0.9
	// ReadingConfidence: a kana reading under a フリガナ label or column, or
	// next to a confirmed name.
	ReadingConfidence = 0.85
	// StructureConfidence: only a strong structural signal (a header
	// display name, a 氏名 label or column) with the letters of a name, and
	// no dictionary entry: rare names kagome misses ("小鳥遊ひなた"). Weaker
	// single signals (an honorific or a signature line alone) are not
	// reported at all: a false name means a letter to someone unaffected.
	StructureConfidence = 0.5
)

// maxName is the longest name reported, in bytes (about 40 kanji).
const maxName = 120

// Detector finds person names. Candidates come only from cheap structural
// signals found by one pass over the text (honorifics, labels, salutations,
// signature delimiters and contact labels); kagome (IPA dictionary) runs
// only on small windows around them, never over all text. The dictionary
// is loaded on first use. What a Detector learns about a line or a name
// by its text alone (its signature parts, kagome's reading of a name) it
// keeps across calls in bounded caches: mail repeats signatures and
// quoted replies from message to message. A Detector is safe for
// concurrent use.
type Detector struct {
	lex   *names.Lexicon
	sig   *signature.Cache        // signature lines; nil: none
	kinds *memo.Cache[names.Kind] // jaKinds by value; nil: per call only
}

// Bounds of the name cache: names are short (maxName bytes at most).
const cacheKinds = 8192

// cueSet finds the cues in one pass (read-only).
var cueSet = func() *rule.Cues {
	words := make([]string, len(cues))
	for i, c := range cues {
		words[i] = c.word
	}
	return rule.NewCues(words...)
}()

// New returns a person-name detector.
func New() *Detector {
	return NewWithLexicon(names.NewLexicon())
}

// NewWithLexicon returns a detector that shares lex (and its loaded
// dictionary) with other detectors.
func NewWithLexicon(lex *names.Lexicon) *Detector {
	return &Detector{lex: lex, sig: signature.NewCache(), kinds: memo.New[names.Kind](memo.Options{Entries: cacheKinds, MaxKey: maxName})}
}

// NewUncached returns a detector that keeps nothing across Detect calls:
// it finds what NewWithLexicon's detector finds, more slowly (tests hold
// the caches to that).
func NewUncached(lex *names.Lexicon) *Detector {
	return &Detector{lex: lex}
}

// Name implements detectors.Detector.
func (*Detector) Name() string { return "person_name" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.PersonName} }

// Keywords implements detectors.Detector: the cues, each of which can
// start a candidate. Table cells under a 氏名 column hold none of them;
// see the package report on Column and the prefilter.
func (*Detector) Keywords() []string {
	out := make([]string, 0, len(cues))
	for _, c := range cues {
		if !slices.Contains(out, c.word) {
			out = append(out, c.word)
		}
	}
	return out
}

// MaxLen implements detectors.Detector.
func (*Detector) MaxLen() int { return maxName }

// Detect implements detectors.Detector.
func (d *Detector) Detect(t *detectors.Text) []detectors.Match {
	var f finder
	f.d, f.t = d, t
	f.sig = signature.For(t, d.sig) // shared with company and title
	switch {
	case nameColumn(t.Column) != colNone:
		f.cell()
	case headerField(t.Field):
		f.header()
	default:
		f.body()
	}
	return f.result()
}

// headerField reports whether field is an address header, also of a
// forwarded message ("attachment:fwd.eml/header:From").
func headerField(field string) bool {
	i := strings.LastIndex(field, "header:")
	if i < 0 {
		return false
	}
	switch strings.ToLower(field[i+len("header:"):]) {
	case "from", "to", "cc", "bcc", "reply-to", "sender":
		return true
	}
	return false
}

// finder collects the matches of one Detect call.
type finder struct {
	d     *Detector
	t     *detectors.Text
	ms    []detectors.Match
	sig   *signature.Parser     // signature blocks of t.Norm, parsed once
	kinds map[string]names.Kind // jaKinds by value, in this call
}

// add records a name at t.Norm[start:end]; value is the text to
// normalize. A later, better match of the same span wins.
func (f *finder) add(start, end int, conf float64) {
	if start < 0 || end > len(f.t.Norm) || start >= end || end-start > maxName {
		return
	}
	start = afterPrefixes(f.t.Norm, start, end)
	v := value(f.t.Norm[start:end])
	if len(v) < 2 {
		return // "" or an initial left by a form of address ("Mrs. W")
	}
	for i := range f.ms {
		m := &f.ms[i]
		if m.Start == start && m.End == end {
			m.Confidence = max(m.Confidence, conf)
			return
		}
	}
	f.ms = append(f.ms, detectors.Match{Type: pii.PersonName, Start: start, End: end, Value: v, Confidence: conf})
}

func (f *finder) result() []detectors.Match {
	// Where spans overlap, keep the longer one ("田中 太郎" over "田中").
	slices.SortFunc(f.ms, func(a, b detectors.Match) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	out := f.ms[:0]
	for _, m := range f.ms {
		if n := len(out); n > 0 && m.Start < out[n-1].End {
			if m.End-m.Start > out[n-1].End-out[n-1].Start {
				out[n-1] = m
			}
			continue
		}
		out = append(out, m)
	}
	return out
}

// value is the normalized form of a name: NFKC (the text is normalized
// already) with spaces removed, and for "Suzuki, Ichiro" the comma too.
func value(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == ',' || r == '"' {
			return -1
		}
		return r
	}, s)
}

// namePrefixes are words before a Latin name that are not part of it:
// forms of address and a byline's "By" ("Mrs. Anne Kojo", "By Andrew
// Marshall", "Barrister John Okafor", "Engr. Musa Bello" as display names
// and signature lines write them).
var namePrefixes = []string{"mr.", "mrs.", "ms.", "dr.", "prof.", "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "by", "attn:", "attn",
	"barrister", "barr.", "engr.", "engr", "rev.", "hon.", "madam", "mme.", "mme", "mister"}

// afterPrefixes moves start past such words at the start of s[start:end]
// when a capitalized word follows them.
func afterPrefixes(s string, start, end int) int {
	for again := true; again; {
		again = false
		for _, p := range namePrefixes {
			v := s[start:end]
			if !textscan.HasPrefixFold(v, p) {
				continue
			}
			i := len(p)
			for i < len(v) && v[i] == ' ' {
				i++
			}
			if i == len(p) && p[len(p)-1] != '.' && p[len(p)-1] != ':' {
				continue // "Mrs" must end its word: "Byron", "Drake"
			}
			if i < len(v) && v[i] >= 'A' && v[i] <= 'Z' {
				start += i
				again = true
				break
			}
		}
	}
	return start
}
