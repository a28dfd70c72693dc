package review

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mailsift/mailsift/pii"
	"github.com/mailsift/mailsift/report"
)

// frame is what every page's layout needs.
type frame struct {
	Page   string // "search", "person", "message", "categories", "error"
	Title  string
	Reveal bool // reveal buttons are shown (there is an audit log)
}

// segment is a run of text, highlighted or not.
type segment struct {
	Text string
	Mark bool
}

// highlight cuts s at the marks. Marks are byte ranges from the Backend; a
// range out of bounds is clipped, an overlapping one trimmed, and every
// cut moved to a character boundary, so that no mark splits a character.
func highlight(s string, marks [][2]int) []segment {
	var out []segment
	pos := 0
	for _, m := range marks {
		a, b := max(m[0], pos), min(m[1], len(s))
		if a >= b {
			continue
		}
		for a > pos && !utf8.RuneStart(s[a]) {
			a--
		}
		for b < len(s) && !utf8.RuneStart(s[b]) {
			b++
		}
		if a > pos {
			out = append(out, segment{Text: s[pos:a]})
		}
		out = append(out, segment{Text: s[a:b], Mark: true})
		pos = b
	}
	if pos < len(s) {
		out = append(out, segment{Text: s[pos:]})
	}
	return out
}

// typeLabel is the Japanese label of a finding type (the type itself if
// pii does not know it).
func typeLabel(typ string) string {
	if t, ok := pii.Lookup(typ); ok {
		return t.Label
	}
	return typ
}

// typeEnglish is the English label of a finding type, for tooltips.
func typeEnglish(typ string) string {
	if t, ok := pii.Lookup(typ); ok {
		return t.English
	}
	return typ
}

// locationLabel says where in the message a finding is, in Japanese.
func locationLabel(loc string) string {
	switch {
	case loc == "body":
		return "本文"
	case strings.HasPrefix(loc, "header:"):
		return "ヘッダー " + strings.TrimPrefix(loc, "header:")
	case strings.HasPrefix(loc, "attachment:"):
		return "添付 " + strings.TrimPrefix(loc, "attachment:")
	}
	return loc
}

// showDate is an RFC 3339 date as a reader wants it, in its own offset.
func showDate(s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Format("2006-01-02 15:04")
	}
	return s
}

func personURL(id string) string {
	if id == "" {
		return ""
	}
	return "/person/" + url.PathEscape(id)
}

func messageURL(sha string) string {
	if sha == "" {
		return ""
	}
	return "/message/" + url.PathEscape(sha)
}

