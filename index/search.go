package index

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/mailsift/mailsift/store"
)

// defaultFacetSize is how many terms a facet lists when the request does not
// say ("type" rather than "type:30").
const defaultFacetSize = 10

// maxFacetSize bounds the terms of a facet (and the months of a date
// histogram).
const maxFacetSize = 10_000

// Request is one search.
type Request struct {
	// Query is bleve's query-string syntax, rewritten as the package
	// documentation says; "" or "*" matches every finding.
	Query string
	// Size is how many hits to return, From how many to skip first, in the
	// order of Sort (one of Sorts(); "" is "score").
	Size, From int
	Sort       string
	// Facets are fields to count the hits by, each "field" or "field:N"
	// (the N terms with most hits; a date histogram lists every month).
	Facets []string
}

// Result is what Search found.
type Result struct {
	Total  uint64 // findings that match, of which Hits holds a page
	Hits   []Hit
	Facets []Facet // in the order asked for
	Took   time.Duration
}

// Hit is one matching finding.
type Hit struct {
	ID      string // the finding's id
	Score   float64
	Finding store.Finding // value included: mask it before showing
	// Case is the case directory the finding is in.
	Case string
	// PersonName is the masked display name of the finding's person,
	// Category their category id ("" when the finding has no person).
	PersonName, Category string
	// Subject is the masked subject of the finding's message.
	Subject string

	case_ int   // position of the case in the Set
	off   int64 // offset of the finding in its findings file
}

// Facet counts the matching findings per term of one field. Other is the
// sum over the terms not listed. They count findings, not people.
type Facet struct {
	Field   string
	Total   int // findings with a value for the field
	Missing int // findings without one
	Other   int // findings whose term is not in Terms
	Terms   []FacetTerm
}

// FacetTerm is one term of a facet and how many findings have it.
type FacetTerm struct {
	Term  string
	Count int
}

// QueryError is what is wrong with a search request rather than with the
// index: the query does not parse or names an unknown field, a facet, the
// sort, size or from is not valid. Its text is the error's it wraps.
type QueryError struct{ Err error }

func (e *QueryError) Error() string { return e.Err.Error() }
func (e *QueryError) Unwrap() error { return e.Err }

// The orders of Request.Sort. Ties are broken by the findings' order in
// the findings file, so the order is total and paging is stable. Dates
// sort by message (messages are keyed in date order); messages without a
// date sort after every date.
var sortOrders = []struct {
	name string
	by   func() search.SortOrder
}{
	{"score", func() search.SortOrder { return search.SortOrder{&search.SortScore{Desc: true}, &search.SortDocID{}} }},
	{"date", func() search.SortOrder { return search.SortOrder{sortField(fieldMsg, false), &search.SortDocID{}} }},
	{"-date", func() search.SortOrder { return search.SortOrder{sortField(fieldMsg, true), &search.SortDocID{}} }},
	{"type", func() search.SortOrder {
		return search.SortOrder{sortField(fieldType, false), &search.SortScore{Desc: true}, &search.SortDocID{}}
	}},
	{"-type", func() search.SortOrder {
		return search.SortOrder{sortField(fieldType, true), &search.SortScore{Desc: true}, &search.SortDocID{}}
	}},
	{"id", func() search.SortOrder { return search.SortOrder{&search.SortDocID{}} }},
	{"-id", func() search.SortOrder { return search.SortOrder{&search.SortDocID{Desc: true}} }},
}

func sortField(field string, desc bool) *search.SortField {
	return &search.SortField{Field: field, Desc: desc, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast}
}

// Sorts lists the orders Request.Sort takes: score (best first, the
// default), date and -date (oldest or newest first), type and -type (best
// first within a type), id and -id (the order of the findings file).
func Sorts() []string {
	out := make([]string, len(sortOrders))
	for i, s := range sortOrders {
		out[i] = s.name
	}
	return out
}

