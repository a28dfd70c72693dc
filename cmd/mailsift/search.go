package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/mailsift/mailsift/index"
	"github.com/mailsift/mailsift/store"
)

// Bounds of the paging flags. Deep pages cost the index a heap of
// from+size hits; whoever wants every finding reads `findings`.
const (
	defaultSearchSize = 20
	maxSearchSize     = 10_000
	maxSearchFrom     = 100_000
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
\( to search for one. Fields:
  finding   type value confidence detector location attachment part id
            context (masked text around the finding)
  person    person (id) name (any name the person is known by) category
  message   date from to subject message_id message_sha256 source (folder)
A finding type as a field (passport:TK12, person_name:田中) means that type
with that value. value:X finds the finding whose normalized value is X (paste
a raw value), or whose value holds X as a word; output stays masked without
--reveal. Japanese text is found by any substring of 2 or more characters.
Dates take ranges (date:>="2024-01-01") or a prefix (date:2024-05),
confidence ranges (confidence:>=0.9).

Facets: type location person category source date (a histogram by month).
A query that starts with - (excluding a clause) must follow --, or it is
taken for a flag: mailsift search --case X -- '-type:email 顧客'.

Several --case search each case's index and merge the hits by score;
a finding in two cases (the same message in two mailboxes) is listed and
counted once.

The index is built at the end of scan. When it is missing (scan --no-index)
or older than the findings, the overrides or the categories, search builds
it first, under the case's lock, with a progress bar. No hits is no error
(exit 0); a malformed query is bad input (exit 2).`,
		Example: `  mailsift search --case ./case 'type:passport'
  mailsift search --case ./case '+type:bank_account +location:xlsx'
  mailsift search --case ./case 'value:TK1234567' --reveal
  mailsift search --case ./case '+type:passport +date:>="2024-01-01"' --sort -date
  mailsift search --case ./case 顧客 --facet type --facet source:50 --size 0
  mailsift search --case ./case '*' --json --size 100 --from 100 | jq -r .masked
  mailsift search --case ./taro --case ./hanako 'person_name:田中' --json
  mailsift search --case ./case -- '-type:email +category:customer'`,
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
	f.StringArrayVar(&o.facets, "facet", nil, "count the hits per term of `FIELD` or FIELD:N (top N, default 10); repeatable; fields: "+strings.Join(index.FacetFields(), ", "))
	f.BoolVar(&o.reveal, "reveal", false, "print the unmasked value")
	return cmd
}

// facetSpec is one --facet.
type facetSpec struct {
	field string
	n     int
}

func parseFacetFlag(spec string) (facetSpec, error) {
	field, n, err := index.ParseFacet(spec)
	if err != nil {
		return facetSpec{}, usageError{fmt.Errorf("--%s", strings.TrimPrefix(err.Error(), "index: "))}
	}
	return facetSpec{field: field, n: n}, nil
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
	req := index.Request{Query: o.query, Size: o.size, From: o.from, Sort: o.sort}
	var facets []facetSpec
	for _, spec := range o.facets {
		fs, err := parseFacetFlag(spec)
		if err != nil {
			return err
		}
		facets = append(facets, fs)
		req.Facets = append(req.Facets, fmt.Sprintf("%s:%d", fs.field, fs.n))
	}
	dirs, err := distinctCases(o.cases)
	if err != nil {
		return err
	}
	set, err := openIndexes(ctx, dirs, ios, "search")
	if err != nil {
		return err
	}
	defer set.Close()
	res, err := set.Search(ctx, req)
	var qe *index.QueryError
	switch {
	case errors.As(err, &qe):
		return usageError{errors.New(strings.TrimPrefix(err.Error(), "index: "))}
	case errors.Is(err, index.ErrCorrupt):
		return fmt.Errorf("the search index is damaged: run mailsift search again to rebuild it (%v)", err)
	case err != nil:
		return fmt.Errorf("search: %w", err)
	}
	if o.json {
		return printSearchJSON(ios, res, o.reveal, facets)
	}
	return printSearchText(ios, res, o)
}

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

func printSearchJSON(ios *IOStreams, res *index.Result, reveal bool, facets []facetSpec) error {
	w := bufio.NewWriterSize(ios.Out, 1<<16)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range res.Hits {
		h := &res.Hits[i]
		f := &h.Finding
		if !reveal {
			f.Value, f.Written = "", ""
		}
		if err := enc.Encode(searchHit{Finding: f, Score: h.Score, Category: h.Category}); err != nil {
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
	if res.Total == 0 {
		fmt.Fprintln(ios.Err, "no finding matches")
	}
	return w.Flush()
}

func printSearchText(ios *IOStreams, res *index.Result, o *searchOptions) error {
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
