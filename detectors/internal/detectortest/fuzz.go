package detectortest

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/detectors"
)

// ExampleDetector is a detector that carries its own examples, as every
// registered detector does.
type ExampleDetector interface {
	detectors.Detector
	detectors.Exampler
}

// AcceptExamples runs Accept over d's own examples.
func AcceptExamples(t *testing.T, d ExampleDetector) {
	t.Helper()
	e := d.Examples()
	Accept(t, d, e.Positives, e.Negatives)
}

// Rules are what CheckMatches requires of a detector's matches beyond the
// Detector contract.
type Rules struct {
	// Ordered requires the matches in order of position, none starting
	// before the end of the one before.
	Ordered bool
	// Valid reports whether a match's value is well-formed, given the
	// normalized text its span covers; nil accepts any value.
	Valid func(value, span string) bool
}

// CheckMatches fails t unless the matches ms that d found in tx keep the
// Detector contract: each span within tx.Norm, on rune boundaries and at
// most MaxLen bytes long; a type of d's Types; a confidence in (0,1]; a
// non-empty, valid UTF-8 value; and, when d has keywords and tx has no
// Column (a column header counts as a keyword), one of them within
// MaxContext bytes of the match. Then it checks the matches against r.
func CheckMatches(t testing.TB, d detectors.Detector, tx *detectors.Text, ms []detectors.Match, r Rules) {
	t.Helper()
	name, keywords, prev := d.Name(), len(d.Keywords()) > 0, 0
	for _, m := range ms {
		if m.Start < 0 || m.End > len(tx.Norm) || m.Start >= m.End {
			t.Errorf("%s: match [%d,%d) out of range of %d bytes", name, m.Start, m.End, len(tx.Norm))
			continue
		}
		span := tx.Norm[m.Start:m.End]
		if !utf8.RuneStart(tx.Norm[m.Start]) || (m.End < len(tx.Norm) && !utf8.RuneStart(tx.Norm[m.End])) {
			t.Errorf("%s: match [%d,%d) not on rune boundaries of %q", name, m.Start, m.End, tx.Norm)
		}
		if len(span) > d.MaxLen() {
			t.Errorf("%s: match [%d,%d) longer than MaxLen %d", name, m.Start, m.End, d.MaxLen())
		}
		if !slices.Contains(d.Types(), m.Type) {
			t.Errorf("%s: match type %q not in Types %q", name, m.Type, d.Types())
		}
		if !(m.Confidence > 0 && m.Confidence <= 1) {
			t.Errorf("%s: confidence %v of match %q not in (0,1]", name, m.Confidence, span)
		}
		if m.Value == "" || !utf8.ValidString(m.Value) {
			t.Errorf("%s: empty or invalid value %q for match %q", name, m.Value, span)
		}
		if keywords && tx.Column == "" && !KeywordNear(d, tx.Norm, m) {
			t.Errorf("%s: match %q [%d,%d) has no keyword within MaxContext", name, span, m.Start, m.End)
		}
		if r.Ordered && m.Start < prev {
			t.Errorf("%s: match [%d,%d) starts before the end %d of the one before", name, m.Start, m.End, prev)
		}
		prev = m.End
		if r.Valid != nil && m.Value != "" && !r.Valid(m.Value, span) {
			t.Errorf("%s: value %q of %s match %q [%d,%d) is not well-formed", name, m.Value, m.Type, span, m.Start, m.End)
		}
	}
}

// FuzzDetect is the body of a detector's fuzz target, whose inputs are a
// text, as in mail, and a table column header. It seeds the corpus with
// d's examples, without a column, and then with seeds, each a text and a
// column. It fails on an input for which d panics or finds matches that
// CheckMatches rejects under r.
func FuzzDetect(f *testing.F, d ExampleDetector, r Rules, seeds ...[2]string) {
	f.Helper()
	addSeeds(f, d, seeds)
	f.Fuzz(func(t *testing.T, text, column string) {
		tx := detectors.Normalize(text)
		tx.Column = column
		CheckMatches(t, d, tx, d.Detect(tx), r)
	})
}

// FuzzDetectChunked is FuzzDetect that also fails on an input for which
// d, both without a column and with the input's, finds other matches on a
// second run or matches that CheckMatches rejects; or for which, in the
// text repeated over many chunks, a Runner with the smallest chunks finds
// other results than one with a single chunk. An input costs about a
// hundred times more than in FuzzDetect.
func FuzzDetectChunked(f *testing.F, d ExampleDetector, r Rules, seeds ...[2]string) {
	f.Helper()
	addSeeds(f, d, seeds)
	whole, small, size := chunkRunners(f, d)
	f.Fuzz(func(t *testing.T, text, column string) {
		for _, col := range slices.Compact([]string{"", column}) {
			tx := detectors.Normalize(text)
			tx.Column = col
			ms := d.Detect(tx)
			CheckMatches(t, d, tx, ms, r)
			again := detectors.Normalize(text)
			again.Column = col
			if diff := cmp.Diff(ms, d.Detect(again)); diff != "" {
				t.Fatalf("%s is not deterministic on %q, column %q (-first +second):\n%s", d.Name(), text, col, diff)
			}
		}
		if text == "" {
			return
		}
		long := strings.Repeat(text+"\n", 3*size/(len(text)+1)+1)
		if one, chunked := runBoth(t, whole, small, long); !cmp.Equal(one, chunked) {
			t.Fatalf("%s: chunks of %d find other results than one chunk (-one +chunked):\n%s", d.Name(), size, cmp.Diff(one, chunked))
		}
	})
}

// addSeeds adds d's examples, without a column, and then seeds, each a
// text and a column, to f's seed corpus.
func addSeeds(f *testing.F, d detectors.Exampler, seeds [][2]string) {
	e := d.Examples()
	for _, s := range slices.Concat(e.Positives, e.Negatives) {
		f.Add(s, "")
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
}
