package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mailsift/mailsift/scanner/source/outlook"
	"github.com/mailsift/mailsift/scanner/source/outlook/pst"
)

// DefaultMaxMessageBytes is the cap on the bytes of one message kept in
// memory when Options.MaxMessageBytes is 0.
const DefaultMaxMessageBytes = 256 << 20

// Options tune how sources read.
type Options struct {
	// MaxMessageBytes caps Message.Data; a larger message is truncated
	// (Message.Truncated) but hashed and measured in full. 0 means
	// DefaultMaxMessageBytes.
	MaxMessageBytes int64
}

func (o Options) maxMessageBytes() int64 {
	if o.MaxMessageBytes <= 0 {
		return DefaultMaxMessageBytes
	}
	return o.MaxMessageBytes
}

// ErrNotMail is returned by Open for a file that is neither an mbox nor a
// message.
var ErrNotMail = errors.New("not a mail file")

// Skipped is the error a walk hands to yield for a file it does not read:
// not mail, a symbolic link, a hidden file, a Maildir tmp/ folder. It is a
// note for the log, not a failure.
type Skipped struct {
	Path   string
	Reason string
}

func (s *Skipped) Error() string {
	return "source: skipped " + s.Path + ": " + s.Reason
}

// Open returns the source for path: an mbox file, a single message (EML),
// an Outlook PST/OST or .msg file, a Maildir (with Maildir++ and Dovecot LAYOUT=fs subfolders), or any other
// directory, which is walked for all of these. A regular file that is none
// of them is an error wrapping ErrNotMail.
func Open(path string, opts Options) (Source, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	switch {
	case fi.IsDir():
		return &dirSource{root: path, opts: opts}, nil
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("source: %s: not a regular file or directory", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	defer f.Close()
	k, reason, err := sniffFile(f)
	if err != nil {
		return nil, fmt.Errorf("source: read %s: %w", path, err)
	}
	if k == kindNotMail && strings.HasSuffix(path, ".mbox") {
		// The name says mbox: read it as one, so that junk is reported
		// and the messages after it are found.
		k = kindMbox
	}
	switch k {
	case kindMbox:
		return &mboxSource{path: path, folder: mboxFolder(path, filepath.Base(filepath.Dir(path))), opts: opts, size: fi.Size()}, nil
	case kindEML:
		return &emlSource{path: path, opts: opts, size: fi.Size()}, nil
	case kindPST:
		return &pstSource{path: path, opts: opts, size: fi.Size()}, nil
	case kindMSG:
		return &msgSource{path: path, opts: opts, size: fi.Size()}, nil
	}
	return nil, fmt.Errorf("source: %s: %w: %s", path, ErrNotMail, reason)
}

type fileKind int

const (
	kindNotMail fileKind = iota
	kindMbox
	kindEML
	kindPST // Outlook PST/OST
	kindMSG // a compound file: an Outlook .msg, or another kind read as not mail
)

// sniffLen is how much of a file is read to tell what it is.
const sniffLen = 4096

// sniffFile reads the start of f to tell what it is, and rewinds it.
func sniffFile(f *os.File) (fileKind, string, error) {
	buf := make([]byte, sniffLen)
	n, err := io.ReadFull(f, buf)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return kindNotMail, "", err
	}
	k, reason := sniff(buf[:n])
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return kindNotMail, "", err
	}
	return k, reason, nil
}

// sniff tells an mbox (its first non-blank line starts "From ", after an
// optional UTF-8 byte order mark) from a message (it starts with a header
// field) from anything else, whose reason it returns. So that a README
// starting "Note: ..." is not taken for mail, the lines up to the first
// blank one must be header fields or folded lines, or at least two of them
// header fields (real mail has broken folding too).
func sniff(b []byte) (fileKind, string) {
	if len(b) == 0 {
		return kindNotMail, "empty file"
	}
	switch {
	case bytes.HasPrefix(b, pst.Magic):
		return kindPST, ""
	case bytes.HasPrefix(b, outlook.CFBMagic):
		return kindMSG, ""
	}
	b = bytes.TrimPrefix(b, utf8BOM)
	var line []byte
	for more := true; ; {
		if !more || len(b) == 0 {
			return kindNotMail, "blank lines only"
		}
		line, b, more = cutLine(b)
		if len(bytes.TrimLeft(line, " \t")) > 0 {
			break
		}
	}
	if bytes.HasPrefix(line, fromSpace) {
		return kindMbox, ""
	}
	if !isHeaderLine(line) {
		return kindNotMail, "first line is not a mail header field"
	}
	headers, other := 1, false
	for len(b) > 0 {
		var more bool
		line, b, more = cutLine(b)
		switch {
		case !more: // cut by the end of what was read
		case len(line) == 0:
			b = nil
		case isHeaderLine(line):
			headers++
		case line[0] != ' ' && line[0] != '\t':
			other = true
		}
	}
	if other && headers < 2 {
		return kindNotMail, "text after the first line is not a mail header"
	}
	return kindEML, ""
}

// cutLine splits b after its first line ending (LF, CRLF or CR) and
// returns the line without it; more is false when there was none.
func cutLine(b []byte) (line, rest []byte, more bool) {
	i := bytes.IndexAny(b, "\r\n")
	if i < 0 {
		return b, nil, false
	}
	rest = b[i+1:]
	if b[i] == '\r' && len(rest) > 0 && rest[0] == '\n' {
		rest = rest[1:]
	}
	return b[:i], rest, true
}

// isHeaderLine matches "Name: value" and "Name:" where Name is made of the
// characters real header names use (letters, digits and !#$%&'*+-.^_`|~),
// allowing the obsolete space before the colon.
func isHeaderLine(line []byte) bool {
	i := 0
	for i < len(line) && isTokenChar(line[i]) {
		i++
	}
	if i == 0 {
		return false
	}
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return i < len(line) && line[i] == ':'
}

func isTokenChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// emlFolder names the folder of a message file: its directory relative to
// the root of the walk, or the root's base name when it is directly in it.
func emlFolder(root, rel string) string {
	if rel != "" {
		return rel
	}
	return filepath.Base(root)
}

func itoa(i int) string     { return strconv.Itoa(i) }
func itoa64(i int64) string { return strconv.FormatInt(i, 10) }
