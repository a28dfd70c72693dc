package source

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/mailsift/mailsift/scanner/source/outlook"
	"github.com/mailsift/mailsift/scanner/source/outlook/pst"
)

// Outlook sources: PST/OST files and .msg files. Their items are MAPI
// property sets, not MIME; outlook.Build turns each into a MIME message
// (deterministically), which is the Message's Data. So:
//   - message_sha256 (CanonicalSHA256) is the canonical hash of that MIME
//     form. For a message that kept its transport headers the form starts
//     with those headers; for the others (sent items, drafts, contacts,
//     appointments) the headers are made from the properties. Either way
//     the same item gives the same hash on every scan, and the same item
//     in two files (a PST export and an OST of one mailbox, or a .msg
//     saved from it) gives the same hash when its properties are the same.
//   - RawSHA256 is the hash of the whole .msg file as acquired; a PST
//     item has no byte range of its own, so there it is the hash of Data.
//   - For a PST item, Offset is its node ID (NID) in the file and Index
//     its ordinal; RawSize is the bytes read from the file for it.

// pstSource is a PST or OST file.
type pstSource struct {
	path string
	opts Options
	size int64
}

func (s *pstSource) Name() string { return s.path }
func (s *pstSource) Size() int64  { return s.size }

func (s *pstSource) Messages(ctx context.Context, yield func(*Message, error) error) error {
	f, err := os.Open(s.path)
	if err != nil {
		return yield(nil, fmt.Errorf("pst: %w", err))
	}
	defer f.Close()
	return readPST(ctx, f, s.path, s.size, s.opts, yield)
}

// readPST yields every item of an open PST/OST file. Damage is yielded as
// errors that name the file (and the item); the items around it are read.
func readPST(ctx context.Context, f *os.File, path string, size int64, opts Options, yield func(*Message, error) error) (err error) {
	fail := func(e error) error { return yield(nil, fmt.Errorf("pst %s: %w", path, e)) }
	defer func() {
		if r := recover(); r != nil {
			err = fail(fmt.Errorf("internal error reading the file: %v", r))
		}
	}()
	pf, err := pst.Open(f, size)
	if err != nil {
		return fail(err)
	}
	st, err := pf.Load(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		return fail(err)
	}
	if st.Password {
		// Counted so that the report says so; the data is not encrypted
		// with the password, so everything is read.
		if err := fail(errors.New("the file has a password (a checksum that Outlook checks; nothing is encrypted with it): read anyway")); err != nil {
			return err
		}
	}
	for _, p := range st.Problems {
		if err := fail(p); err != nil {
			return err
		}
	}
	max := opts.maxMessageBytes()
	index := 0
	return pf.Items(ctx, st, max/2, func(e *pst.Entry, ierr error) error {
		if ierr != nil {
			return fail(ierr)
		}
		index++
		data := outlook.Build(e.Item)
		m := &Message{Kind: "pst", Path: path, Folder: e.Folder, Offset: int64(e.NID), Index: index, RawSize: e.Bytes}
		m.Delivered, _ = e.Item.Props.Time(outlook.PidTagMessageDeliveryTime)
		fillOutlook(m, data, max)
		if err := yield(m, nil); err != nil {
			return err
		}
		for _, p := range e.Item.Problems {
			if err := fail(fmt.Errorf("item %d (node 0x%x) in %q: %w", index, e.NID, e.Folder, p)); err != nil {
				return err
			}
		}
		return nil
	})
}

// fillOutlook sets a message's content and hashes from its MIME form.
func fillOutlook(m *Message, data []byte, max int64) {
	m.Size = int64(len(data))
	m.CanonicalSHA256 = CanonicalHash(data)
	if m.RawSHA256 == ([32]byte{}) {
		m.RawSHA256 = sha256.Sum256(data)
	}
	if m.Size > max {
		data = data[:max]
		m.Truncated = true
	}
	m.Data = data
}

// msgSource is one .msg file given directly.
type msgSource struct {
	path string
	opts Options
	size int64
}

func (s *msgSource) Name() string { return s.path }
func (s *msgSource) Size() int64  { return s.size }

func (s *msgSource) Messages(ctx context.Context, yield func(*Message, error) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f, err := os.Open(s.path)
	if err != nil {
		return yield(nil, fmt.Errorf("msg: %w", err))
	}
	defer f.Close()
	return readMSG(f, s.path, filepath.Base(filepath.Dir(s.path)), s.opts, yield)
}

// readMSG yields the item of an open .msg file; a compound file that is
// not an Outlook item (a .doc) is skipped, not an error.
func readMSG(f *os.File, path, folder string, opts Options, yield func(*Message, error) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = yield(nil, fmt.Errorf("msg %s: internal error reading the file: %v", path, r))
		}
	}()
	fi, err := f.Stat()
	if err != nil {
		return yield(nil, fmt.Errorf("msg: %w", err))
	}
	h := sha256.New()
	n, err := io.Copy(h, io.NewSectionReader(f, 0, fi.Size()))
	if err != nil {
		return yield(nil, fmt.Errorf("msg: read %s: %w", path, err))
	}
	it, err := outlook.ReadMSG(f, fi.Size())
	if errors.Is(err, outlook.ErrNotMSG) {
		return yield(nil, &Skipped{Path: path, Reason: "compound file that is not an Outlook item"})
	}
	if err != nil {
		return yield(nil, fmt.Errorf("msg %s: %w", path, err))
	}
	m := &Message{Kind: "msg", Path: path, Folder: folder, Index: 1, RawSize: n}
	m.Delivered, _ = it.Props.Time(outlook.PidTagMessageDeliveryTime)
	h.Sum(m.RawSHA256[:0])
	fillOutlook(m, outlook.Build(it), opts.maxMessageBytes())
	if err := yield(m, nil); err != nil {
		return err
	}
	for _, p := range it.Problems {
		if err := yield(nil, fmt.Errorf("msg %s: %w", path, p)); err != nil {
			return err
		}
	}
	return nil
}
