package face

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkFaces is the cost per picture, by size: ms/op is the cost of
// one image. Run with -benchtime=3x.
func BenchmarkFaces(b *testing.B) {
	d := MustNew()
	astro := readPhoto(b, "astronaut.jpg")
	small, _ := os.ReadFile(filepath.Join("testdata", "astronaut.jpg"))
	cases := []struct {
		name string
		data []byte
	}{
		{"256x256", small},
		{"900x560_idcard", encodeJPEG(b, idCard(shrink(astro, 256)))},
		{"1024x768", encodeJPEG(b, enlarged(astro, 2, 1024, 768))},
		{"4000x3000", encodeJPEG(b, enlarged(astro, 6, 4000, 3000))},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if faces, err := d.Faces(context.Background(), c.data); err != nil || len(faces) == 0 {
					b.Fatalf("Faces = %v, %v", faces, err)
				}
			}
		})
	}
}
