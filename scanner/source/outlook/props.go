// Package outlook turns Outlook items (the MAPI property sets that PST/OST
// files and .msg files hold: messages, contacts, appointments, notes...)
// into MIME messages, so that the rest of the pipeline reads them like any
// other mail. It also reads .msg files (MS-OXMSG); PST/OST files are read
// by the sub-package pst, which hands its items to the same MIME builder.
//
// The MIME form is deterministic: it is a function of the item's
// properties only (no clock, no random boundary, no file offset), so its
// canonical hash is a stable message_sha256 for the item. See Build.
package outlook

import (
	"bytes"
	"encoding/binary"
	"math"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// MAPI property types (MS-OXCDATA 2.11.1).
const (
	TypeInt16    = 0x0002
	TypeInt32    = 0x0003
	TypeFloat32  = 0x0004
	TypeFloat64  = 0x0005
	TypeCurrency = 0x0006
	TypeAppTime  = 0x0007
	TypeError    = 0x000A
	TypeBool     = 0x000B
	TypeObject   = 0x000D
	TypeInt64    = 0x0014
	TypeString8  = 0x001E
	TypeUnicode  = 0x001F
	TypeTime     = 0x0040
	TypeGUID     = 0x0048
	TypeBinary   = 0x0102
	TypeMV       = 0x1000
)

// FixedSize is the size of a value of a fixed-size type, 0 for variable
// size (strings, binary, objects) and -1 for types it does not know.
func FixedSize(typ uint16) int {
	switch typ &^ TypeMV {
	case TypeInt16, TypeBool:
		return 2
	case TypeInt32, TypeFloat32, TypeError:
		return 4
	case TypeFloat64, TypeCurrency, TypeAppTime, TypeInt64, TypeTime:
		return 8
	case TypeGUID:
		return 16
	case TypeString8, TypeUnicode, TypeBinary, TypeObject:
		return 0
	case 0x0001: // PtypNull
		return 0
	}
	return -1
}

// Value is one property value as stored: Data for a single value (fixed
// types little-endian, strings as stored: UTF-16LE or 8-bit), Multi for
// a multi-valued property.
type Value struct {
	Type  uint16 // without TypeMV
	MV    bool
	Data  []byte
	Multi [][]byte
}

// Props is the property set of one object (message, recipient,
// attachment), by property ID. Named properties (IDs 0x8000 and up) are
// found through Names.
type Props struct {
	vals  map[uint16]Value
	Names *NameMap
	// Codepage decodes 8-bit strings when the object names none.
	Codepage int
}

// NewProps returns an empty property set.
func NewProps(names *NameMap) *Props {
	return &Props{vals: map[uint16]Value{}, Names: names}
}

// Set stores a value; a second value for the same ID replaces the first.
func (p *Props) Set(id uint16, v Value) { p.vals[id] = v }

// Get returns the value of a property.
func (p *Props) Get(id uint16) (Value, bool) {
	if p == nil {
		return Value{}, false
	}
	v, ok := p.vals[id]
	return v, ok
}

// Len is the number of properties.
func (p *Props) Len() int { return len(p.vals) }

// IDs returns the property IDs in ascending order.
func (p *Props) IDs() []uint16 {
	ids := make([]uint16, 0, len(p.vals))
	for id := range p.vals {
		ids = append(ids, id)
	}
	for i := 1; i < len(ids); i++ { // small sets: insertion sort, no import
		for j := i; j > 0 && ids[j] < ids[j-1]; j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
	return ids
}

// CodePage is the object's codepage for 8-bit strings:
// PR_INTERNET_CPID, else PR_MESSAGE_CODEPAGE, else Codepage.
func (p *Props) CodePage() int {
	for _, id := range []uint16{PidTagInternetCodepage, PidTagMessageCodepage} {
		if cp, ok := p.Int(id); ok && cp > 0 {
			return int(cp)
		}
	}
	return p.Codepage
}

// String returns a string property (Unicode or 8-bit) as UTF-8, without
// trailing NULs; "" when absent.
func (p *Props) String(id uint16) string {
	v, ok := p.Get(id)
	if !ok {
		return ""
	}
	if v.MV {
		var parts []string
		for _, b := range v.Multi {
			if s := strings.TrimSpace(p.decode(v.Type, b)); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return p.decode(v.Type, v.Data)
}

func (p *Props) decode(typ uint16, b []byte) string {
	switch typ {
	case TypeUnicode:
		return DecodeUTF16(b)
	case TypeString8:
		return DecodeCodepage(bytes.TrimRight(b, "\x00"), p.CodePage())
	}
	return ""
}

// Binary returns the bytes of a binary (or string) property.
func (p *Props) Binary(id uint16) []byte {
	v, ok := p.Get(id)
	if !ok || v.MV {
		return nil
	}
	return v.Data
}

// Int returns an integer property (16, 32 or 64 bits, or boolean).
func (p *Props) Int(id uint16) (int64, bool) {
	v, ok := p.Get(id)
	if !ok || v.MV {
		return 0, false
	}
	b := v.Data
	switch {
	case (v.Type == TypeInt16 || v.Type == TypeBool) && len(b) >= 2:
		return int64(int16(binary.LittleEndian.Uint16(b))), true
	case (v.Type == TypeInt32 || v.Type == TypeError) && len(b) >= 4:
		return int64(int32(binary.LittleEndian.Uint32(b))), true
	case v.Type == TypeInt64 && len(b) >= 8:
		return int64(binary.LittleEndian.Uint64(b)), true
	}
	return 0, false
}

// Time returns a PtypTime property (FILETIME: 100 ns since 1601) in UTC.
func (p *Props) Time(id uint16) (time.Time, bool) {
	v, ok := p.Get(id)
	if !ok || v.MV || v.Type != TypeTime || len(v.Data) < 8 {
		return time.Time{}, false
	}
	return FileTime(binary.LittleEndian.Uint64(v.Data))
}

// FileTime converts a FILETIME; zero and out-of-range values (Outlook
// writes 4501-01-01 for "none") are not times.
func FileTime(ft uint64) (time.Time, bool) {
	const epochDiff = 116444736000000000 // 1601-01-01 to 1970-01-01 in 100 ns
	if ft <= epochDiff || ft >= 0x0CB34557E3A38000 /* year 4500 */ {
		return time.Time{}, false
	}
	d := ft - epochDiff
	return time.Unix(int64(d/10000000), int64(d%10000000)*100).UTC(), true
}

// Float returns a floating-point property.
func (p *Props) Float(id uint16) (float64, bool) {
	v, ok := p.Get(id)
	if !ok || v.MV {
		return 0, false
	}
	switch {
	case v.Type == TypeFloat64 && len(v.Data) >= 8:
		return math.Float64frombits(binary.LittleEndian.Uint64(v.Data)), true
	case v.Type == TypeFloat32 && len(v.Data) >= 4:
		return float64(math.Float32frombits(binary.LittleEndian.Uint32(v.Data))), true
	}
	return 0, false
}

// NamedID returns the property ID that a named property (property set
// and numeric LID) has in this object's file, or 0.
func (p *Props) NamedID(set [16]byte, lid uint32) uint16 {
	if p == nil || p.Names == nil {
		return 0
	}
	return p.Names.ID(set, lid)
}

// NamedString returns a named string property.
func (p *Props) NamedString(set [16]byte, lid uint32) string {
	if id := p.NamedID(set, lid); id != 0 {
		return p.String(id)
	}
	return ""
}

// NamedTime returns a named time property.
func (p *Props) NamedTime(set [16]byte, lid uint32) (time.Time, bool) {
	if id := p.NamedID(set, lid); id != 0 {
		return p.Time(id)
	}
	return time.Time{}, false
}

// DecodeUTF16 decodes UTF-16LE, dropping trailing NULs.
func DecodeUTF16(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, binary.LittleEndian.Uint16(b[i:]))
	}
	for len(u) > 0 && u[len(u)-1] == 0 {
		u = u[:len(u)-1]
	}
	return string(utf16.Decode(u))
}

// codepages maps the Windows codepages seen in MAPI to decoders.
var codepages = map[int]encoding.Encoding{
	932: japanese.ShiftJIS, 50220: japanese.ISO2022JP, 50221: japanese.ISO2022JP, 50222: japanese.ISO2022JP,
	51932: japanese.EUCJP, 20932: japanese.EUCJP,
	936: simplifiedchinese.GBK, 54936: simplifiedchinese.GB18030, 950: traditionalchinese.Big5, 949: korean.EUCKR,
	1250: charmap.Windows1250, 1251: charmap.Windows1251, 1252: charmap.Windows1252, 1253: charmap.Windows1253,
	1254: charmap.Windows1254, 1255: charmap.Windows1255, 1256: charmap.Windows1256, 1257: charmap.Windows1257,
	1258: charmap.Windows1258, 874: charmap.Windows874, 437: charmap.CodePage437, 850: charmap.CodePage850,
	28591: charmap.ISO8859_1, 28592: charmap.ISO8859_2, 28595: charmap.ISO8859_5, 28605: charmap.ISO8859_15,
	20866: charmap.KOI8R, 21866: charmap.KOI8U,
}

// DecodeCodepage decodes 8-bit text in Windows codepage cp. With an
// unknown or wrong codepage it keeps valid UTF-8, else tries CP932
// (Japanese mail is what mailsift reads most), else Windows-1252.
func DecodeCodepage(b []byte, cp int) string {
	if cp == 65001 || cp == 20127 {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	if cp == 1200 {
		return DecodeUTF16(b)
	}
	if enc := codepages[cp]; enc != nil {
		if s, err := enc.NewDecoder().Bytes(b); err == nil {
			return strings.ToValidUTF8(string(s), "\uFFFD")
		}
	}
	if utf8.Valid(b) {
		return string(b)
	}
	if s, err := japanese.ShiftJIS.NewDecoder().Bytes(b); err == nil && !bytes.ContainsRune(s, utf8.RuneError) {
		return string(s)
	}
	s, _ := charmap.Windows1252.NewDecoder().Bytes(b)
	return string(s)
}
