package mrz

import (
	"strings"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/pii"
)

// Detector finds machine-readable zones in text with Parse and reports,
// for each zone accepted, the passport number (passports only: the number
// of an ID card or visa is not a passport number), the birth date, the
// nationality (as NationalityCode gives it: DEU for "D", none for an
// organisation's or an unspecified one) and the sex, each with the zone's
// Confidence. A field whose check digit failed is not reported, nor a
// code that is not in the ICAO list. The zero value is ready to use and
// safe for concurrent use.
type Detector struct{}

// New returns an MRZ detector.
func New() *Detector { return &Detector{} }

// Name implements detectors.Detector.
func (*Detector) Name() string { return "mrz" }

// OCRProof: every MRZ field carries a check digit, so findings in OCR text
// keep their confidence (detectors.OCRProof).
func (*Detector) OCRProof() {}

// Types implements detectors.Detector.
func (*Detector) Types() []string {
	return []string{pii.Passport, pii.BirthDate, pii.Nationality, pii.Gender}
}

// keywords: every zone has a run of fillers — the "<<" between surname
// and given names, or the run after them — that OCR reads as "<<", '«'
// or, with the Japanese model, "くく". Detect reports only zones that
// hold one, so the prefilter never hides a zone.
var keywords = []string{"<<", "«", "くく"}

// Keywords implements detectors.Detector.
func (*Detector) Keywords() []string { return keywords }

// MaxLen implements detectors.Detector: the longest field reported, a
// TD1 long document number of up to 22 characters, each up to 3 bytes.
func (*Detector) MaxLen() int { return 3 * 24 }

// Detect implements detectors.Detector.
func (*Detector) Detect(t *detectors.Text) []detectors.Match {
	var ms []detectors.Match
	for _, d := range Parse(t.Norm) {
		zone := t.Norm[d.Span.Start:d.Span.End]
		if !hasKeyword(zone) {
			continue
		}
		conf := d.Confidence()
		add := func(typ, value string, sp Span) {
			if value != "" && sp.End > sp.Start {
				ms = append(ms, detectors.Match{Type: typ, Start: sp.Start, End: sp.End, Value: value, Confidence: conf})
			}
		}
		if d.IsPassport() {
			add(pii.Passport, d.Number, d.NumberSpan)
		}
		add(pii.BirthDate, d.BirthDate, d.BirthSpan)
		if nat, ok := NationalityCode(d.Nationality); ok {
			add(pii.Nationality, nat, d.NationalitySpan)
		}
		add(pii.Gender, d.Sex, d.SexSpan)
	}
	return ms
}

func hasKeyword(s string) bool {
	for _, k := range keywords {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}
