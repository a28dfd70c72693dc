package face

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"golang.org/x/image/bmp"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/tiff"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/pii"
)

func readPhoto(t testing.TB, name string) image.Image {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func encodePNG(t testing.TB, img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// idCard is a mock identity card: text lines and the photo at the
// right, as a 900×560 scan.
func idCard(photo image.Image) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 900, 560))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{235, 240, 230, 255}), image.Point{}, draw.Src)
	drawText(img, 40, 60, []string{"DRIVER LICENSE", "NAME  YAMADA HANAKO", "BORN  1985-04-01", "ADDRESS  TOKYO CHIYODA 1-1", "NUMBER  301234567890"})
	pb := photo.Bounds()
	dst := image.Rect(600, 140, 600+pb.Dx(), 140+pb.Dy())
	draw.Draw(img, dst, photo, pb.Min, draw.Src)
	return img
}

// textImage is a page of typewritten text.
func textImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	var lines []string
	for i := 0; i < h/20; i++ {
		lines = append(lines, "Thank you for your email. Please find attached the revised invoice 2024-05.")
	}
	drawText(img, 20, 20, lines)
	return img
}

func drawText(img draw.Image, x, y int, lines []string) {
	d := &font.Drawer{Dst: img, Src: image.Black, Face: basicfont.Face7x13}
	for i, l := range lines {
		d.Dot = fixed.P(x, y+i*20)
		d.DrawString(l)
	}
}

// noise is deterministic random grey pixels.
func noise(w, h int) *image.Gray {
	rng := rand.New(rand.NewPCG(7, 9))
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.IntN(256))
	}
	return img
}

// enlarged puts img, scaled up k times (nearest), on a w×h grey canvas.
func enlarged(img image.Image, k, w, h int) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(out, out.Bounds(), image.NewUniform(color.Gray{200}), image.Point{}, draw.Src)
	b := img.Bounds()
	for y := 0; y < b.Dy()*k && y < h; y++ {
		for x := 0; x < b.Dx()*k && x < w; x++ {
			out.Set(x+w/3, y+h/5, img.At(b.Min.X+x/k, b.Min.Y+y/k))
		}
	}
	return out
}

// rotated is img turned by deg degrees about its centre, in grey, the
// corners filled with mid grey.
func rotated(img image.Image, deg float64) *image.Gray {
	b := img.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	sin, cos := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(b.Dx())/2, float64(b.Dy())/2
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			sx := cos*(float64(x)-cx) + sin*(float64(y)-cy) + cx
			sy := -sin*(float64(x)-cx) + cos*(float64(y)-cy) + cy
			v := color.Gray{128}
			if sx >= 0 && sy >= 0 && int(sx) < b.Dx() && int(sy) < b.Dy() {
				v = color.GrayModel.Convert(img.At(b.Min.X+int(sx), b.Min.Y+int(sy))).(color.Gray)
			}
			out.SetGray(x, y, v)
		}
	}
	return out
}

// pngHeader is a PNG signature and an IHDR claiming w×h.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 17)
	copy(ihdr, "IHDR")
	binary.BigEndian.PutUint32(ihdr[4:], w)
	binary.BigEndian.PutUint32(ihdr[8:], h)
	ihdr[12], ihdr[13] = 8, 2
	_ = binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(ihdr)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(ihdr))
	return b.Bytes()
}

// faceCase is a picture and whether it shows a human face.
type faceCase struct {
	name  string
	data  []byte
	faces int // at least this many; 0 means none
}

