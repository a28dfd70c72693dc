package extract

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// splitHeader splits a message into its header block and body. A message
// without the blank line is all header, unless a line that is clearly not
// a header field starts the body; both are reported.
func splitHeader(b []byte) (hdr, body []byte, problems []string) {
	pos := 0
	for pos < len(b) {
		end := bytes.IndexByte(b[pos:], '\n')
		var line []byte
		next := len(b)
		if end >= 0 {
			line = b[pos : pos+end]
			next = pos + end + 1
		} else {
			line = b[pos:]
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 {
			return b[:pos], b[next:], problems
		}
		if line[0] != ' ' && line[0] != '\t' && !isFieldLine(line) && pos > 0 {
			// Not a field and not a continuation: the body began without the
			// blank line, unless more fields follow (then this is junk).
			if !fieldsFollow(b[next:]) {
				problems = append(problems, "header not ended by a blank line: body starts at the first line that is not a header field")
				return b[:pos], b[pos:], problems
			}
		}
		pos = next
	}
	return b, nil, problems
}

func fieldsFollow(b []byte) bool {
	end := bytes.IndexByte(b, '\n')
	if end < 0 {
		end = len(b)
	}
	line := bytes.TrimSuffix(b[:end], []byte("\r"))
	return len(line) > 0 && isFieldLine(line)
}

// isFieldLine: "Name:" where Name is printable ASCII. RFC 5322 forbids
// spaces in names, but real and test mail has them ("X-Script/f\t !:"),
// and dropping such a field would misplace the body; a line starting with
// a space is a continuation, never a field.
func isFieldLine[T []byte | string](line T) bool {
	if len(line) == 0 || line[0] == ' ' || line[0] == '\t' {
		return false
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == ':' {
			return i > 0
		}
		if (c < ' ' && c != '\t') || c > '~' {
			return false // not a field name byte
		}
	}
	return false
}

// header is a parsed header block: its fields in order, with keys as
// written and values unfolded. It gives what go-message's textproto.Header
// gave for the same block (Get, Values), without a map and an allocation
// per field.
type header struct {
	fields []headerField
}

type headerField struct {
	key   string // name as written (spaces fixed, see parseHeader)
	value string // continuation lines joined with one space, each trimmed
}

// Get returns the first value of the field named k (a canonical key such
// as "Content-Type"), or "".
func (h *header) Get(k string) string {
	for i := range h.fields {
		if keyIs(h.fields[i].key, k) {
			return h.fields[i].value
		}
	}
	return ""
}

// Values returns every value of the field named k, in order.
func (h *header) Values(k string) []string {
	var out []string
	for i := range h.fields {
		if keyIs(h.fields[i].key, k) {
			out = append(out, h.fields[i].value)
		}
	}
	return out
}

// keyIs reports whether name, as textproto canonicalizes it, is the
// canonical key k: a name with a byte outside the token set is left as it
// is by canonicalization (so never equals a token k); otherwise case
// does not matter.
func keyIs(name, k string) bool {
	if len(name) != len(k) {
		return false
	}
	for i := 0; i < len(name); i++ {
		c, d := name[i], k[i]
		if c == d {
			if !isTokenByte(c) {
				return false
			}
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'A' <= d && d <= 'Z' {
			d += 'a' - 'A'
		}
		if c != d || !isTokenByte(c) {
			return false
		}
	}
	return true
}

// isTokenByte: RFC 7230 tchar, what net/textproto canonicalizes.
func isTokenByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// trimSpaceTab trims spaces and tabs, as textproto does for values.
func trimSpaceTab(s string) string {
	i, n := 0, len(s)
	for i < n && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	for n > i && (s[n-1] == ' ' || s[n-1] == '\t') {
		n--
	}
	return s[i:n]
}

// parseHeader reads a header block, dropping lines that are neither fields
// nor continuations (go-message rejects the whole message for one such line).
// A value is its line after the colon and its continuation lines, each
// trimmed of spaces and tabs, the empty ones dropped, joined by a space.
func parseHeader(hdr []byte) (header, []string) {
	var problems []string
	src := string(hdr) // values are substrings of this one copy where possible
	h := header{fields: make([]headerField, 0, fieldLines(src))}
	lineNo := 0
	started := false
	var join []byte // value of the current field when continued
	joined := false
	finish := func() {
		if joined {
			h.fields[len(h.fields)-1].value = string(join)
			joined = false
		}
	}
	for len(src) > 0 {
		lineNo++
		end := strings.IndexByte(src, '\n')
		var line string
		if end < 0 {
			line, src = src, ""
		} else {
			line, src = src[:end], src[end+1:]
		}
		line = strings.TrimSuffix(line, "\r")
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') {
			if !started {
				problems = append(problems, fmt.Sprintf("header line %d: continuation without a field: dropped", lineNo))
				continue
			}
			t := trimSpaceTab(line)
			if t == "" {
				continue
			}
			f := &h.fields[len(h.fields)-1]
			if !joined {
				if f.value == "" {
					f.value = t
					continue
				}
				join = append(append(join[:0], f.value...), ' ')
				joined = true
			} else {
				join = append(join, ' ')
			}
			join = append(join, t...)
			continue
		}
		if !isFieldLine(line) {
			if lineNo == 1 && strings.HasPrefix(line, "From ") {
				continue // an mbox envelope line left in an .eml file
			}
			problems = append(problems, fmt.Sprintf("header line %d: no colon: dropped", lineNo))
			continue
		}
		finish()
		started = true
		i := strings.IndexByte(line, ':')
		name := line[:i]
		// textproto wanted a token name: spaces before the colon are
		// stripped and inner ones turned into '_' (the value is intact).
		if strings.ContainsAny(name, " \t") {
			name = strings.Map(func(r rune) rune {
				if r == ' ' || r == '\t' {
					return '_'
				}
				return r
			}, strings.TrimRight(name, " \t"))
		}
		h.fields = append(h.fields, headerField{key: name, value: trimSpaceTab(line[i+1:])})
	}
	finish()
	return h, problems
}

// fieldLines counts the lines of a header block that may start a field:
// the capacity of its fields, allocated once (a header of a million
// fields grew its slice to five times its size).
func fieldLines(src string) int {
	n := 0
	for len(src) > 0 {
		if src[0] != ' ' && src[0] != '\t' {
			n++
		}
		i := strings.IndexByte(src, '\n')
		if i < 0 {
			break
		}
		src = src[i+1:]
	}
	return n
}

// headerDecoder decodes header values: raw 8-bit bytes first (sniffed),
// then RFC 2047 encoded words with every charset lookupCharset knows.
type headerDecoder struct {
	wd       mime.WordDecoder
	problems []string
}

func newHeaderDecoder() *headerDecoder {
	d := &headerDecoder{}
	d.wd.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if l := strings.ToLower(label); l == "utf-7" || l == "unicode-1-1-utf-7" {
			b, _ := io.ReadAll(in)
			return strings.NewReader(decodeUTF7(b)), nil
		}
		// Encoded words are short: decode them whole. A streaming reader
		// here costs mime's io.Copy a 32 KiB buffer per word.
		b, err := io.ReadAll(in)
		if err != nil {
			return nil, err
		}
		enc, err := lookupCharset(label)
		if err != nil {
			// Salvage: sniff the bytes instead of leaving the word encoded.
			s, _, _ := decodeText("", b)
			d.problems = append(d.problems, err.Error())
			return strings.NewReader(s), nil
		}
		if enc == nil {
			return bytes.NewReader(b), nil
		}
		out, err := enc.NewDecoder().Bytes(b)
		if err != nil {
			d.problems = append(d.problems, fmt.Sprintf("%s: %v", label, err))
		}
		return bytes.NewReader(out), nil
	}
	return d
}

