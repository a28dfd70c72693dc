package detectors

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
)

// prefilter decides which detectors see a chunk: those without keywords,
// and those with a keyword in the chunk. One Aho-Corasick automaton holds
// the keywords of all detectors (trufflehog's design), so one pass over
// the chunk serves them all.
//
// The automaton is our own, built as a dense DFA whose states carry the
// set of detectors owning a keyword that ends there (suffixes included):
// the pass is then one table lookup per byte and no allocation. General
// Aho-Corasick libraries allocate a match per keyword occurrence, which
// is costly in mail, where "@", "mail" and "tel" occur every few lines
// (BenchmarkPrefilter measures the pass).
type prefilter struct {
	class  [256]uint8 // byte → input class; ASCII upper case folds to lower
	nClass int
	delta  []int32 // state+class → next state; states are premultiplied by nClass
	// States from outFrom on are those where a keyword ends; out holds
	// their index into masks, by (state-outFrom)/nClass.
	outFrom int32
	out     []int32
	masks   [][]uint64
	nKw     int // detectors with keywords
	// starts holds every byte a keyword can start with (both cases),
	// when there are at most maxStarts of them, else nil. Then a memchr
	// finds where the automaton has to begin, or that no keyword can
	// occur: with "@" the only keyword, most text is skipped at memchr
	// speed.
	starts []byte
}

const maxStarts = 3

// newPrefilter returns nil when no detector has keywords.
func newPrefilter(dets []Detector) *prefilter {
	p := &prefilter{}
	owners := make(map[string][]int) // keyword → detectors
	var patterns []string
	for i, d := range dets {
		kws := d.Keywords()
		if len(kws) == 0 {
			continue
		}
		p.nKw++
		for _, kw := range kws {
			// ASCII case-insensitive: the text is NFKC already, so "ＴＥＬ"
			// is "TEL" there.
			kw = strings.ToLower(kw)
			if kw == "" {
				continue // NewRunner refuses them; the root must own nothing
			}
			if _, ok := owners[kw]; !ok {
				patterns = append(patterns, kw)
			}
			if !slices.Contains(owners[kw], i) {
				owners[kw] = append(owners[kw], i)
			}
		}
	}
	if p.nKw == 0 {
		return nil
	}
	// Input classes: one per byte that occurs in a keyword, 0 for others.
	p.nClass = 1
	for _, kw := range patterns {
		for k := 0; k < len(kw); k++ {
			if c := kw[k]; p.class[c] == 0 {
				p.class[c] = uint8(p.nClass)
				p.nClass++
			}
		}
	}
	if p.nClass > 256 {
		panic("unreachable: ToLower leaves no A-Z, so at most 230 byte classes")
	}
	for c := 'A'; c <= 'Z'; c++ {
		p.class[c] = p.class[c+'a'-'A']
	}
	p.build(patterns, owners, len(dets))
	var starts []byte
	for _, kw := range patterns {
		for _, c := range []byte{kw[0], upperByte(kw[0])} {
			if !slices.Contains(starts, c) {
				starts = append(starts, c)
			}
		}
	}
	if len(starts) <= maxStarts {
		p.starts = starts
	}
	return p
}

