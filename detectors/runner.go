package detectors

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime/debug"
	"slices"
	"unicode/utf8"
)

// DefaultChunkSize is how many bytes of normalized text a detector sees at
// once unless Options say otherwise.
const DefaultChunkSize = 1 << 20

// Options configure a Runner.
type Options struct {
	// ChunkSize is the number of bytes of normalized text per chunk; 0
	// means DefaultChunkSize. It must be at least twice Overlap(dets), so
	// that each chunk moves the scan on by at least half its size.
	ChunkSize int
}

// Result is a Match found by a Runner, with where it is in the original
// text. Match.Start and Match.End are byte offsets in the normalized text.
type Result struct {
	Match
	Detector           string // Name of the detector that found it
	OrigStart, OrigEnd int    // byte offsets in the original text
}

// Runner applies a fixed list of detectors to texts. It is safe for
// concurrent use: all state of a scan lives in the call.
type Runner struct {
	dets    []Detector
	names   []string
	types   [][]string
	maxLen  []int
	always  []bool          // detector has no keywords: runs on every chunk
	ocrKeep map[string]bool // OCRProof detectors, by name
	pre     *prefilter      // nil when no detector has keywords
	chunk   int             // chunk size
	longest int             // largest MaxLen
}

// snakeCase is the form of detector names.
var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// NewRunner returns a Runner for dets, which must have unique snake_case
// names, positive MaxLen and non-empty keywords. It builds one
// Aho-Corasick automaton over all detectors' keywords.
func NewRunner(dets []Detector, opts Options) (*Runner, error) {
	r := &Runner{
		dets:  slices.Clone(dets),
		chunk: opts.ChunkSize,
	}
	if r.chunk == 0 {
		r.chunk = DefaultChunkSize
	}
	seen := make(map[string]bool)
	for i, d := range r.dets {
		if d == nil {
			return nil, fmt.Errorf("detectors: detector %d is nil", i)
		}
		name := d.Name()
		switch {
		case !snakeCase.MatchString(name):
			return nil, fmt.Errorf("detectors: detector name %q is not snake_case", name)
		case seen[name]:
			return nil, fmt.Errorf("detectors: two detectors named %q", name)
		case d.MaxLen() <= 0:
			return nil, fmt.Errorf("detectors: %s: MaxLen %d is not positive", name, d.MaxLen())
		}
		for _, kw := range d.Keywords() {
			if kw == "" {
				return nil, fmt.Errorf("detectors: %s: empty keyword", name)
			}
		}
		seen[name] = true
		r.names = append(r.names, name)
		r.types = append(r.types, slices.Clone(d.Types()))
		r.maxLen = append(r.maxLen, d.MaxLen())
		r.always = append(r.always, len(d.Keywords()) == 0)
		if _, ok := d.(OCRProof); ok {
			if r.ocrKeep == nil {
				r.ocrKeep = map[string]bool{}
			}
			r.ocrKeep[name] = true
		}
		r.longest = max(r.longest, d.MaxLen())
	}
	if minimum := 2 * Overlap(r.dets); r.chunk < minimum {
		return nil, fmt.Errorf("detectors: chunk size %d is less than twice the overlap, %d", r.chunk, minimum)
	}
	r.pre = newPrefilter(r.dets)
	return r, nil
}

// Overlap returns how many bytes consecutive chunks share for dets: the
// longest match plus MaxContext on both sides, and slack for aligning
// chunk edges to runes.
func Overlap(dets []Detector) int {
	longest := 0
	for _, d := range dets {
		longest = max(longest, d.MaxLen())
	}
	return longest + 2*MaxContext + 2*utf8.UTFMax
}

// Run normalizes text, runs the detectors over it and returns what they
// found, ordered by position. field is the text's location ("header:From",
// "body", "attachment:NAME"), which detectors may use for context.
//
// Run salvages what it can: if a detector panics, or ctx is done between
// chunks, Run returns the results found so far together with an error
// (*PanicError, ErrInvalidMatch, or the context's error, joined).
func (r *Runner) Run(ctx context.Context, text, field string) ([]Result, error) {
	t := Normalize(text)
	t.Field = field
	return r.RunText(ctx, t)
}

