package extract

import (
	"bytes"
	"fmt"
	"image"
	"sync"
)

// Pixels is an image file's decoded picture, shared by everyone who reads
// it during one message's extraction (OCR, then face detection): decoding
// a 12-megapixel JPEG costs more than either's own work on a photo. The
// dispatcher gives each image File one; a nil *Pixels decodes every time.
type Pixels struct {
	budget  *pixelBudget
	once    sync.Once
	img     image.Image
	err     error
	dropped bool // decoded over the budget, not kept
}

// pixelBudget bounds the decoded pixels the Pixels of one extraction
// keep: past it, images are decoded again by each reader rather than held
// until the message is done.
type pixelBudget struct {
	mu   sync.Mutex
	left int64
}

// maxKeptPixels is the budget of one extraction: about 4 photos of 12
// megapixels, ~75 MB decoded.
const maxKeptPixels = 48_000_000

func (b *pixelBudget) take(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if n > b.left {
		return false
	}
	b.left -= n
	return true
}

// Decode returns the picture of data (the File's Data), decoding it the
// first time: the caller has checked its size from the header. A decoder
// that panics on hostile input gives an error wrapping ErrCorrupt.
func (p *Pixels) Decode(data []byte) (image.Image, error) {
	if p == nil {
		return decodeImage(data)
	}
	var first image.Image
	p.once.Do(func() {
		img, err := decodeImage(data)
		switch {
		case err != nil:
			p.err = err
		case p.budget == nil || p.budget.take(area(img.Bounds())):
			p.img = img
		default:
			// Over the budget: this caller gets the picture, later
			// ones decode their own.
			first, p.dropped = img, true
		}
	})
	switch {
	case first != nil:
		return first, nil
	case p.dropped:
		return decodeImage(data)
	}
	return p.img, p.err
}

// decodeImage decodes data with the registered image decoders.
func decodeImage(data []byte) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("image: %w (decoder panic: %v)", ErrCorrupt, r)
		}
	}()
	img, _, err = image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("image: %w: %v", ErrCorrupt, err)
	}
	return img, nil
}

func area(r image.Rectangle) int64 { return int64(r.Dx()) * int64(r.Dy()) }
