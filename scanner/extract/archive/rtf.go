package archive

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/mailsift/mailsift/scanner/source/outlook"
)

// Compressed RTF (MS-OXRTFCP): Outlook keeps "rich text" bodies, and often
// the only copy of the body, in PR_RTF_COMPRESSED.

const lzfuPrebuf = "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx"

var errRTF = errors.New("bad compressed RTF")

// decompressRTF expands PR_RTF_COMPRESSED, at most limit bytes.
func decompressRTF(b []byte, limit int) ([]byte, error) {
	if len(b) < 16 {
		return nil, errRTF
	}
	rawSize := int(binary.LittleEndian.Uint32(b[4:]))
	magic := binary.LittleEndian.Uint32(b[8:])
	in := b[16:]
	if cs := int(binary.LittleEndian.Uint32(b)); cs >= 12 && cs-12 < len(in) {
		in = in[:cs-12]
	}
	switch magic {
	case 0x414c454d: // "MELA": stored
		return in[:min(len(in), limit)], nil
	case 0x75465a4c: // "LZFu"
	default:
		return nil, errRTF
	}
	var dict [4096]byte
	copy(dict[:], lzfuPrebuf)
	w := len(lzfuPrebuf)
	out := make([]byte, 0, min(max(rawSize, 0), limit, 16<<20))
	for i := 0; i < len(in); {
		ctl := in[i]
		i++
		for bit := 0; bit < 8 && i < len(in); bit++ {
			if len(out) >= limit {
				return out, nil
			}
			if ctl&(1<<bit) == 0 {
				c := in[i]
				i++
				out = append(out, c)
				dict[w] = c
				w = (w + 1) & 4095
				continue
			}
			if i+1 >= len(in) {
				return out, errRTF
			}
			ref := int(in[i])<<8 | int(in[i+1])
			i += 2
			off, n := ref>>4, ref&15+2
			if off == w {
				return out, nil // end marker
			}
			for k := 0; k < n && len(out) < limit; k++ {
				c := dict[(off+k)&4095]
				out = append(out, c)
				dict[w] = c
				w = (w + 1) & 4095
			}
		}
	}
	return out, nil
}

// rtfText extracts the visible text of an RTF document: destinations such
// as font tables and pictures are skipped, \'hh bytes decoded in the
// font's or document's codepage, \uN taken as Unicode. For HTML wrapped in
// RTF (\fromhtml) the RTF-only parts and the HTML tags are dropped.
func rtfText(b []byte) string {
	p := rtfParser{src: b, cp: 1252, fonts: map[int]int{}}
	p.run()
	return p.out.String()
}

type rtfGroup struct {
	skip    bool
	uc      int
	font    int
	fonttbl bool
	htmltag bool // inside \*\htmltag: HTML markup, not text
	tagRoot bool // this group opened the \htmltag
	htmlrtf bool
}

type rtfParser struct {
	src     []byte
	i       int
	out     strings.Builder
	cp      int         // \ansicpg
	fonts   map[int]int // font number → codepage from \fcharset
	pending []byte      // \'hh bytes waiting to be decoded together
	pendCP  int
	st      rtfGroup
	stack   []rtfGroup
	ucSkip  int
	defFont int
	curFont int             // font being defined in \fonttbl
	tag     strings.Builder // text of the current \htmltag group
	high    rune            // high surrogate from \uN
}

// Destinations whose content is not document text.
var rtfSkipDest = map[string]bool{
	"colortbl": true, "stylesheet": true, "info": true, "pict": true, "object": true,
	"listtable": true, "listoverridetable": true, "rsidtbl": true, "themedata": true, "colorschememapping": true,
	"datastore": true, "latentstyles": true, "generator": true, "xmlnstbl": true, "mmathPr": true,
	"fldinst": true, "filetbl": true, "revtbl": true, "pgdsctbl": true,
	"bkmkstart": true, "bkmkend": true, "xe": true, "tc": true, "objdata": true, "blipuid": true,
}

func (p *rtfParser) run() {
	p.st.uc = 1
	const maxDepth = 1000
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch c {
		case '{':
			p.flush()
			p.i++
			if len(p.stack) >= maxDepth {
				continue
			}
			p.stack = append(p.stack, p.st)
			p.st.tagRoot = false
			if p.i+1 < len(p.src) && p.src[p.i] == '\\' && p.src[p.i+1] == '*' {
				p.i += 2
				// \*\htmltag holds HTML markup: collect it apart so a
				// block tag can become a line break.
				if bytes.HasPrefix(p.src[p.i:], []byte("\\htmltag")) && !p.st.htmltag {
					p.st.htmltag, p.st.tagRoot = true, true
					p.tag.Reset()
				} else {
					p.st.skip = true
				}
			}
		case '}':
			p.flush()
			p.i++
			if p.st.tagRoot {
				tag := strings.ToLower(strings.TrimSpace(p.tag.String()))
				for _, b := range []string{"<br", "</p", "</div", "</tr", "</li"} {
					if strings.HasPrefix(tag, b) {
						p.out.WriteByte('\n')
						break
					}
				}
			}
			if n := len(p.stack); n > 0 {
				p.st = p.stack[n-1]
				p.stack = p.stack[:n-1]
			}
		case '\\':
			p.control()
		case '\r', '\n':
			p.i++
		default:
			p.i++
			if p.ucSkip > 0 {
				p.ucSkip--
				continue
			}
			p.flush()
			p.text(string(c))
		}
	}
	p.flush()
}

