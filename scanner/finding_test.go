package scanner

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mailsift/mailsift/store"
)

func TestMaskedContext(t *testing.T) {
	text := "連絡先は taro@example.jp または 090-1234-5678 まで。"
	a := strings.Index(text, "taro")
	b := strings.Index(text, "090")
	hits := []Hit{
		{Start: a, End: a + len("taro@example.jp"), Masked: "t***@e******.jp"},
		{Start: b, End: b + len("090-1234-5678"), Masked: "+81*******78"},
	}
	got := maskedContext(text, hits[0], hits)
	if strings.Contains(got, "taro") || strings.Contains(got, "1234") || !strings.Contains(got, "t***@e******.jp") || !strings.Contains(got, "連絡先は") {
		t.Errorf("context %q", got)
	}
	// A value that straddles the window edge is still masked whole.
	long := strings.Repeat("あ", 40) + "secret" + strings.Repeat("い", 40) + "0312345678"
	h1 := Hit{Start: strings.Index(long, "secret"), End: strings.Index(long, "secret") + 6, Masked: "s****t"}
	h2 := Hit{Start: strings.Index(long, "0312"), End: len(long), Masked: "03******78"}
	if got := maskedContext(long, h1, []Hit{h1, h2}); strings.Contains(got, "0312") || strings.Contains(got, "secret") {
		t.Errorf("edge context %q", got)
	}
}

func findingIDFormer(msgHash, part, loc string, h Hit) string {
	s := sha256.New()
	for _, v := range []string{msgHash, part, loc, h.Type, h.Detector, strconv.Itoa(h.Start), strconv.Itoa(h.End)} {
		s.Write([]byte(v))
		s.Write([]byte{0})
	}
	return hex.EncodeToString(s.Sum(nil)[:16])
}

// TestMaskedContextNeverShowsAHit: in random texts with random, often
// overlapping hits, no byte inside any hit appears in any context. Hit
// bytes are 'X' (ASCII, so any offset is a rune boundary); other text
// never is; masks are "[n]". Each context holds its own hit's mask.
func TestMaskedContextNeverShowsAHit(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	for i := 0; i < 5000; i++ {
		b := []byte(strings.Repeat("a b\n", 1+r.Intn(60)))
		var hits []Hit
		for n := r.Intn(12); n > 0; n-- {
			s := r.Intn(len(b))
			e := min(len(b), s+1+r.Intn(20))
			hits = append(hits, Hit{Type: "t", Detector: "d", Masked: "[" + strconv.Itoa(n) + "]", Start: s, End: e})
		}
		for _, h := range hits {
			for j := h.Start; j < h.End; j++ {
				b[j] = 'X'
			}
		}
		text := string(b)
		spans := mergeHits(hits)
		for _, h := range hits {
			got := maskedContextSpans(text, h, hits, spans)
			if strings.Contains(got, "X") || !strings.Contains(got, h.Masked) || strings.ContainsAny(got, "\n\t\r") {
				t.Fatalf("%q %+v: context of %+v is %q", text, hits, h, got)
			}
			if got, want := findingID("abc", "1.2", "body", h), findingIDFormer("abc", "1.2", "body", h); got != want {
				t.Fatalf("id %s, want %s", got, want)
			}
		}
	}
}

// TestContextOfManyHitsIsNotQuadratic: a 3 MB part full of hits (a
// hostile message can be made of nothing else) takes time linear in the
// hits, not quadratic.
func TestContextOfManyHitsIsNotQuadratic(t *testing.T) {
	const n = 200000
	text := strings.Repeat("tel 0312345678 ", n)
	hits := make([]Hit, 0, n)
	for i := 0; i < n; i++ {
		s := i*15 + 4
		hits = append(hits, Hit{Type: "phone", Detector: "phone", Masked: "03******78", Start: s, End: s + 10})
	}
	start := time.Now()
	fs := toFindings(store.Finding{MessageSHA256: "abc"}, text, "body", "1", hits, mergeHits(hits), nil, 0, len(hits))
	if len(fs) != n || strings.Contains(fs[n/2].Context, "0312") {
		t.Fatalf("%d findings, context %q", len(fs), fs[n/2].Context)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Fatalf("%d hits took %v", n, d)
	}
}
