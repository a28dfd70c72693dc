package index

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/mailsift/mailsift/pii"
	"github.com/mailsift/mailsift/store"
)

// defaultFacetSize is how many terms a facet lists when the request does not
// say ("type" rather than "type:30").
const defaultFacetSize = 10

// Result is what Search found.
type Result struct {
	Total  uint64 // findings that match, of which Hits holds the first size
	Hits   []Hit
	Facets []Facet // in the order asked for
	Took   time.Duration
}

// Hit is one matching finding.
type Hit struct {
	ID      string
	Score   float64
	Finding store.Finding // as indexed, value included: mask it before showing
}

// Facet counts the matching findings per term of one field. Counts are
// bleve's: Other is the sum over the terms not listed. They count findings;
// they are no way to count people (see deps.md).
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

// Search runs q, in bleve's query-string syntax as rewritten in the package
// documentation, and returns the best size hits (by score, then ID) and the
// facets asked for. A facet is a field name, optionally with the number of
// terms to list: "type", "source:50". An empty query or "*" matches every
// finding. What is wrong with the query, a facet or size is a *QueryError.
//
// As in bleve, clauses without + or - are optional when the query has a +
// clause, and at least one must match when it has none:
// `type:passport date:>="2024-01-01"` finds passports OR recent findings,
// both first; `+type:passport +date:>="2024-01-01"` finds recent passports.
func (x *Index) Search(ctx context.Context, q string, size int, facets []string) (res *Result, err error) {
	return x.search(ctx, q, size, facets, SearchOptions{}, false)
}

// SearchOptions are the parts of a search that Search leaves at their
// defaults.
type SearchOptions struct {
	// From is how many hits to skip, in the order of Sort: the hits
	// returned are those from From to From+size (paging).
	From int
	// Sort is the order of the hits, one of Sorts(); "" is "score".
	Sort string
	// Exclude are IDs of findings to leave out of the hits, Total and the
	// facets: those another index searched for the same request already
	// has (the same message in two cases gives the same findings).
	Exclude []string
}

// The orders of SearchOptions.Sort. A date sorts by the time it stands for
// (dates are indexed in UTC with a fixed width, see dateLayout); findings
// without a date, or with one that is not RFC 3339, come last either way.
// Ties are broken by ID, so the order is total and paging is stable.
var sortOrders = []struct {
	name string
	by   func() search.SortOrder
}{
	{"score", func() search.SortOrder { return search.SortOrder{&search.SortScore{Desc: true}, &search.SortDocID{}} }},
	{"date", func() search.SortOrder { return search.SortOrder{sortField(fieldDate, false), &search.SortDocID{}} }},
	{"-date", func() search.SortOrder { return search.SortOrder{sortField(fieldDate, true), &search.SortDocID{}} }},
	{"type", func() search.SortOrder {
		return search.SortOrder{sortField(fieldType, false), &search.SortScore{Desc: true}, &search.SortDocID{}}
	}},
	{"-type", func() search.SortOrder {
		return search.SortOrder{sortField(fieldType, true), &search.SortScore{Desc: true}, &search.SortDocID{}}
	}},
	{"id", func() search.SortOrder { return search.SortOrder{&search.SortDocID{}} }},
	{"-id", func() search.SortOrder { return search.SortOrder{&search.SortDocID{Desc: true}} }},
}

// sortField sorts by the (one) term of a keyword field as a string. date
// has no doc values: scorch then uninverts the field from its postings
// once per segment and search (a walk of the date dictionary), which costs
// far less than doc values cost every indexed finding.
func sortField(field string, desc bool) *search.SortField {
	return &search.SortField{Field: field, Desc: desc, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast}
}

// Sorts lists the orders SearchOptions.Sort takes: score (best first, the
// default), date and -date (oldest or newest first), type and -type (best
// first within a type), id and -id.
func Sorts() []string {
	out := make([]string, len(sortOrders))
	for i, s := range sortOrders {
		out[i] = s.name
	}
	return out
}

// FacetFields lists the fields a facet may name.
func FacetFields() []string { return sortedKeys(facetFields) }

// QueryError is what is wrong with a search request rather than with the
// index: the query does not parse or names an unknown field, a facet, the
// sort, size or from is not valid. Its text is the error's it wraps.
type QueryError struct{ Err error }

