package extract

import (
	"fmt"
	"time"
)

// Options bound the work done on one (attacker-controlled) message.
type Options struct {
	MaxMIMEDepth int   // multipart and message/rfc822 nesting; default 100
	MaxParts     int   // leaf parts per message; default 10000
	MaxPartBytes int64 // decoded bytes kept per part; default 64 MiB
	// MaxAddresses bounds the addresses parsed per message, over the
	// From, Sender, Reply-To, To, Cc and Bcc fields of its header and of
	// the messages nested in it, in that order; default 100000. A field
	// is cut where the limit falls (before the comma that would start one
	// address too many): the addresses before the cut are in From, To, Cc
	// and in the field's Field text, the bytes after it are neither parsed
	// nor given to the detectors, and the cut is counted in Errors with
	// their number. Parsing leaves a few hundred bytes of garbage per
	// address, the detectors as much per finding: a 40 MB To: of two
	// million addresses took 900 MB, and the findings past the per-message
	// limit of the scan would not be recorded anyway.
	MaxAddresses int
}

func (o Options) withDefaults() Options {
	if o.MaxMIMEDepth <= 0 {
		o.MaxMIMEDepth = 100
	}
	if o.MaxParts <= 0 {
		o.MaxParts = 10000
	}
	if o.MaxPartBytes <= 0 {
		o.MaxPartBytes = 64 << 20
	}
	if o.MaxAddresses <= 0 {
		o.MaxAddresses = 100000
	}
	return o
}

// Message is a decoded message.
type Message struct {
	MessageID string
	// InReplyTo and References are the thread links, as "<id>" tokens.
	InReplyTo  string
	References []string
	Date       time.Time // zero when absent or unparseable
	DateRaw    string
	Subject    string
	From       []Address
	To         []Address
	Cc         []Address
	Fields     []Field // header values the detectors read, top-level and nested
	Parts      []*Part // leaf parts in MIME order, nested messages flattened
	Errors     []*PartError
}

// Address is a decoded mailbox.
type Address struct {
	Name string `json:"name,omitempty"`
	Addr string `json:"addr"`
}

// Field is one decoded header value, e.g. Location "header:From" with Text
// `田中 太郎 <taro@example.jp>`.
type Field struct {
	Location string
	Text     string
	// Part names the header as a finding's part: "header" for the
	// message's own, "2.header" for that of the message/rfc822 part 2
	// (IMAP's section "2.HEADER"). Two forwarded messages both named
	// message.eml have the same Location; Part tells them apart.
	Part string
}

// Part statuses.
const (
	StatusText   = "text"   // decoded to Text
	StatusBinary = "binary" // kept as Data for the attachment extractors
	StatusError  = "error"  // nothing usable could be decoded
)

// Part is one leaf of the MIME tree.
type Part struct {
	Path        string // MIME section, "1", "2.1" ...
	Location    string // "body", "attachment:NAME", "attachment:fwd.eml/body"
	ContentType string // lower-case media type
	Charset     string // as declared
	Decoded     string // charset actually used for Text ("" for binary)
	Encoding    string // Content-Transfer-Encoding as declared, lower-case
	Filename    string
	Disposition string
	Attachment  bool
	Text        string // decoded UTF-8 with "\n" line endings
	Data        []byte // decoded bytes of binary parts
	Size        int64  // decoded size before any cap
	Status      string
	Errors      []string // problems with this part, also in Message.Errors
}

// PartError is a problem decoding one part (or the header, Part "").
type PartError struct {
	Part     string
	Location string
	Err      error
}

func (e *PartError) Error() string {
	p := e.Part
	if p == "" {
		p = "header"
	}
	return fmt.Sprintf("part %s (%s): %v", p, e.Location, e.Err)
}

func (e *PartError) Unwrap() error { return e.Err }