// RunText is Run for text already normalized, e.g. a table cell whose
// Column the caller has set (normalized too: it counts as a keyword).
func (r *Runner) RunText(ctx context.Context, t *Text) ([]Result, error) {
	var (
		errs    []error
		results []Result
		index   = make(map[resultKey]int)
		active  = make([]bool, len(r.dets))
	)
	n := len(t.Norm)
	for c := r.firstChunk(t.Norm); ; c = r.nextChunk(t.Norm, c) {
		if err := ctx.Err(); err != nil {
			errs = append(errs, fmt.Errorf("detectors: scan stopped at byte %d of %d: %w", c.start, n, err))
			break
		}
		ct := &Text{Norm: t.Norm[c.start:c.end], Field: t.Field, Column: t.Column, OCR: t.OCR, parent: t, base: c.start}
		copy(active, r.always)
		if r.pre != nil {
			r.pre.mark(ct.Norm, active)
			if t.Column != "" {
				// A column header is a keyword in front of every cell.
				r.pre.mark(t.Column, active)
			}
		}
		for i, on := range active {
			if !on {
				continue
			}
			ms, err := r.detect(i, ct)
			if err != nil {
				errs = append(errs, err)
			}
			for _, m := range ms {
				if err := r.check(i, ct, m); err != nil {
					errs = append(errs, err)
					continue
				}
				m.Start += c.start
				m.End += c.start
				if m.Start < c.ownStart || m.Start >= c.ownEnd {
					continue // another chunk sees it with all its context
				}
				key := resultKey{det: i, typ: m.Type, start: m.Start, end: m.End}
				if j, dup := index[key]; dup {
					if m.Confidence > results[j].Confidence {
						results[j].Match = m
					}
					continue
				}
				index[key] = len(results)
				results = append(results, Result{Match: m, Detector: r.names[i]})
			}
		}
		if c.end == n {
			break
		}
	}
	slices.SortFunc(results, func(a, b Result) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End),
			cmp.Compare(a.Detector, b.Detector), cmp.Compare(a.Type, b.Type))
	})
	for i := range results {
		results[i].OrigStart, results[i].OrigEnd = t.Orig(results[i].Start, results[i].End)
		if t.OCR && !r.ocrKeep[results[i].Detector] {
			results[i].Confidence *= OCRFactor
		}
	}
	return results, errors.Join(errs...)
}

type resultKey struct {
	det        int
	typ        string
	start, end int
}

// detect runs detector i on t; a panic becomes a *PanicError.
func (r *Runner) detect(i int, t *Text) (ms []Match, err error) {
	defer func() {
		if v := recover(); v != nil {
			ms = nil
			err = &PanicError{Detector: r.names[i], Offset: t.base, Value: v, Stack: debug.Stack()}
		}
	}()
	return r.dets[i].Detect(t), nil
}

// check verifies that detector i's match m keeps the Detector contract, so
// that a buggy detector cannot corrupt results. The error does not show
// m.Value: errors end up in logs, which must not hold personal data.
func (r *Runner) check(i int, t *Text, m Match) error {
	var why string
	switch {
	case m.Start < 0 || m.End > len(t.Norm) || m.Start >= m.End:
		why = "span out of range"
	case !utf8.RuneStart(t.Norm[m.Start]) || (m.End < len(t.Norm) && !utf8.RuneStart(t.Norm[m.End])):
		why = "span not on rune boundaries"
	case m.End-m.Start > r.maxLen[i]:
		why = "longer than MaxLen"
	case !slices.Contains(r.types[i], m.Type):
		why = "type not in Types"
	case !(m.Confidence > 0 && m.Confidence <= 1):
		why = "confidence not in (0,1]"
	case m.Value == "":
		why = "empty value"
	default:
		return nil
	}
	return fmt.Errorf("detectors: %s: match %q [%d,%d) at chunk byte %d: %s: %w",
		r.names[i], m.Type, m.Start, m.End, t.base, why, ErrInvalidMatch)
}
