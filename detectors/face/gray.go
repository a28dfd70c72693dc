package face

import (
	"image"
	"image/color"
)

// gray is an 8-bit luminance picture, row after row.
type gray struct {
	pix  []uint8
	w, h int
}

// grayScaled returns img in grey, scaled down (area average) so that its
// longer side is at most maxSide, and the scale as original pixels per
// scaled pixel. JPEG's Y plane and grey pictures are read directly;
// other colour models go through color conversion.
func grayScaled(img image.Image, maxSide int) (*gray, float64) {
	b := img.Bounds()
	f := 1.0
	if long := max(b.Dx(), b.Dy()); long > maxSide {
		f = float64(long) / float64(maxSide)
	}
	w, h := max(1, int(float64(b.Dx())/f)), max(1, int(float64(b.Dy())/f))
	g := &gray{pix: make([]uint8, w*h), w: w, h: h}
	lum := luminance(img)
	// Source spans of each output column, computed once.
	x0, x1 := spans(w, b.Dx(), f)
	y0, y1 := spans(h, b.Dy(), f)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			sum, n := 0, 0
			for sy := y0[y]; sy < y1[y]; sy++ {
				for sx := x0[x]; sx < x1[x]; sx++ {
					sum += int(lum(b.Min.X+sx, b.Min.Y+sy))
					n++
				}
			}
			g.pix[y*w+x] = uint8(sum / n)
		}
	}
	return g, f
}

// crop returns the part of g inside b.
func (g *gray) crop(b box) *gray {
	x0, y0 := max(0, b.x), max(0, b.y)
	x1, y1 := max(x0, min(g.w, b.x+b.w)), max(y0, min(g.h, b.y+b.h))
	out := &gray{pix: make([]uint8, (x1-x0)*(y1-y0)), w: x1 - x0, h: y1 - y0}
	for y := y0; y < y1; y++ {
		copy(out.pix[(y-y0)*out.w:], g.pix[y*g.w+x0:y*g.w+x1])
	}
	return out
}

// spans returns for each of n output pixels the source range [lo, hi)
// it averages, for a scale of f source pixels per output pixel.
func spans(n, src int, f float64) (lo, hi []int) {
	lo, hi = make([]int, n), make([]int, n)
	for i := 0; i < n; i++ {
		lo[i] = int(float64(i) * f)
		hi[i] = min(src, max(lo[i]+1, int(float64(i+1)*f)))
	}
	return lo, hi
}

// luminance returns a function giving the luma of a pixel.
func luminance(img image.Image) func(x, y int) uint8 {
	switch m := img.(type) {
	case *image.YCbCr:
		return func(x, y int) uint8 { return m.Y[m.YOffset(x, y)] }
	case *image.Gray:
		return func(x, y int) uint8 { return m.Pix[m.PixOffset(x, y)] }
	case *image.RGBA:
		return func(x, y int) uint8 {
			i := m.PixOffset(x, y)
			return luma(m.Pix[i], m.Pix[i+1], m.Pix[i+2])
		}
	case *image.NRGBA:
		return func(x, y int) uint8 {
			i := m.PixOffset(x, y)
			return luma(m.Pix[i], m.Pix[i+1], m.Pix[i+2])
		}
	}
	return func(x, y int) uint8 { return color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y }
}

// luma is ITU-R BT.601 luma, the grey of OpenCV's cvtColor that the
// cascade was trained on.
func luma(r, g, b uint8) uint8 {
	return uint8((299*int(r) + 587*int(g) + 114*int(b)) / 1000)
}
