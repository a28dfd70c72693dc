package source

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// ErrJunk marks bytes before the first message of an mbox that are neither
// blank lines nor a message. The reader reports them and goes on.
var ErrJunk = errors.New("junk before the first message")

// mboxBufSize bounds what the reader holds besides the message it keeps: a
// line longer than this is read in pieces and is never a From_ line.
const mboxBufSize = 64 << 10

// bigMessage is the size above which a message's buffer is given away
// with it rather than kept for the next message.
const bigMessage = 1 << 20

// rawBatch is how much of the raw bytes is gathered before hashing, so
// SHA-256 sees big writes rather than one per line.
const rawBatch = 32 << 10

// MboxReader splits an mbox (mboxo, mboxrd, and the From_ lines that
// Mozilla and Google Takeout write) into messages, streaming: it holds at
// most one message, capped at Options.MaxMessageBytes, whatever the size
// of the input.
//
// A line starting "From " begins a message when it is the first non-blank
// line of the input; after that only when it is an envelope line ("From",
// a sender, and a full date with weekday, month, day, time and four-digit
// year; or Mozilla's "From -", or Takeout's "From 123...@xxx") and it
// follows a blank line, or directly follows the previous From_ line (an
// empty message), or is Mozilla's "From - ..." line, which Netscape and
// Thunderbird write without a blank line before it. A line ">From ", ">>From ", ... loses one '>' (mboxrd unquoting; for
// mboxo this is the usual lossy reading). The blank line before a From_
// line, and a blank last line of the input, belong to the format and are
// not part of the message.
//
// Lines end with LF or CRLF, or, when the first line of the input ends
// with a lone CR, with CR.
type MboxReader struct {
	br    *bufio.Reader
	path  string
	max   int64
	bufSz int

	started bool
	eol     byte  // line terminator: '\n', or '\r' for CR-only files
	off     int64 // offset of the next byte of br
	index   int
	err     error // sticky: io.EOF or a read error

	// The From_ line that ends one message and starts the next is read
	// with the message before; it waits here.
	next     []byte
	nextOff  int64
	haveNext bool
	long     bool // next is only the start of a line longer than bufSz

	canon *CanonicalHasher
	raw   hash.Hash
	batch []byte // raw bytes not yet hashed
	data  []byte // content of the message being read, up to max
	fed   int    // how much of data the canonical hasher has seen
}

// NewMboxReader returns a reader of the mbox in r. path names the input in
// messages and errors. Messages come with every field set but Folder.
func NewMboxReader(r io.Reader, path string, opts Options) *MboxReader {
	return newMboxReaderSize(r, path, opts, mboxBufSize)
}

func newMboxReaderSize(r io.Reader, path string, opts Options, size int) *MboxReader {
	return &MboxReader{
		br:    bufio.NewReaderSize(r, size),
		path:  path,
		max:   opts.maxMessageBytes(),
		bufSz: size,
		canon: NewCanonicalHasher(),
		raw:   sha256.New(),
		batch: make([]byte, 0, rawBatch),
	}
}

// Next returns the next message, or io.EOF after the last one. An error
// wrapping ErrJunk reports bytes before the first message; reading can go
// on after it. Any other error is final.
func (r *MboxReader) Next() (*Message, error) {
	if !r.started {
		r.started = true
		if err := r.start(); err != nil && errors.Is(err, ErrJunk) {
			return nil, err
		}
	}
	if !r.haveNext {
		return nil, r.err
	}
	return r.message()
}

