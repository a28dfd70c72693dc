package ocr

import (
	"bytes"
	"context"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/extracttest"
)

// FuzzExtract feeds hostile image files to the extractor, with a fake
// tesseract: the header checks, the decoders and the conversion for
// tesseract must not panic, hang or allocate for pixels the header
// promises but the limit forbids. Seeds: bomb headers and small images
// of every format (the testdata scans are too big to minimize quickly).
func FuzzExtract(f *testing.F) {
	f.Add(pngHeader(1<<30, 1<<30))
	f.Add(pngHeader(0xFFFFFFFF, 1))
	f.Add([]byte("GIF89a\xff\xff\xff\xff\x00\x00\x00;"))
	f.Add([]byte("II*\x00\x08\x00\x00\x00\x01\x00\x00\x01\x04\x00\x01\x00\x00\x00\xff\xff\xff\x7f"))
	f.Add(append([]byte("BM"), make([]byte, 60)...))
	f.Add([]byte("RIFF\x20\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00\xff\xff\xff\xff\xff\xff"))
	img := image.NewGray(image.Rect(0, 0, 64, 40))
	for _, enc := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return png.Encode(b, img) },
		func(b *bytes.Buffer) error { return jpeg.Encode(b, img, nil) },
		func(b *bytes.Buffer) error { return gif.Encode(b, img, nil) },
		func(b *bytes.Buffer) error { return tiff.Encode(b, img, nil) },
		func(b *bytes.Buffer) error { return bmp.Encode(b, img) },
	} {
		var b bytes.Buffer
		if err := enc(&b); err == nil {
			f.Add(b.Bytes())
		}
	}
	fk := newFake(f, "text")
	x := New(Options{Binary: fk.bin})
	// No process per input: the fuzzer runs (and minimizes) thousands.
	x.exec = func(ctx context.Context, img []byte, langs string, extra ...string) (string, error) {
		if len(img) == 0 {
			t := "empty image handed to tesseract"
			panic(t)
		}
		return "P<JPN<<<\ntext", ctx.Err()
	}
	env := &extract.Env{Limits: extract.Limits{MaxImagePixels: 1 << 20}}
	f.Fuzz(func(t *testing.T, data []byte) {
		rec := extracttest.Check(t, x, "fuzz.img", data, env)
		for _, s := range rec.Segments {
			if !s.OCR || s.Location != "attachment:fuzz.img#ocr" {
				t.Errorf("segment %+v", s)
			}
		}
	})
}