func (e *QueryError) Error() string { return e.Err.Error() }
func (e *QueryError) Unwrap() error { return e.Err }

// SearchWith is Search with the options of o: paging, order, and findings
// to leave out. It is also stricter about the query: parentheses, which
// bleve's query strings do not have (`type:(` would search for a type
// "("), must be escaped, and a regexp must compile; both are QueryErrors
// before anything is searched.
func (x *Index) SearchWith(ctx context.Context, q string, size int, facets []string, o SearchOptions) (res *Result, err error) {
	return x.search(ctx, q, size, facets, o, true)
}

func (x *Index) search(ctx context.Context, q string, size int, facets []string, o SearchOptions, strict bool) (res *Result, err error) {
	defer recoverCorrupt(&err)
	if size < 0 {
		return nil, &QueryError{fmt.Errorf("index: search: negative size %d", size)}
	}
	if o.From < 0 {
		return nil, &QueryError{fmt.Errorf("index: search: negative from %d", o.From)}
	}
	order, err := sortOrder(o.Sort)
	if err != nil {
		return nil, &QueryError{err}
	}
	pq, err := parseStrict(q, strict)
	if err != nil {
		return nil, err
	}
	if len(o.Exclude) > 0 {
		pq = query.NewBooleanQuery([]query.Query{pq}, nil, []query.Query{query.NewDocIDQuery(o.Exclude)})
	}
	req := bleve.NewSearchRequestOptions(pq, size, o.From, false)
	req.Fields = []string{fieldFinding}
	if order == nil {
		req.SortBy([]string{"-_score", "_id"})
	} else {
		req.SortByCustom(order)
	}
	for _, spec := range facets {
		field, n, err := parseFacet(spec)
		if err != nil {
			return nil, &QueryError{err}
		}
		req.AddFacet(spec, bleve.NewFacetRequest(field, n))
	}
	sr, err := x.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: search %q: %w", q, err)
	}
	res = &Result{Total: sr.Total, Took: sr.Took, Hits: make([]Hit, 0, len(sr.Hits))}
	for _, h := range sr.Hits {
		hit := Hit{ID: h.ID, Score: h.Score}
		js, ok := h.Fields[fieldFinding].(string)
		if !ok {
			return nil, fmt.Errorf("%w: finding %s has no stored JSON", ErrCorrupt, h.ID)
		}
		if err := json.Unmarshal([]byte(js), &hit.Finding); err != nil {
			return nil, fmt.Errorf("%w: finding %s: %v", ErrCorrupt, h.ID, err)
		}
		res.Hits = append(res.Hits, hit)
	}
	for _, spec := range facets {
		fr := sr.Facets[spec]
		field, _, _ := parseFacet(spec)
		f := Facet{Field: field}
		if fr != nil {
			f.Total, f.Missing, f.Other = fr.Total, fr.Missing, fr.Other
			for _, t := range fr.Terms.Terms() {
				f.Terms = append(f.Terms, FacetTerm{Term: t.Term, Count: t.Count})
			}
		}
		res.Facets = append(res.Facets, f)
	}
	return res, nil
}

// strictQuery prepares q for SearchWith, following bleve's lexer (a token
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

// parseStrict parses q as SearchWith or (not strict) as Search does; its
// errors are QueryErrors.
func parseStrict(q string, strict bool) (query.Query, error) {
	if !strict {
		pq, err := parseQuery(q)
		if err != nil {
			return nil, &QueryError{err}
		}
		return pq, nil
	}
	sq, err := strictQuery(q)
	if err != nil {
		return nil, &QueryError{fmt.Errorf("index: query %q: %w", q, err)}
	}
	pq, err := parseQuery(sq)
	if err != nil {
		// Name the query as it was given.
		return nil, &QueryError{errors.New(strings.Replace(err.Error(), strconv.Quote(sq), strconv.Quote(q), 1))}
	}
	// A bad regexp is the query's fault, said before the search rather
	// than as a failure of it.
	if err := checkRegexps(pq); err != nil {
		return nil, &QueryError{fmt.Errorf("index: query %q: %w", q, err)}
	}
	return pq, nil
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
	case *query.RegexpQuery:
		if _, err := syntax.Parse(t.Regexp, syntax.Perl); err != nil {
			return fmt.Errorf("regexp /%s/: %w", t.Regexp, err)
		}
	}
	return nil
}

