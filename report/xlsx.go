package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// renderXLSX writes a workbook with one sheet per table and the people
// list. Counts are numbers (shown with separators); a category's people
// count links to the category's first row in the people sheet, and an
// item count to the first person of the category with the item there (the
// people sheet has one ✓ column per item, and a filter, to list them all).
func renderXLSX(w io.Writer, m *model) error {
	f := excelize.NewFile()
	defer f.Close()
	x, err := newXLSX(f)
	if err != nil {
		return err
	}
	r, t := m.r, m.t

	// The people sheet's rows first: the other sheets link to them.
	personRow := map[string]int{}
	catRow := map[string]int{}
	catItemRow := map[[2]string]int{}
	for i := range r.People {
		p := &r.People[i]
		row := i + 2
		if _, ok := personRow[p.ID]; !ok {
			personRow[p.ID] = row
		}
		if _, ok := catRow[p.Category]; !ok {
			catRow[p.Category] = row
		}
		for _, it := range p.Items {
			k := [2]string{p.Category, it}
			if _, ok := catItemRow[k]; !ok {
				catItemRow[k] = row
			}
		}
	}
	toPeople := func(row int) string {
		if row == 0 {
			return ""
		}
		return fmt.Sprintf("'%s'!A%d", t.SheetPeople, row)
	}

	s := x.sheet(t.SheetCategories)
	s.header(m.columns(t.CategoryID, t.Category, t.People)...)
	for i := range r.Categories {
		c := &r.Categories[i]
		row := []xcell{xtext(c.ID), xtext(labelOf(c)), xnum(c.People).to(toPeople(catRow[c.ID]))}
		for _, typ := range m.items {
			row = append(row, xnum(c.Items[typ]).to(toPeople(catItemRow[[2]string{c.ID, typ}])))
		}
		s.add(row...)
	}
	total := []xcell{xtext(""), xtext(t.Total).strong(), xnum(r.PeopleTotal).strong()}
	for _, typ := range m.items {
		total = append(total, xnum(m.itemTotal[typ]).strong())
	}
	s.add(total...)
	s.widths(14, 30, 10)
	s.freeze(2, 1)

	s = x.sheet(t.SheetCombinations)
	s.header(append(m.columns(t.No), t.People)...)
	sum := 0
	for i, c := range m.combos {
		row := []xcell{xnum(i + 1)}
		for _, typ := range m.items {
			row = append(row, xtext(check(c.Items, typ, t)))
		}
		s.add(append(row, xnum(c.People))...)
		sum += c.People
	}
	total = []xcell{xtext(t.Total).strong()}
	for range m.items {
		total = append(total, xtext(""))
	}
	s.add(append(total, xnum(sum).strong())...)
	s.freeze(1, 1)

	s = x.sheet(t.SheetSpecial)
	s.header(t.Item, t.People)
	for _, c := range m.specialRows() {
		first := 0
		if len(c.IDs) > 0 {
			first = personRow[c.IDs[0]]
		}
		s.add(xtext(c.Label), xnum(c.N).to(toPeople(first)))
	}
	s.widths(70, 10)

	s = x.sheet(t.SheetReview)
	s.header(t.Item, t.Number)
	for _, c := range m.reviewRows() {
		s.add(xtext(c.Label), xnum(c.N))
	}
	s.widths(60, 10)

	s = x.sheet(t.SheetUnmatched)
	s.header(t.Domain, t.People)
	for _, d := range r.Unmatched {
		s.add(xtext(d.Domain), xnum(d.People))
	}
	s.widths(40, 10)

	s = x.sheet(t.SheetScope)
	s.header(t.Item, t.Content)
	for _, row := range append(m.metaRows(), m.scopeRows()...) {
		if row.IsNum {
			s.add(xtext(row.Label), xnum(row.N))
		} else {
			s.add(xtext(row.Label), xtext(row.Text))
		}
	}
	s.widths(34, 60)

	s = x.sheet(t.SheetDefinition)
	s.header(t.No, t.Rule)
	for i, rule := range r.Definition.Rules {
		s.add(xnum(i+1), xtext(rule))
	}
	s.widths(6, 100)

	s = x.sheet(t.SheetPeople)
	head := m.columns(t.ID, t.CategoryID, t.Category, t.Names, t.Emails, t.Phones, t.Companies, t.Items,
		t.MessageCount, t.FirstDate, t.LastDate, t.Internal, t.Reasons, t.MessageIDs)
	s.header(head...)
	for i := range r.People {
		p := &r.People[i]
		internal := ""
		if p.Internal {
			internal = t.Yes
		}
		row := []xcell{
			xtext(p.ID), xtext(p.Category), xtext(m.catLabel(p.Category)),
			xtext(strings.Join(p.Names, t.Sep)), xtext(strings.Join(p.Emails, t.Sep)),
			xtext(strings.Join(p.Phones, t.Sep)), xtext(strings.Join(p.Companies, t.Sep)),
			xtext(m.itemLabels(p.Items)), xnum(p.Messages), xtext(p.First), xtext(p.Last),
			xtext(internal), xtext(strings.Join(p.Reasons, t.Sep)), xtext(strings.Join(p.MessageIDs, " ")),
		}
		for _, typ := range m.items {
			row = append(row, xtext(check(p.Items, typ, t)))
		}
		s.add(row...)
	}
	s.widths(12, 12, 24, 22, 28, 18, 22, 36, 8, 11, 11, 6, 24, 40)
	s.freeze(1, 1)
	s.filter(len(head))

	if x.err != nil {
		return x.err
	}
	return f.Write(w)
}

