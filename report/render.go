package report

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/mailsift/mailsift/pii"
)

// The formats and languages Render accepts; the first of each is the
// default for an empty string.
var (
	Formats = []string{"md", "html", "csv", "json", "xlsx"}
	Langs   = []string{"ja", "en"}
)

// Errors of Render for a format or language it does not know.
var (
	ErrFormat = errors.New("report: unknown format")
	ErrLang   = errors.New("report: unknown language")
)

// Render writes r to w in format (md, html, csv, json or xlsx; "" is md)
// and language lang (ja or en; "" is ja). Item labels are those of package
// pii (Label in Japanese, English in English); categories print their
// Label. The output is a function of r alone, so it can be compared with a
// golden file (xlsx: its cell values).
func Render(w io.Writer, r *Report, format, lang string) error {
	if r == nil {
		return errors.New("report: nil report")
	}
	if format == "" {
		format = Formats[0]
	}
	if lang == "" {
		lang = Langs[0]
	}
	if !slices.Contains(Formats, format) {
		return fmt.Errorf("%w %q (want one of %s)", ErrFormat, format, strings.Join(Formats, ", "))
	}
	if !slices.Contains(Langs, lang) {
		return fmt.Errorf("%w %q (want one of %s)", ErrLang, lang, strings.Join(Langs, ", "))
	}
	m := newModel(r, lang)
	switch format {
	case "md":
		return renderMarkdown(w, m)
	case "html":
		return renderHTML(w, m)
	case "csv":
		return renderCSV(w, m)
	case "json":
		return renderJSON(w, m)
	default:
		return renderXLSX(w, m)
	}
}

// model is what every format needs besides the Report: the words of the
// language, the item columns and the look-ups.
type model struct {
	r    *Report
	lang string
	t    *texts
	// items are the finding types anyone has, in pii order (types pii
	// does not know last, sorted): the columns of the tables.
	items     []string
	itemTotal map[string]int
	cats      map[string]*Category
	people    map[string]*Person
	// combos are r.Combinations, most frequent first (stable).
	combos []Combination
}

func newModel(r *Report, lang string) *model {
	m := &model{
		r:         r,
		lang:      lang,
		t:         textsFor(lang),
		itemTotal: map[string]int{},
		cats:      map[string]*Category{},
		people:    map[string]*Person{},
	}
	seen := map[string]bool{}
	for i := range r.Categories {
		c := &r.Categories[i]
		if _, dup := m.cats[c.ID]; !dup {
			m.cats[c.ID] = c
		}
		for typ, n := range c.Items {
			if n > 0 {
				seen[typ] = true
				m.itemTotal[typ] += n
			}
		}
	}
	for i := range r.People {
		p := &r.People[i]
		if _, dup := m.people[p.ID]; !dup {
			m.people[p.ID] = p
		}
	}
	m.items = orderItems(seen)
	m.combos = slices.Clone(r.Combinations)
	slices.SortStableFunc(m.combos, func(a, b Combination) int { return b.People - a.People })
	return m
}

// orderItems returns the types in set in pii order, unknown ones last and
// sorted.
func orderItems(set map[string]bool) []string {
	var out []string
	for _, name := range pii.Names() {
		if set[name] {
			out = append(out, name)
		}
	}
	var unknown []string
	for name := range set {
		if !pii.Known(name) {
			unknown = append(unknown, name)
		}
	}
	slices.Sort(unknown)
	return append(out, unknown...)
}

// sortItems returns items in pii order (unknown types last, sorted),
// without duplicates.
func sortItems(items []string) []string {
	set := map[string]bool{}
	for _, it := range items {
		set[it] = true
	}
	return orderItems(set)
}

// itemLabel is the name of a finding type in the report's language.
func (m *model) itemLabel(typ string) string {
	t, ok := pii.Lookup(typ)
	if !ok {
		return typ
	}
	if m.lang == "en" {
		return t.English
	}
	return t.Label
}

// columns are the labels of the item columns, after the given headers.
func (m *model) columns(before ...string) []string {
	out := slices.Clone(before)
	for _, typ := range m.items {
		out = append(out, m.itemLabel(typ))
	}
	return out
}

// itemLabels joins the labels of items in pii order.
func (m *model) itemLabels(items []string) string {
	if len(items) == 0 {
		return m.t.None
	}
	labels := make([]string, 0, len(items))
	for _, it := range sortItems(items) {
		labels = append(labels, m.itemLabel(it))
	}
	return strings.Join(labels, m.t.Sep)
}

// catItems are the types the people of c have, in column order.
func (m *model) catItems(c *Category) []string {
	var out []string
	for _, typ := range m.items {
		if c.Items[typ] > 0 {
			out = append(out, typ)
		}
	}
	return out
}

// catLabel is how the category called id prints.
func (m *model) catLabel(id string) string {
	if c, ok := m.cats[id]; ok {
		return labelOf(c)
	}
	return id
}

func labelOf(c *Category) string {
	if c.Label != "" {
		return c.Label
	}
	return c.ID
}

// view is the headline's view in the report's language.
func (m *model) view() string {
	if v, ok := m.t.Views[strings.ToLower(strings.TrimSpace(m.r.View))]; ok {
		return v
	}
	return m.r.View
}