// FacetFields lists the fields a facet may name.
func FacetFields() []string {
	out := make([]string, 0, len(facetFields))
	for f := range facetFields {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

// QueryFields lists the fields a query may name.
func QueryFields() []string { return slices.Clone(queryFields) }

// Search runs one request on this case's index.
func (r *Reader) Search(ctx context.Context, req Request) (*Result, error) {
	return r.search(ctx, req, nil, 0)
}

// facetSpec is a parsed facet request.
type facetSpec struct {
	field string
	n     int
}

// ParseFacet checks a facet of Request.Facets ("field" or "field:N") and
// returns its field and N.
func ParseFacet(spec string) (field string, n int, err error) {
	fs, err := parseFacet(spec)
	return fs.field, fs.n, err
}

func parseFacet(spec string) (facetSpec, error) {
	field, num, hasNum := strings.Cut(spec, ":")
	fs := facetSpec{field: field, n: defaultFacetSize}
	if hasNum {
		n, err := strconv.Atoi(num)
		if err != nil || n <= 0 || n > maxFacetSize {
			return fs, fmt.Errorf("index: facet %q: want FIELD or FIELD:N with N from 1 to %d", spec, maxFacetSize)
		}
		fs.n = n
	}
	if !facetFields[field] {
		return fs, fmt.Errorf("index: facet %q: can facet on %s", spec, strings.Join(FacetFields(), ", "))
	}
	return fs, nil
}

// check validates the parts of a request that do not need an index.
func (req *Request) check() ([]facetSpec, search.SortOrder, error) {
	if req.Size < 0 {
		return nil, nil, &QueryError{fmt.Errorf("index: search: negative size %d", req.Size)}
	}
	if req.From < 0 {
		return nil, nil, &QueryError{fmt.Errorf("index: search: negative from %d", req.From)}
	}
	order, err := sortOrder(req.Sort)
	if err != nil {
		return nil, nil, &QueryError{err}
	}
	var specs []facetSpec
	for _, f := range req.Facets {
		fs, err := parseFacet(f)
		if err != nil {
			return nil, nil, &QueryError{err}
		}
		specs = append(specs, fs)
	}
	return specs, order, nil
}

// search runs req on r, leaving out the findings of the messages in
// exclude (message_sha256 another case of the Set has); caseNo is r's
// position in the Set.
func (r *Reader) search(ctx context.Context, req Request, exclude []string, caseNo int) (res *Result, err error) {
	defer recoverCorrupt(&err)
	specs, order, err := req.check()
	if err != nil {
		return nil, err
	}
	pq, err := parseStrict(req.Query)
	if err != nil {
		return nil, err
	}
	if pq, err = r.resolve(ctx, pq); err != nil {
		return nil, err
	}
	if len(exclude) > 0 {
		var keys []string
		for _, sha := range exclude {
			if i, ok := r.tab.bySHA[sha]; ok {
				keys = append(keys, msgKeyOf(i))
			}
		}
		slices.Sort(keys)
		if len(keys) > 0 {
			pq = query.NewBooleanQuery([]query.Query{pq}, nil, []query.Query{msgQuery(keys)})
		}
	}
	sr := bleve.NewSearchRequestOptions(pq, req.Size, req.From, false)
	if order == nil {
		sr.SortBy([]string{"-_score", "_id"})
	} else {
		sr.SortByCustom(order)
	}
	// Facets of the finding's own fields are bleve's; category, source and
	// date add up the person and msg facets (every term) through the table.
	need := map[string]int{}
	for _, f := range specs {
		switch f.field {
		case fieldCategory:
			need[fieldPerson] = max(need[fieldPerson], len(r.tab.People)+1)
		case fieldDate:
			need[fieldMonth] = len(r.tab.Months) + 1
		default:
			// Every term: with several shards, bleve adds up each shard's
			// top N, which undercounts a term that is in one shard's top N
			// and not in another's. facet trims to N.
			need[f.field] = maxFacetSize
			if f.field == fieldPerson {
				need[f.field] = max(maxFacetSize, len(r.tab.People)+1)
			}
		}
	}
	// Every finding, asked for with facets (the review page's first
	// view): the counts made at build time answer.
	matchAll := len(exclude) == 0 && (strings.TrimSpace(req.Query) == "" || strings.TrimSpace(req.Query) == "*") && r.tab.All != nil
	if !matchAll {
		for field, n := range need {
			sr.AddFacet(field, bleve.NewFacetRequest(field, n))
		}
	}
	start := time.Now()
	got, err := r.alias.SearchInContext(ctx, sr)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("index: search %q: %w", req.Query, err)
	}
	res = &Result{Total: got.Total, Hits: make([]Hit, 0, len(got.Hits))}
	for _, h := range got.Hits {
		off, ok := parseDocID(h.ID)
		if !ok {
			return nil, fmt.Errorf("%w: document %q", ErrCorrupt, h.ID)
		}
		f, err := r.readFinding(off)
		if err != nil {
			return nil, err
		}
		hit := Hit{ID: f.ID, Score: h.Score, Finding: f, Case: r.caseDir, case_: caseNo, off: off,
			Subject: r.Subject(f.MessageSHA256)}
		// The person is the index's: people resolved when it was built,
		// with the overrides of then.
		pid, err := r.personOf(f.ID)
		if err != nil {
			return nil, err
		}
		hit.Finding.Person = pid
		if p, ok := r.tab.person(hit.Finding.Person); ok {
			hit.PersonName, hit.Category = p.Display, p.Category
		}
		res.Hits = append(res.Hits, hit)
	}
	facets := got.Facets
	if matchAll {
		facets = r.tab.All.results(need)
	}
	for _, f := range specs {
		res.Facets = append(res.Facets, r.facet(f, facets))
	}
	res.Took = time.Since(start)
	return res, nil
}

// facet turns bleve's facets into the one asked for.
func (r *Reader) facet(f facetSpec, got search.FacetResults) Facet {
	out := Facet{Field: f.field}
	var src *search.FacetResult
	switch f.field {
	case fieldCategory:
		src = got[fieldPerson]
	case fieldDate:
		src = got[fieldMonth]
	default:
		src = got[f.field]
	}
	if src == nil {
		return out
	}
	out.Total, out.Missing = src.Total, src.Missing
	var counts map[string]int
	switch f.field {
	case fieldCategory:
		counts = map[string]int{}
		for _, t := range src.Terms.Terms() {
			if p, ok := r.tab.person(t.Term); ok && p.Category != "" {
				counts[p.Category] += t.Count
			} else {
				out.Missing += t.Count
				out.Total -= t.Count
			}
		}
	case fieldDate:
		for _, t := range src.Terms.Terms() {
			out.Terms = append(out.Terms, FacetTerm{Term: t.Term, Count: t.Count})
		}
		trimFacet(&out, f)
		return out
	default:
		for _, t := range src.Terms.Terms() {
			out.Terms = append(out.Terms, FacetTerm{Term: t.Term, Count: t.Count})
		}
		trimFacet(&out, f)
		return out
	}
	for t, n := range counts {
		out.Terms = append(out.Terms, FacetTerm{Term: t, Count: n})
	}
	trimFacet(&out, f)
	return out
}

// trimFacet orders the terms (most first, then by term; a date histogram
// by month) and keeps the first N.
func trimFacet(out *Facet, f facetSpec) {
	if f.field == fieldDate {
		slices.SortFunc(out.Terms, func(a, b FacetTerm) int { return strings.Compare(a.Term, b.Term) })
	} else {
		slices.SortFunc(out.Terms, func(a, b FacetTerm) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Term, b.Term))
		})
		out.Terms = out.Terms[:min(f.n, len(out.Terms))]
	}
	out.Other = out.Total
	for _, t := range out.Terms {
		out.Other -= t.Count
	}
}

