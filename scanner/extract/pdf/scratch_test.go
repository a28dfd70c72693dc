package pdf

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
)

func TestScratch(t *testing.T) {
	dir := os.Getenv("CACHEDIR")
	rc := wazero.NewRuntimeConfig().WithCloseOnContextDone(true)
	if dir != "" {
		c, err := wazero.NewCompilationCacheWithDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		rc = rc.WithCompilationCache(c)
	}
	t0 := time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pool, err := webassembly.Init(webassembly.Config{Context: ctx, MinIdle: 0, MaxIdle: 1, MaxTotal: 1, RuntimeConfig: rc, FSConfig: wazero.NewFSConfig(), Stdout: io.Discard, Stderr: io.Discard, ReuseWorkers: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("init %v", time.Since(t0))
	t0 = time.Now()
	inst, err := pool.GetInstance(time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("instance %v", time.Since(t0))
	data := doc{pages: []page{
		{content: textOps("F1", "(Hello World)", "(Line two)")},
		{content: textOps("F2", hexUCS2("山田 太郎"), hexUCS2("東京都千代田区１－２－３"))},
		{content: textOps("F3", hexSJIS("氏名：鈴木花子"), hexSJIS("電話 03-1234-5678"))},
	}, info: map[string]string{"Author": "山田太郎", "Creator": "Word"}}.build()
	os.WriteFile("/tmp/t1.pdf", data, 0o644)
	t0 = time.Now()
	d, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		r, err := inst.GetPageText(&requests.GetPageText{Page: requests.Page{ByIndex: &requests.PageByIndex{Document: d.Document, Index: i}}})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("page %d: %q", i, strings.ReplaceAll(r.Text, "\r\n", "\n"))
	}
	md, err := inst.GetMetaData(&requests.GetMetaData{Document: d.Document})
	t.Logf("meta %+v %v %v", md, err, time.Since(t0))
}
