package office

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/mailsift/mailsift/scanner/extract"
)

// XLSX returns the extractor of Excel 2007+ workbooks (.xlsx, .xlsm and
// templates), encrypted ones included when a candidate password opens
// them. Every non-empty cell of every sheet, hidden ones too, becomes a
// Segment located "#Sheet1!C12" whose Column is its column's header (or
// its form label). Dates come out as YYYY-MM-DD[ HH:MM]; numbers as
// displayed, less thousands separators, so digit runs stay whole. Cell
// comments, document properties and embedded images follow.
func XLSX() extract.Extractor { return xlsxExtractor{} }

type xlsxExtractor struct{}

var (
	xlsxExts  = []string{".xlsx", ".xlsm", ".xltx", ".xltm", ".xlam"}
	xlsxTypes = []string{
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.template",
		"application/vnd.ms-excel.sheet.macroenabled.12",
		"application/vnd.ms-excel.template.macroenabled.12",
	}
)

func (xlsxExtractor) Name() string { return "xlsx" }

func (xlsxExtractor) Match(f *extract.File) bool {
	return matchPackage(f, []string{"xlsx"}, xlsxExts, xlsxTypes)
}

func (xlsxExtractor) Extract(ctx context.Context, f *extract.File, env *extract.Env, out extract.Sink) error {
	lim := env.Limits.WithDefaults()
	file := *f
	if isEncryptedOOXML(f.Data) {
		plain, err := decryptPackage(ctx, "xlsx", f, env, out)
		if err != nil {
			return err
		}
		file.Data = plain
	}
	p, err := openPackage("xlsx", &file, lim)
	if err != nil {
		return err
	}
	// excelize loads every part into memory: refuse bombs before it does.
	if err := p.checkAll(); err != nil {
		return fmt.Errorf("xlsx %s: %w", f.Name, err)
	}
	if err := p.checkDepth(); err != nil {
		return fmt.Errorf("xlsx %s: %w", f.Name, err)
	}
	if err := p.emitProps(ctx, "xlsx", out); err != nil {
		return err
	}
	wb, err := openWorkbook(file.Data, lim)
	if err != nil {
		// The images may still show faces and scanned ID cards.
		if merr := p.emitMedia("xlsx", []string{"xl/media/", "xl/embeddings/"}, out); merr != nil {
			return merr
		}
		return fmt.Errorf("xlsx %s: %w", f.Name, err)
	}
	x := &xlsxRun{ctx: ctx, wb: wb, loc: f.Location, name: f.Name, out: out}
	if err := x.sheets(); err != nil {
		return err
	}
	return p.emitMedia("xlsx", []string{"xl/media/", "xl/embeddings/"}, out)
}

// sheets reads every sheet, hidden ones included, under recover: excelize
// trusts much of what a workbook declares.
func (x *xlsxRun) sheets() (err error) {
	defer func() {
		_ = x.wb.Close() // nothing was written to disk; this frees buffers
		if r := recover(); r != nil {
			err = fmt.Errorf("xlsx %s: %w: excelize panic: %v", x.name, extract.ErrCorrupt, r)
		}
	}()
	x.normalizeFormats()
	x.dropEmptyCells()
	for _, sheet := range x.wb.GetSheetList() {
		if err := x.sheet(sheet); err != nil {
			return err
		}
	}
	return nil
}

// checkDepth scans the XML parts for nesting bombs (see xmlDepthOK).
func (p *pkg) checkDepth() error {
	for _, zf := range p.zr.File {
		n := strings.ToLower(zf.Name)
		if !strings.HasSuffix(n, ".xml") && !strings.HasSuffix(n, ".rels") && !strings.HasSuffix(n, ".vml") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return fmt.Errorf("member %s: %w: %v", zf.Name, extract.ErrCorrupt, err)
		}
		ok, err := xmlDepthOK(rc, maxXMLDepth)
		rc.Close()
		if err != nil {
			return fmt.Errorf("member %s: %w: %v", zf.Name, extract.ErrCorrupt, err)
		}
		if !ok {
			return fmt.Errorf("member %s: %w", zf.Name, errTooDeep)
		}
		if strings.HasSuffix(n, "sharedstrings.xml") {
			if err := p.checkSharedStrings(zf); err != nil {
				return err
			}
		}
	}
	return nil
}

// sharedStringCost is what excelize holds per shared string besides its
// text (a struct with a pointer per run, measured ~200 bytes). Tiny
// strings make a small part expand several times in memory.
const sharedStringCost = 200

