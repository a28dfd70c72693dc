package detectors

import "strings"

// Keywords is a set of context words that a detector looks for in a window
// of text around a candidate (Purview/Macie style: by characters, not
// tokens, so it works for Japanese). Matching is ASCII case-insensitive;
// an ASCII keyword must start a word ("tel" is not found in "hotel").
// A Keywords value is read-only and safe for concurrent use.
type Keywords struct {
	words []string
}

// NewKeywords returns the set of the given words, lower-cased.
func NewKeywords(words ...string) Keywords {
	k := Keywords{words: make([]string, len(words))}
	for i, w := range words {
		k.words[i] = strings.ToLower(w)
	}
	return k
}

// Words returns the keywords, lower-cased.
func (k Keywords) Words() []string {
	return append([]string(nil), k.words...)
}

// In reports whether a keyword occurs in window.
func (k Keywords) In(window string) bool {
	return k.LastEnd(window) >= 0
}

// LastEnd returns the byte offset in window just past the end of the last
// keyword occurrence, or -1 if there is none. For a window that ends at a
// candidate, len(window)-LastEnd is how far the nearest keyword is.
func (k Keywords) LastEnd(window string) int {
	w := lowerASCII(window)
	best := -1
	for _, kw := range k.words {
		for from := len(w); from >= 0; {
			i := strings.LastIndex(w[:from], kw)
			if i < 0 {
				break
			}
			if wordStart(w, i, kw) {
				if e := i + len(kw); e > best {
					best = e
				}
				break
			}
			from = i + len(kw) - 1
		}
	}
	return best
}

// wordStart reports whether an ASCII keyword kw at w[i:] starts a word.
func wordStart(w string, i int, kw string) bool {
	if i == 0 || !isASCIILetter(kw[0]) {
		return true
	}
	return !isASCIILetter(w[i-1])
}

func isASCIILetter(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// lowerASCII lower-cases ASCII letters only; it allocates only when s has
// upper-case letters.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
