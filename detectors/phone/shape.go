package phone

import (
	"github.com/nyaruka/phonenumbers"
)

// A number written without a country code belongs to no region by
// itself. How it is written is the first evidence of its region: each
// country groups its numbers its own way, and some groupings are used by
// one country only. These are the shapes that name their region alone
// (mailsift issue 15: "the region must come from evidence, not from a
// default"):
//
//   - Japan: a leading 0, '-' or '.' between three groups (or the area code
//     in parentheses) and four digits last: 03-1234-5678, 045-123-4567,
//     0467-12-3456, 090-1234-5678, 0120-123-456. Spaces are not enough:
//     "086 880 4187" is an Irish mobile.
//   - NANP: 617-864-0455, 617.864.0455, (617) 864-0455, 1-800-555-0199;
//     with spaces only next to a phone keyword.
//   - France: five pairs from 0[1-9] next to a phone keyword: "Tél : 01 44
//     54 32 82". Alone, rows of pairs are also lottery draws and hex
//     dumps; in French text (evidence.go) they are French numbers.
//   - China: a mobile, 1[3-9] and nine digits, as 139-5122-8561 or, next
//     to a phone keyword, 13951228561.
//   - Japan again: a mobile written as 11 digits from 070/080/090 next to
//     a phone keyword ("Mobile: 09012345678").

// The regions of shapeRegions, as bits.
const (
	shapeJP = 1 << iota
	shapeUS
	shapeFR
	shapeCN
)

// shapeRegions returns the regions whose own way of writing numbers c
// follows; labelled says a phone keyword stands before it.
func shapeRegions(c *candidate, labelled bool) int {
	var rs int
	if jpShape(c, false) || (labelled && c.ng == 1 && jpMobile(c.digits)) {
		rs |= shapeJP
	}
	if nanpShape(c, labelled) {
		rs |= shapeUS
	}
	if labelled && frShape(c) {
		rs |= shapeFR
	}
	if cnMobile(c.digits) && (c.ng == 3 && c.glen[0] == 3 && c.glen[1] == 4 || c.ng == 1 && labelled) {
		rs |= shapeCN
	}
	return rs
}

// shapeRegionCodes are the regions of the shape bits.
var shapeRegionCodes = [...]struct {
	bit    int
	region string
}{{shapeJP, "JP"}, {shapeUS, "US"}, {shapeFR, "FR"}, {shapeCN, "CN"}}

// jpShape reports whether c is grouped as Japanese numbers are:
// 0AB-CD-EFGH with the area code of 2 to 5 digits (10 digits in all),
// 0X0-CDEF-GHJK for mobile and IP phones, 0120/0800/0570/0990 and two
// groups. With spaced, space between the groups will do too (for text that
// is Japanese by other evidence).
func jpShape(c *candidate, spaced bool) bool {
	if c.ng != 3 || c.digits[0] != '0' || c.paren > 0 && c.paren != 1 {
		return false
	}
	switch c.style {
	case '-', '.':
	case 0:
		if c.paren < 0 {
			return false
		}
	case ' ':
		if !spaced {
			return false
		}
	default:
		return false
	}
	a, b, l := c.glen[0], c.glen[1], c.glen[2]
	switch d := c.digits; {
	case len(d) >= 4 && (d[:4] == "0120" || d[:4] == "0800" || d[:4] == "0570" || d[:4] == "0990"):
		return a == 4
	case len(d) == 11:
		return a == 3 && b == 4 && l == 4 && d[2] == '0'
	case len(d) == 10:
		return a >= 2 && a <= 5 && l == 4
	}
	return false
}

// jpMobile reports whether digits are a Japanese mobile number's 11
// digits: 070, 080 or 090 (060 from 2026) and eight more.
func jpMobile(digits string) bool {
	return len(digits) == 11 && digits[0] == '0' && digits[1] >= '6' && digits[1] <= '9' && digits[2] == '0' && digits[3] != '0'
}

// nanpShape reports whether c is written as a North American number:
// NXX-NXX-XXXX with '-' or '.', (NXX) NXX-XXXX, a leading 1 group, and
// with spaced also NXX NXX XXXX. N is 2 to 9: area codes and exchanges
// start so.
func nanpShape(c *candidate, spaced bool) bool {
	d, g := c.digits, c.glen[:min(c.ng, maxGroups)]
	if len(d) == 11 && d[0] == '1' && c.ng == 4 && g[0] == 1 {
		d, g = d[1:], g[1:]
	}
	if len(d) != 10 || len(g) != 3 || g[0] != 3 || g[1] != 3 || g[2] != 4 || d[0] < '2' || d[3] < '2' {
		return false
	}
	if c.paren >= 0 {
		return c.paren == c.ng-3 && (c.style == '-' || c.style == 0 || c.style == ' ')
	}
	return c.style == '-' || c.style == '.' || c.style == ' ' && spaced
}

// nanpPossible reports whether digits may be a North American number:
// NXX NXX XXXX, optionally after a 1.
func nanpPossible(d string) bool {
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	return len(d) == 10 && d[0] >= '2' && d[3] >= '2'
}

// frShape reports whether c is written as French numbers are: five pairs,
// the first 01 to 09.
func frShape(c *candidate) bool {
	if !c.whole || c.ng != 5 || c.paren >= 0 || len(c.digits) != 10 || c.digits[0] != '0' || c.digits[1] == '0' {
		return false
	}
	for _, l := range c.glen[:5] {
		if l != 2 {
			return false
		}
	}
	return c.style == ' ' || c.style == '.' || c.style == '-'
}

// cnMobile reports whether digits are a Chinese mobile number's: 1[3-9]
// and nine more.
func cnMobile(digits string) bool {
	return len(digits) == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9'
}

// fits reports whether c, valid in region as e164, is written as numbers
// of that region are: undivided, in the region's own shape, or with its
// group breaks where libphonenumber's national format of the number has
// breaks too ("086-8888975" for the Irish "086 888 8975"), and with the
// same digits (a French number without its 0 is no French number). A part
// number "096400-1600" is not a Japanese "0964-00-1600".
func fits(c *candidate, region, e164 string) bool {
	if c.ng > maxGroups {
		return false
	}
	switch {
	case region == "JP":
		return c.ng == 1 || jpShape(c, true)
	case phonenumbers.IsNANPACountry(region):
		return c.ng == 1 || nanpShape(c, true)
	case region == "FR" && frShape(c):
		return true
	}
	n, err := phonenumbers.Parse(e164, "")
	if err != nil {
		return false
	}
	national := phonenumbers.Format(n, phonenumbers.NATIONAL)
	// The breaks of the national format, by digits before them.
	var breaks [32]bool
	nd, digits := 0, make([]byte, 0, len(c.digits))
	for i := 0; i < len(national); i++ {
		switch ch := national[i]; {
		case ch >= '0' && ch <= '9':
			digits = append(digits, ch)
			nd++
		case nd < len(breaks):
			breaks[nd] = true
		}
	}
	if string(digits) != c.digits {
		return false // written otherwise than the national format (a "(0)")
	}
	at := 0
	for _, l := range c.glen[:c.ng-1] {
		at += int(l)
		if at >= len(breaks) || !breaks[at] {
			return false
		}
	}
	return true
}