// faceCases are the face and non-face pictures of the package's tests:
// the astronaut in every format, on a mock ID card and enlarged; photos
// without a person, text, noise and an icon-sized face.
func faceCases(t testing.TB) []faceCase {
	astro := readPhoto(t, "astronaut.jpg")
	astroJPEG, _ := os.ReadFile(filepath.Join("testdata", "astronaut.jpg"))
	var gifBuf, tiffBuf, bmpBuf bytes.Buffer
	// A grey palette: the default Plan 9 palette and dithering blur the
	// face away, as they would in a real GIF.
	grays := make(color.Palette, 256)
	for i := range grays {
		grays[i] = color.Gray{uint8(i)}
	}
	pal := image.NewPaletted(astro.Bounds(), grays)
	draw.Draw(pal, pal.Rect, astro, astro.Bounds().Min, draw.Src)
	if err := gif.Encode(&gifBuf, pal, nil); err != nil {
		t.Fatal(err)
	}
	if err := tiff.Encode(&tiffBuf, astro, nil); err != nil {
		t.Fatal(err)
	}
	if err := bmp.Encode(&bmpBuf, astro); err != nil {
		t.Fatal(err)
	}
	photo := func(name string) []byte { b, _ := os.ReadFile(filepath.Join("testdata", name)); return b }
	return []faceCase{
		{"astronaut jpeg", astroJPEG, 1},
		{"astronaut png", encodePNG(t, astro), 1},
		{"astronaut gif", gifBuf.Bytes(), 1},
		{"astronaut tiff", tiffBuf.Bytes(), 1},
		{"astronaut bmp", bmpBuf.Bytes(), 1},
		{"id card scan", encodeJPEG(t, idCard(shrink(astro, 256))), 1},
		{"big photo scaled down", encodeJPEG(t, enlarged(astro, 3, 2600, 1800)), 1},
		{"head tilted left", encodeJPEG(t, rotated(astro, -10)), 1},
		{"head tilted right", encodeJPEG(t, rotated(astro, 10)), 1},

		{"cat", photo("chelsea.jpg"), 0},
		{"coffee", photo("coffee.jpg"), 0},
		{"rocket", photo("rocket.jpg"), 0},
		{"text page", encodePNG(t, textImage(900, 600)), 0},
		{"id card without photo", encodePNG(t, idCard(image.NewGray(image.Rect(0, 0, 200, 240)))), 0},
		{"noise", encodePNG(t, noise(400, 300)), 0},
		{"blank", encodePNG(t, image.NewGray(image.Rect(0, 0, 300, 200))), 0},
		{"icon-sized face", encodePNG(t, shrink(astro, 48)), 0},
	}
}

func TestFaces(t *testing.T) {
	d := MustNew()
	for _, tt := range faceCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			faces, err := d.Faces(context.Background(), tt.data)
			if err != nil {
				t.Fatalf("Faces: %v", err)
			}
			if (tt.faces == 0) != (len(faces) == 0) || len(faces) < tt.faces {
				t.Errorf("found %d faces %+v, want %d", len(faces), faces, tt.faces)
			}
		})
	}
}

