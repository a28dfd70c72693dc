package archive

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"strings"

	"github.com/richardlehane/mscfb"

	"github.com/mailsift/mailsift/scanner/extract"
)

// OLE returns the extractor for legacy OLE compound files that are not
// Outlook messages: .doc, .xls, .ppt and encrypted OOXML. mailsift cannot
// read their text, so each is reported as a problem (wrapping
// extract.ErrUnsupported, or extract.ErrEncrypted when password-protected)
// and counted as unreadable instead of being dropped silently.
func OLE() extract.Extractor { return oleExtractor{} }

type oleExtractor struct{}

var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func (oleExtractor) Name() string { return "ole" }

func (oleExtractor) Match(f *extract.File) bool {
	if bytes.HasPrefix(f.Data, cfbMagic) {
		return !isMSG(f.Data)
	}
	name := strings.ToLower(f.Name)
	for _, ext := range []string{".doc", ".xls", ".ppt", ".dot", ".xlt", ".pot", ".pps"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	switch f.ContentType {
	case "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint":
		return true
	}
	return false
}

func (oleExtractor) Extract(ctx context.Context, f *extract.File, env *extract.Env, out extract.Sink) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("ole %s: %v: %w", f.Name, r, errPanic)
		}
	}()
	lim := env.Limits.WithDefaults()
	t, err := openCFB(f.Data)
	if err != nil {
		return fmt.Errorf("ole %s: %w: %w", f.Name, err, extract.ErrCorrupt)
	}
	kind, encrypted := t.kind(lim)
	if encrypted {
		out.Problem(f.Location, fmt.Errorf("ole %s: %w", kind, extract.ErrEncrypted))
		return nil
	}
	out.Problem(f.Location, fmt.Errorf("ole %s: %w", kind, extract.ErrUnsupported))
	return nil
}

// kind names the format of a compound file and says whether it is
// password-protected.
func (t *cfbTree) kind(lim extract.Limits) (string, bool) {
	has := func(name string) *mscfb.File { return t.child("", name) }
	switch {
	case has("EncryptionInfo") != nil && has("EncryptedPackage") != nil:
		return "encrypted ooxml", true
	case has("WordDocument") != nil:
		// FIB: fEncrypted is bit 8 of the flags at offset 0x0A.
		b, _ := t.read(has("WordDocument"), 12, lim)
		return "doc", len(b) >= 12 && binary.LittleEndian.Uint16(b[10:])&0x0100 != 0
	case has("Workbook") != nil || has("Book") != nil:
		w := has("Workbook")
		if w == nil {
			w = has("Book")
		}
		b, _ := t.read(w, 4096, lim)
		return "xls", xlsFilePass(b)
	case has("PowerPoint Document") != nil:
		return "ppt", has("EncryptedSummary") != nil
	case has("VisioDocument") != nil:
		return "vsd", false
	case has("__properties_version1.0") != nil:
		return "msg", false
	}
	return "compound file", false
}

// xlsFilePass reports whether the BIFF globals carry a FILEPASS record
// (0x002F), which marks an encrypted workbook; it comes right after BOF.
func xlsFilePass(b []byte) bool {
	for i := 0; i+4 <= len(b) && i < 4096; {
		typ := binary.LittleEndian.Uint16(b[i:])
		n := int(binary.LittleEndian.Uint16(b[i+2:]))
		if typ == 0x002F {
			return true
		}
		if typ == 0x000A { // EOF of the globals
			return false
		}
		i += 4 + n
	}
	return false
}

// cfbTree is a parsed compound file with its entries by storage.
type cfbTree struct {
	data     []byte
	children map[string][]*mscfb.File // storage path ("" for the root) → entries
}

// openCFB parses a compound file with mscfb, recovering from its panics.
func openCFB(data []byte) (t *cfbTree, err error) {
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, fmt.Errorf("compound file: %v: %w", r, errPanic)
		}
	}()
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("compound file: %w", err)
	}
	t = &cfbTree{data: data, children: map[string][]*mscfb.File{}}
	for i, f := range r.File {
		if i == 0 { // the root entry
			continue
		}
		key := strings.Join(f.Path, "/")
		t.children[key] = append(t.children[key], f)
	}
	return t, nil
}

func (t *cfbTree) child(storage, name string) *mscfb.File {
	for _, f := range t.children[storage] {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// read returns up to limit bytes of a stream. Streams cannot be larger than
// the file (nothing is compressed); a larger declared size is damage.
func (t *cfbTree) read(f *mscfb.File, limit int64, lim extract.Limits) (b []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, fmt.Errorf("stream %s: %v: %w", f.Name, r, errPanic)
		}
	}()
	n := min(f.Size, limit, int64(len(t.data)), lim.MaxFileBytes)
	if n <= 0 {
		return nil, nil
	}
	b = make([]byte, n)
	k, err := f.ReadAt(b, 0)
	if err != nil && err != io.EOF && k < len(b) {
		return b[:k], fmt.Errorf("stream %s: %w", f.Name, err)
	}
	if f.Size > n && n == int64(len(t.data)) {
		return b[:k], fmt.Errorf("stream %s declares %d bytes in a %d-byte file", f.Name, f.Size, len(t.data))
	}
	return b[:k], nil
}

// isMSG reports whether a compound file is an Outlook message: its root
// holds __properties_version1.0 and __substg1.0_ streams.
func isMSG(data []byte) bool {
	t, err := openCFB(data)
	if err != nil {
		return false
	}
	return t.child("", "__properties_version1.0") != nil || t.hasPrefix("", "__substg1.0_")
}

func (t *cfbTree) hasPrefix(storage, prefix string) bool {
	for _, f := range t.children[storage] {
		if strings.HasPrefix(f.Name, prefix) {
			return true
		}
	}
	return false
}
