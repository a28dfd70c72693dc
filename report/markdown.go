package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// renderMarkdown writes the report for a reader: the sections of a breach
// notice (004 in the reference folder: per category the items as one line
// and the number of people), then the tables behind it.
func renderMarkdown(w io.Writer, m *model) error {
	bw := bufio.NewWriter(w)
	md := &mdWriter{w: bw}
	r, t := m.r, m.t

	md.f("# %s\n\n", t.Title)
	for _, row := range m.metaRows() {
		md.f("- %s: %s\n", row.Label, mdText(row.Text))
	}
	md.f("\n## 1. %s\n\n", t.Summary)
	md.f("%s\n\n", t.TotalSentence(r.PeopleTotal))
	md.f("**%s: %s**\n\n", t.TotalLabel, t.PeopleN(r.PeopleTotal))

	md.f("## 2. %s\n\n", t.Scope)
	md.row(t.Item, t.Content)
	md.rule("ll")
	for _, row := range m.scopeRows() {
		md.row(mdText(row.Label), mdText(row.Text))
	}
	md.f("\n")

	md.f("## 3. %s\n\n", t.ByCategory)
	for i := range r.Categories {
		c := &r.Categories[i]
		md.f("### (%d) %s\n\n", i+1, mdText(labelOf(c)))
		md.f("%s\n\n", t.ItemsMark)
		md.f("%s\n\n", mdText(m.itemLabels(m.catItems(c))))
		md.f("%s %s\n\n", t.PeopleMark, t.PeopleN(c.People))
	}

	md.f("### %s\n\n", t.CategoryTable)
	md.row(mdCells(m.columns(t.Category, t.People))...)
	md.rule("lr" + strings.Repeat("r", len(m.items)))
	for i := range r.Categories {
		c := &r.Categories[i]
		cells := []string{mdText(labelOf(c)), comma(c.People)}
		for _, typ := range m.items {
			cells = append(cells, dashZero(c.Items[typ], t))
		}
		md.row(cells...)
	}
	total := []string{"**" + t.Total + "**", "**" + comma(r.PeopleTotal) + "**"}
	for _, typ := range m.items {
		total = append(total, "**"+comma(m.itemTotal[typ])+"**")
	}
	md.row(total...)
	md.f("\n")

	md.f("## 4. %s\n\n", t.Combinations)
	md.f("%s\n\n", t.CombinationsNote)
	if len(m.combos) == 0 {
		md.f("%s\n\n", t.None)
	} else {
		md.row(mdCells(append(m.columns(t.No), t.People))...)
		md.rule("r" + strings.Repeat("c", len(m.items)) + "r")
		sum := 0
		for i, c := range m.combos {
			cells := []string{fmt.Sprint(i + 1)}
			for _, typ := range m.items {
				cells = append(cells, check(c.Items, typ, t))
			}
			md.row(append(cells, comma(c.People))...)
			sum += c.People
		}
		cells := []string{"**" + t.Total + "**"}
		for range m.items {
			cells = append(cells, "")
		}
		md.row(append(cells, "**"+comma(sum)+"**")...)
		md.f("\n")
	}

	md.f("## 5. %s\n\n", t.Special)
	md.row(t.Item, t.People)
	md.rule("lr")
	for _, s := range m.specialRows() {
		md.row(s.Label, t.PeopleN(s.N))
	}
	md.f("\n")

	md.f("## 6. %s\n\n", t.Review)
	md.row(t.Item, t.Number)
	md.rule("lr")
	for _, s := range m.reviewRows() {
		md.row(s.Label, comma(s.N))
	}
	md.f("\n")

	md.f("## 7. %s\n\n", t.Unmatched)
	md.f("%s\n\n", t.UnmatchedNote)
	if len(r.Unmatched) == 0 {
		md.f("%s\n\n", t.None)
	} else {
		md.row(t.Domain, t.People)
		md.rule("lr")
		for _, d := range r.Unmatched {
			md.row(mdText(d.Domain), comma(d.People))
		}
		md.f("\n")
	}

	md.f("## 8. %s\n\n", t.Definition)
	if len(r.Definition.Rules) == 0 {
		md.f("%s\n\n", t.None)
	} else {
		for _, rule := range r.Definition.Rules {
			md.f("- %s\n", mdText(rule))
		}
		md.f("\n")
	}

	md.f("## 9. %s\n\n", t.PeopleList)
	if len(r.People) == 0 {
		md.f("%s\n", t.None)
	} else {
		md.row(t.ID, t.Category, t.Names, t.Items, t.MessageCount)
		md.rule("llllr")
		for i := range r.People {
			p := &r.People[i]
			md.row(mdText(p.ID), mdText(m.catLabel(p.Category)), mdText(strings.Join(p.Names, t.Sep)),
				mdText(m.itemLabels(p.Items)), comma(p.Messages))
		}
	}
	if md.err != nil {
		return md.err
	}
	return bw.Flush()
}

// mdWriter writes Markdown and keeps the first error.
type mdWriter struct {
	w   *bufio.Writer
	err error
}

func (md *mdWriter) f(format string, args ...any) {
	if md.err == nil {
		_, md.err = fmt.Fprintf(md.w, format, args...)
	}
}

// row writes a table row of cells that are already escaped.
func (md *mdWriter) row(cells ...string) {
	md.f("| %s |\n", strings.Join(cells, " | "))
}

// rule writes the line under a table's header: per column l (left), r
// (right, numbers) or c (centre, marks).
func (md *mdWriter) rule(align string) {
	cells := make([]string, len(align))
	for i, a := range align {
		switch a {
		case 'r':
			cells[i] = "---:"
		case 'c':
			cells[i] = ":---:"
		default:
			cells[i] = "---"
		}
	}
	md.row(cells...)
}

// mdText makes text from mail safe in Markdown: a table cell stays one
// cell on one line, and nothing in it becomes a link, markup or HTML.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f:
		case strings.ContainsRune("\\`*_[]<>|#!~", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCells escapes each cell.
func mdCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = mdText(c)
	}
	return out
}

// dashZero is n with separators, or a dash for zero.
func dashZero(n int, t *texts) string {
	if n == 0 {
		return t.Dash
	}
	return comma(n)
}

// check is the mark of a combination's item.
func check(items []string, typ string, t *texts) string {
	for _, it := range items {
		if it == typ {
			return t.Check
		}
	}
	return ""
}
