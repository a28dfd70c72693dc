package passport

import (
	"strings"

	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// Lengths of passport numbers.
const (
	japaneseLen = 9 // two letters, seven digits
	minForeign  = 8 // India A1234567, Canada AB123456
	maxForeign  = 9 // ICAO document number field
)

// scanJapanese yields the tokens of two ASCII letters and seven digits
// that stand alone (rule.StandsAlone, and no digit touches them).
func scanJapanese(s string, yield func(start, end int) bool) {
	// Find seven digits, then look back for the two letters: digits are
	// rarer than letters in mail.
	for i := 2; i+7 <= len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		start, end := i-2, j
		ok := j-i == 7 && textscan.IsLetter(s[i-1]) && textscan.IsLetter(s[i-2]) &&
			(start == 0 || !isAlnum(s[start-1])) && (end == len(s) || !isAlnum(s[end])) &&
			rule.StandsAlone(s, start, end)
		i = j
		if ok && !yield(start, end) {
			return
		}
	}
}

func validateJapanese(cand string) (string, float64, bool) {
	v := strings.ToUpper(cand)
	if !isJapanese(v) {
		return "", 0, false
	}
	if v[0] != 'T' && v[0] != 'M' {
		return v, otherSeriesFactor, true
	}
	return v, 1, true
}

// isJapanese reports whether v, upper-case, has the Japanese format
// [A-Z]{2}[0-9]{7} (pii-formats B3).
func isJapanese(v string) bool {
	if len(v) != japaneseLen || !isUpper(v[0]) || !isUpper(v[1]) {
		return false
	}
	for i := 2; i < len(v); i++ {
		if !isDigit(v[i]) {
			return false
		}
	}
	return true
}

// ValidForeign reports whether v, upper-case, can be a foreign passport
// number: 8 to 9 letters and digits (ICAO 9303 allows 9 in the MRZ), at
// least 5 of them digits and at most 3 letters (US and UK 9 digits, DE
// "C01X00T47", FR "12AB34567", CN "E12345678", IN "A1234567"), not all one
// digit and not an 8-digit date (YYYYMMDD), which follows "passport
// expiry" labels.
func ValidForeign(v string) bool {
	if len(v) < minForeign || len(v) > maxForeign {
		return false
	}
	digits, letters, same := 0, 0, true
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case isDigit(c):
			digits++
		case isUpper(c):
			letters++
		default:
			return false
		}
		same = same && v[i] == v[0]
	}
	if digits < 5 || letters > 3 || same {
		return false
	}
	return !(letters == 0 && len(v) == 8 && (v[:2] == "19" || v[:2] == "20"))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
