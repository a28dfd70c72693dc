// Package pst reads Outlook personal folder files (.pst) and offline
// folder files (.ost), ANSI (32-bit) and Unicode (64-bit), unencrypted or
// with compressible or high encryption (MS-PST). It reads by ReadAt, a
// page or a block at a time, so memory follows the largest item, not the
// file. Damage is reported per page, node or item and the walk goes on.
//
// Items are found by walking the node B-tree: every normal message node
// (messages, contacts, appointments, tasks, notes, journal entries) is an
// item, whether or not its folder's contents table still lists it, and
// its folder is the node's parent. Folder paths are the display names
// from the top of the IPM subtree ("Top of Personal Folders"), which is
// not part of the path: "Inbox", "Recoverable Items/Deletions".
package pst

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// ErrCorrupt marks damage in the file; what was read before it is kept.
var ErrCorrupt = errors.New("damaged PST")

// ErrNotPST is returned by Open for a file without the PST signature.
var ErrNotPST = errors.New("not a PST/OST file")

// ErrUnsupported is returned by Open for a PST format version it cannot
// read.
var ErrUnsupported = errors.New("unsupported PST format")

// Magic starts every PST/OST file.
var Magic = []byte("!BDN")

// Node types (the low 5 bits of a NID, MS-PST 2.2.2.1).
const (
	nidTypeNormalFolder  = 0x02
	nidTypeSearchFolder  = 0x03
	nidTypeNormalMessage = 0x04
	nidTypeAttachment    = 0x05
	nidMessageStore      = 0x21
	nidNameToIDMap       = 0x61
	nidRootFolder        = 0x122
	nidRecipientTable    = 0x692
)

// File is an open PST or OST file.
type File struct {
	r       io.ReaderAt
	size    int64
	unicode bool
	crypt   byte
	nbt     bref
	bbt     bref
	pages   map[int64][]byte // a small cache of B-tree pages
	read    int64            // bytes read from the file so far
}

type bref struct {
	bid uint64
	ib  int64
}

const (
	pageSize     = 512
	maxPageCache = 1024
	maxBlock     = 8192
)

// Open reads the header of a PST/OST file of size bytes.
func Open(r io.ReaderAt, size int64) (*File, error) {
	h := make([]byte, 564)
	n, err := r.ReadAt(h, 0)
	if n < 4 || string(h[:4]) != string(Magic) {
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("pst: read header: %w", err)
		}
		return nil, ErrNotPST
	}
	if n < 512 {
		return nil, fmt.Errorf("pst: header of %d bytes: %w", n, ErrCorrupt)
	}
	f := &File{r: r, size: size, pages: map[int64][]byte{}}
	ver := binary.LittleEndian.Uint16(h[10:])
	switch {
	case ver == 14 || ver == 15:
		f.nbt = bref{uint64(le32(h[184:])), int64(le32(h[188:]))}
		f.bbt = bref{uint64(le32(h[192:])), int64(le32(h[196:]))}
		f.crypt = h[461]
	case ver >= 23 && ver < 36:
		f.unicode = true
		f.nbt = bref{le64(h[216:]), int64(le64(h[224:]))}
		f.bbt = bref{le64(h[232:]), int64(le64(h[240:]))}
		f.crypt = h[513]
	case ver >= 36:
		// Outlook 2013+ OSTs: 4 KiB pages and compressed blocks.
		return nil, fmt.Errorf("pst: format version %d (Outlook 2013+ OST with 4 KiB pages): %w", ver, ErrUnsupported)
	default:
		return nil, fmt.Errorf("pst: format version %d: %w", ver, ErrUnsupported)
	}
	if f.crypt > cryptCyclic {
		return nil, fmt.Errorf("pst: encryption method %d: %w", f.crypt, ErrUnsupported)
	}
	return f, nil
}

// Unicode reports whether the file is a Unicode (64-bit) PST.
func (f *File) Unicode() bool { return f.unicode }

// BytesRead is the number of bytes read from the file so far.
func (f *File) BytesRead() int64 { return f.read }

func le16(b []byte) uint16 { return binary.LittleEndian.Uint16(b) }
func le32(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }
func le64(b []byte) uint64 { return binary.LittleEndian.Uint64(b) }