// TestFacePosition: the face is reported where it is in the original
// picture, also when the picture was scaled down for detection.
func TestFacePosition(t *testing.T) {
	d := MustNew()
	astro := readPhoto(t, "astronaut.jpg")
	small, err := d.Faces(context.Background(), encodePNG(t, astro))
	if err != nil || len(small) == 0 {
		t.Fatalf("Faces = %v, %v", small, err)
	}
	big, err := d.Faces(context.Background(), encodeJPEG(t, enlarged(astro, 3, 2600, 1800)))
	if err != nil || len(big) == 0 {
		t.Fatalf("Faces = %v, %v", big, err)
	}
	wantX, wantY := 2600/3+small[0].X*3, 1800/5+small[0].Y*3
	if abs(big[0].X-wantX) > 30 || abs(big[0].Y-wantY) > 30 || abs(big[0].Size-3*small[0].Size) > 40 {
		t.Errorf("face in the big picture at (%d,%d) size %d, want about (%d,%d) size %d",
			big[0].X, big[0].Y, big[0].Size, wantX, wantY, 3*small[0].Size)
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func TestDetectImage(t *testing.T) {
	d := MustNew()
	data, _ := os.ReadFile(filepath.Join("testdata", "astronaut.jpg"))
	ms, err := d.DetectImage(context.Background(), &detectors.Image{Location: "attachment:a.jpg", Data: data})
	if err != nil || len(ms) != 1 {
		t.Fatalf("DetectImage = %+v, %v", ms, err)
	}
	sum := sha256.Sum256(data)
	m := ms[0]
	if m.Type != pii.FacePhoto || m.Value != hex.EncodeToString(sum[:]) || m.Confidence < 0.7 || m.Confidence > 1 {
		t.Errorf("match %+v", m)
	}
	if m.Detail == "" || m.Detail[:6] != "1 face" {
		t.Errorf("detail %q", m.Detail)
	}
	coffee, _ := os.ReadFile(filepath.Join("testdata", "coffee.jpg"))
	if ms, err := d.DetectImage(context.Background(), &detectors.Image{Data: coffee}); err != nil || len(ms) != 0 {
		t.Errorf("coffee: %+v, %v", ms, err)
	}
}

// TestDetectImageDecoded: when the scanner hands over the picture already
// decoded (for OCR), the detector uses it rather than decode Data again,
// and a decoding error of that picture is the detector's error.
func TestDetectImageDecoded(t *testing.T) {
	data, _ := os.ReadFile(filepath.Join("testdata", "astronaut.jpg"))
	calls := 0
	decode := func() (image.Image, error) {
		calls++
		img, _, err := image.Decode(bytes.NewReader(data))
		return img, err
	}
	ms, err := MustNew().DetectImage(context.Background(), &detectors.Image{Data: data, Decode: decode})
	if err != nil || len(ms) != 1 || calls != 1 {
		t.Fatalf("DetectImage = %+v, %v; Decode called %d times, want 1", ms, err, calls)
	}
	failing := func() (image.Image, error) { return nil, errors.New("truncated") }
	if _, err := MustNew().DetectImage(context.Background(), &detectors.Image{Data: data, Decode: failing}); !errors.Is(err, ErrDecode) {
		t.Errorf("failing Decode: err = %v, want ErrDecode", err)
	}
}

// TestDetectImageCached: a picture seen before gives the same matches
// from the cache, for any number of goroutines (run with -race), and a
// cancelled detection is not cached.
func TestDetectImageCached(t *testing.T) {
	d := MustNew()
	astronaut, _ := os.ReadFile(filepath.Join("testdata", "astronaut.jpg"))
	coffee, _ := os.ReadFile(filepath.Join("testdata", "coffee.jpg"))
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := d.DetectImage(cancelled, &detectors.Image{Data: astronaut}); err == nil {
		t.Fatal("cancelled detection: no error")
	}
	want, err := d.DetectImage(context.Background(), &detectors.Image{Data: astronaut})
	if err != nil || len(want) != 1 {
		t.Fatalf("DetectImage = %+v, %v", want, err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			data, n := astronaut, 1
			if i%2 == 1 {
				data, n = coffee, 0
			}
			got, err := d.DetectImage(context.Background(), &detectors.Image{Data: data})
			if err != nil || len(got) != n || n == 1 && got[0] != want[0] {
				t.Errorf("cached DetectImage = %+v, %v; want %+v", got, err, want[:n])
			}
		})
	}
	wg.Wait()
	if len(d.cached) != 2 {
		t.Errorf("%d pictures cached, want 2", len(d.cached))
	}
}

func TestErrors(t *testing.T) {
	d := MustNew()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := d.Faces(context.Background(), pngHeader(100000, 100000))
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("bomb header: %v, want ErrTooLarge", err)
	}
	if a := after.TotalAlloc - before.TotalAlloc; a > 1<<20 {
		t.Errorf("bomb header allocated %d bytes", a)
	}
	for name, data := range map[string][]byte{
		"garbage":       []byte("not an image"),
		"corrupt png":   append(pngHeader(300, 300), bytes.Repeat([]byte{0x55}, 100)...),
		"zero size":     pngHeader(0, 300),
		"truncated jpg": []byte{0xFF, 0xD8, 0xFF, 0xC0},
	} {
		if _, err := d.Faces(context.Background(), data); !errors.Is(err, ErrDecode) {
			t.Errorf("%s: %v, want ErrDecode", name, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data, _ := os.ReadFile(filepath.Join("testdata", "astronaut.jpg"))
	if _, err := d.Faces(ctx, data); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	limited, err := New(Options{MaxPixels: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := limited.Faces(context.Background(), data); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over MaxPixels: %v", err)
	}
}

func TestConfidence(t *testing.T) {
	tests := []struct {
		n        int
		min, max float64
	}{
		{DefaultMinNeighbors + 1, 0.5, 0.5},
		{20, 0.75, 0.85},
		{35, 0.85, 0.93},
		{60, 0.94, 0.98},
		{200, 0.98, 0.98},
	}
	prev := 0.0
	for _, tt := range tests {
		c := Confidence(tt.n)
		if c < tt.min || c > tt.max || c < prev {
			t.Errorf("Confidence(%v) = %v, want in [%v, %v] and not below %v", tt.n, c, tt.min, tt.max, prev)
		}
		prev = c
	}
}
