package scanner

import (
	"context"
	"time"

	"github.com/mailsift/mailsift/scanner/extract"
)

// Detector finds personal data in one decoded text. field is the text's
// location ("header:From", "body", "attachment:a.csv"), which detectors may
// use as context.
type Detector interface {
	Detect(ctx context.Context, text, field string) ([]Hit, error)
}

// Hit is one detector result, with byte offsets into the text given.
type Hit struct {
	Type       string
	Detector   string
	Value      string
	Masked     string
	Confidence float64
	Start, End int
}

// Options configure a scan.
type Options struct {
	Workers        int
	Since, Before  time.Time // zero: unbounded
	Extract        extract.Options
	MessageTimeout time.Duration // per message; 0 = 2 minutes
	FlushEvery     int           // messages per commit; 0 = 256
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

// DefaultMaxFindings is the default per-message limit on findings: a
// spreadsheet of 100,000 customers with two items each fits.
const DefaultMaxFindings = 250000

// Summary is what `mailsift scan` prints.
type Summary struct {
	Messages     int     `json:"messages"`
	Duplicates   int     `json:"duplicates"`
	Attachments  int     `json:"attachments"`
	Bytes        int64   `json:"bytes"`
	Findings     int     `json:"findings"`
	Errors       int     `json:"errors"`
	Seconds      float64 `json:"seconds"`
	OutOfRange   int     `json:"out_of_range"`  // outside --since/--before
	SkippedFiles int     `json:"skipped_files"` // files in a tree that are not mail
}
