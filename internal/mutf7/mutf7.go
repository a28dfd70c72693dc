// Package mutf7 is IMAP's modified UTF-7 (RFC 3501 section 5.1.3), the
// encoding of mailbox names on the wire and of Maildir++ folder names on
// disk (Dovecot, Courier).
package mutf7

import (
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrInvalid says a name is not valid modified UTF-7.
var ErrInvalid = errors.New("invalid modified UTF-7")

// Encode encodes s in IMAP modified UTF-7 (RFC 3501 section 5.1.3):
// printable ASCII as itself, "&" as "&-", everything else as "&"
// modified-base64 UTF-16 "-".
func Encode(s string) string {
	var b strings.Builder
	var run []rune
	flush := func() {
		if len(run) == 0 {
			return
		}
		const alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,"
		b.WriteByte('&')
		var bits uint32
		var n uint
		for _, u := range utf16.Encode(run) {
			for _, c := range [2]byte{byte(u >> 8), byte(u)} {
				bits = bits<<8 | uint32(c)
				n += 8
				for n >= 6 {
					n -= 6
					b.WriteByte(alpha[(bits>>n)&63])
				}
				bits &= 1<<n - 1
			}
		}
		if n > 0 {
			b.WriteByte(alpha[(bits<<(6-n))&63])
		}
		b.WriteByte('-')
		run = run[:0]
	}
	for _, r := range s {
		switch {
		case r == '&':
			flush()
			b.WriteString("&-")
		case r >= 0x20 && r <= 0x7e:
			flush()
			b.WriteRune(r)
		default:
			run = append(run, r)
		}
	}
	flush()
	return b.String()
}

// Decode decodes an IMAP mailbox name in modified UTF-7 (RFC
// 3501 section 5.1.3), the encoding Dovecot and Courier use for folder
// names on disk: "&ZeVnLIqe-" is "日本語", "&-" is "&".
func Decode(s string) (string, error) {
	if !strings.Contains(s, "&") {
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] > 0x7e {
				return "", ErrInvalid
			}
		}
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e {
			return "", ErrInvalid
		}
		if c != '&' {
			b.WriteByte(c)
			continue
		}
		end := strings.IndexByte(s[i+1:], '-')
		if end < 0 {
			return "", ErrInvalid
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
		for k := 0; k < len(units); k++ {
			r := rune(units[k])
			if utf16.IsSurrogate(r) {
				if k+1 == len(units) {
					return "", ErrInvalid // a lone surrogate
				}
				k++
				if r = utf16.DecodeRune(r, rune(units[k])); r == utf8.RuneError {
					return "", ErrInvalid
				}
			}
			if r < 0x80 {
				return "", ErrInvalid // printable ASCII must not be encoded
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
			return nil, ErrInvalid
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
		return nil, ErrInvalid
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