// sortOrder returns the bleve order of a SearchOptions.Sort, nil for the
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

// CompareHits returns the order of a SearchOptions.Sort as a comparison of
// hits, for merging the hits of several indexes into one list in the order
// each was searched in: negative when a comes first.
func CompareHits(sort string) (func(a, b Hit) int, error) {
	if _, err := sortOrder(sort); err != nil {
		return nil, &QueryError{err}
	}
	byScore := func(a, b Hit) int { return cmp.Compare(b.Score, a.Score) }
	byID := func(a, b Hit) int { return strings.Compare(a.ID, b.ID) }
	byField := func(key func(Hit) (string, bool), desc bool) func(a, b Hit) int {
		return func(a, b Hit) int {
			ka, oka := key(a)
			kb, okb := key(b)
			switch {
			case !oka || !okb: // missing last, either way
				return cmp.Compare(b2i(!oka), b2i(!okb))
			case desc:
				return strings.Compare(kb, ka)
			}
			return strings.Compare(ka, kb)
		}
	}
	dateKey := func(h Hit) (string, bool) { return encodeDate(h.Finding.Date) }
	typeKey := func(h Hit) (string, bool) { return h.Finding.Type, h.Finding.Type != "" }
	var keys []func(a, b Hit) int
	switch sort {
	case "", "score":
		keys = []func(a, b Hit) int{byScore, byID}
	case "date", "-date":
		keys = []func(a, b Hit) int{byField(dateKey, sort == "-date"), byID}
	case "type", "-type":
		keys = []func(a, b Hit) int{byField(typeKey, sort == "-type"), byScore, byID}
	case "id":
		keys = []func(a, b Hit) int{byID}
	case "-id":
		keys = []func(a, b Hit) int{func(a, b Hit) int { return byID(b, a) }}
	}
	return func(a, b Hit) int {
		for _, k := range keys {
			if c := k(a, b); c != 0 {
				return c
			}
		}
		return 0
	}, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// OpenReadOnly opens the index at dir for searching only: nothing in dir
// is created or changed (no merging, no permission fixes), and writes
// through it fail. Its lock on the index is shared: readers search side by
// side, a reader gets ErrLocked while a writer (Open) holds the index, and
// a writer gets ErrLocked while a reader does. A missing or empty dir
// opens as an empty index held in memory, so that a caller can still check
// its query and compare Count with the findings file. A damaged or
// outdated index is ErrCorrupt, as with Open; it is for Open's caller to
// rebuild it.
func OpenReadOnly(dir string) (*Index, error) {
	kind, err := inspect(dir)
	if err != nil {
		return nil, err
	}
	switch kind {
	case dirMissing, dirEmpty:
		m, docs, err := newMappingAndDocs()
		if err != nil {
			return nil, err
		}
		bi, err := bleve.NewMemOnly(m)
		if err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		return &Index{dir: dir, bi: readOnly{bi}, docs: docs, batchIDs: newIDLocks()}, nil
	case dirOther:
		return nil, fmt.Errorf("index: %s: directory is not empty and holds no index", dir)
	}
	bi, err := openBleveReadOnly(dir)
	if err != nil {
		return nil, err
	}
	x, err := attach(dir, readOnly{bi})
	if err != nil {
		_ = bi.Close()
		return nil, err
	}
	return x, nil
}

// openBleveReadOnly is openBleve with scorch's read_only: bolt opens
// root.bolt read-only under a shared lock, and scorch starts neither its
// persister nor its merger.
func openBleveReadOnly(dir string) (bi bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			bi, err = nil, fmt.Errorf("%w: %s: open: panic: %v", ErrCorrupt, dir, r)
		}
	}()
	cfg := runtimeConfig()
	cfg["read_only"] = true
	bi, err = bleve.OpenUsing(dir, cfg)
	switch {
	case err == nil:
		return bi, nil
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("%w: %s", ErrLocked, dir)
	case errors.Is(err, fs.ErrPermission):
		return nil, fmt.Errorf("index: open %s: %w", dir, err)
	}
	return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, dir, err)
}

// errReadOnly is what writing through an index opened read-only gives.
var errReadOnly = errors.New("index: opened read-only")

// readOnly refuses bleve's writes, so that an index opened read-only
// fails at the first write instead of queueing it in memory.
type readOnly struct{ bleveIndex }

