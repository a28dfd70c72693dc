package scanner

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/pii"
)

// known is the set of values a message is known to hold: the text of every
// hit in any of its texts, and in the names of its attachments. A value
// found in one place is then masked wherever else the message shows it: in
// the context windows of other findings, in locations (an attachment named
// after a passport number) and in the problems logged.
//
// Matching costs a bit test per rune of the text looked at, and a few
// integer map lookups where a value may start, whatever the number of
// values (a spreadsheet holds 100,000): a value of up to 7 bytes is looked
// up whole, packed in an integer, for each such length present; a longer
// one by its first 8 bytes, which leave few lengths to try.
type known struct {
	masks map[string]string // value → its mask ("" when the detector gave none)
	// starts has bit b0<<8|b1 set when a value begins with bytes b0 b1.
	starts *[1 << 16 / 64]uint64
	short  map[uint64]bool // values of 2 to 7 bytes, by packKey
	// shortLens has bit n set when a value of n bytes is in short.
	shortLens uint8
	long      map[uint64][]int32 // first 8 bytes of longer values → their byte lengths, longest first
	// longest is the byte length of the longest value: how far before a
	// window a value reaching into it may start.
	longest int
}

// maxBackoff bounds how far before a context window values are looked for;
// a longer value starting further back shows its tail in the window (any
// digits in it are starred all the same).
const maxBackoff = 512

// everywhere reports whether values of typ are masked wherever they occur
// in the message. Ages, genders and nationalities ("35歳", "男性", "日本")
// are too short or too generic: starring every "日本" of a message hides
// nothing and blinds the context. They are masked where they were found.
func everywhere(typ string) bool {
	switch typ {
	case pii.Age, pii.Gender, pii.Nationality:
		return false
	}
	return true
}

// addHits adds the values of the hits found in text: each hit's span of
// text, and its normalized value when that differs ("伊藤 亮" is also
// "伊藤亮"). Values of fewer than 2 runes are left out.
func (k *known) addHits(text string, hits []Hit) {
	for i := range hits {
		h := &hits[i]
		if !everywhere(h.Type) || h.Start < 0 || h.End > len(text) || h.End-h.Start < 2 {
			continue // no span: image findings, whose value is a hash
		}
		k.add(text[h.Start:h.End], h.Masked)
		if h.Value != text[h.Start:h.End] {
			k.add(h.Value, h.Masked)
		}
	}
}

// add adds value v with its mask; the first non-empty mask of a value is
// kept, so that the result does not depend on map order.
func (k *known) add(v, mask string) {
	if len(v) < 2 || utf8.RuneCountInString(v) < 2 {
		return
	}
	if k.masks == nil {
		k.masks = map[string]string{}
		k.short = map[uint64]bool{}
		k.long = map[uint64][]int32{}
		k.starts = new([1 << 16 / 64]uint64)
	}
	if m, ok := k.masks[v]; ok {
		if m == "" && mask != "" {
			k.masks[v] = mask
		}
		return
	}
	k.masks[v] = mask
	k.longest = max(k.longest, len(v))
	b := uint16(v[0])<<8 | uint16(v[1])
	k.starts[b/64] |= 1 << (b % 64)
	if len(v) < 8 {
		k.short[packKey(v)] = true
		k.shortLens |= 1 << len(v)
		return
	}
	key := packKey(v[:8])
	ls := k.long[key]
	n := int32(len(v))
	if i, found := slices.BinarySearchFunc(ls, n, func(a, b int32) int { return int(b - a) }); !found {
		k.long[key] = slices.Insert(ls, i, n)
	}
}

// packKey packs s, of at most 8 bytes, into an integer; s of fewer than 8
// bytes has its length in the top byte, so that no two strings share a
// key.
func packKey(s string) uint64 {
	var key uint64
	for i := 0; i < len(s); i++ {
		key = key<<8 | uint64(s[i])
	}
	if len(s) < 8 {
		key |= uint64(len(s)) << 56
	}
	return key
}

// lookupBudget is how many bytes find may hash per byte of text it looks
// at, a lookup costing lookupCost bytes more than its value's length:
// ordinary text, with a few values sharing their first bytes here and
// there, takes a fraction of it.
const (
	lookupBudget = 64
	lookupCost   = 16
)

// interval is a byte range [start, end) of a text.
type interval struct{ start, end int }

