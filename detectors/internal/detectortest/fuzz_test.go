package detectortest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/pii"
)

// keyTel is telDetector with "tel" as its keyword and its own examples.
type keyTel struct{ telDetector }

func (keyTel) Keywords() []string { return []string{"tel"} }
func (keyTel) Examples() detectors.Examples {
	return detectors.Examples{Positives: []string{"a tel", "ｔｅｌ ｔｅｌ"}, Negatives: []string{"phone"}}
}

// upperSpan is the rule telDetector's values keep.
var upperSpan = Rules{Valid: func(v, span string) bool { return v == strings.ToUpper(span) }}

// recorder is a testing.TB that records the errors reported to it.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestCheckMatches checks that each check of CheckMatches fails a match
// that breaks it, and only that one.
func TestCheckMatches(t *testing.T) {
	const near = "x tel é tel" // é is bytes 6 and 7
	far := "tel " + Filler(2*detectors.MaxContext) + " abc"
	tel := func(start, end int) detectors.Match {
		return detectors.Match{Type: pii.Phone, Start: start, End: end, Value: "TEL", Confidence: 0.5}
	}
	with := func(m detectors.Match, change func(*detectors.Match)) []detectors.Match {
		change(&m)
		return []detectors.Match{m}
	}
	abc := detectors.Match{Type: pii.Phone, Start: len(far) - 3, End: len(far), Value: "ABC", Confidence: 0.5}
	tests := []struct {
		name         string
		d            detectors.Detector
		text, column string
		ms           []detectors.Match
		r            Rules
		want         string // in the one error reported; "" for none
	}{
		{"good", keyTel{}, near, "", []detectors.Match{tel(2, 5), tel(9, 12)}, upperSpan, ""},
		{"past the end", keyTel{}, near, "", []detectors.Match{tel(10, 13)}, Rules{}, "out of range"},
		{"empty span", keyTel{}, near, "", []detectors.Match{tel(5, 5)}, Rules{}, "out of range"},
		{"inside a rune", keyTel{}, near, "", []detectors.Match{tel(7, 8)}, Rules{}, "rune boundaries"},
		{"too long", keyTel{}, near, "", []detectors.Match{tel(2, 8)}, Rules{}, "longer than MaxLen"},
		{"unknown type", keyTel{}, near, "", with(tel(2, 5), func(m *detectors.Match) { m.Type = "nope" }), Rules{}, "not in Types"},
		{"zero confidence", keyTel{}, near, "", with(tel(2, 5), func(m *detectors.Match) { m.Confidence = 0 }), Rules{}, "not in (0,1]"},
		{"confidence above 1", keyTel{}, near, "", with(tel(2, 5), func(m *detectors.Match) { m.Confidence = 1.5 }), Rules{}, "not in (0,1]"},
		{"empty value", keyTel{}, near, "", with(tel(2, 5), func(m *detectors.Match) { m.Value = "" }), upperSpan, "empty or invalid value"},
		{"invalid value", keyTel{}, near, "", with(tel(2, 5), func(m *detectors.Match) { m.Value = "\xff" }), Rules{}, "empty or invalid value"},
		{"no keyword near", keyTel{}, far, "", []detectors.Match{abc}, Rules{}, "no keyword within MaxContext"},
		{"no keyword near, in a column", keyTel{}, far, "Tel", []detectors.Match{abc}, Rules{}, ""},
		{"no keyword near, no keywords", telDetector{}, far, "", []detectors.Match{abc}, Rules{}, ""},
		{"out of order", keyTel{}, near, "", []detectors.Match{tel(9, 12), tel(2, 5)}, Rules{Ordered: true}, "starts before the end"},
		{"overlapping", keyTel{}, near, "", []detectors.Match{tel(2, 5), tel(4, 5)}, Rules{Ordered: true}, "starts before the end"},
		{"out of order, allowed", keyTel{}, near, "", []detectors.Match{tel(9, 12), tel(2, 5)}, Rules{}, ""},
		{"bad value", keyTel{}, near, "", with(tel(2, 5), func(m *detectors.Match) { m.Value = "XXX" }), upperSpan, "not well-formed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx := detectors.Normalize(tt.text)
			tx.Column = tt.column
			r := &recorder{TB: t}
			CheckMatches(r, tt.d, tx, tt.ms, tt.r)
			switch {
			case tt.want == "" && len(r.errs) > 0:
				t.Errorf("errors %q, want none", r.errs)
			case tt.want != "" && (len(r.errs) != 1 || !strings.Contains(r.errs[0], tt.want)):
				t.Errorf("errors %q, want one about %q", r.errs, tt.want)
			}
		})
	}
}

func TestAcceptExamples(t *testing.T) { AcceptExamples(t, keyTel{}) }

// FuzzTel and FuzzTelChunked run the fuzz helpers on their seeds.
func FuzzTel(f *testing.F) { FuzzDetect(f, keyTel{}, upperSpan, [2]string{"tel", "TEL"}) }

func FuzzTelChunked(f *testing.F) {
	FuzzDetectChunked(f, keyTel{}, upperSpan, [2]string{"tel", "TEL"})
}
