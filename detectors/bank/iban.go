package bank

import (
	"strings"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of an IBAN match. An IBAN validates itself: the country's
// exact length and BBAN format and the ISO 7064 mod-97 check together
// leave about one random string in 100 per format, so it is reported
// without a keyword (Presidio does the same), higher with one.
const (
	IBANKeywordConfidence = 0.95
	IBANConfidence        = 0.85
)

// maxIBAN is the longest IBAN (34 characters) written in groups of four.
const maxIBAN = 34 + 8

var ibanWords = textscan.NewWords("iban", "bic", "swift", "bank", "account", "口座", "振込", "銀行", "送金")

// IBANDetector finds IBANs, contiguous ("DE89370400440532013000") or in
// groups of four ("DE89 3704 0044 0532 0130 00"), upper-case as ISO 13616
// writes them, and reports them without spaces. It runs on every text:
// its scanner only looks closer at two capitals followed by two digits.
// It is read-only and safe for concurrent use.
type IBANDetector struct {
	ctx rule.Context
}

// NewIBAN returns an IBAN detector.
func NewIBAN() *IBANDetector {
	return &IBANDetector{ctx: rule.Context{
		Support: ibanWords, Before: 40, After: 10, Near: 40,
		NearConfidence: IBANKeywordConfidence, FarConfidence: IBANKeywordConfidence, NoneConfidence: IBANConfidence,
	}}
}

// Name implements detectors.Detector.
func (*IBANDetector) Name() string { return "iban" }

// Types implements detectors.Detector.
func (*IBANDetector) Types() []string { return []string{pii.BankAccount} }

// Keywords implements detectors.Detector: IBANs need no keyword.
func (*IBANDetector) Keywords() []string { return nil }

// MaxLen implements detectors.Detector.
func (*IBANDetector) MaxLen() int { return maxIBAN }

// Examples implements detectors.Exampler.
func (*IBANDetector) Examples() detectors.Examples { return ibanExamples }

// Detect implements detectors.Detector.
func (d *IBANDetector) Detect(t *detectors.Text) []detectors.Match {
	var ms []detectors.Match
	s := t.Norm
	for i := 0; i+4 <= len(s); i++ {
		if !isUpper(s[i]) || !isUpper(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) {
			continue
		}
		if i > 0 && isAlnum(s[i-1]) {
			continue
		}
		end, value, ok := readIBAN(s, i)
		if !ok || !ValidIBAN(value) || !rule.StandsAlone(s, i, end) {
			continue
		}
		ev := d.ctx.Judge(t, i, end)
		ms = append(ms, detectors.Match{Type: pii.BankAccount, Start: i, End: end, Value: value, Confidence: d.ctx.Confidence(ev)})
		i = end - 1
	}
	return ms
}

// readIBAN reads the IBAN that starts at s[i:] as long as its country
// says: contiguous, or in groups of four separated by one space. It
// returns the end of the IBAN in s and the IBAN without spaces.
func readIBAN(s string, i int) (end int, value string, ok bool) {
	n, known := ibanLengths[s[i:i+2]]
	if !known {
		return 0, "", false
	}
	var b [34]byte
	k, j := 0, i
	spaced := j+4 < len(s) && s[j+4] == ' '
	for k < n.length && j < len(s) {
		c := s[j]
		switch {
		case c == ' ' && spaced && k%4 == 0 && k > 0 && j+1 < len(s) && isAlnum(s[j+1]):
			j++
			continue
		case isUpper(c) || isDigit(c):
			b[k] = c
			k++
			j++
		default:
			return 0, "", false
		}
	}
	if k != n.length || (j < len(s) && isAlnum(s[j])) {
		return 0, "", false
	}
	return j, string(b[:k]), true
}

// ValidIBAN reports whether v, upper-case without spaces, is an IBAN: a
// known country code, that country's length and BBAN format (the SWIFT
// IBAN registry, as Presidio's iban_patterns.py encodes it), and the ISO
// 7064 mod 97-10 check (pii-formats B12).
func ValidIBAN(v string) bool {
	if len(v) < 5 {
		return false
	}
	c, ok := ibanLengths[v[:2]]
	if !ok || len(v) != c.length || !isDigit(v[2]) || !isDigit(v[3]) || !bbanOK(v[4:], c.bban) {
		return false
	}
	// Move the first four characters to the end, letters to 10..35.
	rem := 0
	for k := 0; k < len(v); k++ {
		ch := v[(k+4)%len(v)]
		switch {
		case isDigit(ch):
			rem = (rem*10 + int(ch-'0')) % 97
		case isUpper(ch):
			rem = (rem*100 + int(ch-'A'+10)) % 97
		default:
			return false
		}
	}
	return rem == 1
}

// bbanOK checks the BBAN against a format of SWIFT notation: runs of
// "<count><n|a|c>", n digits, a capitals, c capitals or digits.
func bbanOK(bban, format string) bool {
	i := 0
	for f := 0; f < len(format); {
		count := 0
		for f < len(format) && isDigit(format[f]) {
			count = count*10 + int(format[f]-'0')
			f++
		}
		if f >= len(format) || i+count > len(bban) {
			return false
		}
		kind := format[f]
		f++
		for _, ch := range []byte(bban[i : i+count]) {
			if kind == 'n' && !isDigit(ch) || kind == 'a' && !isUpper(ch) || kind == 'c' && !isUpper(ch) && !isDigit(ch) {
				return false
			}
		}
		i += count
	}
	return i == len(bban)
}

// ibanLengths holds each IBAN country's total length and BBAN format.
var ibanLengths = func() map[string]struct {
	length int
	bban   string
} {
	table := strings.Fields(`
AD 24 8n12c AE 23 19n AL 28 8n16c AT 20 16n AZ 28 4a20c BA 20 16n BE 16 12n BG 22 4a6n8c
BH 22 4a14c BI 27 23n BR 29 23n1a1c BY 28 4c4n16c CH 21 5n12c CR 22 18n CY 28 8n16c CZ 24 20n
DE 22 18n DJ 27 23n DK 18 14n DO 28 4c20n EE 20 16n EG 29 25n ES 24 20n FI 18 14n FK 18 2a12n
FO 18 14n FR 27 10n11c2n GB 22 4a14n GE 22 2a16n GI 23 4a15c GL 18 14n GR 27 7n16c GT 28 4c20c
HR 21 17n HU 28 24n IE 22 4a14n IL 23 19n IQ 23 4a15n IS 26 22n IT 27 1a10n12c JO 30 4a4n18c
KW 30 4a22c KZ 20 3n13c LB 28 4n20c LC 32 4a24c LI 21 5n12c LT 20 16n LU 20 3n13c LV 21 4a13c
LY 25 21n MC 27 10n11c2n MD 24 2c18c ME 22 18n MK 19 3n10c2n MN 20 16n MR 27 23n MT 31 4a5n18c
MU 30 4a19n3a NI 28 4a20n NL 18 4a10n NO 15 11n OM 23 3n16c PK 24 4a16c PL 28 24n PS 29 4a21c
PT 25 21n QA 29 4a21c RO 24 4a16c RS 22 18n RU 33 14n15c SA 24 2n18c SC 31 4a20n3a SD 18 14n
SE 24 20n SI 19 15n SK 24 20n SM 27 1a10n12c SO 23 19n ST 25 21n SV 28 4a20n TL 23 19n TN 24 20n
TR 26 5n1n16c UA 29 6n19c VA 22 18n VG 24 4a16n XK 20 16n YE 30 4a4n18c`)
	m := make(map[string]struct {
		length int
		bban   string
	}, len(table)/3)
	for i := 0; i+2 < len(table); i += 3 {
		n := 0
		for _, c := range []byte(table[i+1]) {
			n = n*10 + int(c-'0')
		}
		m[table[i]] = struct {
			length int
			bban   string
		}{n, table[i+2]}
	}
	return m
}()

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func isAlnum(c byte) bool { return isDigit(c) || (c|0x20) >= 'a' && (c|0x20) <= 'z' }
