// Package formats is the list of attachment formats a scan reads: every
// extractor of the extract packages, in the order they are tried.
package formats

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/archive"
	"github.com/mailsift/mailsift/scanner/extract/ocr"
	"github.com/mailsift/mailsift/scanner/extract/office"
	"github.com/mailsift/mailsift/scanner/extract/pdf"
)

// Options choose the optional formats.
type Options struct {
	// OCR reads images and scanned PDF pages with tesseract, when it is
	// installed (see Set.OCRUnavailable).
	OCR bool
	// OCRCacheDir keeps OCR texts across runs, by image hash; it is
	// created (0700) if missing. "" keeps them in memory only.
	OCRCacheDir string
	// OCRWorker is the command line that starts this program as an OCR
	// worker (its main must call ServeOCRWorker when IsOCRWorker): OCR
	// then loads tesseract's library once per worker instead of running
	// the tesseract program per image. Nil runs the program.
	OCRWorker []string
}

// IsOCRWorker reports whether this process was started as an OCR worker
// (Options.OCRWorker); main must then call ServeOCRWorker and exit.
func IsOCRWorker() bool { return ocr.IsWorker() }

// ServeOCRWorker reads images from stdin and writes their text to stdout
// until stdin ends.
func ServeOCRWorker() error { return ocr.ServeWorker(os.Stdin, os.Stdout) }

// Set is the extractors of a scan. Close it when the scan is done.
type Set struct {
	// Extractors are tried in this order: magic-byte matches first.
	Extractors []extract.Extractor
	// OCRUnavailable says why OCR was asked for but is not among the
	// Extractors (tesseract or its language data is missing); it wraps
	// ocr.ErrUnavailable. Scans still find ID scans by name and context.
	OCRUnavailable error
	// OCREngine says how OCR reads images (the library in workers, or the
	// tesseract program and why), for the scan log.
	OCREngine string

	closers []io.Closer
}

// Default returns the extractors of every format mailsift reads.
func Default(opts Options) (*Set, error) {
	// Office formats are ZIPs: they come before the ZIP extractor.
	s := &Set{Extractors: []extract.Extractor{
		office.XLSX(), office.DOCX(), office.PPTX(), office.ODT(), office.ODS(), office.CSV(),
		archive.Zip(), archive.TNEF(), archive.MSG(),
		extract.EML(),
		// Legacy Office files are reported as unreadable, never dropped;
		// after office, which decrypts encrypted OOXML in the same container.
		archive.OLE(),
	}}
	// PDF: pdfium in WebAssembly, started at the first PDF met; its
	// compiled module is cached in the user's cache directory.
	px, err := pdf.New(pdf.Options{})
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	s.Extractors = append(s.Extractors, px)
	s.closers = append(s.closers, px)
	if !opts.OCR {
		return s, nil
	}
	if opts.OCRCacheDir != "" {
		if err := os.MkdirAll(opts.OCRCacheDir, 0o700); err != nil {
			s.Close()
			return nil, fmt.Errorf("ocr cache: %w", err)
		}
	}
	// One tesseract per core: it is single-threaded here
	// (OMP_THREAD_LIMIT=1) and the workers would otherwise wait.
	x := ocr.New(ocr.Options{CacheDir: opts.OCRCacheDir, Concurrency: runtime.GOMAXPROCS(0), Worker: opts.OCRWorker})
	if err := x.Available(); err != nil {
		s.OCRUnavailable = err
	} else {
		s.Extractors = append(s.Extractors, x)
		s.closers = append(s.closers, x)
		s.OCREngine = x.Engine()
	}
	return s, nil
}

// Close releases what the extractors hold (pdfium), waiting for running
// extractions to finish.
func (s *Set) Close() error {
	var errs []error
	for _, c := range s.closers {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}
