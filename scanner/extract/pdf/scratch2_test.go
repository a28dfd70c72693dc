package pdf

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
)

func TestScratch2(t *testing.T) {
	c, _ := wazero.NewCompilationCacheWithDir("/tmp/wzc")
	rc := wazero.NewRuntimeConfig().WithCloseOnContextDone(true).WithCompilationCache(c)
	for _, reuse := range []bool{false, true} {
		pool, err := webassembly.Init(webassembly.Config{Context: context.Background(), MaxIdle: 1, MaxTotal: 1, RuntimeConfig: rc, FSConfig: wazero.NewFSConfig(), Stdout: io.Discard, Stderr: io.Discard, ReuseWorkers: reuse})
		if err != nil {
			t.Fatal(err)
		}
		data := doc{pages: []page{{content: textOps("F1", "(Hello World)", "(Line two)")}}}.build()
		t0 := time.Now()
		for i := 0; i < 50; i++ {
			inst, err := pool.GetInstance(time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			d, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
			if err != nil {
				t.Fatal(err)
			}
			_, err = inst.GetPageText(&requests.GetPageText{Page: requests.Page{ByIndex: &requests.PageByIndex{Document: d.Document, Index: 0}}})
			if err != nil {
				t.Fatal(err)
			}
			inst.Close()
		}
		t.Logf("reuse=%v: %v per doc", reuse, time.Since(t0)/50)
		pool.Close()
	}
}