// bleveIndex names bleve.Index so that readOnly can embed it and still
// define the Index method.
type bleveIndex = bleve.Index

func (readOnly) Index(string, interface{}) error { return errReadOnly }
func (readOnly) Delete(string) error             { return errReadOnly }
func (readOnly) Batch(*bleve.Batch) error        { return errReadOnly }
func (readOnly) SetInternal([]byte, []byte) error {
	return errReadOnly
}
func (readOnly) DeleteInternal([]byte) error { return errReadOnly }

// parseFacet splits "field" or "field:N".
func parseFacet(spec string) (field string, n int, err error) {
	field, num, hasNum := strings.Cut(spec, ":")
	n = defaultFacetSize
	if hasNum {
		n, err = strconv.Atoi(num)
		if err != nil || n <= 0 {
			return "", 0, fmt.Errorf("index: facet %q: want FIELD or FIELD:N with N > 0", spec)
		}
	}
	if !facetFields[field] {
		return "", 0, fmt.Errorf("index: facet %q: can facet on %s only", spec, strings.Join(sortedKeys(facetFields), ", "))
	}
	return field, n, nil
}

// parseQuery parses q and rewrites it as the package documentation says.
func parseQuery(q string) (query.Query, error) {
	if t := strings.TrimSpace(q); t == "" || t == "*" {
		return query.NewMatchAllQuery(), nil
	}
	pq, err := query.NewQueryStringQuery(q).Parse()
	if err != nil {
		return nil, fmt.Errorf("index: query %q: %w", q, err)
	}
	rq, err := rewrite(pq)
	if err != nil {
		return nil, fmt.Errorf("index: query %q: %w", q, err)
	}
	return rq, nil
}

// rewrite walks the parsed query, replacing in place what the query-string
// parser produces (Boolean, Conjunction, Disjunction of field queries).
func rewrite(q query.Query) (query.Query, error) {
	var err error
	switch t := q.(type) {
	case *query.BooleanQuery:
		for _, p := range []*query.Query{&t.Must, &t.Should, &t.MustNot, &t.Filter} {
			if *p != nil {
				if *p, err = rewrite(*p); err != nil {
					return nil, err
				}
			}
		}
		return t, nil
	case *query.ConjunctionQuery:
		for i := range t.Conjuncts {
			if t.Conjuncts[i], err = rewrite(t.Conjuncts[i]); err != nil {
				return nil, err
			}
		}
		t.Conjuncts = intersectRanges(t.Conjuncts)
		return t, nil
	case *query.DisjunctionQuery:
		if m, ok := numberTerm(t); ok {
			return rewrite(m)
		}
		for i := range t.Disjuncts {
			if t.Disjuncts[i], err = rewrite(t.Disjuncts[i]); err != nil {
				return nil, err
			}
		}
		return t, nil
	case *query.MatchQuery:
		return rewriteTerm(t.FieldVal, t.Match, t, t.BoostVal)
	case *query.MatchPhraseQuery:
		return rewriteTerm(t.FieldVal, t.MatchPhrase, t, t.BoostVal)
	case *query.NumericRangeQuery:
		if err := checkField(t.FieldVal); err != nil {
			return nil, err
		}
		if t.FieldVal != fieldConfidence {
			return nil, fmt.Errorf("field %q is not numeric (only %s is)", t.FieldVal, fieldConfidence)
		}
		return &numberRangeQuery{field: t.FieldVal, min: t.Min, max: t.Max,
			incMin: t.InclusiveMin, incMax: t.InclusiveMax, boost: t.BoostVal}, nil
	case *query.DateRangeQuery:
		if err := checkField(t.FieldVal); err != nil {
			return nil, err
		}
		if t.FieldVal != fieldDate {
			return nil, fmt.Errorf("field %q is not a date (only %s is)", t.FieldVal, fieldDate)
		}
		return dateRange(t)
	case query.FieldableQuery: // wildcard, regexp, fuzzy, term...
		switch t.Field() {
		case "":
			t.SetField(fieldContext)
		case fieldID:
			t.SetField(fieldDocID)
		}
		return t, checkField(t.Field())
	}
	return q, nil
}

