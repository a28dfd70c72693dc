package mailgen

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// bWord is one RFC 2047 B encoded-word holding all of text.
func bWord(cs charset, text string) string {
	return "=?" + cs.label + "?B?" + base64.StdEncoding.EncodeToString(cs.encodeRaw(text)) + "?="
}

// bWords splits text into encoded-words of at most n runes each, one per
// folded line. Each word is complete on its own (ISO-2022-JP words switch
// back to ASCII at their end), as RFC 2047 requires.
func bWords(cs charset, text string, n int) string {
	var words []string
	r := []rune(text)
	for len(r) > 0 {
		k := min(n, len(r))
		words = append(words, bWord(cs, string(r[:k])))
		r = r[k:]
	}
	return strings.Join(words, "\r\n ")
}

// qWord is one RFC 2047 Q encoded-word: letters and digits stay, a space
// becomes "_", every other byte is =XX.
func qWord(cs charset, text string) string {
	var b strings.Builder
	b.WriteString("=?" + cs.label + "?Q?")
	for _, c := range cs.encodeRaw(text) {
		switch {
		case c == ' ':
			b.WriteByte('_')
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "=%02X", c)
		}
	}
	b.WriteString("?=")
	return b.String()
}

// pctEncode percent-encodes every byte that is not an RFC 2231 attr-char.
func pctEncode(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			s.WriteByte(c)
		} else {
			fmt.Fprintf(&s, "%%%02X", c)
		}
	}
	return s.String()
}

// param2231 is an RFC 2231 extended parameter attr*=CHARSET'LANG'VALUE
// with an empty LANG.
func param2231(attr string, cs charset, value string) string {
	return attr + "*=" + cs.label + "''" + pctEncode(cs.encodeRaw(value))
}

// param2231Split writes value as RFC 2231 continuations attr*0*, attr*1*,
// ..., cutting the encoded bytes every n bytes, so that a cut can fall
// inside a multibyte character.
func param2231Split(attr string, cs charset, value string, n int) string {
	b := cs.encodeRaw(value)
	var parts []string
	for i := 0; len(b) > 0; i++ {
		k := min(n, len(b))
		v := pctEncode(b[:k])
		if i == 0 {
			v = cs.label + "''" + v
		}
		parts = append(parts, fmt.Sprintf("%s*%d*=%s", attr, i, v))
		b = b[k:]
	}
	return strings.Join(parts, ";\r\n ")
}
