package source

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
)

// emlSource is one message file given directly.
type emlSource struct {
	path string
	opts Options
	size int64
}

func (s *emlSource) Name() string { return s.path }
func (s *emlSource) Size() int64  { return s.size }

func (s *emlSource) Messages(ctx context.Context, yield func(*Message, error) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	folder := filepath.Base(filepath.Dir(s.path))
	m, err := newFileReader(s.opts).readFile(s.path, "eml", folder)
	if err != nil {
		return yield(nil, err)
	}
	return yield(m, nil)
}

// fileReader reads files that hold one message each (EML, Maildir),
// reusing its buffer and hashers from file to file.
type fileReader struct {
	max   int64
	buf   []byte
	raw   hash.Hash
	canon *CanonicalHasher
}

func newFileReader(opts Options) *fileReader {
	return &fileReader{
		max:   opts.maxMessageBytes(),
		buf:   make([]byte, 64<<10),
		raw:   sha256.New(),
		canon: NewCanonicalHasher(),
	}
}

// readFile reads the message in the file at path, read-only.
func (fr *fileReader) readFile(path, kind, folder string) (*Message, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", kind, err)
	}
	defer f.Close()
	m, err := fr.read(f, path, kind, folder)
	if err != nil {
		return nil, fmt.Errorf("%s: read %s: %w", kind, path, err)
	}
	return m, nil
}

// read reads one whole message from f. Data keeps the first max bytes;
// Size and the hashes cover all of them.
func (fr *fileReader) read(f *os.File, path, kind, folder string) (*Message, error) {
	m := &Message{Kind: kind, Path: path, Folder: folder, Index: 1}
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 {
		m.Data = make([]byte, 0, min(fi.Size(), fr.max))
	}
	fr.raw.Reset()
	fr.canon.Reset()
	first := true
	for {
		n, err := f.Read(fr.buf)
		if n > 0 {
			p := fr.buf[:n]
			m.RawSize += int64(n)
			fr.raw.Write(p)
			if first {
				p = stripLead(p)
				first = false
			}
			m.Size += int64(len(p))
			if room := fr.max - int64(len(m.Data)); room > 0 {
				m.Data = append(m.Data, p[:min(int64(len(p)), room)]...)
			}
			fr.canon.Write(p)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	m.Truncated = m.Size > int64(len(m.Data))
	fr.raw.Sum(m.RawSHA256[:0])
	m.CanonicalSHA256 = fr.canon.Sum256()
	return m, nil
}

// stripLead drops what some export tools put before a message file's
// header, a UTF-8 BOM and an mbox envelope line, so that the file's
// message_sha256 equals that of the same message from mbox or IMAP. The
// raw hash still covers them.
func stripLead(p []byte) []byte {
	p = bytes.TrimPrefix(p, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(p, []byte("From ")) {
		if i := bytes.IndexByte(p, '\n'); i > 0 && isEnvelope(bytes.TrimRight(p[:i], "\r")) {
			return p[i+1:]
		}
	}
	return p
}
