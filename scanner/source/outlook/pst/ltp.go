package pst

import (
	"fmt"
	"sort"

	"github.com/mailsift/mailsift/scanner/source/outlook"
)

// heap is a heap-on-node (MS-PST 2.3.1): the node's data blocks, each a
// page of allocations addressed by HID.
type heap struct {
	f      *File
	blocks [][]byte
	client byte   // bClientSig: 0xBC property context, 0x7C table context
	root   uint32 // hidUserRoot
	subs   map[uint32]subnode
	limit  int64
}

func (f *File) heap(bid uint64, subs map[uint32]subnode, limit int64) (*heap, error) {
	blocks, err := f.dataBlocks(bid, limit)
	if err != nil {
		return nil, err
	}
	if len(blocks) == 0 || len(blocks[0]) < 12 || blocks[0][2] != 0xEC {
		return nil, fmt.Errorf("pst: node data is not a heap: %w", ErrCorrupt)
	}
	return &heap{f: f, blocks: blocks, client: blocks[0][3], root: le32(blocks[0][4:]), subs: subs, limit: limit}, nil
}

// get returns the allocation hid points to.
func (h *heap) get(hid uint32) ([]byte, error) {
	if hid&0x1F != 0 {
		return nil, fmt.Errorf("pst: HID 0x%x is not a heap ID: %w", hid, ErrCorrupt)
	}
	idx, bi := int(hid>>5&0x7FF), int(hid>>16)
	if idx == 0 || bi >= len(h.blocks) {
		return nil, fmt.Errorf("pst: HID 0x%x out of range: %w", hid, ErrCorrupt)
	}
	b := h.blocks[bi]
	if len(b) < 2 {
		return nil, fmt.Errorf("pst: heap page %d empty: %w", bi, ErrCorrupt)
	}
	pm := int(le16(b))
	if pm+4 > len(b) {
		return nil, fmt.Errorf("pst: heap page map at %d: %w", pm, ErrCorrupt)
	}
	n := int(le16(b[pm:]))
	if idx > n || pm+4+2*(idx+1) > len(b) {
		return nil, fmt.Errorf("pst: HID 0x%x: %d allocations: %w", hid, n, ErrCorrupt)
	}
	start, end := int(le16(b[pm+4+2*(idx-1):])), int(le16(b[pm+4+2*idx:]))
	if start > end || end > len(b) {
		return nil, fmt.Errorf("pst: HID 0x%x: allocation %d-%d: %w", hid, start, end, ErrCorrupt)
	}
	return b[start:end], nil
}

// value resolves an HNID: a heap allocation, or a subnode's data.
func (h *heap) value(hnid uint32) ([]byte, error) {
	if hnid == 0 {
		return nil, nil
	}
	if hnid&0x1F == 0 {
		return h.get(hnid)
	}
	s, ok := h.subs[hnid]
	if !ok {
		return nil, fmt.Errorf("pst: subnode 0x%x missing: %w", hnid, ErrCorrupt)
	}
	blocks, err := h.f.dataBlocks(s.data, h.limit)
	if err != nil {
		return nil, err
	}
	if len(blocks) == 1 {
		return blocks[0], nil
	}
	n := 0
	for _, b := range blocks {
		n += len(b)
	}
	out := make([]byte, 0, n)
	for _, b := range blocks {
		out = append(out, b...)
	}
	return out, nil
}

// bth reads a BTree-on-heap (MS-PST 2.3.2) and returns its records:
// key and data of cbKey + cbEnt bytes each.
func (h *heap) bth(hid uint32) (records [][]byte, keySize int, err error) {
	hdr, err := h.get(hid)
	if err != nil {
		return nil, 0, err
	}
	if len(hdr) < 8 || hdr[0] != 0xB5 {
		return nil, 0, fmt.Errorf("pst: not a BTree-on-heap: %w", ErrCorrupt)
	}
	cbKey, cbEnt, levels, root := int(hdr[1]), int(hdr[2]), int(hdr[3]), le32(hdr[4:])
	if cbKey == 0 {
		return nil, 0, fmt.Errorf("pst: BTree-on-heap with 0-byte keys: %w", ErrCorrupt)
	}
	seen := map[uint32]bool{}
	var walk func(hid uint32, level int) error
	walk = func(hid uint32, level int) error {
		if hid == 0 {
			return nil
		}
		if seen[hid] {
			return fmt.Errorf("pst: BTree-on-heap node 0x%x reached twice: %w", hid, ErrCorrupt)
		}
		seen[hid] = true
		b, err := h.get(hid)
		if err != nil {
			return err
		}
		if level == 0 {
			for i := 0; i+cbKey+cbEnt <= len(b); i += cbKey + cbEnt {
				records = append(records, b[i:i+cbKey+cbEnt])
			}
			return nil
		}
		for i := 0; i+cbKey+4 <= len(b); i += cbKey + 4 {
			if err := walk(le32(b[i+cbKey:]), level-1); err != nil {
				return err
			}
		}
		return nil
	}
	if levels > 8 {
		return nil, 0, fmt.Errorf("pst: BTree-on-heap of %d levels: %w", levels, ErrCorrupt)
	}
	return records, cbKey, walk(root, levels)
}

