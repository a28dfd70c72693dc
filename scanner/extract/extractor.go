package extract

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Extractor turns one kind of attachment (XLSX, PDF, ZIP ...) into text
// segments, member files and images. Extractors hold no per-call state and
// are safe for concurrent use. They must return when ctx is done (the
// per-attachment time limit) and stop as soon as a Sink method returns an
// error (a limit was hit), returning that error.
//
// Salvage, then report: an extractor emits whatever it could read and
// reports problems with out.Problem (the extraction goes on) or, when it
// cannot go on, by returning an error.
type Extractor interface {
	// Name is a short lower-case name for logs, e.g. "xlsx".
	Name() string
	// Match reports whether the extractor reads f: by magic bytes first,
	// then by file name or declared content type (both attacker-set).
	Match(f *File) bool
	// Extract reads f and hands what it finds to out.
	Extract(ctx context.Context, f *File, env *Env, out Sink) error
}

// File is an attachment, or a file inside one, handed to an Extractor.
type File struct {
	Name        string // file name as decoded (may contain "/" for zip members); "" if none
	ContentType string // lower-case media type as declared; "" if none
	// Location is where the file is, as findings report it:
	// "attachment:顧客一覧.xlsx", "attachment:a.zip/b.xlsx".
	Location string
	Data     []byte
	Depth    int // 0 for a MIME attachment; +1 per container it is inside
	// Part is the MIME path of the top-level attachment the file is in;
	// the dispatcher sets it on the images it collects.
	Part string
	// Pixels is the decoded picture of an image file, shared by OCR and
	// the image detectors; the dispatcher sets it. Nil decodes anew.
	Pixels *Pixels
}

// Segment is text taken from a file.
type Segment struct {
	// Location is the File's Location plus an optional suffix naming the
	// place inside it: "#Sheet1!C12" (cell), "#p3" (PDF page), "#slide2",
	// "#ocr".
	Location string
	// Column is the header of the table column or the form label the text
	// belongs to ("生年月日", "口座番号"), or "". Detectors use it as context.
	Column string
	Text   string // UTF-8, "\n" line endings
	// OCR marks text read from pixels: detectors lower their confidence.
	OCR bool
	// Part is the MIME path of the top-level attachment the text came
	// from; the dispatcher sets it.
	Part string
}

// Sink receives what an extractor finds. Text and File return an error
// (wrapping ErrLimit) when a limit is hit; the extractor must then stop and
// return it.
type Sink interface {
	// Text hands over one segment of text.
	Text(seg Segment) error
	// File hands over a member to be extracted in turn: a zip entry, a TNEF
	// attachment, an image embedded in a DOCX, a page rendered from a PDF.
	// Name is the member's name; Location and Depth are set by the Sink.
	// The member is extracted before File returns: an extractor must not
	// hold a limited resource (a pdfium instance) while calling it.
	File(f File) error
	// Problem reports something that could not be read (a corrupt entry,
	// an encrypted member, an unsupported legacy format) at location; it
	// is counted and logged and the extraction goes on. Wrap the sentinels
	// below where they apply.
	Problem(location string, err error)
	// Unlocked records that the encrypted container at location was
	// opened with one of Env.Passwords (PPAP); the finding records it.
	Unlocked(location, password string)
}

// Env is what an extraction may use beyond the file itself.
type Env struct {
	Limits Limits
	// Passwords are candidate passwords for encrypted archives, tried in
	// order (PPAP: taken from related messages, or given by the
	// investigator with --zip-passwords).
	Passwords []string
}

// Limits bound the work done on hostile attachments. Zero fields take the
// defaults of DefaultLimits.
type Limits struct {
	MaxBytes          int64         // decompressed/extracted bytes per message, all attachments together
	MaxFileBytes      int64         // largest single member or file
	MaxContainerDepth int           // containers inside containers (zip in zip in ...)
	MaxRatio          int64         // largest compression ratio of a member (zip bombs)
	MaxMembers        int           // members read from one container
	MaxPDFPages       int           // pages read from one PDF
	Timeout           time.Duration // per attachment, including its members
	MaxImagePixels    int64         // larger images are not decoded (decompression bombs)
}

// DefaultLimits are safe for a 2-core machine with a 500 MB memory budget.
var DefaultLimits = Limits{
	MaxBytes:          256 << 20,
	MaxFileBytes:      64 << 20,
	MaxContainerDepth: 8,
	MaxRatio:          200,
	MaxMembers:        10000,
	MaxPDFPages:       500,
	Timeout:           60 * time.Second,
	MaxImagePixels:    40_000_000,
}

// WithDefaults fills zero fields from DefaultLimits.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = d.MaxFileBytes
	}
	if l.MaxContainerDepth <= 0 {
		l.MaxContainerDepth = d.MaxContainerDepth
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = d.MaxRatio
	}
	if l.MaxMembers <= 0 {
		l.MaxMembers = d.MaxMembers
	}
	if l.MaxPDFPages <= 0 {
		l.MaxPDFPages = d.MaxPDFPages
	}
	if l.Timeout <= 0 {
		l.Timeout = d.Timeout
	}
	if l.MaxImagePixels <= 0 {
		l.MaxImagePixels = d.MaxImagePixels
	}
	return l
}

// Sentinel errors extractors wrap (fmt.Errorf("zip %s: %w", name, ErrEncrypted)).
var (
	// ErrLimit: a limit of Limits was hit; what was read before is kept.
	ErrLimit = errors.New("limit reached")
	// ErrEncrypted: the file or member is encrypted and no password opened it.
	ErrEncrypted = errors.New("encrypted")
	// ErrUnsupported: a known format mailsift cannot read (legacy .doc/.xls).
	ErrUnsupported = errors.New("unsupported format")
	// ErrCorrupt: the file is damaged; what could be read was kept.
	ErrCorrupt = errors.New("corrupt")
)

// LimitError says which limit was hit; it wraps ErrLimit.
type LimitError struct {
	Limit string // "bytes", "file-bytes", "depth", "ratio", "members", "pdf-pages", "pdf-render-pages", "time", "pixels"
	Value int64  // the limit's value
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s limit (%d) reached", e.Limit, e.Value)
}

func (e *LimitError) Unwrap() error { return ErrLimit }
