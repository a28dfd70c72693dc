package office

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mailsift/mailsift/scanner/extract"
)

// Table context: which header or form label a cell belongs to. Detectors
// treat it like a keyword next to the value (Macie does the same for CSV
// and XLSX columns), so a wrong guess costs confidence and a missed header
// costs recall; the rules below prefer no header over a data row taken as
// one.

const (
	headerWindow   = 10 // rows examined for a header
	maxHeaderRunes = 40 // longer cells are prose or data, not a header
	maxLabelRunes  = 20
)

// labelWords are words of column headers and form labels in Japanese and
// English business documents. Matching one makes a text cell a label.
var labelWords = []string{
	"氏名", "名前", "姓名", "フリガナ", "ふりがな", "カナ", "かな", "住所", "所在地", "郵便", "〒",
	"電話", "携帯", "ＴＥＬ", "ＦＡＸ", "メール", "生年月日", "誕生日", "年齢", "性別", "口座", "銀行",
	"支店", "番号", "ＩＤ", "コード", "会社", "勤務先", "所属", "部署", "役職", "国籍", "本籍", "職業",
	"日付", "年月日", "備考", "金額", "記号", "名義", "保険", "免許", "旅券", "在留", "続柄", "学歴", "職歴",
	"資格", "趣味", "連絡先", "担当", "顧客", "社員",
	"name", "address", "mobile", "email", "e-mail", "phone", "tel", "fax", "mail", "birth", "dob", "date", "number", "no.", "id",
	"account", "bank", "branch", "zip", "postal", "company", "title", "gender", "sex", "age", "code",
}

// tableMode says how a table's cells get their Column.
type tableMode int

const (
	modeNone   tableMode = iota
	modeHeader           // a header row names the columns below it
	modeForm             // label cells name the cells to their right
)

// tableCtx is the column context decided from a table's first rows.
type tableCtx struct {
	mode      tableMode
	headerRow int      // index of the header row in the rows given to classify
	header    []string // header texts by column index
}

// classify decides the context of a table from its first rows (a row is
// its cells by column index, "" for empty).
func classify(rows [][]string) tableCtx {
	if isForm(rows) {
		return tableCtx{mode: modeForm, headerRow: -1}
	}
	if i := headerRow(rows); i >= 0 {
		h := make([]string, len(rows[i]))
		for j, c := range rows[i] {
			h[j] = oneLine(c)
		}
		return tableCtx{mode: modeHeader, headerRow: i, header: h}
	}
	return tableCtx{mode: modeNone, headerRow: -1}
}

// column returns the Column of cell col of a row; rowIdx counts rows from
// the first row given to classify.
func (t *tableCtx) column(rowIdx int, row []string, col int) string {
	switch t.mode {
	case modeHeader:
		if rowIdx > t.headerRow && col < len(t.header) {
			return t.header[col]
		}
	case modeForm:
		if isLabel(row[col]) {
			return ""
		}
		for j := col - 1; j >= 0; j-- {
			if isLabel(row[j]) {
				return trimLabel(row[j])
			}
		}
	}
	return ""
}

// headerRow returns the index of the first row, within the header window,
// whose non-empty cells (two or more) are mostly header-like text, or -1.
// A title row above the header has a single cell and is passed over. In a
// table of text only, a header must also contain a label word, or a data
// row of names and addresses would name the columns.
func headerRow(rows [][]string) int {
	n := min(len(rows), headerWindow)
	for i := 0; i < n; i++ {
		cells, text, labels := rowStats(rows[i])
		if cells < 2 || text*3 < cells*2 {
			continue
		}
		if labels > 0 {
			return i
		}
		// No label word: the header must stand out from the row after it.
		next := -1
		for j := i + 1; j < len(rows); j++ {
			if c, _, _ := rowStats(rows[j]); c > 0 {
				next = j
				break
			}
		}
		if next < 0 {
			return -1
		}
		if c, t, _ := rowStats(rows[next]); t < c {
			return i
		}
		return -1
	}
	return -1
}

func rowStats(row []string) (cells, text, labels int) {
	for _, c := range row {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		cells++
		if isHeaderText(c) {
			text++
			if hasLabelWord(c) {
				labels++
			}
		}
	}
	return
}

