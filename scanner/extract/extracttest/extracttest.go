// Package extracttest holds test helpers shared by the attachment
// extractors: a recording Sink and the conformance checks every extractor
// must pass on any input (used by their fuzz targets).
package extracttest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mailsift/mailsift/scanner/extract"
)

// Recorder is an extract.Sink that keeps everything it is given. It
// enforces Limits.MaxBytes over Text and File data like the real
// dispatcher, so limit handling can be tested per extractor.
type Recorder struct {
	Parent   *extract.File
	Limits   extract.Limits
	Segments []extract.Segment
	Files    []extract.File
	Problems []Problem
	Unlocks  map[string]string // location → password

	bytes int64
}

// Problem is one call of Sink.Problem.
type Problem struct {
	Location string
	Err      error
}

// NewRecorder returns a Recorder for f with the given limits (zero: defaults).
func NewRecorder(f *extract.File, lim extract.Limits) *Recorder {
	return &Recorder{Parent: f, Limits: lim.WithDefaults(), Unlocks: map[string]string{}}
}

// Text implements extract.Sink.
func (r *Recorder) Text(s extract.Segment) error {
	if err := r.add(int64(len(s.Text))); err != nil {
		return err
	}
	r.Segments = append(r.Segments, s)
	return nil
}

// File implements extract.Sink: it sets Location and Depth as the
// dispatcher does.
func (r *Recorder) File(f extract.File) error {
	if err := r.add(int64(len(f.Data))); err != nil {
		return err
	}
	f.Location = r.Parent.Location + "/" + f.Name
	f.Depth = r.Parent.Depth + 1
	r.Files = append(r.Files, f)
	return nil
}

// Problem implements extract.Sink.
func (r *Recorder) Problem(loc string, err error) {
	r.Problems = append(r.Problems, Problem{loc, err})
}

// Unlocked implements extract.Sink.
func (r *Recorder) Unlocked(loc, pw string) { r.Unlocks[loc] = pw }

func (r *Recorder) add(n int64) error {
	r.bytes += n
	if r.bytes > r.Limits.MaxBytes {
		return &extract.LimitError{Limit: "bytes", Value: r.Limits.MaxBytes}
	}
	return nil
}

// AllText joins every segment's text with "\n".
func (r *Recorder) AllText() string {
	var b strings.Builder
	for i, s := range r.Segments {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s.Text)
	}
	return b.String()
}

// Check runs x on data as an attachment named name and checks what every
// extractor must guarantee on any input, hostile included: no panic, it
// returns, segments carry valid UTF-8 and a location inside the file, and
// a returned error is not a bare limit unless a Sink method asked for it.
// Fuzz targets call it.
func Check(t testing.TB, x extract.Extractor, name string, data []byte, env *extract.Env) *Recorder {
	t.Helper()
	f := &extract.File{Name: name, Location: "attachment:" + name, Data: data}
	if env == nil {
		env = &extract.Env{}
	}
	env.Limits = env.Limits.WithDefaults()
	rec := NewRecorder(f, env.Limits)
	ctx, cancel := context.WithTimeout(context.Background(), env.Limits.Timeout)
	defer cancel()
	if !x.Match(f) {
		return rec
	}
	err := x.Extract(ctx, f, env, rec)
	_ = err // any error is allowed on garbage; it must only be returned, not panic
	if err != nil && err.Error() == "" {
		t.Errorf("%s: empty error string", x.Name())
	}
	for _, s := range rec.Segments {
		if !utf8.ValidString(s.Text) {
			t.Errorf("%s: segment %q has invalid UTF-8", x.Name(), s.Location)
		}
		if !strings.HasPrefix(s.Location, f.Location) {
			t.Errorf("%s: segment location %q is not inside %q", x.Name(), s.Location, f.Location)
		}
	}
	for _, p := range rec.Problems {
		if p.Err == nil {
			t.Errorf("%s: Problem(%q, nil)", x.Name(), p.Location)
		}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		t.Logf("%s: hit the time limit on %d bytes", x.Name(), len(data))
	}
	return rec
}

// Name returns a readable description of a recorder's content for test
// failure messages.
func (r *Recorder) String() string {
	return fmt.Sprintf("%d segments, %d files, %d problems", len(r.Segments), len(r.Files), len(r.Problems))
}