// comma writes n with thousands separators.
func comma(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// hitRow is one finding as the pages show it.
type hitRow struct {
	ID, Type, TypeLabel, TypeEnglish string
	Masked                           string
	Segments                         []segment
	Date                             string
	Location, LocationLabel          string
	Part                             string
	Start, End                       int
	PersonURL, PersonName            string
	CategoryLabel                    string
	MessageURL, Subject              string
	Score                            float64
	Reveal                           bool
}

// hitRows turns hits into rows; cats maps category ids to labels.
func hitRows(hits []Hit, cats map[string]string, reveal bool) []hitRow {
	rows := make([]hitRow, 0, len(hits))
	for _, h := range hits {
		f := h.Finding
		cat := cats[h.Category]
		if cat == "" {
			cat = h.Category
		}
		name := h.PersonName
		if name == "" {
			name = f.Person
		}
		rows = append(rows, hitRow{
			ID: f.ID, Type: f.Type, TypeLabel: typeLabel(f.Type), TypeEnglish: typeEnglish(f.Type),
			Masked:   f.Masked,
			Segments: highlight(f.Context, h.Marks),
			Date:     showDate(f.Date),
			Location: f.Location, LocationLabel: locationLabel(f.Location),
			Part:  f.Part,
			Start: f.Start, End: f.End,
			PersonURL: personURL(f.Person), PersonName: name,
			CategoryLabel: cat,
			MessageURL:    messageURL(f.MessageSHA256), Subject: h.Subject,
			Score:  h.Score,
			Reveal: reveal,
		})
	}
	return rows
}

// findingTable is a table of findings; WithMessage adds a column linking
// each finding's message (not on the message's own page).
type findingTable struct {
	Rows        []hitRow
	WithMessage bool
}

// facetTitles are the sidebar's headings.
var facetTitles = map[string]string{
	"type":     "種類 Type",
	"category": "分類 Category",
	"source":   "フォルダ Folder",
	"date":     "日付 Date",
}

// facetView is one facet of the sidebar.
type facetView struct {
	Field, Title   string
	Missing, Other int
	Terms          []termView
}

// termView is one term of a facet: clicking it adds its filter to the
// query, or removes it when the query has it already.
type termView struct {
	Term, Label string
	Count       int
	URL         string
	Active      bool
	Bar         int // width of its bar in px, relative to the facet's largest count
}

const barWidth = 60

func facetViews(facets []Facet, req SearchRequest) []facetView {
	var out []facetView
	for _, f := range facets {
		title := facetTitles[f.Field]
		if title == "" {
			title = f.Field
		}
		fv := facetView{Field: f.Field, Title: title, Missing: f.Missing, Other: f.Other}
		most := 1
		for _, t := range f.Terms {
			most = max(most, t.Count)
		}
		for _, t := range f.Terms {
			label := t.Label
			if label == "" && f.Field == "type" {
				label = typeLabel(t.Term)
			}
			if label == "" {
				label = t.Term
			}
			fv.Terms = append(fv.Terms, termView{
				Term: t.Term, Label: label, Count: t.Count,
				URL:    searchURL(toggleClause(req.Query, t.Filter), req, 0),
				Active: hasClause(req.Query, t.Filter),
				Bar:    max(1, t.Count*barWidth/most),
			})
		}
		out = append(out, fv)
	}
	return out
}

// categoryLabels collects category labels from the category facet.
func categoryLabels(facets []Facet) map[string]string {
	m := map[string]string{}
	for _, f := range facets {
		if f.Field != "category" {
			continue
		}
		for _, t := range f.Terms {
			if t.Label != "" {
				m[t.Term] = t.Label
			}
		}
	}
	return m
}

// pageLink is one link of the pager.
type pageLink struct {
	Text    string
	URL     string // "" for the current page or a gap
	Current bool
}

// pager is the links to the other pages of a result: previous, a window
// of numbers around the current page, next. Pages past MaxFrom are not
// offered.
func pager(total uint64, req SearchRequest) []pageLink {
	size := max(req.Size, 1)
	last := int(min(total, MaxFrom+uint64(size))+uint64(size)-1)/size - 1
	if last <= 0 {
		return nil
	}
	cur := req.From / size
	var out []pageLink
	if req.From > 0 {
		out = append(out, pageLink{Text: "← 前へ", URL: searchURL(req.Query, req, max(req.From-size, 0))})
	}
	lo, hi := max(cur-3, 0), min(cur+3, last)
	if lo > 0 {
		out = append(out, pageLink{Text: "1", URL: searchURL(req.Query, req, 0)})
		if lo > 1 {
			out = append(out, pageLink{Text: "…"})
		}
	}
	for p := lo; p <= hi; p++ {
		l := pageLink{Text: strconv.Itoa(p + 1), Current: p == cur}
		if !l.Current {
			l.URL = searchURL(req.Query, req, p*size)
		}
		out = append(out, l)
	}
	if hi < last {
		if hi < last-1 {
			out = append(out, pageLink{Text: "…"})
		}
		out = append(out, pageLink{Text: strconv.Itoa(last + 1), URL: searchURL(req.Query, req, last*size)})
	}
	if next := req.From + size; uint64(next) < total && next <= MaxFrom {
		out = append(out, pageLink{Text: "次へ →", URL: searchURL(req.Query, req, next)})
	}
	return out
}

// catTable is the report's category table: a row per category, a column
// per finding type anyone has, in pii order (unknown types last).
type catTable struct {
	Items []catItem
	Rows  []catRow
	Total catRow
}

type catItem struct{ Type, Label, English string }

type catRow struct {
	ID, Label string
	People    catCell
	Cells     []catCell
}

type catCell struct {
	Text string // the count, or "—" for none
	URL  string // the search for those findings
}

func categoryTable(r *report.Report) catTable {
	seen := map[string]bool{}
	total := map[string]int{}
	for _, c := range r.Categories {
		for typ, n := range c.Items {
			if n > 0 {
				seen[typ] = true
				total[typ] += n
			}
		}
	}
	var types []string
	for _, name := range pii.Names() {
		if seen[name] {
			types = append(types, name)
		}
	}
	var unknown []string
	for name := range seen {
		if !pii.Known(name) {
			unknown = append(unknown, name)
		}
	}
	slices.Sort(unknown)
	types = append(types, unknown...)

	var t catTable
	for _, typ := range types {
		t.Items = append(t.Items, catItem{Type: typ, Label: typeLabel(typ), English: typeEnglish(typ)})
	}
	cell := func(n int, q string) catCell {
		if n <= 0 {
			return catCell{Text: "—"}
		}
		return catCell{Text: comma(n), URL: searchURL(q, SearchRequest{}, 0)}
	}
	for _, c := range r.Categories {
		label := c.Label
		if label == "" {
			label = c.ID
		}
		row := catRow{ID: c.ID, Label: label, People: cell(c.People, clause("category", c.ID))}
		if c.People == 0 {
			row.People.Text = "0"
		}
		for _, typ := range types {
			row.Cells = append(row.Cells, cell(c.Items[typ], clause("category", c.ID)+" "+clause("type", typ)))
		}
		t.Rows = append(t.Rows, row)
	}
	t.Total = catRow{Label: "合計 Total", People: catCell{Text: comma(r.PeopleTotal), URL: "/"}}
	for _, typ := range types {
		t.Total.Cells = append(t.Total.Cells, cell(total[typ], clause("type", typ)))
	}
	return t
}

// period joins two dates as "first – last".
func period(first, last string) string {
	switch {
	case first == "" && last == "":
		return ""
	case first == last || last == "":
		return first
	case first == "":
		return last
	}
	return fmt.Sprintf("%s – %s", first, last)
}