// isForm reports a label | value layout: in most rows of two or more cells
// the first is a label and the second is not, and the first row is not a
// row of labels (which would be a header).
func isForm(rows [][]string) bool {
	n := min(len(rows), headerWindow*2)
	multi, forms := 0, 0
	for i := 0; i < n; i++ {
		var cells []string
		for _, c := range rows[i] {
			if c = strings.TrimSpace(c); c != "" {
				cells = append(cells, c)
			}
		}
		if len(cells) < 2 {
			continue
		}
		if multi == 0 {
			labels := 0
			for _, c := range cells {
				if isLabel(c) {
					labels++
				}
			}
			if labels == len(cells) {
				return false
			}
		}
		multi++
		if isLabel(cells[0]) && !isLabel(cells[1]) {
			forms++
		}
	}
	return multi >= 2 && forms*5 >= multi*3
}

// isHeaderText: short text with letters, not a number, date, address of
// mail or long digit run (which are data).
func isHeaderText(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > maxHeaderRunes || strings.ContainsAny(s, "@\n") {
		return false
	}
	letters, digits := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r >= '0' && r <= '9', r >= '０' && r <= '９':
			digits++
		}
	}
	return letters > 0 && digits < 3
}

// isLabel: a form label is short header text that contains a label word
// or ends with a colon.
func isLabel(s string) bool {
	s = strings.TrimSpace(s)
	if !isHeaderText(s) || utf8.RuneCountInString(s) > maxLabelRunes {
		return false
	}
	return hasLabelWord(s) || strings.HasSuffix(s, ":") || strings.HasSuffix(s, "：")
}

func hasLabelWord(s string) bool {
	l := strings.ToLower(s)
	for _, w := range labelWords {
		switch {
		case w[0] >= 0x80:
			if strings.Contains(s, w) {
				return true
			}
		case len(w) <= 3: // "id", "tel", "no.": whole words only
			if containsWord(l, w) {
				return true
			}
		case strings.Contains(l, w):
			return true
		}
	}
	return false
}

// containsWord matches an ASCII word at letter boundaries, so "id" does
// not match "valid" but matches "user id" and "顧客ID".
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before, after := j == 0 || !isASCIILetter(s[j-1]), j+len(w) == len(s) || !isASCIILetter(s[j+len(w)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// trimLabel drops the colon of a label ("氏名：" → "氏名").
func trimLabel(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ":： ")
	return oneLine(s)
}

// oneLine turns a multi-line header into one line.
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "\r\n\t") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

// colName returns the spreadsheet name of a 0-based column: 0 → "A",
// 26 → "AA".
func colName(i int) string {
	var b [8]byte
	n := len(b)
	for i++; i > 0 && n > 0; i = (i - 1) / 26 {
		n--
		b[n] = byte('A' + (i-1)%26)
	}
	return string(b[n:])
}

// cellRef returns "C12" for 0-based column 2 and 1-based row 12.
func cellRef(col, row int) string {
	return colName(col) + strconv.Itoa(row)
}

// sheetRows emits the rows of a sheet (XLSX, ODS, CSV) as they are read:
// the first non-empty rows are held until the header is decided, then
// every non-empty cell goes out with its Column. prefix is the location up
// to the cell reference ("attachment:a.xlsx#Sheet1!").
type sheetRows struct {
	out     extract.Sink
	prefix  string
	window  []heldRow
	tc      tableCtx
	decided bool
	rowIdx  int // index among non-empty rows, as classify counts
}

type heldRow struct {
	num   int
	cells []string
}

// row takes row number num (1-based); cells may be reused by the caller
// after it returns.
func (s *sheetRows) row(num int, cells []string) error {
	if !hasValue(cells) {
		return nil
	}
	if !s.decided {
		s.window = append(s.window, heldRow{num, append([]string(nil), cells...)})
		if len(s.window) == headerWindow {
			return s.decide()
		}
		return nil
	}
	return s.emit(num, cells)
}

// close emits rows still held (a sheet shorter than the window).
func (s *sheetRows) close() error {
	if s.decided {
		return nil
	}
	return s.decide()
}

func (s *sheetRows) decide() error {
	all := make([][]string, len(s.window))
	for i, h := range s.window {
		all[i] = h.cells
	}
	s.tc, s.decided = classify(all), true
	for _, h := range s.window {
		if err := s.emit(h.num, h.cells); err != nil {
			return err
		}
	}
	s.window = nil
	return nil
}

func (s *sheetRows) emit(num int, cells []string) error {
	for c, v := range cells {
		if v == "" {
			continue
		}
		seg := extract.Segment{Location: s.prefix + cellRef(c, num), Column: s.tc.column(s.rowIdx, cells, c), Text: v}
		if err := s.out.Text(seg); err != nil {
			return err
		}
	}
	s.rowIdx++
	return nil
}
