package pst

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/mailsift/mailsift/scanner/source/outlook"
)

// Store is what Load learns about the file as a whole.
type Store struct {
	// Password is true when the store has a password. A PST password is a
	// CRC-32 kept in the store (PidTagPstPassword) and checked by Outlook
	// only; the data is not encrypted with it, so the file is read anyway.
	Password bool
	Folders  int     // folders found
	Problems []error // damage met while loading (the walk goes on)
	names    *outlook.NameMap
	folders  map[uint32]*folder
	ipm      uint32 // NID of the IPM subtree ("Top of Personal Folders")
}

type folder struct {
	name   string
	parent uint32
	path   string
}

// Load reads the name-to-ID map, the message store and the folders.
// Damage in any of them is recorded in Store.Problems, not returned: a
// file whose folders cannot be named still has items.
func (f *File) Load(ctx context.Context) (*Store, error) {
	s := &Store{folders: map[uint32]*folder{}}
	problem := func(what string, err error) {
		s.Problems = append(s.Problems, fmt.Errorf("pst: %s: %w", what, err))
	}
	if n, err := f.findNode(nidNameToIDMap); err != nil {
		problem("named property map", err)
	} else if ps, err := f.props(n.Data, n.Sub, nil, 64<<20); err != nil {
		problem("named property map", err)
	} else {
		s.names = outlook.ParseNameMap(ps.Binary(0x0002), ps.Binary(0x0003), ps.Binary(0x0004))
	}
	if n, err := f.findNode(nidMessageStore); err != nil {
		problem("message store", err)
	} else if ps, err := f.props(n.Data, n.Sub, s.names, 1<<20); err != nil {
		problem("message store", err)
	} else {
		if pw, ok := ps.Int(outlook.PidTagPstPassword); ok && pw != 0 {
			s.Password = true
		}
		if e := ps.Binary(outlook.PidTagIpmSubtreeEntryID); len(e) >= 24 {
			s.ipm = le32(e[20:])
		}
	}
	err := f.Nodes(func(n Node, err error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err != nil {
			problem("folder list", err)
			return nil
		}
		if t := n.Type(); t != nidTypeNormalFolder && t != nidTypeSearchFolder {
			return nil
		}
		fo := &folder{parent: n.Parent}
		if ps, err := f.props(n.Data, n.Sub, s.names, 1<<20); err != nil {
			problem(fmt.Sprintf("folder 0x%x", n.NID), err)
		} else {
			fo.name = strings.TrimSpace(ps.String(outlook.PidTagDisplayName))
		}
		if fo.name == "" && n.NID != nidRootFolder {
			fo.name = fmt.Sprintf("folder-0x%x", n.NID)
		}
		s.folders[n.NID] = fo
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.Folders = len(s.folders)
	return s, nil
}

// Path returns the path of a folder: its display name and those of its
// parents below the root, without the IPM subtree's own name.
func (s *Store) Path(nid uint32) string {
	fo, ok := s.folders[nid]
	if !ok {
		return fmt.Sprintf("(folder 0x%x not found)", nid)
	}
	if fo.path != "" {
		return fo.path
	}
	var names []string
	for cur, depth := nid, 0; depth < 64; depth++ {
		c, ok := s.folders[cur]
		if !ok || cur == nidRootFolder || c.parent == cur {
			break
		}
		if cur != s.ipm {
			names = append(names, c.name)
		}
		cur = c.parent
	}
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	fo.path = strings.Join(names, "/")
	if fo.path == "" {
		fo.path = fo.name
	}
	return fo.path
}

// IPMSubtreeName is the display name of the IPM subtree folder ("Top
// of Personal Folders"), which folder paths leave out; "" if unknown.
func (s *Store) IPMSubtreeName() string {
	if fo, ok := s.folders[s.ipm]; ok {
		return fo.name
	}
	return ""
}

// props reads the property context of a node.
func (f *File) props(data, sub uint64, names *outlook.NameMap, limit int64) (*outlook.Props, error) {
	subs, err := f.subnodes(sub)
	if err != nil {
		return nil, err
	}
	h, err := f.heap(data, subs, limit)
	if err != nil {
		return nil, err
	}
	ps, errs := h.pc(names)
	if len(errs) > 0 && ps.Len() == 0 {
		return nil, errs[0]
	}
	return ps, nil
}

// Entry is one item found by Items.
type Entry struct {
	NID    uint32
	Folder string
	Item   *outlook.Item
	Bytes  int64 // bytes read from the file for this item
}

// Items calls fn for every item (normal message node) in NID order. An
// item that cannot be read at all is passed as an error naming its NID
// and folder, and the walk goes on; parts of an item that cannot be read
// are in its Problems. limit bounds the bytes read for one item; the
// attachments past it are left out and reported.
func (f *File) Items(ctx context.Context, s *Store, limit int64, fn func(*Entry, error) error) error {
	return f.Nodes(func(n Node, err error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err != nil {
			return fn(nil, err)
		}
		if n.Type() != nidTypeNormalMessage {
			return nil
		}
		start := f.read
		folder := s.Path(n.Parent)
		it, err := f.safeItem(n, s.names, limit)
		if err != nil {
			return fn(nil, fmt.Errorf("pst: item 0x%x in %q: %w", n.NID, folder, err))
		}
		return fn(&Entry{NID: n.NID, Folder: folder, Item: it, Bytes: f.read - start}, nil)
	})
}

// safeItem reads an item, turning a panic (a bug met on damaged data)
// into that item's error so that the walk goes on.
func (f *File) safeItem(n Node, names *outlook.NameMap, limit int64) (it *outlook.Item, err error) {
	defer func() {
		if r := recover(); r != nil {
			it, err = nil, fmt.Errorf("pst: internal error reading the item: %v", r)
		}
	}()
	return f.item(n.Data, n.Sub, names, limit, 0)
}

// maxDepth bounds attached messages inside attached messages.
const maxDepth = 16

// item reads a message object: its properties, recipient table and
// attachments (attached messages recursively).
func (f *File) item(data, sub uint64, names *outlook.NameMap, limit int64, depth int) (*outlook.Item, error) {
	start := f.read
	subs, err := f.subnodes(sub)
	it := &outlook.Item{}
	if err != nil {
		// Without the subnodes the properties in them, the recipients and
		// the attachments are lost, but the rest can be read.
		it.Problems = append(it.Problems, fmt.Errorf("pst: subnodes: %w", err))
		subs = map[uint32]subnode{}
	}
	h, err := f.heap(data, subs, limit)
	if err != nil {
		return nil, err
	}
	ps, errs := h.pc(names)
	if len(errs) > 0 && ps.Len() == 0 {
		return nil, errs[0]
	}
	it.Props = ps
	for _, e := range errs {
		it.Problems = append(it.Problems, e)
	}
	if rs, ok := subs[nidRecipientTable]; ok {
		rsubs, err := f.subnodes(rs.sub)
		if err == nil {
			var th *heap
			th, err = f.heap(rs.data, rsubs, limit)
			if err == nil {
				it.Recipients, err = th.rows(names)
				for _, r := range it.Recipients {
					r.Codepage = ps.CodePage()
				}
			}
		}
		if err != nil {
			it.Problems = append(it.Problems, fmt.Errorf("pst: recipient table: %w", err))
		}
	}
	var atts []uint32
	for nid := range subs {
		if nid&0x1F == nidTypeAttachment {
			atts = append(atts, nid)
		}
	}
	sort.Slice(atts, func(i, j int) bool { return atts[i] < atts[j] })
	for i, nid := range atts {
		if f.read-start > limit {
			it.Problems = append(it.Problems, fmt.Errorf("pst: item larger than %d bytes: %d attachments not read", limit, len(atts)-i))
			break
		}
		a, err := f.attachment(subs[nid], names, ps.CodePage(), limit-(f.read-start), depth)
		if err != nil {
			it.Problems = append(it.Problems, fmt.Errorf("pst: attachment %d: %w", i+1, err))
			if a == nil {
				continue
			}
		}
		if a.Embedded != nil {
			for _, p := range a.Embedded.Problems {
				it.Problems = append(it.Problems, fmt.Errorf("pst: attached message %d: %w", i+1, p))
			}
			a.Embedded.Problems = nil
		}
		it.Attachments = append(it.Attachments, a)
	}
	return it, nil
}

// attachment reads an attachment object: its data, or the message it
// holds.
func (f *File) attachment(s subnode, names *outlook.NameMap, cp int, limit int64, depth int) (*outlook.Attachment, error) {
	subs, err := f.subnodes(s.sub)
	if err != nil {
		return nil, err
	}
	h, err := f.heap(s.data, subs, limit)
	if err != nil {
		return nil, err
	}
	ps, errs := h.pc(names)
	ps.Codepage = cp
	a := &outlook.Attachment{Props: ps}
	var firstErr error
	if len(errs) > 0 {
		firstErr = errs[0]
	}
	v, ok := ps.Get(outlook.PidTagAttachDataBinary)
	if !ok {
		return a, firstErr
	}
	if v.Type != outlook.TypeObject {
		a.Data = v.Data
		return a, firstErr
	}
	// An object: the NID of a subnode, and its size.
	if len(v.Data) < 8 {
		return a, fmt.Errorf("pst: attachment object reference: %w", ErrCorrupt)
	}
	obj, ok := subs[le32(v.Data)]
	if !ok {
		return a, fmt.Errorf("pst: attachment object subnode 0x%x missing: %w", le32(v.Data), ErrCorrupt)
	}
	if method, _ := ps.Int(outlook.PidTagAttachMethod); method == 6 { // ATTACH_OLE: the object's bytes
		blocks, err := f.dataBlocks(obj.data, limit)
		for _, b := range blocks {
			a.Data = append(a.Data, b...)
		}
		return a, err
	}
	if depth+1 >= maxDepth {
		return a, fmt.Errorf("pst: attached messages nested deeper than %d levels: %w", maxDepth, ErrCorrupt)
	}
	emb, err := f.item(obj.data, obj.sub, names, limit, depth+1)
	if err != nil {
		return a, err
	}
	a.Embedded = emb
	return a, firstErr
}

// IsDamage reports whether err is damage in the file (as opposed to a
// limit or a cancelled context).
func IsDamage(err error) bool { return errors.Is(err, ErrCorrupt) }
