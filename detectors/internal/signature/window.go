package signature

import (
	"slices"
	"strings"

	"github.com/mailsift/mailsift/detectors"
)

// Windows for detectors, in bytes. A decision about a line looks at most
// Window+MaxLine bytes around it, inside detectors.MaxContext (1024), so
// that a Runner's chunks decide as the whole text would.
const (
	Reach   = 400 // lines this near a cue are candidates
	Window  = 600 // a candidate line's block is parsed from this much text either side
	MaxLine = 200 // longer lines are no signature lines
)

// LinesNear calls fn for each line of s that starts within Reach bytes of
// pos and is at most MaxLine bytes long, unless seen already holds it
// (seen may be nil). It does nothing for a cue deep inside a long line:
// that is prose.
func LinesNear(s string, pos int, seen map[int]bool, fn func(ls, le int)) {
	lo := max(0, pos-Reach)
	if lo > 0 && s[lo-1] != '\n' {
		i := strings.IndexByte(s[lo:pos], '\n')
		if i < 0 {
			return
		}
		lo += i + 1
	}
	hi := min(len(s), pos+Reach)
	for ls := lo; ls < hi; {
		le := strings.IndexByte(s[ls:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += ls
		}
		if le > ls && le-ls <= MaxLine && (seen == nil || !seen[ls]) {
			if seen != nil {
				seen[ls] = true
			}
			fn(ls, le)
		}
		ls = le + 1
	}
}

// Around parses the signature blocks in the whole lines within Window
// bytes of the line s[ls:le] and returns them with offsets into s.
func Around(s string, ls, le int) []Block {
	ws, we := window(s, ls, le)
	blocks := ParseNormalized(s[ws:we])
	for i := range blocks {
		blocks[i].shift(ws)
	}
	return blocks
}

// window returns the whole lines within Window bytes of s[ls:le].
func window(s string, ls, le int) (ws, we int) {
	ws = ls - Window
	if ws <= 0 {
		ws = 0
	} else if s[ws-1] != '\n' {
		i := strings.IndexByte(s[ws:ls], '\n')
		if i < 0 {
			ws = ls
		} else {
			ws += i + 1
		}
	}
	we = le + Window
	if we >= len(s) {
		we = len(s)
	} else if i := strings.LastIndexByte(s[le:we], '\n'); i >= 0 {
		we = le + i
	} else {
		we = le
	}
	return ws, we
}

// Parser is Around for many lines of one text: detectors ask for the
// blocks around every line near a cue, and neighbouring lines share most
// of their window. A Parser splits and classifies each line of the text
// once and builds each block once, with the same results as Around. It
// is for one goroutine; the Blocks it returns share memory and must not
// be modified.
type Parser struct {
	*parsed
	// seen and manySeen are the lines LinesNear proposed: each detector
	// has its own (see For), the parse itself is shared.
	seen     []bool
	manySeen map[int]bool
	// The last LinesNear call: its pos, and the first line it did not
	// look at. Every line from the first at or after its pos-Reach up to
	// scanEnd has been looked at.
	lastPos, scanEnd int
}

// parsed is what a Parser learns about its text: the part the Parsers
// For returns for one detectors.Text share.
type parsed struct {
	s      string
	starts []int  // line starts; nil until the first call
	lines  []line // by line number, valid where classified
	done   []bool // classified lines
	blocks map[[3]int]Block
	cache  *Cache // what lines hold, across texts; may be nil
	// many is set for a text of maxLines lines or more: the Parser then
	// does what Around and LinesNear do, window by window, rather than
	// hold ~50 bytes per line (a megabyte of "\n" would take 50 MB).
	many bool
}

// maxLines bounds the lines a Parser indexes: about 13 MB of state, a
// chunk of a megabyte whose lines average 4 bytes.
const maxLines = 1 << 18

// NewParser returns a Parser for the normalized text s. It does no work
// until asked.
func NewParser(s string) *Parser {
	return &Parser{parsed: &parsed{s: s}}
}

// sharedKey is the key of a Text's parse in detectors.Text.Shared.
type sharedKey struct{}

// For returns a Parser of t.Norm. The Parsers For returns for one Text
// share its line classes and blocks, so that the detectors that read
// signature blocks (person_name, company, title) parse each chunk once
// between them; each has its own LinesNear seen set. The first caller's
// Cache c (which may be nil) serves the shared parse: the results are
// the same with any Cache or none.
func For(t *detectors.Text, c *Cache) *Parser {
	ps := t.Shared(sharedKey{}, func() any { return &parsed{s: t.Norm, cache: c} }).(*parsed)
	return &Parser{parsed: ps}
}

// Around returns what Around(s, ls, le) returns.
func (p *Parser) Around(ls, le int) []Block {
	a, b, ok := p.window(ls, le, true)
	if !ok || p.many {
		return Around(p.s, ls, le)
	}
	return parseLines(p.s, p.lines[a:b], a, p)
}

// On returns the blocks of Around(ls, le) that span the line s[ls:le]
// (Start <= ls <= End): the only ones whose items can lie on it. It
// looks at the line's own run of block lines and the run below it (of
// which the line may be the head), not at the whole window, and
// classifies only the lines it looks at.
func (p *Parser) On(ls, le int) []Block {
	a, b, ok := p.window(ls, le, false)
	n, isLine := slices.BinarySearch(p.starts, ls)
	if !ok || !isLine || p.many || p.lineEnd(n) != le {
		var out []Block
		for _, blk := range Around(p.s, ls, le) {
			if blk.Start <= ls && ls <= blk.End {
				out = append(out, blk)
			}
		}
		return out
	}
	w, l := p.lines[a:b], n-a
	// run returns the block of the run that starts at w[i], after
	// classifying every line parseRun reads: the run, the line after it,
	// and up to five lines above (prevKind, headAbove).
	run := func(i int) (blk Block, hs int, ok bool, j int) {
		p.classify(a+max(0, i-5), a+i)
		for j = i; j < len(w); j++ {
			p.classify(a+j, a+j+1)
			if !w[j].inBlock() || w[j].depth != w[i].depth {
				break
			}
		}
		return parseRun(p.s, w, a, i, p)
	}
	p.classify(n, n+1)
	var out []Block
	below := l + 1 // where the run below may start
	if w[l].inBlock() {
		i := l
		for i > 0 {
			p.classify(a+i-1, a+i)
			if !w[i-1].inBlock() || w[i-1].depth != w[l].depth {
				break
			}
			i--
		}
		blk, _, ok, j := run(i)
		if ok {
			out = append(out, blk)
		}
		if w[l].kind != kindShort || j+1 >= len(w) || w[j].kind != kindBlank {
			return out
		}
		below = j + 1
	} else if w[l].kind != kindBlank {
		return nil
	}
	// The line may be the head of the run below, or the blank line
	// between that head and its run.
	if below < len(w) {
		p.classify(a+below, a+below+1)
		if w[below].inBlock() {
			if blk, hs, ok, _ := run(below); ok && hs <= l {
				out = append(out, blk)
			}
		}
	}
	return out
}

// window returns the lines a..b-1 of Around's window for the line
// s[ls:le], or ok false when its bounds are no line bounds (the caller's
// ls or le is none). all classifies them.
func (p *Parser) window(ls, le int, all bool) (a, b int, ok bool) {
	if p.starts == nil {
		p.split()
	}
	if p.many {
		return 0, 0, false
	}
	p.classified()
	ws, we := window(p.s, ls, le)
	a, found := slices.BinarySearch(p.starts, ws)
	if !found {
		return 0, 0, false
	}
	// b is the first line that starts after we.
	b, _ = slices.BinarySearch(p.starts, we+1)
	if b == 0 || p.lineEnd(b-1) != we {
		return 0, 0, false
	}
	if all {
		p.classify(a, b)
	}
	return a, b, true
}

// classify classifies the lines i..j-1 that are not yet.
func (p *parsed) classify(i, j int) {
	for ; i < j; i++ {
		if !p.done[i] {
			p.lines[i] = p.cache.line(p.s, p.starts[i], p.lineEnd(i))
			p.done[i] = true
		}
	}
}

// LinesNear is LinesNear(s, pos, seen, fn) with a seen set that the
// Parser keeps, by line number: each line is proposed once per Parser.
func (p *Parser) LinesNear(pos int, fn func(ls, le int)) {
	if p.starts == nil {
		p.split()
	}
	if p.many {
		if p.manySeen == nil {
			p.manySeen = make(map[int]bool)
		}
		LinesNear(p.s, pos, p.manySeen, fn)
		return
	}
	s := p.s
	lo := max(0, pos-Reach)
	// n is the first line that starts at or after lo.
	n, _ := slices.BinarySearch(p.starts, lo)
	if lo > 0 && s[lo-1] != '\n' {
		// Only lines that start after a newline before pos: a cue deep
		// in a long line is prose.
		if n >= len(p.starts) || p.starts[n] > pos {
			return
		}
	}
	hi := min(len(s), pos+Reach)
	if p.seen == nil {
		p.seen = make([]bool, len(p.starts))
	}
	// Detectors ask in order of position: the lines from n up to where
	// the last call stopped were looked at by it (or before) already.
	if pos >= p.lastPos && p.scanEnd > n {
		n = p.scanEnd
	}
	for ; n < len(p.starts) && p.starts[n] < hi; n++ {
		ls, le := p.starts[n], p.lineEnd(n)
		if le > ls && le-ls <= MaxLine && !p.seen[n] {
			p.seen[n] = true
			fn(ls, le)
		}
	}
	p.lastPos, p.scanEnd = pos, n
}

// Line returns the line that holds offset i (0 <= i <= len(s)) of the
// text: s[ls:le], without its newline.
func (p *Parser) Line(i int) (ls, le int) {
	if p.starts == nil {
		p.split()
	}
	if p.many {
		ls, le = strings.LastIndexByte(p.s[:i], '\n')+1, len(p.s)
		if k := strings.IndexByte(p.s[i:], '\n'); k >= 0 {
			le = i + k
		}
		return ls, le
	}
	n, found := slices.BinarySearch(p.starts, i)
	if !found {
		n--
	}
	return p.starts[n], p.lineEnd(n)
}

// split finds the line starts.
func (p *parsed) split() {
	if strings.Count(p.s, "\n") >= maxLines {
		p.starts, p.many = []int{0}, true
		return
	}
	p.starts = []int{0}
	for i := 0; ; {
		k := strings.IndexByte(p.s[i:], '\n')
		if k < 0 {
			break
		}
		i += k + 1
		p.starts = append(p.starts, i)
	}
	// lines, done, seen and blocks are made when first needed: many
	// Parsers are asked about a few lines of a long text, or none.
}

// classified makes room for the lines' classes, once.
func (p *parsed) classified() {
	if p.lines == nil {
		p.lines = make([]line, len(p.starts))
		p.done = make([]bool, len(p.starts))
	}
}

// lineEnd is where line i ends: at its newline or the end of the text.
func (p *parsed) lineEnd(i int) int {
	if i+1 < len(p.starts) {
		return p.starts[i+1] - 1
	}
	return len(p.s)
}

func (b *Block) shift(d int) {
	b.Start += d
	b.End += d
	for _, it := range []*Item{&b.Name, &b.Roman, &b.Kana, &b.Company, &b.Department, &b.Title, &b.Address} {
		if it.Text != "" {
			it.Start += d
			it.End += d
		}
	}
	for _, list := range [][]Item{b.Phones, b.Mobile, b.Fax, b.Emails} {
		for k := range list {
			list[k].Start += d
			list[k].End += d
		}
	}
}

// In reports whether the item lies inside [ls, le).
func (it Item) In(ls, le int) bool { return it.Text != "" && it.Start >= ls && it.End <= le }
