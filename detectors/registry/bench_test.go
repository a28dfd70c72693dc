//go:build unix

package registry

import (
	"context"
	"os"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/detectortest"
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
		n += len(p)
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
				if _, err := r.Run(ctx, p, "body"); err != nil {
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
func benchParts(b *testing.B) []string {
	mb, err := envInt("MAILSIFT_BENCH_MB", 100)
	if err != nil {
		b.Fatal(err)
	}
	part, err := envInt("MAILSIFT_BENCH_PART", 4096)
	if err != nil {
		b.Fatal(err)
	}
	text := detectortest.MailText(mb * 1e6)
	if part <= 0 {
		return []string{text}
	}
	return splitLines(text, part)
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
func (probeDetector) Types() []string                          { return []string{detectors.TypeEmail} }
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
