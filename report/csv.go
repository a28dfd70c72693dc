package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// renderCSV writes the per-category table: a header row, one row per
// category and a total row. Numbers are plain (no separators); every text
// cell is safe to open in a spreadsheet.
func renderCSV(w io.Writer, m *model) error {
	t := m.t
	cw := csv.NewWriter(w)
	rows := [][]string{m.columns(t.CategoryID, t.Category, t.People)}
	for i := range m.r.Categories {
		c := &m.r.Categories[i]
		row := []string{c.ID, labelOf(c), strconv.Itoa(c.People)}
		for _, typ := range m.items {
			row = append(row, strconv.Itoa(c.Items[typ]))
		}
		rows = append(rows, row)
	}
	total := []string{"", t.Total, strconv.Itoa(m.r.PeopleTotal)}
	for _, typ := range m.items {
		total = append(total, strconv.Itoa(m.itemTotal[typ]))
	}
	rows = append(rows, total)
	for _, row := range rows {
		for i := range row {
			row[i] = formulaSafe(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// formulaSafe keeps a spreadsheet from taking a text cell for a formula: a
// cell starting with = + - @, a tab or a carriage return gets a leading
// single quote (OWASP's advice against CSV injection). Counts are never
// negative, so no number is changed.
func formulaSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
