package outlooktest

import (
	"encoding/binary"
	"fmt"
	"time"
	"unicode/utf16"
)

// Prop is one MAPI property: its ID, type and value as stored.
type Prop struct {
	ID, Type uint16
	Value    []byte
}

// Unicode is a PtypString property.
func Unicode(id uint16, s string) Prop {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u)+2)
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	return Prop{id, 0x001F, b}
}

// Binary is a PtypBinary property.
func Binary(id uint16, b []byte) Prop { return Prop{id, 0x0102, b} }

// Int32 is a PtypInteger32 property.
func Int32(id uint16, v int32) Prop {
	b := make([]byte, 4)
	binary.LittleEndian.PutUint32(b, uint32(v))
	return Prop{id, 0x0003, b}
}

// Time is a PtypTime property.
func Time(id uint16, t time.Time) Prop {
	b := make([]byte, 8)
	binary.LittleEndian.PutUint64(b, uint64(t.UnixNano()/100+116444736000000000))
	return Prop{id, 0x0040, b}
}

// Message is an item to write as a .msg file.
type Message struct {
	Props       []Prop
	Recipients  [][]Prop
	Attachments []Attachment
}

// Attachment is an attachment: properties (data included), or an
// attached message.
type Attachment struct {
	Props    []Prop
	Embedded *Message
}

// MSG returns m as a .msg file.
func MSG(m *Message) []byte { return CFB(storage(m, 32)) }

// storage returns the entries of a message storage; hdr is the size of
// its property stream header (32 at the top, 24 for an attached message).
func storage(m *Message, hdr int) []*Entry {
	ents, _ := props(m.Props, hdr, func(h []byte) {
		if hdr >= 24 {
			binary.LittleEndian.PutUint32(h[8:], uint32(len(m.Recipients)))
			binary.LittleEndian.PutUint32(h[12:], uint32(len(m.Attachments)))
			binary.LittleEndian.PutUint32(h[16:], uint32(len(m.Recipients)))
			binary.LittleEndian.PutUint32(h[20:], uint32(len(m.Attachments)))
		}
	})
	for i, r := range m.Recipients {
		kids, _ := props(r, 8, nil)
		ents = append(ents, &Entry{Name: fmt.Sprintf("__recip_version1.0_#%08X", i), Storage: true, Children: kids})
	}
	for i, a := range m.Attachments {
		kids, _ := props(a.Props, 8, nil)
		if a.Embedded != nil {
			kids = append(kids, &Entry{Name: "__substg1.0_3701000D", Storage: true, Children: storage(a.Embedded, 24)})
		}
		ents = append(ents, &Entry{Name: fmt.Sprintf("__attach_version1.0_#%08X", i), Storage: true, Children: kids})
	}
	return ents
}

// props returns the property stream and the value streams of a set.
func props(ps []Prop, hdr int, fill func([]byte)) ([]*Entry, []byte) {
	stream := make([]byte, hdr, hdr+16*len(ps))
	if fill != nil {
		fill(stream)
	}
	var ents []*Entry
	for _, p := range ps {
		e := make([]byte, 16)
		binary.LittleEndian.PutUint32(e, uint32(p.ID)<<16|uint32(p.Type))
		binary.LittleEndian.PutUint32(e[4:], 6) // readable, writable
		switch p.Type {
		case 0x001F, 0x001E, 0x0102:
			binary.LittleEndian.PutUint32(e[8:], uint32(len(p.Value)))
			ents = append(ents, &Entry{Name: fmt.Sprintf("__substg1.0_%04X%04X", p.ID, p.Type), Data: p.Value})
		default:
			copy(e[8:], p.Value)
		}
		stream = append(stream, e...)
	}
	return append([]*Entry{{Name: "__properties_version1.0", Data: stream}}, ents...), stream
}
