package mrz

// CheckDigit returns the ICAO 9303 Part 3 §4.9 check digit of field
// (pii-formats B3): each character's value (0–9 for digits, 10–35 for
// A–Z, 0 for the filler '<') times the weights 7, 3, 1 repeating, summed
// modulo 10. ok is false when field holds any other character.
func CheckDigit(field string) (digit byte, ok bool) {
	sum := 0
	for i := 0; i < len(field); i++ {
		v, ok := charValue(field[i])
		if !ok {
			return 0, false
		}
		sum += v * weights[i%3]
	}
	return byte('0' + sum%10), true
}

// Valid reports whether cd is the check digit of field. A filler '<' in
// the check digit position counts as 0, as ICAO allows for an optional
// data field left empty.
func Valid(field string, cd byte) bool {
	if cd == '<' {
		cd = '0'
	}
	d, ok := CheckDigit(field)
	return ok && d == cd
}

var weights = [3]int{7, 3, 1}

func charValue(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10, true
	case c == '<':
		return 0, true
	}
	return 0, false
}