// sortOrder returns the bleve order of a Request.Sort, nil for the
// default (score).
func sortOrder(name string) (search.SortOrder, error) {
	if name == "" || name == "score" {
		return nil, nil
	}
	for _, s := range sortOrders {
		if s.name == name {
			return s.by(), nil
		}
	}
	return nil, fmt.Errorf("index: sort %q: use one of %s", name, strings.Join(Sorts(), ", "))
}

// compareHits is the order of a Request.Sort as a comparison of hits, for
// merging the hits of several cases in the order each was searched in.
func compareHits(sort string) func(a, b Hit) int {
	byScore := func(a, b Hit) int { return cmp.Compare(b.Score, a.Score) }
	byPlace := func(a, b Hit) int { return cmp.Or(cmp.Compare(a.case_, b.case_), cmp.Compare(a.off, b.off)) }
	dateKey := func(h Hit) string {
		if d, ok := encodeDate(h.Finding.Date); ok {
			return d
		}
		return "~"
	}
	var keys []func(a, b Hit) int
	switch sort {
	case "", "score":
		keys = []func(a, b Hit) int{byScore, byPlace}
	case "date":
		keys = []func(a, b Hit) int{func(a, b Hit) int { return strings.Compare(dateKey(a), dateKey(b)) }, byPlace}
	case "-date":
		keys = []func(a, b Hit) int{func(a, b Hit) int { return strings.Compare(dateKey(b), dateKey(a)) }, byPlace}
	case "type":
		keys = []func(a, b Hit) int{func(a, b Hit) int { return strings.Compare(a.Finding.Type, b.Finding.Type) }, byScore, byPlace}
	case "-type":
		keys = []func(a, b Hit) int{func(a, b Hit) int { return strings.Compare(b.Finding.Type, a.Finding.Type) }, byScore, byPlace}
	case "id":
		keys = []func(a, b Hit) int{byPlace}
	case "-id":
		keys = []func(a, b Hit) int{func(a, b Hit) int { return byPlace(b, a) }}
	}
	return func(a, b Hit) int {
		for _, k := range keys {
			if c := k(a, b); c != 0 {
				return c
			}
		}
		return 0
	}
}

func recoverCorrupt(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w: panic: %v", ErrCorrupt, r)
	}
}

