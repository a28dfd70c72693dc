package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

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
// finding.
//
// As in bleve, clauses without + or - are optional when the query has a +
// clause, and at least one must match when it has none:
// `type:passport date:>="2024-01-01"` finds passports OR recent findings,
// both first; `+type:passport +date:>="2024-01-01"` finds recent passports.
func (x *Index) Search(ctx context.Context, q string, size int, facets []string) (res *Result, err error) {
	defer recoverCorrupt(&err)
	if size < 0 {
		return nil, fmt.Errorf("index: search: negative size %d", size)
	}
	pq, err := parseQuery(q)
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(pq, size, 0, false)
	req.Fields = []string{fieldFinding}
	req.SortBy([]string{"-_score", "_id"})
	for _, spec := range facets {
		field, n, err := parseFacet(spec)
		if err != nil {
			return nil, err
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
