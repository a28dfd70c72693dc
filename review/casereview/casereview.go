// Package casereview is the review page's Backend over cases on disk: the
// search index of each (package index, through caseindex) and the people
// and report counted from their findings (package people).
package casereview

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/index"
	"github.com/mailsift/mailsift/index/caseindex"
	"github.com/mailsift/mailsift/people"
	"github.com/mailsift/mailsift/people/resolve"
	"github.com/mailsift/mailsift/pii"
	"github.com/mailsift/mailsift/report"
	"github.com/mailsift/mailsift/review"
)

// Bounds of the person and message views.
const (
	maxPersonFindings  = 500
	maxMessageFindings = 2000
)

// Backend answers the review page from cases. It is read-only.
type Backend struct {
	set     *index.Set
	counted *people.Counted
	people  map[string]*resolve.Person
	labels  map[string]string // category id → label
}

var _ review.Backend = (*Backend)(nil)

// New answers from the indexes of set (of the cases, in their order) and
// counts the cases' people with the categories file cats (nil: none) for
// the person pages and the category table. The Backend closes set.
func New(ctx context.Context, set *index.Set, cases []string, cats *people.Categories) (*Backend, error) {
	c, err := people.Count(ctx, people.CountOptions{Cases: cases, Categories: cats, Lang: "ja"})
	if err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	b := &Backend{set: set, counted: c, people: map[string]*resolve.Person{}, labels: map[string]string{}}
	for _, p := range c.People {
		b.people[p.ID] = p
	}
	for _, cat := range c.Report.Categories {
		b.labels[cat.ID] = cat.Label
	}
	return b, nil
}

// Close closes the indexes.
func (b *Backend) Close() error { return b.set.Close() }

// Search runs a search of the page.
func (b *Backend) Search(ctx context.Context, r review.SearchRequest) (*review.SearchResult, error) {
	q := strings.TrimSpace(r.Query)
	req := index.Request{Query: q, Size: r.Size, From: r.From, Sort: r.Sort}
	for _, f := range r.Facets {
		n := 15
		if f == "date" || f == "category" {
			n = 1000
		}
		req.Facets = append(req.Facets, fmt.Sprintf("%s:%d", f, n))
	}
	res, err := b.set.Search(ctx, req)
	if err != nil {
		return nil, err
	}
	out := &review.SearchResult{Total: res.Total, Took: res.Took}
	words := highlightWords(q)
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, b.hit(h, words))
	}
	for _, f := range res.Facets {
		out.Facets = append(out.Facets, b.facet(f))
	}
	return out, nil
}

// hit masks a hit for the page.
func (b *Backend) hit(h index.Hit, words []string) review.Hit {
	f := h.Finding
	f.Value, f.Written = "", ""
	return review.Hit{Finding: f, Score: h.Score, PersonName: h.PersonName, Category: h.Category,
		Subject: h.Subject, Marks: marks(f.Context, words)}
}

func (b *Backend) facet(f index.Facet) review.Facet {
	out := review.Facet{Field: f.Field, Missing: f.Missing, Other: f.Other}
	for _, t := range f.Terms {
		ft := review.FacetTerm{Term: t.Term, Label: t.Term, Count: t.Count}
		switch f.Field {
		case "type":
			if ty, ok := pii.Lookup(t.Term); ok {
				ft.Label = ty.Label
			}
			ft.Filter = "+type:" + t.Term
		case "category":
			ft.Label = cmp.Or(b.labels[t.Term], t.Term)
			ft.Filter = "+category:" + quote(t.Term)
		case "date":
			ft.Filter = monthFilter(t.Term)
		default:
			ft.Filter = "+" + f.Field + ":" + quote(t.Term)
		}
		out.Terms = append(out.Terms, ft)
	}
	return out
}

// monthFilter is the clause of a month of the date histogram.
func monthFilter(month string) string {
	var y, m int
	if _, err := fmt.Sscanf(month, "%d-%d", &y, &m); err != nil {
		return "+date:" + month
	}
	ny, nm := y, m+1
	if nm == 13 {
		ny, nm = y+1, 1
	}
	return fmt.Sprintf(`+date:>="%04d-%02d-01T00:00:00Z" +date:<"%04d-%02d-01T00:00:00Z"`, y, m, ny, nm)
}

// quote quotes a term for the query syntax.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// Person returns everything about one person.
func (b *Backend) Person(ctx context.Context, id string) (*review.Person, error) {
	p, ok := b.people[id]
	if !ok {
		return nil, review.ErrNotFound
	}
	cat := b.counted.Category[id]
	out := &review.Person{
		ID: p.ID, Name: caseindex.Display(p), Category: cat, CategoryLabel: cmp.Or(b.labels[cat], cat),
		Names: mask("person_name", p.Names), Emails: mask("email", p.Emails), Phones: mask("phone", p.Phones),
		Companies: mask("company", p.Companies), Items: p.Items, Reasons: p.Reasons, First: p.First, Last: p.Last,
	}
	res, err := b.set.Search(ctx, index.Request{Query: "person:" + quote(id), Size: maxPersonFindings, Sort: "date"})
	if err != nil {
		return nil, err
	}
	perMsg := map[string]int{}
	for _, h := range res.Hits {
		out.Findings = append(out.Findings, b.hit(h, nil))
		perMsg[h.Finding.MessageSHA256]++
	}
	for _, sha := range p.Messages {
		if s, ok := b.summary(sha); ok {
			s.Findings = perMsg[sha]
			out.Messages = append(out.Messages, s)
		}
	}
	slices.SortFunc(out.Messages, func(a, b review.MessageSummary) int { return strings.Compare(a.Date, b.Date) })
	return out, nil
}

