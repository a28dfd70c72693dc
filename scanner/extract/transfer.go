package extract

import (
	"fmt"
	"strings"
)

// decodeTransfer undoes a Content-Transfer-Encoding leniently: it returns
// everything that decodes and an error describing what did not.
func decodeTransfer(cte string, b []byte) ([]byte, error) {
	switch cte {
	case "", "7bit", "8bit", "binary", "7-bit", "8-bit":
		return b, nil
	case "base64":
		return decodeBase64(b)
	case "quoted-printable":
		return decodeQP(b)
	case "x-uuencode", "x-uue", "uuencode":
		return decodeUU(b)
	default:
		return b, fmt.Errorf("unknown transfer encoding %q: kept as is", cte)
	}
}

var b64val = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xFF
	}
	const alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := 0; i < len(alpha); i++ {
		t[alpha[i]] = byte(i)
	}
	// URL-safe variants appear in broken mailers; accept them.
	t['-'] = 62
	t['_'] = 63
	return t
}()

// decodeBase64 skips characters outside the alphabet and decodes a trailing
// partial quantum as far as it goes, unlike encoding/base64 which returns
// nothing useful on the first bad byte.
func decodeBase64(b []byte) ([]byte, error) {
	out := make([]byte, 0, len(b)*3/4)
	var q [4]byte
	n, bad, pad := 0, 0, false
	for _, c := range b {
		v := b64val[c]
		if v == 0xFF {
			switch c {
			case ' ', '\t', '\r', '\n':
			case '=':
				pad = true
			default:
				bad++
			}
			continue
		}
		if pad {
			// Data after padding: concatenated base64 blocks; flush and go on.
			n = flushQuantum(&out, q, n)
			pad = false
		}
		q[n] = v
		n++
		if n == 4 {
			out = append(out, q[0]<<2|q[1]>>4, q[1]<<4|q[2]>>2, q[2]<<6|q[3])
			n = 0
		}
	}
	trailing := n
	n = flushQuantum(&out, q, n)
	var problems []string
	if bad > 0 {
		problems = append(problems, fmt.Sprintf("%d invalid characters skipped", bad))
	}
	// Two or three characters without padding decode losslessly (many
	// mailers omit '='); a single one cannot carry a byte: truncation.
	if trailing == 1 {
		problems = append(problems, "truncated input (1 character in the last group)")
	}
	if problems != nil {
		return out, fmt.Errorf("base64: %s", strings.Join(problems, ", "))
	}
	return out, nil
}

func flushQuantum(out *[]byte, q [4]byte, n int) int {
	switch n {
	case 2:
		*out = append(*out, q[0]<<2|q[1]>>4)
	case 3:
		*out = append(*out, q[0]<<2|q[1]>>4, q[1]<<4|q[2]>>2)
	}
	return 0
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// decodeQP decodes quoted-printable, keeping malformed escapes literally
// (go-message loses the whole part on them: emersion/go-message#192).
func decodeQP(b []byte) ([]byte, error) {
	out := make([]byte, 0, len(b))
	bad := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '=':
			if i+2 < len(b) {
				h, ok1 := unhex(b[i+1])
				l, ok2 := unhex(b[i+2])
				if ok1 && ok2 {
					out = append(out, h<<4|l)
					i += 2
					continue
				}
			}
			// Soft line break: "=" then optional whitespace then line end.
			j := i + 1
			for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
				j++
			}
			if j == len(b) {
				i = j - 1
				continue
			}
			if b[j] == '\n' {
				i = j
				continue
			}
			if b[j] == '\r' {
				if j+1 < len(b) && b[j+1] == '\n' {
					j++
				}
				i = j
				continue
			}
			bad++
			out = append(out, c)
		case c == ' ' || c == '\t':
			// Trailing whitespace before a line end was added in transport.
			j := i
			for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
				j++
			}
			if j < len(b) && b[j] != '\r' && b[j] != '\n' {
				out = append(out, b[i:j]...)
			}
			i = j - 1
		default:
			out = append(out, c)
		}
	}
	if bad > 0 {
		return out, fmt.Errorf("quoted-printable: %d malformed escapes kept literally", bad)
	}
	return out, nil
}

// decodeUU decodes a uuencoded body ("begin 644 name" ... "end").
func decodeUU(b []byte) ([]byte, error) {
	lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	var out []byte
	in, bad := false, 0
	for _, l := range lines {
		if !in {
			if strings.HasPrefix(l, "begin ") {
				in = true
			}
			continue
		}
		if l == "end" {
			break
		}
		if l == "" {
			continue
		}
		n := int((l[0] - ' ') & 0x3F)
		if n == 0 {
			continue
		}
		var buf []byte
		for i := 1; i < len(l); i += 4 {
			c := func(k int) byte {
				if i+k < len(l) {
					return (l[i+k] - ' ') & 0x3F
				}
				return 0
			}
			buf = append(buf, c(0)<<2|c(1)>>4, c(1)<<4|c(2)>>2, c(2)<<6|c(3))
		}
		if len(buf) < n {
			bad++
			n = len(buf)
		}
		out = append(out, buf[:n]...)
	}
	if !in {
		return b, fmt.Errorf("uuencode: no begin line: kept as is")
	}
	if bad > 0 {
		return out, fmt.Errorf("uuencode: %d short lines", bad)
	}
	return out, nil
}
