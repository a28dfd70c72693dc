package ocr

import (
	"image"
	"image/draw"
	"slices"
)

// Before tesseract runs, the image is looked at (gate): a photo without
// text is not read at all (tesseract spends 10–40 s of CPU on a 12 MP
// snapshot to find nothing), the part of the image that holds text is cut
// out (an ID card on a desk), and the text is brought to the size
// tesseract reads best (strokes of about 3 px: glyphs 25–35 px high).
//
// Text is found as thin strokes: pixels that a horizontal closing (or
// opening) of a few pixels changes by a lot. Smooth regions, object
// edges and sensor noise do not; glyph stems do, whatever the colours.
// The test errs towards reading: texture that looks like strokes costs an
// OCR run, never a finding.
const (
	// anaSide bounds the longer side of the image the gate analyses; big
	// images are box-averaged down to it.
	anaSide = 1200
	// strokeHalf is the half-width of the closing, in analysis pixels:
	// strokes up to 2*strokeHalf wide are found.
	strokeHalf = 4
	// strokeContrast is how much darker (or lighter) than its
	// surroundings a stroke pixel is, in grey levels.
	strokeContrast = 40
	// cell is the side of the square cells stroke pixels are counted in.
	cell = 16
	// A cell is texty when 4 %–85 % of its pixels are stroke pixels and
	// at least cellMinRows of its rows cross two strokes or more: a line
	// of glyphs does, the edge of a ridge, a branch or a pole crosses one.
	cellMinStroke, cellMaxStroke = cell * cell * 4 / 100, cell * cell * 85 / 100
	cellMinRows                  = 4
	// An image holds text when it has minTextCells texty cells that touch
	// another (a word is several cells in a row or a column; texture hits
	// scattered cells).
	minTextCells = 6
	// cropMargin is the margin, in cells, kept around the texty cells.
	cropMargin = 2
	// An image is cut to its text only when it has cropMinPixels pixels
	// or more and the text takes at most half of it (a card on a desk in
	// a phone photo): cutting a page to its margins saves little, and a
	// cut changes tesseract's global threshold (a licence number's "第"
	// came out "%" on a cut 150 dpi page).
	cropMinPixels = 4_000_000
	// targetStroke is the stroke width tesseract reads best, in pixels;
	// strokes wider than maxStroke are scaled down to it. Strokes of
	// minStroke or less (type of 13 px or less) are read at twice the
	// size, when the part to read is at most maxUpscale pixels: a
	// thumbnail, not a page of fine print.
	targetStroke = 3.5
	maxStroke    = 6.0
	minStroke    = 2
	maxUpscale   = 2_000_000
	// minScale bounds the downscaling; minRuns is how many strokes must
	// be measured before the image is scaled at all.
	minScale = 0.3
	minRuns  = 40
)

// look is what the gate saw in an image.
type look struct {
	text   bool            // it may hold text worth reading
	crop   image.Rectangle // the part to read, in the image's coordinates
	scale  float64         // the factor to read it at (1: as it is)
	cells  int             // texty cells found
	stroke float64         // median stroke width, in pixels
}