// readAt reads exactly len(b) bytes at off.
func (f *File) readAt(b []byte, off int64) error {
	if off < 0 || off+int64(len(b)) > f.size {
		return fmt.Errorf("pst: %d bytes at offset %d beyond the end of the %d-byte file: %w", len(b), off, f.size, ErrCorrupt)
	}
	n, err := f.r.ReadAt(b, off)
	f.read += int64(n)
	if n < len(b) {
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return fmt.Errorf("pst: read at %d: %w", off, err)
	}
	return nil
}

// page reads a B-tree page and checks its trailer: type (0x80 BBT, 0x81
// NBT, repeated) and BID.
func (f *File) page(ref bref, ptype byte) ([]byte, error) {
	if p, ok := f.pages[ref.ib]; ok {
		return p, nil
	}
	p := make([]byte, pageSize)
	if err := f.readAt(p, ref.ib); err != nil {
		return nil, err
	}
	var t []byte
	var bid uint64
	if f.unicode {
		t = p[496:]
		bid = le64(t[8:])
	} else {
		t = p[500:]
		bid = uint64(le32(t[4:]))
	}
	if t[0] != ptype || t[1] != ptype {
		return nil, fmt.Errorf("pst: page at %d: type 0x%02x, want 0x%02x: %w", ref.ib, t[0], ptype, ErrCorrupt)
	}
	if bid != ref.bid {
		return nil, fmt.Errorf("pst: page at %d: BID %d, want %d: %w", ref.ib, bid, ref.bid, ErrCorrupt)
	}
	if len(f.pages) >= maxPageCache {
		clear(f.pages)
	}
	f.pages[ref.ib] = p
	return p, nil
}

// btPage is the entry area of a B-tree page.
type btPage struct {
	entries []byte
	n, size int
	level   int
}

func (f *File) btPage(ref bref, ptype byte) (btPage, error) {
	p, err := f.page(ref, ptype)
	if err != nil {
		return btPage{}, err
	}
	var bp btPage
	if f.unicode {
		bp = btPage{entries: p[:488], n: int(p[488]), size: int(p[490]), level: int(p[491])}
	} else {
		bp = btPage{entries: p[:496], n: int(p[496]), size: int(p[498]), level: int(p[499])}
	}
	if bp.size == 0 || bp.n*bp.size > len(bp.entries) {
		return btPage{}, fmt.Errorf("pst: page at %d: %d entries of %d bytes: %w", ref.ib, bp.n, bp.size, ErrCorrupt)
	}
	return bp, nil
}

func (bp btPage) entry(i int) []byte { return bp.entries[i*bp.size : (i+1)*bp.size] }

// key and child of an intermediate entry (BTENTRY).
func (f *File) btEntry(e []byte) (uint64, bref) {
	if f.unicode {
		return le64(e), bref{le64(e[8:]), int64(le64(e[16:]))}
	}
	return uint64(le32(e)), bref{uint64(le32(e[4:])), int64(le32(e[8:]))}
}

// maxLevels bounds a B-tree's depth: a damaged page could point back up.
const maxLevels = 16

// lookupBlock finds a block in the block B-tree: its offset and size.
func (f *File) lookupBlock(bid uint64) (int64, int, error) {
	bid &^= 1 // bit 0 is reserved
	ref := f.bbt
	for depth := 0; depth < maxLevels; depth++ {
		bp, err := f.btPage(ref, 0x80)
		if err != nil {
			return 0, 0, err
		}
		if bp.level == 0 {
			for i := 0; i < bp.n; i++ {
				e := bp.entry(i)
				var b bref
				var cb int
				if f.unicode {
					b, cb = bref{le64(e), int64(le64(e[8:]))}, int(le16(e[16:]))
				} else {
					b, cb = bref{uint64(le32(e)), int64(le32(e[4:]))}, int(le16(e[8:]))
				}
				if b.bid&^1 == bid {
					return b.ib, cb, nil
				}
			}
			return 0, 0, fmt.Errorf("pst: block %d not in the block B-tree: %w", bid, ErrCorrupt)
		}
		found := false
		for i := bp.n - 1; i >= 0; i-- {
			key, child := f.btEntry(bp.entry(i))
			if key&^1 <= bid {
				ref, found = child, true
				break
			}
		}
		if !found {
			return 0, 0, fmt.Errorf("pst: block %d not in the block B-tree: %w", bid, ErrCorrupt)
		}
	}
	return 0, 0, fmt.Errorf("pst: block B-tree deeper than %d levels: %w", maxLevels, ErrCorrupt)
}

