package archive

import (
	"bytes"
	"encoding/binary"
	"sort"
	"strings"
	"testing"
	"unicode/utf16"
)

// cfbWriter builds compound files (CFB v3, 512-byte sectors, mini stream
// for streams under 4096 bytes) for tests: paths like
// "__attach_version1.0_#00000000/__substg1.0_3707001F" create storages.
type cfbWriter struct{ streams map[string][]byte }

func newCFB() *cfbWriter { return &cfbWriter{streams: map[string][]byte{}} }

func (w *cfbWriter) add(path string, data []byte) *cfbWriter {
	w.streams[path] = data
	return w
}

type cfbNode struct {
	name     string
	stream   bool
	data     []byte
	children []*cfbNode
	id       int
	start    uint32
}

const (
	endOfChain = 0xFFFFFFFE
	freeSect   = 0xFFFFFFFF
	fatSect    = 0xFFFFFFFD
	noStream   = 0xFFFFFFFF
)

func (w *cfbWriter) bytes(t testing.TB) []byte {
	root := &cfbNode{name: "Root Entry"}
	paths := make([]string, 0, len(w.streams))
	for p := range w.streams {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		cur := root
		parts := strings.Split(p, "/")
		for i, part := range parts {
			var next *cfbNode
			for _, c := range cur.children {
				if c.name == part {
					next = c
				}
			}
			if next == nil {
				next = &cfbNode{name: part, stream: i == len(parts)-1}
				cur.children = append(cur.children, next)
			}
			if i == len(parts)-1 {
				next.data = w.streams[p]
			}
			cur = next
		}
	}
	var nodes []*cfbNode
	var walk func(n *cfbNode)
	walk = func(n *cfbNode) {
		n.id = len(nodes)
		nodes = append(nodes, n)
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(root)

	// Mini stream and big streams.
	var mini []byte
	var miniFAT []uint32
	var big [][]byte
	var bigNodes []*cfbNode
	for _, n := range nodes {
		if !n.stream {
			continue
		}
		if len(n.data) < 4096 {
			if len(n.data) == 0 {
				n.start = endOfChain
				continue
			}
			n.start = uint32(len(mini) / 64)
			k := (len(n.data) + 63) / 64
			for i := 0; i < k; i++ {
				next := uint32(len(miniFAT) + 1)
				if i == k-1 {
					next = endOfChain
				}
				miniFAT = append(miniFAT, next)
			}
			mini = append(mini, n.data...)
			mini = append(mini, make([]byte, k*64-len(n.data))...)
		} else {
			big = append(big, n.data)
			bigNodes = append(bigNodes, n)
		}
	}
	sectors := func(n int) int { return (n + 511) / 512 }
	dirSecs := sectors(len(nodes) * 128)
	miniFATSecs := sectors(len(miniFAT) * 4)
	miniSecs := sectors(len(mini))
	bigSecs := 0
	for _, b := range big {
		bigSecs += sectors(len(b))
	}
	other := dirSecs + miniFATSecs + miniSecs + bigSecs
	fatSecs := 1
	for (other+fatSecs+127)/128 > fatSecs {
		fatSecs++
	}
	if fatSecs > 109 {
		t.Fatal("cfbWriter: too big")
	}
	fat := make([]uint32, fatSecs*128)
	for i := range fat {
		fat[i] = freeSect
	}
	next := 0
	chain := func(n int) uint32 {
		if n == 0 {
			return endOfChain
		}
		start := next
		for i := 0; i < n; i++ {
			fat[next] = uint32(next + 1)
			if i == n-1 {
				fat[next] = endOfChain
			}
			next++
		}
		return uint32(start)
	}
	for i := 0; i < fatSecs; i++ {
		fat[next] = fatSect
		next++
	}
	dirStart := chain(dirSecs)
	miniFATStart := chain(miniFATSecs)
	miniStart := chain(miniSecs)
	for i, b := range big {
		bigNodes[i].start = chain(sectors(len(b)))
	}

	var out bytes.Buffer
	le := func(v any) { _ = binary.Write(&out, binary.LittleEndian, v) }
	out.Write(cfbMagic)
	out.Write(make([]byte, 16))
	le(uint16(0x3E))
	le(uint16(3))
	le(uint16(0xFFFE))
	le(uint16(9))
	le(uint16(6))
	out.Write(make([]byte, 6))
	le(uint32(0)) // directory sectors (v3: 0)
	le(uint32(fatSecs))
	le(dirStart)
	le(uint32(0))
	le(uint32(4096))
	if miniFATSecs == 0 {
		le(uint32(endOfChain))
	} else {
		le(miniFATStart)
	}
	le(uint32(miniFATSecs))
	le(uint32(endOfChain))
	le(uint32(0))
	for i := 0; i < 109; i++ {
		if i < fatSecs {
			le(uint32(i))
		} else {
			le(uint32(freeSect))
		}
	}
	for _, v := range fat {
		le(v)
	}
	// Directory: children of a storage linked as a right-sibling chain.
	dir := make([]byte, dirSecs*512)
	for i := range dir {
		if i%128 >= 68 && i%128 < 80 {
			dir[i] = 0xFF // unused entries: no siblings/children
		}
	}
	for _, n := range nodes {
		e := dir[n.id*128:]
		u := utf16.Encode([]rune(n.name))
		for i, c := range u {
			binary.LittleEndian.PutUint16(e[i*2:], c)
		}
		binary.LittleEndian.PutUint16(e[64:], uint16(len(u)*2+2))
		switch {
		case n.id == 0:
			e[66] = 5
		case n.stream:
			e[66] = 2
		default:
			e[66] = 1
		}
		e[67] = 1
		binary.LittleEndian.PutUint32(e[68:], noStream)
		binary.LittleEndian.PutUint32(e[72:], noStream)
		binary.LittleEndian.PutUint32(e[76:], noStream)
		switch {
		case n.id == 0:
			binary.LittleEndian.PutUint32(e[116:], miniStart)
			if len(mini) == 0 {
				binary.LittleEndian.PutUint32(e[116:], endOfChain)
			}
			binary.LittleEndian.PutUint32(e[120:], uint32(len(mini)))
		case n.stream:
			binary.LittleEndian.PutUint32(e[116:], n.start)
			binary.LittleEndian.PutUint32(e[120:], uint32(len(n.data)))
		}
	}
	for _, n := range nodes {
		if len(n.children) > 0 {
			binary.LittleEndian.PutUint32(dir[n.id*128+76:], uint32(n.children[0].id))
			for i := 0; i+1 < len(n.children); i++ {
				binary.LittleEndian.PutUint32(dir[n.children[i].id*128+72:], uint32(n.children[i+1].id))
			}
		}
	}
	out.Write(dir)
	mf := make([]byte, miniFATSecs*512)
	for i := range mf {
		mf[i] = 0xFF
	}
	for i, v := range miniFAT {
		binary.LittleEndian.PutUint32(mf[i*4:], v)
	}
	out.Write(mf)
	out.Write(mini)
	out.Write(make([]byte, miniSecs*512-len(mini)))
	for _, b := range big {
		out.Write(b)
		out.Write(make([]byte, sectors(len(b))*512-len(b)))
	}
	return out.Bytes()
}
