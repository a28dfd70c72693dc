package textscan

import (
	"strings"
	"unicode/utf8"
)

// Words is a set of context words: the words near a candidate that say
// what kind of value it is ("TEL", "電話", "口座番号") or is not. Detectors
// look for them in a window of text around the candidate (Purview/Macie
// style: by characters, not tokens, so it works for Japanese).
//
// Matching ignores ASCII case (the text is NFKC already, so "ＴＥＬ" is
// "TEL"), and a word that starts with an ASCII letter must start a word of
// the text ("tel" is not in "hotel", "card" not in "scard"). Where an
// occurrence may end is the set's boundary, chosen by its constructor:
//
//   - NewWords: a word of at most four bytes that ends with an ASCII
//     letter must end a word of the text too ("cc" is not in "ccc", "dl"
//     not in "dlls"); longer words may run on.
//   - NewWordPrefixes: every word may run on into a longer word of the
//     text ("tel" is in "telephone", "age" in "aged").
//
// A nil *Words matches nothing. A Words is read-only and safe for
// concurrent use.
type Words struct {
	words   []string
	byFirst [256][]int32 // indexes into words, by lower-case first byte
	longest int          // bytes
	runes   int          // runes of the longest word
	// prefixes: a word need not end where a word of the text ends.
	prefixes bool
}

// NewWords returns the set of the given words, lower-cased, in which short
// words match whole words only (see Words); empty words are ignored.
func NewWords(words ...string) *Words {
	return newWords(false, words)
}

// NewWordPrefixes returns the set of the given words, lower-cased, in
// which every word matches the start of a word of the text, whatever
// follows it (see Words); empty words are ignored.
func NewWordPrefixes(words ...string) *Words {
	return newWords(true, words)
}

func newWords(prefixes bool, words []string) *Words {
	w := &Words{prefixes: prefixes}
	for _, s := range words {
		if s == "" {
			continue
		}
		s = strings.ToLower(s)
		w.byFirst[s[0]] = append(w.byFirst[s[0]], int32(len(w.words)))
		w.words = append(w.words, s)
		w.longest = max(w.longest, len(s))
		w.runes = max(w.runes, utf8.RuneCountInString(s))
	}
	return w
}

// List returns the words, lower-cased.
func (w *Words) List() []string {
	if w == nil {
		return nil
	}
	return append([]string(nil), w.words...)
}

// Last returns the span of the occurrence in s that ends last (the
// longest of those), or -1, -1.
func (w *Words) Last(s string) (start, end int) {
	start, end = -1, -1
	if w == nil {
		return
	}
	for i := len(s) - 1; i >= 0; i-- {
		for _, j := range w.byFirst[LowerByte(s[i])] {
			kw := w.words[j]
			if e := i + len(kw); e >= end && w.at(s, i, kw) && (e > end || e-i > end-start) {
				start, end = i, e
			}
		}
		if start >= 0 && i+w.longest <= end {
			break // no word starting before i can end after end
		}
	}
	return
}

// LastEnd returns the end of Last: the byte offset in s just past the
// occurrence that ends last, or -1. For a window that ends at a
// candidate, len(window)-LastEnd is how far the nearest word is.
func (w *Words) LastEnd(s string) int {
	_, end := w.Last(s)
	return end
}

// First returns the span of the occurrence in s that starts first (the
// longest of those), or -1, -1.
func (w *Words) First(s string) (start, end int) {
	start, end = -1, -1
	if w == nil {
		return
	}
	for i := 0; i < len(s); i++ {
		for _, j := range w.byFirst[LowerByte(s[i])] {
			kw := w.words[j]
			if e := i + len(kw); e > end && w.at(s, i, kw) {
				start, end = i, e
			}
		}
		if start >= 0 {
			return
		}
	}
	return
}

// All calls yield with the span of every occurrence of a word in s, by
// start (the longest at each start), and stops when yield returns false.
// Unlike First, which is for short windows, it is fast on long texts:
// each word is searched with strings.Index (or strings.IndexByte on both
// cases of its first letter), so it does not look at every byte.
func (w *Words) All(s string, yield func(start, end int) bool) {
	if w == nil {
		return
	}
	next := make([]int, len(w.words)) // next occurrence of each word at or after pos; -1 none
	for j := range next {
		next[j] = w.find(s, j, 0)
	}
	for {
		best := -1
		for j, p := range next {
			if p >= 0 && (best < 0 || p < next[best] || p == next[best] && len(w.words[j]) > len(w.words[best])) {
				best = j
			}
		}
		if best < 0 {
			return
		}
		start := next[best]
		if !yield(start, start+len(w.words[best])) {
			return
		}
		for j, p := range next {
			if p == start {
				next[j] = w.find(s, j, start+1)
			}
		}
	}
}

// find returns the first occurrence of word j in s at or after from, or -1.
func (w *Words) find(s string, j, from int) int {
	kw := w.words[j]
	for from < len(s) {
		var i int
		if c := kw[0]; IsLetter(c) {
			// Only look for the upper case up to the lower case one, so
			// that a rare case is not searched to the end each time.
			i = strings.IndexByte(s[from:], c)
			upTo := len(s) - from
			if i >= 0 {
				upTo = i
			}
			if k := strings.IndexByte(s[from:from+upTo], c-'a'+'A'); k >= 0 {
				i = k
			}
		} else {
			i = strings.Index(s[from:], kw)
		}
		if i < 0 {
			return -1
		}
		if i += from; w.at(s, i, kw) {
			return i
		}
		from = i + 1
	}
	return -1
}

// MaxRunes returns the length in runes of the longest word: how far a
// window must reach to hold any word that starts or ends within it.
func (w *Words) MaxRunes() int {
	if w == nil {
		return 0
	}
	return w.runes
}

// Contains reports whether s holds one of the words.
func (w *Words) Contains(s string) bool {
	start, _ := w.First(s)
	return start >= 0
}

// at reports whether the word kw occurs at s[i:], within the set's
// boundaries.
func (w *Words) at(s string, i int, kw string) bool {
	if len(s)-i < len(kw) {
		return false
	}
	for k := 0; k < len(kw); k++ {
		if LowerByte(s[i+k]) != kw[k] {
			return false
		}
	}
	if IsLetter(kw[0]) && i > 0 && IsLetter(s[i-1]) {
		return false
	}
	if e := i + len(kw); !w.prefixes && len(kw) <= 4 && IsLetter(kw[len(kw)-1]) && e < len(s) && IsLetter(s[e]) {
		return false
	}
	return true
}