// start skips a byte order mark and blank lines, chooses the line
// terminator, and finds the first From_ line. Junk on the way is reported.
func (r *MboxReader) start() error {
	if b, _ := r.br.Peek(3); bytes.HasPrefix(b, utf8BOM) {
		r.br.Discard(3)
		r.off = 3
	}
	r.eol = '\n'
	if b, err := r.br.Peek(r.bufSz); len(b) > 0 {
		if i := bytes.IndexAny(b, "\r\n"); i >= 0 && b[i] == '\r' {
			if i+1 < len(b) && b[i+1] != '\n' || i+1 == len(b) && err != nil {
				r.eol = '\r'
			}
		}
	}
	var junkOff, junkLen int64
	first, atStart := true, true
	for {
		line, err := r.br.ReadSlice(r.eol)
		ended := err != bufio.ErrBufferFull
		whole := r.whole(line, ended)
		if err != nil && err != bufio.ErrBufferFull && err != io.EOF {
			r.err = fmt.Errorf("mbox: read %s: %w", r.path, err)
			return r.err
		}
		if len(line) == 0 {
			r.err = io.EOF
			break
		}
		if atStart && (first && bytes.HasPrefix(line, fromSpace) || !first && whole && isEnvelope(line)) {
			r.setNext(line, !ended)
			break
		}
		if atStart && whole && first && r.isBlank(line) {
			r.off += int64(len(line))
		} else {
			if junkLen == 0 {
				junkOff = r.off
			}
			first = false
			junkLen += int64(len(line))
			r.off += int64(len(line))
		}
		atStart = ended
		if err == io.EOF {
			r.err = io.EOF
			break
		}
	}
	if junkLen > 0 {
		return fmt.Errorf("mbox: %s: %d bytes at offset %d: %w", r.path, junkLen, junkOff, ErrJunk)
	}
	return nil
}

// setNext keeps the From_ line that starts the next message.
func (r *MboxReader) setNext(line []byte, long bool) {
	r.next = append(r.next[:0], line...)
	r.haveNext = true
	r.nextOff = r.off
	r.off += int64(len(line))
	r.long = long
}

func (r *MboxReader) message() (*Message, error) {
	m := &Message{Kind: "mbox", Path: r.path, Offset: r.nextOff, Index: r.index + 1}
	r.raw.Reset()
	r.canon.Reset()
	r.batch = r.batch[:0]
	r.data, r.fed = r.data[:0], 0
	r.rawWrite(r.next)
	rawSize := int64(len(r.next))
	r.haveNext = false

	// The rest of an over-long From_ line is still part of it.
	for r.long {
		line, err := r.br.ReadSlice(r.eol)
		if err != nil && err != bufio.ErrBufferFull && err != io.EOF {
			return nil, r.fail(err)
		}
		r.rawWrite(line)
		rawSize += int64(len(line))
		r.off += int64(len(line))
		r.long = err == bufio.ErrBufferFull
		if err == io.EOF {
			r.long = false
			r.err = io.EOF
		}
	}

	var (
		pending   []byte // a blank line held back: it may be the separator
		pendBuf   [2]byte
		prevBlank bool
		prevFrom  = true
		atStart   = true
	)
	for r.err == nil {
		line, err := r.br.ReadSlice(r.eol)
		if err != nil && err != bufio.ErrBufferFull && err != io.EOF {
			return nil, r.fail(err)
		}
		ended := err != bufio.ErrBufferFull
		whole := r.whole(line, ended)
		if err == io.EOF {
			r.err = io.EOF
		}
		if len(line) == 0 {
			break
		}
		if !atStart {
			r.rawWrite(line)
			rawSize += int64(len(line))
			r.off += int64(len(line))
			r.content(m, line)
			atStart = ended
			continue
		}
		if whole && bytes.HasPrefix(line, fromSpace) && (prevBlank || prevFrom || isMozillaFrom(line)) && isEnvelope(line) {
			r.setNext(line, false)
			break
		}
		r.rawWrite(line)
		rawSize += int64(len(line))
		r.off += int64(len(line))
		if pending != nil {
			r.content(m, pending)
			pending = nil
		}
		blank := whole && r.isBlank(line)
		switch {
		case blank:
			pending = append(pendBuf[:0], line...)
		case line[0] == '>' && bytes.HasPrefix(bytes.TrimLeft(line, ">"), fromSpace):
			r.content(m, line[1:])
		default:
			r.content(m, line)
		}
		prevBlank, prevFrom = blank, false
		atStart = ended
	}
	r.index++
	if len(r.batch) > 0 {
		r.raw.Write(r.batch)
		r.batch = r.batch[:0]
	}
	r.raw.Sum(m.RawSHA256[:0])
	m.RawSize = rawSize
	r.canon.Write(r.data[r.fed:])
	m.CanonicalSHA256 = r.canon.Sum256()
	// A small message is copied out so the buffer is reused; a big one
	// is handed over, so that no big buffer stays behind.
	if cap(r.data) > bigMessage {
		m.Data, r.data = r.data[:len(r.data):len(r.data)], nil
	} else {
		m.Data = bytes.Clone(r.data)
		if m.Data == nil {
			m.Data = []byte{}
		}
	}
	m.Truncated = m.Size > int64(len(m.Data))
	return m, nil
}

