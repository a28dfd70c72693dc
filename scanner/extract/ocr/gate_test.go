package ocr

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/mailsift/mailsift/detectors/mrz"
	"github.com/mailsift/mailsift/internal/mailgen"
	"github.com/mailsift/mailsift/scanner/extract"
)

// TestGateSkipsPhotos: snapshots without text (landscapes, people) are
// not handed to tesseract. Without the gate every one of them is.
func TestGateSkipsPhotos(t *testing.T) {
	f := newFake(t, "garbage read from a photo")
	x := New(Options{Binary: f.bin})
	sizes := [][2]int{{640, 480}, {1280, 960}, {1600, 1200}, {1200, 1600}, {2016, 1512}, {1512, 2016}, {3024, 4032}, {4032, 3024}}
	for i, s := range sizes {
		name := fmt.Sprintf("IMG_%d.jpg", i)
		rec, err := extractOne(t, x, name, mailgen.PhotoJPEG(int64(i+1), s[0], s[1]), extract.Limits{})
		if err != nil || len(rec.Problems) != 0 {
			t.Fatalf("%s: %v %v", name, err, rec.Problems)
		}
		if len(rec.Segments) != 0 {
			t.Errorf("%s (%dx%d photo): OCR ran on it", name, s[0], s[1])
		}
	}
	if f.runs() != 0 {
		t.Errorf("tesseract ran %d times on %d photos, want 0", f.runs(), len(sizes))
	}
}

// newSavingFake is a stand-in tesseract that keeps the image it is given
// in dir/in.img.
func newSavingFake(t *testing.T) (bin, dir string) {
	t.Helper()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	dir = t.TempDir()
	bin = filepath.Join(dir, "tesseract")
	script := fmt.Sprintf(`#!/bin/sh
if [ "$1" = "--list-langs" ]; then
  printf 'List of available languages in "/x/" (2):\neng\njpn\n'
  exit 0
fi
cat > %s/in.img
echo text
`, dir)
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, dir
}

// phonePhoto is testdata's document photographed on a desk: placed on a
// w×h noisy background at factor times its size, JPEG.
func phonePhoto(t testing.TB, name string, w, h int, factor float64) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < len(img.Pix); i += 4 {
		v := uint8(120 + (i/4/w)%40 + r.IntN(9))
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = v, v*9/10, v*7/10, 255
	}
	dw, dh := int(float64(doc.Bounds().Dx())*factor), int(float64(doc.Bounds().Dy())*factor)
	at := image.Rect((w-dw)/2, (h-dh)/2, (w+dw)/2, (h+dh)/2)
	xdraw.BiLinear.Scale(img, at, doc, doc.Bounds(), xdraw.Src, nil)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 88}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGateCropsAndScales: a phone photo of a card is cut to the card and
// scaled down to the stroke width tesseract reads best, instead of the
// whole 12 MP picture going to tesseract.
func TestGateCropsAndScales(t *testing.T) {
	bin, dir := newSavingFake(t)
	x := New(Options{Binary: bin})
	const w, h = 4032, 3024
	if _, err := extractOne(t, x, "IMG_0001.jpg", phonePhoto(t, "license.png", w, h, 2.8), extract.Limits{}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "in.img"))
	if err != nil {
		t.Fatalf("tesseract did not run: %v", err)
	}
	var cw, ch, maxval int
	if _, err := fmt.Sscanf(string(got), "P5\n%d %d\n%d\n", &cw, &ch, &maxval); err != nil || maxval != 255 || len(got) < cw*ch {
		t.Fatalf("tesseract got %q..., want a grey PGM: %v", got[:min(len(got), 20)], err)
	}
	if cw*ch*3 > w*h || cw < 900 {
		t.Errorf("tesseract got %dx%d; want the card, under a third of %dx%d and at least as wide as the card at 300 dpi", cw, ch, w, h)
	}
}

// textImage is lines of Go Mono text at size px on white.
func textImage(t testing.TB, size float64, lines int) *image.Gray {
	face := monoFace(t, size)
	step := int(size * 1.6)
	img := image.NewGray(image.Rect(0, 0, int(size*0.6*40)+40, step*lines+40))
	for i := range img.Pix {
		img.Pix[i] = 250
	}
	d := &font.Drawer{Dst: img, Src: image.NewUniform(color.Gray{20}), Face: face}
	for i := 0; i < lines; i++ {
		d.Dot = fixed.P(20, 20+int(size)+i*step)
		d.DrawString("PASSPORT No. TK1234567 Tokyo 03-1234")
	}
	return img
}

// TestGateScale: small type is read at twice its size, big type at the
// size tesseract reads best, and type of that size as it is.
func TestGateScale(t *testing.T) {
	tests := []struct {
		size     float64
		lo, hi   float64
		wantText bool
	}{
		{9, 1.5, 2, true},      // a thumbnail of a scan: strokes of 1 px
		{28, 1, 1, true},       // a 300 dpi scan: read as it is
		{110, 0.2, 0.45, true}, // a close-up photo: strokes of 10 px
	}
	for _, tt := range tests {
		l := examine(textImage(t, tt.size, 8))
		if l.text != tt.wantText || l.scale < tt.lo || l.scale > tt.hi {
			t.Errorf("text of %gpx: text=%v scale=%.2f; want text, scale in [%g, %g]", tt.size, l.text, l.scale, tt.lo, tt.hi)
		}
	}
}

