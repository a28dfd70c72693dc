package passport

import (
	"strings"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/mrz"
)

// KnownFormat reports whether v, upper-case, has the format of the
// passport numbers of a known state (mrz.KnownPassportNumber): letters
// then digits as each state has them, or the German alphabet, which
// leaves out the letters OCR confuses with digits.
func KnownFormat(v string) bool { return isJapanese(v) || mrz.KnownPassportNumber(v) }

// checkOCR keeps, of the matches ms in text read from pixels, those that
// a passport's machine-readable zone nearby confirms or, without one,
// those of a known national format. A data page prints the number twice,
// in its field and in the zone, and OCR misreads the field (TK1234567 as
// 7K1234567 or TKI234567) as often as any text, while the zone's number
// has a check digit. So where a zone nearby gives a checked number, a
// match is kept only when it is that number, up to the characters OCR
// confuses, and then takes it as its value. Where the zone's own reading
// of its number failed the check, a match must pass the zone's check
// digit (a misread passes it one time in ten). Without a zone, a number
// must have a KnownFormat: letters and digits mixed in no state's way are
// misreads (TK1234S67) or the noise of a photo or hologram next to the
// PASSPORT title. Nor may it hold a lower-case letter: numbers are
// printed in capitals, and OCR's language model puts lower case where it
// misread them (Te310318).
func checkOCR(t *detectors.Text, ms []detectors.Match) []detectors.Match {
	out := ms[:0]
	for _, m := range ms {
		numbers, checks := zoneNumbers(t.Norm, m.Start, m.End)
		switch {
		case len(numbers) > 0:
			for _, n := range numbers {
				if sameNumber(m.Value, n) {
					m.Value = n
					out = append(out, m)
					break
				}
			}
		case len(checks) > 0:
			for _, cd := range checks {
				if mrz.Valid(m.Value, cd) {
					out = append(out, m)
					break
				}
			}
		case KnownFormat(m.Value) && !hasLower(t.Norm[m.Start:m.End]):
			out = append(out, m)
		}
	}
	return out
}

// zoneNumbers returns the checked numbers of the passport zones in the
// whole lines of s within MaxContext bytes of [start, end), the reach of
// a detector's decision (a piece of a line cut by the window's edge is
// not read: the end of a passport's line would read as an ID card's), and
// the check digits of those whose number failed its check.
func zoneNumbers(s string, start, end int) (numbers []string, checks []byte) {
	lo, hi := 0, len(s)
	if from := start - detectors.MaxContext; from >= 0 {
		i := strings.IndexByte(s[from:], '\n')
		if i < 0 {
			return nil, nil
		}
		lo = from + i + 1
	}
	if to := end + detectors.MaxContext; to < len(s) {
		hi = max(strings.LastIndexByte(s[:to], '\n'), 0)
	}
	if lo >= hi {
		return nil, nil
	}
	for _, d := range mrz.Parse(s[lo:hi]) {
		switch {
		case !d.IsPassport():
		case d.Number != "":
			numbers = append(numbers, d.Number)
		case d.NumberCheck != 0:
			checks = append(checks, d.NumberCheck)
		}
	}
	return numbers, checks
}

// sameNumber reports whether v is number n as OCR may have read it: the
// same length, and every other character one OCR confuses with n's.
func sameNumber(v, n string) bool {
	if len(v) != len(n) {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] != n[i] && !confused(v[i], n[i]) {
			return false
		}
	}
	return true
}

// confusions are the pairs of characters OCR reads for one another in
// passport numbers.
var confusions = []string{"O0", "D0", "Q0", "I1", "L1", "T1", "T7", "Z2", "S5", "G6", "B8"}

func confused(a, b byte) bool {
	for _, p := range confusions {
		if (a == p[0] && b == p[1]) || (a == p[1] && b == p[0]) {
			return true
		}
	}
	return false
}

// hasLower reports whether s holds a lower-case letter that does not
// look like its capital: OCR reads the x of X7747612 as it likes, but an
// e for a character printed in capitals is a misread.
func hasLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' && strings.IndexByte("ckopsuvwxz", c) < 0 {
			return true
		}
	}
	return false
}