// generated is the time of the report, or "" when it has none.
func (m *model) generated() string {
	if m.r.Generated.IsZero() {
		return ""
	}
	return m.r.Generated.Format("2006-01-02 15:04 MST")
}

// period is the range of message dates.
func (m *model) period() string {
	s := m.r.Scope
	switch {
	case s.First == "" && s.Last == "":
		return m.t.Dash
	case s.First == s.Last:
		return s.First
	}
	first, last := s.First, s.Last
	if first == "" {
		first = "?"
	}
	if last == "" {
		last = "?"
	}
	return first + m.t.To + last
}

// personPeriod is the range of a person's message dates.
func (m *model) personPeriod(p *Person) string {
	switch {
	case p.First == "" && p.Last == "":
		return ""
	case p.First == p.Last || p.Last == "":
		return p.First
	case p.First == "":
		return p.Last
	}
	return p.First + m.t.To + p.Last
}

// scopeRow is one line of the scope: a label, a text and, when the line
// is a count, the number.
type scopeRow struct {
	Label, Text string
	N           int
	IsNum       bool
}

// metaRows say when the report was made and which view it counts.
func (m *model) metaRows() []scopeRow {
	var rows []scopeRow
	if g := m.generated(); g != "" {
		rows = append(rows, scopeRow{Label: m.t.Generated, Text: g})
	}
	if v := m.view(); v != "" {
		rows = append(rows, scopeRow{Label: m.t.View, Text: v})
	}
	return rows
}

// scopeRows say what was examined.
func (m *model) scopeRows() []scopeRow {
	s, t := m.r.Scope, m.t
	list := func(v []string) string {
		if len(v) == 0 {
			return t.Dash
		}
		return strings.Join(v, t.Sep)
	}
	num := func(label string, n int, unit func(int) string) scopeRow {
		return scopeRow{Label: label, Text: unit(n), N: n, IsNum: true}
	}
	rows := []scopeRow{
		{Label: t.Cases, Text: list(s.Cases)},
		{Label: t.Folders, Text: list(s.Sources)},
		{Label: t.Period, Text: m.period()},
		num(t.Messages, s.Messages, t.messages),
		num(t.Duplicates, s.Duplicates, t.messages),
		num(t.Findings, s.Findings, t.count),
		num(t.Errors, s.Errors, t.messages),
		num(t.Locked, s.Locked, t.count),
	}
	if m.r.Views == nil {
		return rows
	}
	// What the attacker accessed, and the people of both views: the
	// headline's view first, as the report counts it.
	a := m.r.Access
	rows = append(rows,
		scopeRow{Label: t.AuditLog, Text: list(a.Files)},
		num(t.AccessedMessages, a.Accessed, t.messages),
		num(t.SyncedMessages, a.Synced, t.messages),
		num(t.MissingAccess, a.Missing, t.count))
	for _, v := range m.r.Views {
		rows = append(rows, num(fmt.Sprintf(t.PeopleInView, t.Views[v.View]), v.PeopleTotal, t.people))
	}
	return rows
}

// countRow is a labelled count with the people behind it.
type countRow struct {
	Key, Label string
	N          int
	IDs        []string
}

func (m *model) specialRows() []countRow {
	s, t := m.r.Special, m.t
	return []countRow{
		{"my-number", t.MyNumber, s.MyNumberPeople, s.MyNumberIDs},
		{"id-document", t.IDDocument, s.IDDocumentPeople, s.IDDocumentIDs},
		{"financial", t.Financial, s.FinancialPeople, s.FinancialIDs},
	}
}

func (m *model) reviewRows() []countRow {
	v, t := m.r.Review, m.t
	return []countRow{
		{"conflicts", t.Conflicts, v.Conflicts, nil},
		{"name-only", t.NameOnly, v.NameOnly, nil},
		{"overrides", t.Overrides, v.OverridesApplied, nil},
		{"unattributed", t.Unattributed, v.Unattributed, nil},
	}
}

// peopleByCategory groups the people list by category, in the order of
// the categories; people of a category the report does not list come
// last, in groups of their own.
func (m *model) peopleByCategory() []peopleGroup {
	idx := map[string]int{}
	var groups []peopleGroup
	for i := range m.r.Categories {
		c := &m.r.Categories[i]
		if _, dup := idx[c.ID]; dup {
			continue
		}
		idx[c.ID] = len(groups)
		groups = append(groups, peopleGroup{ID: c.ID, Label: labelOf(c)})
	}
	for i := range m.r.People {
		p := &m.r.People[i]
		g, ok := idx[p.Category]
		if !ok {
			g = len(groups)
			idx[p.Category] = g
			groups = append(groups, peopleGroup{ID: p.Category, Label: p.Category})
		}
		groups[g].People = append(groups[g].People, p)
	}
	return groups
}

type peopleGroup struct {
	ID, Label string
	People    []*Person
}

// hasItem reports whether p has the finding type typ.
func hasItem(p *Person, typ string) bool { return slices.Contains(p.Items, typ) }

// comma writes n with thousands separators: 2,540.
func comma(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
