package scanner

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/mailsift/mailsift/store"
)

// toFindings turns hits[lo:hi] into findings with ids and masked context;
// spans is mergeHits(hits), kv the values of the message (or nil). The
// finding's location is loc with the known values in it masked; its id is
// computed from loc itself, so two places whose names mask alike keep
// distinct ids.
func toFindings(base store.Finding, text, loc, part string, hits []Hit, spans []span, kv *known, lo, hi int) []store.Finding {
	out := make([]store.Finding, 0, hi-lo)
	var idBuf []byte
	var found []interval
	shown := kv.mask(loc)
	for _, h := range hits[lo:hi] {
		f := base
		f.Type = h.Type
		f.Detector = h.Detector
		f.Value = h.Value
		f.Masked = h.Masked
		f.Confidence = h.Confidence
		f.Scope = h.Scope
		f.Location = shown
		f.Part = part
		f.Start, f.End = h.Start, h.End
		if writtenTypes[h.Type] && h.Start >= 0 && h.Start < h.End && h.End <= len(text) {
			f.Written = oneLine(text[h.Start:h.End])
		}
		if h.Context != "" {
			f.Context = h.Context
		} else {
			f.Context, found = maskedContextKnown(text, h, hits, spans, kv, found)
		}
		f.ID, idBuf = findingIDBuf(idBuf, base.MessageSHA256, part, loc, h)
		out = append(out, f)
	}
	return out
}

// writtenTypes keep the value as written besides the normalized one: a
// person's name with its spaces and script (山田 太郎, YAMADA Taro) is what
// reports print; the normalized value is a match key.
var writtenTypes = map[string]bool{"person_name": true, "company": true}

// oneLine folds line breaks and tabs of a span into spaces.
func oneLine(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '\n' || c == '\r' || c == '\t' {
			b[i] = ' '
		}
	}
	return string(b)
}

// findingID is stable across runs, so re-indexing replaces rather than adds:
// the first 16 bytes, in hex, of the SHA-256 of message hash, part,
// location, type, detector, start and end, each followed by a NUL.
func findingID(msgHash, part, loc string, h Hit) string {
	id, _ := findingIDBuf(nil, msgHash, part, loc, h)
	return id
}

// findingIDBuf is findingID hashing in buf, which it returns for reuse.
func findingIDBuf(buf []byte, msgHash, part, loc string, h Hit) (string, []byte) {
	buf = buf[:0]
	for _, v := range [...]string{msgHash, part, loc, h.Type, h.Detector} {
		buf = append(buf, v...)
		buf = append(buf, 0)
	}
	buf = strconv.AppendInt(buf, int64(h.Start), 10)
	buf = append(buf, 0)
	buf = strconv.AppendInt(buf, int64(h.End), 10)
	buf = append(buf, 0)
	sum := sha256.Sum256(buf)
	var id [32]byte
	hex.Encode(id[:], sum[:16])
	return string(id[:]), buf
}

// span is a maximal run of overlapping hits: masked as one unit, so that
// no part of any of them shows, whatever detectors overlap.
type span struct {
	start, end int
	hits       []int // indexes into the hits, by start
}

// mergeHits sorts the hits by start and merges overlapping ones.
func mergeHits(hits []Hit) []span {
	order := make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(hits[a].Start, hits[b].Start) })
	var spans []span
	for _, i := range order {
		h := hits[i]
		if n := len(spans); n > 0 && h.Start < spans[n-1].end {
			spans[n-1].end = max(spans[n-1].end, h.End)
			spans[n-1].hits = append(spans[n-1].hits, i)
			continue
		}
		spans = append(spans, span{start: h.Start, end: h.End, hits: []int{i}})
	}
	return spans
}

const contextRunes = 30

// maskedContext is the text around h with every hit in it masked, and
// every run of 3 or more digits, on one line: it shows an investigator
// where the value was without showing it.
func maskedContext(text string, h Hit, all []Hit) string {
	return maskedContextSpans(text, h, all, mergeHits(all))
}

// maskedContextSpans is maskedContext given mergeHits(all). It costs
// O(log n) plus the spans in the window, so a part with a million hits
// (attacker-made) stays linear overall.
func maskedContextSpans(text string, h Hit, all []Hit, spans []span) string {
	s, _ := maskedContextKnown(text, h, all, spans, nil, nil)
	return s
}

// maskedContextKnown is maskedContextSpans that also stars, with '*' for
// every rune, the values of kv in the window. It takes and returns a
// buffer for their places.
func maskedContextKnown(text string, h Hit, all []Hit, spans []span, kv *known, found []interval) (string, []interval) {
	from := h.Start
	for n := 0; n < contextRunes && from > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	to := h.End
	for n := 0; n < contextRunes && to < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[to:])
		to += size
	}
	// The first span ending after from; a span cut by a window edge is
	// taken whole, so it is masked whole.
	k := sort.Search(len(spans), func(i int) bool { return spans[i].end > from })
	if k < len(spans) && spans[k].start < from {
		from = spans[k].start
	}
	if j := sort.Search(len(spans), func(i int) bool { return spans[i].end > to }); j < len(spans) && spans[j].start < to {
		to = spans[j].end
	}
	found, ok := found[:0], true
	if kv != nil {
		found, ok = kv.find(found, text, from-min(kv.longest-1, maxBackoff), from, to)
	}
	g := gapMasker{text: text, found: found, all: !ok}
	out := make([]byte, 0, to-from+16)
	pos := from
	for ; k < len(spans) && spans[k].start < to; k++ {
		out = g.appendGap(out, pos, spans[k].start)
		for _, i := range spans[k].hits {
			out = append(out, all[i].Masked...)
		}
		pos = spans[k].end
	}
	out = g.appendGap(out, pos, to)
	for i, c := range out {
		if c == '\n' || c == '\r' || c == '\t' {
			out[i] = ' '
		}
	}
	return string(out), found
}
