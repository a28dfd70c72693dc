// Package ruletest checks a detector on arbitrary text, for fuzz targets.
package ruletest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/detectors"
)

// Checker runs one detector on arbitrary text and fails the test when the
// detector breaks the Detector contract. Build it once per fuzz target.
type Checker struct {
	d            detectors.Detector
	whole, small *detectors.Runner
	size         int
}

// NewChecker returns a Checker for d.
func NewChecker(tb testing.TB, d detectors.Detector) *Checker {
	tb.Helper()
	dets := []detectors.Detector{d}
	whole, err := detectors.NewRunner(dets, detectors.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	size := 2 * detectors.Overlap(dets)
	small, err := detectors.NewRunner(dets, detectors.Options{ChunkSize: size})
	if err != nil {
		tb.Fatal(err)
	}
	return &Checker{d: d, whole: whole, small: small, size: size}
}

// Check runs the detector on text, also as a table cell under column, and
// checks: no panic; spans in range, on rune boundaries and at most MaxLen
// long; known types; confidence in (0, 1]; a non-empty value that valid
// reports as well-formed (valid may be nil); deterministic results; and,
// for a text repeated over many chunks, the same results with the
// smallest chunks as with one.
func (c *Checker) Check(t *testing.T, text, column string, valid func(typ, value string) bool) {
	t.Helper()
	for _, col := range []string{"", column} {
		tx := detectors.Normalize(text)
		tx.Column = col
		ms := c.d.Detect(tx)
		for _, m := range ms {
			switch {
			case m.Start < 0 || m.End > len(tx.Norm) || m.Start >= m.End:
				t.Fatalf("match [%d,%d) out of range of %d bytes", m.Start, m.End, len(tx.Norm))
			case !utf8.RuneStart(tx.Norm[m.Start]) || (m.End < len(tx.Norm) && !utf8.RuneStart(tx.Norm[m.End])):
				t.Fatalf("match [%d,%d) not on rune boundaries", m.Start, m.End)
			case m.End-m.Start > c.d.MaxLen():
				t.Fatalf("match [%d,%d) longer than MaxLen %d", m.Start, m.End, c.d.MaxLen())
			case !slices.Contains(c.d.Types(), m.Type):
				t.Fatalf("type %q not in Types", m.Type)
			case !(m.Confidence > 0 && m.Confidence <= 1):
				t.Fatalf("confidence %v not in (0,1]", m.Confidence)
			case m.Value == "" || !utf8.ValidString(m.Value):
				t.Fatalf("empty or invalid value %q", m.Value)
			case valid != nil && !valid(m.Type, m.Value):
				t.Fatalf("value %q of %s [%d,%d) %q is not well-formed", m.Value, m.Type, m.Start, m.End, tx.Norm[m.Start:m.End])
			}
		}
		tx2 := detectors.Normalize(text)
		tx2.Column = col
		if again := c.d.Detect(tx2); !cmp.Equal(ms, again) {
			t.Fatalf("not deterministic (-first +second):\n%s", cmp.Diff(ms, again))
		}
	}
	if text == "" {
		return
	}
	long := strings.Repeat(text+"\n", 3*c.size/(len(text)+1)+1)
	ctx := context.Background()
	a, errA := c.small.Run(ctx, long, "body")
	b, errB := c.whole.Run(ctx, long, "body")
	if errA != nil || errB != nil {
		t.Fatalf("Run: %v, %v", errA, errB)
	}
	if diff := cmp.Diff(b, a); diff != "" {
		t.Fatalf("chunked results differ from one chunk (-one +chunked):\n%s", diff)
	}
}
