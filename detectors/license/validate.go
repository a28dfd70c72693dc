package license

// Valid reports whether s can be a Japanese driver's licence number: 12
// ASCII digits starting with the code of a 公安委員会 (pii-formats B4;
// 10 北海道 … 30 東京 … 97 沖縄, the list that benricho.org and others
// print), not all the same digit. Digits 3–4 are the year of the first
// licence and may be anything; the check digit is not required (see
// CheckDigitOK).
func Valid(s string) bool {
	if len(s) != 12 {
		return false
	}
	same := true
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		same = same && s[i] == s[0]
	}
	return !same && commissions[int(s[0]-'0')*10+int(s[1]-'0')]
}

// commissions marks the two-digit codes of the 公安委員会 that issue
// licences: 10–14 北海道 (本部, 函館, 旭川, 釧路, 北見), 20–25 東北, 30
// 東京, 40–49 関東甲信越・静岡, 50–55 北陸・中部, 60–65 関西, 70–74 中国,
// 80–83 四国, 90–97 九州・沖縄.
var commissions = func() (c [100]bool) {
	for _, r := range [][2]int{{10, 14}, {20, 25}, {30, 30}, {40, 49}, {50, 55}, {60, 65}, {70, 74}, {80, 83}, {90, 97}} {
		for k := r[0]; k <= r[1]; k++ {
			c[k] = true
		}
	}
	return c
}()

// CheckDigitOK reports whether the 11th digit of the 12-digit s is the
// check digit of the first ten by the formula several independent pages
// give (pii-formats B4: be_happy.chu.jp, tetsutalow.github.io): weights
// 5,4,3,2,7,6,5,4,3,2, check digit (11 − Σ mod 11) mod 10. It is not
// published officially, so a failure only lowers the confidence.
func CheckDigitOK(s string) bool {
	if len(s) != 12 {
		return false
	}
	w := [10]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i, k := range w {
		sum += int(s[i]-'0') * k
	}
	return int(s[10]-'0') == (11-sum%11)%10
}