func (p *rtfParser) visible() bool {
	return !p.st.skip && !p.st.fonttbl && !p.st.htmlrtf
}

func (p *rtfParser) text(s string) {
	switch {
	case p.st.htmltag:
		if p.tag.Len() < 64 { // only the start of a tag matters
			p.tag.WriteString(s)
		}
	case p.visible():
		p.out.WriteString(s)
	}
}

// flush decodes collected \'hh bytes: a DBCS character spans two escapes.
func (p *rtfParser) flush() {
	if len(p.pending) == 0 {
		return
	}
	s := outlook.DecodeCodepage(p.pending, p.pendCP)
	p.pending = p.pending[:0]
	p.text(s)
}

func (p *rtfParser) control() {
	p.i++ // backslash
	if p.i >= len(p.src) {
		return
	}
	c := p.src[p.i]
	if !isLetter(c) {
		p.i++
		switch c {
		case '\'':
			if p.i+2 <= len(p.src) {
				v, err := strconv.ParseUint(string(p.src[p.i:p.i+2]), 16, 8)
				p.i += 2
				if err != nil {
					return
				}
				if p.ucSkip > 0 {
					p.ucSkip--
					return
				}
				cp := p.codepage()
				if len(p.pending) > 0 && cp != p.pendCP {
					p.flush()
				}
				p.pendCP = cp
				p.pending = append(p.pending, byte(v))
			}
		case '~':
			p.flush()
			p.text(" ")
		case '_':
			p.flush()
			p.text("-")
		case '\\', '{', '}':
			p.flush()
			p.text(string(c))
		case '\n', '\r':
			p.flush()
			p.text("\n")
		}
		return
	}
	start := p.i
	for p.i < len(p.src) && isLetter(p.src[p.i]) && p.i-start < 32 {
		p.i++
	}
	word := string(p.src[start:p.i])
	num, hasNum := 0, false
	ns := p.i
	if p.i < len(p.src) && p.src[p.i] == '-' {
		p.i++
	}
	for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' && p.i-ns < 10 {
		p.i++
	}
	if p.i > ns {
		num, _ = strconv.Atoi(string(p.src[ns:p.i]))
		hasNum = true
	}
	if p.i < len(p.src) && p.src[p.i] == ' ' {
		p.i++
	}
	if word != "u" {
		p.flush()
	}
	switch word {
	case "bin":
		p.i += max(0, min(num, len(p.src)-p.i))
	case "u":
		p.flush()
		r := rune(int16(num))
		if num < 0 {
			r = rune(num + 65536)
		}
		p.ucSkip = p.st.uc
		switch {
		case utf16.IsSurrogate(r) && r < 0xDC00: // high half: wait for the low one
			p.high = r
			return
		case utf16.IsSurrogate(r) && p.high != 0:
			r = utf16.DecodeRune(p.high, r)
		}
		p.high = 0
		p.text(string(r))
	case "uc":
		p.st.uc = num
	case "par", "line", "row", "sect", "page":
		p.text("\n")
	case "tab", "cell":
		p.text("\t")
	case "emdash":
		p.text("—")
	case "endash":
		p.text("–")
	case "bullet":
		p.text("•")
	case "lquote":
		p.text("‘")
	case "rquote":
		p.text("’")
	case "ldblquote":
		p.text("“")
	case "rdblquote":
		p.text("”")
	case "ansicpg":
		if num > 0 {
			p.cp = num
		}
	case "deff":
		p.defFont = num
		p.st.font = num
	case "f":
		if p.st.fonttbl {
			p.curFont = num
		} else {
			p.st.font = num
		}
	case "fcharset":
		if p.st.fonttbl {
			if cp := charsetCodepage(num); cp > 0 {
				p.fonts[p.curFont] = cp
			}
		}
	case "fonttbl":
		p.st.fonttbl = true
	case "htmlrtf":
		p.st.htmlrtf = !hasNum || num != 0
	case "htmltag":
	default:
		if rtfSkipDest[word] {
			p.st.skip = true
		}
	}
}

// codepage is the codepage of \'hh bytes at this point: the current
// font's charset, else \ansicpg.
func (p *rtfParser) codepage() int {
	if cp, ok := p.fonts[p.st.font]; ok {
		return cp
	}
	return p.cp
}

// charsetCodepage maps RTF \fcharset values to Windows codepages.
func charsetCodepage(cs int) int {
	switch cs {
	case 128:
		return 932
	case 129:
		return 949
	case 134:
		return 936
	case 136:
		return 950
	case 161:
		return 1253
	case 162:
		return 1254
	case 177:
		return 1255
	case 178:
		return 1256
	case 186:
		return 1257
	case 204:
		return 1251
	case 238:
		return 1250
	case 222:
		return 874
	}
	return 0
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
