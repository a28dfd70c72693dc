package face

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
)

// FuzzFaces feeds hostile pictures to the decoders and the cascade: no
// panic escapes, and a header's promised size never allocates past
// MaxPixels. Seeds: small pictures of every format and bomb headers.
func FuzzFaces(f *testing.F) {
	img := noise(80, 72)
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
	f.Add(pngHeader(1<<30, 1<<30))
	f.Add([]byte("RIFF\x20\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00\xff\xff\xff\xff\xff\xff"))
	d, err := New(Options{MaxPixels: 1 << 20})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		faces, err := d.Faces(context.Background(), data)
		if err != nil && len(faces) > 0 {
			t.Errorf("faces %v with error %v", faces, err)
		}
		if cfg, _, cerr := image.DecodeConfig(bytes.NewReader(data)); cerr == nil {
			for _, fc := range faces {
				if fc.X < 0 || fc.Y < 0 || fc.X > cfg.Width || fc.Y > cfg.Height || fc.Neighbors <= d.opts.MinNeighbors {
					t.Errorf("face %+v outside %dx%d or with too few windows", fc, cfg.Width, cfg.Height)
				}
			}
		}
	})
}
