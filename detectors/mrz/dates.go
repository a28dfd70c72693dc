package mrz

import "fmt"

// maxAge is the oldest a holder is taken to be at the document's expiry.
const maxAge = 120

// fullDates turns the YYMMDD expiry and birth date into YYYY-MM-DD.
//
// The expiry is 20YY, or 19YY for YY ≥ 70: MRZs date from the 1980s and
// no document issued today expires after 2069. The birth date takes the
// latest century that puts it on or before the expiry with the holder
// at most maxAge then: "150101" with expiry 2030 is 2015 (a child's
// passport), "850101" is 1985. Without a readable expiry the century is
// unknown and the birth date is "".
func fullDates(expiry, birth string, expiryOK, birthOK bool) (expiryFull, birthFull string) {
	if !expiryOK {
		return "", ""
	}
	ey, em, ed, ok := ymd(expiry)
	if !ok {
		return "", ""
	}
	if ey < 70 {
		ey += 2000
	} else {
		ey += 1900
	}
	if !validDate(ey, em, ed) {
		return "", ""
	}
	expiryFull = fmt.Sprintf("%04d-%02d-%02d", ey, em, ed)
	if !birthOK {
		return expiryFull, ""
	}
	by, bm, bd, ok := ymd(birth)
	if !ok {
		return expiryFull, ""
	}
	for _, century := range []int{2000, 1900} {
		y := century + by
		if !validDate(y, bm, bd) || before(ey, em, ed, y, bm, bd) || ey-y > maxAge {
			continue
		}
		return expiryFull, fmt.Sprintf("%04d-%02d-%02d", y, bm, bd)
	}
	return expiryFull, ""
}

// ymd splits six digits YYMMDD.
func ymd(s string) (y, m, d int, ok bool) {
	if len(s) != 6 {
		return 0, 0, 0, false
	}
	for i := 0; i < 6; i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, 0, 0, false
		}
	}
	n := func(i int) int { return int(s[i]-'0')*10 + int(s[i+1]-'0') }
	return n(0), n(2), n(4), true
}

// before reports whether date 1 is before date 2.
func before(y1, m1, d1, y2, m2, d2 int) bool {
	if y1 != y2 {
		return y1 < y2
	}
	if m1 != m2 {
		return m1 < m2
	}
	return d1 < d2
}

func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}
