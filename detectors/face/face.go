package face

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // the formats of mail pictures
	_ "image/jpeg"
	_ "image/png"
	"math"
	"sync"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/pii"
)

// Three of the frontal-face cascades of OpenCV's data/haarcascades, all
// Rainer Lienhart's, trained apart, unchanged (model/LICENSE is their
// licence): alt2 (tree-based, 20×20) finds the faces, and a face counts
// only if alt (stumps, 20×20) and default (stumps, 24×24) both find one
// there too. Each alone takes a texture for a face now and then (coins,
// a dog, playing cards, a sudoku grid); on the test pictures they never
// agreed on one, and agreed on every face alt2 found.
var (
	//go:embed model/haarcascade_frontalface_alt2.xml
	findXML []byte
	//go:embed model/haarcascade_frontalface_alt.xml
	altXML []byte
	//go:embed model/haarcascade_frontalface_default.xml
	defaultXML []byte
)

// models are the parsed cascades, built once and never changed after, so
// every Detector shares them.
type models struct {
	find    *cascade
	confirm []*cascade
}

var loadModels = sync.OnceValues(func() (models, error) {
	var m models
	for _, x := range []struct {
		name string
		xml  []byte
	}{{"alt2", findXML}, {"alt", altXML}, {"default", defaultXML}} {
		c, err := parseCascade(x.xml)
		if err != nil {
			return models{}, fmt.Errorf("%s: %w", x.name, err)
		}
		if m.find == nil {
			m.find = c
		} else {
			m.confirm = append(m.confirm, c)
		}
	}
	return m, nil
})

// Sentinel errors of DetectImage.
var (
	// ErrTooLarge: the image header declares more pixels than allowed; it
	// was not decoded.
	ErrTooLarge = errors.New("image too large")
	// ErrDecode: the image could not be decoded.
	ErrDecode = errors.New("image not decodable")
)

// Defaults of Options.
const (
	DefaultMaxPixels = 40_000_000
	// DefaultMaxSide: pictures are scaled down so that their longer side
	// is at most this many pixels before detection. The face on an ID card
	// scanned whole is then still ~90 px, and a portrait's face far more;
	// faces under 24/640 of the picture (crowds) are not looked for.
	// Detection time grows with the square of the side.
	DefaultMaxSide = 640
	// DefaultMinNeighbors: a face is a group of more than this many
	// overlapping windows that pass the cascade (OpenCV's minNeighbors, 3
	// in its samples). A real face is found at several positions and
	// sizes; a chance texture that fools the cascade rarely is.
	DefaultMinNeighbors = 3
	// minFace is the smallest face searched for, in pixels of the scaled
	// picture: smaller ones are crowds and thumbnails, not a person's photo.
	minFace = 24
	// minSide: pictures with a shorter side are icons and emoticons (a
	// 48×48 smiley scored 10.5 in our tests), not photos of a person.
	minSide = 64
)

// Options configure a Detector. Zero fields take the defaults.
type Options struct {
	MaxPixels    int64 // images with more pixels are not decoded
	MaxSide      int   // longer side after scaling down
	MinNeighbors int   // a face needs more overlapping windows than this
}

// Detector finds faces with OpenCV's frontal-face Haar cascade, evaluated
// in Go, and reports one face_photo finding per picture that shows at
// least one. It is safe for concurrent use.
type Detector struct {
	models models
	opts   Options

	// The faces of the pictures seen, by SHA-256: a mailbox repeats the
	// same pictures (a signature's logo and portrait in every mail, a photo
	// forwarded around), and detection costs milliseconds a picture where
	// the hash costs microseconds. At most maxCached; cleared when full.
	mu     sync.Mutex
	cached map[[sha256.Size]byte][]Face
}

// maxCached bounds the cache: ~100 bytes an entry.
const maxCached = 1 << 14

// New returns a face detector.
func New(opts Options) (*Detector, error) {
	if opts.MaxPixels <= 0 {
		opts.MaxPixels = DefaultMaxPixels
	}
	if opts.MaxSide <= 0 {
		opts.MaxSide = DefaultMaxSide
	}
	if opts.MinNeighbors <= 0 {
		opts.MinNeighbors = DefaultMinNeighbors
	}
	m, err := loadModels()
	if err != nil {
		return nil, err
	}
	return &Detector{models: m, opts: opts}, nil
}

// MustNew is New with the defaults; the embedded cascade cannot fail to
// parse unless the binary is broken.
func MustNew() *Detector {
	d, err := New(Options{})
	if err != nil {
		panic(err)
	}
	return d
}

// Name implements detectors.ImageDetector.
func (*Detector) Name() string { return "face" }

// Types implements detectors.ImageDetector.
func (*Detector) Types() []string { return []string{pii.FacePhoto} }

