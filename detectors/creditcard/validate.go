package creditcard

import "strconv"

// Valid reports whether digits, 13 to 19 ASCII digits, can be a payment
// card number by bulk_extractor's tests (pii-formats B12,
// src/scan_ccns2.cpp): an issuer prefix that issues numbers of that
// length, the Luhn check, the pattern test (the first four 4-digit groups
// a, b, c, d with b−a = c−d are made up, e.g. "1234 5678 1234 5678" or
// test patterns) and the histogram test (no digit more than 7 times, and
// not two digits more than 4 times each: "4111 1111 1111 1111").
func Valid(digits string) bool {
	n := len(digits)
	if n < 13 || n > 19 {
		return false
	}
	for i := 0; i < n; i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	return Issuer(digits) != "" && Luhn(digits) && patternOK(digits) && histogramOK(digits)
}

// Luhn reports whether the ASCII digits pass the Luhn (mod 10) check.
func Luhn(digits string) bool {
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		v := int(digits[i] - '0')
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		double = !double
	}
	return sum%10 == 0
}

// issuers are the issuer prefix ranges (IIN) with the lengths they issue,
// after bulk_extractor's table (from Wikipedia's "Payment card number"),
// updated for Mastercard's 2-series, Mir and today's lengths. Prefixes are
// compared on the first six digits: lo and hi are six-digit bounds.
var issuers = []struct {
	name         string
	lo, hi       int
	minLen, maxL int
}{
	{"visa", 400000, 499999, 16, 16},
	{"visa", 400000, 499999, 13, 13}, // legacy
	{"visa", 400000, 499999, 19, 19},
	{"mastercard", 510000, 559999, 16, 16},
	{"mastercard", 222100, 272099, 16, 16},
	{"amex", 340000, 349999, 15, 15},
	{"amex", 370000, 379999, 15, 15},
	{"jcb", 352800, 358999, 16, 19},
	{"diners", 300000, 305999, 14, 19},
	{"diners", 309500, 309599, 16, 19},
	{"diners", 360000, 369999, 14, 19},
	{"diners", 380000, 399999, 16, 19},
	{"discover", 601100, 601199, 16, 19},
	{"discover", 644000, 659999, 16, 19},
	{"unionpay", 620000, 629999, 16, 19},
	{"maestro", 501800, 501899, 16, 19},
	{"maestro", 502000, 502099, 16, 19},
	{"maestro", 503800, 503899, 16, 19},
	{"maestro", 589300, 589399, 16, 19},
	{"maestro", 630400, 630499, 16, 19},
	{"maestro", 675900, 675999, 16, 19},
	{"maestro", 676100, 676399, 16, 19},
	{"mir", 220000, 220499, 16, 19},
}

// Issuer returns the issuer whose prefix and length digits has ("visa",
// "mastercard", "amex", "jcb", "diners", "discover", "unionpay",
// "maestro", "mir"), or "".
func Issuer(digits string) string {
	if len(digits) < 6 {
		return ""
	}
	p, err := strconv.Atoi(digits[:6])
	if err != nil {
		return ""
	}
	n := len(digits)
	for _, is := range issuers {
		if p >= is.lo && p <= is.hi && n >= is.minLen && n <= is.maxL {
			return is.name
		}
	}
	return ""
}

// patternOK is bulk_extractor's pattern_test: with a, b, c, d the values
// of the 4-digit groups at offsets 0, 4, 8 and 12 (d has fewer digits in
// a number shorter than 16), b−a = c−d marks a made-up number.
func patternOK(digits string) bool {
	a, b, c := atoi(digits[0:4]), atoi(digits[4:8]), atoi(digits[8:12])
	d := atoi(digits[12:min(16, len(digits))])
	return b-a != c-d
}

// histogramOK is bulk_extractor's histogram_test.
func histogramOK(digits string) bool {
	var counts [10]int
	for i := 0; i < len(digits); i++ {
		counts[digits[i]-'0']++
	}
	over4 := 0
	for _, c := range counts {
		if c > 7 {
			return false
		}
		if c > 4 {
			over4++
		}
	}
	return over4 < 2
}

func atoi(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}