// numberTerm recognises what the parser makes of field:123, a match OR an
// exact numeric range. On a field that is not numeric only the match can
// ever hit, and the range would be rejected as not numeric.
func numberTerm(d *query.DisjunctionQuery) (*query.MatchQuery, bool) {
	if len(d.Disjuncts) != 2 {
		return nil, false
	}
	m, ok1 := d.Disjuncts[0].(*query.MatchQuery)
	r, ok2 := d.Disjuncts[1].(*query.NumericRangeQuery)
	if !ok1 || !ok2 || m.FieldVal == fieldConfidence || r.FieldVal != m.FieldVal ||
		r.Min == nil || r.Max == nil || *r.Min != *r.Max {
		return nil, false
	}
	return m, true
}

// rewriteTerm rewrites field:text, where orig is the parsed match or phrase
// query.
func rewriteTerm(field, text string, orig query.FieldableQuery, boost *query.Boost) (query.Query, error) {
	switch {
	case field == "":
		return textQuery(fieldContext, text, orig, boost), nil
	case textFields[field]:
		return textQuery(field, text, orig, boost), nil
	case tokenFields[field]:
		return keywordOrTokens(field, text, orig, boost), nil
	case field == fieldID:
		// IDs are not indexed again: bleve has them.
		if m, ok := orig.(*query.MatchQuery); ok && m.Fuzziness > 0 {
			m.SetField(fieldDocID)
			return m, nil
		}
		q := query.NewDocIDQuery([]string{text})
		if boost != nil {
			q.SetBoost(float64(*boost))
		}
		return q, nil
	case pii.Known(field):
		// person_name:田中 → +type:person_name +value:田中
		t := query.NewTermQuery(field)
		t.SetField(fieldType)
		v := keywordOrTokens(fieldValue, text, nil, nil)
		c := query.NewConjunctionQuery([]query.Query{t, v})
		if boost != nil {
			c.SetBoost(float64(*boost))
		}
		return c, nil
	}
	return orig, checkField(field)
}

// keywordOrTokens matches text exactly on the keyword field or as a run of
// tokens in its values (tokenQuery): location:body is exact,
// location:xlsx finds attachment:顧客一覧.xlsx. A fuzzy term (value:taro~1)
// is fuzzy on the whole value.
func keywordOrTokens(field, text string, orig query.FieldableQuery, boost *query.Boost) query.Query {
	if m, ok := orig.(*query.MatchQuery); ok && m.Fuzziness > 0 {
		return m
	}
	return &tokenQuery{field: field, text: text, boost: boost}
}

// textQuery searches text in an analysed field as a phrase: the analyzer
// cuts Japanese into bigrams, and a phrase of them is a substring search,
// where a plain match would OR them (番号 would find 電話番号 for 口座番号).
// A single Japanese character has no bigram of its own; it is looked for in
// every bigram. A fuzzy match keeps its fuzziness, with all terms required.
func textQuery(field, text string, orig query.FieldableQuery, boost *query.Boost) query.Query {
	var q query.FieldableQuery
	if m, ok := orig.(*query.MatchQuery); ok && m.Fuzziness > 0 {
		m.Operator = query.MatchQueryOperatorAnd
		q = m
	} else if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(text)); utf8.RuneCountInString(strings.TrimSpace(text)) == 1 && isCJK(r) {
		c := regexp.QuoteMeta(string(r))
		q = query.NewRegexpQuery(".?" + c + ".?")
	} else {
		q = query.NewMatchPhraseQuery(text)
	}
	q.SetField(field)
	if boost != nil {
		if b, ok := q.(query.BoostableQuery); ok {
			b.SetBoost(float64(*boost))
		}
	}
	return q
}

func isCJK(r rune) bool {
	return cjkRune.MatchString(string(r))
}

var cjkRune = regexp.MustCompile(`^[` + cjkChars + `]$`)

func checkField(field string) error {
	if searchableField(field) {
		return nil
	}
	if field == "start" || field == "end" || field == fieldMasked {
		return fmt.Errorf("field %q is not indexed (it is in the stored finding)", field)
	}
	return errors.New("unknown field " + strconv.Quote(field) + "; fields: " + strings.Join(queryFields(), " "))
}

// queryFields lists the field names a query may use, for error messages.
func queryFields() []string {
	fs := append([]string{fieldID}, keywordFields...)
	fs = append(fs, sortedKeys(textFields)...)
	return fs
}

func sortedKeys(m map[string]bool) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
