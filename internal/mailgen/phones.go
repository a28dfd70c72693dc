package mailgen

import (
	"math/rand/v2"
	"strings"
)

// phone is a Japanese number as national digits with the leading 0, split
// into its usual groups: {"090","1234","5678"}, {"03","1234","5678"},
// {"045","123","4567"}, {"0120","123","456"}.
type phone [3]string

// digits is the national number, "09012345678".
func (p phone) digits() string { return p[0] + p[1] + p[2] }

// e164 is the normalized form used in labels, "+819012345678".
func (p phone) e164() string { return "+81" + p.digits()[1:] }

// mobile reports whether the number is a 070/080/090 mobile.
func (p phone) mobile() bool { return len(p[0]) == 3 && p[0][2] == '0' && p[0] != "050" }

// newPhone draws a number of the given kind ("mobile", "tollfree", "ip"
// or an area code) from ranges that libphonenumber accepts for JP.
func newPhone(r *rand.Rand, kind string) phone {
	d := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		return b.String()
	}
	nz := func() string { return string(rune('1' + r.IntN(9))) }
	switch kind {
	case "mobile":
		return phone{[]string{"090", "080", "070"}[r.IntN(3)], nz() + d(3), d(4)}
	case "tollfree":
		return phone{"0120", nz() + d(2), d(3)}
	case "ip":
		return phone{"050", nz() + d(3), d(4)}
	case "03":
		return phone{"03", string(rune('3'+r.IntN(4))) + d(3), d(4)} // 03-3xxx..03-6xxx
	case "06":
		return phone{"06", "6" + d(3), d(4)}
	case "011":
		return phone{"011", string("235678"[r.IntN(6)]) + d(2), d(4)}
	default: // 045, 052, 092: 3-digit area codes
		return phone{kind, string(rune('2'+r.IntN(8))) + d(2), d(4)}
	}
}

// uniquePhone is newPhone, never returning a number already in used.
func uniquePhone(r *rand.Rand, used map[string]bool, kind string) phone {
	for {
		p := newPhone(r, kind)
		if !used[p.digits()] {
			used[p.digits()] = true
			return p
		}
	}
}

// phoneStyle is a way of writing a number.
type phoneStyle int

const (
	psDash      phoneStyle = iota // 090-1234-5678
	psParen                       // (03)1234-5678, 090(1234)5678
	psPlain                       // 09012345678
	psIntlSpace                   // +81 90 1234 5678
	psIntlDash                    // +81-90-1234-5678
	psFullWidth                   // ０９０－１２３４－５６７８
	psFullChoon                   // ０９０ー１２３４ー５６７８ (prolonged sound mark as hyphen)
	psDots                        // 090.1234.5678
	psSpaces                      // 090 1234 5678
	numPhoneStyles
)

// format writes the number in a style.
func (p phone) format(s phoneStyle) string {
	switch s {
	case psParen:
		if p.mobile() {
			return p[0] + "(" + p[1] + ")" + p[2]
		}
		return "(" + p[0] + ")" + p[1] + "-" + p[2]
	case psPlain:
		return p.digits()
	case psIntlSpace:
		return "+81 " + p[0][1:] + " " + p[1] + " " + p[2]
	case psIntlDash:
		return "+81-" + p[0][1:] + "-" + p[1] + "-" + p[2]
	case psFullWidth:
		return toFullWidth(p[0] + "－" + p[1] + "－" + p[2])
	case psFullChoon:
		return toFullWidth(p[0] + "ー" + p[1] + "ー" + p[2])
	case psDots:
		return p[0] + "." + p[1] + "." + p[2]
	case psSpaces:
		return p[0] + " " + p[1] + " " + p[2]
	default:
		return p[0] + "-" + p[1] + "-" + p[2]
	}
}

// toFullWidth maps ASCII digits and letters to their full-width forms.
func toFullWidth(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9', c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
			b.WriteRune(c - '0' + '０')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}
