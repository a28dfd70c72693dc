package detectortest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/pii"
)

// Accept runs the conformance suite for d: every positive yields at least
// one match, deterministically, also when surrounded by long text, at the
// very start and end of a text, and when a Runner splits the text into
// chunks at any position of the positive; every match keeps the Detector
// contract (CheckMatches); a detector with keywords has one in every
// positive; no negative yields a match. Positives and negatives are raw
// text as in mail; Accept normalizes them.
func Accept(t *testing.T, d detectors.Detector, positives, negatives []string) {
	t.Helper()
	checkStatic(t, d)
	if len(positives) == 0 {
		t.Errorf("%s: no positive examples", d.Name())
	}
	for i, p := range positives {
		t.Run(fmt.Sprintf("positive_%d", i), func(t *testing.T) {
			acceptPositive(t, d, p)
		})
	}
	for i, n := range negatives {
		t.Run(fmt.Sprintf("negative_%d", i), func(t *testing.T) {
			tx := detectors.Normalize(n)
			if ms := d.Detect(tx); len(ms) > 0 {
				t.Errorf("%s found %d matches in negative %q, want none: %+v", d.Name(), len(ms), n, ms)
			}
		})
	}
}

// checkStatic checks what a detector says about itself.
func checkStatic(t *testing.T, d detectors.Detector) {
	t.Helper()
	if d.Name() == "" {
		t.Error("empty Name")
	}
	if len(d.Types()) == 0 {
		t.Errorf("%s: no Types", d.Name())
	}
	for _, typ := range d.Types() {
		if !pii.Known(typ) {
			t.Errorf("%s: unknown type %q", d.Name(), typ)
		}
	}
	if d.MaxLen() <= 0 {
		t.Errorf("%s: MaxLen %d, want > 0", d.Name(), d.MaxLen())
	}
	for _, kw := range d.Keywords() {
		if kw == "" || kw != strings.ToLower(kw) {
			t.Errorf("%s: keyword %q is empty or not lower-case", d.Name(), kw)
		}
	}
}

func acceptPositive(t *testing.T, d detectors.Detector, p string) {
	tx := detectors.Normalize(p)
	ms := d.Detect(tx)
	if len(ms) == 0 {
		t.Fatalf("%s found nothing in positive %q (normalized %q)", d.Name(), p, tx.Norm)
	}
	CheckMatches(t, d, tx, ms, Rules{})
	if again := d.Detect(detectors.Normalize(p)); !cmp.Equal(ms, again) {
		t.Errorf("%s is not deterministic on %q (-first +second):\n%s", d.Name(), p, cmp.Diff(ms, again))
	}
	if kws := d.Keywords(); len(kws) > 0 {
		lower := strings.ToLower(tx.Norm)
		if !slices.ContainsFunc(kws, func(kw string) bool { return strings.Contains(lower, kw) }) {
			t.Errorf("positive %q holds none of %s's keywords %q", p, d.Name(), kws)
		}
	}
	for _, l := range layouts(p) {
		tx := detectors.Normalize(l.text)
		got := d.Detect(tx)
		CheckMatches(t, d, tx, got, Rules{})
		checkShifted(t, d.Name(), l.name, p, ms, got, l.offset, len(tx.Norm)-l.after)
	}
	acceptChunked(t, d, p, ms)
}

// layout is a positive placed in other text.
type layout struct {
	name   string
	text   string
	offset int // bytes of normalized text before the positive
	after  int // bytes of normalized text after it
}

func layouts(p string) []layout {
	long := Filler(4096)
	ja := strings.Repeat(fillerJA, 40)
	return []layout{
		{"surrounded", long + "\n" + p + "\n" + long, len(long) + 1, len(long) + 1},
		{"surrounded_japanese", ja + "\n" + p + "\n" + ja, len(ja) + 1, len(ja) + 1},
		{"at_start", p + "\n" + long, 0, len(long) + 1},
		{"at_end", long + "\n" + p, len(long) + 1, 0},
	}
}

// checkShifted checks that got, found in a text where the positive starts
// at byte offset and ends at byte end, has every match of want shifted by
// offset, and nothing outside the positive.
func checkShifted(t *testing.T, name, layout, p string, want, got []detectors.Match, offset, end int) {
	t.Helper()
	type span struct {
		Type, Value string
		Start, End  int
	}
	have := make(map[span]bool)
	for _, m := range got {
		if m.Start < offset || m.End > end {
			t.Errorf("%s, %s: match [%d,%d) outside the positive [%d,%d)", name, layout, m.Start, m.End, offset, end)
		}
		have[span{m.Type, m.Value, m.Start, m.End}] = true
	}
	for _, m := range want {
		if !have[span{m.Type, m.Value, m.Start + offset, m.End + offset}] {
			t.Errorf("%s, %s: lost match %q [%d,%d) of positive %q", name, layout, m.Type, m.Start, m.End, p)
		}
	}
}

// acceptChunked runs d in a Runner with the smallest chunks it allows and
// places the positive so that each chunk edge falls at every position in
// and around it. The results must be those of a single chunk.
func acceptChunked(t *testing.T, d detectors.Detector, p string, want []detectors.Match) {
	whole, small, size := chunkRunners(t, d)
	normLen := len(detectors.Normalize(p).Norm)
	tail := Filler(2 * size)
	lost := 0
	// The first chunk's edges: its end (size), where its owned range ends
	// and where the second chunk starts, all within Overlap before size.
	for pre := size - detectors.Overlap([]detectors.Detector{d}) - normLen - 2; pre <= size+2; pre++ {
		if pre < 1 {
			continue
		}
		head := Filler(pre - 1)
		text := head + "\n" + p + "\n" + tail
		one, chunked := runBoth(t, whole, small, text)
		if diff := cmp.Diff(one, chunked); diff != "" {
			t.Fatalf("%s: positive %q at byte %d, chunks of %d: results differ from one chunk (-one +chunked):\n%s",
				d.Name(), p, pre, size, diff)
		}
		for _, m := range want {
			if !slices.ContainsFunc(chunked, func(r detectors.Result) bool {
				return r.Type == m.Type && r.Value == m.Value && r.Start == m.Start+pre && r.End == m.End+pre
			}) {
				lost++
			}
		}
	}
	if lost > 0 {
		t.Errorf("%s: positive %q lost %d times across chunk edges", d.Name(), p, lost)
	}
}

// chunkRunners returns Runners of d alone: whole with the default chunk
// size, small with the smallest chunks it allows, of size bytes.
func chunkRunners(tb testing.TB, d detectors.Detector) (whole, small *detectors.Runner, size int) {
	tb.Helper()
	dets := []detectors.Detector{d}
	size = 2 * detectors.Overlap(dets)
	whole, err := detectors.NewRunner(dets, detectors.Options{})
	if err != nil {
		tb.Fatalf("NewRunner: %v", err)
	}
	small, err = detectors.NewRunner(dets, detectors.Options{ChunkSize: size})
	if err != nil {
		tb.Fatalf("NewRunner: %v", err)
	}
	return whole, small, size
}

// runBoth runs whole and small on text as a body and returns what each
// finds, failing tb on an error.
func runBoth(tb testing.TB, whole, small *detectors.Runner, text string) (one, chunked []detectors.Result) {
	tb.Helper()
	ctx := context.Background()
	one, errOne := whole.Run(ctx, text, "body")
	chunked, errChunked := small.Run(ctx, text, "body")
	if errOne != nil || errChunked != nil {
		tb.Fatalf("Run: %v, %v", errOne, errChunked)
	}
	return one, chunked
}
