package age

import (
	"slices"
	"strconv"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match.
const (
	// LabelConfidence is for an age after a label (年齢: 42, Age: 35), with
	// 満/当時/現在/享年 in front, or in an age column.
	LabelConfidence = 0.9
	// PersonConfidence is for "NN歳" next to a gender or in parentheses
	// after a name: "(35歳)", "35歳・男性", "女性 42歳".
	PersonConfidence = 0.85
	// BareConfidence is for "NN歳" or "NN years old" with no other sign
	// that a person is meant.
	BareConfidence = 0.7
)

// MaxAge is the oldest age reported.
const MaxAge = 120

// Detector finds ages. Decisions (pii-formats has no age section; ours):
//
//   - "NN歳/才" and "NN years old" are ages by their unit; without a label
//     they are reported at BareConfidence, as they are nearly always
//     someone's age in mail. A bare number ("42") is an age only after a
//     label or in an age column.
//   - Not ages of a person: thresholds and ranges (20歳以上, 18歳未満,
//     65歳から, 3〜5歳, 30歳代, under 18, ages 3-5), groups and programmes
//     (3歳児健診, 3歳児), averages and limits (平均年齢, 対象年齢, 定年60歳,
//     年齢制限, average age, minimum age), non-person ages (肌年齢,
//     精神年齢, 血管年齢), and 歳 in words (歳入, 歳出, 歳末, 歳月, 歳差).
//   - Years of a company or building (創業100年, 築30年) use 年, not 歳,
//     and are never candidates.
//   - English ages of no one (general.go): the age of a thing or of a class
//     of people after "N-year-old" ("a 14 year old fortune 500 company",
//     "18 year old girls"), general statements ("after the age of 21", "at
//     age 20" in a sentence about people at large) unless a person is
//     named in the sentence, policy limits ("expires at age 95"), example
//     people and comparisons ("Assumes 55 year old", "your 17-year-old
//     son", "that of a 40 year old").
//
// Ages above MaxAge are rejected. A Detector is stateless and safe for
// concurrent use.
type Detector struct{}

// New returns an age detector.
func New() *Detector { return &Detector{} }

// Name implements detectors.Detector.
func (*Detector) Name() string { return "age" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.Age} }

// Keywords implements detectors.Detector.
func (*Detector) Keywords() []string {
	return []string{"歳", "才", "年齢", "age", "years old", "year old", "year-old", "yrs old", "y/o"}
}

// maxLen bounds a match: "百二十歳" is 12 bytes, "120 years old" 13.
const maxLen = 32

// MaxLen implements detectors.Detector.
func (*Detector) MaxLen() int { return maxLen }

// candidate is a possible age.
type candidate struct {
	start, end int
	value      int
	confidence float64
}

// Detect implements detectors.Detector.
func (*Detector) Detect(t *detectors.Text) []detectors.Match {
	var cs []candidate
	s := t.Norm
	cs = unitAges(s, cs)
	cs = labelAges(s, cs)
	cs = englishAges(s, cs)
	if isAgeColumn(t.Column) {
		if c, ok := columnAge(s); ok {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return nil
	}
	slices.SortFunc(cs, func(a, b candidate) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	var ms []detectors.Match
	for _, c := range cs {
		if c.value < 0 || c.value > MaxAge {
			continue
		}
		if n := len(ms); n > 0 && c.start < ms[n-1].End {
			// Overlap ("年齢: 35歳" found as label and as unit): keep the
			// more confident, on the wider span.
			if c.confidence > ms[n-1].Confidence {
				ms[n-1].Confidence = c.confidence
			}
			continue
		}
		ms = append(ms, detectors.Match{
			Type: pii.Age, Start: c.start, End: c.end,
			Value: strconv.Itoa(c.value), Confidence: c.confidence,
		})
	}
	return ms
}