// examine decides whether img may hold text, where, and at what scale to
// read it. Cells are looked at on two scales, so that big type (a card
// number, a title) whose strokes are wider than the fine scale's closing
// counts too.
func examine(img image.Image) look {
	g := luma(img)
	b := g.Bounds()
	f := max(1, (max(b.Dx(), b.Dy())+anaSide-1)/anaSide)
	a := boxDown(g, f)
	texty, cw, ch := textyCells(a)
	if c := boxDown(a, 2); c.Rect.Dx() >= 4*cell && c.Rect.Dy() >= 2*cell {
		coarse, ccw, cch := textyCells(c)
		for i := range texty {
			if cx, cy := (i%cw)/2, (i/cw)/2; cx < ccw && cy < cch && coarse[cy*ccw+cx] {
				texty[i] = true
			}
		}
	}
	l := look{scale: 1}
	box := image.Rectangle{}
	var cells []image.Point
	for i, t := range texty {
		cx, cy := i%cw, i/cw
		if !t || !((cx > 0 && texty[i-1]) || (cx+1 < cw && texty[i+1]) || (cy > 0 && texty[i-cw]) || (cy+1 < ch && texty[i+cw])) {
			continue
		}
		cells = append(cells, image.Pt(cx, cy))
		box = box.Union(image.Rect(cx, cy, cx+1, cy+1))
	}
	l.cells = len(cells)
	if l.cells < minTextCells {
		return l
	}
	l.text = true
	// The margin keeps what the cells missed at the edges of the text:
	// a few cells and a tenth of the image.
	box = box.Inset(-cropMargin)
	crop := image.Rect(box.Min.X*cell*f, box.Min.Y*cell*f, box.Max.X*cell*f, box.Max.Y*cell*f).Add(b.Min)
	l.crop = crop.Inset(-max(b.Dx(), b.Dy()) / 10).Intersect(b)
	if area := b.Dx() * b.Dy(); area < cropMinPixels || 2*l.crop.Dx()*l.crop.Dy() > area {
		l.crop = b
	}
	w, n := strokeWidth(g, cells, f)
	l.stroke = w
	if n >= minRuns {
		switch {
		case w > maxStroke:
			l.scale = max(minScale, targetStroke/w)
		case w <= minStroke && l.crop.Dx()*l.crop.Dy() <= maxUpscale:
			l.scale = 2
		}
	}
	return l
}

// textyCells finds the texty cells of the analysis image a: cells with
// enough stroke pixels, and rows that cross two strokes or more.
func textyCells(a *image.Gray) ([]bool, int, int) {
	mask := strokes(a)
	aw, ah := a.Bounds().Dx(), a.Bounds().Dy()
	cw, ch := (aw+cell-1)/cell, (ah+cell-1)/cell
	px := make([]int, cw*ch)   // stroke pixels per cell
	rows := make([]int, cw*ch) // rows of a cell crossing two strokes or more
	// Dark and light runs are counted apart: between two close stems
	// the paper is a light stroke, and the two kinds meet.
	dark, light := make([]int, cw), make([]int, cw)
	for y := 0; y < ah; y++ {
		clear(dark)
		clear(light)
		row := mask[y*aw : (y+1)*aw]
		prev := uint8(0)
		for x, m := range row {
			if m != 0 {
				px[(y/cell)*cw+x/cell]++
			}
			if m&strokeDark != 0 && prev&strokeDark == 0 {
				dark[x/cell]++
			}
			if m&strokeLight != 0 && prev&strokeLight == 0 {
				light[x/cell]++
			}
			prev = m
		}
		for cx := range dark {
			if dark[cx] >= 2 || light[cx] >= 2 {
				rows[(y/cell)*cw+cx]++
			}
		}
	}
	texty := make([]bool, cw*ch)
	for i := range texty {
		texty[i] = px[i] >= cellMinStroke && px[i] <= cellMaxStroke && rows[i] >= cellMinRows
	}
	return texty, cw, ch
}

// luma returns the grey levels of img: the Y plane of a JPEG as it is,
// other images converted.
func luma(img image.Image) *image.Gray {
	switch m := img.(type) {
	case *image.Gray:
		return m
	case *image.YCbCr:
		return &image.Gray{Pix: m.Y, Stride: m.YStride, Rect: m.Rect}
	}
	g := image.NewGray(img.Bounds())
	draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
	return g
}

// boxDown averages f×f blocks of g.
func boxDown(g *image.Gray, f int) *image.Gray {
	if f == 1 {
		return g
	}
	b := g.Bounds()
	w, h := b.Dx()/f, b.Dy()/f
	out := image.NewGray(image.Rect(0, 0, max(1, w), max(1, h)))
	sum := make([]int, out.Rect.Dx())
	for y := 0; y < h; y++ {
		clear(sum)
		for dy := 0; dy < f; dy++ {
			row := g.Pix[(y*f+dy)*g.Stride:]
			for x := range sum {
				s := 0
				for _, v := range row[x*f : x*f+f] {
					s += int(v)
				}
				sum[x] += s
			}
		}
		o := out.Pix[y*out.Stride:]
		for x, s := range sum {
			o[x] = uint8(s / (f * f))
		}
	}
	return out
}

// Bits of the stroke mask.
const (
	strokeDark  = 1
	strokeLight = 2
)

