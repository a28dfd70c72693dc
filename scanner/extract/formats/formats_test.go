package formats

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/extracttest"
	"github.com/mailsift/mailsift/scanner/extract/ocr"
	"github.com/mailsift/mailsift/scanner/extract/pdf"
)

// withoutOCR is the list in the order the extractors are tried: Office
// (ZIP-based) before ZIP, legacy OLE after Office.
var withoutOCR = []string{"xlsx", "docx", "pptx", "odt", "ods", "csv", "zip", "tnef", "msg", "eml", "ole", "pdf"}

func names(t *testing.T, s *Set) []string {
	t.Helper()
	var out []string
	for _, x := range s.Extractors {
		out = append(out, x.Name())
	}
	return out
}

func open(t *testing.T, opts Options) *Set {
	t.Helper()
	s, err := Default(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestDefaultWithoutOCR(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ocr-cache")
	s := open(t, Options{OCRCacheDir: dir})
	if diff := cmp.Diff(withoutOCR, names(t, s)); diff != "" {
		t.Errorf("extractors (-want +got)\n%s", diff)
	}
	if s.OCRUnavailable != nil {
		t.Errorf("OCRUnavailable = %v without OCR asked for", s.OCRUnavailable)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("OCR cache created without OCR: %v", err)
	}
}

func TestDefaultWithOCR(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("tesseract not installed")
	}
	dir := filepath.Join(t.TempDir(), "ocr-cache")
	s := open(t, Options{OCR: true, OCRCacheDir: dir})
	if s.OCRUnavailable != nil {
		t.Skipf("OCR: %v", s.OCRUnavailable)
	}
	if diff := cmp.Diff(append(slices.Clone(withoutOCR), "ocr"), names(t, s)); diff != "" {
		t.Errorf("extractors (-want +got)\n%s", diff)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("OCR cache: %v %v, want a 0700 directory", fi, err)
	}
}

func TestDefaultOCRUnavailable(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no tesseract
	s := open(t, Options{OCR: true})
	if !errors.Is(s.OCRUnavailable, ocr.ErrUnavailable) {
		t.Errorf("OCRUnavailable = %v, want ocr.ErrUnavailable", s.OCRUnavailable)
	}
	if diff := cmp.Diff(withoutOCR, names(t, s)); diff != "" {
		t.Errorf("extractors (-want +got)\n%s", diff)
	}
}

func TestDefaultOCRCacheNotCreatable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Default(Options{OCR: true, OCRCacheDir: filepath.Join(file, "ocr-cache")}); err == nil {
		t.Error("Default succeeded with a cache directory under a file")
	}
}

func TestCloseStopsPDF(t *testing.T) {
	s, err := Default(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	px := s.Extractors[len(s.Extractors)-1]
	f := &extract.File{Name: "a.pdf", Location: "attachment:a.pdf", Data: []byte("%PDF-1.4\n%%EOF\n")}
	if err := px.Extract(context.Background(), f, &extract.Env{}, extracttest.NewRecorder(f, extract.Limits{})); !errors.Is(err, pdf.ErrClosed) {
		t.Errorf("PDF after Close: %v, want pdf.ErrClosed", err)
	}
}