func (r *MboxReader) fail(err error) error {
	r.err = fmt.Errorf("mbox: read %s at offset %d: %w", r.path, r.off, err)
	r.haveNext = false
	return r.err
}

// content adds p to the message: to Data up to the cap, to the canonical
// hash and to Size always. The hash is fed from data in big pieces, which
// is much faster than line by line.
func (r *MboxReader) content(m *Message, p []byte) {
	m.Size += int64(len(p))
	if room := r.max - int64(len(r.data)); room > 0 {
		n := int(min(int64(len(p)), room))
		r.data = append(r.data, p[:n]...)
		p = p[n:]
		if len(r.data)-r.fed >= rawBatch {
			r.canon.Write(r.data[r.fed:])
			r.fed = len(r.data)
		}
	}
	if len(p) > 0 {
		// Beyond the cap: hash without keeping.
		r.canon.Write(r.data[r.fed:])
		r.fed = len(r.data)
		r.canon.Write(p)
	}
}

func (r *MboxReader) rawWrite(p []byte) {
	if len(r.batch)+len(p) > cap(r.batch) {
		r.raw.Write(r.batch)
		r.batch = r.batch[:0]
		if len(p) >= cap(r.batch) {
			r.raw.Write(p)
			return
		}
	}
	r.batch = append(r.batch, p...)
}

// whole reports whether line, read to its end, can be a From_ line or a
// blank line: a line as long as the buffer is not, whether or not its end
// was seen, so that the answer does not depend on how the input arrives.
func (r *MboxReader) whole(line []byte, ended bool) bool {
	return ended && len(line) < r.bufSz
}

func (r *MboxReader) isBlank(line []byte) bool {
	if r.eol == '\r' {
		return len(line) == 1 && line[0] == '\r'
	}
	return len(line) == 1 && line[0] == '\n' || len(line) == 2 && line[0] == '\r' && line[1] == '\n'
}

var (
	utf8BOM   = []byte{0xEF, 0xBB, 0xBF}
	fromSpace = []byte("From ")
)

// mboxSource is one mbox file.
type mboxSource struct {
	path   string
	folder string
	opts   Options
	size   int64
}

func (s *mboxSource) Name() string { return s.path }
func (s *mboxSource) Size() int64  { return s.size }

func (s *mboxSource) Messages(ctx context.Context, yield func(*Message, error) error) error {
	f, err := os.Open(s.path)
	if err != nil {
		return yield(nil, fmt.Errorf("mbox: %w", err))
	}
	defer f.Close()
	return readMbox(ctx, f, s.path, s.folder, s.opts, yield)
}

// readMbox hands every message of the mbox in r to yield.
func readMbox(ctx context.Context, r io.Reader, path, folder string, opts Options, yield func(*Message, error) error) error {
	mr := NewMboxReader(r, path, opts)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		m, err := mr.Next()
		switch {
		case err == io.EOF:
			return nil
		case errors.Is(err, ErrJunk):
			if err := yield(nil, err); err != nil {
				return err
			}
			continue
		case err != nil:
			return yield(nil, err)
		}
		m.Folder = folder
		if err := yield(m, nil); err != nil {
			return err
		}
	}
}

// mboxFolder names the folder of an mbox file: its base name without
// ".mbox"; for Apple Mail's "Name.mbox/mbox", "Name". A "*.eml" file that
// starts with a From_ line is one message file, so it gets the folder of
// message files, emlFolder.
func mboxFolder(path, emlFolder string) string {
	base := filepath.Base(path)
	if strings.EqualFold(filepath.Ext(base), ".eml") {
		return emlFolder
	}
	if base == "mbox" {
		if dir := filepath.Base(filepath.Dir(path)); strings.HasSuffix(dir, ".mbox") && len(dir) > len(".mbox") {
			base = dir
		}
	}
	if n := strings.TrimSuffix(base, ".mbox"); n != "" {
		return n
	}
	return base
}
