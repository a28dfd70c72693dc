package ocr

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // formats DecodeConfig must know
	_ "image/jpeg"
	_ "image/png"
	"strings"
	"sync"
	"time"
	"unicode"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"

	"github.com/mailsift/mailsift/scanner/extract"
)

// ErrUnavailable is returned by Extract when the tesseract program (or
// its language data) is not installed. The caller reports it once; OCR is
// an optional step.
var ErrUnavailable = errors.New("OCR not available: install tesseract-ocr tesseract-ocr-jpn")

// Defaults of Options.
const (
	DefaultLanguages = "jpn+eng"
	// DefaultPSM is Tesseract's page segmentation mode 6, "a single
	// uniform block of text". On the mock passport, driving licence and
	// residence card in testdata it read every line right, where mode 3
	// (automatic layout) split "日本国" into "日本\nHH" and mode 11 (sparse
	// text) tore label and value onto separate lines.
	DefaultPSM          = 6
	DefaultTimeout      = 60 * time.Second
	DefaultConcurrency  = 1
	DefaultCacheEntries = 4096
	DefaultCacheBytes   = 64 << 20
	// MaxText bounds the text kept from one image.
	MaxText = 1 << 20
)

// Images smaller than this hold no text worth reading (tracking pixels,
// spacers, icons).
const (
	minWidth, minHeight = 24, 12
	minPixels           = 2000
)

// Options configure an Extractor. Zero fields take the defaults.
type Options struct {
	// Binary is the tesseract program, a path or a name looked up in
	// PATH; "" is "tesseract".
	Binary string
	// Languages is Tesseract's -l argument; "" is DefaultLanguages, or
	// the part of it that is installed ("eng" without tesseract-ocr-jpn).
	Languages string
	// PSM is the page segmentation mode (--psm); 0 is DefaultPSM.
	PSM int
	// Timeout bounds one tesseract run; the ctx of Extract bounds it too.
	Timeout time.Duration
	// Concurrency is how many tesseract processes may run at once. Each
	// takes one core (OMP_THREAD_LIMIT=1: with its default threading,
	// two cores made it 2–3× slower, not faster).
	Concurrency int
	// CacheEntries and CacheBytes bound the in-memory cache of texts by
	// image SHA-256.
	CacheEntries int
	CacheBytes   int64
	// Worker, if set, is the command line of this program started as an
	// OCR worker (see IsWorker): images are then read by long-lived
	// workers that load tesseract's library once, instead of a tesseract
	// process per image. When the library cannot be loaded, OCR runs the
	// tesseract program as without it.
	Worker []string
	// CacheDir, if set, keeps texts across runs as files named by the
	// image's SHA-256 in this directory. Nothing is written elsewhere:
	// tesseract reads the image from stdin and writes to stdout.
	CacheDir string
}

// Extractor runs OCR on image files (PNG, JPEG, GIF, TIFF, BMP, WebP,
// recognized by their magic bytes) and emits their text as one Segment
// at the file's location plus "#ocr", with OCR set. An image without
// text-like strokes (a photo) is not read, and the rest are cut to their
// text and scaled to the size tesseract reads best (gate.go). The same
// image is read once however many messages carry it (cache by SHA-256).
// It is safe for concurrent use.
type Extractor struct {
	opts  Options
	sem   chan struct{}
	cache *cache

	once  sync.Once
	bin   string // resolved binary; "" if unavailable
	langs string
	first string // the languages of the first reading (see read)
	eng   bool   // the English model is installed (MRZ second pass)
	err   error  // why OCR is unavailable
	// workers read images when Options.Worker is set and the library
	// loads; engine says which is used ("tesseract 5.3.0 library").
	workers *workers
	engine  string
	// exec runs tesseract; tests replace it to fuzz without processes.
	exec func(ctx context.Context, img []byte, langs string, extra ...string) (string, error)
}

