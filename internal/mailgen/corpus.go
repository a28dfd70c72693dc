package mailgen

import "time"

// Options selects what Generate produces. The zero value gives only the
// fixed matrix of charset, header and structure cases.
type Options struct {
	// Seed makes the corpus: the same Options always give the same bytes.
	Seed int64
	// Messages is the number of ordinary business messages, besides the
	// fixed cases and the hostile ones.
	Messages int
	// Hostile adds the deliberately malformed or extreme messages.
	Hostile bool
	// Big adds a hostile message with a 30 MiB base64 text part. It is
	// meant for stress runs, never for committed fixtures.
	Big bool
	// Attachments adds messages whose personal data is in Excel, CSV,
	// Word, PDF and (nested, password-protected) ZIP attachments.
	Attachments bool
	// Bombs adds attachments built to exhaust a reader (a 1 GiB zip bomb,
	// nested, a 1,000-page PDF, looping PDFs). For stress tests only.
	Bombs bool
	// PII adds this many messages carrying every kind of personal data
	// (from the labelled accuracy generator, internal/piigen).
	PII int
	// Scans adds this many messages carrying images: photos, identity
	// documents (driving licence, My Number card, passport data page with
	// its MRZ) as scans, phone photos and small copies, scanned pages and
	// image-only PDFs (scans.go). It needs ScanFont.
	Scans int
	// ScanFont is a Japanese TrueType/OpenType font or collection to draw
	// the scans' text with (FindCJKFont finds one); the same font and
	// Options give the same bytes.
	ScanFont []byte
}

// Corpus is a generated mailbox: messages in a fixed order.
type Corpus struct {
	Messages []*Message
}

// Message is one generated message and what a decoder should make of it.
type Message struct {
	// Name is a stable file name, e.g. "0001-iso2022jp-7bit.eml".
	Name string
	// Folder is "INBOX", "Sent" or "Archive.2023". WriteMaildir maps it to
	// a Maildir++ folder (".Sent"), WriteEML to a subdirectory.
	Folder string
	// Date is the message's Date header; it also sets the mbox envelope
	// time and the Maildir file name.
	Date time.Time
	// Raw is the RFC 5322 message: CRLF line endings only, ending with
	// exactly one CRLF.
	Raw []byte
	// Expect is what a correct decoder and detector produce.
	Expect Expect
}

// Expect is the decoding and labelling of one message.
type Expect struct {
	// MessageID is the Message-ID header without angle brackets.
	MessageID string `json:"message_id"`
	// Date is the Date header in RFC 3339.
	Date string `json:"date"`
	// Subject is the decoded Subject in UTF-8. It is empty when the exact
	// decoding is not defined; SubjectContains is used then.
	Subject string `json:"subject"`
	// SubjectContains lists substrings of the decoded Subject, for hostile
	// headers whose exact decoding is not defined.
	SubjectContains []string `json:"subject_contains,omitempty"`
	// FromName is the decoded display name of the From address.
	FromName string `json:"from_name"`
	// FromNameContains is to FromName what SubjectContains is to Subject.
	FromNameContains []string `json:"from_name_contains,omitempty"`
	// FromAddr is the From address as written (not lower-cased).
	FromAddr string `json:"from_addr"`
	// Parts lists every text leaf the decoder must produce, in MIME order.
	Parts []ExpectPart `json:"parts"`
	// Binary lists the locations of leaves the decoder does not extract
	// text from (yet): PDFs, images.
	Binary []string `json:"binary,omitempty"`
	// MinErrors is how many decode errors the decoder must at least count
	// for this message; 0 for clean messages.
	MinErrors int `json:"min_errors"`
	// Hostile marks a deliberately malformed or extreme message.
	Hostile bool `json:"hostile,omitempty"`
	// Labels is every piece of PII in the message's From, To and Cc
	// headers and text parts, once per (Type, Value, Location), in order
	// of first appearance.
	Labels []Label `json:"labels"`
	// Negatives are planted look-alikes that must not be reported.
	Negatives []Negative `json:"negatives,omitempty"`
}

// ExpectPart is one text leaf of a message.
type ExpectPart struct {
	// Location is "body" for inline text, "attachment:NAME" for a text
	// attachment (NAME decoded, UTF-8). Leaves inside a message/rfc822
	// part are "attachment:NAME/body" and "attachment:NAME/INNER", where
	// NAME is the rfc822 part's file name or "message.eml".
	Location string `json:"location"`
	// ContentType is the leaf's media type, lower case ("text/plain").
	ContentType string `json:"content_type"`
	// Charset names the charset the bytes are really in ("ISO-2022-JP",
	// "Shift_JIS", "CP932", "EUC-JP", "UTF-8", "US-ASCII"), whatever the
	// label says. Informational: a decoder has to find it out.
	Charset string `json:"charset,omitempty"`
	// Text is the exact decoded text (UTF-8 as golang.org/x/text decodes
	// it, "\n" line endings, final newline kept). It is set only for
	// text/plain leaves whose decoding is exactly defined; otherwise
	// Contains is used.
	Text string `json:"text,omitempty"`
	// Contains lists substrings of the decoded text (HTML text content,
	// hostile parts).
	Contains []string `json:"contains,omitempty"`
	// NotContains lists strings that must not appear in the decoded text
	// (script and style content of HTML).
	NotContains []string `json:"not_contains,omitempty"`
	// Optional marks a leaf the decoder may skip (an unknown transfer
	// encoding); if it produces it, Contains must hold.
	Optional bool `json:"optional,omitempty"`
}

// Label is one piece of planted PII.
type Label struct {
	// Type is the finding type ("email", "phone", "passport" ...).
	Type string `json:"type"`
	// Value is normalized: e-mail lower case, phone E.164 (+819012345678).
	Value string `json:"value"`
	// Location is "header:From", "header:To", "header:Cc", "body" or an
	// attachment location as in ExpectPart; inside a forwarded message
	// "attachment:NAME/header:From".
	Location string `json:"location"`
}

// Negative is a planted look-alike that is not PII: a date, a postal code,
// an order number and the like.
type Negative struct {
	// Type is the finding type it could be mistaken for ("phone").
	Type string `json:"type"`
	// Text is the literal text as it appears in the decoded part.
	Text string `json:"text"`
	// Location is where it appears, as in Label.
	Location string `json:"location"`
}

// SampleOptions are the options of the bundled sample in testdata/sample:
// seed 1, 40 ordinary messages, the attachment cases, the hostile cases
// but not the big one.
func SampleOptions() Options {
	return Options{Seed: 1, Messages: 40, Hostile: true, Attachments: true, PII: 12}
}
