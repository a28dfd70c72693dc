package mynumber

// Valid reports whether s is 12 ASCII digits whose last is the check
// digit of the first 11, by 総務省令第85号 §5 (pii-formats B1): weights
// 6,5,4,3,2,7,6,5,4,3,2 from the left, r = Σ mod 11, check digit 0 when
// r ≤ 1, else 11−r. Twelve equal digits are rejected although
// "000000000000" passes the formula: no such number is issued (Trellix
// rejects them too).
func Valid(s string) bool {
	if len(s) != 12 {
		return false
	}
	same := true
	sum := 0
	for i := 0; i < 12; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		if c != s[0] {
			same = false
		}
		if i < 11 {
			sum += int(c-'0') * weights[i]
		}
	}
	if same {
		return false
	}
	return int(s[11]-'0') == CheckDigit(sum)
}

// weights are the check digit weights of the first 11 digits, left to right.
var weights = [11]int{6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2}

// CheckDigit returns the check digit for the weighted sum of the first 11
// digits.
func CheckDigit(sum int) int {
	r := sum % 11
	if r <= 1 {
		return 0
	}
	return 11 - r
}