// TestGateRecall: identity documents keep their numbers and MRZ through
// the gate, cut and scaled: mailgen's driving licences, My Number cards
// and passport data pages as scans, phone photos and small copies, and
// testdata's passport photographed and shrunk.
func TestGateRecall(t *testing.T) {
	x := needTesseract(t)
	if !strings.Contains(x.Languages(), "jpn") {
		t.Skip("tesseract-ocr-jpn is not installed")
	}
	x = New(Options{Concurrency: 2})
	type doc struct {
		name, typ, number string
		data              []byte
	}
	var docs []doc
	if font, _, err := mailgen.FindCJKFont(); err != nil {
		t.Logf("no Japanese font, mailgen's ID images left out: %v", err)
	} else {
		for _, im := range mailgen.IDImages(1, font, 9) {
			docs = append(docs, doc{im.Name, im.Type, im.Number, im.Data})
		}
	}
	docs = append(docs,
		doc{"passport-photo.jpg", "passport", "TR8765432", phonePhoto(t, "passport.png", 3264, 2448, 2.4)},
		doc{"passport-desk.jpg", "passport", "TR8765432", phonePhoto(t, "passport.png", 1600, 1200, 0.8)})
	var wg sync.WaitGroup
	for _, d := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text, err := x.Text(context.Background(), d.data, 0)
			if err != nil {
				t.Errorf("%s: %v", d.name, err)
				return
			}
			flat := strings.NewReplacer(" ", "", "-", "").Replace(text)
			if !strings.Contains(flat, d.number) {
				t.Errorf("%s (%s): number not read; OCR text:\n%s", d.name, d.typ, text)
			}
			if d.typ != "passport" {
				return
			}
			found := false
			for _, p := range mrz.Parse(text) {
				found = found || p.Number == d.number
			}
			if !found {
				t.Errorf("%s: no MRZ with the passport number parsed from:\n%s", d.name, text)
			}
		}()
	}
	wg.Wait()
}

func TestMRZChecked(t *testing.T) {
	tests := []struct {
		lines string
		want  bool
	}{
		{"P<JPNTANAKA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTR87654323JPN8512246M2906302<<<<<<<<<<<<<<08", true},
		{"TK37897764JPN6604271F3211094<<<<Q4", false},                            // birth date misread
		{"1K37897764JPN6694271F3211094<<<<<<<<<<<<<<64", false},                  // number misread
		{"I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6", true}, // TD1 specimen
		{"", false},
	}
	for _, tt := range tests {
		if got := mrzChecked(tt.lines); got != tt.want {
			t.Errorf("mrzChecked(%q) = %v, want %v", tt.lines, got, tt.want)
		}
	}
}

func TestResample(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 40, 30))
	for y := 0; y < 30; y++ {
		for x := 0; x < 40; x++ {
			g.Pix[y*g.Stride+x] = uint8(100 + 100*((x+y)%2)) // a checker
		}
	}
	r := image.Rect(4, 2, 36, 26)
	for _, tt := range []struct {
		s      float64
		w, h   int
		lo, hi uint8
	}{
		{1, 32, 24, 100, 200}, {0.5, 16, 12, 150, 150}, {0.3, 10, 7, 140, 160}, {2, 64, 48, 100, 200},
	} {
		out := resample(g, r, tt.s)
		if out.Rect.Dx() != tt.w || out.Rect.Dy() != tt.h {
			t.Errorf("scale %g: %v, want %dx%d", tt.s, out.Rect, tt.w, tt.h)
		}
		for _, v := range out.Pix {
			if v < tt.lo || v > tt.hi {
				t.Errorf("scale %g: pixel %d outside [%d, %d]", tt.s, v, tt.lo, tt.hi)
				break
			}
		}
	}
	if out := resample(g, r, 1); out.Pix[0] != g.Pix[2*g.Stride+4] {
		t.Error("scale 1 is not a copy of the part")
	}
}

// TestSlide: the running extremes equal a plain scan of each window
// (pad values outside the row), for every length and window size.
func TestSlide(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for n := 0; n < 40; n++ {
		for half := 1; half <= 9; half += 2 {
			in := make([]uint8, n)
			for i := range in {
				in[i] = uint8(rng.IntN(256))
			}
			for _, isMax := range []bool{true, false} {
				got := make([]uint8, n)
				slide(in, got, half, isMax)
				for x := range n {
					want := in[x]
					for i := max(0, x-half); i <= min(n-1, x+half); i++ {
						if isMax {
							want = max(want, in[i])
						} else {
							want = min(want, in[i])
						}
					}
					if got[x] != want {
						t.Fatalf("n=%d half=%d max=%v x=%d: %d, want %d", n, half, isMax, x, got[x], want)
					}
				}
			}
		}
	}
}
