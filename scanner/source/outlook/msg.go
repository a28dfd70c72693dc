package outlook

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/richardlehane/mscfb"
)

// CFBMagic starts every compound file, .msg included.
var CFBMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// ErrNotMSG is returned for a compound file that is not an Outlook item.
var ErrNotMSG = errors.New("not an Outlook .msg file")

// ErrCorrupt marks damage in a file; what was read before it is kept.
var ErrCorrupt = errors.New("damaged file")

// ReadMSG reads an Outlook .msg file (MS-OXMSG: a compound file holding
// one item's properties, recipients, attachments and attached messages)
// of size bytes. An error with a non-nil item means the item was read
// in part.
func ReadMSG(ra io.ReaderAt, size int64) (it *Item, err error) {
	defer func() {
		if r := recover(); r != nil { // mscfb panics on some damage
			it, err = nil, fmt.Errorf("msg: compound file: %v: %w", r, ErrCorrupt)
		}
	}()
	r, err := mscfb.New(ra)
	if err != nil {
		return nil, fmt.Errorf("msg: compound file: %w: %w", err, ErrCorrupt)
	}
	t := &cfb{size: size, children: map[string][]*mscfb.File{}}
	for i, f := range r.File {
		if i == 0 { // the root entry
			continue
		}
		key := strings.Join(f.Path, "/")
		t.children[key] = append(t.children[key], f)
	}
	if t.child("", "__properties_version1.0") == nil && !t.hasSubstg("") {
		return nil, fmt.Errorf("msg: %w", ErrNotMSG)
	}
	if ns := t.child("", "__nameid_version1.0"); ns != nil {
		k := "__nameid_version1.0"
		t.names = ParseNameMap(t.stream(k, "__substg1.0_00020102"), t.stream(k, "__substg1.0_00030102"), t.stream(k, "__substg1.0_00040102"))
	}
	it = t.item("", 32, 0)
	if len(t.errs) > 0 {
		it.Problems = append(it.Problems, t.errs...)
	}
	return it, nil
}

// cfb is a compound file's entries by storage path ("" for the root).
type cfb struct {
	size     int64
	children map[string][]*mscfb.File
	names    *NameMap
	errs     []error
}

