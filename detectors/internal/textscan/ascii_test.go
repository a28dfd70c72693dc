package textscan

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestASCIIFold(t *testing.T) {
	for _, c := range []struct {
		s, sub string
		prefix bool
		index  int
	}{
		{"Years Old", "years", true, 0},
		{"35 YEARS OLD", "years old", false, 3},
		{"x\x00y", " ", false, -1}, // NUL is not a space
		{"İyears", "years", false, 2},
		{"a@B", "@b", false, 1},
		{"性別：☐男性 ☑女性", "☑", false, 19},
		{"", "a", false, -1},
		{"abc", "", true, 0},
	} {
		if got := HasPrefixFold(c.s, c.sub); got != c.prefix {
			t.Errorf("HasPrefixFold(%q, %q) = %v", c.s, c.sub, got)
		}
		if got := IndexFold(c.s, c.sub); got != c.index {
			t.Errorf("IndexFold(%q, %q) = %d, want %d", c.s, c.sub, got, c.index)
		}
	}
	if got := ASCIILower("TEL İ Ab"); got != "tel İ ab" || len(got) != len("TEL İ Ab") {
		t.Errorf("ASCIILower = %q", got)
	}
}

// TestIndexFoldRandom compares IndexFold with strings.Index on the
// ASCII-lower-cased text, over a small alphabet where matches, near
// matches and both cases of the first byte are frequent.
func TestIndexFoldRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alpha := "aAbByY@ é"
	gen := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alpha[rng.IntN(len(alpha))]
		}
		return string(b)
	}
	for range 20000 {
		s, sub := gen(rng.IntN(30)), ASCIILower(gen(1+rng.IntN(4)))
		if got, want := IndexFold(s, sub), strings.Index(ASCIILower(s), sub); got != want {
			t.Fatalf("IndexFold(%q, %q) = %d, want %d", s, sub, got, want)
		}
	}
}
