package review

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Paging bounds: a page of more than MaxSize hits is unreadable, and deep
// pages cost the index more than anyone reads.
const (
	DefaultSize = 20
	MaxSize     = 200
	MaxFrom     = 10000
)

// Sorts are the sort orders the page offers, the default first.
var sorts = []struct{ Key, Label string }{
	{"score", "関連度順 Relevance"},
	{"-date", "新しい順 Newest"},
	{"date", "古い順 Oldest"},
	{"type", "種類順 Type"},
	{"id", "ID順 ID"},
}

// facetFields are the facets of the search page, in sidebar order.
var facetFields = []string{"type", "category", "source", "date"}

// parseSearch reads a search from the URL: q, from, size, sort and, for
// the API, facet (repeated or comma-separated; absent: all facetFields).
func parseSearch(v url.Values) (SearchRequest, error) {
	r := SearchRequest{Query: strings.TrimSpace(v.Get("q")), Size: DefaultSize, Sort: sorts[0].Key}
	var err error
	if s := v.Get("from"); s != "" {
		if r.From, err = strconv.Atoi(s); err != nil {
			return r, fmt.Errorf("from: %q is not a number", s)
		}
		r.From = min(max(r.From, 0), MaxFrom)
	}
	if s := v.Get("size"); s != "" {
		if r.Size, err = strconv.Atoi(s); err != nil {
			return r, fmt.Errorf("size: %q is not a number", s)
		}
		r.Size = min(max(r.Size, 1), MaxSize)
	}
	if s := v.Get("sort"); s != "" {
		if !slices.ContainsFunc(sorts, func(o struct{ Key, Label string }) bool { return o.Key == s }) {
			return r, fmt.Errorf("sort: %q is not one of score, date, -date, type, id", s)
		}
		r.Sort = s
	}
	if fs, ok := v["facet"]; ok {
		for _, f := range fs {
			for _, name := range strings.Split(f, ",") {
				name = strings.TrimSpace(name)
				if name == "" {
					continue
				}
				if !slices.Contains(facetFields, name) {
					return r, fmt.Errorf("facet: %q is not one of %s", name, strings.Join(facetFields, ", "))
				}
				if !slices.Contains(r.Facets, name) {
					r.Facets = append(r.Facets, name)
				}
			}
		}
	} else {
		r.Facets = slices.Clone(facetFields)
	}
	return r, nil
}

// searchURL is the search page's URL for query q, keeping sort and size
// when they are not the default.
func searchURL(q string, r SearchRequest, from int) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if r.Sort != "" && r.Sort != sorts[0].Key {
		v.Set("sort", r.Sort)
	}
	if r.Size != 0 && r.Size != DefaultSize {
		v.Set("size", strconv.Itoa(r.Size))
	}
	if from > 0 {
		v.Set("from", strconv.Itoa(from))
	}
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}

// hasClause reports whether clause is one of q's clauses (bounded by
// spaces or the ends), so that a facet term already applied shows as such.
func hasClause(q, clause string) bool { return clauseAt(q, clause) >= 0 }

func clauseAt(q, clause string) int {
	if clause == "" {
		return -1
	}
	for off := 0; ; {
		i := strings.Index(q[off:], clause)
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(clause)
		if (i == 0 || q[i-1] == ' ') && (end == len(q) || q[end] == ' ') {
			return i
		}
		off = i + 1
	}
}

// toggleClause adds clause to q, or removes it if q has it: what clicking
// a facet term does.
func toggleClause(q, clause string) string {
	i := clauseAt(q, clause)
	if i < 0 {
		return strings.TrimSpace(strings.TrimSpace(q) + " " + clause)
	}
	left := strings.TrimRight(q[:i], " ")
	right := strings.TrimLeft(q[i+len(clause):], " ")
	if left != "" && right != "" {
		return left + " " + right
	}
	return left + right
}

// clause is the query clause +field:value, quoting the value unless it is
// a plain word, so that any id can be searched for.
func clause(field, value string) string {
	// '-' starts a must-not clause, so only a word not starting with it
	// is plain ("p-0001" is, as in `id:f-0000*`).
	plain := value != "" && value[0] != '-'
	for _, c := range value {
		if !(c == '_' || c == '.' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c > 0x7f && !unicode.IsSpace(c)) {
			plain = false
			break
		}
	}
	if plain {
		return "+" + field + ":" + value
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return "+" + field + `:"` + r.Replace(value) + `"`
}
