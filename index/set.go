package index

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"
)

// Set searches the indexes of several cases (mailboxes) as one. A message
// in several cases (the same message_sha256) gives the same findings in
// each: the first case that has it answers for it, the others leave its
// findings out, so hits, totals and facets count each finding once.
//
// Each case resolves a query into its own keys (contexts, messages and
// people are keyed per case), so the cases are searched one by one, each
// over its shards through a bleve IndexAlias, and merged here.
type Set struct {
	readers []*Reader
	exclude [][]string // per reader, message_sha256 an earlier reader has
}

// NewSet makes a Set of readers, in the order given (the first case that
// holds a message answers for it).
func NewSet(readers ...*Reader) *Set {
	s := &Set{readers: readers, exclude: make([][]string, len(readers))}
	seen := map[string]bool{}
	for i, r := range readers {
		for _, m := range r.tab.Msgs {
			if seen[m.SHA256] {
				s.exclude[i] = append(s.exclude[i], m.SHA256)
			}
		}
		for _, m := range r.tab.Msgs {
			seen[m.SHA256] = true
		}
	}
	return s
}

// Readers returns the readers of the Set.
func (s *Set) Readers() []*Reader { return s.readers }

// Close closes every reader.
func (s *Set) Close() error {
	var errs []error
	for _, r := range s.readers {
		errs = append(errs, r.Close())
	}
	return errors.Join(errs...)
}

// Search runs req over every case and merges: each case gives its first
// From+Size hits in the order asked, the merge keeps the order and cuts
// the page; totals and facet counts add up.
func (s *Set) Search(ctx context.Context, req Request) (*Result, error) {
	if len(s.readers) == 1 {
		return s.readers[0].search(ctx, req, nil, 0)
	}
	specs, _, err := req.check()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	sub := req
	sub.From, sub.Size = 0, req.From+req.Size
	// Every term of every facet, so that terms one case lists and another
	// does not still add up; trimmed after the merge.
	sub.Facets = make([]string, len(specs))
	for i, f := range specs {
		sub.Facets[i] = f.field + ":" + strconv.Itoa(maxFacetSize)
	}
	out := &Result{Facets: make([]Facet, len(specs))}
	counts := make([]map[string]int, len(specs))
	for i, f := range specs {
		out.Facets[i].Field = f.field
		counts[i] = map[string]int{}
	}
	for i, r := range s.readers {
		res, err := r.search(ctx, sub, s.exclude[i], i)
		if err != nil {
			return nil, err
		}
		out.Total += res.Total
		out.Hits = append(out.Hits, res.Hits...)
		for j, f := range res.Facets {
			out.Facets[j].Total += f.Total
			out.Facets[j].Missing += f.Missing
			for _, t := range f.Terms {
				counts[j][t.Term] += t.Count
			}
		}
	}
	slices.SortStableFunc(out.Hits, compareHits(req.Sort))
	out.Hits = out.Hits[min(req.From, len(out.Hits)):min(req.From+req.Size, len(out.Hits))]
	for j, f := range specs {
		for t, n := range counts[j] {
			out.Facets[j].Terms = append(out.Facets[j].Terms, FacetTerm{Term: t, Count: n})
		}
		trimFacet(&out.Facets[j], f)
	}
	out.Took = time.Since(start)
	return out, nil
}

// Message finds a message in the cases by its message_sha256: the first
// case that has it, and the folders it was found in there.
func (s *Set) Message(sha string) (Msg, []string, bool) {
	for _, r := range s.readers {
		if m, srcs, ok := r.Message(sha); ok {
			return m, srcs, true
		}
	}
	return Msg{}, nil, false
}
