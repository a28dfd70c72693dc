package mrz

import (
	"fmt"
	"strings"
)

// Format is the layout of a machine-readable zone (ICAO 9303 Parts 4–6).
type Format int

// The three MRZ layouts.
const (
	TD1 Format = 1 // ID cards: 3 lines of 30 characters
	TD2 Format = 2 // ID cards and MRV-B visas: 2 lines of 36
	TD3 Format = 3 // passports and MRV-A visas: 2 lines of 44
)

func (f Format) String() string { return fmt.Sprintf("TD%d", int(f)) }

// Span is a byte range [Start, End) of the parsed text.
type Span struct{ Start, End int }

// Document is one machine-readable zone read from text. Fields whose
// check digit failed are left empty; Number is the document number
// without fillers. Issuer and Nationality are codes of the ICAO 9303
// Part 3 list without fillers, digits OCR read for their letters
// repaired, or "" when the field holds no code of the list.
type Document struct {
	Format      Format
	Code        string // document code without fillers: "P", "PK", "I", "ID", "V"
	Issuer      string // issuing state or organisation: an ICAO code, as Nationality
	Number      string // document number, "" unless its check digit passed
	Nationality string // ICAO 9303 code: "JPN", "D" (see NationalityCode), "" if garbled
	BirthDate   string // YYYY-MM-DD, "" unless its check digit passed
	Sex         string // "M", "F", "X", or "" for unspecified
	Expiry      string // YYYY-MM-DD, "" if unreadable
	Surname     string // primary identifier, '<' read as space; not checked by any digit
	GivenNames  string

	// NumberOK, BirthOK and ExpiryOK say which field check digits passed;
	// Composite that the composite check digit over all of them passed
	// (always false for visas, which have none).
	NumberOK, BirthOK, ExpiryOK, Composite bool
	// NumberCheck is the number's check digit as read, '0'–'9' (0 if
	// unreadable), even when Number is empty: what a copy of the number
	// printed elsewhere on the page must pass.
	NumberCheck byte
	// Corrected says that characters were changed to pass the checks or
	// to read a code of the ICAO list: an OCR confusion (O/0, I/1, S/5,
	// B/8 …) repaired.
	Corrected bool

	Span            Span // the whole zone
	NumberSpan      Span
	BirthSpan       Span
	NationalitySpan Span
	SexSpan         Span
}

// Confidence levels of a document's fields.
const (
	// AllChecksConfidence: every field check digit and the composite one
	// passed as read; a random string passes with odds below 1e-4.
	AllChecksConfidence = 0.99
	// CorrectedConfidence: all checks passed after OCR repair.
	CorrectedConfidence = 0.96
	// FieldChecksConfidence: the three field check digits passed but the
	// composite did not or does not exist (visas).
	FieldChecksConfidence = 0.92
	// PartialConfidence: two of the three field check digits passed.
	PartialConfidence = 0.8
)

// Confidence returns how sure the reading is, by the check digits that
// passed.
func (d *Document) Confidence() float64 {
	switch n := d.checks(); {
	case n == 3 && d.Composite && d.Corrected:
		return CorrectedConfidence
	case n == 3 && d.Composite:
		return AllChecksConfidence
	case n == 3:
		return FieldChecksConfidence
	default:
		return PartialConfidence
	}
}

// IsPassport reports whether the document is a passport (code P…), whose
// number is a passport number.
func (d *Document) IsPassport() bool { return strings.HasPrefix(d.Code, "P") }

func (d *Document) checks() int {
	n := 0
	for _, ok := range []bool{d.NumberOK, d.BirthOK, d.ExpiryOK} {
		if ok {
			n++
		}
	}
	return n
}

// Parse finds the machine-readable zones in s: runs of two or three text
// lines (blank lines between them are allowed, as OCR emits them) of
// about the standard length, whose fields parse and whose check digits
// pass. A zone is accepted when its composite check digit passes or at
// least two of the document number, birth date and expiry check digits
// pass (with no composite, the odds that a random line passes two are
// 1 in 100, and the layout rules out ordinary text). OCR misreads are
// tolerated as described at lex and fit, and, in a passport's number, by
// reading characters that do not fit its issuer's number format as the
// ones OCR confuses them with (see repair). Spans are byte offsets into
// s; the zones are in text order.
func Parse(s string) []Document {
	lines := textLines(s)
	var docs []Document
	for i := range lines {
		if d, ok := parseAt(s, lines, i); ok {
			if n := len(docs); n > 0 && docs[n-1].Span.End > d.Span.Start {
				continue // a line of the previous zone read as the start of another
			}
			docs = append(docs, d)
		}
	}
	return docs
}

