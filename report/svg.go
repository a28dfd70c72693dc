package report

import (
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// svgChart is a horizontal bar chart drawn by the template: one row per
// category or item, each bar of one or more segments, an optional legend
// above. Coordinates are strings so that the output is the same on every
// machine.
type svgChart struct {
	ID, Title string
	W, H      int
	LabelX    string
	Legend    []svgLegend
	Rows      []svgRow
}

type svgLegend struct {
	X, Y, TX, TY string
	Color, Label string
	Href         string
}

type svgRow struct {
	Label, Full string // Label may be shortened; Full is its tooltip
	TY          string
	Bars        []svgBar
	Value, VX   string
}

type svgBar struct {
	X, Y, W, H  string
	Color, Href string
	Tip         string
}

// Geometry of both charts, in the units of their viewBox (CSS pixels at
// full width).
const (
	chartW     = 720
	labelRight = 196 // labels end here (text-anchor end)
	barLeft    = 204
	barMax     = 440
	rowH       = 26
	barH       = 18
	chartPad   = 8
	fontSize   = 12
	legendRowH = 20
)

// chartPeople draws the people of each category.
func (m *model) chartPeople() svgChart {
	c := svgChart{ID: "chart-people", Title: m.t.ChartPeople, W: chartW, LabelX: strconv.Itoa(labelRight)}
	most := 0
	for _, cat := range m.r.Categories {
		most = max(most, cat.People)
	}
	y := chartPad
	for i := range m.r.Categories {
		cat := &m.r.Categories[i]
		row := newRow(labelOf(cat), y)
		if w := scale(cat.People, most); cat.People > 0 {
			row.Bars = []svgBar{{
				X: strconv.Itoa(barLeft), Y: strconv.Itoa(y + (rowH-barH)/2), W: fmt1(w), H: strconv.Itoa(barH),
				Color: color(i), Href: anchor("people", cat.ID), Tip: labelOf(cat) + ": " + m.t.PeopleN(cat.People),
			}}
			row.VX = fmt1(barLeft + w + 6)
		}
		row.Value = comma(cat.People)
		c.Rows = append(c.Rows, row)
		y += rowH
	}
	c.H = y + chartPad
	return c
}

// chartItems draws, per item, the people who have it, stacked by
// category (each person is in one category, so the bar is the item's
// total), with the categories' legend above.
func (m *model) chartItems() svgChart {
	c := svgChart{ID: "chart-items", Title: m.t.ChartItems, W: chartW, LabelX: strconv.Itoa(labelRight)}
	x, y := 0.0, chartPad
	for i := range m.r.Categories {
		cat := &m.r.Categories[i]
		label := shorten(labelOf(cat), 200)
		w := 16 + textWidth(label) + 18
		if x > 0 && x+w > chartW {
			x, y = 0, y+legendRowH
		}
		c.Legend = append(c.Legend, svgLegend{
			X: fmt1(x), Y: strconv.Itoa(y), TX: fmt1(x + 16), TY: strconv.Itoa(y + 10),
			Color: color(i), Label: label, Href: anchor("cat", cat.ID),
		})
		x += w
	}
	if len(c.Legend) > 0 {
		y += legendRowH + chartPad
	}
	most := 0
	for _, typ := range m.items {
		most = max(most, m.itemTotal[typ])
	}
	for _, typ := range m.items {
		row := newRow(m.itemLabel(typ), y)
		sum := 0
		for i := range m.r.Categories {
			cat := &m.r.Categories[i]
			n := cat.Items[typ]
			if n <= 0 {
				continue
			}
			x0 := barLeft + scale(sum, most)
			sum += n
			x1 := barLeft + scale(sum, most)
			row.Bars = append(row.Bars, svgBar{
				X: fmt1(x0), Y: strconv.Itoa(y + (rowH-barH)/2), W: fmt1(max(x1-x0, 1)), H: strconv.Itoa(barH),
				Color: color(i), Href: catItemAnchor(cat.ID, typ),
				Tip: m.itemLabel(typ) + " / " + labelOf(cat) + ": " + m.t.PeopleN(n),
			})
		}
		row.Value = comma(sum)
		row.VX = fmt1(barLeft + scale(sum, most) + 6)
		c.Rows = append(c.Rows, row)
		y += rowH
	}
	c.H = y + chartPad
	return c
}

func newRow(label string, y int) svgRow {
	return svgRow{
		Label: shorten(label, labelRight-4), Full: label,
		TY: strconv.Itoa(y + rowH/2 + fontSize/2 - 2), VX: strconv.Itoa(barLeft + 6),
	}
}

// scale is the length of a bar of n when most fills barMax.
func scale(n, most int) float64 {
	if most <= 0 {
		return 0
	}
	return float64(barMax) * float64(n) / float64(most)
}

func fmt1(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// textWidth estimates the width of s at fontSize: a wide (CJK) character
// is one em, another about 0.6 em.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += fontSize
		default:
			w += 0.6 * fontSize
		}
	}
	return w
}

// shorten cuts s to fit limit units, with an ellipsis.
func shorten(s string, limit float64) string {
	if textWidth(s) <= limit {
		return s
	}
	for s != "" && textWidth(s+"…") > limit {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s + "…"
}