// xcell is one cell: a text or a number, perhaps bold, perhaps a link to
// a place in the workbook.
type xcell struct {
	s     string
	n     int
	isNum bool
	bold  bool
	link  string
}

func xtext(s string) xcell    { return xcell{s: s} }
func xnum(n int) xcell        { return xcell{n: n, isNum: true} }
func (c xcell) strong() xcell { c.bold = true; return c }

// to links the cell to a place ("'Sheet'!A5"), or to nothing for "".
func (c xcell) to(place string) xcell { c.link = place; return c }

// xlsx builds the workbook and keeps the first error.
type xlsx struct {
	f      *excelize.File
	err    error
	first  bool
	styles map[[3]bool]int // [number, bold, link] -> style
	head   int
}

func newXLSX(f *excelize.File) (*xlsx, error) {
	x := &xlsx{f: f, first: true, styles: map[[3]bool]int{}}
	var err error
	x.head, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF1F5"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
	if err != nil {
		return nil, err
	}
	for _, num := range []bool{false, true} {
		for _, bold := range []bool{false, true} {
			for _, link := range []bool{false, true} {
				st := &excelize.Style{Font: &excelize.Font{Bold: bold}}
				if num {
					st.NumFmt = 3 // #,##0
				}
				if link {
					st.Font.Color, st.Font.Underline = "1F4E8C", "single"
				}
				id, err := f.NewStyle(st)
				if err != nil {
					return nil, err
				}
				x.styles[[3]bool{num, bold, link}] = id
			}
		}
	}
	return x, nil
}

// sheet starts a sheet; the first one takes the place of the default
// sheet.
func (x *xlsx) sheet(name string) *xsheet {
	if x.err == nil {
		if x.first {
			x.err = x.f.SetSheetName(x.f.GetSheetName(0), name)
			x.first = false
		} else {
			_, x.err = x.f.NewSheet(name)
		}
	}
	return &xsheet{x: x, name: name}
}

type xsheet struct {
	x    *xlsx
	name string
	rows int
}

func (s *xsheet) set(err error) {
	if s.x.err == nil {
		s.x.err = err
	}
}

func (s *xsheet) header(cells ...string) {
	s.rows++
	for i, v := range cells {
		cell, err := excelize.CoordinatesToCellName(i+1, s.rows)
		s.set(err)
		if err != nil {
			return
		}
		s.set(s.x.f.SetCellStr(s.name, cell, v))
	}
	if len(cells) > 0 {
		end, _ := excelize.CoordinatesToCellName(len(cells), s.rows)
		s.set(s.x.f.SetCellStyle(s.name, "A1", end, s.x.head))
	}
}

func (s *xsheet) add(cells ...xcell) {
	s.rows++
	f := s.x.f
	for i, c := range cells {
		cell, err := excelize.CoordinatesToCellName(i+1, s.rows)
		if err != nil {
			s.set(err)
			return
		}
		if c.isNum {
			s.set(f.SetCellInt(s.name, cell, int64(c.n)))
		} else {
			s.set(f.SetCellStr(s.name, cell, c.s))
		}
		if c.link != "" {
			s.set(f.SetCellHyperLink(s.name, cell, c.link, "Location"))
		}
		if c.isNum || c.bold || c.link != "" {
			s.set(f.SetCellStyle(s.name, cell, cell, s.x.styles[[3]bool{c.isNum, c.bold, c.link != ""}]))
		}
	}
}

// widths sets the widths of the first columns.
func (s *xsheet) widths(w ...float64) {
	for i, v := range w {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			s.set(err)
			return
		}
		s.set(s.x.f.SetColWidth(s.name, col, col, v))
	}
}

// freeze keeps the first rows and columns in view.
func (s *xsheet) freeze(rows, cols int) {
	top, err := excelize.CoordinatesToCellName(cols+1, rows+1)
	if err != nil {
		s.set(err)
		return
	}
	s.set(s.x.f.SetPanes(s.name, &excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: top, ActivePane: "bottomRight"}))
}

// filter puts a filter on the header of a sheet of cols columns.
func (s *xsheet) filter(cols int) {
	if s.rows < 2 || cols == 0 {
		return
	}
	end, err := excelize.CoordinatesToCellName(cols, s.rows)
	if err != nil {
		s.set(err)
		return
	}
	s.set(s.x.f.AutoFilter(s.name, "A1:"+end, nil))
}
