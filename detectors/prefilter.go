package detectors

import (
	"slices"
	"strings"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
)

// prefilter decides which detectors see a chunk: those without keywords,
// and those with a keyword in the chunk. One Aho-Corasick automaton holds
// the keywords of all detectors (trufflehog's design), so one pass over
// the chunk serves them all.
type prefilter struct {
	ac     ahocorasick.AhoCorasick
	owners [][]int // pattern index → indexes of the detectors with that keyword
	nKw    int     // detectors with keywords
	// starts holds every byte a keyword can start with (both cases),
	// when there are at most maxStarts of them, else nil. Then a memchr
	// finds where the automaton has to begin, or that no keyword can
	// occur: with "@" the only keyword today, most text is skipped at
	// memchr speed instead of the automaton's ~150 MB/s.
	starts []byte
}

const maxStarts = 3

// newPrefilter returns nil when no detector has keywords.
func newPrefilter(dets []Detector) *prefilter {
	p := &prefilter{}
	index := make(map[string]int)
	var patterns []string
	for i, d := range dets {
		kws := d.Keywords()
		if len(kws) == 0 {
			continue
		}
		p.nKw++
		for _, kw := range kws {
			kw = strings.ToLower(kw)
			j, ok := index[kw]
			if !ok {
				j = len(patterns)
				index[kw] = j
				patterns = append(patterns, kw)
				p.owners = append(p.owners, nil)
			}
			p.owners[j] = append(p.owners[j], i)
		}
	}
	if p.nKw == 0 {
		return nil
	}
	// Overlapping matches, because one keyword may hide another (a
	// leftmost-longest "telephone" would hide "tel" of another detector).
	// ASCII case-insensitive: the text is NFKC already, so "ＴＥＬ" is "TEL".
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{
		AsciiCaseInsensitive: true,
		MatchKind:            ahocorasick.StandardMatch,
		DFA:                  true,
	})
	p.ac = b.Build(patterns)
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
	it := p.ac.IterOverlapping(text)
	for m := it.Next(); m != nil; m = it.Next() {
		for _, i := range p.owners[m.Pattern()] {
			if !active[i] {
				active[i] = true
				remaining--
			}
		}
		if remaining == 0 {
			return // do not look for another match
		}
	}
}