// checkSharedStrings bounds the shared string table by count: the budget
// is MaxFileBytes of excelize structures.
func (p *pkg) checkSharedStrings(zf *zip.File) error {
	rc, err := zf.Open()
	if err != nil {
		return fmt.Errorf("member %s: %w: %v", zf.Name, extract.ErrCorrupt, err)
	}
	defer rc.Close()
	n, _ := countElements(rc, "si")
	if n*sharedStringCost > p.lim.MaxFileBytes {
		return fmt.Errorf("member %s: %d shared strings: %w", zf.Name, n, &extract.LimitError{Limit: "file-bytes", Value: p.lim.MaxFileBytes})
	}
	return nil
}

// countElements counts start tags <name> and <name ...>, prefixed or not.
func countElements(r io.Reader, name string) (int64, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var n int64
	for {
		if _, err := br.ReadSlice('<'); err != nil && err != bufio.ErrBufferFull {
			if err == io.EOF {
				return n, nil
			}
			return n, err
		}
		tag, _ := br.Peek(len(name) + 16)
		if i := bytes.IndexByte(tag, ':'); i >= 0 && i < 12 && bytes.IndexAny(tag[:i], " />") < 0 {
			tag = tag[i+1:]
		}
		if bytes.HasPrefix(tag, []byte(name)) && len(tag) > len(name) && (tag[len(name)] == '>' || tag[len(name)] == ' ') {
			n++
		}
	}
}

// openWorkbook opens the package with excelize under recover. Both unzip
// limits are the file limit, so nothing is spilled to temporary files
// (excelize writes parts over UnzipXMLSizeLimit to the system temp dir,
// which mailsift must not touch).
func openWorkbook(data []byte, lim extract.Limits) (wb *excelize.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			wb, err = nil, fmt.Errorf("%w: excelize panic: %v", extract.ErrCorrupt, r)
		}
	}()
	wb, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    lim.MaxFileBytes,
		UnzipXMLSizeLimit: lim.MaxFileBytes,
		CultureInfo:       excelize.CultureNameJaJP,
	})
	if err != nil {
		if wb != nil {
			wb.Close()
		}
		return nil, fmt.Errorf("%w: %v", extract.ErrCorrupt, err)
	}
	return wb, nil
}

// xlsxRun is the state of one extraction.
type xlsxRun struct {
	ctx  context.Context
	wb   *excelize.File
	loc  string
	name string
	out  extract.Sink
}

// normalizeFormats rewrites the number formats of the workbook's cell
// styles in memory before any cell is read: date formats become ISO 8601
// (detectors read "1980-01-02" whatever the locale or era the sheet
// displayed), and thousands separators are dropped ("1,234,567" would cut
// an account number in three). Everything else stays as displayed: a
// zero-padded "0001234" keeps its zeros.
func (x *xlsxRun) normalizeFormats() {
	defer func() { _ = recover() }() // a style sheet excelize cannot handle keeps its formats
	ss := x.wb.Styles
	if ss == nil || ss.CellXfs == nil {
		return
	}
	custom := map[int]string{}
	if ss.NumFmts != nil {
		for _, nf := range ss.NumFmts.NumFmt {
			if nf == nil {
				continue
			}
			code := nf.FormatCode
			if nf.FormatCode16 != "" {
				code = nf.FormatCode16
			}
			custom[nf.NumFmtID] = code
		}
	}
	ids := map[string]*int{}
	newFmt := func(code string) *int {
		if id, ok := ids[code]; ok {
			return id
		}
		c := code
		idx, err := x.wb.NewStyle(&excelize.Style{CustomNumFmt: &c})
		var id *int
		if err == nil && idx >= 0 && idx < len(x.wb.Styles.CellXfs.Xf) {
			id = x.wb.Styles.CellXfs.Xf[idx].NumFmtID
		}
		ids[code] = id
		return id
	}
	n := len(ss.CellXfs.Xf) // NewStyle appends; only the file's own styles are rewritten
	for i := 0; i < n; i++ {
		xf := ss.CellXfs.Xf[i]
		id := 0
		if xf.NumFmtID != nil {
			id = *xf.NumFmtID
		}
		code, ok := custom[id]
		if !ok {
			code = builtinFmt[id]
		}
		var to string
		switch kind := numFmtKind(id, code, ok); kind {
		case fmtDate:
			to = "yyyy-mm-dd"
		case fmtDateTime:
			to = "yyyy-mm-dd hh:mm"
		case fmtGrouped:
			to = stripGrouping(code)
		default:
			continue
		}
		if nid := newFmt(to); nid != nil {
			v := *nid
			ss.CellXfs.Xf[i].NumFmtID = &v
		}
	}
}

