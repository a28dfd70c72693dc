package main

import (
	"bufio"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/mailsift/mailsift/detectors/registry"
	"github.com/mailsift/mailsift/scanner"
	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/formats"
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
	f.IntVar(&a.limits.MaxContainerDepth, "max-nesting", d.MaxContainerDepth, "open containers (ZIP in ZIP ...) at most this deep")
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
	formats    *formats.Set
}

func (a *attachments) Close() error {
	if a.formats != nil {
		a.formats.Close()
	}
	return nil
}

func (a *attachOptions) build(caseDir string, log *slog.Logger, ios *IOStreams) (*attachments, error) {
	ax := &attachments{limits: a.limits}
	ax.limits.Timeout = a.timeout
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
	fo := formats.Options{OCR: !a.noOCR, OCRCacheDir: filepath.Join(caseDir, "ocr-cache")}
	if exe, err := os.Executable(); err == nil {
		fo.OCRWorker = []string{exe}
	}
	set, err := formats.Default(fo)
	if err != nil {
		return nil, err
	}
	if set.OCREngine != "" {
		log.Info("ocr engine", "engine", set.OCREngine)
	}
	if err := set.OCRUnavailable; err != nil {
		// Said once: scans still find ID scans by name and context.
		fmt.Fprintf(ios.Err, "note: %v; images and scanned PDF pages are not read\n", err)
		log.Warn("ocr unavailable", "error", err.Error())
	}
	ax.extractors, ax.formats = set.Extractors, set
	ax.images = scanner.NewImageDetector(registry.Images()...)
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
