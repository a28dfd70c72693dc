package outlook

import (
	"encoding/binary"
	"errors"
	"strconv"
	"strings"
)

// rtfPrefix is the dictionary's initial content (MS-OXRTFCP 2.1.2.1).
const rtfPrefix = "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx"

// maxRTF bounds a decompressed body: the header's raw size is
// attacker-controlled.
const maxRTF = 64 << 20

var errRTF = errors.New("damaged compressed RTF")

// DecompressRTF expands a PidTagRtfCompressed value (MS-OXRTFCP): LZFu
// compressed, or MELA stored as is. A truncated stream returns what was
// expanded with an error.
func DecompressRTF(b []byte) ([]byte, error) {
	if len(b) < 16 {
		return nil, errRTF
	}
	raw := int(binary.LittleEndian.Uint32(b[4:]))
	switch string(b[8:12]) {
	case "MELA":
		data := b[16:]
		if raw >= 0 && raw < len(data) {
			data = data[:raw]
		}
		return data, nil
	case "LZFu":
	default:
		return nil, errRTF
	}
	var dict [4096]byte
	copy(dict[:], rtfPrefix)
	wp := len(rtfPrefix)
	out := make([]byte, 0, min(max(raw, 0), maxRTF, len(b)*8))
	in := b[16:]
	for i := 0; i < len(in); {
		ctrl := in[i]
		i++
		for bit := 0; bit < 8; bit++ {
			if ctrl&(1<<bit) == 0 {
				if i >= len(in) {
					return out, nil
				}
				dict[wp] = in[i]
				wp = (wp + 1) & 4095
				out = append(out, in[i])
				i++
				continue
			}
			if i+1 >= len(in) {
				return out, errRTF
			}
			ref := int(in[i])<<8 | int(in[i+1])
			i += 2
			off, n := ref>>4, ref&15+2
			if off == wp {
				return out, nil // end of stream
			}
			for k := 0; k < n; k++ {
				c := dict[(off+k)&4095]
				dict[wp] = c
				wp = (wp + 1) & 4095
				out = append(out, c)
			}
			if len(out) > maxRTF {
				return out, errRTF
			}
		}
	}
	return out, nil
}

// RTFHTML returns the HTML that an RTF body encapsulates (\fromhtml1,
// MS-OXRTFEX), false when it is not such a body.
func RTFHTML(rtf []byte) (string, bool) {
	head := rtf[:min(len(rtf), 1024)]
	if !strings.Contains(string(head), "\\fromhtml") {
		return "", false
	}
	return rtfWalk(rtf, true), true
}

// RTFText returns the text of an RTF document.
func RTFText(rtf []byte) string { return rtfWalk(rtf, false) }

// rtfSkip are destinations whose content is not text.
var rtfSkip = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "info": true, "pict": true, "object": true,
	"header": true, "footer": true, "headerl": true, "headerr": true, "footerl": true, "footerr": true,
	"listtable": true, "listoverridetable": true, "rsidtbl": true, "generator": true, "xmlnstbl": true,
	"themedata": true, "colorschememapping": true, "latentstyles": true, "datastore": true, "filetbl": true,
	"revtbl": true, "pgdsctbl": true, "fldinst": true,
}

type rtfState struct {
	skip    bool
	htmlrtf bool
	uc      int
}

// rtfWalk reads an RTF document: text and \'hh bytes in the document's
// codepage (\ansicpg), \uN characters, paragraph marks. html selects the
// de-encapsulation of an HTML body: \*\htmltag groups are kept and text
// between \htmlrtf and \htmlrtf0 is dropped.
func rtfWalk(rtf []byte, html bool) string {
	var sb strings.Builder
	var pend []byte // \'hh bytes waiting to be decoded together (DBCS)
	cp := 1252
	st := rtfState{uc: 1}
	var stack []rtfState
	skipN := 0 // characters to skip after \uN
	flush := func() {
		if len(pend) > 0 {
			sb.WriteString(DecodeCodepage(pend, cp))
			pend = pend[:0]
		}
	}
	emit := func(s string) {
		if st.skip || st.htmlrtf {
			return
		}
		flush()
		sb.WriteString(s)
	}
	groupStart := false
	for i := 0; i < len(rtf) && sb.Len() < maxRTF; {
		c := rtf[i]
		switch c {
		case '{':
			stack = append(stack, st)
			groupStart = true
			i++
			continue
		case '}':
			if len(stack) > 0 {
				st = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
			i++
			groupStart = false
			continue
		case '\r', '\n':
			i++
			continue
		case '\\':
			if i+1 >= len(rtf) {
				i++
				continue
			}
			n := rtf[i+1]
			switch {
			case n == '\'':
				if i+3 < len(rtf)+0 && i+4 <= len(rtf) {
					if v, err := strconv.ParseUint(string(rtf[i+2:i+4]), 16, 8); err == nil {
						if skipN > 0 {
							skipN--
						} else if !st.skip && !st.htmlrtf {
							pend = append(pend, byte(v))
						}
					}
				}
				i += 4
				groupStart = false
				continue
			case n == '*':
				// An optional destination: skipped unless it is an HTML tag
				// of an encapsulated HTML body.
				j := i + 2
				for j < len(rtf) && (rtf[j] == ' ' || rtf[j] == '\r' || rtf[j] == '\n') {
					j++
				}
				if !(html && strings.HasPrefix(string(rtf[j:min(len(rtf), j+9)]), "\\htmltag")) {
					st.skip = true
				}
				i = j
				continue
			case !isAlpha(n):
				switch n {
				case '~':
					emit("\u00a0")
				case '_':
					emit("-")
				case '{', '}', '\\':
					emit(string(n))
				case '\r', '\n':
					emit("\n")
				}
				i += 2
				groupStart = false
				continue
			}
			j := i + 1
			for j < len(rtf) && isAlpha(rtf[j]) {
				j++
			}
			word := string(rtf[i+1 : j])
			k := j
			if k < len(rtf) && (rtf[k] == '-' || rtf[k] >= '0' && rtf[k] <= '9') {
				k++
				for k < len(rtf) && rtf[k] >= '0' && rtf[k] <= '9' {
					k++
				}
			}
			param, hasParam := 0, k > j
			if hasParam {
				param, _ = strconv.Atoi(string(rtf[j:k]))
			}
			if k < len(rtf) && rtf[k] == ' ' {
				k++
			}
			i = k
			if groupStart && rtfSkip[word] {
				st.skip = true
			}
			groupStart = false
			switch word {
			case "ansicpg":
				if param > 0 {
					cp = param
				}
			case "uc":
				st.uc = max(param, 0)
			case "u":
				if param < 0 {
					param += 65536
				}
				emit(string(rune(param)))
				skipN = st.uc
				continue
			case "par", "line", "sect", "row":
				if !html {
					emit("\n")
				}
			case "tab", "cell":
				if !html {
					emit("\t")
				}
			case "htmlrtf":
				flush()
				st.htmlrtf = !hasParam || param != 0
			}
			continue
		}
		groupStart = false
		if skipN > 0 {
			skipN--
			i++
			continue
		}
		j := i
		for j < len(rtf) && rtf[j] != '\\' && rtf[j] != '{' && rtf[j] != '}' && rtf[j] != '\r' && rtf[j] != '\n' {
			j++
		}
		if !st.skip && !st.htmlrtf {
			pend = append(pend, rtf[i:j]...)
		}
		i = j
	}
	flush()
	return sb.String()
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
