package source

import (
	"bytes"
	"crypto/sha256"
	"hash"
	"io"
)

// CanonicalHash returns the SHA-256 of the canonical form of data: the
// message_sha256 of the interface, the same for one message whether it was
// read from mbox, Maildir, EML or IMAP.
//
// data is the message content (for mbox: without the From_ line and with
// >From quoting undone). The canonical form is data with these changes and
// no others:
//
//  1. Line endings are recognised. If data holds at least one LF, a line
//     ending is CRLF or a lone LF, and a CR not followed by LF is an
//     ordinary content byte ("a\rb\n" keeps its CR). If data holds no LF
//     at all (old Mac files), every CR is a line ending.
//  2. Every line ending is written as CRLF.
//  3. All line endings at the end are removed and exactly one CRLF is
//     appended, so the form always ends in one CRLF. (mbox writers add or
//     strip the last newline; this makes their copies agree with Maildir
//     and IMAP ones.) Empty data, or data of line endings only, becomes a
//     lone CRLF.
//
// Nothing else changes: whitespace, other control bytes, charsets and
// headers are left as they are. Examples: "a\nb" and "a\r\nb\r\n\r\n"
// and "a\rb\r" all become "a\r\nb\r\n"; "a\rb\nc" becomes "a\rb\r\nc\r\n".
func CanonicalHash(data []byte) [32]byte {
	h := sha256.New()
	c := canonWriter{crEOL: bytes.IndexByte(data, '\n') < 0, w: h}
	c.out = make([]byte, 0, min(len(data)+len(data)/8+64, canonBufSize))
	c.write(data)
	c.finish()
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// Canonicalize writes the canonical form of data (see CanonicalHash) to w
// and returns the first error of w.
func Canonicalize(w io.Writer, data []byte) error {
	c := canonWriter{crEOL: bytes.IndexByte(data, '\n') < 0, w: w}
	c.out = make([]byte, 0, min(len(data)+len(data)/8+64, canonBufSize))
	c.write(data)
	c.finish()
	return c.err
}

// CanonicalHasher computes CanonicalHash of content written to it in any
// number of pieces, without holding the content. It is what lets a source
// hash a message that is larger than what it keeps in memory. The zero
// value is not usable; use NewCanonicalHasher.
type CanonicalHasher struct {
	sawLF bool
	// Whether a CR is a line ending depends on whether an LF turns up
	// later, so until the first LF both readings are computed.
	lf, cr         canonWriter
	lfHash, crHash hash.Hash
}

// NewCanonicalHasher returns a hasher ready for the first write.
func NewCanonicalHasher() *CanonicalHasher {
	h := &CanonicalHasher{lfHash: sha256.New(), crHash: sha256.New()}
	// The buffers are made on first use: the CR reading is rarely needed.
	h.lf = canonWriter{w: h.lfHash}
	h.cr = canonWriter{crEOL: true, w: h.crHash}
	return h
}

// Write adds p to the content. It never fails.
func (h *CanonicalHasher) Write(p []byte) (int, error) {
	if !h.sawLF {
		if bytes.IndexByte(p, '\n') >= 0 {
			h.sawLF = true
		} else {
			h.cr.write(p)
		}
	}
	h.lf.write(p)
	return len(p), nil
}

// Sum256 returns the canonical hash of everything written since the last
// Reset. Call Reset before writing the next message.
func (h *CanonicalHasher) Sum256() [32]byte {
	c, hh := &h.cr, h.crHash
	if h.sawLF {
		c, hh = &h.lf, h.lfHash
	}
	c.finish()
	var sum [32]byte
	hh.Sum(sum[:0])
	return sum
}

// Reset starts a new message.
func (h *CanonicalHasher) Reset() {
	h.sawLF = false
	h.lfHash.Reset()
	h.crHash.Reset()
	h.lf.reset()
	h.cr.reset()
}

// canonBufSize is the output batch: hashing in big pieces is what makes
// the conversion nearly as fast as SHA-256 alone.
const canonBufSize = 32 << 10

// canonWriter converts content to canonical form in one reading of CR
// (crEOL), streaming: pending counts line endings not yet written because
// they may turn out to be trailing.
type canonWriter struct {
	crEOL   bool
	cr      bool // LF reading: the last byte written was a CR; its role depends on the next byte
	pending int
	out     []byte
	w       io.Writer
	err     error
}

func (c *canonWriter) reset() {
	c.cr = false
	c.pending = 0
	c.out = c.out[:0]
	c.err = nil
}

func (c *canonWriter) write(p []byte) {
	if c.crEOL {
		// No LF anywhere: every CR ends a line.
		for len(p) > 0 {
			i := bytes.IndexByte(p, '\r')
			if i < 0 {
				c.region(p)
				return
			}
			c.region(p[:i])
			c.pending++
			p = p[i+1:]
		}
		return
	}
	if c.cr {
		if len(p) == 0 {
			return
		}
		c.cr = false
		if p[0] == '\n' {
			c.pending++
			p = p[1:]
		} else {
			c.region([]byte{'\r'}) // a CR that turned out to be content
		}
	}
	// A region is a run of input already in canonical form (every LF in it
	// follows a CR); it ends at a lone LF, which needs a CR inserted.
	start, pos := 0, 0
	for {
		i := bytes.IndexByte(p[pos:], '\n')
		if i < 0 {
			break
		}
		i += pos
		if i > start && p[i-1] == '\r' {
			pos = i + 1
			continue
		}
		c.region(p[start:i])
		c.pending++
		start, pos = i+1, i+1
	}
	rest := p[start:]
	if n := len(rest); n > 0 && rest[n-1] == '\r' {
		c.cr = true
		rest = rest[:n-1]
	}
	c.region(rest)
}

// region writes r, which is in canonical form, holding back the line
// endings at its end.
func (c *canonWriter) region(r []byte) {
	k := 0
	if c.crEOL {
		// r holds no CR or LF here.
	} else {
		for n := len(r); n > 0 && r[n-1] == '\n'; n = len(r) {
			r = r[:n-1]
			if n > 1 && r[n-2] == '\r' {
				r = r[:n-2]
			}
			k++
		}
	}
	if len(r) > 0 {
		if cap(c.out) < canonBufSize {
			c.out = append(make([]byte, 0, canonBufSize), c.out...)
		}
		for ; c.pending > 0; c.pending-- {
			c.out = append(c.out, "\r\n"...)
		}
		if len(c.out)+len(r) > cap(c.out) {
			c.flush()
			if len(r) >= cap(c.out) {
				c.send(r)
				r = nil
			}
		}
		c.out = append(c.out, r...)
	}
	c.pending += k
}

func (c *canonWriter) finish() {
	if c.cr {
		c.cr = false
		c.region([]byte{'\r'}) // a CR that turned out to be content
	}
	c.pending = 0
	c.out = append(c.out, "\r\n"...)
	c.flush()
}

func (c *canonWriter) flush() {
	if len(c.out) > 0 {
		c.send(c.out)
		c.out = c.out[:0]
	}
}

func (c *canonWriter) send(p []byte) {
	if c.err == nil {
		_, c.err = c.w.Write(p)
	}
}
