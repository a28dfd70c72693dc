package caseindex

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/mailsift/mailsift/index"
)

// BenchmarkBuild times index.Build (people resolved beforehand) on the case
// in MAILSIFT_BENCH_CASE (e.g. bench/scan.sh's bench/out/case), and reports
// findings per second and index bytes per finding. The case is not
// changed: the index is built in a temporary directory.
func BenchmarkBuild(b *testing.B) {
	dir := os.Getenv("MAILSIFT_BENCH_CASE")
	if dir == "" {
		b.Skip("set MAILSIFT_BENCH_CASE to a case directory (bench/scan.sh leaves bench/out/case)")
	}
	ctx := context.Background()
	start := time.Now()
	shards, _ := strconv.Atoi(os.Getenv("MAILSIFT_BENCH_SHARDS"))
	in, err := Resolve(ctx, dir, Options{Shards: shards})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("people resolved in %v", time.Since(start))
	b.ResetTimer()
	var n int
	var size int64
	for range b.N {
		out := filepath.Join(b.TempDir(), "index")
		if n, err = index.Build(ctx, out, in); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		size = dirSize(b, out)
		os.RemoveAll(out)
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "findings/s")
	b.ReportMetric(float64(size)/float64(n), "B/finding")
}

func dirSize(tb testing.TB, dir string) int64 {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if info, err := d.Info(); err == nil && !d.IsDir() {
			n += info.Size()
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}