// decodeValue turns a stored value into an outlook.Value: multi-valued
// variable-size values are a count, offsets and the data (MS-PST
// 2.3.3.4.2); multi-valued fixed-size ones are packed.
func decodeValue(typ uint16, b []byte) outlook.Value {
	base := typ &^ outlook.TypeMV
	if typ&outlook.TypeMV == 0 {
		return outlook.Value{Type: base, Data: b}
	}
	v := outlook.Value{Type: base, MV: true}
	if size := outlook.FixedSize(base); size > 0 {
		for i := 0; i+size <= len(b); i += size {
			v.Multi = append(v.Multi, b[i:i+size])
		}
		return v
	}
	if len(b) < 4 {
		return v
	}
	n := int(le32(b))
	if n < 0 || 4+4*n > len(b) {
		return v
	}
	for i := 0; i < n; i++ {
		start := int(le32(b[4+4*i:]))
		end := len(b)
		if i+1 < n {
			end = int(le32(b[8+4*i:]))
		}
		if start < 4+4*n || start > end || end > len(b) {
			break
		}
		v.Multi = append(v.Multi, b[start:end])
	}
	return v
}

// pc reads a property context (MS-PST 2.3.3). A value that cannot be
// read is left out and reported; the others are kept.
func (h *heap) pc(names *outlook.NameMap) (*outlook.Props, []error) {
	ps := outlook.NewProps(names)
	if h.client != 0xBC {
		return ps, []error{fmt.Errorf("pst: heap of type 0x%02x, want a property context: %w", h.client, ErrCorrupt)}
	}
	recs, keySize, err := h.bth(h.root)
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	if keySize != 2 {
		return ps, errs
	}
	for _, r := range recs {
		if len(r) < 8 {
			continue
		}
		id, typ, hnid := le16(r), le16(r[2:]), le32(r[4:])
		size := outlook.FixedSize(typ)
		if typ&outlook.TypeMV == 0 && size > 0 && size <= 4 {
			ps.Set(id, outlook.Value{Type: typ, Data: r[4:8]})
			continue
		}
		if size < 0 && typ&outlook.TypeMV == 0 {
			continue // unknown type
		}
		b, err := h.value(hnid)
		if err != nil {
			errs = append(errs, fmt.Errorf("property 0x%04x: %w", id, err))
			continue
		}
		ps.Set(id, decodeValue(typ, b))
	}
	return ps, errs
}

// rows reads a table context (MS-PST 2.3.4): one property set per row.
func (h *heap) rows(names *outlook.NameMap) ([]*outlook.Props, error) {
	if h.client != 0x7C {
		return nil, fmt.Errorf("pst: heap of type 0x%02x, want a table context: %w", h.client, ErrCorrupt)
	}
	info, err := h.get(h.root)
	if err != nil {
		return nil, err
	}
	if len(info) < 22 || info[0] != 0x7C {
		return nil, fmt.Errorf("pst: table header: %w", ErrCorrupt)
	}
	ncols := int(info[1])
	cebStart, rowSize := int(le16(info[6:])), int(le16(info[8:]))
	hidRowIndex, hnidRows := le32(info[10:]), le32(info[14:])
	if 22+8*ncols > len(info) || rowSize == 0 || cebStart > rowSize {
		return nil, fmt.Errorf("pst: table of %d columns, rows of %d bytes: %w", ncols, rowSize, ErrCorrupt)
	}
	type col struct {
		id, typ uint16
		ib, cb  int
		bit     int
	}
	cols := make([]col, ncols)
	for i := range cols {
		d := info[22+8*i:]
		tag := le32(d)
		cols[i] = col{id: uint16(tag >> 16), typ: uint16(tag), ib: int(le16(d[4:])), cb: int(d[6]), bit: int(d[7])}
	}
	// The row index lists the rows in use.
	var order []int
	if hidRowIndex != 0 {
		recs, _, err := h.bth(hidRowIndex)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			if len(r) >= 6 {
				if len(r) >= 8 {
					order = append(order, int(le32(r[4:])))
				} else {
					order = append(order, int(le16(r[4:])))
				}
			}
		}
		sort.Ints(order)
	}
	if hnidRows == 0 || len(order) == 0 {
		return nil, nil
	}
	// The row matrix: one heap allocation, or a subnode whose blocks each
	// hold a whole number of rows.
	var blocks [][]byte
	if hnidRows&0x1F == 0 {
		b, err := h.get(hnidRows)
		if err != nil {
			return nil, err
		}
		blocks = [][]byte{b}
	} else {
		s, ok := h.subs[hnidRows]
		if !ok {
			return nil, fmt.Errorf("pst: table rows subnode 0x%x missing: %w", hnidRows, ErrCorrupt)
		}
		if blocks, err = h.f.dataBlocks(s.data, h.limit); err != nil {
			return nil, err
		}
	}
	row := func(i int) []byte {
		for _, b := range blocks {
			per := len(b) / rowSize
			if i < per {
				return b[i*rowSize : (i+1)*rowSize]
			}
			i -= per
		}
		return nil
	}
	var out []*outlook.Props
	var firstErr error
	for _, ri := range order {
		r := row(ri)
		if r == nil {
			firstErr = fmt.Errorf("pst: table row %d missing: %w", ri, ErrCorrupt)
			continue
		}
		ps := outlook.NewProps(names)
		for _, c := range cols {
			if cebStart+c.bit/8 >= len(r) || r[cebStart+c.bit/8]&(1<<(7-c.bit%8)) == 0 {
				continue
			}
			if c.ib+c.cb > len(r) {
				continue
			}
			cell := r[c.ib : c.ib+c.cb]
			size := outlook.FixedSize(c.typ)
			if c.typ&outlook.TypeMV == 0 && size > 0 && (size == c.cb || c.typ == outlook.TypeBool) {
				ps.Set(c.id, outlook.Value{Type: c.typ, Data: cell})
				continue
			}
			if c.cb != 4 {
				continue
			}
			b, err := h.value(le32(cell))
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				continue
			}
			ps.Set(c.id, decodeValue(c.typ, b))
		}
		out = append(out, ps)
	}
	return out, firstErr
}
