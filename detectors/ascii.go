package detectors

import "strings"

// ASCII case helpers for detectors. They fold only A–Z, so byte offsets
// found in the folded text stay valid in the original (strings.ToLower may
// change lengths: "İ", invalid UTF-8).

// HasPrefixFold reports whether s starts with lower, a lower-case string,
// ignoring the case of ASCII letters in s.
func HasPrefixFold(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for i := 0; i < len(lower); i++ {
		if lowerByte(s[i]) != lower[i] {
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
	if !isASCIILetter(sub[0]) {
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
	set := string([]byte{sub[0], sub[0] - ('a' - 'A')})
	for i := 0; i+len(sub) <= len(s); i++ {
		k := strings.IndexAny(s[i:], set)
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

// ASCIILower lower-cases the ASCII letters of s only, keeping its length.
func ASCIILower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lowerByte(b[j])
			}
			return string(b)
		}
	}
	return s
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
