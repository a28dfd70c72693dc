package archive

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/scanner/extract"
)

// errPanic marks a panic recovered from a third-party parser; it wraps
// extract.ErrCorrupt because hostile input is the only known cause.
var errPanic = fmt.Errorf("parser panic: %w", extract.ErrCorrupt)

// ratioFloor is the member size below which the compression ratio is not
// checked: small, highly repetitive files (a CSV of zeros) are common and
// harmless, while a bomb needs a large output to hurt.
const ratioFloor = 1 << 20

// budget bounds the bytes one container hands out. The Sink counts bytes
// for the whole message too, but only after a member is in memory; the
// budget stops decompression before that, which matters when thousands of
// entries point at the same compressed data (overlapping-entry bombs).
type budget struct {
	left  int64
	limit int64
}

func newBudget(l extract.Limits) *budget { return &budget{left: l.MaxBytes, limit: l.MaxBytes} }

// readLimited reads r to the end, but not more than the file, byte and
// ratio limits allow. compressed is the compressed size when known (0: not
// known, no ratio check). A hit limit is returned as *extract.LimitError
// with the bytes read so far.
func readLimited(ctx context.Context, r io.Reader, sizeHint, compressed int64, lim extract.Limits, b *budget) ([]byte, error) {
	type capped struct {
		n     int64
		limit string
		value int64
	}
	caps := []capped{{lim.MaxFileBytes, "file-bytes", lim.MaxFileBytes}, {b.left, "bytes", b.limit}}
	if compressed > 0 && lim.MaxRatio > 0 {
		rc := compressed * lim.MaxRatio
		if rc/lim.MaxRatio != compressed { // overflow: no practical cap
			rc = 1 << 62
		}
		caps = append(caps, capped{max(rc, ratioFloor), "ratio", lim.MaxRatio})
	}
	c := caps[0]
	for _, x := range caps[1:] {
		if x.n < c.n {
			c = x
		}
	}
	if c.n < 0 {
		c.n = 0
	}
	// Preallocate the declared size, clamped (declared sizes lie): an
	// honest member is read with one allocation.
	w := &capWriter{buf: make([]byte, 0, min(max(sizeHint, 0), c.n)), max: c.n}
	_, err := io.Copy(w, ctxReader{ctx, r})
	b.left -= w.n
	if w.over {
		return nil, &extract.LimitError{Limit: c.limit, Value: c.value}
	}
	return w.bytes(), err
}

// capWriter keeps at most max bytes and notes whether more were offered.
// Past the preallocated buffer it collects 1 MiB chunks instead of
// doubling a slice, so a lying member costs at most max bytes, not 1.5×.
type capWriter struct {
	buf    []byte
	chunks [][]byte
	n, max int64
	over   bool
}

var errCapped = errors.New("capped")

const chunkSize = 1 << 20

func (w *capWriter) Write(p []byte) (int, error) {
	written := len(p)
	if room := w.max - w.n; int64(len(p)) > room {
		p = p[:room]
		w.over = true
	}
	w.n += int64(len(p))
	if k := min(cap(w.buf)-len(w.buf), len(p)); k > 0 {
		w.buf = append(w.buf, p[:k]...)
		p = p[k:]
	}
	for len(p) > 0 {
		if len(w.chunks) == 0 || len(w.chunks[len(w.chunks)-1]) == chunkSize {
			w.chunks = append(w.chunks, make([]byte, 0, chunkSize))
		}
		last := &w.chunks[len(w.chunks)-1]
		k := min(chunkSize-len(*last), len(p))
		*last = append(*last, p[:k]...)
		p = p[k:]
	}
	if w.over {
		return written, errCapped
	}
	return written, nil
}

func (w *capWriter) bytes() []byte {
	if len(w.chunks) == 0 {
		return w.buf
	}
	out := make([]byte, 0, w.n)
	out = append(out, w.buf...)
	for _, c := range w.chunks {
		out = append(out, c...)
	}
	return out
}

// ctxReader stops a long decompression when the attachment's time is up.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// isLimit reports whether err is a limit the reader hit on its own.
func isLimit(err error) bool { return errors.Is(err, extract.ErrLimit) }

// cleanName turns an attacker-chosen member name into a safe relative
// path for Location: no "..", no leading "/", no drive letter, no control
// characters. It is only a name: nothing is ever written to disk.
func cleanName(name string, index int) string {
	name = strings.ToValidUTF8(name, "\uFFFD")
	name = strings.Map(func(r rune) rune {
		switch {
		case r == '\\':
			return '/'
		case r < 0x20 || r == 0x7f || r == '#':
			// '#' starts the in-file part of a Location.
			return '_'
		}
		return r
	}, name)
	if len(name) >= 2 && name[1] == ':' {
		name = name[2:]
	}
	name = strings.TrimPrefix(path.Clean("/"+name), "/")
	if name == "" || name == "." {
		return fmt.Sprintf("unnamed-%d", index+1)
	}
	if len(name) > 1024 {
		name = truncUTF8(name, 1024)
	}
	return name
}

// truncUTF8 cuts s to at most n bytes without splitting a rune.
func truncUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// normText makes extracted text safe for a Segment: valid UTF-8, "\n"
// line endings, no NULs.
func normText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\x00", "")
	return strings.TrimSpace(s)
}

// emitText hands non-empty text to out.
func emitText(out extract.Sink, loc, column, text string) error {
	text = normText(text)
	if text == "" {
		return nil
	}
	return out.Text(extract.Segment{Location: loc, Column: column, Text: text})
}

// uniqueNames de-duplicates member names within one container
// ("Untitled Attachment", "Untitled Attachment (2)") so every member has
// its own Location.
type uniqueNames map[string]int

func (u uniqueNames) name(n string) string {
	u[n]++
	if c := u[n]; c > 1 {
		ext := path.Ext(n)
		return fmt.Sprintf("%s (%d)%s", strings.TrimSuffix(n, ext), c, ext)
	}
	return n
}