func (t *cfb) child(storage, name string) *mscfb.File {
	for _, f := range t.children[storage] {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func (t *cfb) hasSubstg(storage string) bool {
	for _, f := range t.children[storage] {
		if strings.HasPrefix(f.Name, "__substg1.0_") {
			return true
		}
	}
	return false
}

func join(storage, name string) string {
	if storage == "" {
		return name
	}
	return storage + "/" + name
}

// stream reads a whole stream. A stream cannot be larger than the file
// (nothing is compressed), so a larger declared size is damage.
func (t *cfb) stream(storage, name string) []byte {
	f := t.child(storage, name)
	if f == nil || f.FileInfo().IsDir() {
		return nil
	}
	return t.read(f)
}

func (t *cfb) read(f *mscfb.File) []byte {
	n := f.Size
	if n > t.size {
		t.errs = append(t.errs, fmt.Errorf("msg: stream %s declares %d bytes in a %d-byte file: %w", f.Name, f.Size, t.size, ErrCorrupt))
		n = t.size
	}
	if n <= 0 {
		return nil
	}
	b := make([]byte, n)
	k, err := f.ReadAt(b, 0)
	if err != nil && err != io.EOF && k < len(b) {
		t.errs = append(t.errs, fmt.Errorf("msg: stream %s: %w: %w", f.Name, err, ErrCorrupt))
	}
	return b[:k]
}

// storages lists the sub-storages of key whose names start with prefix,
// in name order (the recipient or attachment order).
func (t *cfb) storages(key, prefix string) []string {
	var out []string
	for _, f := range t.children[key] {
		if strings.HasPrefix(f.Name, prefix) && f.FileInfo().IsDir() {
			out = append(out, join(key, f.Name))
		}
	}
	sort.Strings(out)
	return out
}

// item reads the message in storage key; hdr is the size of the header
// of its property stream (32 at the top, 24 for an attached message).
func (t *cfb) item(key string, hdr, depth int) *Item {
	it := &Item{Props: t.props(key, hdr)}
	for _, r := range t.storages(key, "__recip_version1.0_#") {
		rp := t.props(r, 8)
		rp.Codepage = it.Props.CodePage()
		it.Recipients = append(it.Recipients, rp)
	}
	for _, a := range t.storages(key, "__attach_version1.0_#") {
		ap := t.props(a, 8)
		ap.Codepage = it.Props.CodePage()
		att := &Attachment{Props: ap}
		method, _ := ap.Int(PidTagAttachMethod)
		obj := t.child(a, "__substg1.0_3701000D")
		switch {
		case obj != nil && obj.FileInfo().IsDir() && t.child(join(a, obj.Name), "__properties_version1.0") != nil && method != attachOLE:
			if depth+1 >= maxDepth {
				it.Problems = append(it.Problems, fmt.Errorf("msg: attached messages nested deeper than %d levels", maxDepth))
				continue
			}
			att.Embedded = t.item(join(a, obj.Name), 24, depth+1)
			it.Problems = append(it.Problems, att.Embedded.Problems...)
		case obj != nil:
			// An OLE object (embedded document, picture) is a storage;
			// rebuilding a standalone compound file from it is not done.
			it.Problems = append(it.Problems, fmt.Errorf("msg: attachment %q: embedded OLE object not read", attachmentName(ap, len(it.Attachments))))
			continue
		default:
			att.Data = ap.Binary(PidTagAttachDataBinary)
		}
		it.Attachments = append(it.Attachments, att)
	}
	return it
}

// props reads the properties of a storage: variable-size ones from
// __substg1.0_IIIITTTT streams (multi-valued ones also from their
// -NNNNNNNN value streams), fixed ones from __properties_version1.0
// (hdr bytes of header, then 16-byte entries).
func (t *cfb) props(key string, hdr int) *Props {
	ps := NewProps(t.names)
	if b := t.stream(key, "__properties_version1.0"); len(b) > hdr {
		for i := hdr; i+16 <= len(b); i += 16 {
			tag := binary.LittleEndian.Uint32(b[i:])
			typ, id := uint16(tag), uint16(tag>>16)
			size := FixedSize(typ)
			if size <= 0 {
				continue
			}
			v := b[i+8 : i+16]
			if typ&TypeMV != 0 {
				continue // stored in a stream, read below
			}
			if size > 8 { // a GUID is in a stream
				continue
			}
			ps.Set(id, Value{Type: typ, Data: v[:size]})
		}
	}
	multi := map[uint32][][]byte{}
	for _, f := range t.children[key] {
		name := f.Name
		if !strings.HasPrefix(name, "__substg1.0_") || f.FileInfo().IsDir() {
			continue
		}
		rest := name[len("__substg1.0_"):]
		if len(rest) != 8 && !(len(rest) == 17 && rest[8] == '-') {
			continue
		}
		tag64, err := strconv.ParseUint(rest[:8], 16, 32)
		if err != nil {
			continue
		}
		tag := uint32(tag64)
		typ, id := uint16(tag), uint16(tag>>16)
		if len(rest) == 17 { // one value of a variable-size multi-valued property
			idx, err := strconv.ParseUint(rest[9:], 16, 32)
			if err != nil || idx > 1<<16 {
				continue
			}
			vals := multi[tag]
			for len(vals) <= int(idx) {
				vals = append(vals, nil)
			}
			vals[idx] = t.read(f)
			multi[tag] = vals
			continue
		}
		if typ&TypeMV != 0 {
			if size := FixedSize(typ); size > 0 {
				b := t.read(f)
				var vals [][]byte
				for i := 0; i+size <= len(b); i += size {
					vals = append(vals, b[i:i+size])
				}
				ps.Set(id, Value{Type: typ &^ TypeMV, MV: true, Multi: vals})
			}
			continue // variable size: the lengths stream; the values are read above
		}
		switch typ {
		case TypeString8, TypeUnicode, TypeBinary, TypeGUID:
			ps.Set(id, Value{Type: typ, Data: t.read(f)})
		}
	}
	for tag, vals := range multi {
		ps.Set(uint16(tag>>16), Value{Type: uint16(tag) &^ TypeMV, MV: true, Multi: vals})
	}
	return ps
}

// IsMSG reports whether b (the start of a file) is a compound file. It
// cannot tell a .msg from a .doc by its first bytes; ReadMSG can.
func IsMSG(b []byte) bool { return bytes.HasPrefix(b, CFBMagic) }
