package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/mailsift/mailsift/index"
	"github.com/mailsift/mailsift/people"
	"github.com/mailsift/mailsift/store"
)

// Bounds of the paging flags. Deep pages cost the index a heap of
// from+size hits; whoever wants every finding reads `findings`.
const (
	defaultSearchSize = 20
	maxSearchSize     = 10_000
	maxSearchFrom     = 100_000
	maxFacetTerms     = 10_000
	defaultFacetTerms = 10
)

type searchOptions struct {
	cases  []string
	query  string
	json   bool
	size   int
	from   int
	sort   string
	facets []string
	reveal bool
}

func newSearchCmd(ios *IOStreams) *cobra.Command {
	o := &searchOptions{}
	cmd := &cobra.Command{
		Use:   "search [flags] QUERY",
		Short: "Search the findings of one or more cases (bleve query syntax), masked unless --reveal",
		Long: `search runs QUERY over the search index of the case(s) and prints the best
hits: one line per finding with its score, type, value (masked unless
--reveal), location, date, Message-ID and the person it is about. With
--json each hit is the finding's JSON line (as findings prints it) with
"score", "person" and "category" added.

QUERY is bleve's query-string syntax. A clause is FIELD:VALUE or a bare word
(searched in the masked context); +clause must match, -clause must not, and
without any + at least one clause matches. There are no parentheses: write
\( to search for one. Fields: type value confidence detector message_id
message_sha256 source date location part context id, and a finding type as
a field (passport:TK12, person_name:田中) means that type with that value.
value:X finds the finding whose normalized value is X (paste a raw value),
or whose value holds X as a word; output stays masked without --reveal.
Japanese text is found by any substring of 2 or more characters. Dates take
ranges (date:>="2024-01-01"), confidence too (confidence:>=0.9).

Several --case search each case's index and merge the hits by score; a
finding in two cases (the same message in two mailboxes) is listed and
counted once. search changes nothing in the case; if the index is behind
the findings (a scan with --no-index, or one interrupted), it says so and
searches what is indexed. No hits is no error (exit 0); a malformed query
is bad input (exit 2).`,
		Example: `  mailsift search --case ./case 'type:passport'
  mailsift search --case ./case '+type:bank_account +location:xlsx'
  mailsift search --case ./case 'value:TK1234567' --reveal
  mailsift search --case ./case '+type:passport +date:>="2024-01-01"' --sort -date
  mailsift search --case ./case 顧客 --facet type --facet source:50 --size 0
  mailsift search --case ./case '*' --json --size 100 --from 100 | jq -r .masked
  mailsift search --case ./taro --case ./hanako 'person_name:田中' --json`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 || strings.TrimSpace(strings.Join(args, " ")) == "" {
				return usagef("search: no QUERY given: e.g. 'type:passport', or '*' for every finding")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.cases, _ = cmd.Flags().GetStringArray("case")
			// An unquoted query arrives as several words: they are one query.
			o.query = strings.Join(args, " ")
			return runSearch(cmd.Context(), o, ios)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.json, "json", false, `print one JSON line per hit; with --facet a last line {"total":N,"facets":[...]}`)
	f.IntVar(&o.size, "size", defaultSearchSize, "print at most `N` hits (0 to 10000; 0: only counts and facets)")
	f.IntVar(&o.from, "from", 0, "skip the first `N` hits (paging; at most 100000)")
	f.StringVar(&o.sort, "sort", "score", "order of the hits, by `FIELD`: "+strings.Join(index.Sorts(), ", ")+" (score: best first; -date: newest first; ties by id)")
	f.StringArrayVar(&o.facets, "facet", nil, "count the hits per term of `FIELD` or FIELD:N (top N, default 10); repeatable; fields: "+strings.Join(facetable(), ", "))
	f.BoolVar(&o.reveal, "reveal", false, "print the unmasked value")
	return cmd
}

// facetable are the fields --facet takes: the index's facet fields but
// person, which the index does not hold yet (people are resolved after the
// scan, see below).
func facetable() []string {
	return slices.DeleteFunc(index.FacetFields(), func(f string) bool { return f == "person" })
}

// facetSpec is one --facet.
type facetSpec struct {
	field string
	n     int
}

func parseFacetFlag(spec string) (facetSpec, error) {
	field, num, hasNum := strings.Cut(spec, ":")
	fs := facetSpec{field: field, n: defaultFacetTerms}
	if hasNum {
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 || n > maxFacetTerms {
			return fs, usagef("--facet %q: want FIELD or FIELD:N with N from 1 to %d", spec, maxFacetTerms)
		}
		fs.n = n
	}
	if field == "person" {
		return fs, usagef("--facet person: person ids are not in the search index (people are resolved after the scan); use mailsift people; facet on %s", strings.Join(facetable(), ", "))
	}
	if !slices.Contains(facetable(), field) {
		return fs, usagef("--facet %q: can facet on %s", spec, strings.Join(facetable(), ", "))
	}
	return fs, nil
}

// searchCase is one case being searched.
type searchCase struct {
	dir      string
	ix       *index.Index
	findings int                 // committed findings, by the manifest
	messages map[string]struct{} // message_sha256 of its messages (several cases only)
	exclude  []string            // ids an earlier case already has
}

func runSearch(ctx context.Context, o *searchOptions, ios *IOStreams) error {
	if err := checkBounds(
		bound{"size", int64(o.size), 0, maxSearchSize},
		bound{"from", int64(o.from), 0, maxSearchFrom},
	); err != nil {
		return err
	}
	if !slices.Contains(index.Sorts(), o.sort) {
		return usagef("--sort %q: use one of %s", o.sort, strings.Join(index.Sorts(), ", "))
	}
	var facets []facetSpec
	for _, spec := range o.facets {
		fs, err := parseFacetFlag(spec)
		if err != nil {
			return err
		}
		facets = append(facets, fs)
	}
	dirs, err := distinctCases(o.cases)
	if err != nil {
		return err
	}
	cases := make([]*searchCase, 0, len(dirs))
	defer func() {
		for _, c := range cases {
			c.ix.Close()
		}
	}()
	for _, dir := range dirs {
		ix, err := index.OpenReadOnly(filepath.Join(dir, store.IndexDir))
		switch {
		case errors.Is(err, index.ErrLocked):
			return fmt.Errorf("the case %s is being scanned; search again when it ends", dir)
		case errors.Is(err, index.ErrCorrupt):
			return fmt.Errorf("the search index of %s is damaged or was built by another version of mailsift: run mailsift scan --case %s again to rebuild it (%v)", dir, dir, err)
		case err != nil:
			return fmt.Errorf("search index of %s: %w", dir, err)
		}
		cases = append(cases, &searchCase{dir: dir, ix: ix})
	}
	if err := checkIndexes(cases, ios); err != nil {
		return err
	}
	if len(cases) > 1 {
		if err := excludeShared(cases); err != nil {
			return err
		}
	}
	if personQuery.MatchString(o.query) {
		fmt.Fprintln(ios.Err, "mailsift: note: person ids are not in the search index yet, so person: finds nothing; mailsift findings prints each finding's person")
	}

	res, err := searchCases(ctx, cases, o, facets)
	if err != nil {
		return err
	}
	var counted *people.Counted
	withCategory := true
	if len(res.Hits) > 0 {
		// The person each hit is about, resolved over all the cases as
		// findings and report do; categories from the case's copy of the
		// categories file, when it has one.
		cats, cerr := caseCategories(dirs[0], "")
		if cerr != nil {
			fmt.Fprintf(ios.Err, "mailsift: %s: no categories (%s)\n", termSafe(dirs[0]), termSafe(cerr.Error()))
			cats, withCategory = nil, false
		}
		counted, err = people.Count(ctx, people.CountOptions{Cases: dirs, Categories: cats, Lang: "en"})
		var ce *people.ConfigError
		if errors.As(err, &ce) {
			return usageError{err}
		}
		if err != nil {
			return fmt.Errorf("search: people: %w", err)
		}
	}
	if o.json {
		return printSearchJSON(ios, res, counted, withCategory, o.reveal, facets)
	}
	return printSearchText(ios, res, counted, o)
}

// personQuery spots a person: clause, which the index cannot answer yet.
var personQuery = regexp.MustCompile(`(^|[\s+\-])person:`)

// distinctCases checks each --case and drops repeats of the same
// directory: searching it twice would find nothing more.
func distinctCases(dirs []string) ([]string, error) {
	var out []string
	var seen []os.FileInfo
	for _, dir := range dirs {
		if err := store.Check(dir); err != nil {
			return nil, usageError{err}
		}
		st, err := os.Stat(dir)
		if err != nil {
			return nil, usageError{err}
		}
		if slices.ContainsFunc(seen, func(s os.FileInfo) bool { return os.SameFile(s, st) }) {
			continue
		}
		seen = append(seen, st)
		out = append(out, dir)
	}
	return out, nil
}

// checkIndexes compares each index with the committed findings of its
// case (what the manifest vouches for, as the scan's own check does) and
// says on stderr when they differ: search then searches what is indexed,
// and never writes to the case to catch up.
func checkIndexes(cases []*searchCase, ios *IOStreams) error {
	for _, c := range cases {
		if len(cases) > 1 {
			c.messages = map[string]struct{}{}
		}
		err := store.EachEntry(c.dir, nil, func(e *store.Entry) error {
			c.findings += e.Findings
			if c.messages != nil && e.Findings > 0 {
				c.messages[e.MessageSHA256] = struct{}{}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("%s: %w", c.dir, err)
		}
		n, err := c.ix.Count()
		if err != nil {
			return fmt.Errorf("search index of %s: %w", c.dir, err)
		}
		dir := termSafe(c.dir)
		switch {
		case n < uint64(c.findings):
			fmt.Fprintf(ios.Err, "mailsift: %s: the index is behind the findings (%d of %d indexed): run mailsift scan --case %s again to update it\n", dir, n, c.findings, dir)
		case n > uint64(c.findings):
			fmt.Fprintf(ios.Err, "mailsift: %s: the index holds %d findings, the findings file %d: run mailsift scan --case %s again to update it\n", dir, n, c.findings, dir)
		}
	}
	return nil
}

// excludeShared finds the findings that several cases hold (a message in
// two mailboxes gives the same findings, with the same ids) and leaves
// them to the first case that has them: the later ones exclude them, so
// hits, totals and facets count each finding once.
func excludeShared(cases []*searchCase) error {
	inCases := map[string]int{}
	for _, c := range cases {
		for m := range c.messages {
			inCases[m]++
		}
	}
	shared := map[string]bool{}
	for m, n := range inCases {
		if n > 1 {
			shared[m] = true
		}
	}
	if len(shared) == 0 {
		return nil
	}
	owner := map[string]int{}
	for i, c := range cases {
		err := store.EachFinding(c.dir, func(f *store.Finding) error {
			if !shared[f.MessageSHA256] {
				return nil
			}
			if first, ok := owner[f.ID]; ok && first != i {
				c.exclude = append(c.exclude, f.ID)
			} else {
				owner[f.ID] = i
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("%s: %w", c.dir, err)
		}
	}
	return nil
}

// searchResult is the merged outcome of searching every case.
type searchResult struct {
	Total  uint64
	Hits   []index.Hit
	Facets []index.Facet
}

// searchCases searches each case and merges: each gives its best from+size
// hits in the order asked, the merge keeps the order (ties by id) and
// cuts the page; totals and facet counts add up, exact because the cases
// exclude each other's findings.
func searchCases(ctx context.Context, cases []*searchCase, o *searchOptions, facets []facetSpec) (*searchResult, error) {
	specs := make([]string, len(facets))
	for i, f := range facets {
		// Every term, so that terms listed by one case and not by another
		// still add up; trimmed to N after the merge.
		specs[i] = f.field + ":" + strconv.Itoa(maxFacetTerms)
	}
	out := &searchResult{Facets: make([]index.Facet, len(facets))}
	for i, f := range facets {
		out.Facets[i].Field = f.field
	}
	terms := make([]map[string]int, len(facets))
	for i := range terms {
		terms[i] = map[string]int{}
	}
	// One case pages itself; several give their first from+size each.
	size, from := o.from+o.size, 0
	if len(cases) == 1 {
		size, from = o.size, o.from
	}
	for _, c := range cases {
		r, err := c.ix.SearchWith(ctx, o.query, size, specs, index.SearchOptions{From: from, Sort: o.sort, Exclude: c.exclude})
		var qe *index.QueryError
		if errors.As(err, &qe) {
			return nil, usageError{errors.New(strings.TrimPrefix(err.Error(), "index: "))}
		}
		if errors.Is(err, index.ErrCorrupt) {
			return nil, fmt.Errorf("the search index of %s is damaged: run mailsift scan --case %s again to rebuild it (%v)", c.dir, c.dir, err)
		}
		if err != nil {
			return nil, fmt.Errorf("search %s: %w", c.dir, err)
		}
		out.Total += r.Total
		out.Hits = append(out.Hits, r.Hits...)
		for i, f := range r.Facets {
			out.Facets[i].Total += f.Total
			out.Facets[i].Missing += f.Missing
			for _, t := range f.Terms {
				terms[i][t.Term] += t.Count
			}
		}
	}
	order, err := index.CompareHits(o.sort)
	if err != nil {
		return nil, usageError{err}
	}
	if len(cases) > 1 {
		slices.SortStableFunc(out.Hits, order)
		seen := map[string]bool{}
		out.Hits = slices.DeleteFunc(out.Hits, func(h index.Hit) bool {
			dup := seen[h.ID]
			seen[h.ID] = true
			return dup
		})
		out.Hits = out.Hits[min(o.from, len(out.Hits)):min(o.from+o.size, len(out.Hits))]
	}
	for i, f := range facets {
		fc := &out.Facets[i]
		for t, n := range terms[i] {
			fc.Terms = append(fc.Terms, index.FacetTerm{Term: t, Count: n})
		}
		// As bleve lists them: most first, then by term.
		slices.SortFunc(fc.Terms, func(a, b index.FacetTerm) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Term, b.Term)
		})
		fc.Terms = fc.Terms[:min(f.n, len(fc.Terms))]
		fc.Other = fc.Total
		for _, t := range fc.Terms {
			fc.Other -= t.Count
		}
	}
	return out, nil
}

// searchHit is a --json line: the finding as findings prints it, with the
// hit's score and the person's category.
type searchHit struct {
	*store.Finding
	Score    float64 `json:"score"`
	Category string  `json:"category,omitempty"`
}

type facetJSON struct {
	Field   string          `json:"field"`
	Total   int             `json:"total"`
	Missing int             `json:"missing"`
	Other   int             `json:"other"`
	Terms   []facetTermJSON `json:"terms"`
}

type facetTermJSON struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// searchPerson fills in the hit's person, and returns its category.
func searchPerson(f *store.Finding, c *people.Counted) string {
	f.Person = ""
	if c == nil {
		return ""
	}
	f.Person = c.Resolved.Person[f.ID]
	if f.Person == "" {
		return ""
	}
	return c.Category[f.Person]
}

func printSearchJSON(ios *IOStreams, res *searchResult, counted *people.Counted, withCategory, reveal bool, facets []facetSpec) error {
	w := bufio.NewWriterSize(ios.Out, 1<<16)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range res.Hits {
		h := &res.Hits[i]
		f := &h.Finding
		cat := searchPerson(f, counted)
		if !withCategory {
			cat = ""
		}
		if !reveal {
			f.Value, f.Written = "", ""
		}
		if err := enc.Encode(searchHit{Finding: f, Score: h.Score, Category: cat}); err != nil {
			return err
		}
	}
	if len(facets) > 0 {
		line := struct {
			Total  uint64      `json:"total"`
			Facets []facetJSON `json:"facets"`
		}{Total: res.Total, Facets: []facetJSON{}}
		for _, f := range res.Facets {
			fj := facetJSON{Field: f.Field, Total: f.Total, Missing: f.Missing, Other: f.Other, Terms: []facetTermJSON{}}
			for _, t := range f.Terms {
				fj.Terms = append(fj.Terms, facetTermJSON{Term: t.Term, Count: t.Count})
			}
			line.Facets = append(line.Facets, fj)
		}
		if err := enc.Encode(line); err != nil {
			return err
		}
	}
	return w.Flush()
}

func printSearchText(ios *IOStreams, res *searchResult, counted *people.Counted, o *searchOptions) error {
	w := bufio.NewWriterSize(ios.Out, 1<<16)
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return termSafe(s)
	}
	if len(res.Hits) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		valueCol := "MASKED"
		if o.reveal {
			valueCol = "VALUE"
		}
		fmt.Fprintf(tw, "SCORE\tTYPE\t%s\tLOCATION\tDATE\tMESSAGE-ID\tPERSON\n", valueCol)
		for i := range res.Hits {
			h := &res.Hits[i]
			f := &h.Finding
			searchPerson(f, counted)
			v := f.Masked
			if o.reveal {
				v = f.Value
			}
			fmt.Fprintf(tw, "%.3f\t%s\t%s\t%s\t%s\t%s\t%s\n", h.Score, dash(f.Type), dash(v), dash(f.Location),
				dash(f.Date), dash(f.MessageID), dash(f.Person))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	for i, f := range res.Facets {
		if len(res.Hits) > 0 || i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s: %d findings", f.Field, f.Total)
		if f.Missing > 0 {
			fmt.Fprintf(w, ", %d without one", f.Missing)
		}
		fmt.Fprintln(w)
		width := len(strconv.Itoa(f.Other))
		for _, t := range f.Terms {
			width = max(width, len(strconv.Itoa(t.Count)))
		}
		for _, t := range f.Terms {
			fmt.Fprintf(w, "  %*d  %s\n", width, t.Count, dash(t.Term))
		}
		if f.Other > 0 {
			fmt.Fprintf(w, "  %*d  (other terms)\n", width, f.Other)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	switch {
	case res.Total == 0:
		fmt.Fprintln(ios.Err, "no finding matches")
	case len(res.Hits) == 0:
		fmt.Fprintf(ios.Err, "%d findings match\n", res.Total)
	default:
		fmt.Fprintf(ios.Err, "%d findings match; hits %d to %d\n", res.Total, o.from+1, o.from+len(res.Hits))
	}
	return nil
}