// dropEmptyCells removes value-less cells (<c r="B2" s="3"/>) from the
// worksheet parts excelize holds in memory (File.Pkg). Sheets often style
// whole empty ranges, and excelize formats every styled cell, empty or
// not, at several microseconds each (a number-format parse per cell): a
// million styled empty cells cost 10+ s. The parts are compacted in place.
func (x *xlsxRun) dropEmptyCells() {
	x.wb.Pkg.Range(func(k, v any) bool {
		name, _ := k.(string)
		b, ok := v.([]byte)
		if ok && strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml") {
			x.wb.Pkg.Store(name, stripEmptyCells(b))
		}
		return true
	})
}

// stripEmptyCells compacts b, dropping self-closing or immediately closed
// c elements that carry an r attribute (without r, a cell's position is
// its order, so it must stay).
func stripEmptyCells(b []byte) []byte {
	w := 0
	for r := 0; r < len(b); {
		i := bytes.IndexByte(b[r:], '<')
		if i < 0 {
			w += copy(b[w:], b[r:])
			break
		}
		w += copy(b[w:], b[r:r+i])
		r += i
		if end := emptyCellEnd(b[r:]); end > 0 {
			r += end
			continue
		}
		b[w] = b[r]
		w++
		r++
	}
	return b[:w]
}

// emptyCellEnd returns the length of the empty cell element at the start
// of b, or 0.
func emptyCellEnd(b []byte) int {
	n := 1
	for n < len(b) && n < 16 && b[n] != ' ' && b[n] != '>' && b[n] != '/' {
		n++
	}
	name := b[1:n]
	if j := bytes.IndexByte(name, ':'); j >= 0 {
		name = name[j+1:]
	}
	if len(name) != 1 || name[0] != 'c' || n >= len(b) || b[n] != ' ' {
		return 0
	}
	gt := bytes.IndexByte(b, '>')
	if gt < 0 || !bytes.Contains(b[:gt], []byte(` r="`)) {
		return 0
	}
	if b[gt-1] == '/' {
		return gt + 1
	}
	// <c ...></c>
	closeTag := append([]byte("</"), b[1:n]...)
	closeTag = append(closeTag, '>')
	if bytes.HasPrefix(b[gt+1:], closeTag) {
		return gt + 1 + len(closeTag)
	}
	return 0
}

// sheet streams one worksheet's rows. The first rows are held back until
// the header is decided, then every row goes out as it is read.
func (x *xlsxRun) sheet(sheet string) (err error) {
	sloc := x.loc + "#" + sheet + "!"
	defer func() {
		if r := recover(); r != nil {
			x.out.Problem(x.loc+"#"+sheet, fmt.Errorf("xlsx %s: sheet %q: %w: excelize panic: %v", x.name, sheet, extract.ErrCorrupt, r))
			err = nil
		}
	}()
	rows, err := x.wb.Rows(sheet)
	if err != nil {
		x.out.Problem(x.loc+"#"+sheet, fmt.Errorf("xlsx %s: sheet %q: %w: %v", x.name, sheet, extract.ErrCorrupt, err))
		return nil
	}
	defer rows.Close()
	sr := &sheetRows{out: x.out, prefix: sloc}
	var (
		bad     int
		firstEr error
	)
	// Next is called once per row number, empty rows included, so the
	// count is the row number.
	for num := 1; rows.Next(); num++ {
		if err := x.ctx.Err(); err != nil {
			return fmt.Errorf("xlsx %s: sheet %q row %d: %w", x.name, sheet, num, err)
		}
		cells, cerr := rows.Columns()
		if cerr != nil {
			if bad == 0 {
				firstEr = fmt.Errorf("row %d: %v", num, cerr)
			}
			bad++
		}
		for i, c := range cells {
			cells[i] = cellText(c)
		}
		if err := sr.row(num, cells); err != nil {
			return err
		}
	}
	if err := sr.close(); err != nil {
		return err
	}
	if rerr := rows.Error(); rerr != nil {
		bad++
		if firstEr == nil {
			firstEr = rerr
		}
	}
	if bad > 0 {
		x.out.Problem(x.loc+"#"+sheet, fmt.Errorf("xlsx %s: sheet %q: %w: %d bad rows, first: %v", x.name, sheet, extract.ErrCorrupt, bad, firstEr))
	}
	return x.comments(sheet)
}

