package textscan

import "strings"

// ASCII case helpers. They fold only A–Z, so byte offsets
// found in the folded text stay valid in the original (strings.ToLower may
// change lengths: "İ", invalid UTF-8).

// HasPrefixFold reports whether s starts with lower, a lower-case string,
// ignoring the case of ASCII letters in s.
func HasPrefixFold(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for i := 0; i < len(lower); i++ {
		if LowerByte(s[i]) != lower[i] {
			return false
		}
	}
	return true
}

// IndexFold is strings.Index ignoring ASCII case, for a lower-case sub.
func IndexFold(s, sub string) int {
	if sub == "" {
		return 0
	}
	if !IsLetter(sub[0]) {
		// The first byte has no case: find it, then compare the rest.
		for i := 0; i+len(sub) <= len(s); i++ {
			k := strings.IndexByte(s[i:], sub[0])
			if k < 0 {
				return -1
			}
			i += k
			if HasPrefixFold(s[i:], sub) {
				return i
			}
		}
		return -1
	}
	// Two memchr scans, one per case of the first byte, each resumed only
	// when its hit is used: strings.IndexAny with a two-byte set does
	// not vectorize, and IndexFold runs in detectors' inner loops.
	lo, up := sub[0], sub[0]-('a'-'A')
	nextLo, nextUp := -2, -2 // -2: not searched yet; -1: none left
	for i := 0; i+len(sub) <= len(s); {
		if nextLo != -1 && nextLo < i {
			if nextLo = strings.IndexByte(s[i:], lo); nextLo >= 0 {
				nextLo += i
			}
		}
		if nextUp != -1 && nextUp < i {
			if nextUp = strings.IndexByte(s[i:], up); nextUp >= 0 {
				nextUp += i
			}
		}
		switch {
		case nextLo < 0 && nextUp < 0:
			return -1
		case nextUp < 0 || nextLo >= 0 && nextLo < nextUp:
			i = nextLo
		default:
			i = nextUp
		}
		if i+len(sub) > len(s) {
			return -1
		}
		if HasPrefixFold(s[i:], sub) {
			return i
		}
		i++
	}
	return -1
}

// ASCIILower lower-cases the ASCII letters of s only, keeping its length.
func ASCIILower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = LowerByte(b[j])
			}
			return string(b)
		}
	}
	return s
}

// IsLetter reports whether c is an ASCII letter.
func IsLetter(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// LowerByte lower-cases an ASCII letter and returns other bytes as they are.
func LowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
