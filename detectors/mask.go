package detectors

import (
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/pii"
)

// Mask returns value with most of it replaced by '*', for reports and logs
// that must not reveal the personal data. The result has as many runes as
// value, so masked values line up in tables.
//
//   - email: the first rune of the local part and of the domain, and the
//     top-level domain, are kept: "taro@example.jp" → "t***@e******.jp".
//     A one-rune local part is masked entirely.
//   - phone (E.164): '+', the country calling code and the last two digits
//     are kept: "+819012345678" → "+81********78".
//   - anything else: the first and last two runes are kept when the value
//     has at least 9 runes ("TK1234567" → "TK*****67"); one each for 5 to 8
//     runes ("1234567" → "1*****7"); nothing for 4 runes or fewer. Short
//     values are masked more because each revealed rune says more.
func Mask(typ, value string) string {
	switch typ {
	case pii.Email:
		if m, ok := maskEmail(value); ok {
			return m
		}
	case pii.Phone:
		if m, ok := maskPhone(value); ok {
			return m
		}
	}
	return maskMiddle(value)
}

// maskMiddle keeps a few runes at both ends, by the rule in Mask's doc.
func maskMiddle(value string) string {
	n := utf8.RuneCountInString(value)
	keep := 0
	switch {
	case n >= 9:
		keep = 2
	case n >= 5:
		keep = 1
	}
	return maskRunes(value, keep, keep)
}

// maskRunes keeps the first head and last tail runes of s.
func maskRunes(s string, head, tail int) string {
	n := utf8.RuneCountInString(s)
	if head+tail > n {
		head, tail = 0, 0
	}
	var b strings.Builder
	b.Grow(len(s))
	i := 0
	for _, r := range s {
		if i < head || i >= n-tail {
			b.WriteRune(r)
		} else {
			b.WriteByte('*')
		}
		i++
	}
	return b.String()
}

func maskEmail(v string) (string, bool) {
	at := strings.LastIndexByte(v, '@')
	dot := strings.LastIndexByte(v, '.')
	if at <= 0 || dot < at+2 {
		return "", false
	}
	local, domain, tld := v[:at], v[at+1:dot], v[dot:]
	head := 1
	if utf8.RuneCountInString(local) == 1 {
		head = 0
	}
	return maskRunes(local, head, 0) + "@" + maskRunes(domain, 1, 0) + tld, true
}

func maskPhone(v string) (string, bool) {
	if len(v) < 6 || v[0] != '+' {
		return "", false
	}
	for i := 1; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return "", false
		}
	}
	cc := callingCodeLen(v[1:])
	return maskRunes(v, 1+cc, 2), true
}

// callingCodeLen returns the length of the ITU country calling code that
// starts digits. Calling codes are prefix-free: 1 and 7 have one digit,
// the 2-digit codes are listed, all others have three.
func callingCodeLen(digits string) int {
	switch digits[0] {
	case '1', '7':
		return 1
	}
	if len(digits) >= 2 && strings.Contains(twoDigitCallingCodes, digits[:2]) {
		return 2
	}
	return 3
}

// twoDigitCallingCodes are the two-digit ITU-T E.164 country codes,
// space-separated so that Contains cannot match across two of them.
const twoDigitCallingCodes = "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 " +
	"51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98"
