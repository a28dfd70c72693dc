package office

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/mailsift/mailsift/scanner/extract"
)

// CSV returns the extractor of delimited text tables (.csv, .tsv,
// text/csv): the charset is sniffed (UTF-8 with or without BOM, UTF-16
// with BOM, CP932, EUC-JP, ISO-2022-JP), so is the delimiter (comma, tab,
// semicolon, pipe). Every non-empty cell becomes a Segment located like a
// spreadsheet cell, "#C12" (column C, record 12), whose Column is its
// column's header.
//
// Plain-text attachments are not sniffed for tables: the MIME layer
// already scans them as text, and a paragraph of prose with commas would
// parse as a ragged table.
func CSV() extract.Extractor { return csvExtractor{} }

type csvExtractor struct{}

var (
	csvExts  = []string{".csv", ".tsv", ".tab"}
	csvTypes = []string{
		"text/csv", "text/tab-separated-values", "application/csv", "text/comma-separated-values",
		"text/x-csv", "application/x-csv", "text/x-comma-separated-values",
	}
	// Magic numbers of binary files that arrive named .csv (an xlsx
	// renamed, a PDF) and are not ours to read as text.
	binaryMagics = [][]byte{zipMagic, cfbMagic, []byte("%PDF-"), []byte("\x89PNG"), []byte("\xff\xd8\xff"), []byte("GIF8")}
)

const (
	sniffBytes   = 64 << 10 // decoded prefix used to pick the delimiter
	charsetBytes = 256 << 10
	maxCSVErrors = 1000
)

func (csvExtractor) Name() string { return "csv" }

func (csvExtractor) Match(f *extract.File) bool {
	for _, m := range binaryMagics {
		if bytes.HasPrefix(f.Data, m) {
			return false
		}
	}
	return hasExt(f.Name, csvExts) || contains(csvTypes, f.ContentType)
}

func (csvExtractor) Extract(ctx context.Context, f *extract.File, env *extract.Env, out extract.Sink) error {
	lim := env.Limits.WithDefaults()
	data := f.Data
	if int64(len(data)) > lim.MaxFileBytes {
		out.Problem(f.Location, fmt.Errorf("csv %s: %d bytes, read %d: %w", f.Name, len(data), lim.MaxFileBytes, &extract.LimitError{Limit: "file-bytes", Value: lim.MaxFileBytes}))
		data = data[:lim.MaxFileBytes]
	}
	r, cs, cerr := decodeCSV(data)
	if cerr != nil {
		out.Problem(f.Location, fmt.Errorf("csv %s: %w", f.Name, cerr))
	}
	br := bufio.NewReaderSize(r, sniffBytes)
	sample, _ := br.Peek(sniffBytes)
	var src io.Reader = br
	if bytes.IndexByte(sample, '\r') >= 0 && bytes.IndexByte(sample, '\n') < 0 {
		src = transform.NewReader(br, crToLF{}) // classic Mac OS line ends
		sample = bytes.ReplaceAll(sample, []byte("\r"), []byte("\n"))
	}
	delim := sniffDelimiter(sample, strings.EqualFold(extOf(f.Name), ".tsv") || f.ContentType == "text/tab-separated-values")
	cr := csv.NewReader(src)
	cr.Comma = delim
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	sr := &sheetRows{out: out, prefix: f.Location + "#"}
	var bad int
	var first error
	for num := 1; ; num++ {
		if num&255 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("csv %s: record %d: %w", f.Name, num, err)
			}
		}
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) || bad >= maxCSVErrors {
				out.Problem(f.Location, fmt.Errorf("csv %s (%s): record %d: %w: %v", f.Name, cs, num, extract.ErrCorrupt, err))
				break
			}
			if bad == 0 {
				first = err
			}
			bad++
			continue
		}
		for i, c := range rec {
			rec[i] = cellText(c)
		}
		if err := sr.row(num, rec); err != nil {
			return err
		}
	}
	if bad > 0 {
		out.Problem(f.Location, fmt.Errorf("csv %s: %w: %d bad records, first: %v", f.Name, extract.ErrCorrupt, bad, first))
	}
	return sr.close()
}

func extOf(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i:]
	}
	return ""
}