// strokes marks the pixels of a that belong to thin dark or light
// strokes: a horizontal closing (opening) of width 2*strokeHalf+1
// changes them by strokeContrast or more.
func strokes(a *image.Gray) []uint8 {
	w, h := a.Bounds().Dx(), a.Bounds().Dy()
	mask := make([]uint8, w*h)
	mx, mn := make([]uint8, w), make([]uint8, w)
	closed, opened := make([]uint8, w), make([]uint8, w)
	for y := 0; y < h; y++ {
		row := a.Pix[y*a.Stride : y*a.Stride+w]
		slide(row, mx, strokeHalf, true)
		slide(mx, closed, strokeHalf, false)
		slide(row, mn, strokeHalf, false)
		slide(mn, opened, strokeHalf, true)
		m := mask[y*w : (y+1)*w]
		for x, v := range row {
			var b uint8
			if int(closed[x])-int(v) >= strokeContrast {
				b |= strokeDark
			}
			if int(v)-int(opened[x]) >= strokeContrast {
				b |= strokeLight
			}
			m[x] = b
		}
	}
	return mask
}

// slide writes the maximum (or minimum) of in over the window x±half,
// in constant time per pixel (van Herk/Gil-Werman: running extremes
// forward and backward within blocks of the window's width). It is most
// of the gate's time: the loops use the min and max builtins (branch
// free), one per direction.
func slide(in, out []uint8, half int, isMax bool) {
	n, k := len(in), 2*half+1
	if n == 0 {
		return
	}
	pad := uint8(255)
	if isMax {
		pad = 0
	}
	// p is in with half pad values on each side, rounded up to blocks.
	m := n + 2*half
	m += (k - m%k) % k
	buf := make([]uint8, 3*m)
	p, fw, bw := buf[:m], buf[m:2*m], buf[2*m:]
	for i := range half {
		p[i] = pad
	}
	copy(p[half:], in)
	for i := half + n; i < m; i++ {
		p[i] = pad
	}
	if isMax {
		for b := 0; b < m; b += k {
			fw[b] = p[b]
			for i := b + 1; i < b+k; i++ {
				fw[i] = max(fw[i-1], p[i])
			}
			bw[b+k-1] = p[b+k-1]
			for i := b + k - 2; i >= b; i-- {
				bw[i] = max(bw[i+1], p[i])
			}
		}
		// The window of out[x] is p[x : x+k].
		for x := range n {
			out[x] = max(bw[x], fw[x+k-1])
		}
		return
	}
	for b := 0; b < m; b += k {
		fw[b] = p[b]
		for i := b + 1; i < b+k; i++ {
			fw[i] = min(fw[i-1], p[i])
		}
		bw[b+k-1] = p[b+k-1]
		for i := b + k - 2; i >= b; i-- {
			bw[i] = min(bw[i+1], p[i])
		}
	}
	for x := range n {
		out[x] = min(bw[x], fw[x+k-1])
	}
}

// strokeWidth measures the median width of the strokes of the full
// image g in the texty cells (in analysis coordinates, f full pixels to
// one), along a sample of rows, with a closing f times as wide as the
// analysis's; it returns it with the number of strokes measured.
func strokeWidth(g *image.Gray, cells []image.Point, f int) (float64, int) {
	half := strokeHalf * max(2, f)
	side := cell * f
	b := g.Bounds()
	seg := make([]uint8, side+2*half)
	mx, mn := make([]uint8, len(seg)), make([]uint8, len(seg))
	closed, opened := make([]uint8, len(seg)), make([]uint8, len(seg))
	var widths []int
	// About 4000 row segments in all, spread over the cells.
	step := max(1, len(cells)*side/4000)
	for _, c := range cells {
		x0 := b.Min.X + c.X*side - half
		for dy := 0; dy < side; dy += step {
			y := b.Min.Y + c.Y*side + dy
			if y >= b.Max.Y {
				break
			}
			lo, hi := max(x0, b.Min.X), min(x0+len(seg), b.Max.X)
			if hi <= lo {
				continue
			}
			s := seg[:hi-lo]
			off := (y-b.Min.Y)*g.Stride + (lo - b.Min.X)
			copy(s, g.Pix[off:off+len(s)])
			slide(s, mx[:len(s)], half, true)
			slide(mx[:len(s)], closed[:len(s)], half, false)
			slide(s, mn[:len(s)], half, false)
			slide(mn[:len(s)], opened[:len(s)], half, true)
			// A stroke is a run of pixels at least half as far from the
			// closing (opening) as the run's darkest (lightest) pixel.
			widths = runs(s, closed[:len(s)], true, widths)
			widths = runs(s, opened[:len(s)], false, widths)
		}
	}
	if len(widths) == 0 {
		return 0, 0
	}
	slices.Sort(widths)
	return float64(widths[len(widths)/2]), len(widths)
}

