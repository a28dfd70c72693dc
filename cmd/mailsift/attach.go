package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/face"
	"github.com/mailsift/mailsift/detectors/iddoc"
	"github.com/mailsift/mailsift/scanner"
	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/archive"
	"github.com/mailsift/mailsift/scanner/extract/ocr"
	"github.com/mailsift/mailsift/scanner/extract/office"
	"github.com/mailsift/mailsift/scanner/extract/pdf"
)

// attachOptions are the flags of attachment reading.
type attachOptions struct {
	none         bool
	noOCR        bool
	passwordFile string
	limits       extract.Limits
	timeout      time.Duration
}

func (a *attachOptions) register(f *pflag.FlagSet) {
	d := extract.DefaultLimits
	f.BoolVar(&a.none, "no-attachments", false, "read message bodies and headers only (attachments are counted, not read)")
	f.BoolVar(&a.noOCR, "no-ocr", false, "do not OCR images and scanned PDF pages (faster; ID scans are then found by file name and context only)")
	f.StringVar(&a.passwordFile, "zip-passwords", "", "`FILE` of passwords (one per line) to try on encrypted ZIPs and PDFs, besides those found in the mail")
	f.Int64Var(&a.limits.MaxBytes, "max-extract-bytes", d.MaxBytes, "extract at most this many bytes from the attachments of one message")
	f.Int64Var(&a.limits.MaxFileBytes, "max-file-bytes", d.MaxFileBytes, "skip files (e.g. ZIP members) larger than this many bytes unpacked")
	f.IntVar(&a.limits.MaxDepth, "max-nesting", d.MaxDepth, "open containers (ZIP in ZIP ...) at most this deep")
	f.Int64Var(&a.limits.MaxRatio, "max-ratio", d.MaxRatio, "skip ZIP members that unpack to more than this many times their packed size (zip bombs)")
	f.IntVar(&a.limits.MaxPDFPages, "max-pdf-pages", d.MaxPDFPages, "read at most this many pages of one PDF")
	f.DurationVar(&a.timeout, "attachment-timeout", d.Timeout, "give up on one attachment (with its contents) after this long")
}

// attachments is what a scan uses to read attachments.
type attachments struct {
	extractors []extract.Extractor
	images     scanner.ImageDetector
	limits     extract.Limits
	passwords  []string
	closers    []io.Closer
}

func (a *attachments) Close() error {
	for _, c := range a.closers {
		c.Close()
	}
	return nil
}

func (a *attachOptions) build(caseDir string, log *slog.Logger, ios *IOStreams) (*attachments, error) {
	ax := &attachments{limits: a.limits}
	ax.limits.Timeout = a.timeout
	for _, c := range []struct {
		name string
		v    int64
	}{{"max-extract-bytes", a.limits.MaxBytes}, {"max-file-bytes", a.limits.MaxFileBytes}, {"max-nesting", int64(a.limits.MaxDepth)},
		{"max-ratio", a.limits.MaxRatio}, {"max-pdf-pages", int64(a.limits.MaxPDFPages)}, {"attachment-timeout", int64(a.timeout)}} {
		if c.v <= 0 {
			return nil, usagef("--%s: must be more than 0", c.name)
		}
	}
	if a.passwordFile != "" {
		pws, err := readPasswords(a.passwordFile)
		if err != nil {
			return nil, err
		}
		ax.passwords = pws
	}
	if a.none {
		return ax, nil
	}
	xs, imgs, closers, err := newExtractors(caseDir, !a.noOCR, log, ios)
	if err != nil {
		return nil, err
	}
	ax.extractors, ax.images, ax.closers = xs, imgs, closers
	return ax, nil
}

// readPasswords reads one password per line; only line endings are
// stripped (a password may start or end with a space).
func readPasswords(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usagef("--zip-passwords %s: %v", path, err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 4096), 1<<20)
	for sc.Scan() {
		if pw := strings.TrimRight(sc.Text(), "\r"); pw != "" {
			out = append(out, pw)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, usagef("--zip-passwords %s: %v", path, err)
	}
	if len(out) == 0 {
		return nil, usagef("--zip-passwords %s: no passwords in the file (one per line)", path)
	}
	return out, nil
}

// newExtractors is the explicit list of attachment formats, in the order
// they are tried (magic-byte matches first), and the image detectors.
func newExtractors(caseDir string, withOCR bool, log *slog.Logger, ios *IOStreams) ([]extract.Extractor, scanner.ImageDetector, []io.Closer, error) {
	// Office formats are ZIPs: they come before the ZIP extractor.
	xs := []extract.Extractor{
		office.XLSX(), office.DOCX(), office.PPTX(), office.ODT(), office.ODS(), office.CSV(),
		archive.Zip(), archive.TNEF(), archive.MSG(),
		extract.EML(),
		// Legacy Office files are reported as unreadable, never dropped;
		// after office, which decrypts encrypted OOXML in the same container.
		archive.OLE(),
	}
	// PDF: pdfium in WebAssembly, started at the first PDF met; its
	// compiled module is cached in the user's cache directory.
	px, err := pdf.New(pdf.Options{})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("pdf: %w", err)
	}
	xs = append(xs, px)
	closers := []io.Closer{px}
	if withOCR {
		dir := filepath.Join(caseDir, "ocr-cache")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, nil, nil, fmt.Errorf("ocr cache: %w", err)
		}
		// One tesseract per core: it is single-threaded here
		// (OMP_THREAD_LIMIT=1) and the workers would otherwise wait.
		x := ocr.New(ocr.Options{CacheDir: dir, Concurrency: runtime.GOMAXPROCS(0)})
		if err := x.Available(); err != nil {
			// Said once: scans still find ID scans by name and context.
			fmt.Fprintf(ios.Err, "note: %v; images and scanned PDF pages are not read\n", err)
			log.Warn("ocr unavailable", "error", err.Error())
		} else {
			xs = append(xs, x)
		}
	}
	imgs := imageDetectors{face.MustNew(), iddoc.New()}
	return xs, imgs, closers, nil
}

// imageDetectors runs every image detector on a picture.
type imageDetectors []detectors.ImageDetector

func (ds imageDetectors) DetectImage(ctx context.Context, img scanner.Image) ([]scanner.Hit, error) {
	in := &detectors.Image{Location: img.Location, Name: img.Name, ContentType: img.ContentType, Data: img.Data, Text: img.Text, OCR: img.OCR}
	var hits []scanner.Hit
	var errs []error
	for _, d := range ds {
		ms, err := d.DetectImage(ctx, in)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", d.Name(), err))
		}
		for _, m := range ms {
			hits = append(hits, scanner.Hit{Type: m.Type, Detector: d.Name(), Value: m.Value, Masked: detectors.Mask(m.Type, m.Value),
				Confidence: m.Confidence, Context: m.Detail})
		}
	}
	return hits, errors.Join(errs...)
}
