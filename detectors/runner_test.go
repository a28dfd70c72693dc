package detectors_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/pii"
)

// fake is a configurable detector for Runner tests. It reports every
// occurrence of needle and counts its calls.
type fake struct {
	name     string
	keywords []string
	needle   string
	maxLen   int
	calls    atomic.Int64
	panicOn  string // panic when the text holds this
	bad      bool   // report an invalid match
}

func (f *fake) Name() string       { return f.name }
func (f *fake) Types() []string    { return []string{pii.Email} }
func (f *fake) Keywords() []string { return f.keywords }
func (f *fake) MaxLen() int {
	if f.maxLen > 0 {
		return f.maxLen
	}
	return len(f.needle)
}

func (f *fake) Detect(t *detectors.Text) []detectors.Match {
	f.calls.Add(1)
	if f.panicOn != "" && strings.Contains(t.Norm, f.panicOn) {
		panic("boom")
	}
	var ms []detectors.Match
	if f.bad {
		ms = append(ms, detectors.Match{Type: "nonsense", Start: 0, End: 1, Value: "x", Confidence: 1})
	}
	for i := 0; f.needle != ""; {
		j := strings.Index(t.Norm[i:], f.needle)
		if j < 0 {
			break
		}
		i += j
		ms = append(ms, detectors.Match{Type: pii.Email, Start: i, End: i + len(f.needle), Value: f.needle, Confidence: 0.5})
		i += len(f.needle)
	}
	return ms
}

func newRunner(t *testing.T, opts detectors.Options, dets ...detectors.Detector) *detectors.Runner {
	t.Helper()
	r, err := detectors.NewRunner(dets, opts)
	if err != nil {
		t.Fatalf("NewRunner: %v", err)
	}
	return r
}

