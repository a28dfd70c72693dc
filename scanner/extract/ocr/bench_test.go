package ocr

import (
	"bytes"
	"context"
	"image"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkOCR is the cost of reading one image with the real tesseract,
// uncached (a new Extractor each time). Run with -benchtime=1x..3x.
func BenchmarkOCR(b *testing.B) {
	needTesseract(b)
	for _, name := range []string{"passport.png", "license.png", "letter.png"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				x := New(Options{})
				if _, err := x.Text(context.Background(), data, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCached is the cost of an image already read.
func BenchmarkCached(b *testing.B) {
	fk := newFake(b, "text")
	x := New(Options{Binary: fk.bin})
	data, err := os.ReadFile(filepath.Join("testdata", "passport.png"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := x.Text(context.Background(), data, 0); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := x.Text(context.Background(), data, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGate: the gate's look at a scanned page (decoded already).
func BenchmarkGate(b *testing.B) {
	data, err := os.ReadFile("testdata/passport.png")
	if err != nil {
		b.Fatal(err)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(img.Bounds().Dx() * img.Bounds().Dy()))
	for b.Loop() {
		examine(img)
	}
}
