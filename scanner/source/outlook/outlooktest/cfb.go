// Package outlooktest writes small Outlook .msg files for tests: a
// compound file (MS-CFB version 3) holding MAPI properties (MS-OXMSG).
// It writes what tests need, not every feature of the formats.
package outlooktest

import (
	"encoding/binary"
	"sort"
	"strings"
	"unicode/utf16"
)

// Entry is a stream (Data) or a storage (Children) of a compound file.
type Entry struct {
	Name     string
	Data     []byte
	Children []*Entry
	Storage  bool
}

const (
	sector      = 512
	miniSector  = 64
	miniCutoff  = 4096
	endOfChain  = 0xFFFFFFFE
	freeSect    = 0xFFFFFFFF
	fatSect     = 0xFFFFFFFD
	noStream    = 0xFFFFFFFF
	entriesPerS = sector / 128
)

// CFB returns a compound file whose root storage holds root's children.
// Streams under 4 KiB go to the mini stream, as readers expect.
func CFB(root []*Entry) []byte {
	// Flatten: directory index 0 is the root.
	type dirEnt struct {
		e                  *Entry
		typ                byte
		left, right, child uint32
		start              uint32
		size               uint64
	}
	dirs := []*dirEnt{{e: &Entry{Name: "Root Entry", Children: root, Storage: true}, typ: 5, left: noStream, right: noStream, child: noStream}}
	var add func(d *dirEnt)
	add = func(d *dirEnt) {
		kids := append([]*Entry(nil), d.e.Children...)
		sort.Slice(kids, func(i, j int) bool { return cfbLess(kids[i].Name, kids[j].Name) })
		var prev *dirEnt
		for _, k := range kids {
			typ := byte(2)
			if k.Storage {
				typ = 1
			}
			nd := &dirEnt{e: k, typ: typ, left: noStream, right: noStream, child: noStream}
			idx := uint32(len(dirs))
			dirs = append(dirs, nd)
			// A chain of right siblings in sort order is a valid search tree.
			if prev == nil {
				d.child = idx
			} else {
				prev.right = idx
			}
			prev = nd
			if k.Storage {
				add(nd)
			}
		}
	}
	add(dirs[0])

	var mini, big []byte
	var miniFAT []uint32
	type bigStream struct {
		d     *dirEnt
		first int // sector index within big
		n     int
	}
	var bigs []bigStream
	for _, d := range dirs[1:] {
		if d.typ != 2 {
			continue
		}
		d.size = uint64(len(d.e.Data))
		if len(d.e.Data) == 0 {
			d.start = endOfChain
			continue
		}
		if len(d.e.Data) < miniCutoff {
			first := len(mini) / miniSector
			n := (len(d.e.Data) + miniSector - 1) / miniSector
			mini = append(mini, d.e.Data...)
			mini = append(mini, make([]byte, n*miniSector-len(d.e.Data))...)
			for i := 0; i < n; i++ {
				next := uint32(first + i + 1)
				if i == n-1 {
					next = endOfChain
				}
				miniFAT = append(miniFAT, next)
			}
			d.start = uint32(first)
			continue
		}
		n := (len(d.e.Data) + sector - 1) / sector
		bigs = append(bigs, bigStream{d, len(big) / sector, n})
		big = append(big, d.e.Data...)
		big = append(big, make([]byte, n*sector-len(d.e.Data))...)
	}
	nDir := (len(dirs) + entriesPerS - 1) / entriesPerS
	nMiniFAT := (len(miniFAT)*4 + sector - 1) / sector
	nMini := (len(mini) + sector - 1) / sector
	nBig := len(big) / sector
	other := nDir + nMiniFAT + nMini + nBig
	nFAT := 1
	for nFAT*128 < nFAT+other {
		nFAT++
	}
	if nFAT > 109 {
		panic("outlooktest: file too large for a header-only DIFAT")
	}
	// Sector layout: FAT, directory, mini FAT, mini stream, big streams.
	dirStart := uint32(nFAT)
	miniFATStart := dirStart + uint32(nDir)
	miniStart := miniFATStart + uint32(nMiniFAT)
	bigStart := miniStart + uint32(nMini)
	fat := make([]uint32, nFAT*128)
	for i := range fat {
		fat[i] = freeSect
	}
	for i := 0; i < nFAT; i++ {
		fat[i] = fatSect
	}
	chain := func(start uint32, n int) {
		for i := 0; i < n; i++ {
			if i == n-1 {
				fat[start+uint32(i)] = endOfChain
			} else {
				fat[start+uint32(i)] = start + uint32(i) + 1
			}
		}
	}
	chain(dirStart, nDir)
	chain(miniFATStart, nMiniFAT)
	chain(miniStart, nMini)
	for _, b := range bigs {
		b.d.start = bigStart + uint32(b.first)
		chain(b.d.start, b.n)
	}
	dirs[0].start, dirs[0].size = endOfChain, 0
	if nMini > 0 {
		dirs[0].start, dirs[0].size = miniStart, uint64(len(mini))
	}

	out := make([]byte, sector*(1+nFAT+other))
	h := out[:sector]
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	binary.LittleEndian.PutUint16(h[24:], 0x3E)
	binary.LittleEndian.PutUint16(h[26:], 3)
	binary.LittleEndian.PutUint16(h[28:], 0xFFFE)
	binary.LittleEndian.PutUint16(h[30:], 9)
	binary.LittleEndian.PutUint16(h[32:], 6)
	binary.LittleEndian.PutUint32(h[44:], uint32(nFAT))
	binary.LittleEndian.PutUint32(h[48:], dirStart)
	binary.LittleEndian.PutUint32(h[56:], miniCutoff)
	if nMiniFAT > 0 {
		binary.LittleEndian.PutUint32(h[60:], miniFATStart)
	} else {
		binary.LittleEndian.PutUint32(h[60:], endOfChain)
	}
	binary.LittleEndian.PutUint32(h[64:], uint32(nMiniFAT))
	binary.LittleEndian.PutUint32(h[68:], endOfChain)
	for i := 0; i < 109; i++ {
		v := uint32(freeSect)
		if i < nFAT {
			v = uint32(i)
		}
		binary.LittleEndian.PutUint32(h[76+4*i:], v)
	}
	sec := func(i uint32) []byte { return out[sector*(1+int(i)):] }
	for i, v := range fat {
		binary.LittleEndian.PutUint32(sec(0)[4*i:], v)
	}
	for i, d := range dirs {
		b := sec(dirStart)[128*i : 128*(i+1)]
		name := utf16.Encode([]rune(d.e.Name))
		if len(name) > 31 {
			name = name[:31]
		}
		for j, c := range name {
			binary.LittleEndian.PutUint16(b[2*j:], c)
		}
		binary.LittleEndian.PutUint16(b[64:], uint16(2*(len(name)+1)))
		b[66], b[67] = d.typ, 1 // black
		binary.LittleEndian.PutUint32(b[68:], d.left)
		binary.LittleEndian.PutUint32(b[72:], d.right)
		binary.LittleEndian.PutUint32(b[76:], d.child)
		binary.LittleEndian.PutUint32(b[116:], d.start)
		binary.LittleEndian.PutUint64(b[120:], d.size)
	}
	// Unused directory slots are empty entries.
	for i := len(dirs); i < nDir*entriesPerS; i++ {
		b := sec(dirStart)[128*i : 128*(i+1)]
		binary.LittleEndian.PutUint32(b[68:], noStream)
		binary.LittleEndian.PutUint32(b[72:], noStream)
		binary.LittleEndian.PutUint32(b[76:], noStream)
	}
	for i, v := range miniFAT {
		binary.LittleEndian.PutUint32(sec(miniFATStart)[4*i:], v)
	}
	for i := len(miniFAT); i < nMiniFAT*128; i++ {
		binary.LittleEndian.PutUint32(sec(miniFATStart)[4*i:], freeSect)
	}
	copy(sec(miniStart), mini)
	copy(sec(bigStart), big)
	return out
}

// cfbLess is the directory order of MS-CFB: shorter names first, then by
// upper-cased code points.
func cfbLess(a, b string) bool {
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	if len(ua) != len(ub) {
		return len(ua) < len(ub)
	}
	return strings.ToUpper(a) < strings.ToUpper(b)
}
