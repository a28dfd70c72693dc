package detectors

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in the form detectors scan, with a map back to s:
//
//   - Unicode NFKC: full-width letters and digits become ASCII, half-width
//     katakana become full-width, "㈱" becomes "(株)", U+3000 becomes ' '.
//   - Dashes fold to '-': U+2010..U+2015, U+2212, U+FE63, U+FF0D, U+2043,
//     and U+30FC "ー" (or half-width "ｰ") only between two digits, where it
//     is a hyphen in "090ー1234ー5678" and not a long vowel as in "コーヒー".
//   - Characters whose compatibility form holds digits they do not show as
//     digits (①, ⑴, ¹, ½, ㉑, ㋀ …) are kept as they are: NFKC would turn
//     "①②" into "12" and invent digit runs.
//   - Invalid UTF-8 bytes become U+FFFD, so Norm is always valid UTF-8.
//
// Pure ASCII input takes a fast path that allocates only the Text; so does
// any text that normalization leaves unchanged.
func Normalize(s string) *Text {
	i := asciiPrefix(s)
	if i == len(s) {
		return &Text{Norm: s, orig: s}
	}
	n := normalizer{src: s, unitIn: i - 1}
	n.run(i)
	return &Text{Norm: n.result(), orig: s, pieces: n.pieces}
}

// asciiPrefix returns the length of the longest all-ASCII prefix of s.
func asciiPrefix(s string) int {
	i := 0
	// Eight bytes at a time: mail text is mostly ASCII runs.
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if w&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(s) && s[i] < utf8.RuneSelf; i++ {
	}
	return i
}

// normalizer builds the normalized text lazily: out stays nil, and the
// output is implicitly src[:done], until the first change.
type normalizer struct {
	src     string
	out     []byte
	done    int // src[:done] has been emitted
	pieces  []piece
	scratch []byte

	// The current unit is a starter and the non-starters after it; a
	// combining mark found later is normalized together with it.
	unitIn    int  // where the current unit starts in src; -1 = none yet
	unitPiece bool // the current unit produced the last piece
}

func (n *normalizer) result() string {
	if n.out == nil {
		return n.src
	}
	n.out = append(n.out, n.src[n.done:]...)
	return string(n.out)
}

func (n *normalizer) run(i int) {
	s := n.src
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf {
				j++
			}
			n.unitIn, n.unitPiece = j-1, false
			i = j
			continue
		}
		r, size := decodeRune(s, i)
		switch {
		case stableStarter(r):
			n.unitIn, n.unitPiece = i, false
			i += size
			continue
		case r == utf8.RuneError && size == 1:
			n.replace(i, i+1, "\uFFFD")
			n.unitIn = -1 // nothing may combine with a broken byte
			i++
			continue
		case r == 0x3000 && nonStarterAt(s, i+size) < 0:
			n.replace(i, i+size, " ") // ideographic space, as NFKC
			n.unitIn, n.unitPiece = i, true
			i += size
			continue
		case r == 'ー' && nonStarterAt(s, i+size) < 0:
			// Frequent in katakana words; a dash only between digits.
			n.unitIn, n.unitPiece = i, false
			if n.prevIsDigit(i) && digitAt(s, i+size) {
				n.replace(i, i+size, "-")
				n.unitPiece = true
			}
			i += size
			continue
		case r >= 0xFF01 && r <= 0xFF5E && nonStarterAt(s, i+size) < 0:
			// Full-width ASCII: NFKC subtracts 0xFEE0. Common in Japanese
			// mail ("（株）", "ＴＥＬ：０３"), so skip the tables.
			n.replace(i, i+size, asciiString(byte(r-0xFEE0)))
			n.unitIn, n.unitPiece = i, true
			i += size
			continue
		}
		p := norm.NFKC.PropertiesString(s[i:])
		if !p.BoundaryBefore() && n.unitIn >= 0 {
			// A combining mark: renormalize the unit it attaches to.
			start := n.unitIn
			if n.unitPiece {
				n.popUnit()
			}
			j := unitEnd(s, i+size)
			n.emitUnit(start, j)
			i = j
			continue
		}
		j := unitEnd(s, i+size)
		n.emitUnit(i, j)
		i = j
	}
}

// emitUnit normalizes src[a:b], a starter and its non-starters.
func (n *normalizer) emitUnit(a, b int) {
	s := n.src
	unit := s[a:b]
	n.unitIn, n.unitPiece = a, false
	n.scratch = norm.NFKC.AppendString(n.scratch[:0], unit)
	out := n.scratch
	if digitCount(out) > digitLikeCount(unit) {
		return // ① and friends: keep as is
	}
	if r, size := utf8.DecodeRune(out); size == len(out) {
		switch {
		case isDash(r):
			n.replace(a, b, "-")
			n.unitPiece = true
			return
		case r == 'ー' && n.prevIsDigit(a) && digitAt(s, b):
			n.replace(a, b, "-")
			n.unitPiece = true
			return
		}
	}
	if string(out) == unit {
		return
	}
	n.replaceBytes(a, b, out)
	n.unitPiece = true
}

// replace emits repl for src[a:b]; src[done:a] is unchanged.
func (n *normalizer) replace(a, b int, repl string) {
	start := n.begin(a)
	n.out = append(n.out, repl...)
	n.record(a, b, start)
}

// replaceBytes is replace for a []byte replacement.
func (n *normalizer) replaceBytes(a, b int, repl []byte) {
	start := n.begin(a)
	n.out = append(n.out, repl...)
	n.record(a, b, start)
}