// build makes the trie of patterns and turns it into a DFA: the classic
// construction, failure links breadth first, each state's output the
// union of its own and its failure state's.
func (p *prefilter) build(patterns []string, owners map[string][]int, nDets int) {
	words := (nDets + 63) / 64
	type node struct {
		next map[uint8]int32
		own  []uint64 // detectors whose keyword ends here; nil: none
	}
	nodes := []node{{next: map[uint8]int32{}}}
	for _, kw := range patterns {
		s := int32(0)
		for k := 0; k < len(kw); k++ {
			c := p.class[kw[k]]
			t, ok := nodes[s].next[c]
			if !ok {
				t = int32(len(nodes))
				nodes = append(nodes, node{next: map[uint8]int32{}})
				nodes[s].next[c] = t
			}
			s = t
		}
		if nodes[s].own == nil {
			nodes[s].own = make([]uint64, words)
		}
		for _, i := range owners[kw] {
			nodes[s].own[i/64] |= 1 << (i % 64)
		}
	}
	n, nc := len(nodes), p.nClass
	p.delta = make([]int32, n*nc)
	fail := make([]int32, n)
	own := make([][]uint64, n)
	own[0] = nodes[0].own
	// Breadth first: a state's failure state and its transitions are
	// complete before the state's children need them.
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for c := 0; c < nc; c++ {
			t, ok := nodes[s].next[uint8(c)]
			if !ok {
				if s != 0 {
					p.delta[int(s)*nc+c] = p.delta[int(fail[s])*nc+c]
				}
				continue
			}
			p.delta[int(s)*nc+c] = t
			if s != 0 {
				fail[t] = p.delta[int(fail[s])*nc+c]
			}
			own[t] = union(nodes[t].own, own[fail[t]])
			queue = append(queue, t)
		}
	}
	// Renumber the states, those where a keyword ends last, and
	// premultiply them by the number of classes: the pass then needs
	// neither a multiplication nor a load to know that nothing ends at
	// a byte (s < outFrom).
	order := make([]int32, 0, n) // new number → old
	for s := range n {
		if own[s] == nil {
			order = append(order, int32(s))
		}
	}
	p.outFrom = int32(len(order) * nc)
	for s := range n {
		if own[s] != nil {
			order = append(order, int32(s))
		}
	}
	renum := make([]int32, n) // old → new, premultiplied
	for k, s := range order {
		renum[s] = int32(k * nc)
	}
	dense := p.delta
	p.delta = make([]int32, n*nc)
	for k, s := range order {
		for c := range nc {
			p.delta[k*nc+c] = renum[dense[int(s)*nc+c]]
		}
	}
	// Masks are shared: identical ones are stored once.
	p.out = make([]int32, n-len(order[:p.outFrom/int32(nc)]))
	p.masks = [][]uint64{nil}
	index := make(map[string]int32)
	for k, s := range order[p.outFrom/int32(nc):] {
		m := own[s]
		key := fmt.Sprint(m)
		j, ok := index[key]
		if !ok {
			j = int32(len(p.masks))
			index[key] = j
			p.masks = append(p.masks, m)
		}
		p.out[k] = j
	}
}

// union returns the bit sets a|b; nil when both are nil.
func union(a, b []uint64) []uint64 {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	u := slices.Clone(a)
	for i := range u {
		u[i] |= b[i]
	}
	return u
}

func upperByte(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// mark sets active[i] for every detector with a keyword in text. It stops
// as soon as all of them are active.
func (p *prefilter) mark(text string, active []bool) {
	remaining := p.nKw // detectors with keywords start inactive
	if p.starts != nil {
		first := -1
		for _, c := range p.starts {
			if i := strings.IndexByte(text, c); i >= 0 && (first < 0 || i < first) {
				first = i
			}
		}
		if first < 0 {
			return
		}
		text = text[first:] // no keyword starts before first
	}
	var (
		delta, out = p.delta, p.out
		class      = &p.class
		outFrom    = p.outFrom
		nc         = int32(p.nClass)
		s          int32
		last       int32 // the last mask applied: keywords recur
	)
	for i := 0; i < len(text); i++ {
		s = delta[s+int32(class[text[i]])]
		if s < outFrom {
			continue
		}
		if o := out[(s-outFrom)/nc]; o != last {
			last = o
			for w, set := range p.masks[o] {
				for ; set != 0; set &= set - 1 {
					d := w*64 + bits.TrailingZeros64(set)
					if !active[d] {
						active[d] = true
						remaining--
					}
				}
			}
			if remaining == 0 {
				return // do not look for another match
			}
		}
	}
}
