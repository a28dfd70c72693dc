package archive

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"

	"github.com/mailsift/mailsift/scanner/source/outlook"
	"golang.org/x/net/html"
)

// MAPI property types and tags (MS-OXPROPS) used by TNEF and .msg.
const (
	ptInt16   = 0x0002
	ptInt32   = 0x0003
	ptObject  = 0x000D
	ptString8 = 0x001E
	ptUnicode = 0x001F
	ptBinary  = 0x0102
	ptMV      = 0x1000

	prSubject           = 0x0037
	prSentReprName      = 0x0042
	prSentReprEmail     = 0x0065
	prTransportHeaders  = 0x007D
	prSenderName        = 0x0C1A
	prSenderEmail       = 0x0C1F
	prDisplayBcc        = 0x0E02
	prDisplayCc         = 0x0E03
	prDisplayTo         = 0x0E04
	prBody              = 0x1000
	prRTFCompressed     = 0x1009
	prBodyHTML          = 0x1013
	prDisplayName       = 0x3001
	prEmailAddress      = 0x3003
	prAttachDataBin     = 0x3701 // also PR_ATTACH_DATA_OBJ (type 0x000D)
	prAttachExtension   = 0x3703
	prAttachFilename    = 0x3704
	prAttachMethod      = 0x3705
	prAttachLongName    = 0x3707
	prAttachMimeTag     = 0x370E
	prSMTPAddress       = 0x39FE
	prInternetCPID      = 0x3FDE
	prMessageCodepage   = 0x3FFD
	prSenderSMTPAddress = 0x5D01

	attachEmbeddedMsg = 5 // PR_ATTACH_METHOD: ATTACH_EMBEDDED_MSG
	attachOLE         = 6 // ATTACH_OLE
)

// mapiProp is one MAPI property as stored in TNEF or .msg.
type mapiProp struct {
	typ  uint16 // without the MV flag
	id   uint16
	mv   bool
	vals [][]byte
}

// props is a property list with lookups by tag.
type props []mapiProp

func (ps props) get(id uint16) *mapiProp {
	for i := range ps {
		if ps[i].id == id && len(ps[i].vals) > 0 {
			return &ps[i]
		}
	}
	return nil
}

// str returns a string property decoded with codepage cp for 8-bit
// strings.
func (ps props) str(id uint16, cp int) string {
	p := ps.get(id)
	if p == nil {
		return ""
	}
	return p.string(cp)
}

func (p *mapiProp) string(cp int) string {
	var parts []string
	for _, v := range p.vals {
		switch p.typ {
		case ptUnicode:
			parts = append(parts, outlook.DecodeUTF16(v))
		case ptString8:
			parts = append(parts, outlook.DecodeCodepage(bytes.TrimRight(v, "\x00"), cp))
		}
	}
	return strings.Join(parts, "\n")
}

func (ps props) bin(id uint16) []byte {
	p := ps.get(id)
	if p == nil {
		return nil
	}
	return p.vals[0]
}

func (ps props) int(id uint16) (int, bool) {
	p := ps.get(id)
	if p == nil || (p.typ != ptInt32 && p.typ != ptInt16) || len(p.vals[0]) < 2 {
		return 0, false
	}
	v := p.vals[0]
	if len(v) >= 4 && p.typ == ptInt32 {
		return int(int32(binary.LittleEndian.Uint32(v))), true
	}
	return int(int16(binary.LittleEndian.Uint16(v))), true
}

// codepage returns the message's 8-bit codepage: PR_INTERNET_CPID, else
// PR_MESSAGE_CODEPAGE, else def.
func (ps props) codepage(def int) int {
	for _, id := range []uint16{prInternetCPID, prMessageCodepage} {
		if cp, ok := ps.int(id); ok && cp > 0 {
			return cp
		}
	}
	return def
}

var errProps = errors.New("truncated property list")

// parseTNEFProps reads a TNEF property list (MS-OXTNEF 2.1.3.5): a count,
// then each property's type, id, optional name and values. It returns
// what it read before any damage and the bytes consumed.
func parseTNEFProps(b []byte, maxProps int) (props, int, error) {
	r := &leReader{b: b}
	n := int(r.u32())
	if r.bad {
		return nil, r.off, errProps
	}
	var ps props
	for i := 0; i < n && i < maxProps; i++ {
		typ := r.u16()
		id := r.u16()
		if r.bad {
			return ps, r.off, errProps
		}
		if id >= 0x8000 { // named property: GUID, kind, id or name
			r.skip(16)
			switch r.u32() {
			case 0:
				r.skip(4)
			case 1:
				l := int(r.u32())
				r.skip(pad4(l))
			}
		}
		p := mapiProp{typ: typ &^ ptMV, id: id, mv: typ&ptMV != 0}
		size := fixedSize(p.typ)
		switch {
		case size > 0 && !p.mv:
			p.vals = [][]byte{r.bytes(size)}
		case size > 0:
			c := int(r.u32())
			for j := 0; j < c && !r.bad; j++ {
				p.vals = append(p.vals, r.bytes(size))
			}
		case size < 0: // variable length: always a count of values
			c := int(r.u32())
			for j := 0; j < c && !r.bad; j++ {
				l := int(r.u32())
				v := r.bytes(l)
				r.skip(pad4(l) - l)
				p.vals = append(p.vals, v)
			}
		default:
			return ps, r.off, errProps
		}
		if r.bad {
			return ps, r.off, errProps
		}
		ps = append(ps, p)
	}
	return ps, r.off, nil
}

// fixedSize is the TNEF size of a fixed-length type, -1 for variable
// length and 0 for unknown types.
func fixedSize(t uint16) int {
	switch t {
	case 0x0002, 0x0003, 0x0004, 0x000A, 0x000B: // 16-bit types are padded to 4
		return 4
	case 0x0005, 0x0006, 0x0007, 0x0014, 0x0040:
		return 8
	case 0x0048:
		return 16
	case ptString8, ptUnicode, ptBinary, ptObject:
		return -1
	case 0x0001: // PtypNull
		return 4
	}
	return 0
}

func pad4(n int) int { return (n + 3) &^ 3 }

// leReader reads little-endian values; past the end it sets bad and
// returns zeros, so parsers check once per record.
type leReader struct {
	b   []byte
	off int
	bad bool
}

func (r *leReader) bytes(n int) []byte {
	if r.bad || n < 0 || n > len(r.b)-r.off {
		r.bad = true
		return nil
	}
	v := r.b[r.off : r.off+n]
	r.off += n
	return v
}

func (r *leReader) skip(n int) { r.bytes(n) }

func (r *leReader) u16() uint16 {
	if v := r.bytes(2); v != nil {
		return binary.LittleEndian.Uint16(v)
	}
	return 0
}

func (r *leReader) u32() uint32 {
	if v := r.bytes(4); v != nil {
		return binary.LittleEndian.Uint32(v)
	}
	return 0
}

// htmlText turns an HTML body into text: script and style dropped, a
// line break per block element, entities decoded.
func htmlText(b []byte) string {
	z := html.NewTokenizer(bytes.NewReader(b))
	var sb strings.Builder
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return sb.String()
		case html.TextToken:
			if skip == 0 {
				sb.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote":
				sb.WriteByte('\n')
			case "td", "th":
				sb.WriteByte('\t')
			}
		}
	}
}
