//go:build unix

package registry

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/pii"
	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/source"
)

// benchSize is the size of the generated mail-like text: ~20 MB.
const benchSize = 20 << 20

// BenchmarkDetectors measures each registered detector alone, "all" of
// them (the scanner's Runner) and "none" (normalization, chunking and the
// Runner's loop only: the baseline) over the same mixed Japanese/English
// mail text, cut into message parts that go through Runner.Run one by
// one, as the scanner calls it, so that the keyword prefilter applies.
//
// Metrics: MB/s (wall), cpu-MB/s (by the process's CPU time, which says
// more on a shared machine), and ran-% (the share of the chunks that the
// prefilter let the detector see; 100 for detectors without keywords).
// bench/detectors.sh prints them as a table.
//
// Environment: MAILSIFT_BENCH_MB (text size in MB, default 100) and
// MAILSIFT_BENCH_PART (bytes per message part, cut at a line end, default
// 4096; 0 runs the whole text in one call, in 1 MiB chunks).
func BenchmarkDetectors(b *testing.B) {
	parts := benchParts(b) // once: the sub-benchmarks share it
	n := 0
	for _, p := range parts {
		n += len(p.text)
	}
	run := func(b *testing.B, dets []detectors.Detector) {
		probe := &countDetector{Detector: probeDetector{}}
		counted := []detectors.Detector{probe}
		for _, d := range dets {
			counted = append(counted, &countDetector{Detector: d})
		}
		r, err := detectors.NewRunner(counted, detectors.Options{})
		if err != nil {
			b.Fatal(err)
		}
		warmUp(b, r, dets)
		for _, d := range counted {
			d.(*countDetector).calls.Store(0)
		}
		ctx := context.Background()
		b.SetBytes(int64(n))
		b.ReportAllocs()
		cpu0 := cpuTime()
		b.ResetTimer()
		for b.Loop() {
			for _, p := range parts {
				if _, err := r.Run(ctx, p.text, p.field); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.StopTimer()
		if cpu := cpuTime() - cpu0; cpu > 0 {
			b.ReportMetric(float64(n)*float64(b.N)/1e6/cpu.Seconds(), "cpu-MB/s")
		}
		if chunks := probe.calls.Load(); chunks > 0 && len(dets) == 1 {
			b.ReportMetric(100*float64(counted[1].(*countDetector).calls.Load())/float64(chunks), "ran-%")
		}
	}
	b.Run("none", func(b *testing.B) { run(b, nil) })
	for _, d := range Default() {
		b.Run(d.Name(), func(b *testing.B) { run(b, []detectors.Detector{d}) })
	}
	b.Run("all", func(b *testing.B) { run(b, Default()) })
}

// benchParts returns the text of BenchmarkDetectors in message parts.
func benchParts(b *testing.B) []benchPart {
	parts, err := loadParts()
	if err != nil {
		b.Fatal(err)
	}
	return parts
}

// loadParts reads MAILSIFT_BENCH_MB megabytes of text: the header fields
// and text parts of the mbox MAILSIFT_BENCH_MBOX, or else generated text
// cut into MAILSIFT_BENCH_PART-byte parts.
func loadParts() ([]benchPart, error) {
	mb, err := envInt("MAILSIFT_BENCH_MB", 100)
	if err != nil {
		return nil, err
	}
	if path := os.Getenv("MAILSIFT_BENCH_MBOX"); path != "" {
		return mboxParts(path, mb*1e6)
	}
	part, err := envInt("MAILSIFT_BENCH_PART", 4096)
	if err != nil {
		return nil, err
	}
	text := detectortest.MailText(mb * 1e6)
	if part <= 0 {
		return []benchPart{{text, "body"}}, nil
	}
	var parts []benchPart
	for _, p := range splitLines(text, part) {
		parts = append(parts, benchPart{p, "body"})
	}
	return parts, nil
}

// benchPart is one text the Runner gets, with its location.
type benchPart struct{ text, field string }

// mboxParts returns the header fields and text parts of the messages of
// an mbox, as the scanner hands them to the Runner, up to size bytes of
// text: real mail (bench/scan.sh's SpamAssassin mbox) instead of
// generated text, whose mix of cue words differs.
func mboxParts(path string, size int) ([]benchPart, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := source.NewMboxReader(f, path, source.Options{})
	var parts []benchPart
	n := 0
	for n < size {
		m, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		msg := extract.Parse(m.Data, extract.Options{})
		for _, fl := range msg.Fields {
			parts = append(parts, benchPart{fl.Text, fl.Location})
			n += len(fl.Text)
		}
		for _, p := range msg.Parts {
			if p.Text != "" {
				parts = append(parts, benchPart{p.Text, p.Location})
				n += len(p.Text)
			}
		}
	}
	return parts, nil
}

func envInt(name string, def int) (int, error) {
	s := os.Getenv(name)
	if s == "" {
		return def, nil
	}
	return strconv.Atoi(s)
}

// splitLines cuts text into parts of about size bytes, each ending at a
// line end.
func splitLines(text string, size int) []string {
	var parts []string
	for i := 0; i < len(text); {
		j := min(i+size, len(text))
		for j < len(text) && text[j] != '\n' {
			j++
		}
		parts = append(parts, text[i:j])
		i = j
	}
	return parts
}

// warmUp runs r over the detectors' own examples, so that lazy set-up
// (e.g. loading a dictionary) is not timed.
func warmUp(b *testing.B, r *detectors.Runner, dets []detectors.Detector) {
	for _, d := range dets {
		if ex, ok := d.(detectors.Exampler); ok {
			for _, s := range ex.Examples().Positives {
				if _, err := r.Run(context.Background(), s, "body"); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

// countDetector counts the chunks a detector is run on.
type countDetector struct {
	detectors.Detector
	calls atomic.Int64
}

func (c *countDetector) Detect(t *detectors.Text) []detectors.Match {
	c.calls.Add(1)
	return c.Detector.Detect(t)
}

// probeDetector has no keywords, so it runs on every chunk: counting its
// calls counts the chunks.
type probeDetector struct{}

func (probeDetector) Name() string                             { return "bench_probe" }
func (probeDetector) Types() []string                          { return []string{pii.Email} }
func (probeDetector) Keywords() []string                       { return nil }
func (probeDetector) MaxLen() int                              { return 1 }
func (probeDetector) Detect(*detectors.Text) []detectors.Match { return nil }

// cpuTime is the user+system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRunner runs all registered detectors over ~20 MB of mixed
// Japanese/English mail-like text in one call on one goroutine.
func BenchmarkRunner(b *testing.B) {
	text := detectortest.MailText(benchSize)
	r, err := detectors.NewRunner(Default(), detectors.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Run(ctx, text, "body"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunnerMessages runs the registry over the same text cut into
// 4 KiB message parts, one Run each, as the scanner calls it.
func BenchmarkRunnerMessages(b *testing.B) {
	parts := splitLines(detectortest.MailText(benchSize), 4096)
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	r, err := detectors.NewRunner(Default(), detectors.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range parts {
			if _, err := r.Run(ctx, p, "body"); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkDetector runs each detector alone on the normalized text, one
// chunk of 1 MiB at a time as the Runner hands them out, without the
// prefilter: its cost where keywords are everywhere.
func BenchmarkDetector(b *testing.B) {
	tx := detectors.Normalize(detectortest.MailText(benchSize))
	var chunks []*detectors.Text
	for i := 0; i < len(tx.Norm); i += detectors.DefaultChunkSize {
		j := min(i+detectors.DefaultChunkSize, len(tx.Norm))
		for j < len(tx.Norm) && tx.Norm[j]&0xC0 == 0x80 {
			j++
		}
		chunks = append(chunks, &detectors.Text{Norm: tx.Norm[i:j], Field: "body"})
		i = j - detectors.DefaultChunkSize
	}
	for _, d := range Default() {
		b.Run(d.Name(), func(b *testing.B) {
			b.SetBytes(int64(len(tx.Norm)))
			b.ReportAllocs()
			for b.Loop() {
				for _, c := range chunks {
					d.Detect(c)
				}
			}
		})
	}
}

// BenchmarkNormalizeMail normalizes the mail-like text.
func BenchmarkNormalizeMail(b *testing.B) {
	text := detectortest.MailText(benchSize)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		detectors.Normalize(text)
	}
}

// TestDumpResults writes what the whole registry finds in the benchmark
// text (MAILSIFT_BENCH_MBOX or the generated text, MAILSIFT_BENCH_MB) to
// the file MAILSIFT_DUMP, one line per result: speed work on a detector
// compares the dumps before and after, which must be identical. Skipped
// without MAILSIFT_DUMP.
func TestDumpResults(t *testing.T) {
	path := os.Getenv("MAILSIFT_DUMP")
	if path == "" {
		t.Skip("set MAILSIFT_DUMP=FILE to write the registry's results on the benchmark text")
	}
	parts, err := loadParts()
	if err != nil {
		t.Fatal(err)
	}
	r, err := detectors.NewRunner(Default(), detectors.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	for i, p := range parts {
		res, err := r.Run(context.Background(), p.text, p.field)
		if err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
		for _, m := range res {
			fmt.Fprintf(w, "%d %s %s %d %d %.3f %q", i, m.Detector, m.Type, m.Start, m.End, m.Confidence, m.Value)
			if m.Scope != "" {
				fmt.Fprintf(w, " scope=%s", m.Scope) // only when set: dumps of results without scopes compare
			}
			fmt.Fprintln(w)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
}
