package detectors

import "strings"

// Keywords is a set of context words that a detector looks for in a window
// of text around a candidate (Purview/Macie style: by characters, not
// tokens, so it works for Japanese). Matching is ASCII case-insensitive;
// an ASCII keyword must start a word ("tel" is not found in "hotel").
// A Keywords value is read-only and safe for concurrent use.
type Keywords struct {
	words   []string
	byFirst *[256][]int // indexes into words, by first byte
	longest int
}

// NewKeywords returns the set of the given words, lower-cased.
func NewKeywords(words ...string) Keywords {
	k := Keywords{words: make([]string, 0, len(words)), byFirst: new([256][]int)}
	for _, w := range words {
		if w == "" {
			continue
		}
		w = strings.ToLower(w)
		k.byFirst[w[0]] = append(k.byFirst[w[0]], len(k.words))
		k.words = append(k.words, w)
		k.longest = max(k.longest, len(w))
	}
	return k
}

// LastEnd returns the byte offset in window just past the end of the last
// keyword occurrence, or -1 if there is none. For a window that ends at a
// candidate, len(window)-LastEnd is how far the nearest keyword is.
func (k Keywords) LastEnd(window string) int {
	if k.byFirst == nil {
		return -1
	}
	best := -1
	// From the end backwards: once no keyword starting here can end after
	// the best end found, stop.
	for i := len(window) - 1; i >= 0 && i+k.longest > best; i-- {
		for _, j := range k.byFirst[LowerByte(window[i])] {
			kw := k.words[j]
			if e := i + len(kw); e > best && HasPrefixFold(window[i:], kw) && wordStart(window, i, kw) {
				best = e
			}
		}
	}
	return best
}

// wordStart reports whether an ASCII keyword kw at w[i:] starts a word.
func wordStart(w string, i int, kw string) bool {
	if i == 0 || !IsLetter(kw[0]) {
		return true
	}
	return !IsLetter(w[i-1])
}

// IsLetter reports whether c is an ASCII letter.
func IsLetter(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}