func TestRunnerPrefilter(t *testing.T) {
	tel := &fake{name: "tel", keywords: []string{"tel"}, needle: "x"}
	pass := &fake{name: "pass", keywords: []string{"passport", "旅券"}, needle: "y"}
	all := &fake{name: "all", needle: "z"}
	r := newRunner(t, detectors.Options{}, tel, pass, all)
	tests := []struct {
		text           string
		tel, pass, all int64
	}{
		{"nothing here", 0, 0, 1},
		{"ＴＥＬ x", 1, 0, 1},     // full-width, upper-case: found after NFKC, case-insensitively
		{"Telephone", 1, 0, 1}, // inside a longer word
		{"旅券番号 y", 0, 1, 1},
		{"PASSPORT and tel", 1, 1, 1},
	}
	for _, tt := range tests {
		tel.calls.Store(0)
		pass.calls.Store(0)
		all.calls.Store(0)
		if _, err := r.Run(context.Background(), tt.text, "body"); err != nil {
			t.Fatal(err)
		}
		got := []int64{tel.calls.Load(), pass.calls.Load(), all.calls.Load()}
		if diff := cmp.Diff([]int64{tt.tel, tt.pass, tt.all}, got); diff != "" {
			t.Errorf("Run(%q) calls tel, pass, all (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestRunnerPrefilterOverlappingKeywords: one detector's keyword inside
// another's must not hide it.
func TestRunnerPrefilterOverlappingKeywords(t *testing.T) {
	long := &fake{name: "long", keywords: []string{"telephone"}, needle: "q"}
	short := &fake{name: "short", keywords: []string{"lep"}, needle: "q"}
	r := newRunner(t, detectors.Options{}, long, short)
	if _, err := r.Run(context.Background(), "telephone", "body"); err != nil {
		t.Fatal(err)
	}
	if long.calls.Load() != 1 || short.calls.Load() != 1 {
		t.Errorf("calls long %d, short %d, want 1 and 1", long.calls.Load(), short.calls.Load())
	}
}

func TestRunnerChunkOverlap(t *testing.T) {
	f := &fake{name: "needle", needle: "NEEDLE", maxLen: 6}
	dets := []detectors.Detector{f}
	size := 2 * detectors.Overlap(dets)
	small := newRunner(t, detectors.Options{ChunkSize: size}, f)
	// Needles every 7 bytes, in Japanese so that chunk edges fall inside
	// runes, over ten chunks.
	text := strings.Repeat("NEEDLEあ", 10*size/9)
	got, err := small.Run(context.Background(), text, "body")
	if err != nil {
		t.Fatal(err)
	}
	var want []detectors.Result
	for i := 0; i+6 <= len(text); i += 9 {
		want = append(want, detectors.Result{
			Match:    detectors.Match{Type: pii.Email, Start: i, End: i + 6, Value: "NEEDLE", Confidence: 0.5},
			Detector: "needle", OrigStart: i, OrigEnd: i + 6,
		})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("chunked Run (-want +got):\n%s", diff)
	}
	if calls := f.calls.Load(); calls < 5 {
		t.Errorf("detector called %d times, want one call per chunk (>= 5)", calls)
	}
}

func TestRunnerOrigOffsets(t *testing.T) {
	f := &fake{name: "needle", needle: "090-1234", maxLen: 8}
	r := newRunner(t, detectors.Options{}, f)
	text := "電話：０９０－１２３４、㈱090ー1234"
	got, err := r.Run(context.Background(), text, "body")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d results, want 2: %+v", len(got), got)
	}
	for _, res := range got {
		orig := text[res.OrigStart:res.OrigEnd]
		if n := detectors.Normalize(orig).Norm; n != "090-1234" {
			t.Errorf("original %q of %+v normalizes to %q, want 090-1234", orig, res, n)
		}
	}
}

func TestRunnerPanic(t *testing.T) {
	bad := &fake{name: "bad", needle: "x", panicOn: "trigger"}
	good := &fake{name: "good", needle: "y"}
	r := newRunner(t, detectors.Options{}, bad, good)
	got, err := r.Run(context.Background(), "trigger y", "body")
	var pe *detectors.PanicError
	if !errors.As(err, &pe) || pe.Detector != "bad" || !errors.Is(err, detectors.ErrPanic) {
		t.Fatalf("err = %v, want a *PanicError for detector bad", err)
	}
	if !strings.Contains(err.Error(), "bad") {
		t.Errorf("error %q does not name the detector", err)
	}
	if len(got) != 1 || got[0].Detector != "good" {
		t.Errorf("results = %+v, want the good detector's match", got)
	}
}

func TestRunnerInvalidMatch(t *testing.T) {
	f := &fake{name: "bad", needle: "y", bad: true}
	r := newRunner(t, detectors.Options{}, f)
	got, err := r.Run(context.Background(), "xyz", "body")
	if !errors.Is(err, detectors.ErrInvalidMatch) {
		t.Errorf("err = %v, want ErrInvalidMatch", err)
	}
	if len(got) != 1 || got[0].Value != "y" {
		t.Errorf("results = %+v, want the valid match only", got)
	}
}

func TestRunnerContext(t *testing.T) {
	f := &fake{name: "needle", needle: "x"}
	r := newRunner(t, detectors.Options{}, f)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got, err := r.Run(ctx, "x x x", "body")
	if !errors.Is(err, context.Canceled) || len(got) != 0 {
		t.Errorf("Run with a cancelled context = %v, %v; want no results and context.Canceled", got, err)
	}
}

// cancelling cancels its context on the first call, in the middle of a
// chunked scan.
type cancelling struct {
	fake
	cancel context.CancelFunc
}

func (c *cancelling) Detect(t *detectors.Text) []detectors.Match {
	c.cancel()
	return c.fake.Detect(t)
}

func TestRunnerContextBetweenChunks(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	c := &cancelling{fake: fake{name: "needle", needle: "x"}, cancel: cancel}
	size := 2 * detectors.Overlap([]detectors.Detector{c})
	r := newRunner(t, detectors.Options{ChunkSize: size}, c)
	got, err := r.Run(ctx, strings.Repeat("x", 5*size), "body")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if c.calls.Load() != 1 || len(got) == 0 {
		t.Errorf("%d calls and %d results; want 1 call and the first chunk's results", c.calls.Load(), len(got))
	}
}

func TestNewRunnerErrors(t *testing.T) {
	tests := []struct {
		name string
		dets []detectors.Detector
		opts detectors.Options
	}{
		{"duplicate", []detectors.Detector{&fake{name: "a", needle: "x"}, &fake{name: "a", needle: "y"}}, detectors.Options{}},
		{"not snake_case", []detectors.Detector{&fake{name: "Email", needle: "x"}}, detectors.Options{}},
		{"zero MaxLen", []detectors.Detector{&fake{name: "a"}}, detectors.Options{}},
		{"empty keyword", []detectors.Detector{&fake{name: "a", needle: "x", keywords: []string{""}}}, detectors.Options{}},
		{"small chunks", []detectors.Detector{&fake{name: "a", needle: "x"}}, detectors.Options{ChunkSize: 100}},
		{"nil", []detectors.Detector{nil}, detectors.Options{}},
	}
	for _, tt := range tests {
		if _, err := detectors.NewRunner(tt.dets, tt.opts); err == nil {
			t.Errorf("%s: NewRunner succeeded, want an error", tt.name)
		}
	}
}

func TestRunnerConcurrent(t *testing.T) {
	f := &fake{name: "needle", keywords: []string{"ne"}, needle: "NEEDLE", maxLen: 6}
	r := newRunner(t, detectors.Options{}, f)
	text := strings.Repeat("ＮＥＥＤＬＥ and more ", 200)
	want, err := r.Run(context.Background(), text, "body")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got, err := r.Run(context.Background(), text, "body")
			if err != nil || !cmp.Equal(want, got) {
				t.Errorf("concurrent Run differs: %v", err)
			}
		})
	}
	wg.Wait()
}

