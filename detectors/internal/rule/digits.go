package rule

import (
	"slices"
	"strings"

	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// maxGroups bounds the digit groups of one number; a longer run of groups
// is a number array, not an identifier.
const maxGroups = 8

// Digits returns a Scanner for numbers written as groups of ASCII digits
// (the text is NFKC, so full-width digits are ASCII already). The lengths
// of the groups must equal one of layouts, e.g. {12} or {4, 4, 4}; the
// groups of one number are joined by a single separator byte from seps,
// the same one throughout ("1234-5678 9012" is no number).
//
// A number must stand alone, so that it is never carved out of a longer
// token: the whole run of digit groups is taken or nothing, and it may not
// touch an ASCII letter, be part of a token joined by '-', '_', '=', '/'
// or '+' ("INV-123456789012", "/item/123456789012"), be a decimal
// ("0.123456789012", "123456789012.5"), a price ("¥123456789012",
// "$…", "…円") or one of a row of numbers ("2024 123456789012 7"). Commas are
// allowed around it: thousands separators make groups of three digits,
// which no identifier layout has, and CSV rows hold identifiers.
func Digits(seps string, layouts ...[]int) Scanner {
	layouts = slices.Clone(layouts)
	return func(s string, yield func(start, end int) bool) {
		var groups [maxGroups]int
		for i := NextDigit(s, 0); i < len(s); i = NextDigit(s, i) {
			n, sep, mixed, end := 0, byte(0), false, i
			for j := i; ; {
				k := j
				for k < len(s) && isDigit(s[k]) {
					k++
				}
				if n < maxGroups {
					groups[n] = k - j
				}
				n++
				end = k
				if k+1 >= len(s) || !isDigit(s[k+1]) || strings.IndexByte(seps, s[k]) < 0 {
					break
				}
				if sep == 0 {
					sep = s[k]
				} else if s[k] != sep {
					mixed = true
				}
				j = k + 1
			}
			start := i
			i = end
			if mixed || n > maxGroups || !standsAlone(s, start, end) || !matchLayout(groups[:n], layouts) {
				continue
			}
			if !yield(start, end) {
				return
			}
		}
	}
}

// NextDigit returns the index of the first ASCII digit in s at or after
// i, or len(s). Most text has no digit: it looks at eight bytes at a
// time (a SWAR test for a byte in '0'..'9', from Bit Twiddling Hacks'
// hasbetween, which ignores bytes >= 0x80), then finds the digit byte by
// byte.
func NextDigit(s string, i int) int {
	const (
		ones = 0x0101010101010101
		low7 = 0x7f7f7f7f7f7f7f7f
		high = 0x8080808080808080
	)
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// A byte b in ('0'-1, '9'+1), i.e. '0' <= b <= '9'.
		if (ones*(127+'9'+1)-(x&low7))&^x&((x&low7)+ones*(127-('0'-1)))&high != 0 {
			break
		}
	}
	for i < len(s) && !isDigit(s[i]) {
		i++
	}
	return i
}

// matchLayout reports whether the group lengths equal one of layouts.
func matchLayout(groups []int, layouts [][]int) bool {
	for _, l := range layouts {
		if slices.Equal(groups, l) {
			return true
		}
	}
	return false
}

// standsAlone reports whether the number s[start:end] is a token of its
// own, by the rules in Digits.
func standsAlone(s string, start, end int) bool {
	if start > 0 {
		c := s[start-1]
		switch {
		case textscan.IsLetter(c):
			return false
		case strings.IndexByte("-_=/+", c) >= 0 && start > 1 && isAlnum(s[start-2]):
			return false
		case (c == '.' || c == ' ') && start > 1 && isDigit(s[start-2]):
			return false
		case c == '$' || c == '\\' || strings.HasSuffix(s[:start], "¥") || strings.HasSuffix(s[:start], "€") || strings.HasSuffix(s[:start], "£"):
			return false
		}
	}
	if end < len(s) {
		c := s[end]
		next := byte(0)
		if end+1 < len(s) {
			next = s[end+1]
		}
		switch {
		case textscan.IsLetter(c):
			return false
		case strings.IndexByte("-_=/+", c) >= 0 && isAlnum(next):
			return false
		case (c == '.' || c == ' ') && isDigit(next):
			return false
		case strings.HasPrefix(s[end:], "円"):
			return false
		}
	}
	return true
}

// StandsAlone reports whether s[start:end] is a token of its own by the
// rules of Digits, for detectors with scanners of their own.
func StandsAlone(s string, start, end int) bool { return standsAlone(s, start, end) }

// DigitsOnly returns the ASCII digits of s, dropping everything else.
func DigitsOnly(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b = append(b, s[i])
		}
	}
	return string(b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isAlnum reports whether c is an ASCII letter or digit.
func isAlnum(c byte) bool { return textscan.IsLetter(c) || isDigit(c) }