// block reads one block's payload, decrypted when it is an external
// (data) block.
func (f *File) block(bid uint64) ([]byte, error) {
	ib, cb, err := f.lookupBlock(bid)
	if err != nil {
		return nil, err
	}
	if cb > maxBlock {
		return nil, fmt.Errorf("pst: block %d of %d bytes: %w", bid, cb, ErrCorrupt)
	}
	b := make([]byte, cb)
	if err := f.readAt(b, ib); err != nil {
		return nil, err
	}
	if bid&2 == 0 { // external
		decrypt(b, f.crypt, bid)
	}
	return b, nil
}

// Node is one entry of the node B-tree.
type Node struct {
	NID    uint32
	Data   uint64 // BID of the node's data
	Sub    uint64 // BID of its subnode tree, 0 if none
	Parent uint32 // NID of the parent folder, for folders and messages
}

// Type is the node's type (the low 5 bits of its NID).
func (n Node) Type() int { return int(n.NID & 0x1F) }

// Nodes calls fn for every node of the node B-tree in NID order. A
// damaged page is passed to fn as an error and its subtree skipped; if
// fn returns an error the walk stops with it.
func (f *File) Nodes(fn func(Node, error) error) error {
	return f.nodes(f.nbt, 0, map[int64]bool{}, fn)
}

// nodes walks the subtree at ref; seen holds the pages visited, so that a
// damaged page pointing back at its ancestors cannot make the walk loop.
func (f *File) nodes(ref bref, depth int, seen map[int64]bool, fn func(Node, error) error) error {
	if seen[ref.ib] {
		return fn(Node{}, fmt.Errorf("pst: node B-tree page at %d reached twice: %w", ref.ib, ErrCorrupt))
	}
	seen[ref.ib] = true
	if depth >= maxLevels {
		return fn(Node{}, fmt.Errorf("pst: node B-tree deeper than %d levels: %w", maxLevels, ErrCorrupt))
	}
	bp, err := f.btPage(ref, 0x81)
	if err != nil {
		return fn(Node{}, err)
	}
	for i := 0; i < bp.n; i++ {
		e := bp.entry(i)
		if bp.level > 0 {
			_, child := f.btEntry(e)
			if err := f.nodes(child, depth+1, seen, fn); err != nil {
				return err
			}
			continue
		}
		var n Node
		if f.unicode {
			if len(e) < 32 {
				return fn(Node{}, fmt.Errorf("pst: node entry of %d bytes: %w", len(e), ErrCorrupt))
			}
			n = Node{NID: uint32(le64(e)), Data: le64(e[8:]), Sub: le64(e[16:]), Parent: le32(e[24:])}
		} else {
			if len(e) < 16 {
				return fn(Node{}, fmt.Errorf("pst: node entry of %d bytes: %w", len(e), ErrCorrupt))
			}
			n = Node{NID: le32(e), Data: uint64(le32(e[4:])), Sub: uint64(le32(e[8:])), Parent: le32(e[12:])}
		}
		if err := fn(n, nil); err != nil {
			return err
		}
	}
	return nil
}

// findNode looks a node up in the node B-tree.
func (f *File) findNode(nid uint32) (Node, error) {
	var found Node
	ok := false
	ref := f.nbt
	for depth := 0; depth < maxLevels; depth++ {
		bp, err := f.btPage(ref, 0x81)
		if err != nil {
			return Node{}, err
		}
		if bp.level == 0 {
			err := f.nodes(ref, depth, map[int64]bool{}, func(n Node, err error) error {
				if err == nil && n.NID == nid {
					found, ok = n, true
				}
				return nil
			})
			if err != nil || !ok {
				return Node{}, fmt.Errorf("pst: node 0x%x not found: %w", nid, ErrCorrupt)
			}
			return found, nil
		}
		next := false
		for i := bp.n - 1; i >= 0; i-- {
			key, child := f.btEntry(bp.entry(i))
			if uint32(key) <= nid {
				ref, next = child, true
				break
			}
		}
		if !next {
			break
		}
	}
	return Node{}, fmt.Errorf("pst: node 0x%x not found: %w", nid, ErrCorrupt)
}

// maxDataBlocks bounds the blocks of one node's data (an XXBLOCK can
// name about 1,000 XBLOCKs of 1,000 blocks each: 8 GB).
const maxDataBlocks = 1 << 20

