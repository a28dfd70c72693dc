package pdf

import (
	"context"
	"os"
	"testing"

	"github.com/tetratelabs/wazero"
)

func TestScratch3(t *testing.T) {
	b, _ := os.ReadFile("/root/go/pkg/mod/github.com/klippa-app/go-pdfium@v1.19.8/webassembly/pdfium.wasm")
	c, _ := wazero.NewCompilationCacheWithDir("/tmp/wzc")
	r := wazero.NewRuntimeWithConfig(context.Background(), wazero.NewRuntimeConfig().WithCompilationCache(c))
	m, err := r.CompileModule(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	for n, d := range m.ExportedMemories() {
		mx, ok := d.Max()
		t.Logf("%s min %d max %d %v", n, d.Min(), mx, ok)
	}
	for _, d := range m.ImportedMemories() {
		mx, ok := d.Max()
		t.Logf("imported min %d max %d %v", d.Min(), mx, ok)
	}
}
