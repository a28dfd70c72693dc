package extract

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// ErrUnknownCharset is wrapped by errors about charset labels nothing knows.
var ErrUnknownCharset = errors.New("unknown charset")

// japaneseAliases covers the labels seen in Japanese mail that x/text's
// indexes do not know (deps.md: go-message fails on CP932, ISO-2022-JP-2,
// ISO-2022-JP-MS and CP51932). x/text's ShiftJIS decoder is the CP932
// (Windows-31J) table, so it also covers NEC and IBM extensions.
var japaneseAliases = map[string]encoding.Encoding{
	"cp932": japanese.ShiftJIS, "ms932": japanese.ShiftJIS, "windows-31j": japanese.ShiftJIS,
	"x-ms-cp932": japanese.ShiftJIS, "ibm-943": japanese.ShiftJIS, "sjis": japanese.ShiftJIS,
	"x-sjis": japanese.ShiftJIS, "shift_jis": japanese.ShiftJIS, "shift-jis": japanese.ShiftJIS,
	"shift_jisx0213": japanese.ShiftJIS, "csshiftjis": japanese.ShiftJIS, "cswindows31j": japanese.ShiftJIS,
	"iso-2022-jp": japanese.ISO2022JP, "iso-2022-jp-1": japanese.ISO2022JP, "iso-2022-jp-2": japanese.ISO2022JP,
	"iso-2022-jp-3": japanese.ISO2022JP, "iso-2022-jp-ms": japanese.ISO2022JP, "csiso2022jp": japanese.ISO2022JP,
	"csiso2022jp2": japanese.ISO2022JP, "jis": japanese.ISO2022JP, "x-windows-iso2022jp": japanese.ISO2022JP,
	"euc-jp": japanese.EUCJP, "x-euc-jp": japanese.EUCJP, "eucjp": japanese.EUCJP, "cp51932": japanese.EUCJP,
	"eucjp-ms": japanese.EUCJP, "eucjp-open": japanese.EUCJP, "eucjp-win": japanese.EUCJP, "ujis": japanese.EUCJP,
	"cseucpkdfmtjapanese": japanese.EUCJP, "euc-jis-2004": japanese.EUCJP,
}

// lookupCharset resolves a MIME charset label. It returns nil, nil for
// UTF-8 and plain ASCII.
func lookupCharset(label string) (encoding.Encoding, error) {
	l := strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	switch l {
	case "", "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "x-unknown", "unicode-1-1-utf-8":
		return nil, nil
	}
	if e, ok := japaneseAliases[l]; ok {
		return e, nil
	}
	if e, err := htmlindex.Get(l); err == nil {
		if e == unicode.UTF8 {
			return nil, nil
		}
		return e, nil
	}
	if e, err := ianaindex.MIME.Encoding(l); err == nil && e != nil {
		return e, nil
	}
	return nil, fmt.Errorf("%w %q", ErrUnknownCharset, label)
}

