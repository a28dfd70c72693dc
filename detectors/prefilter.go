package detectors

import (
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
}

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
	return p
}

// mark sets active[i] for every detector with a keyword in text. It stops
// as soon as all of them are active.
func (p *prefilter) mark(text string, active []bool) {
	remaining := p.nKw // detectors with keywords start inactive
	it := p.ac.IterOverlapping(text)
	for m := it.Next(); m != nil && remaining > 0; m = it.Next() {
		for _, i := range p.owners[m.Pattern()] {
			if !active[i] {
				active[i] = true
				remaining--
			}
		}
	}
}
