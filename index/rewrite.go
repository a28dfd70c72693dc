package index

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/mailsift/mailsift/pii"
)

// A query is parsed by bleve, then rewritten (rewrite) into queries on the
// finding documents and references to the other stores of the index, which
// resolve turns into terms of the finding's keys before the search:
//
//	textRef   a query on the texts index   → ctx terms
//	msgRef    a query on the messages index → msg terms (runs as ranges)
//	dateRef   a date range                  → a msg range (keys are in date order)
//	personRef a test of the table's people  → person terms
//	idRef     finding ids                   → document IDs (the ids file)

// textRef holds the text query twice: on the texts index and on the
// contexts indexed in place (the contexts only one finding has).
type textRef struct {
	q, inline query.Query
	target    string // the finding field of the texts' keys: ctx ("" too) or subj
}
type msgRef struct{ q query.Query }
type dateRef struct {
	min, max       string // encoded dates ("" no bound)
	incMin, incMax bool
}
type personRef struct {
	match func(*Person) bool
}
type idRef struct{ ids []string }

// The refs are resolved before bleve sees the query; these methods only
// make them satisfy query.Query, and fail if one is left.
func (textRef) Searcher(context.Context, bindex.IndexReader, mapping.IndexMapping, search.SearcherOptions) (search.Searcher, error) {
	return nil, errUnresolved
}
func (msgRef) Searcher(context.Context, bindex.IndexReader, mapping.IndexMapping, search.SearcherOptions) (search.Searcher, error) {
	return nil, errUnresolved
}
func (dateRef) Searcher(context.Context, bindex.IndexReader, mapping.IndexMapping, search.SearcherOptions) (search.Searcher, error) {
	return nil, errUnresolved
}
func (personRef) Searcher(context.Context, bindex.IndexReader, mapping.IndexMapping, search.SearcherOptions) (search.Searcher, error) {
	return nil, errUnresolved
}
func (idRef) Searcher(context.Context, bindex.IndexReader, mapping.IndexMapping, search.SearcherOptions) (search.Searcher, error) {
	return nil, errUnresolved
}

var errUnresolved = errors.New("index: internal: query reference not resolved")

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