// textLine is a trimmed line of the text that may be an MRZ line; next
// says that the following textLine comes right after it (only blank lines
// between).
type textLine struct {
	start, end int
	blanks     bool // has blanks inside
	next       bool
}

// maxGap is how many blank lines may separate two lines of one zone.
const maxGap = 2

// textLines returns the lines of s that have the length of an MRZ line.
func textLines(s string) []textLine {
	var out []textLine
	gap := maxGap + 1 // blank lines since the last candidate line
	for pos := 0; pos <= len(s); {
		end := strings.IndexByte(s[pos:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += pos
		}
		a, b := trim(s, pos, end)
		switch {
		case a == b:
			gap++
		case b-a >= minLine && b-a <= maxLineBytes && quick(s[a:b]):
			if n := len(out); n > 0 && gap <= maxGap {
				out[n-1].next = true
			}
			out = append(out, textLine{start: a, end: b, blanks: hasBlank(s[a:b])})
			gap = 0
		default:
			gap = maxGap + 1
		}
		pos = end + 1
	}
	return out
}

// quick reports whether line may lex to a plausible MRZ line, without
// allocating: most text lines fail at their fourth odd character.
func quick(line string) bool {
	valid, blanks, unknown := 0, 0, 0
	for _, r := range line {
		switch {
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '<',
			r == '‹' || r == '＜' || r == '〈' || r == 'く':
			valid++
		case r == '«':
			valid += 2
		case r == ' ' || r == '\t' || r == '\u3000':
			blanks++
		default:
			if unknown++; unknown > maxUnknown {
				return false
			}
		}
	}
	return valid+unknown <= maxLine && valid+unknown+blanks >= minLine
}

func trim(s string, a, b int) (int, int) {
	for a < b && isBlankByte(s, a) {
		a += blankLen(s, a)
	}
	for a < b {
		if s[b-1] == ' ' || s[b-1] == '\t' || s[b-1] == '\r' {
			b--
		} else if b-a >= 3 && s[b-3:b] == "\u3000" {
			b -= 3
		} else {
			break
		}
	}
	return a, b
}

func isBlankByte(s string, i int) bool { return blankLen(s, i) > 0 }

func blankLen(s string, i int) int {
	switch {
	case s[i] == ' ' || s[i] == '\t' || s[i] == '\r':
		return 1
	case strings.HasPrefix(s[i:], "\u3000"):
		return 3
	}
	return 0
}

func hasBlank(s string) bool {
	return strings.ContainsAny(s, " \t\u3000")
}

// variants returns the readings of a line: blanks dropped and, when it
// has blanks, blanks read as fillers.
func variants(s string, l textLine) [][]cell {
	v := [][]cell{lex(s, l.start, l.end, false)}
	if l.blanks {
		v = append(v, lex(s, l.start, l.end, true))
	}
	return v
}

// formatOf returns the layout whose line length n is nearest to.
func formatOf(n int) Format {
	switch {
	case n < (td1Len+td2Len)/2:
		return TD1
	case n < (td2Len+td3Len)/2:
		return TD2
	}
	return TD3
}

// parseAt tries the zone that starts at lines[i], with every reading of
// its lines, and returns the best that is accepted.
func parseAt(s string, lines []textLine, i int) (Document, bool) {
	first := variants(s, lines[i])
	if !plausible(first[0]) || !isCodeStart(first[0][0].c) {
		return Document{}, false
	}
	if len(first) == 2 && !plausible(first[1]) {
		first = first[:1]
	}
	f := formatOf(len(first[0]))
	n := 2
	if f == TD1 {
		n = 3
	}
	if i+n > len(lines) {
		return Document{}, false
	}
	zone := [][][]cell{first}
	for k := 1; k < n; k++ {
		if !lines[i+k-1].next {
			return Document{}, false
		}
		// The readings of the line that fit the zone's layout.
		var v [][]cell
		for _, r := range variants(s, lines[i+k]) {
			if plausible(r) && formatOf(len(r)) == f {
				v = append(v, r)
			}
		}
		if len(v) == 0 {
			return Document{}, false
		}
		zone = append(zone, v)
	}
	var (
		best  Document
		found bool
	)
	// Every combination of the lines' readings: at most 2×2×2.
	pick := make([][]cell, n)
	var try func(k int)
	try = func(k int) {
		if k == n {
			d, ok := parseZone(f, pick)
			if ok && (!found || better(d, best)) {
				best, found = d, true
			}
			return
		}
		for _, v := range zone[k] {
			pick[k] = v
			try(k + 1)
		}
	}
	try(0)
	if found {
		best.Span = Span{lines[i].start, lines[i+n-1].end}
	}
	return best, found
}

func better(a, b Document) bool {
	if a.checks() != b.checks() {
		return a.checks() > b.checks()
	}
	if a.Composite != b.Composite {
		return a.Composite
	}
	return !a.Corrected && b.Corrected
}

// isCodeStart reports whether c may start a document code: P passport,
// I/A/C identity documents, V visa.
func isCodeStart(c byte) bool {
	return c == 'P' || c == 'I' || c == 'A' || c == 'C' || c == 'V'
}

// fields are the cells of a zone's checked fields, whatever the layout.
type fields struct {
	header         []cell // document code (2) and issuer (3)
	names          []cell
	number         []cell
	numberCD       cell
	nationality    []cell
	birth          []cell
	birthCD        cell
	sex            cell
	expiry         []cell
	expiryCD       cell
	composite      *cell // nil for visas
	compositeInput func(number, numberCD, birth, birthCD, expiry, expiryCD string) string
}

// parseZone parses the lines of a zone of format f.
func parseZone(f Format, ls [][]cell) (Document, bool) {
	var fs fields
	switch f {
	case TD3, TD2:
		n := td3Len
		if f == TD2 {
			n = td2Len
		}
		l1, ok1 := fit(ls[0], n, 5)
		l2, ok2 := fit(ls[1], n, 28)
		if !ok1 || !ok2 {
			return Document{}, false
		}
		fs = fields{
			header: l1[:5], names: l1[5:],
			number: l2[0:9], numberCD: l2[9], nationality: l2[10:13],
			birth: l2[13:19], birthCD: l2[19], sex: l2[20],
			expiry: l2[21:27], expiryCD: l2[27],
		}
		opt := str(l2[28 : n-1])
		if f == TD3 {
			// The optional data's own check digit, read as a digit.
			if c, ok := digitFor(l2[42].c); ok {
				opt = str(l2[28:42]) + string(c)
			}
		}
		if l1[0].c != 'V' {
			fs.composite = &l2[n-1]
		}
		fs.compositeInput = func(num, ncd, b, bcd, e, ecd string) string {
			return num + ncd + b + bcd + e + ecd + opt
		}
	case TD1:
		l1, ok1 := fit(ls[0], td1Len, 15)
		l2, ok2 := fit(ls[1], td1Len, 18)
		l3, ok3 := fit(ls[2], td1Len, 0)
		if !ok1 || !ok2 || !ok3 {
			return Document{}, false
		}
		fs = fields{
			header: l1[:5], names: l3,
			number: l1[5:14], numberCD: l1[14], nationality: l2[15:18],
			birth: l2[0:6], birthCD: l2[6], sex: l2[7],
			expiry: l2[8:14], expiryCD: l2[14], composite: &l2[29],
		}
		opt1, opt2 := l1[15:30], str(l2[18:29])
		if l1[14].c == '<' && opt1[0].c != '<' {
			// A long document number goes on into the optional data,
			// followed by its check digit (9303 Part 5, note j).
			k := 0
			for k < len(opt1) && opt1[k].c != '<' {
				k++
			}
			if k >= 2 {
				fs.number = append(append([]cell(nil), l1[5:14]...), opt1[:k-1]...)
				fs.numberCD = opt1[k-1]
			}
		}
		rest := str(l1[15:30])
		fs.compositeInput = func(num, ncd, b, bcd, e, ecd string) string {
			if len(num) > 9 { // long number: as printed
				return str(l1[5:30]) + b + bcd + e + ecd + opt2
			}
			return num + ncd + rest + b + bcd + e + ecd + opt2
		}
	}
	return evaluate(f, &fs)
}

// evaluate checks the fields of a zone and fills a Document.
func evaluate(f Format, fs *fields) (Document, bool) {
	d := Document{Format: f}
	code, ok := letters(fs.header[:2])
	// The code, issuer and nationality fields are mandatory: a filler
	// first says the lines are not a zone, or not aligned as one.
	if !ok || code[0] == '<' || fs.header[2].c == '<' || fs.nationality[0].c == '<' {
		return d, false
	}
	d.Code = strings.TrimRight(code, "<")
	issuer, issuerFixed, issuerOK := readCode(fs.header[2:5])
	nat, natFixed, natOK := readCode(fs.nationality)
	switch fs.sex.c {
	case 'M', 'F', 'X':
		d.Sex = string(fs.sex.c)
	case '<':
	default:
		return d, false
	}
	d.SexSpan = Span{fs.sex.start, fs.sex.end}
	d.Surname, d.GivenNames = names(fs.names)

	birth, bcd, bOK := digits(fs.birth, fs.birthCD, &d)
	expiry, ecd, eOK := digits(fs.expiry, fs.expiryCD, &d)
	d.BirthOK = bOK && Valid(birth, bcd[0])
	d.ExpiryOK = eOK && Valid(expiry, ecd[0])

	number := str(fs.number)
	ncd, nOK := digitFor(fs.numberCD.c)
	numberCD := string(ncd)
	numberFine := nOK && number[0] != '<' && !strings.Contains(number, "?")
	if nOK {
		d.NumberCheck = ncd
	}
	d.NumberOK = numberFine && Valid(number, ncd)
	composite := func(num string) bool {
		if fs.composite == nil || !bOK || !eOK || !nOK {
			return false
		}
		in := fs.compositeInput(num, numberCD, birth, bcd, expiry, ecd)
		c, ok := digitFor(fs.composite.c)
		return ok && Valid(in, c)
	}
	d.Composite = d.NumberOK && composite(number)
	if numberFine && !d.NumberOK && fs.composite != nil && issuerOK && d.IsPassport() {
		// Repair the number by its issuer's formats, and only when the
		// composite check digit passes too: then the rest of the zone was
		// read right as well.
		if fixed, ok := repair(number, ncd, issuer); ok && composite(fixed) {
			number, d.NumberOK, d.Composite, d.Corrected = fixed, true, true, true
		}
	}
	if d.checks() < 2 && !d.Composite {
		return d, false
	}
	// No check digit covers the issuer and nationality codes, so they do
	// not decide whether this is a zone: OCR garbles them in zones whose
	// checked fields are right (ITA read TTA, a dropped filler shifting
	// PHL). A code not in the ICAO list (SPN) is left out. One that is
	// only after its digits are re-read (0EU → DEU) is taken when every
	// check digit passed, which says the zone was read well.
	certified := d.checks() == 3 && d.Composite
	if issuerOK && (!issuerFixed || certified) {
		d.Issuer = issuer
		d.Corrected = d.Corrected || issuerFixed
	}
	if natOK && (!natFixed || certified) {
		d.Nationality = nat
		d.Corrected = d.Corrected || natFixed
		d.NationalitySpan = spanOf(fs.nationality, len(d.Nationality))
	}
	if d.NumberOK {
		d.Number = strings.TrimRight(number, "<")
		d.NumberSpan = spanOf(fs.number, len(d.Number))
	}
	var birthFull string
	d.Expiry, birthFull = fullDates(expiry, birth, eOK, bOK)
	if d.BirthOK && birthFull != "" {
		d.BirthDate = birthFull
		d.BirthSpan = Span{fs.birth[0].start, fs.birth[5].end}
	}
	return d, true
}

// spanOf is the span of the first n cells.
func spanOf(cells []cell, n int) Span {
	if n == 0 {
		return Span{}
	}
	return Span{cells[0].start, cells[n-1].end}
}

// letters reads a field of letters and fillers, repairing digits OCR read
// for letters.
func letters(cells []cell) (string, bool) {
	b := make([]byte, len(cells))
	for i, c := range cells {
		l, ok := letterFor(c.c)
		if !ok {
			return "", false
		}
		b[i] = l
	}
	return string(b), true
}

// digits reads a numeric field and its check digit, repairing letters OCR
// read for digits; it marks d corrected when it had to.
func digits(cells []cell, cd cell, d *Document) (field, check string, ok bool) {
	b := make([]byte, len(cells)+1)
	for i, c := range append(cells[:len(cells):len(cells)], cd) {
		v, ok := digitFor(c.c)
		if !ok {
			return "", "", false
		}
		if v != c.c && c.c != '<' {
			d.Corrected = true
		}
		b[i] = v
	}
	return string(b[:len(cells)]), string(b[len(cells):]), true
}

// names splits the name field at the first "<<" into primary and
// secondary identifiers, with fillers read as spaces.
func names(cells []cell) (surname, given string) {
	b := make([]byte, 0, len(cells))
	for _, c := range cells {
		l, ok := letterFor(c.c)
		if !ok {
			l = '<'
		}
		b = append(b, l)
	}
	s := strings.TrimRight(string(b), "<")
	sur, giv, _ := strings.Cut(s, "<<")
	clean := func(x string) string {
		return strings.Join(strings.FieldsFunc(x, func(r rune) bool { return r == '<' }), " ")
	}
	return clean(sur), clean(giv)
}