// find appends to dst the values in text that start at or after lo and
// before to, and end after from: the longest one at each rune start, in
// order of start. Values may overlap.
//
// Its work is bounded by the bytes looked at (lookupBudget). Values made
// to share their first 8 bytes in hundreds of lengths (a hostile message)
// exhaust it; find then reports false, and the caller masks everything
// rather than show what it did not look at.
func (k *known) find(dst []interval, text string, lo, from, to int) ([]interval, bool) {
	if k == nil || len(k.masks) == 0 {
		return dst, true
	}
	lo = max(lo, 0)
	for lo > 0 && lo < len(text) && !utf8.RuneStart(text[lo]) {
		lo++
	}
	to = min(to, len(text))
	budget := lookupBudget * (to - lo + 128)
	for p := lo; p < to; {
		if b := uint16(text[p])<<8 | uint16(text[min(p+1, len(text)-1)]); k.starts[b/64]&(1<<(b%64)) == 0 {
			p++ // no value begins here
			continue
		}
		e := 0
		if p+8 <= len(text) {
			for _, l := range k.long[packKey(text[p:p+8])] {
				end := p + int(l)
				if end <= from {
					break // the shorter ones end before the window too
				}
				if end > len(text) {
					continue
				}
				if budget -= lookupCost + int(l); budget < 0 {
					return dst, false
				}
				if _, ok := k.masks[text[p:end]]; ok {
					e = end
					break
				}
			}
		}
		for n := min(7, len(text)-p); e == 0 && n >= 2 && p+n > from; n-- {
			if k.shortLens&(1<<n) != 0 && k.short[packKey(text[p:p+n])] {
				e = p + n
			}
		}
		if e > 0 {
			dst = append(dst, interval{p, e})
		}
		_, size := utf8.DecodeRuneInString(text[p:])
		p += size
	}
	return dst, true
}

// mask returns s with every known value in it replaced by its mask (by
// '*' for every rune when it has none): for locations and problems.
// Overlapping values are masked as one, the leftmost longest by its mask
// and what the others add by '*'.
func (k *known) mask(s string) string {
	found, ok := k.find(nil, s, 0, 0, len(s))
	if ok && len(found) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	if !ok {
		stars(&b, s)
		return b.String()
	}
	pos := 0
	for i := 0; i < len(found); {
		m := found[i]
		end := m.end
		for i++; i < len(found) && found[i].start < end; i++ {
			end = max(end, found[i].end)
		}
		b.WriteString(s[pos:m.start])
		if mk := k.masks[s[m.start:m.end]]; mk != "" {
			b.WriteString(mk)
		} else {
			stars(&b, s[m.start:m.end])
		}
		stars(&b, s[m.end:end])
		pos = end
	}
	b.WriteString(s[pos:])
	return b.String()
}

// stars writes a '*' for every rune of s.
func stars(b *strings.Builder, s string) {
	for range utf8.RuneCountInString(s) {
		b.WriteByte('*')
	}
}

// isDigit reports whether r is an ASCII or full-width digit.
func isDigit(r rune) bool {
	return '0' <= r && r <= '9' || '０' <= r && r <= '９'
}

// minDigits is the shortest run of digits a context window stars though no
// detector reported it: postcodes, house and customer numbers, fragments
// of numbers. Two digits (a day, "第2回") stay.
const minDigits = 3

// gapMasker writes the raw text between the hits of a context window with
// the known values in it and every run of minDigits or more digits starred.
// Gaps are given in order.
type gapMasker struct {
	text  string
	all   bool       // star every rune (the known values could not be looked for)
	found []interval // known values, by start
	j     int        // found[:j] start at or before the current rune
	until int        // where the values started so far end
}

// covered reports whether the rune at p is inside a known value.
func (g *gapMasker) covered(p int) bool {
	for g.j < len(g.found) && g.found[g.j].start <= p {
		g.until = max(g.until, g.found[g.j].end)
		g.j++
	}
	return p < g.until
}

// appendGap appends text[a:b], masked, to out.
func (g *gapMasker) appendGap(out []byte, a, b int) []byte {
	text := g.text
	runEnd, runStar := a, false // the current run of digits
	for p := a; p < b; {
		r, n := utf8.DecodeRuneInString(text[p:b])
		if p >= runEnd && isDigit(r) {
			runEnd, runStar = g.digitRun(p, a, b)
		}
		if g.all || p < runEnd && runStar || g.covered(p) {
			out = append(out, '*')
		} else {
			out = append(out, text[p:p+n]...)
		}
		p += n
	}
	return out
}

// digitRun measures the run of digits starting at p in the gap a..b: its
// end in the gap, and whether it is long enough to star, counting the
// digits of the text just outside the gap (a number cut by the window's
// edge or by a hit is still a number).
func (g *gapMasker) digitRun(p, a, b int) (end int, star bool) {
	text := g.text
	count := 0
	if p == a {
		for q := a; q > 0 && count < minDigits; {
			r, n := utf8.DecodeLastRuneInString(text[:q])
			if !isDigit(r) {
				break
			}
			count++
			q -= n
		}
	}
	end = p
	for end < b {
		r, n := utf8.DecodeRuneInString(text[end:b])
		if !isDigit(r) {
			break
		}
		count++
		end += n
	}
	if end == b {
		for q := b; q < len(text) && count < minDigits; {
			r, n := utf8.DecodeRuneInString(text[q:])
			if !isDigit(r) {
				break
			}
			count++
			q += n
		}
	}
	return end, count >= minDigits
}
