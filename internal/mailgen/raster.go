package mailgen

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"strings"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/f64"
	"golang.org/x/image/math/fixed"
)

// The pictures of the scan messages (scans.go) are drawn here: photos
// without text, identity documents, scanned pages, and image-only PDFs.
// Everything is drawn from the message's random stream, so the same
// Options and font give the same bytes.

// CJKFontPaths are where FindCJKFont looks for a Japanese font: Debian's
// fonts-noto-cjk (which .ci/run installs) and IPAex Gothic.
var CJKFontPaths = []string{
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
	"/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
	"/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
}

// FindCJKFont returns the first font of CJKFontPaths that exists, for
// Options.ScanFont. The repository ships no Japanese font.
func FindCJKFont() ([]byte, string, error) {
	for _, p := range CJKFontPaths {
		if b, err := os.ReadFile(p); err == nil {
			return b, p, nil
		}
	}
	return nil, "", fmt.Errorf("mailgen: no Japanese font in %s (install fonts-noto-cjk)", strings.Join(CJKFontPaths, ", "))
}

// painter draws text for one Generate run: a Japanese font and Go Mono
// (for machine-readable zones), with faces kept by size.
type painter struct {
	ja, mono *opentype.Font
	faces    map[faceKey]font.Face
}

type faceKey struct {
	mono bool
	size float64
}

// newPainter parses the Japanese font (a font or a collection, whose
// Japanese member is chosen). It panics on a font it cannot read: the
// caller gave it.
func newPainter(ttf []byte) *painter {
	if len(ttf) == 0 {
		panic("mailgen: Options.Scans needs Options.ScanFont (see FindCJKFont)")
	}
	ja, err := parseJaFont(ttf)
	if err != nil {
		panic("mailgen: ScanFont: " + err.Error())
	}
	mono, err := opentype.Parse(gomono.TTF)
	if err != nil {
		panic("mailgen: Go Mono: " + err.Error())
	}
	return &painter{ja: ja, mono: mono, faces: map[faceKey]font.Face{}}
}

func parseJaFont(b []byte) (*opentype.Font, error) {
	if f, err := opentype.Parse(b); err == nil {
		return f, nil
	}
	c, err := opentype.ParseCollection(b)
	if err != nil {
		return nil, err
	}
	var first *opentype.Font
	for i := 0; i < c.NumFonts(); i++ {
		f, err := c.Font(i)
		if err != nil {
			continue
		}
		if first == nil {
			first = f
		}
		// Noto Sans CJK JP (not its Mono member): Japanese glyph forms.
		if n, err := f.Name(nil, 4); err == nil && strings.HasSuffix(n, " JP") && !strings.Contains(n, "Mono") {
			return f, nil
		}
	}
	if first == nil {
		return nil, fmt.Errorf("empty font collection")
	}
	return first, nil
}

func (p *painter) face(mono bool, size float64) font.Face {
	k := faceKey{mono, size}
	if f, ok := p.faces[k]; ok {
		return f
	}
	src := p.ja
	if mono {
		src = p.mono
	}
	f, err := opentype.NewFace(src, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic("mailgen: font face: " + err.Error())
	}
	p.faces[k] = f
	return f
}

// text draws s with its top-left corner at (x, y) and returns the width.
func (p *painter) text(dst draw.Image, x, y int, size float64, mono bool, c color.Color, s string) int {
	f := p.face(mono, size)
	d := &font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: f, Dot: fixed.P(x, y+f.Metrics().Ascent.Ceil())}
	d.DrawString(s)
	return (d.Dot.X - fixed.I(x)).Ceil()
}

// width is the advance of s at size.
func (p *painter) width(size float64, mono bool, s string) int {
	return font.MeasureString(p.face(mono, size), s).Ceil()
}

func fill(dst draw.Image, r image.Rectangle, c color.Color) {
	draw.Draw(dst, r, image.NewUniform(c), image.Point{}, draw.Src)
}

// ellipse fills the ellipse in r.
func ellipse(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	cx, cy := float64(r.Min.X+r.Max.X)/2, float64(r.Min.Y+r.Max.Y)/2
	rx, ry := float64(r.Dx())/2, float64(r.Dy())/2
	b := r.Intersect(dst.Bounds())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		dy := (float64(y) + 0.5 - cy) / ry
		for x := b.Min.X; x < b.Max.X; x++ {
			dx := (float64(x) + 0.5 - cx) / rx
			if dx*dx+dy*dy <= 1 {
				dst.SetRGBA(x, y, c)
			}
		}
	}
}

// noise adds uniform noise of ±amp to every channel, as sensors and paper
// do; it is what makes a JPEG of a photo cost what a real one does.
func noise(img *image.RGBA, r *rand.Rand, amp int) {
	for i := 0; i+3 < len(img.Pix); i += 4 {
		n := r.IntN(2*amp+1) - amp
		for c := 0; c < 3; c++ {
			img.Pix[i+c] = clamp8(int(img.Pix[i+c]) + n)
		}
	}
}

