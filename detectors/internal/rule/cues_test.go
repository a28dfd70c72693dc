package rule

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// TestCues checks Cues.Find against one strings.Index loop per word over
// the lower-cased text.
func TestCues(t *testing.T) {
	words := []string{"tel", "telephone", "@", "--", "━━", "携帯", "mail", "e-mail", "aa", "co.", "(株)"}
	c := NewCues(words...)
	parts := []string{"TEL", "tel", "Tel", "ephone", "@", "-", "--", "━", "━━", "携", "帯", "携帯", "Mail", "E-", "a", "A", "aa",
		"co", "CO.", ".", "(株)", "株", " ", "\n", "é", "\u212a"}
	rng := rand.New(rand.NewPCG(11, 12))
	hits := 0
	for range 20000 {
		s := detectortest.RandomText(rng, parts, rng.IntN(12))
		lower := textscan.ASCIILower(s)
		var want [][2]int
		for k, w := range words {
			for from := 0; ; {
				i := strings.Index(lower[from:], w)
				if i < 0 {
					break
				}
				want = append(want, [2]int{from + i, k})
				from += i + len(w)
			}
		}
		slices.SortFunc(want, func(a, b [2]int) int { return cmp.Compare(a[0], b[0])*2 + cmp.Compare(a[1], b[1]) })
		var got [][2]int
		c.Find(s, func(pos, k int) { got = append(got, [2]int{pos, k}) })
		if d := gocmp.Diff(want, got); d != "" {
			t.Fatalf("Find(%q) (-want +got):\n%s", s, d)
		}
		hits += len(want)
		// FindAll: every position where a word starts.
		want = nil
		for i := range len(s) {
			for k, w := range words {
				if strings.HasPrefix(lower[i:], w) {
					want = append(want, [2]int{i, k})
				}
			}
		}
		got = nil
		c.FindAll(s, func(pos, k int) { got = append(got, [2]int{pos, k}) })
		if d := gocmp.Diff(want, got); d != "" {
			t.Fatalf("FindAll(%q) (-want +got):\n%s", s, d)
		}
		if c.Any(s) != (len(want) > 0) {
			t.Fatalf("Any(%q) = %v, want %v", s, c.Any(s), len(want) > 0)
		}
	}
	if hits < 10000 {
		t.Errorf("only %d occurrences compared", hits)
	}
}

func FuzzCues(f *testing.F) {
	f.Add("TEL: 03-1234-5678 携帯 @ ━━━━ Co. (株)", "tel")
	f.Add("aaa", "aa")
	f.Fuzz(func(t *testing.T, s, w string) {
		w = textscan.ASCIILower(w)
		if w == "" || len(s) > 1<<12 {
			return
		}
		c := NewCues(w, "@", "━━", "携帯")
		lower := textscan.ASCIILower(s)
		var want []int
		for from := 0; ; {
			i := strings.Index(lower[from:], w)
			if i < 0 {
				break
			}
			want = append(want, from+i)
			from += i + len(w)
		}
		var got []int
		c.Find(s, func(pos, k int) {
			if k == 0 {
				got = append(got, pos)
			}
			if pos < 0 || pos+len(c.words[k]) > len(s) || !textscan.HasPrefixFold(s[pos:], c.words[k]) {
				t.Fatalf("word %d reported at %d in %q", k, pos, s)
			}
		})
		if d := gocmp.Diff(want, got); d != "" {
			t.Fatalf("Find(%q) for %q (-want +got):\n%s", s, w, d)
		}
		n := 0
		c.FindAll(s, func(pos, k int) {
			if k == 0 {
				n++
			}
		})
		if c.Any(s) != (strings.Contains(lower, w) || strings.Contains(s, "@") || strings.Contains(s, "━━") || strings.Contains(s, "携帯")) {
			t.Fatalf("Any(%q) = %v", s, c.Any(s))
		}
		if all := strings.Count(lower, w); n < all {
			t.Fatalf("FindAll found %d of %q in %q, want at least %d", n, w, s, all)
		}
	})
}

// TestCuesNext checks Next against May at every position: the first
// position at or after i where May says yes.
func TestCuesNext(t *testing.T) {
	c := NewCues("tel", "@", "--", "携帯", "aa", "x")
	parts := []string{"TEL", "te", "@", "-", "--", "携", "帯", "携帯", "a", "AA", "x", " ", "\n", "é", "\xe6", "\x90"}
	rng := rand.New(rand.NewPCG(13, 14))
	for range 5000 {
		s := detectortest.RandomText(rng, parts, rng.IntN(10))
		for i := 0; i <= len(s)+1; i++ {
			want := i
			for want < len(s) && !c.May(s, want) {
				want++
			}
			want = min(want, len(s))
			if got := c.Next(s, i); got != want {
				t.Fatalf("Next(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}

// TestNextDigit checks the eight-byte skip against a byte loop: every
// byte value at every lane, among random neighbours.
func TestNextDigit(t *testing.T) {
	naive := func(s string, i int) int {
		for i < len(s) && !isDigit(s[i]) {
			i++
		}
		return i
	}
	rng := rand.New(rand.NewPCG(19, 20))
	noDigit := func() byte {
		for {
			if b := byte(rng.IntN(256)); !isDigit(b) {
				return b
			}
		}
	}
	for v := range 256 {
		for lane := range 20 {
			b := make([]byte, 20)
			for k := range b {
				b[k] = noDigit()
			}
			b[lane] = byte(v)
			s := string(b)
			for from := range 3 {
				if got, want := NextDigit(s, from), naive(s, from); got != want {
					t.Fatalf("NextDigit(%q, %d) = %d, want %d", s, from, got, want)
				}
			}
		}
	}
	for range 100000 {
		b := make([]byte, rng.IntN(40))
		for k := range b {
			b[k] = byte(rng.IntN(256))
			if rng.IntN(4) > 0 {
				b[k] = noDigit()
			}
		}
		s, from := string(b), rng.IntN(len(b)+1)
		if got, want := NextDigit(s, from), naive(s, from); got != want {
			t.Fatalf("NextDigit(%q, %d) = %d, want %d", s, from, got, want)
		}
	}
}

// BenchmarkCues is a FindAll pass of person_name-like cue words over
// English mail text, where most letters start some cue word and "th",
// "me", "be" start some too: the case that Cues.next must make cheap.
func BenchmarkCues(b *testing.B) {
	c := NewCues("様", "さん", "氏名", "name", "dear ", "hi ", "hello ", "mr.", "ms.", "mrs.", "dr.", "prof.",
		"--", "==", "__", "**", "regards", "sincerely", "thanks", "cheers", "best", "thank you",
		"tel", "phone", "mobile", "fax", "mail", "@", "携帯", "電話", "〒", "メール")
	para := "Thanks for the message about the meeting. Please send the new report to the team before Friday, " +
		"and call me on my mobile if the numbers look wrong; best wishes to everybody at the office.\n" +
		"-- \nJohn Smith, Example Corp. tel +1 555 0100 mailto:john@example.com\n"
	text := strings.Repeat(para, 1<<20/len(para))
	b.SetBytes(int64(len(text)))
	n := 0
	for b.Loop() {
		c.FindAll(text, func(int, int) { n++ })
	}
}
