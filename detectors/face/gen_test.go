package face

import (
	"flag"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	_ "image/png"
)

// The photos in testdata/ are scaled-down copies of scikit-image sample
// images (Debian package python3-skimage, skimage/data), made with
//
//	go test ./detectors/face -run TestGenerate -gen-src /usr/lib/python3/dist-packages/skimage/data
//
// See testdata/README.md for their sources and licences.
var genSrc = flag.String("gen-src", "", "regenerate testdata/*.jpg from scikit-image's data directory")

var genPhotos = map[string]string{
	"astronaut.png": "astronaut.jpg", // Eileen Collins, NASA: public domain
	"coffee.png":    "coffee.jpg",    // CC0
	"chelsea.png":   "chelsea.jpg",   // a cat, CC0
	"rocket.jpg":    "rocket.jpg",    // SpaceX: public domain
}

func TestGenerate(t *testing.T) {
	if *genSrc == "" {
		t.Skip("set -gen-src to regenerate testdata/*.jpg")
	}
	for src, dst := range genPhotos {
		f, err := os.Open(filepath.Join(*genSrc, src))
		if err != nil {
			t.Fatal(err)
		}
		img, _, err := image.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		small := shrink(img, 320)
		out, err := os.Create(filepath.Join("testdata", dst))
		if err != nil {
			t.Fatal(err)
		}
		if err := jpeg.Encode(out, small, &jpeg.Options{Quality: 80}); err != nil {
			t.Fatal(err)
		}
		if err := out.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// shrink scales img down by an integer factor (box filter) to at most
// side pixels on its longer side.
func shrink(img image.Image, side int) image.Image {
	b := img.Bounds()
	k := 1
	for max(b.Dx(), b.Dy())/k > side {
		k++
	}
	out := image.NewRGBA(image.Rect(0, 0, b.Dx()/k, b.Dy()/k))
	for y := 0; y < out.Rect.Dy(); y++ {
		for x := 0; x < out.Rect.Dx(); x++ {
			var r, g, bl, a uint32
			for dy := 0; dy < k; dy++ {
				for dx := 0; dx < k; dx++ {
					cr, cg, cb, ca := img.At(b.Min.X+x*k+dx, b.Min.Y+y*k+dy).RGBA()
					r, g, bl, a = r+cr, g+cg, bl+cb, a+ca
				}
			}
			n := uint32(k * k)
			i := out.PixOffset(x, y)
			out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = uint8(r/n>>8), uint8(g/n>>8), uint8(bl/n>>8), uint8(a/n>>8)
		}
	}
	return out
}