// speckle adds the dust and toner dots of a scanned sheet: sparse, so a
// PNG of the page stays the size a scanner's is.
func speckle(img *image.RGBA, r *rand.Rand, n int) {
	b := img.Bounds()
	for i := 0; i < n; i++ {
		x, y := b.Min.X+r.IntN(b.Dx()), b.Min.Y+r.IntN(b.Dy())
		v := uint8(60 + r.IntN(150))
		fill(img, image.Rect(x, y, x+1+r.IntN(2), y+1+r.IntN(2)), color.RGBA{v, v, v, 255})
	}
}

func clamp8(v int) uint8 {
	return uint8(min(255, max(0, v)))
}

func lerp(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return clamp8(int(math.Round(float64(x) + (float64(y)-float64(x))*t))) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 255}
}

// portrait draws a head and shoulders in r: an ID photo or a person in a
// snapshot.
func portrait(img *image.RGBA, r *rand.Rand, box image.Rectangle) {
	skins := []color.RGBA{{236, 200, 170, 255}, {222, 184, 150, 255}, {198, 150, 112, 255}, {240, 212, 190, 255}}
	hairs := []color.RGBA{{30, 24, 20, 255}, {60, 40, 30, 255}, {90, 70, 50, 255}, {20, 20, 24, 255}}
	clothes := []color.RGBA{{40, 50, 80, 255}, {30, 30, 34, 255}, {200, 200, 205, 255}, {90, 30, 40, 255}}
	skin, hair := skins[r.IntN(len(skins))], hairs[r.IntN(len(hairs))]
	img = img.SubImage(box).(*image.RGBA) // shoulders end at the frame
	w, h := box.Dx(), box.Dy()
	cx := box.Min.X + w/2
	// Shoulders, hair, face, eyes, mouth.
	ellipse(img, image.Rect(box.Min.X-w/8, box.Min.Y+h*70/100, box.Max.X+w/8, box.Max.Y+h/2), clothes[r.IntN(len(clothes))])
	ellipse(img, image.Rect(cx-w*30/100, box.Min.Y+h*8/100, cx+w*30/100, box.Min.Y+h*62/100), hair)
	ellipse(img, image.Rect(cx-w*25/100, box.Min.Y+h*16/100, cx+w*25/100, box.Min.Y+h*70/100), skin)
	eye := color.RGBA{35, 30, 30, 255}
	ey := box.Min.Y + h*38/100
	ellipse(img, image.Rect(cx-w*14/100, ey, cx-w*6/100, ey+h*4/100), eye)
	ellipse(img, image.Rect(cx+w*6/100, ey, cx+w*14/100, ey+h*4/100), eye)
	ellipse(img, image.Rect(cx-w*8/100, box.Min.Y+h*55/100, cx+w*8/100, box.Min.Y+h*59/100), color.RGBA{170, 90, 90, 255})
}

// photo is a phone snapshot without text: a landscape (sky, sun,
// ridges, ground) and sometimes people in front of it.
func photo(r *rand.Rand, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	skyTop := color.RGBA{uint8(40 + r.IntN(60)), uint8(90 + r.IntN(60)), uint8(170 + r.IntN(80)), 255}
	skyLow := color.RGBA{uint8(180 + r.IntN(70)), uint8(170 + r.IntN(70)), uint8(150 + r.IntN(100)), 255}
	horizon := h * (35 + r.IntN(30)) / 100
	for y := 0; y < h; y++ {
		c := lerp(skyTop, skyLow, float64(y)/float64(max(1, horizon)))
		if y >= horizon {
			ground := color.RGBA{uint8(50 + r.IntN(3)), uint8(110 + r.IntN(3)), 50, 255}
			c = lerp(ground, color.RGBA{120, 100, 60, 255}, float64(y-horizon)/float64(h-horizon))
		}
		fill(img, image.Rect(0, y, w, y+1), c)
	}
	sun := w / (8 + r.IntN(8))
	sx, sy := r.IntN(w), r.IntN(max(1, horizon/2))
	ellipse(img, image.Rect(sx-sun, sy-sun, sx+sun, sy+sun), color.RGBA{255, 240, 200, 255})
	// Ridges: sums of sines, darker and lower one after the other.
	for k := 0; k < 2+r.IntN(3); k++ {
		base := float64(horizon) - float64(h)*(0.18-0.05*float64(k))
		a1, a2 := float64(h)*(0.03+r.Float64()*0.08), float64(h)*r.Float64()*0.04
		f1, f2, ph := (1+r.Float64()*3)*2*math.Pi/float64(w), (5+r.Float64()*10)*2*math.Pi/float64(w), r.Float64()*6
		c := color.RGBA{uint8(60 + r.IntN(60) - 15*k), uint8(80 + r.IntN(60) - 10*k), uint8(90 + r.IntN(50)), 255}
		for x := 0; x < w; x++ {
			top := int(base + a1*math.Sin(f1*float64(x)+ph) + a2*math.Sin(f2*float64(x)))
			fill(img, image.Rect(x, max(0, top), x+1, horizon+h/20), c)
		}
	}
	// Trees and bushes.
	for k := 0; k < r.IntN(12); k++ {
		tx, ty, tr := r.IntN(w), horizon+r.IntN(max(1, h-horizon)), w/(15+r.IntN(30))
		ellipse(img, image.Rect(tx-tr, ty-2*tr, tx+tr, ty), color.RGBA{uint8(20 + r.IntN(40)), uint8(70 + r.IntN(60)), uint8(20 + r.IntN(30)), 255})
	}
	// People: faces for the face detector, no text for OCR.
	for k := 0; k < r.IntN(3); k++ {
		pw := w / (4 + r.IntN(4))
		px := r.IntN(max(1, w-pw))
		py := h - pw*13/10 - r.IntN(max(1, h/8))
		portrait(img, r, image.Rect(px, py, px+pw, py+pw*13/10))
	}
	noise(img, r, 6)
	return img
}

