package index

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// The queries here run on keyword fields by reading the field's dictionary
// when the search starts, and then search the terms they chose. Indexing a
// second, analysed or numeric, form of those fields cost far more CPU time
// per finding than reading a dictionary of distinct locations, values or
// confidences costs per search.

// tokenQuery matches the terms of a keyword field that equal text, or whose
// analysis (mailsift_text) holds the analysis of text as a run of tokens,
// which is what a phrase on an analysed copy of the field would match:
// location:xlsx finds attachment:顧客一覧.xlsx and value:田中 finds 田中太郎.
// Text of one Japanese character matches every term with a token holding
// it, as on an analysed field (it has no bigram of its own).
type tokenQuery struct {
	field, text string
	boost       *query.Boost
	// prefix, when set, limits the terms to those starting with it, and
	// matches text against the rest (attachment: on location).
	prefix string
}

func (q *tokenQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	a := m.AnalyzerNamed(textAnalyzer)
	if a == nil {
		return nil, fmt.Errorf("index: analyzer %q missing", textAnalyzer)
	}
	want := tokenTerms(a.Analyze([]byte(q.text)))
	var char string // the one Japanese character searched for, if so
	if len(want) == 1 && utf8.RuneCountInString(want[0]) == 1 {
		if r, _ := utf8.DecodeRuneInString(want[0]); isCJK(r) {
			char = want[0]
		}
	}
	match := func(term string) bool {
		if q.prefix != "" {
			rest, ok := strings.CutPrefix(term, q.prefix)
			if !ok {
				return false
			}
			term = rest
		}
		if term == q.text {
			return true
		}
		if len(want) == 0 {
			return false
		}
		if isASCII(term) {
			// Analysis only lower-cases and splits ASCII: its tokens are
			// substrings of the lower-cased term. This skips analysing
			// most values (emails, numbers).
			lower := strings.ToLower(term)
			for _, w := range want {
				if !strings.Contains(lower, w) {
					return false
				}
			}
		}
		got := tokenTerms(a.Analyze([]byte(term)))
		if char != "" {
			for _, t := range got {
				if strings.Contains(t, char) {
					return true
				}
			}
			return false
		}
		return containsRun(got, want)
	}
	return dictSearcher(ctx, r, q.field, match, q.boost, opts, false)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func tokenTerms(ts analysis.TokenStream) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t.Term)
	}
	return out
}

// containsRun reports whether want occurs in got as consecutive tokens.
func containsRun(got, want []string) bool {
	for i := 0; i+len(want) <= len(got); i++ {
		ok := true
		for j := range want {
			if got[i+j] != want[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// numberRangeQuery matches the terms of a keyword field of numbers (see
// encodeConfidence) in a range, with the conventions of bleve's numeric
// range: no bound when nil, the minimum included and the maximum excluded
// unless said otherwise.
type numberRangeQuery struct {
	field          string
	min, max       *float64
	incMin, incMax *bool
	boost          *query.Boost
}

func (q *numberRangeQuery) Searcher(ctx context.Context, r bindex.IndexReader, _ mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	incMin := q.incMin == nil || *q.incMin
	incMax := q.incMax != nil && *q.incMax
	match := func(term string) bool {
		v, err := strconv.ParseFloat(term, 64)
		if err != nil {
			return false
		}
		if q.min != nil && (v < *q.min || v == *q.min && !incMin) {
			return false
		}
		if q.max != nil && (v > *q.max || v == *q.max && !incMax) {
			return false
		}
		return true
	}
	return dictSearcher(ctx, r, q.field, match, q.boost, opts, true)
}

// dictSearcher searches field for the terms of its dictionary that match.
// A filter (a range), or a search matching many terms, is not scored:
// bleve then ORs the terms' postings instead of merging one searcher per
// term, which for thousands of terms is a hundred times faster.
func dictSearcher(ctx context.Context, r bindex.IndexReader, field string, match func(string) bool, boost *query.Boost, opts search.SearcherOptions, filter bool) (search.Searcher, error) {
	dict, err := r.FieldDict(field)
	if err != nil {
		return nil, err
	}
	var terms []string
	for {
		e, err := dict.Next()
		if err != nil {
			_ = dict.Close()
			return nil, err
		}
		if e == nil {
			break
		}
		if match(e.Term) {
			terms = append(terms, e.Term)
		}
	}
	if err := dict.Close(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(terms) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	if filter || len(terms) > maxScoredTerms {
		opts.Score = "none"
	}
	return searcher.NewMultiTermSearcher(ctx, r, terms, field, boost.Value(), opts, false)
}

// maxScoredTerms is the most terms a tokenQuery scores.
const maxScoredTerms = 256

// termRangeQuery is bleve's term range, not scored (see dictSearcher).
type termRangeQuery struct {
	field          string
	min, max       string
	incMin, incMax *bool
	boost          *query.Boost
}

func (q *termRangeQuery) Searcher(ctx context.Context, r bindex.IndexReader, _ mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	var min, max []byte
	if q.min != "" {
		min = []byte(q.min)
	}
	if q.max != "" {
		max = []byte(q.max)
	}
	opts.Score = "none"
	return searcher.NewTermRangeSearcher(ctx, r, min, max, q.incMin, q.incMax, q.field, q.boost.Value(), opts)
}

// termsQuery matches documents with any of terms in field: the keys a
// reference resolved to (see resolve). Many terms are not scored, as in
// dictSearcher.
type termsQuery struct {
	field string
	terms []string
}

func (q *termsQuery) Searcher(ctx context.Context, r bindex.IndexReader, _ mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	if len(q.terms) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	if len(q.terms) > maxScoredTerms {
		opts.Score = "none"
	}
	return searcher.NewMultiTermSearcher(ctx, r, q.terms, q.field, 1, opts, false)
}

// anyTermQuery matches the documents with any term in field.
type anyTermQuery struct{ field string }

func (q *anyTermQuery) Searcher(ctx context.Context, r bindex.IndexReader, _ mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	return dictSearcher(ctx, r, q.field, func(string) bool { return true }, nil, opts, true)
}
