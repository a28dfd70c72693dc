package mailgen

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
)

// charset turns text into bytes. label is what a well-behaved mailer writes
// in charset=; name is the true charset reported in ExpectPart.Charset.
type charset struct {
	label string
	name  string
	enc   encoding.Encoding // nil: UTF-8, or US-ASCII when ascii is set
	ascii bool
}

// The charsets of the matrix. japanese.ShiftJIS and japanese.EUCJP follow
// the WHATWG tables, i.e. they are CP932 and CP51932 in practice.
var (
	csJIS      = charset{label: "ISO-2022-JP", name: "ISO-2022-JP", enc: japanese.ISO2022JP}
	csJIS2     = charset{label: "ISO-2022-JP-2", name: "ISO-2022-JP", enc: japanese.ISO2022JP}
	csJISMS    = charset{label: "ISO-2022-JP-MS", name: "ISO-2022-JP", enc: japanese.ISO2022JP}
	csSJIS     = charset{label: "Shift_JIS", name: "Shift_JIS", enc: japanese.ShiftJIS}
	csXSJIS    = charset{label: "x-sjis", name: "Shift_JIS", enc: japanese.ShiftJIS}
	csCP932    = charset{label: "CP932", name: "CP932", enc: japanese.ShiftJIS}
	csWin31J   = charset{label: "Windows-31J", name: "CP932", enc: japanese.ShiftJIS}
	csEUC      = charset{label: "EUC-JP", name: "EUC-JP", enc: japanese.EUCJP}
	csCP51932  = charset{label: "CP51932", name: "EUC-JP", enc: japanese.EUCJP}
	csUTF8     = charset{label: "UTF-8", name: "UTF-8"}
	csUTF8low  = charset{label: "utf-8", name: "UTF-8"}
	csASCII    = charset{label: "us-ascii", name: "US-ASCII", ascii: true}
	csJISlower = charset{label: "iso-2022-jp", name: "ISO-2022-JP", enc: japanese.ISO2022JP}
)

// encode converts text ("\n" line endings) to the charset's bytes with CRLF
// line endings and checks that decoding gives the same text back. It
// reports false when the text does not survive the round trip.
func (c charset) encode(text string) ([]byte, bool) {
	crlf := toCRLF(text)
	switch {
	case c.ascii:
		for i := 0; i < len(crlf); i++ {
			if crlf[i] >= 0x80 {
				return nil, false
			}
		}
		return []byte(crlf), true
	case c.enc == nil:
		return []byte(crlf), utf8.ValidString(crlf)
	}
	b, err := c.enc.NewEncoder().Bytes([]byte(crlf))
	if err != nil {
		return nil, false
	}
	back, err := c.enc.NewDecoder().Bytes(b)
	if err != nil || string(back) != crlf {
		return nil, false
	}
	return b, true
}

// mustEncode is encode for fixed texts, where a failed round trip is a bug
// in this package.
func (c charset) mustEncode(text string) []byte {
	b, ok := c.encode(text)
	if !ok {
		panic(fmt.Sprintf("mailgen: text does not round-trip in %s: %q", c.label, text))
	}
	return b
}

// encodeRaw is mustEncode for header values and file names, which hold no
// line breaks.
func (c charset) encodeRaw(s string) []byte {
	if strings.ContainsAny(s, "\r\n") {
		panic("mailgen: line break in header text")
	}
	return c.mustEncode(s)
}

// toCRLF turns "\n" line endings into CRLF.
func toCRLF(s string) string {
	return strings.ReplaceAll(s, "\n", "\r\n")
}