// decodeCSV returns a UTF-8 reader over data and the charset it chose.
// Excel writes Japanese CSV in CP932 without a BOM, or UTF-8 with one
// ("CSV UTF-8"), or UTF-16LE with one ("Unicode text", tab-separated).
func decodeCSV(data []byte) (io.Reader, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
		if !utf8.Valid(data) {
			return transform.NewReader(bytes.NewReader(data), encoding.UTF8Validator), "utf-8", errors.New("invalid utf-8 after a utf-8 bom: bytes replaced")
		}
		return bytes.NewReader(data), "utf-8", nil
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		return transform.NewReader(bytes.NewReader(data), unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()), "utf-16le", nil
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		return transform.NewReader(bytes.NewReader(data), unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()), "utf-16be", nil
	}
	if e, name := bomlessUTF16(data); e != nil {
		return transform.NewReader(bytes.NewReader(data), e.NewDecoder()), name, nil
	}
	if extract.HasISO2022Escape(data) {
		return transform.NewReader(bytes.NewReader(data), japanese.ISO2022JP.NewDecoder()), "iso-2022-jp", nil
	}
	if utf8.Valid(data) {
		return bytes.NewReader(data), "utf-8", nil
	}
	sample := data
	if len(sample) > charsetBytes {
		sample = sample[:charsetBytes]
		if i := bytes.LastIndexByte(sample, '\n'); i > 0 {
			sample = sample[:i+1] // do not cut a character in two
		}
	}
	if utf8.Valid(sample) {
		// UTF-8 with damage further on: replace the bad bytes.
		return transform.NewReader(bytes.NewReader(data), encoding.UTF8Validator), "utf-8", errors.New("invalid utf-8: bytes replaced")
	}
	if e, name, ok := extract.SniffJapanese(sample); ok {
		return transform.NewReader(bytes.NewReader(data), e.NewDecoder()), name, nil
	}
	// Half-width katakana (bank exports: ﾔﾏﾀﾞ ﾀﾛｳ) scores low, but a clean
	// CP932 decode is still the best bet for a Japanese mailbox.
	for _, c := range []struct {
		name string
		e    encoding.Encoding
	}{{"shift_jis", japanese.ShiftJIS}, {"euc-jp", japanese.EUCJP}} {
		if extract.DecodesCleanly(c.e, sample) {
			return transform.NewReader(bytes.NewReader(data), c.e.NewDecoder()), c.name, nil
		}
	}
	// Not Japanese: old Western exports. windows-1252 maps every byte.
	return transform.NewReader(bytes.NewReader(data), charmap.Windows1252.NewDecoder()), "windows-1252", errors.New("undeclared 8-bit text: decoded as windows-1252")
}

// bomlessUTF16 recognizes UTF-16 without a BOM by its zero bytes: text
// with ASCII delimiters has a zero in every other byte.
func bomlessUTF16(b []byte) (encoding.Encoding, string) {
	n := min(len(b), 1024) &^ 1
	if n < 8 {
		return nil, ""
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	switch {
	case odd*10 >= half*6 && even*10 < half:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le"
	case even*10 >= half*6 && odd*10 < half:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be"
	}
	return nil, ""
}

// sniffDelimiter picks the delimiter that splits the sample's first lines
// into the same number of fields most consistently.
func sniffDelimiter(sample []byte, preferTab bool) rune {
	lines := splitLines(sample, 20)
	best, bestScore := ',', 0
	cands := []rune{',', '\t', ';', '|'}
	if preferTab {
		cands = []rune{'\t', ',', ';', '|'}
	}
	for _, d := range cands {
		counts := map[int]int{}
		for _, l := range lines {
			counts[countOutsideQuotes(l, byte(d))]++
		}
		mode, freq := 0, 0
		for c, n := range counts {
			if c > 0 && (n > freq || (n == freq && c > mode)) {
				mode, freq = c, n
			}
		}
		if mode == 0 {
			continue
		}
		// Consistent lines count most; more fields break ties.
		score := freq*1000 + min(mode, 999)
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// splitLines returns up to n non-empty lines of the sample, dropping a last
// line that may be cut. Quoted newlines are rare in the first lines and
// only blur the counts.
func splitLines(b []byte, n int) [][]byte {
	var out [][]byte
	for len(b) > 0 && len(out) < n {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			if len(out) == 0 {
				out = append(out, b)
			}
			break
		}
		if l := bytes.TrimRight(b[:i], "\r"); len(bytes.TrimSpace(l)) > 0 {
			out = append(out, l)
		}
		b = b[i+1:]
	}
	return out
}

func countOutsideQuotes(l []byte, d byte) int {
	n, inQ := 0, false
	for _, c := range l {
		switch {
		case c == '"':
			inQ = !inQ
		case c == d && !inQ:
			n++
		}
	}
	return n
}

// crToLF turns lone carriage returns into newlines.
type crToLF struct{ transform.NopResetter }

func (crToLF) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		if nDst >= len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		c := src[nSrc]
		if c == '\r' {
			c = '\n'
		}
		dst[nDst] = c
		nDst++
		nSrc++
	}
	return nDst, nSrc, nil
}