// ocrProof is a fake whose matches are checked by check digits.
type ocrProof struct{ *fake }

func (ocrProof) OCRProof() {}

func TestOCRLowersConfidenceExceptOCRProof(t *testing.T) {
	plain := &fake{name: "plain", needle: "abc"}
	proof := ocrProof{&fake{name: "proof", needle: "xyz"}}
	r := newRunner(t, detectors.Options{}, plain, proof)
	for _, ocr := range []bool{false, true} {
		text := detectors.Normalize("abc xyz")
		text.OCR = ocr
		res, err := r.RunText(context.Background(), text)
		if err != nil || len(res) != 2 {
			t.Fatalf("ocr=%v: %v %v", ocr, res, err)
		}
		want := map[string]float64{"plain": 0.5, "proof": 0.5}
		if ocr {
			want["plain"] = 0.5 * detectors.OCRFactor
		}
		for _, m := range res {
			if m.Confidence != want[m.Detector] {
				t.Errorf("ocr=%v: %s confidence %v, want %v", ocr, m.Detector, m.Confidence, want[m.Detector])
			}
		}
	}
}

// ocrOnly reports its needle only in text read from pixels.
type ocrOnly struct{ *fake }

func (d ocrOnly) Detect(t *detectors.Text) []detectors.Match {
	if !t.OCR {
		return nil
	}
	return d.fake.Detect(t)
}

// TestChunksKeepOCR: detectors see Text.OCR in the chunks they are given,
// as in the whole text (the passport detector's rules for OCR text).
func TestChunksKeepOCR(t *testing.T) {
	r := newRunner(t, detectors.Options{}, ocrOnly{&fake{name: "ocr", needle: "abc"}})
	text := detectors.Normalize("abc")
	text.OCR = true
	if res, err := r.RunText(context.Background(), text); err != nil || len(res) != 1 {
		t.Errorf("RunText(OCR text) = %v, %v; want the one match", res, err)
	}
}
