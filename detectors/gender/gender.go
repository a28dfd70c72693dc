package gender

import (
	"strings"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// Normalized values of a match.
const (
	Male   = "male"
	Female = "female"
	Other  = "other"
)

// Confidence of a match.
const (
	// LabelConfidence is for a value after a label or in a gender column.
	LabelConfidence = 0.9
	// MarkedConfidence is for the ticked option of a form ("■男 □女").
	MarkedConfidence = 0.85
	// TupleConfidence is for a gender next to an age in parentheses:
	// "(35歳・男性)".
	TupleConfidence = 0.8
)

// Detector finds genders. A gender word alone (男性, female) is not
// reported: it must follow a label (性別, Sex, Gender) or stand in a column
// with such a header, or share parentheses with an age ("山田様（35歳・
// 男性）"). A form that lists the options ("性別：男・女", "Sex: M/F") is
// not a value unless one option is ticked. Values are normalized to
// "male", "female" or "other". A Detector is stateless and safe for
// concurrent use.
type Detector struct{}

// New returns a gender detector.
func New() *Detector { return &Detector{} }

// Name implements detectors.Detector.
func (*Detector) Name() string { return "gender" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.Gender} }

// Keywords implements detectors.Detector.
func (*Detector) Keywords() []string { return []string{"性別", "性 別", "sex", "gender", "歳"} }

// maxLen bounds a value: "ノンバイナリー" is 21 bytes.
const maxLen = 32

// MaxLen implements detectors.Detector.
func (*Detector) MaxLen() int { return maxLen }

// Detect implements detectors.Detector.
func (*Detector) Detect(t *detectors.Text) []detectors.Match {
	s := t.Norm
	var ms []detectors.Match
	if isGenderColumn(t.Column) {
		if m, ok := columnValue(s); ok {
			return []detectors.Match{m}
		}
	}
	for _, lb := range findLabels(s) {
		if m, ok := afterLabel(s, lb); ok {
			ms = appendMatch(ms, m)
		}
	}
	for _, m := range tuples(s) {
		ms = appendMatch(ms, m)
	}
	sortMatches(ms)
	return ms
}

// appendMatch adds m unless a match at the same place is there already.
func appendMatch(ms []detectors.Match, m detectors.Match) []detectors.Match {
	for _, o := range ms {
		if m.Start < o.End && o.Start < m.End {
			return ms
		}
	}
	return append(ms, m)
}

func sortMatches(ms []detectors.Match) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Start < ms[j-1].Start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// genderColumn holds the words of a gender column header.
var genderColumn = textscan.NewWordPrefixes("性別", "sex", "gender")

func isGenderColumn(col string) bool {
	return col != "" && genderColumn.LastEnd(strings.ReplaceAll(col, " ", "")) >= 0
}

// columnValue reads a cell of a gender column: the whole cell is a value,
// or one ticked option.
func columnValue(s string) (detectors.Match, bool) {
	t := strings.TrimSpace(s)
	if t == "" {
		return detectors.Match{}, false
	}
	start := strings.Index(s, t)
	if v, n, ok := value(t); ok && n == len(t) {
		return detectors.Match{Type: pii.Gender, Start: start, End: start + n, Value: v, Confidence: LabelConfidence}, true
	}
	if m, ok := options(s, start, start+len(t)); ok {
		return m, true
	}
	return detectors.Match{}, false
}
