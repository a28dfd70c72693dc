package scanner

import (
	"context"
	"runtime"
	"time"

	"github.com/mailsift/mailsift/scanner/extract"
)

// Detector finds personal data in one decoded text.
type Detector interface {
	Detect(ctx context.Context, in Input) ([]Hit, error)
}

// Input is one text to scan and where it came from.
type Input struct {
	Text string
	// Field is the text's location ("header:From", "body",
	// "attachment:a.xlsx#Sheet1!C3"), which detectors may use as context.
	Field string
	// Column is the table column header or form label of the text, or "".
	Column string
	// OCR marks text read from pixels.
	OCR bool
}

// ImageDetector finds personal data shown in pictures (faces, identity
// documents).
type ImageDetector interface {
	DetectImage(ctx context.Context, img Image) ([]Hit, error)
}

// Image is a picture from a message, with what the message says around it.
type Image struct {
	Location    string
	Name        string
	ContentType string
	Data        []byte
	Text        string // subject and body of the message, cut
	OCR         string // OCR text of this image, if any
	// Pixels is the picture decoded once for OCR and the image
	// detectors (nil: each decodes Data).
	Pixels *extract.Pixels
}

// Hit is one detector result, with byte offsets into the text given.
type Hit struct {
	Type       string
	Detector   string
	Value      string
	Masked     string
	Confidence float64
	Start, End int
	// Scope is "personal" or "business" for a phone or address whose text
	// says whose it is, else "" (detectors.Match.Scope).
	Scope string
	// Context, when set, replaces the masked snippet (image findings say
	// why instead: "1 face, q=341").
	Context string
}

// Options configure a scan.
type Options struct {
	Workers       int       // 0 = GOMAXPROCS
	Since, Before time.Time // zero: unbounded
	Extract       extract.Options
	// Extractors read attachments (nil: attachments are not read, and
	// there is no PPAP pass).
	Extractors []extract.Extractor
	// Limits bound attachment extraction; zero fields take defaults.
	Limits extract.Limits
	// Passwords are the investigator's own ZIP/PDF passwords
	// (--zip-passwords), tried on every encrypted attachment.
	Passwords []string
	// Images, when set, looks at every distinct picture.
	Images         ImageDetector
	MessageTimeout time.Duration // per message, in the PPAP pass too; 0 = 2 minutes
	FlushEvery     int           // messages per commit; 0 = 256
	// WindowBytes bounds the bytes held by messages read ahead and results
	// waiting for their turn to be committed; 0 = DefaultWindowBytes.
	WindowBytes int64
	// MaxFindings bounds the findings of one message (a part full of
	// numbers is a bomb like any other); 0 = DefaultMaxFindings. Findings
	// over it are counted as an error of the message.
	MaxFindings int
	// Progress, when set, is told how many source bytes each message took.
	Progress func(bytes int64)
	// Warn receives one line per problem (part errors, unreadable messages):
	// locations and reasons only, never message content.
	Warn func(msg string, attrs ...any)
}

// withDefaults fills the zero fields that have defaults.
func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MessageTimeout <= 0 {
		o.MessageTimeout = 2 * time.Minute
	}
	if o.FlushEvery <= 0 {
		o.FlushEvery = 256
	}
	if o.WindowBytes <= 0 {
		o.WindowBytes = DefaultWindowBytes
	}
	if o.MaxFindings <= 0 {
		o.MaxFindings = DefaultMaxFindings
	}
	if o.Warn == nil {
		o.Warn = func(string, ...any) {}
	}
	return o
}

// DefaultMaxFindings is the default per-message limit on findings: a
// spreadsheet of 100,000 customers with two items each fits.
const DefaultMaxFindings = 250000

// Summary is what `mailsift scan` prints. Its counts include those of the
// PPAP pass, whose own are in PPAP.
type Summary struct {
	Messages     int     `json:"messages"`
	Duplicates   int     `json:"duplicates"`
	Attachments  int     `json:"attachments"`
	Bytes        int64   `json:"bytes"`
	Findings     int     `json:"findings"`
	Errors       int     `json:"errors"`
	Seconds      float64 `json:"seconds"`
	Locked       int     `json:"locked"`        // encrypted attachments no password opened
	Unlocked     int     `json:"unlocked"`      // encrypted attachments opened (PPAP, --zip-passwords)
	OutOfRange   int     `json:"out_of_range"`  // outside --since/--before
	SkippedFiles int     `json:"skipped_files"` // files in a tree that are not mail
	// PPAP is what the PPAP pass did, for the log; it is not printed.
	PPAP PPAPSummary `json:"-"`
}

// PPAPSummary is what the PPAP pass did (see Scan).
type PPAPSummary struct {
	Unlocked int // containers opened in this pass
	Locked   int // containers still locked in the case
	Findings int
	Errors   int
}