// rewrite walks the parsed query, replacing what the query-string parser
// produces (Boolean, Conjunction, Disjunction of field queries). The
// composite queries are made anew: the parser marks them as of a query
// string, and bleve then drops the conjuncts that match nothing (meant for
// stop words), so that +type:email +value:nosuch would find every e-mail
// address, and a date range with no message in one shard all of that
// shard's findings.
func rewrite(q query.Query) (query.Query, error) {
	var err error
	switch t := q.(type) {
	case *query.BooleanQuery:
		b := query.NewBooleanQuery(nil, nil, nil)
		b.Must, b.Should, b.MustNot, b.Filter, b.BoostVal = t.Must, t.Should, t.MustNot, t.Filter, t.BoostVal
		for _, p := range []*query.Query{&b.Must, &b.Should, &b.MustNot, &b.Filter} {
			if *p != nil {
				if *p, err = rewrite(*p); err != nil {
					return nil, err
				}
			}
		}
		return b, nil
	case *query.ConjunctionQuery:
		c := query.NewConjunctionQuery(nil)
		c.BoostVal = t.BoostVal
		for _, q := range t.Conjuncts {
			r, err := rewrite(q)
			if err != nil {
				return nil, err
			}
			c.Conjuncts = append(c.Conjuncts, r)
		}
		c.Conjuncts = intersectDates(c.Conjuncts)
		return c, nil
	case *query.DisjunctionQuery:
		if m, ok := numberTerm(t); ok {
			return rewrite(m)
		}
		d := query.NewDisjunctionQuery(nil)
		d.BoostVal, d.Min = t.BoostVal, t.Min
		for _, q := range t.Disjuncts {
			r, err := rewrite(q)
			if err != nil {
				return nil, err
			}
			d.Disjuncts = append(d.Disjuncts, r)
		}
		return d, nil
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
	case query.FieldableQuery: // wildcard, regexp, fuzzy, prefix, term...
		field := t.Field()
		if err := checkField(field); err != nil {
			return nil, err
		}
		switch field {
		case "", fieldContext:
			inline, err := copyQuery(t)
			if err != nil {
				return nil, err
			}
			inline.SetField(fieldContext)
			t.SetField(fieldText)
			return &textRef{q: t, inline: inline}, nil
		case fieldSubject:
			t.SetField(fieldText)
			return &textRef{q: t, target: fieldSubj}, nil
		case fieldMessageID, fieldMessageSHA256, fieldDate, fieldFrom, fieldTo:
			return &msgRef{q: t}, nil
		case fieldID, fieldDocID, fieldName, fieldCategory, fieldAttachment:
			return nil, fmt.Errorf("%s: takes a plain word or a quoted phrase here, not a wildcard, regexp or fuzzy term", field)
		}
		return t, nil
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
	switch field {
	case "", fieldContext:
		inline := textQuery(fieldContext, text, nil, boost)
		if m, ok := orig.(*query.MatchQuery); ok && m.Fuzziness > 0 {
			c, err := copyQuery(m)
			if err != nil {
				return nil, err
			}
			inline = textQuery(fieldContext, text, c, boost)
		}
		return &textRef{q: textQuery(fieldText, text, orig, boost), inline: inline}, nil
	case fieldSubject:
		return &textRef{q: textQuery(fieldText, text, orig, boost), target: fieldSubj}, nil
	case fieldFrom, fieldTo, fieldMessageID:
		return &msgRef{q: keywordOrTokens(field, lowerIf(field, text), orig, boost)}, nil
	case fieldSource:
		return keywordOrTokens(field, text, orig, boost), nil
	case fieldMessageSHA256:
		t := query.NewTermQuery(strings.ToLower(text))
		t.SetField(field)
		return &msgRef{q: t}, nil
	case fieldDate:
		// date:2024-05 is May 2024 (UTC), date:2024 the year: terms of
		// the month field; a day or less, a prefix of the message's date.
		if monthRE.MatchString(text) {
			t := query.NewTermQuery(text)
			t.SetField(fieldMonth)
			return t, nil
		}
		if yearRE.MatchString(text) {
			p := query.NewPrefixQuery(text + "-")
			p.SetField(fieldMonth)
			return p, nil
		}
		p := query.NewPrefixQuery(text)
		p.SetField(fieldDate)
		return &msgRef{q: p}, nil
	case fieldValue:
		return valueQuery(text, orig, boost), nil
	case fieldLocation:
		return keywordOrTokens(field, text, orig, boost), nil
	case fieldAttachment:
		return &tokenQuery{field: fieldLocation, text: text, boost: boost, prefix: "attachment:"}, nil
	case fieldName:
		key := foldName(text)
		return &personRef{match: func(p *Person) bool {
			for _, n := range p.Names {
				if strings.Contains(foldName(n), key) {
					return true
				}
			}
			return false
		}}, nil
	case fieldCategory:
		return &personRef{match: func(p *Person) bool { return p.Category == text }}, nil
	case fieldID:
		return &idRef{ids: []string{text}}, nil
	case fieldDocID:
		return query.NewDocIDQuery([]string{text}), nil
	case fieldDetector:
		return detectorQuery(text), nil
	}
	if pii.Known(field) {
		// person_name:田中 → +type:person_name +value:田中
		t := query.NewTermQuery(field)
		t.SetField(fieldType)
		v := valueQuery(text, nil, nil)
		c := query.NewConjunctionQuery([]query.Query{t, v})
		if boost != nil {
			c.SetBoost(float64(*boost))
		}
		return c, nil
	}
	if err := checkField(field); err != nil {
		return nil, err
	}
	if _, ok := orig.(*query.MatchPhraseQuery); ok {
		// A quoted value of a keyword field is the value: keyword fields
		// have no positions for a phrase to match.
		t := query.NewTermQuery(text)
		t.SetField(field)
		if boost != nil {
			t.SetBoost(float64(*boost))
		}
		return t, nil
	}
	return orig, nil
}

// lowerIf lower-cases the values of address fields, which are indexed
// lower-cased (addresses compare without case).
func lowerIf(field, text string) string {
	if field == fieldFrom || field == fieldTo {
		return strings.ToLower(text)
	}
	return text
}

// foldName is how names compare for name:: without spaces (full-width
// ones included) and case.
func foldName(s string) string {
	s = strings.ToLower(s)
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

// keywordOrTokens matches text exactly on the keyword field or as a run of
// tokens in its values (tokenQuery): location:body is exact,
// location:xlsx finds attachment:顧客一覧.xlsx. A fuzzy term (value:taro~1)
// is fuzzy on the whole value.
func keywordOrTokens(field, text string, orig query.FieldableQuery, boost *query.Boost) query.Query {
	if m, ok := orig.(*query.MatchQuery); ok && m.Fuzziness > 0 {
		m.SetField(field)
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

var (
	monthRE = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}$`)
	yearRE  = regexp.MustCompile(`^[0-9]{4}$`)
)

var cjkRune = regexp.MustCompile(`^[` + cjkChars + `]$`)

func checkField(field string) error {
	if field == "" || searchableField(field) || pii.Known(field) {
		return nil
	}
	if field == "start" || field == "end" || field == "masked" {
		return fmt.Errorf("field %q is not indexed (it is in the finding)", field)
	}
	return errors.New("unknown field " + strconv.Quote(field) + "; fields: " + strings.Join(queryFields, " "))
}

// dateRange turns a date range of the query string into a dateRef.
func dateRange(q *query.DateRangeQuery) (query.Query, error) {
	r := &dateRef{incMin: included(q.InclusiveStart, true), incMax: included(q.InclusiveEnd, false)}
	if !q.Start.IsZero() {
		var ok bool
		if r.min, ok = formatDate(q.Start.Time); !ok {
			return nil, fmt.Errorf("date %s out of range (years 0000 to 9999 UTC)", q.Start.Time)
		}
	}
	if !q.End.IsZero() {
		var ok bool
		if r.max, ok = formatDate(q.End.Time); !ok {
			return nil, fmt.Errorf("date %s out of range (years 0000 to 9999 UTC)", q.End.Time)
		}
	}
	if r.min == "" && r.max == "" {
		return nil, fmt.Errorf("date range without a start or an end")
	}
	return r, nil
}

// intersectDates replaces the date ranges among qs, which must all match,
// by their intersection: +date:>=A +date:<B is one range.
func intersectDates(qs []query.Query) []query.Query {
	var r *dateRef
	out := qs[:0]
	for _, q := range qs {
		t, ok := q.(*dateRef)
		if !ok {
			out = append(out, q)
			continue
		}
		if r == nil {
			c := *t
			r = &c
			out = append(out, r)
			continue
		}
		if t.min != "" && (r.min == "" || t.min > r.min || t.min == r.min && !t.incMin) {
			r.min, r.incMin = t.min, t.incMin
		}
		if t.max != "" && (r.max == "" || t.max < r.max || t.max == r.max && !t.incMax) {
			r.max, r.incMax = t.max, t.incMax
		}
	}
	return out
}

// included says whether a bound is inclusive, def if unsaid.
func included(b *bool, def bool) bool {
	if b == nil {
		return def
	}
	return *b
}

// resolve replaces the references of q (see rewrite) by queries on the
// finding documents, looking them up in r's texts, messages, table and ids.
func (r *Reader) resolve(ctx context.Context, q query.Query) (query.Query, error) {
	var err error
	switch t := q.(type) {
	case *query.BooleanQuery:
		for _, p := range []*query.Query{&t.Must, &t.Should, &t.MustNot, &t.Filter} {
			if *p != nil {
				if *p, err = r.resolve(ctx, *p); err != nil {
					return nil, err
				}
			}
		}
		return t, nil
	case *query.ConjunctionQuery:
		for i := range t.Conjuncts {
			if t.Conjuncts[i], err = r.resolve(ctx, t.Conjuncts[i]); err != nil {
				return nil, err
			}
		}
		return t, nil
	case *query.DisjunctionQuery:
		for i := range t.Disjuncts {
			if t.Disjuncts[i], err = r.resolve(ctx, t.Disjuncts[i]); err != nil {
				return nil, err
			}
		}
		return t, nil
	case *textRef:
		keys, err := allIDs(ctx, r.texts, t.q)
		if err != nil {
			return nil, err
		}
		field := cmp.Or(t.target, fieldCtx)
		switch {
		case t.inline == nil:
			return &termsQuery{field: field, terms: keys}, nil
		case len(keys) == 0:
			return t.inline, nil
		}
		return query.NewDisjunctionQuery([]query.Query{&termsQuery{field: field, terms: keys}, t.inline}), nil
	case *msgRef:
		keys, err := allIDs(ctx, r.messages, t.q)
		if err != nil {
			return nil, err
		}
		return msgQuery(keys), nil
	case *dateRef:
		return r.dateQuery(t), nil
	case *personRef:
		var ids []string
		for i := range r.tab.People {
			if t.match(&r.tab.People[i]) {
				ids = append(ids, r.tab.People[i].ID)
			}
		}
		return &termsQuery{field: fieldPerson, terms: ids}, nil
	case *idRef:
		docs, err := r.lookupIDs(t.ids)
		if err != nil {
			return nil, err
		}
		if len(docs) == 0 {
			return query.NewMatchNoneQuery(), nil
		}
		return query.NewDocIDQuery(docs), nil
	}
	return q, nil
}

// allIDs returns the IDs of every document of x that q matches.
func allIDs(ctx context.Context, x bleve.Index, q query.Query) ([]string, error) {
	n, err := x.DocCount()
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	if n == 0 {
		return nil, nil
	}
	req := bleve.NewSearchRequestOptions(q, int(n), 0, false)
	req.Score = "none"
	req.SortBy([]string{"_id"})
	sr, err := x.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	ids := make([]string, len(sr.Hits))
	for i, h := range sr.Hits {
		ids[i] = h.ID
	}
	return ids, nil
}

// msgQuery matches the findings of the messages with these keys (sorted):
// runs of consecutive keys become ranges, which bleve reads as one
// dictionary walk instead of a term each.
func msgQuery(keys []string) query.Query {
	if len(keys) == 0 {
		return query.NewMatchNoneQuery()
	}
	type run struct{ lo, hi int }
	var runs []run
	for _, k := range keys {
		n, ok := parseMsgKey(k)
		if !ok {
			continue
		}
		if len(runs) > 0 && runs[len(runs)-1].hi+1 == n {
			runs[len(runs)-1].hi = n
			continue
		}
		runs = append(runs, run{n, n})
	}
	var singles []string
	var ranges []query.Query
	t := true
	for _, r := range runs {
		if r.hi-r.lo < 8 {
			for n := r.lo; n <= r.hi; n++ {
				singles = append(singles, msgKeyOf(n))
			}
			continue
		}
		ranges = append(ranges, &termRangeQuery{field: fieldMsg, min: msgKeyOf(r.lo), max: msgKeyOf(r.hi), incMin: &t, incMax: &t})
	}
	if len(ranges) == 0 {
		return &termsQuery{field: fieldMsg, terms: singles}
	}
	if len(singles) > 0 {
		ranges = append(ranges, &termsQuery{field: fieldMsg, terms: singles})
	}
	if len(ranges) == 1 {
		return ranges[0]
	}
	return query.NewDisjunctionQuery(ranges)
}

// dateQuery is a date range as a range of msg keys: messages are keyed in
// date order, so the messages of a date range have consecutive keys.
func (r *Reader) dateQuery(d *dateRef) query.Query {
	msgs := r.tab.Msgs
	// Dated messages come first (readMessages), undated last.
	dated := slices.IndexFunc(msgs, func(m Msg) bool { _, ok := encodeDate(m.Date); return !ok })
	if dated < 0 {
		dated = len(msgs)
	}
	enc := func(i int) string { s, _ := encodeDate(msgs[i].Date); return s }
	lo, hi := 0, dated // [lo, hi)
	if d.min != "" {
		lo = searchFirst(dated, func(i int) bool {
			e := enc(i)
			return e > d.min || d.incMin && e == d.min
		})
	}
	if d.max != "" {
		hi = searchFirst(dated, func(i int) bool {
			e := enc(i)
			return e > d.max || !d.incMax && e == d.max
		})
	}
	if lo >= hi {
		return query.NewMatchNoneQuery()
	}
	// Whole months inside [lo, hi) are terms of the month field; only the
	// messages of the months at the edges are a range of keys.
	t := true
	keys := func(a, b int) query.Query { // keys [a, b)
		return &termRangeQuery{field: fieldMsg, min: msgKeyOf(a), max: msgKeyOf(b - 1), incMin: &t, incMax: &t}
	}
	var months []string
	first, last := -1, -1 // the whole months' keys: [first, last)
	for m := range r.tab.Months {
		a, b := r.tab.monthStart[m], r.tab.monthStart[m+1]
		if a >= lo && b <= hi && a < b {
			months = append(months, r.tab.Months[m])
			if first < 0 {
				first = a
			}
			last = b
		}
	}
	if len(months) == 0 {
		return keys(lo, hi)
	}
	qs := []query.Query{&termsQuery{field: fieldMonth, terms: months}}
	if lo < first {
		qs = append(qs, keys(lo, first))
	}
	if last < hi {
		qs = append(qs, keys(last, hi))
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

// searchFirst is sort.Search: the first i in [0, n) with f(i), or n.
func searchFirst(n int, f func(int) bool) int {
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if !f(m) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// detectorQuery matches the findings of a detector. The detector field is
// indexed only where it differs from the type (build.go), so detector:X is
// detector X, or type X with no detector field.
func detectorQuery(name string) query.Query {
	d := query.NewTermQuery(name)
	d.SetField(fieldDetector)
	t := query.NewTermQuery(name)
	t.SetField(fieldType)
	own := query.NewBooleanQuery([]query.Query{t}, nil, []query.Query{&anyTermQuery{field: fieldDetector}})
	return query.NewDisjunctionQuery([]query.Query{d, own})
}

// valueQuery matches a value as pasted from the mail: as it is (a word of
// it too, see keywordOrTokens), without its spaces (names are normalized
// without them: 伊藤 亮 is 伊藤亮), and, for a phone number written the
// national way, in the international form the detectors normalize to
// (06-6507-6250 is +81665076250; numbers without a country code are taken
// as Japanese, as the phone detector takes them).
func valueQuery(text string, orig query.FieldableQuery, boost *query.Boost) query.Query {
	if m, ok := orig.(*query.MatchQuery); ok && m.Fuzziness > 0 {
		return keywordOrTokens(fieldValue, text, orig, boost)
	}
	vs := valueVariants(text)
	if len(vs) == 1 {
		return &tokenQuery{field: fieldValue, text: text, boost: boost}
	}
	qs := make([]query.Query, len(vs))
	for i, v := range vs {
		qs[i] = &tokenQuery{field: fieldValue, text: v, boost: boost}
	}
	return query.NewDisjunctionQuery(qs)
}

// valueVariants are the forms of a pasted value to look for (see
// valueQuery), the value first.
func valueVariants(text string) []string {
	out := []string{text}
	add := func(v string) {
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	add(strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' {
			return -1
		}
		return r
	}, text))
	// A phone: digits with - ( ) . or spaces, 9 to 15 digits.
	var digits []byte
	for i, r := range text {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
		case r == '+' && i == 0, r == '-', r == ' ', r == '(', r == ')', r == '.':
		default:
			return out
		}
	}
	if len(digits) < 9 || len(digits) > 15 {
		return out
	}
	switch {
	case strings.HasPrefix(text, "+"):
		add("+" + string(digits))
	case digits[0] == '0' && (len(digits) < 2 || digits[1] != '0'):
		add("+81" + string(digits[1:]))
	default:
		add("+" + string(digits))
	}
	return out
}

// copyQuery copies a field query (through its JSON, which bleve parses
// back into the same kind of query).
func copyQuery(q query.FieldableQuery) (query.FieldableQuery, error) {
	js, err := json.Marshal(q)
	if err != nil {
		return nil, err
	}
	c, err := query.ParseQuery(js)
	if err != nil {
		return nil, err
	}
	f, ok := c.(query.FieldableQuery)
	if !ok {
		return nil, fmt.Errorf("index: copy of %T is %T", q, c)
	}
	return f, nil
}
