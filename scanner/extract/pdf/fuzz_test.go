package pdf

import (
	"strings"
	"testing"
	"time"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/extracttest"
)

// FuzzExtract feeds mutated PDFs to pdfium through the Extractor. One
// Extractor serves all iterations (pdfium's start is the costly part);
// each document still gets a fresh instance, as in production.
func FuzzExtract(f *testing.F) {
	for _, seed := range [][]byte{
		manyPages(2),
		pdfDoc{pages: []pageSpec{
			{content: textOps("F2", hexUCS2("山田 太郎 03-1234-5678"))},
			{content: textOps("F3", hexSJIS("口座番号 1234567"))},
			{content: imageOps, image: true},
		}, info: map[string]string{"Author": "佐藤"}}.build(),
		pdfDoc{pages: []pageSpec{{content: textOps("F1", "(form)")}},
			fields: []formField{{name: "氏名", label: "お名前", value: "山田", rect: "0 0 100 20"}}}.build(),
		pdfDoc{pages: []pageSpec{{content: textOps("F1", "(secret)")}}, encrypt: true, userPW: "pw"}.build(),
		pdfDoc{pages: []pageSpec{{content: textOps("F1", "(x)")}}, embedded: map[string][]byte{"a.txt": []byte("hello")}}.build(),
		pdfDoc{pages: []pageSpec{{content: textOps("F1", "(loop)")}}, kidsLoop: true}.build(),
		annotatedPDF(),
		heavyPDF(10, 1, 3),
		[]byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj"),
	} {
		f.Add(seed)
	}
	x := sharedExtractor(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		env := &extract.Env{
			Limits:    extract.Limits{Timeout: 2 * time.Second, MaxPDFPages: 20, MaxImagePixels: 500_000},
			Passwords: []string{"pw"},
		}
		rec := extracttest.Check(t, x, "f.pdf", data, env)
		for _, s := range rec.Segments {
			suffix := strings.TrimPrefix(s.Location, "attachment:f.pdf")
			if suffix != "#props" && !strings.HasPrefix(suffix, "#p") {
				t.Errorf("segment location %q", s.Location)
			}
		}
		if len(rec.Files) > 20+len(data) {
			t.Errorf("%d files from %d bytes", len(rec.Files), len(data))
		}
	})
}
