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

	pigo "github.com/esimov/pigo/core"
	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/pii"
)

//go:embed facefinder
var cascade []byte

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
	// DefaultMinQ is the cluster score a face needs. Over the negatives of
	// the tests (text, landscapes, a cat, noise) the best cluster scored
	// below it; real faces score tens to hundreds.
	DefaultMinQ = 8
	// minFace is the smallest face searched for, in pixels of the scaled
	// picture: smaller ones are crowds and thumbnails, not a person's photo.
	minFace = 24
	// minSide: pictures with a shorter side are icons and emoticons (a
	// 48×48 smiley scored 10.5 in our tests), not photos of a person.
	minSide = 64
)

// Options configure a Detector. Zero fields take the defaults.
type Options struct {
	MaxPixels int64   // images with more pixels are not decoded
	MaxSide   int     // longer side after scaling down
	MinQ      float32 // cluster score a face needs
}

// Detector finds faces with pigo's cascade and reports one face_photo
// finding per picture that shows at least one. It is safe for concurrent
// use.
type Detector struct {
	classifier *pigo.Pigo
	opts       Options

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
	if opts.MinQ <= 0 {
		opts.MinQ = DefaultMinQ
	}
	c, err := pigo.NewPigo().Unpack(cascade)
	if err != nil {
		return nil, fmt.Errorf("face: cascade: %w", err)
	}
	return &Detector{classifier: c, opts: opts}, nil
}

// MustNew is New with the defaults; the embedded cascade cannot fail to
// unpack unless the binary is broken.
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
		if faces, err = d.Faces(ctx, img.Data); err != nil {
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
	detail := fmt.Sprintf("%d faces, q=%.0f", len(faces), best.Q)
	if len(faces) == 1 {
		detail = fmt.Sprintf("1 face, q=%.0f", best.Q)
	}
	return []detectors.ImageMatch{{
		Type:       pii.FacePhoto,
		Value:      hex.EncodeToString(sum[:]),
		Confidence: Confidence(best.Q),
		Detail:     detail,
	}}, nil
}

// Face is a face found: its centre and size in pixels of the original
// picture, and the cascade's cluster score.
type Face struct {
	X, Y, Size int
	Q          float32
}

// Confidence maps a face's cluster score to a finding confidence: 0.5 at
// DefaultMinQ, 0.8 at 40, 0.95 from about 150 (a clear frontal face, like
// pigo's sample portrait at 341).
func Confidence(q float32) float64 {
	c := 1 - 0.5*math.Exp(-float64(q-DefaultMinQ)/35)
	return math.Max(0.5, math.Min(0.98, c))
}

// Faces returns the faces in the picture, best first. Only the header is
// read to check the size against MaxPixels before decoding; the picture
// is then scaled down to MaxSide and scanned scale by scale, checking ctx
// between scales.
func (d *Detector) Faces(ctx context.Context, data []byte) (faces []Face, err error) {
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
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("face: %w: %v", ErrDecode, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g, factor := grayScaled(img, d.opts.MaxSide)
	dets, err := d.scan(ctx, g)
	if err != nil {
		return nil, err
	}
	for _, c := range d.classifier.ClusterDetections(dets, 0.2) {
		if c.Q >= d.opts.MinQ {
			faces = append(faces, Face{X: int(float64(c.Col) * factor), Y: int(float64(c.Row) * factor), Size: int(float64(c.Scale) * factor), Q: c.Q})
		}
	}
	sortByQ(faces)
	return faces, nil
}

// scan runs the cascade over g at every face size from minFace to the
// picture's shorter side, growing by 10%, one size per call so that ctx
// is checked in between.
func (d *Detector) scan(ctx context.Context, g *gray) ([]pigo.Detection, error) {
	var dets []pigo.Detection
	maxSize := min(g.w, g.h)
	for size := minFace; size <= maxSize; size = nextSize(size) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		dets = append(dets, d.classifier.RunCascade(pigo.CascadeParams{
			MinSize:     size,
			MaxSize:     size,
			ShiftFactor: 0.1,
			ScaleFactor: 1.1,
			ImageParams: pigo.ImageParams{Pixels: g.pix, Rows: g.h, Cols: g.w, Dim: g.w},
		}, 0)...)
	}
	return dets, nil
}

// nextSize is pigo's own scale step for ScaleFactor 1.1.
func nextSize(s int) int {
	return int(float64(s) + math.Max(2, float64(s)*1.1-float64(s)))
}

func sortByQ(fs []Face) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].Q > fs[j-1].Q; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}