// DetectImage implements detectors.ImageDetector: one face_photo match
// when the picture shows a face, with a confidence that grows with the
// best face's score (Confidence).
func (d *Detector) DetectImage(ctx context.Context, img *detectors.Image) ([]detectors.ImageMatch, error) {
	sum := sha256.Sum256(img.Data)
	d.mu.Lock()
	faces, ok := d.cached[sum]
	d.mu.Unlock()
	if !ok {
		var err error
		if faces, err = d.faces(ctx, img.Data, img.Decode); err != nil {
			return nil, err // not cached: ctx may have cut it short
		}
		d.mu.Lock()
		if len(d.cached) >= maxCached || d.cached == nil {
			d.cached = make(map[[sha256.Size]byte][]Face)
		}
		d.cached[sum] = faces
		d.mu.Unlock()
	}
	if len(faces) == 0 {
		return nil, nil
	}
	best := faces[0]
	detail := fmt.Sprintf("%d faces, %d windows", len(faces), best.Neighbors)
	if len(faces) == 1 {
		detail = fmt.Sprintf("1 face, %d windows", best.Neighbors)
	}
	return []detectors.ImageMatch{{
		Type:       pii.FacePhoto,
		Value:      hex.EncodeToString(sum[:]),
		Confidence: Confidence(best.Neighbors),
		Detail:     detail,
	}}, nil
}

// Face is a face found: its centre and size in pixels of the original
// picture, and how many overlapping windows passed the cascade there.
type Face struct {
	X, Y, Size int
	Neighbors  int
}

// Confidence maps a face's window count to a finding confidence: 0.5 for
// the fewest a face may have (DefaultMinNeighbors+1), 0.8 at about 20,
// 0.95 from about 50 (a clear frontal face fills that many windows).
func Confidence(neighbors int) float64 {
	c := 1 - 0.5*math.Exp(-float64(neighbors-DefaultMinNeighbors-1)/17)
	return math.Max(0.5, math.Min(0.98, c))
}

// Faces returns the faces in the picture, best first. Only the header is
// read to check the size against MaxPixels before decoding; the picture
// is then scaled down to MaxSide and scanned size by size, checking ctx
// between sizes.
func (d *Detector) Faces(ctx context.Context, data []byte) (faces []Face, err error) {
	return d.faces(ctx, data, nil)
}

// faces is Faces with the picture from decode when it is set (decoded
// once for OCR and face detection).
func (d *Detector) faces(ctx context.Context, data []byte, decode func() (image.Image, error)) (faces []Face, err error) {
	defer func() {
		if p := recover(); p != nil {
			faces, err = nil, fmt.Errorf("face: %w (panic: %v)", ErrDecode, p)
		}
	}()
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("face: %w: %v", ErrDecode, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("face: %w: size %dx%d", ErrDecode, cfg.Width, cfg.Height)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > d.opts.MaxPixels {
		return nil, fmt.Errorf("face: %dx%d image: %w", cfg.Width, cfg.Height, ErrTooLarge)
	}
	if min(cfg.Width, cfg.Height) < minSide {
		return nil, nil
	}
	var img image.Image
	if decode != nil {
		img, err = decode()
	} else {
		img, _, err = image.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("face: %w: %v", ErrDecode, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g, factor := grayScaled(img, d.opts.MaxSide)
	raw, err := d.models.find.detect(ctx, g, minFace, max(g.w, g.h))
	if err != nil {
		return nil, err
	}
	boxes, neighbors := groupRects(raw, d.opts.MinNeighbors)
	for i, b := range boxes {
		if ok, err := d.confirmed(ctx, g, b); err != nil {
			return nil, err
		} else if !ok {
			continue
		}
		faces = append(faces, Face{
			X:         int(float64(b.x+b.w/2) * factor),
			Y:         int(float64(b.y+b.h/2) * factor),
			Size:      int(float64(b.w) * factor),
			Neighbors: neighbors[i],
		})
	}
	sortByNeighbors(faces)
	return faces, nil
}

// confirmed reports whether every confirming cascade finds a face (more
// than MinNeighbors windows) of about the size of b (0.7 to 1.4 times)
// in b's neighbourhood (b grown by 30% on each side).
func (d *Detector) confirmed(ctx context.Context, g *gray, b box) (bool, error) {
	m := b.w * 3 / 10
	around := g.crop(box{b.x - m, b.y - m, b.w + 2*m, b.h + 2*m})
	for _, c := range d.models.confirm {
		raw, err := c.detect(ctx, around, b.w*7/10, b.w*14/10)
		if err != nil {
			return false, err
		}
		if found, _ := groupRects(raw, d.opts.MinNeighbors); len(found) == 0 {
			return false, nil
		}
	}
	return true, nil
}

func sortByNeighbors(fs []Face) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].Neighbors > fs[j-1].Neighbors; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}
