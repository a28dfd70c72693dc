package rule

import "github.com/mailsift/mailsift/detectors/internal/textscan"

// Cues finds a set of keywords in text in one pass, ignoring ASCII case:
// detectors that look for a few dozen cue words (signature labels, legal
// forms, honorifics, place names) would otherwise make one strings.Index
// pass per word, or a general Aho-Corasick pass, which costs more per
// byte. Bit sets of the words' first bytes reject most positions with a
// lookup or two.
// A Cues is read-only after NewCues and safe for concurrent use.
type Cues struct {
	words   []string
	byFirst [256][]int      // indexes into words, by first byte (both cases)
	starts  [256]uint8      // by byte: startsLong, startsSingle (both cases)
	lead    [1 << 10]uint64 // bit set of the first two bytes of longer words, and of every pair starting with a one-byte word (all cases)
	pairs   [1 << 10]uint64 // bit set of the two-byte words (all cases)
	triples [1 << 10]uint64 // bit set of the longer words' first three bytes (all cases), hashed
}

// NewCues returns the set of words, which must not be empty; their ASCII
// letters are lower-cased (Word returns them so).
func NewCues(words ...string) *Cues {
	c := &Cues{words: make([]string, len(words))}
	for k, w := range words {
		w = textscan.ASCIILower(w)
		c.words[k] = w
		for _, b0 := range cases(w[0]) {
			c.byFirst[b0] = append(c.byFirst[b0], k)
			if len(w) == 1 {
				c.starts[b0] |= startsSingle
				// Every pair that starts with b0 leads to a word: next
				// then needs the lead table only.
				for b1 := range 256 {
					p := pair(b0, byte(b1))
					c.lead[p>>6] |= 1 << (p & 63)
				}
				continue
			}
			c.starts[b0] |= startsLong
			for _, b1 := range cases(w[1]) {
				p := pair(b0, b1)
				c.lead[p>>6] |= 1 << (p & 63)
				if len(w) == 2 {
					c.pairs[p>>6] |= 1 << (p & 63)
					continue
				}
				for _, b2 := range cases(w[2]) {
					h := triple(b0, b1, b2)
					c.triples[h>>6] |= 1 << (h & 63)
				}
			}
		}
	}
	return c
}

// Flags of Cues.starts.
const (
	startsLong   = 1 << iota // a word of two or more bytes starts with the byte
	startsSingle             // the byte is a one-byte word
)

// Word returns word k.
func (c *Cues) Word(k int) string { return c.words[k] }

// cases returns b and, for a lower-case ASCII letter, its upper case.
func cases(b byte) []byte {
	if b >= 'a' && b <= 'z' {
		return []byte{b, b - 'a' + 'A'}
	}
	return []byte{b}
}

func pair(b0, b1 byte) uint32 { return uint32(b0)<<8 | uint32(b1) }

// triple hashes three bytes to 16 bits.
func triple(b0, b1, b2 byte) uint32 {
	return (uint32(b0)<<16 | uint32(b1)<<8 | uint32(b2)) * 0x9E3779B1 >> 16
}

// May reports whether a word may start at s[i]: false is sure, true
// needs checking. It lets a scanner that must look at each position
// itself skip most of them.
func (c *Cues) May(s string, i int) bool {
	switch f := c.starts[s[i]]; {
	case f == 0:
		return false
	case f&startsSingle != 0:
		return true
	}
	if i+1 >= len(s) {
		return false
	}
	p := pair(s[i], s[i+1])
	return c.lead[p>>6]&(1<<(p&63)) != 0 && c.more(s, i, p)
}

// more is May after the first two bytes s[i:i+2] (p) passed the lead
// check.
func (c *Cues) more(s string, i int, p uint32) bool {
	if c.pairs[p>>6]&(1<<(p&63)) != 0 {
		return true
	}
	if i+2 >= len(s) {
		return false
	}
	h := triple(s[i], s[i+1], s[i+2])
	return c.triples[h>>6]&(1<<(h&63)) != 0
}

// Next returns the first position at or after i where a word may start
// (May would say true), or len(s): a scanner that checks each candidate
// itself skips the rest in one pass.
func (c *Cues) Next(s string, i int) int { return c.next(s, i) }

// next returns the first position at or after i where a word may start,
// or len(s). The loop is the hot path of every scan: one lookup in the
// lead table of byte pairs (8 KiB) per byte, whose answer is mostly "no"
// and so well predicted; a first check of the byte alone, whose answer
// is yes for most letters of English text, cost more in mispredicted
// branches than it saved.
func (c *Cues) next(s string, i int) int {
	i = max(i, 0)
	if i >= len(s) {
		return len(s)
	}
	// One load per byte (the second byte of a pair is the first of the
	// next one) and no bounds check: the loop runs over rest, which
	// starts at s[i+1].
	lead := &c.lead
	b0, rest := s[i], s[i+1:]
	for k := 0; k < len(rest); k++ {
		b1 := rest[k]
		p := pair(b0, b1)
		if lead[p>>6]&(1<<(p&63)) != 0 && (c.starts[b0]&startsSingle != 0 || c.more(s, i+k, p)) {
			return i + k
		}
		b0 = b1
	}
	if c.starts[b0]&startsSingle != 0 {
		return len(s) - 1
	}
	return len(s)
}

// Find calls fn for the occurrences of the words in s, in order of
// position (and word, at one position): for each word, the ones a loop
// of strings.Index over the lower-cased text would find, leftmost first
// and not overlapping each other.
func (c *Cues) Find(s string, fn func(pos, word int)) {
	var buf [64]int
	next := buf[:0] // per word: where its next occurrence may start
	if len(c.words) <= len(buf) {
		next = buf[:len(c.words)]
	} else {
		next = make([]int, len(c.words))
	}
	for i := c.next(s, 0); i < len(s); i = c.next(s, i+1) {
		for _, k := range c.byFirst[s[i]] {
			if w := c.words[k]; i >= next[k] && textscan.HasPrefixFold(s[i:], w) {
				next[k] = i + len(w)
				fn(i, k)
			}
		}
	}
}

// Any reports whether s holds any of the words.
func (c *Cues) Any(s string) bool {
	return c.AnyFunc(s, func(int, int) bool { return true })
}

// AnyFunc reports whether ok holds for an occurrence of a word in s; it
// stops at the first. Occurrences come as in FindAll.
func (c *Cues) AnyFunc(s string, ok func(pos, word int) bool) bool {
	for i := c.next(s, 0); i < len(s); i = c.next(s, i+1) {
		for _, k := range c.byFirst[s[i]] {
			if textscan.HasPrefixFold(s[i:], c.words[k]) && ok(i, k) {
				return true
			}
		}
	}
	return false
}

// FindAll calls fn for every occurrence of every word in s, overlapping
// ones too, in order of position (and word, at one position).
func (c *Cues) FindAll(s string, fn func(pos, word int)) {
	for i := c.next(s, 0); i < len(s); i = c.next(s, i+1) {
		for _, k := range c.byFirst[s[i]] {
			if textscan.HasPrefixFold(s[i:], c.words[k]) {
				fn(i, k)
			}
		}
	}
}
