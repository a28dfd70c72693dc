package scanner

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand"
	"strconv"
	"testing"
	"unicode/utf8"
)

// maskedContextFormer is the former maskedContext: the new one must give
// the same text.
func maskedContextFormer(text string, h Hit, all []Hit) string {
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
	for _, o := range all {
		if o.Start < from && o.End > from {
			from = o.Start
		}
		if o.Start < to && o.End > to {
			to = o.End
		}
	}
	var out []byte
	pos := from
	for pos < to {
		next := -1
		for i := range all {
			if all[i].Start >= pos && all[i].Start < to && (next < 0 || all[i].Start < all[next].Start) {
				next = i
			}
		}
		if next < 0 {
			out = append(out, text[pos:to]...)
			break
		}
		out = append(out, text[pos:all[next].Start]...)
		out = append(out, all[next].Masked...)
		pos = max(pos, all[next].End)
	}
	b := out
	for i, c := range b {
		if c == '\n' || c == '\r' || c == '\t' {
			b[i] = ' '
		}
	}
	return string(b)
}

func findingIDFormer(msgHash, part, loc string, h Hit) string {
	s := sha256.New()
	for _, v := range []string{msgHash, part, loc, h.Type, h.Detector, strconv.Itoa(h.Start), strconv.Itoa(h.End)} {
		s.Write([]byte(v))
		s.Write([]byte{0})
	}
	return hex.EncodeToString(s.Sum(nil)[:16])
}

func TestMaskedContextMatchesFormer(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	chars := []string{"a", " ", "\n", "\t", "\r", "田", "中", "@", "0"}
	for i := 0; i < 5000; i++ {
		var text string
		for n := r.Intn(200); n > 0; n-- {
			text += chars[r.Intn(len(chars))]
		}
		var hits []Hit
		for n := r.Intn(12); n > 0 && len(text) > 1; n-- {
			s := r.Intn(len(text) - 1)
			e := s + 1 + r.Intn(min(20, len(text)-s-1)+1)
			e = min(e, len(text))
			if !utf8.RuneStart(text[s]) || (e < len(text) && !utf8.RuneStart(text[e])) {
				continue
			}
			hits = append(hits, Hit{Type: "t", Detector: "d" + strconv.Itoa(n), Masked: "[" + strconv.Itoa(n) + "]", Start: s, End: e})
		}
		order := byStart(hits)
		for _, h := range hits {
			if got, want := maskedContextOrdered(text, h, hits, order), maskedContextFormer(text, h, hits); got != want {
				t.Fatalf("%q %+v: got %q, want %q", text, hits, got, want)
			}
			if got, want := findingID("abc", "1.2", "body", h), findingIDFormer("abc", "1.2", "body", h); got != want {
				t.Fatalf("id %s, want %s", got, want)
			}
		}
	}
}
