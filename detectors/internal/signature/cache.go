package signature

import "github.com/mailsift/mailsift/detectors/internal/memo"

// Cache keeps what lines hold across the texts a detector is given: mail
// repeats signatures, quoted replies and disclaimers from one message to
// the next, and what a line is (its class, its company, title and name
// candidates, its contacts) depends on its text alone. A Cache is bounded
// (see NewCache) and safe for concurrent use; a nil *Cache keeps nothing.
type Cache struct {
	shapes   *memo.Cache[lineShape]  // by the line's text
	contents *memo.Cache[*lineParts] // by a block line's content; read-only once made
}

// Bounds of a Cache. Lines longer than maxCached are longer than any
// line a block can hold (maxLineRunes, twice for contact lines) and are
// not kept. An entry takes its key, ~100 bytes of bookkeeping and, for
// parts, ~200 bytes more (a span per item of the line): a Cache holds
// ~5 MB when every line is of the longest, ~1 MB on real mail (SpamAssassin).
const (
	cacheLines = 8192
	cacheParts = 2048
	maxCached  = 2 * maxLineRunes * 3 // bytes: 120 runes of three bytes
	minCached  = 8                    // shorter lines cost less to classify than to look up
)

// NewCache returns a Cache of a fixed size.
func NewCache() *Cache {
	return newCache(cacheLines, cacheParts)
}

// newCache returns a Cache for lines and parts entries. Both keep a line
// from its second sighting: most lines of mail occur once.
func newCache(lines, parts int) *Cache {
	return &Cache{
		shapes:   memo.New[lineShape](memo.Options{Entries: lines, MaxKey: maxCached, Second: true}),
		contents: memo.New[*lineParts](memo.Options{Entries: parts, MaxKey: maxCached, Second: true}),
	}
}

// lineShape is a line's class with offsets relative to its start.
type lineShape struct {
	end, cstart int32
	depth       int32
	kind        lineKind
}

// line classifies the line s[start:end] as newLine does.
func (c *Cache) line(s string, start, end int) line {
	if c == nil || end-start < minCached || end-start > maxCached {
		return newLine(s, start, end)
	}
	if sh, ok := c.shapes.Get(s[start:end]); ok {
		return line{start: start, end: start + int(sh.end), cstart: start + int(sh.cstart), depth: int(sh.depth), kind: sh.kind}
	}
	l := newLine(s, start, end)
	c.shapes.Put(s[start:end], lineShape{end: int32(l.end - start), cstart: int32(l.cstart - start), depth: int32(l.depth), kind: l.kind})
	return l
}

// parts returns readParts(content, k); k must be the class of content.
func (c *Cache) parts(content string, k lineKind) *lineParts {
	if c == nil {
		return readParts(content, k)
	}
	if pt, ok := c.contents.Get(content); ok {
		return pt
	}
	pt := readParts(content, k)
	c.contents.Put(content, pt)
	return pt
}

// cacheOf returns the Cache of a Parser that may be nil.
func (p *Parser) cacheOf() *Cache {
	if p == nil {
		return nil
	}
	return p.cache
}

// Holds says which items a block may have on one line.
type Holds struct {
	Name    bool // Name (Kana and Roman come only with a Name on the line)
	Company bool
	Title   bool // Department or Title
}

// MayHold reports which items the blocks On(ls, le) returns may have on
// the line s[ls:le] (a line as LinesNear and Line give them), by what the
// Cache knows of the line's text alone: a false is sure, and a detector
// that wants only that item on the line need not call On. It only looks
// things up (a line the Cache does not know yet may hold anything): On
// reads a line only when the lines around make a block, which most
// short lines of a mail do not, and MayHold must cost less than On.
// Without a Cache it says true.
func (p *Parser) MayHold(ls, le int) Holds {
	all := Holds{true, true, true}
	c := p.cache
	if c == nil || le-ls < minCached || le-ls > maxCached {
		return all
	}
	sh, ok := c.shapes.Get(p.s[ls:le])
	if !ok {
		return all
	}
	if sh.kind != kindShort && sh.kind != kindContact {
		return Holds{}
	}
	pt, ok := c.contents.Get(p.s[ls+int(sh.cstart) : ls+int(sh.end)])
	if !ok {
		return all
	}
	h := &pt.head
	return Holds{Name: len(h.names) > 0, Company: h.own && h.hasCompany, Title: h.own && (h.hasDept || h.hasTitle)}
}

// Stats returns, for the line classes and the line parts that c keeps,
// the entries kept, the look-ups and the hits so far.
func (c *Cache) Stats() (lines, parts [3]int) {
	if c == nil {
		return lines, parts
	}
	lines[0], lines[1], lines[2] = c.shapes.Stats()
	parts[0], parts[1], parts[2] = c.contents.Stats()
	return lines, parts
}
