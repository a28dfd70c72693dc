package signature

import "strings"

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
	ws := ls - Window
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
	we := le + Window
	if we >= len(s) {
		we = len(s)
	} else if i := strings.LastIndexByte(s[le:we], '\n'); i >= 0 {
		we = le + i
	} else {
		we = le
	}
	blocks := ParseNormalized(s[ws:we])
	for i := range blocks {
		blocks[i].shift(ws)
	}
	return blocks
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
