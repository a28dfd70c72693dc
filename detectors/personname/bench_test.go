package personname

import (
	"context"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/detectortest"
)

// BenchmarkRunner runs the detector alone in a Runner over 4 MB of mixed
// Japanese/English business mail (with signatures every few paragraphs).
// It reports MB/s and, as heap-MB, the live heap after the run (the IPA
// dictionary is most of it).
func BenchmarkRunner(b *testing.B) {
	text := detectortest.MailText(4 << 20)
	d := New()
	r, err := detectors.NewRunner([]detectors.Detector{d}, detectors.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := r.Run(context.Background(), "田中様", "body"); err != nil { // load the dictionary
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	cpu0 := cpuTime()
	b.ResetTimer()
	found := 0
	for range b.N {
		res, err := r.Run(context.Background(), text, "body")
		if err != nil {
			b.Fatal(err)
		}
		found = len(res)
	}
	b.StopTimer()
	// The machine is shared: CPU time says more than wall time.
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(len(text))*float64(b.N)/(1<<20)/cpu.Seconds(), "cpu-MB/s")
	}
	if found == 0 {
		b.Fatal("no names in the mail text")
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(found), "names")
}

func FuzzDetect(f *testing.F) {
	for _, s := range New().Examples().Positives {
		f.Add(s, "body", "")
	}
	f.Add(`田中 太郎 <taro@example.jp>, "Suzuki, Ichiro" <i.suzuki@example.com>`, "header:To", "")
	f.Add("タナカ タロウ", "attachment:a.csv", "フリガナ")
	f.Add("田中太郎", "attachment:a.csv", "氏名")
	d := New()
	rules := detectortest.Rules{Valid: func(v, span string) bool { return v == value(span) }}
	f.Fuzz(func(t *testing.T, in, field, column string) {
		tx := detectors.Normalize(in)
		tx.Field, tx.Column = field, column
		detectortest.CheckMatches(t, d, tx, d.Detect(tx), rules)
	})
}

// cpuTime is the user+system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