// dataBlocks returns the data blocks of a node: one block, or the
// blocks an XBLOCK or XXBLOCK lists. limit bounds the total bytes.
func (f *File) dataBlocks(bid uint64, limit int64) ([][]byte, error) {
	var out [][]byte
	var total int64
	visits := 0
	seen := map[uint64]bool{} // internal blocks: one listed twice would repeat its whole subtree
	var walk func(bid uint64, level int) error
	walk = func(bid uint64, level int) error {
		if visits++; visits > maxDataBlocks {
			return fmt.Errorf("pst: node data of more than %d blocks: %w", maxDataBlocks, ErrCorrupt)
		}
		if bid&2 != 0 {
			if seen[bid] {
				return fmt.Errorf("pst: block %d listed twice in a data tree: %w", bid, ErrCorrupt)
			}
			seen[bid] = true
		}
		b, err := f.block(bid)
		if err != nil {
			return err
		}
		if bid&2 == 0 { // external: data
			total += int64(len(b))
			if total > limit {
				return fmt.Errorf("pst: node data larger than %d bytes: %w", limit, errTooBig)
			}
			out = append(out, b)
			return nil
		}
		if len(b) < 8 || b[0] != 0x01 || level > 2 {
			return fmt.Errorf("pst: block %d: not a data tree block: %w", bid, ErrCorrupt)
		}
		lvl := int(b[1])
		n := int(le16(b[2:]))
		w := 4
		if f.unicode {
			w = 8
		}
		if 8+n*w > len(b) || len(out)+n > maxDataBlocks {
			return fmt.Errorf("pst: block %d: %d entries: %w", bid, n, ErrCorrupt)
		}
		for i := 0; i < n; i++ {
			var child uint64
			if f.unicode {
				child = le64(b[8+i*8:])
			} else {
				child = uint64(le32(b[8+i*4:]))
			}
			if lvl == 2 && child&2 == 0 {
				return fmt.Errorf("pst: XXBLOCK %d names a data block: %w", bid, ErrCorrupt)
			}
			if err := walk(child, level+1); err != nil {
				return err
			}
		}
		return nil
	}
	err := walk(bid, 0)
	return out, err
}

// errTooBig marks a node whose data is over the item size limit.
var errTooBig = errors.New("too large")

// subnode is an entry of a node's subnode tree.
type subnode struct {
	data, sub uint64
}

// subnodes reads a subnode tree (SLBLOCK / SIBLOCK).
func (f *File) subnodes(bid uint64) (map[uint32]subnode, error) {
	out := map[uint32]subnode{}
	if bid == 0 {
		return out, nil
	}
	seen := map[uint64]bool{}
	var walk func(bid uint64, depth int) error
	walk = func(bid uint64, depth int) error {
		if seen[bid] {
			return fmt.Errorf("pst: subnode block %d reached twice: %w", bid, ErrCorrupt)
		}
		seen[bid] = true
		if depth > 4 {
			return fmt.Errorf("pst: subnode tree too deep: %w", ErrCorrupt)
		}
		b, err := f.block(bid)
		if err != nil {
			return err
		}
		if len(b) < 4 || b[0] != 0x02 {
			return fmt.Errorf("pst: block %d: not a subnode block: %w", bid, ErrCorrupt)
		}
		level, n := b[1], int(le16(b[2:]))
		hdr, esize := 4, 12
		if f.unicode {
			hdr, esize = 8, 24
		}
		if level > 0 {
			esize /= 3
			esize *= 2
		}
		if hdr+n*esize > len(b) {
			return fmt.Errorf("pst: block %d: %d subnode entries: %w", bid, n, ErrCorrupt)
		}
		for i := 0; i < n; i++ {
			e := b[hdr+i*esize:]
			if f.unicode {
				if level > 0 {
					if err := walk(le64(e[8:]), depth+1); err != nil {
						return err
					}
					continue
				}
				out[uint32(le64(e))] = subnode{le64(e[8:]), le64(e[16:])}
				continue
			}
			if level > 0 {
				if err := walk(uint64(le32(e[4:])), depth+1); err != nil {
					return err
				}
				continue
			}
			out[le32(e)] = subnode{uint64(le32(e[4:])), uint64(le32(e[8:]))}
		}
		return nil
	}
	return out, walk(bid, 0)
}
