package report

import (
	_ "embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"math"
	"regexp"
	"strings"
)

//go:embed html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Parse(htmlSource))

// renderHTML writes one self-contained page: inline style and SVG, no
// script, nothing fetched (its Content-Security-Policy forbids it), A4 when
// printed. Every count links to the element that lists what it counts:
//
//	a category's people count  -> people-CAT, its people in the people list
//	a category's label         -> cat-CAT, its section (items, people per item)
//	a category's item count    -> ci-CAT--TYPE, its people with that item
//	an item's total            -> item-TYPE, the item's count per category
//	a combination's count      -> combo-N, its people
//	a special count            -> special-KEY, its people
//	a person's message count   -> msgs-ID, the Message-IDs behind the person
//	a person ID anywhere       -> person-ID, the person's row
func renderHTML(w io.Writer, m *model) error {
	return htmlTemplate.Execute(w, m.htmlView())
}

type htmlView struct {
	T             *texts
	Lang          string
	Meta          []scopeRow
	Scope         []scopeRow
	Total         string
	TotalSentence string
	Items         []htmlItem
	Cats          []htmlCat
	ChartPeople   svgChart
	ChartItems    svgChart
	Combos        []htmlCombo
	ComboSum      string
	Special       []htmlCount
	Review        []htmlCount
	Unmatched     []htmlCount
	Rules         []string
	Groups        []htmlGroup
	Evidence      []htmlEvidence
}

// htmlLink is a text and, when there is something to go to, the anchor
// (without '#') it links to.
type htmlLink struct{ Text, Href, Title string }

type htmlItem struct {
	Type, Label, Anchor, Total string
	PerCat                     []htmlLink // "label: n" per category that has the item
}

type htmlCat struct {
	No                              int
	ID, Label, Anchor, PeopleAnchor string
	People, ItemsLine, Color        string
	Cells                           []htmlCell
	ItemLists                       []htmlItemList
}

type htmlCell struct{ Text, Href, Heat string }

type htmlItemList struct {
	Anchor, Label, Count string
	People               []htmlLink
}

type htmlCombo struct {
	No     int
	Anchor string
	Items  string // the labels of its items
	Marks  []string
	People string
	IDs    []htmlLink
}

type htmlCount struct {
	Anchor, Label, Value string
	IDs                  []htmlLink
}

type htmlGroup struct {
	No                   int
	Anchor, Label, Count string
	People               []htmlPerson
}

type htmlPerson struct {
	Anchor, MsgsAnchor, ID, Names, Emails, Phones, Companies, Items, Messages string
}

type htmlEvidence struct {
	Anchor, PersonAnchor, ID, Names, Category, Period, Count, Shown, Internal, Reasons string
	MessageIDs                                                                         []string
}

