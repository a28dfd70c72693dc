package source

import (
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// errBadUTF7 says a folder name is not valid modified UTF-7; the name is
// then shown as it is on disk.
var errBadUTF7 = errors.New("maildir: invalid modified UTF-7")

// decodeModifiedUTF7 decodes an IMAP mailbox name in modified UTF-7 (RFC
// 3501 section 5.1.3), the encoding Dovecot and Courier use for folder
// names on disk: "&ZeVnLIqe-" is "日本語", "&-" is "&".
func decodeModifiedUTF7(s string) (string, error) {
	if !strings.Contains(s, "&") {
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] > 0x7e {
				return "", errBadUTF7
			}
		}
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e {
			return "", errBadUTF7
		}
		if c != '&' {
			b.WriteByte(c)
			continue
		}
		end := strings.IndexByte(s[i+1:], '-')
		if end < 0 {
			return "", errBadUTF7
		}
		enc := s[i+1 : i+1+end]
		i += end + 1
		if enc == "" {
			b.WriteByte('&')
			continue
		}
		units, err := decodeUTF7Base64(enc)
		if err != nil {
			return "", err
		}
		for _, r := range utf16.Decode(units) {
			if r == utf8.RuneError || r < 0x80 {
				// Printable ASCII must not be encoded; lone surrogates decode to RuneError.
				return "", errBadUTF7
			}
			b.WriteRune(r)
		}
	}
	return b.String(), nil
}

// decodeUTF7Base64 decodes the modified base64 ("," for "/", no padding) of
// one shifted run into UTF-16 code units.
func decodeUTF7Base64(enc string) ([]uint16, error) {
	var (
		bits  uint32
		nbits uint
		buf   []byte
	)
	for i := 0; i < len(enc); i++ {
		v, ok := utf7Value(enc[i])
		if !ok {
			return nil, errBadUTF7
		}
		bits = bits<<6 | uint32(v)
		nbits += 6
		if nbits >= 8 {
			nbits -= 8
			buf = append(buf, byte(bits>>nbits))
			bits &= 1<<nbits - 1
		}
	}
	// Leftover bits must be zero padding of fewer than 6 bits, and the
	// bytes whole UTF-16 units.
	if nbits >= 6 || bits != 0 || len(buf)%2 != 0 || len(buf) == 0 {
		return nil, errBadUTF7
	}
	units := make([]uint16, len(buf)/2)
	for i := range units {
		units[i] = uint16(buf[2*i])<<8 | uint16(buf[2*i+1])
	}
	return units, nil
}

func utf7Value(c byte) (byte, bool) {
	switch {
	case c >= 'A' && c <= 'Z':
		return c - 'A', true
	case c >= 'a' && c <= 'z':
		return c - 'a' + 26, true
	case c >= '0' && c <= '9':
		return c - '0' + 52, true
	case c == '+':
		return 62, true
	case c == ',':
		return 63, true
	}
	return 0, false
}

// folderName decodes each "/"-separated part of a folder path that is
// valid modified UTF-7 and keeps the others as they are.
func folderName(p string) string {
	parts := strings.Split(p, "/")
	for i, part := range parts {
		if d, err := decodeModifiedUTF7(part); err == nil {
			parts[i] = d
		}
	}
	return strings.Join(parts, "/")
}
