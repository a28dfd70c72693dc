package extract

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"testing"
)

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	img.Set(1, 1, color.Gray{Y: 200})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPixelsDecodeOnce: readers of one image share one decoding within
// the budget; past it each decodes its own; garbage is ErrCorrupt.
func TestPixelsDecodeOnce(t *testing.T) {
	data := pngOf(t, 40, 30)
	budget := &pixelBudget{left: 40 * 30}
	p := &Pixels{budget: budget}
	a, err := p.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := p.Decode(data)
	if a != b {
		t.Error("second reader decoded again")
	}
	if budget.left != 0 {
		t.Errorf("budget left %d, want 0", budget.left)
	}
	q := &Pixels{budget: budget} // the budget is spent
	c, err := q.Decode(data)
	d, _ := q.Decode(data)
	if err != nil || c == d || c.Bounds() != d.Bounds() {
		t.Errorf("over the budget: %v, shared=%v", err, c == d)
	}
	var nilPixels *Pixels
	if img, err := nilPixels.Decode(data); err != nil || img.Bounds().Dx() != 40 {
		t.Errorf("nil Pixels: %v", err)
	}
	bad := &Pixels{budget: &pixelBudget{left: 1 << 30}}
	for range 2 {
		if _, err := bad.Decode([]byte("\x89PNG\r\n\x1a\ngarbage")); !errors.Is(err, ErrCorrupt) {
			t.Errorf("garbage: err = %v, want ErrCorrupt", err)
		}
	}
}