// value decodes one raw header value.
func (d *headerDecoder) value(name, raw string) string {
	v := raw
	// ESC first: the conversion copies v, which can be megabytes.
	if strings.IndexByte(v, 0x1b) >= 0 && HasISO2022Escape([]byte(v)) {
		v, _, _ = decodeText("iso-2022-jp", []byte(v))
	} else if !isASCII([]byte(v)) && !utf8.ValidString(v) {
		if s, _, enc := sniffJapanese([]byte(v)); enc != nil {
			v = s
		} else if hasValidMultibyte(v) {
			// Mostly UTF-8 with some bad bytes: keep the good text.
			v = strings.ToValidUTF8(v, "\uFFFD")
			d.problems = append(d.problems, fmt.Sprintf("header %s: invalid UTF-8 bytes replaced", name))
		} else {
			s, _ := charmap.Windows1252.NewDecoder().String(v)
			v = s
			d.problems = append(d.problems, fmt.Sprintf("header %s: undeclared 8-bit bytes decoded as windows-1252", name))
		}
	}
	if strings.Contains(v, "=?") {
		if s, err := d.wd.DecodeHeader(v); err == nil {
			v = s
		} else {
			d.problems = append(d.problems, fmt.Sprintf("header %s: %v", name, err))
		}
	}
	return strings.TrimSpace(v)
}

// addresses parses an address list leniently: what net/mail rejects is
// split on commas and salvaged piece by piece. It parses at most limit
// addresses (parsing leaves a few hundred bytes of garbage per address,
// and a header can hold millions): a longer list is cut before its
// limit-th comma (see cutAddressList) and unparsed counts the bytes after
// the cut, 0 when the whole list was parsed.
func (d *headerDecoder) addresses(name, raw string, limit int) (list []Address, unparsed int) {
	if strings.TrimSpace(raw) == "" {
		return nil, 0
	}
	v := raw
	if !isASCII([]byte(v)) {
		v = d.value(name, raw) // raw 8-bit names: decode first
	}
	head, cut := cutAddressList(v, limit)
	list = d.parseList(name, head)
	if !cut {
		return list, 0
	}
	if len(list) > limit { // cannot happen: a list has a comma between addresses
		list = list[:limit]
	}
	return list, len(v) - len(head)
}

