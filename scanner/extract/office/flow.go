package office

import (
	"strings"

	"github.com/mailsift/mailsift/scanner/extract"
)

// flow gathers the text of a word-processing or presentation part as its
// XML is walked: running text goes out in segments of whole paragraphs;
// tables are held until they end, then each cell goes out alone with its
// header or form label as Column. Tables nested in a cell are flattened
// into that cell's text.
type flow struct {
	out  extract.Sink
	loc  string
	text strings.Builder
	tbl  []*tableBuf // open tables, outermost first
	err  error       // first Sink error; everything stops after it
}

type tableBuf struct {
	rows   [][]string
	row    []string
	cell   strings.Builder
	inCell bool
	span   int // columns the open cell covers
}

// flushAt bounds the running text held before it is handed over.
const flushAt = 32 << 10

func newFlow(out extract.Sink, loc string) *flow { return &flow{out: out, loc: loc} }

// target is where text goes now: the open cell of the outermost table,
// or the running text.
func (f *flow) target() *strings.Builder {
	if len(f.tbl) > 0 && f.tbl[0].inCell {
		return &f.tbl[0].cell
	}
	return &f.text
}

// write appends text.
func (f *flow) write(s string) {
	if f.err == nil {
		f.target().WriteString(s)
	}
}

// paraEnd ends a paragraph; long running text is handed over.
func (f *flow) paraEnd() {
	if f.err != nil {
		return
	}
	f.target().WriteByte('\n')
	if len(f.tbl) == 0 && f.text.Len() >= flushAt {
		f.flush()
	}
}

// flush hands the running text over as one segment.
func (f *flow) flush() {
	if f.err != nil {
		return
	}
	s := cleanText(f.text.String())
	f.text.Reset()
	if s != "" {
		f.err = f.out.Text(extract.Segment{Location: f.loc, Text: s})
	}
}

func (f *flow) tableStart() {
	if f.err != nil {
		return
	}
	if len(f.tbl) == 0 {
		f.flush()
	}
	f.tbl = append(f.tbl, &tableBuf{})
}

func (f *flow) rowStart() {
	if n := len(f.tbl); n > 1 {
		return
	} else if n == 1 {
		f.tbl[0].row = nil
	}
}

func (f *flow) cellStart(span int) {
	switch n := len(f.tbl); {
	case n == 1:
		t := f.tbl[0]
		t.inCell, t.span = true, max(span, 1)
		t.cell.Reset()
	case n > 1 && f.tbl[0].inCell:
		// nested: cells run on in the outer cell
	}
}

// setSpan sets the span of the open cell when it is known after its start
// (DOCX w:gridSpan).
func (f *flow) setSpan(span int) {
	if len(f.tbl) == 1 && f.tbl[0].inCell && span > 1 {
		f.tbl[0].span = min(span, 1000)
	}
}

// ooxmlEnd handles the end of the paragraph and table elements that
// WordprocessingML and DrawingML share (w:p/a:p, tc, tr, tbl).
func (f *flow) ooxmlEnd(local string) {
	switch local {
	case "p":
		f.paraEnd()
	case "tc":
		f.cellEnd()
	case "tr":
		f.rowEnd()
	case "tbl":
		f.tableEnd()
	}
}

func (f *flow) cellEnd() {
	switch n := len(f.tbl); {
	case n == 1:
		t := f.tbl[0]
		if !t.inCell {
			return
		}
		t.row = append(t.row, cleanText(t.cell.String()))
		for i := 1; i < t.span; i++ {
			t.row = append(t.row, "")
		}
		t.cell.Reset()
		t.inCell = false
	case n > 1:
		f.write("\t")
	}
}

func (f *flow) rowEnd() {
	switch n := len(f.tbl); {
	case n == 1:
		t := f.tbl[0]
		if t.inCell {
			f.cellEnd()
		}
		t.rows = append(t.rows, t.row)
		t.row = nil
	case n > 1:
		f.write("\n")
	}
}

func (f *flow) tableEnd() {
	n := len(f.tbl)
	if n == 0 {
		return
	}
	if n > 1 {
		f.tbl = f.tbl[:n-1]
		return
	}
	t := f.tbl[0]
	if len(t.row) > 0 || t.inCell {
		f.rowEnd()
	}
	f.tbl = nil
	f.emitTable(t.rows)
}

// emitTable hands over each non-empty cell with its Column.
func (f *flow) emitTable(rows [][]string) {
	if f.err != nil {
		return
	}
	var nonEmpty [][]string
	for _, r := range rows {
		if hasValue(r) {
			nonEmpty = append(nonEmpty, r)
		}
	}
	tc := classify(nonEmpty)
	for i, r := range nonEmpty {
		for c, v := range r {
			if v == "" {
				continue
			}
			if f.err = f.out.Text(extract.Segment{Location: f.loc, Column: tc.column(i, r, c), Text: v}); f.err != nil {
				return
			}
		}
	}
}

// close ends the part: open tables are emitted as they are (a truncated
// file still yields its cells) and the running text is handed over.
func (f *flow) close() error {
	for len(f.tbl) > 0 {
		f.tableEnd()
	}
	f.flush()
	return f.err
}

// cleanText trims blank lines and spaces at the ends and collapses runs of
// empty lines, which Office documents are full of.
func cleanText(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "\n\n\n") {
		return s
	}
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return s
}
