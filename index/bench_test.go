package index

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkIndex measures indexing throughput through a Writer into a fresh
// index, up to the final Flush (all on disk). Besides ns/op it reports
// findings/s, CPU time per finding (all goroutines, including scorch's
// merger and persister; a machine shared with other jobs slows the wall
// clock but not this) and index bytes per finding.
//
//	go test ./index -run '^$' -bench Index -benchtime 3x
func BenchmarkIndex(b *testing.B) {
	const n = 20000
	findings := genFindings(n, 1)
	for _, c := range []struct{ batch, workers int }{
		{300, 2}, {1000, 1}, {1000, 2}, {1000, 3}, {3000, 2}, {5000, 2},
	} {
		b.Run(fmt.Sprintf("batch=%d/workers=%d", c.batch, c.workers), func(b *testing.B) {
			var cpu, wall time.Duration
			var size int64
			for b.Loop() {
				b.StopTimer()
				dir := filepath.Join(b.TempDir(), "index")
				x, err := Open(dir)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start, cpu0 := time.Now(), cpuTime()
				w := x.newWriter(c.batch, c.workers)
				for i := range findings {
					if err := w.Add(findings[i]); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
				wall += time.Since(start)
				cpu += cpuTime() - cpu0
				b.StopTimer()
				if err := x.Close(); err != nil {
					b.Fatal(err)
				}
				size = dirSize(b, dir)
				b.StartTimer()
			}
			total := float64(n * b.N)
			b.ReportMetric(total/wall.Seconds(), "findings/s")
			b.ReportMetric(float64(cpu.Microseconds())/total, "cpu-µs/finding")
			b.ReportMetric(float64(size)/n, "disk-B/finding")
		})
	}
}

func dirSize(tb testing.TB, dir string) int64 {
	tb.Helper()
	var n int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		n += fi.Size()
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// BenchmarkSearch runs typical queries on an index of 100,000 findings.
func BenchmarkSearch(b *testing.B) {
	x, err := Open(filepath.Join(b.TempDir(), "index"))
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	if err := x.Index(genFindings(100000, 1)); err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{
		`type:passport`,
		`context:口座番号`,
		`+type:bank_account +location:xlsx`,
		`+context:電話番号 +date:>="2023-06-01T00:00:00+09:00" +date:<"2023-07-01T00:00:00+09:00"`,
		`person_name:00042`,
	} {
		b.Run(q, func(b *testing.B) {
			var total uint64
			for b.Loop() {
				res, err := x.Search(context.Background(), q, 20, []string{"type"})
				if err != nil {
					b.Fatal(err)
				}
				total = res.Total
			}
			b.ReportMetric(float64(total), "hits")
		})
	}
}