// runs appends the widths of the strokes of row against its closing
// (dark strokes) or opening (light ones) to ws.
func runs(row, ref []uint8, dark bool, ws []int) []int {
	depth := func(x int) int {
		if dark {
			return int(ref[x]) - int(row[x])
		}
		return int(row[x]) - int(ref[x])
	}
	for x := 0; x < len(row); {
		if depth(x) < strokeContrast {
			x++
			continue
		}
		start, peak := x, 0
		for x < len(row) && depth(x) >= strokeContrast/2 {
			peak = max(peak, depth(x))
			x++
		}
		n := 0
		for i := start; i < x; i++ {
			if 2*depth(i) >= peak {
				n++
			}
		}
		ws = append(ws, n)
	}
	return ws
}

// resample returns the part r of g scaled by s: area averages when
// shrinking (each glyph stroke is averaged in, none falls between
// samples), bilinear when enlarging. It works on the grey bytes directly;
// a generic scaler's per-pixel interface calls cost seconds on a photo.
func resample(g *image.Gray, r image.Rectangle, s float64) *image.Gray {
	w := max(1, int(float64(r.Dx())*s+0.5))
	h := max(1, int(float64(r.Dy())*s+0.5))
	out := image.NewGray(image.Rect(0, 0, w, h))
	at := func(x, y int) int { return int(g.Pix[(y-g.Rect.Min.Y)*g.Stride+(x-g.Rect.Min.X)]) }
	switch {
	case s == 1:
		for y := 0; y < h; y++ {
			off := (r.Min.Y+y-g.Rect.Min.Y)*g.Stride + (r.Min.X - g.Rect.Min.X)
			copy(out.Pix[y*out.Stride:y*out.Stride+w], g.Pix[off:off+w])
		}
	case s < 1:
		// Output column x averages source columns x0[x] ≤ c < x0[x+1]
		// (relative to r); with s < 1 no span is empty.
		x0 := make([]int, w+1)
		for x := range x0 {
			x0[x] = min(r.Dx(), int(float64(x)/s))
		}
		sum := make([]int, w)
		for y := 0; y < h; y++ {
			y0 := int(float64(y) / s)
			y1 := max(y0+1, min(r.Dy(), int(float64(y+1)/s)))
			clear(sum)
			for sy := y0; sy < y1; sy++ {
				off := (r.Min.Y+sy-g.Rect.Min.Y)*g.Stride + (r.Min.X - g.Rect.Min.X)
				row := g.Pix[off : off+r.Dx()]
				for x := 0; x < w; x++ {
					t := 0
					for _, v := range row[x0[x]:x0[x+1]] {
						t += int(v)
					}
					sum[x] += t
				}
			}
			o := out.Pix[y*out.Stride:]
			for x := 0; x < w; x++ {
				o[x] = uint8(sum[x] / ((x0[x+1] - x0[x]) * (y1 - y0)))
			}
		}
	default:
		for y := 0; y < h; y++ {
			fy := (float64(y)+0.5)/s - 0.5
			y0 := min(r.Max.Y-1, r.Min.Y+max(0, int(fy)))
			y1 := min(r.Max.Y-1, y0+1)
			dy := max(0, fy-float64(y0-r.Min.Y))
			for x := 0; x < w; x++ {
				fx := (float64(x)+0.5)/s - 0.5
				xa := min(r.Max.X-1, r.Min.X+max(0, int(fx)))
				xb := min(r.Max.X-1, xa+1)
				dx := max(0, fx-float64(xa-r.Min.X))
				top := float64(at(xa, y0))*(1-dx) + float64(at(xb, y0))*dx
				bot := float64(at(xa, y1))*(1-dx) + float64(at(xb, y1))*dx
				out.Pix[y*out.Stride+x] = uint8(top*(1-dy) + bot*dy + 0.5)
			}
		}
	}
	return out
}
