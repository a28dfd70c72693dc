package detectors

import "unicode/utf8"

// chunk is one window of normalized text given to the detectors. Chunks
// overlap; a match belongs to the chunk whose owned range [ownStart,
// ownEnd) holds its start. The owned ranges tile the text, and each keeps
// MaxContext bytes of context on both sides of every match it may own,
// so a detector decides there exactly as it would on the whole text:
// nothing straddling an edge is lost, changed or reported twice.
type chunk struct {
	start, end       int
	ownStart, ownEnd int
}

func (r *Runner) firstChunk(s string) chunk {
	return r.chunkAt(s, 0, 0)
}

func (r *Runner) nextChunk(s string, prev chunk) chunk {
	return r.chunkAt(s, runeStartBefore(s, prev.ownEnd-MaxContext), prev.ownEnd)
}

// chunkAt returns the chunk that starts at start and owns from ownStart.
func (r *Runner) chunkAt(s string, start, ownStart int) chunk {
	c := chunk{start: start, end: len(s), ownStart: ownStart, ownEnd: len(s)}
	if start+r.chunk < len(s) {
		c.end = runeStartBefore(s, start+r.chunk)
		// A match owned here ends before ownEnd+longest, which leaves
		// MaxContext bytes after it in the chunk.
		c.ownEnd = c.end - r.longest - MaxContext
	}
	return c
}

// runeStartBefore moves i back to the start of the rune it is in (at most
// UTFMax-1 bytes, also on invalid UTF-8).
func runeStartBefore(s string, i int) int {
	for k := 0; k < utf8.UTFMax-1 && i > 0 && i < len(s) && !utf8.RuneStart(s[i]); k++ {
		i--
	}
	return i
}