// comments hands over the cell comments (notes) of a sheet; reviewers
// write names and reasons in them.
func (x *xlsxRun) comments(sheet string) error {
	cmts, err := x.wb.GetComments(sheet)
	if err != nil {
		x.out.Problem(x.loc+"#"+sheet, fmt.Errorf("xlsx %s: comments of %q: %w: %v", x.name, sheet, extract.ErrCorrupt, err))
		return nil
	}
	for _, c := range cmts {
		text := c.Text
		if text == "" {
			for _, r := range c.Paragraph {
				text += r.Text
			}
		}
		text = cellText(text)
		if a := strings.TrimSpace(c.Author); a != "" && !strings.Contains(text, a) {
			text = a + ":\n" + text
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		if err := x.out.Text(extract.Segment{Location: x.loc + "#" + sheet + "!" + c.Cell, Column: "comment", Text: text}); err != nil {
			return err
		}
	}
	return nil
}

func hasValue(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return true
		}
	}
	return false
}

// cellText normalizes line endings and drops the surrounding blanks.
func cellText(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	return strings.TrimSpace(s)
}

// Kinds of number formats, as far as the output cares.
const (
	fmtOther = iota
	fmtDate
	fmtDateTime
	fmtTime
	fmtGrouped
)

// builtinFmt holds the built-in format codes (ECMA-376 Part 1, 18.8.30)
// that numFmtKind must see: the grouped ones and the locale-independent
// dates. IDs 27-36 and 50-58 are locale date formats (Japanese era dates
// in ja-JP) and are classified by ID.
var builtinFmt = map[int]string{
	3: "#,##0", 4: "#,##0.00",
	14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy",
	18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
	37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)",
	41: `_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)`,
	42: `_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)`,
	43: `_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)`,
	44: `_("$"* #,##0.00_);_("$"* \(#,##0.00\);_("$"* "-"??_);_(@_)`,
	45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0",
}

// numFmtKind classifies a number format.
func numFmtKind(id int, code string, custom bool) int {
	if !custom {
		switch {
		case id >= 27 && id <= 31, id == 36, id >= 50 && id <= 58:
			return fmtDate
		case id >= 32 && id <= 35:
			return fmtTime
		}
	}
	if code == "" {
		return fmtOther
	}
	// The first section decides (positive numbers, and dates).
	s := strings.ToLower(firstSection(code))
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"': // literal text
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				i = len(s)
			} else {
				i += j + 1
			}
		case '\\', '_', '*': // escaped, padding and fill characters
			i++
		case '[': // colour, condition, locale; [h] [m] [s] are elapsed time
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				i = len(s)
				break
			}
			if in := s[i+1 : i+j]; in != "" && strings.Trim(in, "hms") == "" {
				b.WriteString(in)
			}
			i += j
		default:
			b.WriteByte(c)
		}
	}
	t := b.String()
	t = strings.NewReplacer("am/pm", "", "a/p", "", "上午/下午", "", "general", "").Replace(t)
	if strings.Contains(t, "e+") || strings.Contains(t, "e-") {
		return fmtOther // scientific
	}
	hasDate := strings.ContainsAny(t, "ydg") || (strings.Contains(t, "e") && !strings.ContainsAny(t, "0#?"))
	hasTime := strings.ContainsAny(t, "hs")
	if strings.Contains(t, "m") && !hasTime {
		hasDate = true // m without h or s is the month
	}
	switch {
	case hasDate && hasTime:
		return fmtDateTime
	case hasDate:
		return fmtDate
	case hasTime:
		return fmtTime
	case hasGrouping(code):
		return fmtGrouped
	}
	return fmtOther
}

// firstSection returns the format up to the first unquoted ';'.
func firstSection(code string) string {
	inQ := false
	for i := 0; i < len(code); i++ {
		switch code[i] {
		case '"':
			inQ = !inQ
		case '\\':
			i++
		case ';':
			if !inQ {
				return code[:i]
			}
		}
	}
	return code
}

func hasGrouping(code string) bool { return stripGrouping(code) != code }

// stripGrouping removes thousands separators: unquoted commas between
// digit placeholders. A trailing comma (scaling by 1000) stays.
func stripGrouping(code string) string {
	var b strings.Builder
	inQ := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			inQ = !inQ
		case c == '\\' && !inQ && i+1 < len(code):
			b.WriteByte(c)
			i++
			c = code[i]
		case c == ',' && !inQ && i > 0 && i+1 < len(code) && isPlaceholder(code[i-1]) && isPlaceholder(code[i+1]):
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isPlaceholder(c byte) bool { return c == '#' || c == '0' || c == '?' }