func (m *model) htmlView() *htmlView {
	r, t := m.r, m.t
	v := &htmlView{
		T:             t,
		Lang:          m.lang,
		Total:         comma(r.PeopleTotal),
		TotalSentence: t.TotalSentence(r.PeopleTotal),
		Rules:         r.Definition.Rules,
		Meta:          m.metaRows(),
		Scope:         m.scopeRows(),
	}

	// Categories: the table's rows, the sections, the people per item.
	for i := range r.Categories {
		c := &r.Categories[i]
		if m.cats[c.ID] != c {
			continue // a second category with the same ID: one anchor only
		}
		hc := htmlCat{
			No: i + 1, ID: c.ID, Label: labelOf(c),
			Anchor: anchor("cat", c.ID), PeopleAnchor: anchor("people", c.ID),
			People:    comma(c.People),
			ItemsLine: m.itemLabels(m.catItems(c)), Color: color(i),
		}
		for _, typ := range m.items {
			n := c.Items[typ]
			cell := htmlCell{Text: dashZero(n, t), Heat: heat(n, c.People)}
			if n > 0 {
				cell.Href = catItemAnchor(c.ID, typ)
			}
			hc.Cells = append(hc.Cells, cell)
		}
		for _, typ := range m.catItems(c) {
			l := htmlItemList{Anchor: catItemAnchor(c.ID, typ), Label: m.itemLabel(typ), Count: t.PeopleN(c.Items[typ])}
			for j := range r.People {
				p := &r.People[j]
				if p.Category == c.ID && hasItem(p, typ) {
					l.People = append(l.People, m.personLink(p.ID))
				}
			}
			hc.ItemLists = append(hc.ItemLists, l)
		}
		v.Cats = append(v.Cats, hc)
	}
	for _, typ := range m.items {
		it := htmlItem{Type: typ, Label: m.itemLabel(typ), Anchor: anchor("item", typ), Total: comma(m.itemTotal[typ])}
		for i := range r.Categories {
			c := &r.Categories[i]
			if n := c.Items[typ]; n > 0 {
				it.PerCat = append(it.PerCat, htmlLink{Text: labelOf(c) + " " + comma(n), Href: catItemAnchor(c.ID, typ)})
			}
		}
		v.Items = append(v.Items, it)
	}
	v.ChartPeople = m.chartPeople()
	v.ChartItems = m.chartItems()

	sum := 0
	for i, c := range m.combos {
		hc := htmlCombo{No: i + 1, Anchor: fmt.Sprintf("combo-%d", i+1), Items: m.itemLabels(c.Items), People: t.PeopleN(c.People)}
		for _, typ := range m.items {
			hc.Marks = append(hc.Marks, check(c.Items, typ, t))
		}
		hc.IDs = m.personLinks(c.PersonIDs)
		v.Combos = append(v.Combos, hc)
		sum += c.People
	}
	v.ComboSum = comma(sum)

	for _, s := range m.specialRows() {
		v.Special = append(v.Special, htmlCount{Anchor: "special-" + s.Key, Label: s.Label, Value: t.PeopleN(s.N), IDs: m.personLinks(s.IDs)})
	}
	for _, s := range m.reviewRows() {
		v.Review = append(v.Review, htmlCount{Label: s.Label, Value: comma(s.N)})
	}
	for _, d := range r.Unmatched {
		v.Unmatched = append(v.Unmatched, htmlCount{Label: d.Domain, Value: comma(d.People)})
	}

	// The people list, grouped by category, and the evidence behind each.
	for i, g := range m.peopleByCategory() {
		hg := htmlGroup{No: i + 1, Anchor: anchor("people", g.ID), Label: g.Label, Count: t.PeopleN(len(g.People))}
		if c, ok := m.cats[g.ID]; ok {
			hg.Count = t.PeopleN(c.People)
		}
		for _, p := range g.People {
			if m.people[p.ID] != p {
				continue // a second person with the same ID: one anchor only
			}
			hg.People = append(hg.People, htmlPerson{
				Anchor: anchor("person", p.ID), MsgsAnchor: anchor("msgs", p.ID), ID: p.ID,
				Names: strings.Join(p.Names, t.Sep), Emails: strings.Join(p.Emails, t.Sep),
				Phones: strings.Join(p.Phones, t.Sep), Companies: strings.Join(p.Companies, t.Sep),
				Items: m.itemLabels(p.Items), Messages: comma(p.Messages),
			})
			e := htmlEvidence{
				Anchor: anchor("msgs", p.ID), PersonAnchor: anchor("person", p.ID), ID: p.ID,
				Names: strings.Join(p.Names, t.Sep), Category: m.catLabel(p.Category),
				Period: m.personPeriod(p), Count: t.MessagesN(p.Messages),
				Reasons: strings.Join(p.Reasons, t.Sep), MessageIDs: p.MessageIDs,
			}
			if len(p.MessageIDs) < p.Messages {
				e.Shown = fmt.Sprintf(t.ShownIDs, comma(len(p.MessageIDs)))
			}
			if p.Internal {
				e.Internal = t.Internal
			}
			v.Evidence = append(v.Evidence, e)
		}
		v.Groups = append(v.Groups, hg)
	}
	return v
}

// personLink links a person ID to the person's row, when the report lists
// the person.
func (m *model) personLink(id string) htmlLink {
	if p, ok := m.people[id]; ok {
		return htmlLink{Text: id, Href: anchor("person", id), Title: strings.Join(p.Names, m.t.Sep)}
	}
	return htmlLink{Text: id}
}

func (m *model) personLinks(ids []string) []htmlLink {
	out := make([]htmlLink, 0, len(ids))
	for _, id := range ids {
		out = append(out, m.personLink(id))
	}
	return out
}

var plainKey = regexp.MustCompile(`^[A-Za-z0-9_]+(-[A-Za-z0-9_]+)*$`)

// anchor is the id of the element of kind prefix about key.
func anchor(prefix, key string) string { return prefix + "-" + anchorKey(key) }

// anchorKey writes a key for an id: a key of letters, digits, '_' and
// single inner '-' as it is, any other as '~' and its bytes in hex. Keys
// stay distinct, never hold "--" nor start or end with '-', and need no
// escaping in a URL.
func anchorKey(key string) string {
	if plainKey.MatchString(key) {
		return key
	}
	return "~" + hex.EncodeToString([]byte(key))
}

// catItemAnchor is the id of the list of a category's people with an item.
func catItemAnchor(cat, typ string) string {
	return "ci-" + anchorKey(cat) + "--" + anchorKey(typ)
}

// heat is the class of a table cell by the share of the category's
// people who have the item: h0 (none) to h4 (more than three quarters).
func heat(n, people int) string {
	if n <= 0 || people <= 0 {
		return "h0"
	}
	level := int(math.Ceil(4 * float64(n) / float64(people)))
	return fmt.Sprintf("h%d", min(max(level, 1), 4))
}

// palette is the colour of each category in both charts (Tableau 10, then
// again).
var palette = []string{"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"}

func color(i int) string { return palette[i%len(palette)] }