func (b *Backend) summary(sha string) (review.MessageSummary, bool) {
	m, _, ok := b.set.Message(sha)
	if !ok {
		return review.MessageSummary{}, false
	}
	from := ""
	if m.From != "" {
		from = detectors.Mask("email", m.From)
	}
	return review.MessageSummary{SHA256: m.SHA256, MessageID: m.MessageID, Date: m.Date, From: from, Subject: m.Subject}, true
}

// Message returns a message's headers and, part by part, its findings.
func (b *Backend) Message(ctx context.Context, sha string) (*review.Message, error) {
	s, ok := b.summary(sha)
	if !ok {
		return nil, review.ErrNotFound
	}
	m, srcs, _ := b.set.Message(sha)
	out := &review.Message{MessageSummary: s, To: mask("email", m.To), Cc: mask("email", m.Cc), Sources: srcs}
	res, err := b.set.Search(ctx, index.Request{Query: "message_sha256:" + sha, Size: maxMessageFindings, Sort: "id"})
	if err != nil {
		return nil, err
	}
	out.Findings = int(res.Total)
	parts := map[string]*review.Part{}
	var order []string
	for _, h := range res.Hits {
		key := h.Finding.Part + "\x00" + h.Finding.Location
		p, ok := parts[key]
		if !ok {
			p = &review.Part{Part: h.Finding.Part, Location: h.Finding.Location}
			parts[key] = p
			order = append(order, key)
		}
		p.Findings = append(p.Findings, b.hit(h, nil))
	}
	slices.SortStableFunc(order, func(x, y string) int { return comparePart(parts[x].Part, parts[y].Part) })
	for _, k := range order {
		p := parts[k]
		slices.SortStableFunc(p.Findings, func(x, y review.Hit) int { return cmp.Compare(x.Finding.Start, y.Finding.Start) })
		out.Parts = append(out.Parts, *p)
	}
	return out, nil
}

// comparePart orders "header" first, then part paths numerically (1.2 < 1.10).
func comparePart(a, b string) int {
	if a == b {
		return 0
	}
	if a == "header" {
		return -1
	}
	if b == "header" {
		return 1
	}
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		var x, y int
		fmt.Sscan(as[i], &x)
		fmt.Sscan(bs[i], &y)
		if c := cmp.Compare(x, y); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(as), len(bs))
}

// Categories is the report of the cases.
func (b *Backend) Categories(context.Context) (*report.Report, error) {
	return b.counted.Report, nil
}

// Reveal returns the raw value of a finding.
func (b *Backend) Reveal(ctx context.Context, id string) (review.Revealed, error) {
	res, err := b.set.Search(ctx, index.Request{Query: "id:" + quote(id), Size: 1})
	var qe *index.QueryError
	if errors.As(err, &qe) || err == nil && len(res.Hits) == 0 {
		return review.Revealed{}, review.ErrNotFound
	}
	if err != nil {
		return review.Revealed{}, err
	}
	f := res.Hits[0].Finding
	return review.Revealed{FindingID: f.ID, Type: f.Type, Value: cmp.Or(f.Written, f.Value)}, nil
}

func mask(typ string, vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = detectors.Mask(typ, v)
	}
	return out
}

// wordRE finds the clauses of a query that search the context: bare words
// and phrases, and context: ones; excluded clauses are skipped.
var wordRE = regexp.MustCompile(`(?:^|\s)([+-]?)(?:context:)?("([^"]+)"|[^\s"]+)`)

// highlightWords are the texts to mark in the contexts of hits.
func highlightWords(q string) []string {
	var out []string
	for _, m := range wordRE.FindAllStringSubmatch(q, -1) {
		if m[1] == "-" {
			continue
		}
		w := m[3]
		if w == "" {
			w = m[2]
			if strings.ContainsAny(w, ":*?~^/\\") {
				continue // a field clause, wildcard or regexp
			}
		}
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// marks are the byte ranges of s that hold one of words (case folded for
// ASCII), merged.
func marks(s string, words []string) [][2]int {
	if len(words) == 0 {
		return nil
	}
	lower := strings.ToLower(s)
	var out [][2]int
	for _, w := range words {
		lw := strings.ToLower(w)
		if len(lw) != len(w) {
			lw, lower = w, s // lower-casing changed lengths: match as is
		}
		for i := 0; ; {
			j := strings.Index(lower[i:], lw)
			if j < 0 {
				break
			}
			out = append(out, [2]int{i + j, i + j + len(lw)})
			i += j + len(lw)
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	merged := out[:0]
	for _, m := range out {
		if n := len(merged); n > 0 && m[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], m[1])
			continue
		}
		merged = append(merged, m)
	}
	return merged
}
