// Package source reads mail exports (mbox, Maildir, EML) as a stream of
// messages. Sources are walkers: they hand each message, or the error that
// stopped one message, to a callback and go on.
package source

import (
	"context"
	"strconv"
	"time"
)

// Message is one message as acquired from a source.
type Message struct {
	Kind      string // "mbox", "maildir", "eml" (later "imap")
	Path      string // file the message was read from
	Folder    string // logical folder; becomes the finding's `source`
	Offset    int64  // byte offset of the message in Path (mbox); 0 otherwise
	Index     int    // 1-based ordinal of the message within Path (mbox); 1 otherwise
	Data      []byte // message content: no mbox From_ line, >From quoting undone, line endings as read
	Size      int64  // full size of the content; larger than len(Data) when Truncated
	Truncated bool   // Data was capped at the reader's limit; hashes still cover everything

	RawSHA256       [32]byte // SHA-256 of the bytes exactly as read (mbox: From_ line to the byte before the next one)
	RawSize         int64    // number of bytes RawSHA256 covers
	CanonicalSHA256 [32]byte // message_sha256: see CanonicalHash

	// Delivered is when the mail server took the message in (IMAP
	// INTERNALDATE, an Outlook item's delivery time); zero when the source
	// does not say. It is the server's clock, not the sender's Date.
	Delivered time.Time
}

// Where names the message for logs and errors: path, and offset for mbox.
func (m *Message) Where() string {
	switch m.Kind {
	case "mbox":
		return m.Path + " message " + itoa(m.Index) + " (offset " + itoa64(m.Offset) + ")"
	case "pst": // Offset is the item's node ID
		return m.Path + " item " + itoa(m.Index) + " (node 0x" + strconv.FormatInt(m.Offset, 16) + ")"
	}
	return m.Path
}

// Source is one input given to `mailsift scan`.
type Source interface {
	// Name is what the user gave (a path or URL).
	Name() string
	// Size is the total number of bytes the source will read, for progress; 0 if unknown.
	Size() int64
	// Messages calls yield for every message in a deterministic order. A
	// message that cannot be read is passed as a non-nil error with a nil
	// message and the walk goes on; files that are not mail are passed as a
	// *Skipped error. If yield returns an error the walk stops with it.
	Messages(ctx context.Context, yield func(*Message, error) error) error
}