// parseStrict parses q: parentheses, which bleve's query strings do not
// have (`type:(` would search for a type "("), must be escaped, and a
// regexp must compile; both are QueryErrors before anything is searched.
func parseStrict(q string) (query.Query, error) {
	sq, err := strictQuery(q)
	if err != nil {
		return nil, &QueryError{fmt.Errorf("index: query %q: %w", q, err)}
	}
	pq, err := parseQuery(sq)
	if err != nil {
		// Name the query as it was given.
		return nil, &QueryError{errors.New(strings.Replace(err.Error(), strconv.Quote(sq), strconv.Quote(q), 1))}
	}
	if err := checkRegexps(pq); err != nil {
		return nil, &QueryError{fmt.Errorf("index: query %q: %w", q, err)}
	}
	return pq, nil
}

// strictQuery prepares q for parsing, following bleve's lexer (a token
// ends at a space, ':', '^' or '~'; a phrase starts with '"' at a token's
// start; a token that starts and ends with '/' is a regexp):
//   - a parenthesis outside a phrase or a regexp that is not escaped is an
//     error: bleve's query strings have no grouping, so `(a b)` or
//     `type:(` would search for terms holding the parentheses, which is
//     never what was meant;
//   - a + or - right after "FIELD:" is escaped: bleve would take it for an
//     operator and fail, where the user pasted a value (value:+819012345678).
func strictQuery(q string) (string, error) {
	var out strings.Builder
	var tok []rune
	bare, inPhrase, esc := false, false, false
	var prev rune
	end := func() error {
		regexp := len(tok) >= 2 && tok[0] == '/' && tok[len(tok)-1] == '/'
		if bare && !regexp {
			return errors.New(`parentheses do not group in this syntax (use + and - to require or exclude a clause); escape one with a backslash to search for it`)
		}
		tok, bare = tok[:0], false
		return nil
	}
	for _, r := range q {
		switch {
		case esc:
			esc = false
			tok = append(tok, r)
		case r == '\\':
			esc = true
		case inPhrase:
			inPhrase = r != '"'
		case len(tok) == 0 && r == '"':
			inPhrase = true
		case len(tok) == 0 && (r == '+' || r == '-') && prev == ':':
			out.WriteByte('\\')
			tok = append(tok, r)
		case len(tok) == 0 && strings.ContainsRune("+-<>=", r):
		case r == ':' || r == '^' || r == '~' || unicode.IsSpace(r):
			if err := end(); err != nil {
				return "", err
			}
		default:
			tok = append(tok, r)
			bare = bare || r == '(' || r == ')'
		}
		out.WriteRune(r)
		prev = r
		if esc {
			prev = 0
		}
	}
	return out.String(), end()
}

// checkRegexps compiles the regexps of a parsed query (bleve compiles
// them only when it searches).
func checkRegexps(q query.Query) error {
	switch t := q.(type) {
	case *query.BooleanQuery:
		for _, c := range []query.Query{t.Must, t.Should, t.MustNot, t.Filter} {
			if c != nil {
				if err := checkRegexps(c); err != nil {
					return err
				}
			}
		}
	case *query.ConjunctionQuery:
		for _, c := range t.Conjuncts {
			if err := checkRegexps(c); err != nil {
				return err
			}
		}
	case *query.DisjunctionQuery:
		for _, c := range t.Disjuncts {
			if err := checkRegexps(c); err != nil {
				return err
			}
		}
	case *textRef:
		return checkRegexps(t.q)
	case *msgRef:
		return checkRegexps(t.q)
	case *query.RegexpQuery:
		if _, err := syntax.Parse(t.Regexp, syntax.Perl); err != nil {
			return fmt.Errorf("regexp /%s/: %w", t.Regexp, err)
		}
	}
	return nil
}

// results are the counts as bleve's facet results, n terms per field.
func (c facetCounts) results(need map[string]int) search.FacetResults {
	out := search.FacetResults{}
	for field, n := range need {
		fc := c[field]
		if fc == nil {
			continue
		}
		terms := make([]*search.TermFacet, 0, len(fc.Terms))
		for t, k := range fc.Terms {
			terms = append(terms, &search.TermFacet{Term: t, Count: k})
		}
		slices.SortFunc(terms, func(a, b *search.TermFacet) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Term, b.Term))
		})
		terms = terms[:min(n, len(terms))]
		fr := &search.FacetResult{Field: field, Total: fc.Total, Missing: fc.Missing, Terms: &search.TermFacets{}}
		fr.Other = fc.Total
		for _, t := range terms {
			fr.Terms.Add(t)
			fr.Other -= t.Count
		}
		out[field] = fr
	}
	return out
}
