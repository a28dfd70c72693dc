package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/mailsift/mailsift/scanner/extract"
)

// Extractor reads PDF attachments with pdfium (WebAssembly, no cgo): the
// text of each page as "#pN" segments, AcroForm field values with their
// names as Column, annotation comments, document properties as "#props",
// embedded files, and pages without a text layer rendered to PNG for the
// OCR and image detectors. It is safe for concurrent use; call Close when
// done. pdfium starts on the first PDF met, not in New.
type Extractor struct {
	opts Options
	eng  *engine
}

// Options configure an Extractor. Zero fields take the defaults.
type Options struct {
	// CacheDir holds wazero's compiled pdfium (about 19 MB) so later runs
	// start in ~0.1 s instead of ~3 s. "" means
	// os.UserCacheDir()/mailsift/wazero; NoCache keeps it in memory only.
	// An unusable directory silently falls back to memory.
	CacheDir string
	// MaxInstances is how many PDFs are read at the same time, each in its
	// own pdfium instance (default 1: others wait; see the package tests
	// for memory figures).
	MaxInstances int
	// MaxRenderPages bounds the pages without a text layer rendered to
	// images per PDF (default 20); more are reported as a limit problem.
	MaxRenderPages int
	// RenderDPI is the resolution of rendered pages (default 150), lowered
	// for a page that would exceed Limits.MaxImagePixels.
	RenderDPI int
	// MaxMemory bounds pdfium's WebAssembly memory per instance in bytes
	// (default 256 MiB); what needs more (a decompression bomb) fails as
	// corrupt and the rest of the PDF is read on. On Linux it is an mmap
	// costing RSS only for the pages pdfium touches, returned after each
	// PDF. Budget MaxInstances × MaxMemory plus ~60 MB for the process.
	MaxMemory int64
}

// NoCache as Options.CacheDir keeps the compilation cache in memory.
const NoCache = "-"

// ErrClosed is returned by Extract after Close.
var ErrClosed = errors.New("pdf: extractor closed")

const (
	defaultRenderPages = 20
	defaultDPI         = 150
	defaultMaxMemory   = 256 << 20
	// maxPasswordTries bounds the candidates tried on one PDF; each costs
	// a parse of the file's trailer and an RC4/AES key check.
	maxPasswordTries = 64
)

// New returns an Extractor. It does not start pdfium.
func New(opts Options) (*Extractor, error) {
	if opts.MaxInstances < 0 || opts.MaxRenderPages < 0 || opts.RenderDPI < 0 || opts.MaxMemory < 0 {
		return nil, fmt.Errorf("pdf: negative option in %+v", opts)
	}
	if opts.MaxInstances == 0 {
		opts.MaxInstances = 1
	}
	if opts.MaxRenderPages == 0 {
		opts.MaxRenderPages = defaultRenderPages
	}
	if opts.RenderDPI == 0 {
		opts.RenderDPI = defaultDPI
	}
	if opts.MaxMemory == 0 {
		opts.MaxMemory = defaultMaxMemory
	}
	// wazero counts 64 KiB pages; pdfium's module itself needs 287 of them.
	if opts.MaxMemory < 32<<20 || opts.MaxMemory > 4<<30 {
		return nil, fmt.Errorf("pdf: MaxMemory %d outside 32 MiB..4 GiB", opts.MaxMemory)
	}
	return &Extractor{opts: opts, eng: newEngine(opts)}, nil
}

// Close stops pdfium, waiting for running extractions to finish.
func (x *Extractor) Close() error { return x.eng.close() }

// Name implements extract.Extractor.
func (x *Extractor) Name() string { return "pdf" }

var (
	pdfMagic = []byte("%PDF-")
	// Formats that a ".pdf" name must not override.
	otherMagic = [][]byte{
		[]byte("PK\x03\x04"),
		{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1},
		[]byte("\x89PNG"), {0xFF, 0xD8, 0xFF}, []byte("GIF8"),
		[]byte("Rar!"), []byte("7z\xBC\xAF"), {0x1F, 0x8B},
	}
)

// Match implements extract.Extractor: "%PDF-" within the first 1024 bytes
// (where pdfium and Acrobat look for it), else a .pdf name or PDF content
// type on data that is not plainly another format.
func (x *Extractor) Match(f *extract.File) bool {
	if bytes.Contains(f.Data[:min(len(f.Data), 1024)], pdfMagic) {
		return true
	}
	for _, m := range otherMagic {
		if bytes.HasPrefix(f.Data, m) {
			return false
		}
	}
	switch f.ContentType {
	case "application/pdf", "application/x-pdf", "application/acrobat":
		return true
	}
	return strings.EqualFold(path.Ext(f.Name), ".pdf")
}

// Extract implements extract.Extractor.
func (x *Extractor) Extract(ctx context.Context, f *extract.File, env *extract.Env, out extract.Sink) error {
	if env == nil {
		env = &extract.Env{}
	}
	lim := env.Limits.WithDefaults()
	name := f.Name
	if name == "" {
		name = f.Location
	}
	if int64(len(f.Data)) > lim.MaxFileBytes {
		out.Problem(f.Location, fmt.Errorf("pdf %s: %w", name, &extract.LimitError{Limit: "file-bytes", Value: lim.MaxFileBytes}))
		return nil
	}
	r := &reader{
		opts: x.opts, lim: lim, f: f, name: name, out: out,
		passwords: env.Passwords, ctx: ctx, stepMax: stepTime(lim.Timeout),
	}
	return r.run(ctx, x.eng)
}
