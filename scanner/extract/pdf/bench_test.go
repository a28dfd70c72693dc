package pdf

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/extracttest"
)

// benchExtract extracts data b.N times and reports ms per page.
func benchExtract(b *testing.B, x *Extractor, data []byte, pages int, env *extract.Env) {
	b.Helper()
	f := &extract.File{Name: "b.pdf", Location: "attachment:b.pdf", Data: data}
	if env == nil {
		env = &extract.Env{}
	}
	// Warm up: pdfium's start is BenchmarkStart's business.
	if err := x.Extract(context.Background(), f, env, extracttest.NewRecorder(f, env.Limits)); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		rec := extracttest.NewRecorder(f, env.Limits)
		if err := x.Extract(context.Background(), f, env, rec); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(pages), "ms/page")
	// CPU time is what to compare on a shared machine, where wall time
	// mostly measures the other processes.
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N)/float64(pages), "cpu-ms/page")
}

func BenchmarkText(b *testing.B) {
	x := sharedExtractor(b)
	jp := make([]pageSpec, 10)
	for i := range jp {
		jp[i] = pageSpec{content: textOps("F2", hexUCS2("氏名：山田 太郎　住所：東京都千代田区千代田１－１"), hexUCS2("電話 03-1234-5678 生年月日 昭和55年1月2日"))}
	}
	for _, bc := range []struct {
		name  string
		data  []byte
		pages int
	}{
		{"ascii-1page", manyPages(1), 1},
		{"japanese-10pages", pdfDoc{pages: jp}.build(), 10},
		{"ascii-100pages", manyPages(100), 100},
		{"form", pdfDoc{pages: []pageSpec{{content: textOps("F1", "(form)")}},
			fields: []formField{{name: "氏名", value: "山田", rect: "0 0 100 20"}, {name: "電話", value: "03-1234-5678", rect: "0 30 100 50"}}}.build(), 1},
	} {
		b.Run(bc.name, func(b *testing.B) { benchExtract(b, x, bc.data, bc.pages, nil) })
	}
}

func BenchmarkRender(b *testing.B) {
	x := sharedExtractor(b)
	data := pdfDoc{pages: []pageSpec{{content: imageOps, image: true}}}.build()
	benchExtract(b, x, data, 1, nil)
}

// BenchmarkStart is pdfium's start: New, one 1-page PDF, Close. cold
// compiles the wasm (no cache); warm loads it from the cache directory.
func BenchmarkStart(b *testing.B) {
	warmDir := b.TempDir()
	for _, bc := range []struct{ name, dir string }{{"cold", NoCache}, {"warm", warmDir}} {
		if bc.dir == warmDir { // fill the cache first
			x, _ := New(Options{CacheDir: warmDir})
			extractPDF(b, x, "b.pdf", manyPages(1), nil)
			x.Close()
		}
		b.Run(bc.name, func(b *testing.B) {
			cpu0 := cpuTime()
			defer func() { b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op") }()
			for b.Loop() {
				x, err := New(Options{CacheDir: bc.dir})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := extractPDF(b, x, "b.pdf", manyPages(1), nil); err != nil {
					b.Fatal(err)
				}
				x.Close()
			}
		})
	}
}

// BenchmarkThousandPages reads all pages of a 1,000-page PDF; run it
// alone under /usr/bin/time -v for the peak RSS.
func BenchmarkThousandPages(b *testing.B) {
	x := sharedExtractor(b)
	benchExtract(b, x, manyPages(1000), 1000, &extract.Env{Limits: extract.Limits{MaxPDFPages: 1000}})
}

// BenchmarkHeavy runs the 10^7-path PDF into a 5 s time limit: the peak
// RSS of a PDF that would take pdfium minutes.
func BenchmarkHeavy(b *testing.B) {
	x := sharedExtractor(b)
	data := heavyPDF(10, 6, 10)
	f := &extract.File{Name: "b.pdf", Location: "attachment:b.pdf", Data: data}
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		rec := extracttest.NewRecorder(f, extract.Limits{})
		_ = x.Extract(ctx, f, &extract.Env{Limits: extract.Limits{Timeout: 5 * time.Second}}, rec)
		cancel()
	}
}

// BenchmarkWorkers runs 2 workers over scanned and text PDFs with
// MAILSIFT_PDF_INSTANCES instances (default 1): compare peak RSS.
func BenchmarkWorkers(b *testing.B) {
	n, _ := strconv.Atoi(os.Getenv("MAILSIFT_PDF_INSTANCES"))
	x, err := New(Options{CacheDir: testCacheDir, MaxInstances: n})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	scans := make([]pageSpec, 20)
	for i := range scans {
		scans[i] = pageSpec{content: imageOps, image: true}
	}
	docs := [][]byte{pdfDoc{pages: scans}.build(), manyPages(500)}
	for b.Loop() {
		var wg sync.WaitGroup
		for w := range 2 {
			wg.Go(func() {
				for i := range 4 {
					if _, err := extractPDF(b, x, fmt.Sprint(i, ".pdf"), docs[(w+i)%2], nil); err != nil {
						b.Error(err)
					}
				}
			})
		}
		wg.Wait()
	}
}