// isJapanese reports whether e is one of the Japanese multi-byte encodings.
func isJapanese(e encoding.Encoding) bool {
	return e == japanese.ShiftJIS || e == japanese.EUCJP || e == japanese.ISO2022JP
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// HasISO2022Escape reports JIS X 0208/0212 designations, which no other
// charset of mail uses.
func HasISO2022Escape(b []byte) bool {
	for i := bytes.IndexByte(b, 0x1b); i >= 0 && i+2 < len(b); {
		s := b[i+1:]
		if (s[0] == '$' && (s[1] == 'B' || s[1] == '@' || (s[1] == '(' && len(s) > 2 && (s[2] == 'D' || s[2] == 'Q' || s[2] == 'O')))) ||
			(s[0] == '(' && (s[1] == 'J' || s[1] == 'I')) {
			return true
		}
		j := bytes.IndexByte(s, 0x1b)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// decodeWith decodes b and counts replacement characters it produced.
func decodeWith(e encoding.Encoding, b []byte) (string, int) {
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return string(out), len(b)
	}
	s := string(out)
	return s, strings.Count(s, "\uFFFD") - bytes.Count(b, []byte("\xef\xbf\xbd"))
}

// jaScore scores how much s looks like Japanese text: kana and kanji count,
// half-width katakana and replacements (typical of the wrong decoder) cost.
func jaScore(s string) (score, kana int) {
	for _, r := range s {
		switch {
		case r >= 0x3041 && r <= 0x30FF:
			score += 2
			kana++
		case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF5E:
			score++
		case r >= 0xFF61 && r <= 0xFF9F:
			score -= 2
		case r == 0xFFFD:
			score -= 10
		case r >= 0x80 && r < 0x3000:
			score -= 2 // Latin-1, Cyrillic, Greek, box drawing: wrong guess
		}
	}
	return score, kana
}

// sniffJapanese picks Shift_JIS or EUC-JP for non-ASCII bytes that are not
// valid UTF-8, when one decodes cleanly and looks Japanese; it returns the
// text, the charset's name and its encoding.
func sniffJapanese(b []byte) (string, string, encoding.Encoding) {
	best, bestName, bestScore := "", "", 0
	var bestEnc encoding.Encoding
	for _, c := range []struct {
		name string
		e    encoding.Encoding
	}{{"shift_jis", japanese.ShiftJIS}, {"euc-jp", japanese.EUCJP}} {
		s, bad := decodeWith(c.e, b)
		if bad > 0 {
			continue
		}
		score, kana := jaScore(s)
		if kana == 0 && score < 4 {
			continue
		}
		if score > bestScore {
			best, bestName, bestScore, bestEnc = s, c.name, score, c.e
		}
	}
	return best, bestName, bestEnc
}

// SniffJapanese is the sniffing of decodeText for other readers of text
// files (CSV): Shift_JIS or EUC-JP, whichever decodes b cleanly and looks
// Japanese, with its name; ok is false when neither does.
func SniffJapanese(b []byte) (e encoding.Encoding, name string, ok bool) {
	_, name, e = sniffJapanese(b)
	return e, name, e != nil
}

// DecodesCleanly reports whether e decodes b without adding replacement
// characters.
func DecodesCleanly(e encoding.Encoding, b []byte) bool {
	_, bad := decodeWith(e, b)
	return bad == 0
}

// decodeText turns the bytes of a text part into UTF-8. It trusts the label
// when the bytes agree with it and sniffs otherwise, because Japanese mail
// is often undeclared or mislabelled (Shift_JIS sent as ISO-8859-1 or
// UTF-8). It returns the text, the charset used and a problem, if any.
func decodeText(label string, b []byte) (string, string, error) {
	lower := strings.ToLower(strings.TrimSpace(label))
	if strings.HasPrefix(lower, "utf-16") || strings.HasPrefix(lower, "utf-32") || lower == "utf-7" || lower == "unicode-1-1-utf-7" {
		return decodeUnusual(lower, b)
	}
	if HasISO2022Escape(b) {
		s, bad := decodeWith(japanese.ISO2022JP, b)
		if bad > 0 {
			return s, "iso-2022-jp", fmt.Errorf("iso-2022-jp: %d undecodable sequences", bad)
		}
		return s, "iso-2022-jp", nil
	}
	if isASCII(b) {
		return string(b), "us-ascii", nil
	}
	enc, lerr := lookupCharset(label)
	switch {
	case lerr != nil || enc == nil:
		// Unknown, absent or UTF-8: valid UTF-8 wins, then Japanese.
		if utf8.Valid(b) {
			return string(b), "utf-8", lerr
		}
		if s, name, enc := sniffJapanese(b); enc != nil {
			if lerr != nil {
				return s, name, fmt.Errorf("%w; sniffed %s", lerr, name)
			}
			return s, name, nil
		}
		if enc == nil && lerr == nil && !isUTF8Label(lower) {
			// No label, or us-ascii with 8-bit bytes: old Western mail.
			// windows-1252 maps every byte, so nothing is lost to U+FFFD.
			s, _ := charmap.Windows1252.NewDecoder().Bytes(b)
			return string(s), "windows-1252", fmt.Errorf("undeclared 8-bit text: decoded as windows-1252")
		}
		s := strings.ToValidUTF8(string(b), "\uFFFD")
		if lerr == nil {
			lerr = fmt.Errorf("invalid utf-8: undecodable bytes replaced")
		}
		return s, "utf-8", lerr
	case isJapanese(enc):
		s, bad := decodeWith(enc, b)
		if bad == 0 {
			return s, strings.ToLower(label), nil
		}
		if utf8.Valid(b) {
			return string(b), "utf-8", nil
		}
		if s2, name, enc := sniffJapanese(b); enc != nil {
			return s2, name, nil
		}
		return s, strings.ToLower(label), fmt.Errorf("%s: %d undecodable sequences", lower, bad)
	default:
		// A single-byte or other label. Japanese bytes under a Latin label are
		// common; genuine Latin text rarely decodes as kana-rich Shift_JIS.
		if isSingleByteLabel(lower) {
			if utf8.Valid(b) && !isLatinLikely(b) {
				return string(b), "utf-8", nil
			}
			if s, name, enc := sniffJapanese(b); enc != nil {
				if sc, kana := jaScore(s); kana > 0 && sc*4 >= utf8.RuneCountInString(s)-asciiCount(s) {
					return s, name, nil
				}
			}
		}
		s, bad := decodeWith(enc, b)
		if bad > 0 {
			// Mislabelled UTF-8 is the commonest cause.
			if utf8.Valid(b) {
				return string(b), "utf-8", nil
			}
			return s, lower, fmt.Errorf("%s: %d undecodable sequences", lower, bad)
		}
		return s, lower, nil
	}
}

func asciiCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < 0x80 {
			n++
		}
	}
	return n
}

// isLatinLikely: valid UTF-8 made only of 2-byte sequences could still be
// Latin-1 pairs like "Ã©"; real UTF-8 text under a Latin label is trusted
// only when it has a 3-byte sequence (CJK, punctuation).
func isLatinLikely(b []byte) bool {
	for _, c := range b {
		if c >= 0xE0 {
			return false
		}
	}
	return true
}

func isUTF8Label(l string) bool { return l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8" }

func isSingleByteLabel(l string) bool {
	return strings.HasPrefix(l, "iso-8859") || strings.HasPrefix(l, "iso8859") || strings.HasPrefix(l, "windows-125") ||
		strings.HasPrefix(l, "cp125") || l == "latin1" || l == "latin-1" || l == "l1" || l == "us-ascii" || l == "ascii"
}

func decodeUnusual(l string, b []byte) (string, string, error) {
	var e encoding.Encoding
	switch {
	case strings.HasPrefix(l, "utf-16le"):
		e = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case strings.HasPrefix(l, "utf-16be"):
		e = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	case strings.HasPrefix(l, "utf-16"):
		e = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	default:
		// UTF-7 and UTF-32 are rare enough that an honest error beats a guess.
		if isASCII(b) && !strings.Contains(l, "utf-7") {
			return string(b), l, nil
		}
		if strings.Contains(l, "utf-7") {
			return decodeUTF7(b), "utf-7", nil
		}
		return strings.ToValidUTF8(string(b), "\uFFFD"), l, fmt.Errorf("%w %q: bytes kept as UTF-8", ErrUnknownCharset, l)
	}
	s, bad := decodeWith(e, b)
	if bad > 0 {
		return s, l, fmt.Errorf("%s: %d undecodable sequences", l, bad)
	}
	return s, l, nil
}