// New returns an OCR extractor. It does not look for tesseract yet: the
// first Extract (or Available) does.
func New(opts Options) *Extractor {
	if opts.PSM == 0 {
		opts.PSM = DefaultPSM
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = DefaultConcurrency
	}
	if opts.CacheEntries <= 0 {
		opts.CacheEntries = DefaultCacheEntries
	}
	if opts.CacheBytes <= 0 {
		opts.CacheBytes = DefaultCacheBytes
	}
	x := &Extractor{
		opts:  opts,
		sem:   make(chan struct{}, opts.Concurrency),
		cache: newCache(opts.CacheEntries, opts.CacheBytes, opts.CacheDir),
	}
	x.exec = x.run
	return x
}

// Name implements extract.Extractor.
func (*Extractor) Name() string { return "ocr" }

// Match implements extract.Extractor: image files by their magic bytes.
func (*Extractor) Match(f *extract.File) bool { return extract.IsImage(f.Data) }

// Available returns nil when tesseract can run, else an error wrapping
// ErrUnavailable.
func (x *Extractor) Available() error {
	x.once.Do(x.probe)
	return x.err
}

// Extract implements extract.Extractor. An image that cannot be decoded
// or is larger than env.Limits.MaxImagePixels is reported as a Problem
// and skipped: only its header is read to decide that.
func (x *Extractor) Extract(ctx context.Context, f *extract.File, env *extract.Env, out extract.Sink) error {
	if err := x.Available(); err != nil {
		return err
	}
	text, err := x.text(ctx, f.Data, f.Pixels, env.Limits.WithDefaults().MaxImagePixels)
	switch {
	case errors.Is(err, errSkip):
		return nil
	case ctx.Err() != nil:
		return fmt.Errorf("ocr %s: %w", f.Name, ctx.Err())
	case err != nil:
		out.Problem(f.Location, fmt.Errorf("ocr %s: %w", f.Name, err))
		return nil
	case text == "":
		return nil
	}
	return out.Text(extract.Segment{Location: f.Location + "#ocr", Text: text, OCR: true})
}

// errSkip: an image too small to hold text.
var errSkip = errors.New("too small to read")

// Text returns the OCR text of an image, from the cache when the same
// image was read before. Images of more than maxPixels pixels (by their
// header) are not read; the error wraps extract.ErrLimit.
func (x *Extractor) Text(ctx context.Context, data []byte, maxPixels int64) (string, error) {
	return x.text(ctx, data, nil, maxPixels)
}

// text is Text with the file's shared picture (nil: decoded here).
func (x *Extractor) text(ctx context.Context, data []byte, pix *extract.Pixels, maxPixels int64) (string, error) {
	if err := x.Available(); err != nil {
		return "", err
	}
	cfg, err := decodeConfig(data)
	if err != nil {
		return "", err
	}
	px := int64(cfg.Width) * int64(cfg.Height)
	switch {
	case maxPixels > 0 && px > maxPixels:
		return "", fmt.Errorf("%dx%d image: %w", cfg.Width, cfg.Height, &extract.LimitError{Limit: "pixels", Value: maxPixels})
	case cfg.Width < minWidth || cfg.Height < minHeight || px < minPixels:
		return "", errSkip
	}
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:]) + "-" + x.fingerprint()
	return x.cache.get(ctx, key, func() (string, error) {
		return x.read(ctx, data, pix)
	})
}

// decodeConfig reads an image's header, which says its size, without
// decoding the pixels. Decoders of hostile input are guarded.
func decodeConfig(data []byte) (cfg image.Config, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("image header: %w (decoder panic: %v)", extract.ErrCorrupt, p)
		}
	}()
	cfg, _, err = image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return cfg, fmt.Errorf("image header: %w: %v", extract.ErrCorrupt, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return cfg, fmt.Errorf("image header: %w: size %dx%d", extract.ErrCorrupt, cfg.Width, cfg.Height)
	}
	return cfg, nil
}

// fingerprint names the settings that change what OCR reads, so the
// cache does not mix texts read with other settings.
func (x *Extractor) fingerprint() string {
	s := fmt.Sprintf("%s.psm%d.v%d", x.langs, x.opts.PSM, cacheVersion)
	return strings.Map(func(r rune) rune {
		if r < 128 && (r == '+' || r == '.' || r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return '_'
	}, s)
}
