package detectors

import (
	"sort"
	"unicode/utf8"
)

// Text is normalized text (see Normalize) together with the context a
// detector may use. The Runner hands each detector a Text per chunk; a
// Text is read-only once built and cheap to copy around by pointer.
type Text struct {
	// Norm is the text the detectors scan: NFKC plus dash folding.
	Norm string
	// Field says where the text came from, as a finding's location:
	// "header:From", "header:To", "body", "attachment:NAME".
	Field string
	// Column is the header of the table column the text was taken from
	// (CSV, XLSX), or "". Detectors treat it like a context keyword in
	// front of the text, as Macie does.
	Column string
	// OCR marks text read from pixels: the Runner lowers the confidence of
	// what is found in it (see OCRFactor).
	OCR bool

	orig   string  // original text; "" for a chunk (see parent)
	pieces []piece // where Norm differs from orig, ordered; nil = identity
	parent *Text   // for a chunk: the whole text, Norm == parent.Norm[base:...]
	base   int
	// shared holds what detectors derive from Norm and share: see Shared.
	shared map[any]any
}

// Shared returns the value kept under key for this Text, made by build
// the first time it is asked for: detectors that derive the same thing
// from a chunk (its signature blocks) derive it once between them. The
// Runner calls a Text's detectors one after another, so there is no
// lock: a Text whose detectors run concurrently must not use it.
func (t *Text) Shared(key any, build func() any) any {
	if v, ok := t.shared[key]; ok {
		return v
	}
	if t.shared == nil {
		t.shared = make(map[any]any, 1)
	}
	v := build()
	t.shared[key] = v
	return v
}

// piece is a stretch where the normalized text differs from the original:
// Norm[norm:normEnd] came from orig[orig:origEnd], as a run of units that
// each turned unitOrig original bytes into unitNorm normalized ones (one
// unit for most pieces; a run of full-width characters is one piece).
// Between pieces the two texts are byte-identical.
type piece struct {
	norm, normEnd      int
	orig, origEnd      int
	unitNorm, unitOrig int32
}

// Original returns the text Norm was made from.
func (t *Text) Original() string {
	if t.parent != nil {
		return t.parent.Original()
	}
	return t.orig
}

// Orig maps the byte span [start, end) of Norm to the span of the original
// text it came from. A bound that falls inside a normalized unit (e.g. in
// the middle of the "(株)" that "㈱" became) widens to the whole unit, so the
// original span always covers what the normalized span shows.
func (t *Text) Orig(start, end int) (origStart, origEnd int) {
	if t.parent != nil {
		return t.parent.Orig(start+t.base, end+t.base)
	}
	return t.origPos(start, false), t.origPos(end, true)
}

// origPos maps one normalized offset; end selects rounding up inside a piece.
func (t *Text) origPos(n int, end bool) int {
	ps := t.pieces
	if len(ps) == 0 {
		return n
	}
	// i is the first piece that ends at or after n (start: after n).
	i := sort.Search(len(ps), func(i int) bool {
		if end {
			return ps[i].normEnd >= n
		}
		return ps[i].normEnd > n
	})
	if i < len(ps) && n >= ps[i].norm {
		p := &ps[i]
		un, uo := int(p.unitNorm), int(p.unitOrig)
		k, rem := (n-p.norm)/un, (n-p.norm)%un
		if rem != 0 && end {
			k++ // inside a unit: widen to cover it
		}
		return p.orig + k*uo
	}
	if i == 0 {
		return n
	}
	q := ps[i-1]
	return q.origEnd + (n - q.normEnd)
}

// Before returns at most n runes of Norm that end at byte offset pos. It
// is where a detector looks for context keywords in front of a match.
func (t *Text) Before(pos, n int) string {
	s := t.Norm[:pos]
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// After returns at most n runes of Norm that start at byte offset pos.
func (t *Text) After(pos, n int) string {
	s := t.Norm[pos:]
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}
