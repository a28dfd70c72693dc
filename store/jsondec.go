package store

import (
	"encoding/json"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// DecodeFinding decodes a findings line into f, as json.Unmarshal would.
// Lines as AppendFinding writes them (a flat object of strings and
// numbers) are decoded by hand, several times faster: reading the findings
// file is most of what people, report and the index build spend outside
// their own work. Anything else falls back to encoding/json, so a line
// edited by hand still decodes (FuzzDecodeFinding keeps the two equal).
func DecodeFinding(line []byte, f *Finding) error {
	var g Finding
	if decodeFlat(line, &g) {
		*f = g
		return nil
	}
	*f = Finding{}
	return json.Unmarshal(line, f)
}

// decodeFlat decodes a flat object of known keys; false if the line is
// anything else (unknown or repeated keys included), to fall back.
func decodeFlat(b []byte, f *Finding) bool {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return skipSpace(b, i+1) == len(b)
	}
	var seen uint32
	for {
		if i >= len(b) || b[i] != '"' {
			return false
		}
		key, j, ok := readString(b, i)
		if !ok {
			return false
		}
		i = skipSpace(b, j)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipSpace(b, i+1)
		bit, str, num := findingField(f, key)
		if bit == 0 || seen&bit != 0 {
			return false
		}
		seen |= bit
		switch {
		case str != nil:
			if i >= len(b) || b[i] != '"' {
				return false
			}
			*str, i, ok = readString(b, i)
		case num != nil:
			i, ok = readNumber(b, i, num)
		}
		if !ok {
			return false
		}
		i = skipSpace(b, i)
		if i >= len(b) {
			return false
		}
		if b[i] == '}' {
			return skipSpace(b, i+1) == len(b)
		}
		if b[i] != ',' {
			return false
		}
		i = skipSpace(b, i+1)
	}
}

// number is a numeric field: float for confidence, int for offsets.
type number struct {
	f *float64
	i *int
}

// findingField returns the bit of a key and where its value goes.
func findingField(f *Finding, key string) (uint32, *string, *number) {
	switch key {
	case "id":
		return 1 << 0, &f.ID, nil
	case "type":
		return 1 << 1, &f.Type, nil
	case "value":
		return 1 << 2, &f.Value, nil
	case "written":
		return 1 << 3, &f.Written, nil
	case "masked":
		return 1 << 4, &f.Masked, nil
	case "confidence":
		return 1 << 5, nil, &number{f: &f.Confidence}
	case "detector":
		return 1 << 6, &f.Detector, nil
	case "message_id":
		return 1 << 7, &f.MessageID, nil
	case "message_sha256":
		return 1 << 8, &f.MessageSHA256, nil
	case "source":
		return 1 << 9, &f.Source, nil
	case "date":
		return 1 << 10, &f.Date, nil
	case "location":
		return 1 << 11, &f.Location, nil
	case "part":
		return 1 << 12, &f.Part, nil
	case "start":
		return 1 << 13, nil, &number{i: &f.Start}
	case "end":
		return 1 << 14, nil, &number{i: &f.End}
	case "context":
		return 1 << 15, &f.Context, nil
	case "person":
		return 1 << 16, &f.Person, nil
	case "password_from":
		return 1 << 17, &f.PasswordFrom, nil
	case "scope":
		return 1 << 18, &f.Scope, nil
	}
	return 0, nil, nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// readNumber reads a JSON number into n: a float, or an int that must be
// one (encoding/json refuses 1.5 for an int).
func readNumber(b []byte, i int, n *number) (int, bool) {
	j := i
	for j < len(b) && (b[j] == '-' || b[j] == '+' || b[j] == '.' || b[j] == 'e' || b[j] == 'E' || '0' <= b[j] && b[j] <= '9') {
		j++
	}
	s := string(b[i:j])
	if !validNumber(s) {
		return 0, false
	}
	if n.f != nil {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, false
		}
		*n.f = v
		return j, true
	}
	v, err := strconv.ParseInt(s, 10, strconv.IntSize)
	if err != nil {
		return 0, false
	}
	*n.i = int(v)
	return j, true
}

// validNumber checks the JSON number grammar (strconv takes more: "+1",
// "01", ".5", "1.").
func validNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// readString reads the JSON string starting at b[i] == '"' and returns it
// and the index after its closing quote. Invalid UTF-8 becomes U+FFFD, as
// encoding/json makes it.
func readString(b []byte, i int) (string, int, bool) {
	i++
	start := i
	// The common case: no escape, all ASCII or valid UTF-8.
	for i < len(b) {
		c := b[i]
		if c == '"' {
			s := b[start:i]
			if utf8.Valid(s) {
				return string(s), i + 1, true
			}
			break
		}
		if c == '\\' || c < 0x20 {
			break
		}
		i++
	}
	// Slow path: escapes or invalid UTF-8.
	out := make([]byte, 0, i-start+16)
	out = append(out, b[start:i]...)
	if !utf8.Valid(out) {
		out = []byte(string([]rune(string(out)))) // invalid bytes → U+FFFD
	}
	for i < len(b) {
		c := b[i]
		switch {
		case c == '"':
			return string(out), i + 1, true
		case c < 0x20:
			return "", 0, false
		case c == '\\':
			if i+1 >= len(b) {
				return "", 0, false
			}
			switch b[i+1] {
			case '"', '\\', '/':
				out = append(out, b[i+1])
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := hex4(b, i+2)
				if !ok {
					return "", 0, false
				}
				i += 6
				if utf16.IsSurrogate(r) {
					r2, ok2 := rune(-1), false
					if i+1 < len(b) && b[i] == '\\' && b[i+1] == 'u' {
						r2, ok2 = hex4(b, i+2)
					}
					if dec := utf16.DecodeRune(r, r2); ok2 && dec != utf8.RuneError {
						i += 6
						r = dec
					} else {
						r = utf8.RuneError
					}
				}
				out = utf8.AppendRune(out, r)
				continue
			default:
				return "", 0, false
			}
			i += 2
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			out = utf8.AppendRune(out, r)
			i += size
		}
	}
	return "", 0, false
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