// parseList parses a whole address list, salvaging what net/mail rejects.
func (d *headerDecoder) parseList(name, v string) []Address {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	p := mail.AddressParser{WordDecoder: &d.wd}
	if list, err := p.ParseList(v); err == nil {
		out := make([]Address, 0, len(list))
		for _, a := range list {
			out = append(out, Address{Name: d.displayName(name, a.Name), Addr: a.Address})
		}
		return out
	}
	var out []Address
	for _, piece := range splitAddressList(v) {
		if a, err := p.Parse(piece); err == nil {
			out = append(out, Address{Name: d.displayName(name, a.Name), Addr: a.Address})
			continue
		}
		out = append(out, salvageAddress(d.value(name, piece)))
	}
	return out
}

// cutAddressList returns the part of the address list v before its
// limit-th comma, and whether that leaves something out. Every comma
// counts, in quotes and comments too: both net/mail (which needs a comma
// after each address, in groups too) and splitAddressList make at most
// one address more than there are commas, so the head holds at most limit
// addresses whichever of them parses it. Scanning for commas allocates
// nothing, whatever the length of v.
func cutAddressList(v string, limit int) (head string, cut bool) {
	if limit <= 0 {
		return "", strings.TrimSpace(v) != ""
	}
	i := -1
	for range limit {
		j := strings.IndexByte(v[i+1:], ',')
		if j < 0 {
			return v, false
		}
		i += 1 + j
	}
	if strings.Trim(v[i:], ", \t\r\n") == "" {
		return v, false // only separators after the limit-th comma
	}
	return v[:i], true
}

// displayName decodes encoded words that mailers put inside quotes
// ("=?ISO-2022-JP?B?...?=" <a@b>), which RFC 2047 forbids and net/mail
// therefore leaves encoded.
func (d *headerDecoder) displayName(field, n string) string {
	n = strings.TrimSpace(n)
	if strings.Contains(n, "=?") {
		return d.value(field, n)
	}
	return n
}

// hasValidMultibyte reports whether s holds at least one well-formed
// multi-byte UTF-8 sequence.
func hasValidMultibyte(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if size > 1 && r != utf8.RuneError {
			return true
		}
		i += size
	}
	return false
}

// splitAddressList splits on commas outside quotes and angle brackets.
func splitAddressList(s string) []string {
	var out []string
	depth, quoted, start := 0, false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case '<':
			depth++
		case '>':
			if depth > 0 {
				depth--
			}
		case ',':
			if !quoted && depth == 0 {
				if p := strings.TrimSpace(s[start:i]); p != "" {
					out = append(out, p)
				}
				start = i + 1
			}
		}
	}
	if p := strings.TrimSpace(s[start:]); p != "" {
		out = append(out, p)
	}
	return out
}

func salvageAddress(s string) Address {
	if i := strings.LastIndexByte(s, '<'); i >= 0 {
		if j := strings.IndexByte(s[i:], '>'); j > 0 {
			return Address{Name: strings.Trim(strings.TrimSpace(s[:i]), `"`), Addr: strings.TrimSpace(s[i+1 : i+j])}
		}
	}
	if strings.Contains(s, "@") && !strings.ContainsAny(s, " \t") {
		return Address{Addr: s}
	}
	return Address{Name: strings.Trim(s, `" `)}
}

func formatAddresses(list []Address) string {
	n := 0
	for _, a := range list {
		n += len(a.Name) + len(a.Addr) + 5
	}
	var b strings.Builder
	b.Grow(n)
	for i, a := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		switch {
		case a.Name != "" && a.Addr != "":
			b.WriteString(a.Name)
			b.WriteString(" <")
			b.WriteString(a.Addr)
			b.WriteByte('>')
		case a.Addr != "":
			b.WriteString(a.Addr)
		default:
			b.WriteString(a.Name)
		}
	}
	return b.String()
}

var dateLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04:05",
	"Mon Jan 2 15:04:05 2006",
	"Mon Jan 2 15:04:05 MST 2006",
	"2006-01-02 15:04:05 -0700",
	"2006/01/02 15:04:05",
	time.RFC3339,
}

// parseDate parses the Date header as net/mail does, then with layouts
// seen in broken mailers.
func parseDate(raw string) (time.Time, bool) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return time.Time{}, false
	}
	// The common form first: mail.ParseDate allocates an error per layout
	// it tries, a tenth of the decoding time on ordinary mail.
	if t, err := time.Parse("Mon, _2 Jan 2006 15:04:05 -0700", s); err == nil {
		return t, true
	}
	if t, err := mail.ParseDate(s); err == nil {
		return t, true
	}
	if i := strings.IndexByte(s, '('); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Replace(s, " JST", " +0900", 1)
	s = strings.Replace(s, " UT", " +0000", 1)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
