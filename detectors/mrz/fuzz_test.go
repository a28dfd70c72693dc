package mrz

import (
	"regexp"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/pii"
)

var (
	numberRE = regexp.MustCompile(`^[A-Z0-9][A-Z0-9<]*$`)
	dateRE   = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// FuzzParse: on any text Parse and Detect do not panic, spans lie inside
// the text on rune boundaries and in order, values have their normalized
// form, and Detect keeps the Detector contract. Seeds: the examples.
func FuzzParse(f *testing.F) {
	d := New()
	ex := d.Examples()
	for _, s := range append(ex.Positives, ex.Negatives...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // Detect sees normalized text only; Parse is checked on it below
		}
		prev := 0
		for _, doc := range Parse(s) {
			for _, sp := range []Span{doc.Span, doc.NumberSpan, doc.BirthSpan, doc.NationalitySpan, doc.SexSpan} {
				if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End {
					t.Fatalf("span %v out of range of %d bytes", sp, len(s))
				}
			}
			if doc.Span.Start < prev {
				t.Errorf("zones overlap or are out of order at %d", doc.Span.Start)
			}
			prev = doc.Span.End
			if doc.Number != "" && !numberRE.MatchString(doc.Number) {
				t.Errorf("number %q not in normalized form", doc.Number)
			}
			if doc.BirthDate != "" && !dateRE.MatchString(doc.BirthDate) {
				t.Errorf("birth date %q not YYYY-MM-DD", doc.BirthDate)
			}
			if !slices.Contains([]string{"", "M", "F", "X"}, doc.Sex) {
				t.Errorf("sex %q", doc.Sex)
			}
		}
		tx := detectors.Normalize(s)
		for _, m := range d.Detect(tx) {
			if m.Start < 0 || m.End > len(tx.Norm) || m.Start >= m.End {
				t.Fatalf("match [%d,%d) out of range", m.Start, m.End)
			}
			if !utf8.RuneStart(tx.Norm[m.Start]) || (m.End < len(tx.Norm) && !utf8.RuneStart(tx.Norm[m.End])) {
				t.Errorf("match [%d,%d) not on rune boundaries", m.Start, m.End)
			}
			if m.End-m.Start > d.MaxLen() || m.Value == "" || !(m.Confidence > 0 && m.Confidence <= 1) {
				t.Errorf("bad match %+v", m)
			}
			if m.Type == pii.BirthDate && !dateRE.MatchString(m.Value) {
				t.Errorf("birth date value %q", m.Value)
			}
		}
	})
}