// desk is the surface an ID card or a page is photographed on.
func desk(r *rand.Rand, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	base := []color.RGBA{{150, 110, 70, 255}, {120, 120, 125, 255}, {200, 190, 170, 255}, {60, 60, 65, 255}}[r.IntN(4)]
	period := 20 + r.Float64()*40
	for y := 0; y < h; y++ {
		v := int(12 * math.Sin(float64(y)/period+3*math.Sin(float64(y)/(period*7))))
		fill(img, image.Rect(0, y, w, y+1), color.RGBA{clamp8(int(base.R) + v), clamp8(int(base.G) + v), clamp8(int(base.B) + v), 255})
	}
	noise(img, r, 5)
	return img
}

// place draws src onto dst, scaled to width wantW, centred near (cx, cy)
// and turned by deg degrees, as a hand-held phone sees a document.
func place(dst *image.RGBA, src image.Image, cx, cy, wantW int, deg float64) {
	s := float64(wantW) / float64(src.Bounds().Dx())
	a := deg * math.Pi / 180
	cos, sin := math.Cos(a)*s, math.Sin(a)*s
	sw, sh := float64(src.Bounds().Dx()), float64(src.Bounds().Dy())
	// Map the source centre to (cx, cy).
	tx := float64(cx) - (cos*sw/2 - sin*sh/2)
	ty := float64(cy) - (sin*sw/2 + cos*sh/2)
	m := f64.Aff3{cos, -sin, tx, sin, cos, ty}
	xdraw.ApproxBiLinear.Transform(dst, m, src, src.Bounds(), xdraw.Over, nil)
}

// scale returns src resized to w×h.
func scale(src image.Image, w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), xdraw.Src, nil)
	return dst
}

// gray returns img in grey, as scanners and fax send pages.
func gray(img image.Image) *image.Gray {
	g := image.NewGray(img.Bounds())
	draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
	return g
}

func encodeJPEG(img image.Image, q int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		panic("mailgen: jpeg: " + err.Error())
	}
	return b.Bytes()
}

func encodePNG(img image.Image) []byte {
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, img); err != nil {
		panic("mailgen: png: " + err.Error())
	}
	return b.Bytes()
}

// imagePDF is a PDF of A4 pages, each one grey JPEG and no text layer:
// what a scanner's "scan to PDF" sends.
func imagePDF(pages []*image.Gray, quality int) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	var kids strings.Builder
	for _, pg := range pages {
		data := encodeJPEG(pg, quality)
		page, img, content := len(objs)+1, len(objs)+2, len(objs)+3
		fmt.Fprintf(&kids, "%d 0 R ", page)
		stream := "q 595 0 0 842 0 0 cm /Im0 Do Q"
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", img, content),
			fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream",
				pg.Bounds().Dx(), pg.Bounds().Dy(), len(data), data),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), len(pages))
	return pdfDoc(objs)
}

// mrzCheck is the ICAO 9303 check digit: weights 7, 3, 1; '<' is 0,
// A–Z are 10–35.
func mrzCheck(s string) byte {
	w := [3]int{7, 3, 1}
	sum := 0
	for i, c := range s {
		v := 0
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'A' && c <= 'Z':
			v = int(c-'A') + 10
		}
		sum += v * w[i%3]
	}
	return byte('0' + sum%10)
}

// td3 is the two-line machine-readable zone of a passport: number (at
// most 9 characters), names in capitals, dates as YYMMDD, sex M or F,
// personal number ("" for none).
func td3(issuer, surname, given, number, nationality, birth, sex, expiry, personalNo string) (string, string) {
	pad := func(s string, n int) string {
		if len(s) > n {
			return s[:n]
		}
		return s + strings.Repeat("<", n-len(s))
	}
	l1 := pad("P<"+issuer+surname+"<<"+given, 44)
	num := pad(number, 9)
	personal := pad(personalNo, 14)
	l2 := num + string(mrzCheck(num)) + nationality + birth + string(mrzCheck(birth)) + sex +
		expiry + string(mrzCheck(expiry)) + personal + string(mrzCheck(personal))
	composite := l2[0:10] + l2[13:20] + l2[21:43]
	return l1, l2 + string(mrzCheck(composite))
}
