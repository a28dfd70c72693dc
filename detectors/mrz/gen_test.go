package mrz

import "strings"

// td3 builds a valid passport MRZ (2×44) with correct check digits.
func td3(code, issuer, surname, given, number, nat, birth, sex, expiry, opt string) string {
	l1 := pad(code, 2) + pad(issuer, 3) + pad(strings.ReplaceAll(surname, " ", "<")+"<<"+strings.ReplaceAll(given, " ", "<"), 39)
	num := pad(number, 9)
	o := pad(opt, 14)
	l2 := num + cd(num) + pad(nat, 3) + birth + cd(birth) + sex + expiry + cd(expiry) + o + cd(o)
	l2 += cd(l2[0:10] + l2[13:20] + l2[21:43])
	return l1 + "\n" + l2
}

// td2 builds a valid TD2 MRZ (2×36).
func td2(code, issuer, surname, given, number, nat, birth, sex, expiry, opt string) string {
	l1 := pad(code, 2) + pad(issuer, 3) + pad(strings.ReplaceAll(surname, " ", "<")+"<<"+strings.ReplaceAll(given, " ", "<"), 31)
	num := pad(number, 9)
	l2 := num + cd(num) + pad(nat, 3) + birth + cd(birth) + sex + expiry + cd(expiry) + pad(opt, 7)
	l2 += cd(l2[0:10] + l2[13:20] + l2[21:35])
	return l1 + "\n" + l2
}

// td1 builds a valid ID-card MRZ (3×30).
func td1(code, issuer, surname, given, number, nat, birth, sex, expiry, opt1, opt2 string) string {
	num := pad(number, 9)
	l1 := pad(code, 2) + pad(issuer, 3) + num + cd(num) + pad(opt1, 15)
	l2 := birth + cd(birth) + sex + expiry + cd(expiry) + pad(nat, 3) + pad(opt2, 11)
	l2 += cd(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
	l3 := pad(strings.ReplaceAll(surname, " ", "<")+"<<"+strings.ReplaceAll(given, " ", "<"), 30)
	return l1 + "\n" + l2 + "\n" + l3
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s[:n]
	}
	return s + strings.Repeat("<", n-len(s))
}

func cd(s string) string {
	d, ok := CheckDigit(s)
	if !ok {
		panic("bad MRZ field " + s)
	}
	return string(d)
}