// begin flushes the unchanged text before src offset a and returns where
// the replacement starts in the output.
func (n *normalizer) begin(a int) int {
	if n.out == nil {
		n.out = make([]byte, 0, len(n.src)+len(n.src)/8+8)
	}
	n.out = append(n.out, n.src[n.done:a]...)
	return len(n.out)
}

// record notes that out[start:] replaces src[a:b]. A replacement of the same
// shape right after the previous one (a run of full-width characters)
// extends that piece instead of adding one, which keeps the map small.
func (n *normalizer) record(a, b, start int) {
	n.done = b
	un, uo := int32(len(n.out)-start), int32(b-a)
	if k := len(n.pieces); k > 0 {
		p := &n.pieces[k-1]
		if p.normEnd == start && p.origEnd == a && p.unitNorm == un && p.unitOrig == uo {
			p.normEnd, p.origEnd = len(n.out), b
			return
		}
	}
	n.pieces = append(n.pieces, piece{norm: start, normEnd: len(n.out), orig: a, origEnd: b, unitNorm: un, unitOrig: uo})
}

// popUnit takes back the replacement of the last unit, the tail of the
// last piece, so that the unit can be normalized again with a combining
// mark that follows it.
func (n *normalizer) popUnit() {
	k := len(n.pieces) - 1
	p := &n.pieces[k]
	p.normEnd -= int(p.unitNorm)
	p.origEnd -= int(p.unitOrig)
	n.out = n.out[:p.normEnd]
	n.done = p.origEnd
	if p.normEnd == p.norm {
		n.pieces = n.pieces[:k]
	}
}

// prevIsDigit reports whether the output just before src offset a is an
// ASCII digit.
func (n *normalizer) prevIsDigit(a int) bool {
	var c byte
	switch {
	case a == 0:
		return false
	case n.done < a || n.out == nil:
		c = n.src[a-1]
	case len(n.out) > 0:
		c = n.out[len(n.out)-1]
	}
	return c >= '0' && c <= '9'
}

// unitEnd returns the end of the non-starters that start at j.
func unitEnd(s string, j int) int {
	for j < len(s) {
		size := nonStarterAt(s, j)
		if size < 0 {
			break
		}
		j += size
	}
	return j
}

// nonStarterAt returns the size of the rune at s[j] if it combines with
// what precedes it (no normalization boundary before it), else -1.
func nonStarterAt(s string, j int) int {
	if j >= len(s) || s[j] < utf8.RuneSelf {
		return -1
	}
	r, size := decodeRune(s, j)
	if quickBoundary(r) || (r == utf8.RuneError && size == 1) {
		return -1
	}
	p := norm.NFKC.PropertiesString(s[j:])
	if p.BoundaryBefore() {
		return -1
	}
	return p.Size()
}

// decodeRune is utf8.DecodeRuneInString(s[i:]) with the three-byte
// sequences of Japanese text decoded inline.
func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(s) {
		b1, b2 := s[i+1], s[i+2]
		if b1&0xC0 == 0x80 && b2&0xC0 == 0x80 {
			return rune(c&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// stableStarter reports whether r is in one of the blocks that make up
// most Japanese text and that NFKC leaves alone: r is a starter, has no
// decomposition and does not combine with what precedes it. It is only a
// shortcut past the norm tables; TestStableStarter checks it against them.
func stableStarter(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF: // CJK unified ideographs
		return true
	case r >= 0x3041 && r <= 0x3096: // hiragana
		return true
	case r >= 0x30A1 && r <= 0x30FB: // katakana and ・
		return true
	case r >= 0x3001 && r <= 0x3029: // CJK punctuation: 、。「」【】〒〜 …
		return true
	}
	return false
}

// quickBoundary reports whether r certainly has a normalization boundary
// before it, without a table lookup: the stable starters plus the frequent
// starters Normalize rewrites itself. TestQuickBoundary checks it.
func quickBoundary(r rune) bool {
	return stableStarter(r) || (r >= 0xFF01 && r <= 0xFF5E) || r == 'ー' || r == 0x3000
}

// isDash reports whether r is one of the dashes folded to '-'. U+FF0D,
// U+FE63 and U+2011 reach here already turned into '-' or U+2010 by NFKC.
func isDash(r rune) bool {
	return (r >= 0x2010 && r <= 0x2015) || r == 0x2212 || r == 0x2043 || r == 0xFE63 || r == 0xFF0D
}

// digitAt reports whether s[j] starts an ASCII or full-width digit.
func digitAt(s string, j int) bool {
	if j >= len(s) {
		return false
	}
	if c := s[j]; c >= '0' && c <= '9' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	return r >= '０' && r <= '９'
}

func digitCount(b []byte) int {
	k := 0
	for _, c := range b {
		if c >= '0' && c <= '9' {
			k++
		}
	}
	return k
}

// digitLikeCount counts the characters of s that NFKC may rightly turn into
// ASCII digits: ASCII, full-width and mathematical digits.
func digitLikeCount(s string) int {
	k := 0
	for _, r := range s {
		if (r >= '0' && r <= '9') || (r >= '０' && r <= '９') || (r >= 0x1D7CE && r <= 0x1D7FF) {
			k++
		}
	}
	return k
}

// asciiString returns the one-byte string for c without allocating.
func asciiString(c byte) string {
	return asciiStrings[c : c+1]
}

const asciiStrings = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f" +
	"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f" +
	" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\x7f"
