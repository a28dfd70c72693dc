package people

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/unicode/norm"
)

// decodeText returns b as UTF-8 without a byte-order mark. Text that is not
// valid UTF-8 is read as CP932 (Shift_JIS as Windows writes it), which is
// what Excel saves "CSV" as on a Japanese Windows.
func decodeText(b []byte) ([]byte, error) {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return nil, errors.New("UTF-16 text; save it as UTF-8 (Excel: CSV UTF-8)")
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if utf8.Valid(b) {
		return b, nil
	}
	// x/text's ShiftJIS is the Windows code page 932 variant. It turns bytes
	// it cannot decode into U+FFFD, which CP932 cannot encode, so a U+FFFD in
	// the result means the bytes were neither UTF-8 nor CP932.
	u, err := japanese.ShiftJIS.NewDecoder().Bytes(b)
	if err != nil || bytes.ContainsRune(u, utf8.RuneError) {
		return nil, errors.New("neither UTF-8 nor CP932 (Shift_JIS) text")
	}
	return u, nil
}

// peopleColumns are the columns a people file may have; others are ignored.
var peopleColumns = []string{"name", "email", "phone"}

// parsePeople parses a people file: CSV with a header naming at least one
// of name, email and phone (any case, any order, other columns ignored).
// Rows with all three empty are skipped; a row that is malformed, has a
// different number of fields than the header or an e-mail or phone that
// cannot be one is an error naming its line and column, never its content
// (see ConfigError): the header row neither, it is whatever the first line
// of the file is.
func parsePeople(file string, text []byte) ([]KnownPerson, error) {
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = 0 // every row as long as the header
	r.ReuseRecord = true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, &ConfigError{File: file, Msg: "empty; want a CSV header with name, email or phone"}
	}
	if err != nil {
		return nil, csvError(file, err, 0)
	}
	width := len(header) // header is reused by the next Read
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if !slices.Contains(peopleColumns, h) {
			continue
		}
		if j, dup := col[h]; dup {
			// h is one of peopleColumns, not the file's text.
			return nil, &ConfigError{File: file, Line: 1, Msg: fmt.Sprintf("header row: column %s twice (columns %d and %d)", h, j+1, i+1)}
		}
		col[h] = i
	}
	if len(col) == 0 {
		return nil, &ConfigError{File: file, Line: 1, Msg: fmt.Sprintf("no header row naming the columns name, email or phone (found %d %s); "+
			"the first row must name them, like name,email,phone", len(header), plural(len(header), "column", "columns"))}
	}
	field := func(rec []string, name string) string {
		if i, ok := col[name]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var people []KnownPerson
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return people, nil
		}
		if err != nil {
			return nil, csvError(file, err, width)
		}
		line, _ := r.FieldPos(0)
		p := KnownPerson{
			Name:  field(rec, "name"),
			Email: field(rec, "email"),
			Phone: field(rec, "phone"),
			Line:  line,
		}
		if p.Name == "" && p.Email == "" && p.Phone == "" {
			continue
		}
		if p.Email != "" {
			if p.Email, err = normalizeEmail(p.Email); err != nil {
				return nil, &ConfigError{File: file, Line: line, Msg: fmt.Sprintf("email (column %d): %v; want one address like name@example.jp", col["email"]+1, err)}
			}
		}
		if p.Phone != "" && countDigits(norm.NFKC.String(p.Phone)) < 6 {
			return nil, &ConfigError{File: file, Line: line, Msg: fmt.Sprintf("phone (column %d): fewer than 6 digits", col["phone"]+1)}
		}
		people = append(people, p)
	}
}

// csvError turns an encoding/csv error into a ConfigError at its line.
// encoding/csv's messages quote nothing of the file.
func csvError(file string, err error, header int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := "CSV: " + pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) && header > 0 {
			msg += fmt.Sprintf("; want %d, as in the header row (quote a field that holds a comma)", header)
		}
		return &ConfigError{File: file, Line: pe.Line, Msg: msg, Err: err}
	}
	return &ConfigError{File: file, Msg: "CSV: " + err.Error(), Err: err}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// normalizeEmail returns an address NFKC-normalised (full-width ＠ and
// letters, common in Japanese lists, become ASCII) and lower-cased, after a
// sanity check: one @, something on each side, a dot in the domain, no
// spaces.
func normalizeEmail(s string) (string, error) {
	e := strings.ToLower(norm.NFKC.String(s))
	local, domain, ok := strings.Cut(e, "@")
	switch {
	case !ok || local == "" || domain == "":
		return "", errors.New("not an e-mail address")
	case strings.Contains(domain, "@"):
		return "", errors.New("more than one @")
	case !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, "."):
		return "", errors.New("domain without a dot")
	case strings.IndexFunc(e, unicode.IsSpace) >= 0:
		return "", errors.New("contains a space")
	}
	return e, nil
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}
