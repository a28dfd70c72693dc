package detectors_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/registry"
	"github.com/mailsift/mailsift/pii"
)

// FuzzRunner runs all registered detectors on arbitrary text: no panic,
// offsets in range and on rune boundaries of both texts, deterministic
// results, and the same results with small chunks as with one. Seeds:
// testdata/fuzz/FuzzRunner and every detector's examples.
func FuzzRunner(f *testing.F) {
	dets := registry.Default()
	for _, d := range dets {
		if ex, ok := d.(detectors.Exampler); ok {
			e := ex.Examples()
			for _, s := range append(e.Positives, e.Negatives...) {
				f.Add(s)
			}
		}
	}
	whole, err := detectors.NewRunner(dets, detectors.Options{})
	if err != nil {
		f.Fatal(err)
	}
	size := 2 * detectors.Overlap(dets)
	small, err := detectors.NewRunner(dets, detectors.Options{ChunkSize: size})
	if err != nil {
		f.Fatal(err)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, text string) {
		got, err := whole.Run(ctx, text, "body")
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		norm := detectors.Normalize(text).Norm
		checkResults(t, text, norm, got)
		again, err := whole.Run(ctx, text, "body")
		if err != nil || !cmp.Equal(got, again) {
			t.Fatalf("Run is not deterministic (-first +second):\n%s", cmp.Diff(got, again))
		}
		if text == "" {
			return
		}
		// Repeat the text over three chunks and more, so chunk edges fall
		// at many places of it.
		long := strings.Repeat(text+"\n", 3*size/(len(text)+1)+1)
		a, errA := small.Run(ctx, long, "body")
		b, errB := whole.Run(ctx, long, "body")
		if errA != nil || errB != nil {
			t.Fatalf("Run: %v, %v", errA, errB)
		}
		if diff := cmp.Diff(b, a); diff != "" {
			t.Fatalf("chunks of %d give other results than one chunk (-one +chunked):\n%s", size, diff)
		}
	})
}

// checkResults checks the offsets of results of text, normalized to norm.
func checkResults(t *testing.T, text, norm string, rs []detectors.Result) {
	t.Helper()
	origBound := boundaries(text)
	for _, r := range rs {
		if r.Start < 0 || r.End > len(norm) || r.Start >= r.End ||
			!utf8.RuneStart(norm[r.Start]) || (r.End < len(norm) && !utf8.RuneStart(norm[r.End])) {
			t.Fatalf("%+v: normalized span out of range or not on rune boundaries of %q", r, norm)
		}
		if r.OrigStart < 0 || r.OrigEnd > len(text) || r.OrigStart >= r.OrigEnd ||
			!origBound[r.OrigStart] || !origBound[r.OrigEnd] {
			t.Fatalf("%+v: original span out of range or not on rune boundaries of %q", r, text)
		}
		if r.Value == "" || !utf8.ValidString(r.Value) || r.Confidence <= 0 || r.Confidence > 1 {
			t.Fatalf("%+v: empty or invalid value, or confidence out of (0,1]", r)
		}
		// The value is the normalized text at the offsets, normalized
		// further as the interface says: for e-mail, lower case, and an
		// address a header wrapped onto the next line joined again.
		if r.Type == pii.Email && r.Value != strings.ToLower(unwrap(norm[r.Start:r.End])) {
			t.Fatalf("%+v: e-mail value is not the lower-cased text %q", r, norm[r.Start:r.End])
		}
		// The original span covers what the match shows; it may be wider
		// where a match ends inside what one character became.
		if n := detectors.Normalize(text[r.OrigStart:r.OrigEnd]).Norm; !strings.Contains(n, norm[r.Start:r.End]) {
			t.Fatalf("%+v: original %q normalizes to %q, which lacks %q", r, text[r.OrigStart:r.OrigEnd], n, norm[r.Start:r.End])
		}
	}
}

// boundaries returns the rune boundaries of s, counting each invalid byte
// as a rune, as range does.
func boundaries(s string) map[int]bool {
	m := map[int]bool{len(s): true}
	for i := range s {
		m[i] = true
	}
	return m
}

// unwrap removes the line breaks (and the indentation or quote marks
// after them) that a wrapped header put inside an address.
func unwrap(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(strings.TrimRight(s[:i], "\r"))
		s = strings.TrimLeft(s[i+1:], " \t>")
	}
}
