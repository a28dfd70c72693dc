package index

import (
	"cmp"
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/store"
)

// allHits returns every hit of q in the order sort gives.
func allHits(t *testing.T, x *Index, q, sort string, o SearchOptions) []Hit {
	t.Helper()
	o.Sort = sort
	res, err := x.SearchWith(context.Background(), q, 100000, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	if uint64(len(res.Hits)) != res.Total {
		t.Fatalf("%s: %d hits of %d", q, len(res.Hits), res.Total)
	}
	return res.Hits
}

func ids(hs []Hit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.ID
	}
	return out
}

func TestSearchSorts(t *testing.T) {
	x := sharedIndex(t)
	fs := testFindings()
	utc := func(f store.Finding) (time.Time, bool) {
		d, err := time.Parse(time.RFC3339, f.Date)
		return d, err == nil
	}
	// What each order means, said without the index.
	want := map[string]func(a, b store.Finding) int{
		"date": func(a, b store.Finding) int {
			da, oka := utc(a)
			db, okb := utc(b)
			if oka != okb {
				if oka {
					return -1
				}
				return 1
			}
			if c := da.Compare(db); oka && c != 0 {
				return c
			}
			return strings.Compare(a.ID, b.ID)
		},
		"-date": func(a, b store.Finding) int {
			da, oka := utc(a)
			db, okb := utc(b)
			if oka != okb {
				if oka {
					return -1
				}
				return 1
			}
			if c := db.Compare(da); oka && c != 0 {
				return c
			}
			return strings.Compare(a.ID, b.ID)
		},
		"id":  func(a, b store.Finding) int { return strings.Compare(a.ID, b.ID) },
		"-id": func(a, b store.Finding) int { return strings.Compare(b.ID, a.ID) },
	}
	for _, q := range []string{`*`, `+type:phone`, `context:番号`} {
		for sort, less := range want {
			t.Run(q+" "+sort, func(t *testing.T) {
				var exp []store.Finding
				got := allHits(t, x, q, sort, SearchOptions{})
				in := map[string]bool{}
				for _, h := range got {
					in[h.ID] = true
				}
				for _, f := range fs {
					if in[f.ID] {
						exp = append(exp, f)
					}
				}
				slices.SortFunc(exp, less)
				wantIDs := make([]string, len(exp))
				for i, f := range exp {
					wantIDs[i] = f.ID
				}
				if d := gocmp.Diff(wantIDs, ids(got)); d != "" {
					t.Errorf("order (-want +got):\n%s", d)
				}
			})
		}
	}
	// type: by type, best first within one, then by ID.
	for _, sort := range []string{"type", "-type"} {
		got := allHits(t, x, `context:番号 type:email`, sort, SearchOptions{})
		if !slices.IsSortedFunc(got, func(a, b Hit) int {
			c := strings.Compare(a.Finding.Type, b.Finding.Type)
			if sort == "-type" {
				c = -c
			}
			if c != 0 {
				return c
			}
			if c := cmp.Compare(b.Score, a.Score); c != 0 {
				return c
			}
			return strings.Compare(a.ID, b.ID)
		}) {
			t.Errorf("sort %s: hits out of order", sort)
		}
	}
}

// CompareHits must agree with the order SearchWith returns, for merging.
func TestCompareHitsAgrees(t *testing.T) {
	x := sharedIndex(t)
	for _, sort := range append(Sorts(), "") {
		for _, q := range []string{`*`, `context:番号 type:email`, `+type:person_name`} {
			got := allHits(t, x, q, sort, SearchOptions{})
			c, err := CompareHits(sort)
			if err != nil {
				t.Fatal(err)
			}
			re := slices.Clone(got)
			slices.SortStableFunc(re, c)
			if d := gocmp.Diff(ids(got), ids(re)); d != "" {
				t.Errorf("sort %q, %s: CompareHits disagrees with SearchWith (-search +compare):\n%s", sort, q, d)
			}
		}
	}
	if _, err := CompareHits("size"); err == nil {
		t.Error("CompareHits(size) succeeded")
	}
}

func TestSearchFrom(t *testing.T) {
	x := sharedIndex(t)
	for _, sort := range []string{"score", "-date", "type"} {
		all := ids(allHits(t, x, `context:番号`, sort, SearchOptions{}))
		var paged []string
		for from := 0; from < len(all); from += 7 {
			res, err := x.SearchWith(context.Background(), `context:番号`, 7, nil, SearchOptions{From: from, Sort: sort})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != uint64(len(all)) {
				t.Fatalf("page at %d: total %d, want %d", from, res.Total, len(all))
			}
			paged = append(paged, ids(res.Hits)...)
		}
		if d := gocmp.Diff(all, paged); d != "" {
			t.Errorf("sort %s: pages of 7 (-all +paged):\n%s", sort, d)
		}
	}
	res, err := x.SearchWith(context.Background(), `*`, 10, nil, SearchOptions{From: 100000})
	if err != nil || len(res.Hits) != 0 || res.Total == 0 {
		t.Errorf("from past the end: %v hits, total %v, %v", len(res.Hits), res.Total, err)
	}
}

func TestSearchExclude(t *testing.T) {
	x := sharedIndex(t)
	all := ids(allHits(t, x, `+type:phone`, "id", SearchOptions{}))
	drop := []string{all[0], all[3], all[len(all)-1], "no-such-id"}
	res, err := x.SearchWith(context.Background(), `+type:phone`, len(all), []string{"type"}, SearchOptions{Sort: "id", Exclude: drop})
	if err != nil {
		t.Fatal(err)
	}
	want := slices.DeleteFunc(slices.Clone(all), func(id string) bool { return slices.Contains(drop, id) })
	if d := gocmp.Diff(want, ids(res.Hits)); d != "" {
		t.Errorf("hits (-want +got):\n%s", d)
	}
	if res.Total != uint64(len(want)) || len(res.Facets[0].Terms) != 1 || res.Facets[0].Terms[0].Count != len(want) {
		t.Errorf("total %d, facet %+v: want %d", res.Total, res.Facets[0], len(want))
	}
}

func TestSearchQueryErrors(t *testing.T) {
	x := sharedIndex(t)
	tests := []struct {
		q    string
		size int
		o    SearchOptions
		fs   []string
		want string
	}{
		{q: `type:(`, want: `parentheses do not group`},
		{q: `(type:email source:INBOX)`, want: `parentheses do not group`},
		{q: `+type:email -(source:INBOX)`, want: `parentheses do not group`},
		{q: `type:"(`, want: `unterminated quote`},
		{q: `typ:email`, want: `unknown field "typ"`},
		{q: `context:/[/`, want: `index: query`},
		{q: `*`, o: SearchOptions{Sort: "confidence"}, want: `sort "confidence"`},
		{q: `*`, o: SearchOptions{From: -1}, want: `negative from`},
		{q: `*`, size: -1, want: `negative size`},
		{q: `*`, fs: []string{"value"}, want: `can facet on`},
	}
	for _, tt := range tests {
		_, err := x.SearchWith(context.Background(), tt.q, tt.size, tt.fs, tt.o)
		var qe *QueryError
		if !errors.As(err, &qe) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("SearchWith(%s, %+v) = %v, want a QueryError with %q", tt.q, tt.o, err, tt.want)
		}
	}
	// Parentheses that mean themselves are fine.
	for _, q := range []string{`context:/(口座|電話)番号/`, `context:"(株)"`, `value:\(x\)`, `company:株式会社\(仮\)`} {
		if _, err := x.SearchWith(context.Background(), q, 1, nil, SearchOptions{}); err != nil {
			t.Errorf("SearchWith(%s): %v", q, err)
		}
	}
	// Search keeps its old leniency: type:( searches for a type "(".
	if res, err := x.Search(context.Background(), `type:(`, 1, nil); err != nil || res.Total != 0 {
		t.Errorf("Search(type:() = %v, %v", res, err)
	}
	if got := FacetFields(); !slices.Contains(got, "type") || slices.Contains(got, "value") {
		t.Errorf("FacetFields() = %v", got)
	}
}

func TestStrictQuery(t *testing.T) {
	tests := []struct{ in, out, err string }{
		{in: `type:passport`, out: `type:passport`},
		{in: `value:+819012345678`, out: `value:\+819012345678`},
		{in: `+value:-5 -type:phone`, out: `+value:\-5 -type:phone`},
		{in: `date:>="2024-01-01" +type:email`, out: `date:>="2024-01-01" +type:email`},
		{in: `context:"a:+b (c)"`, out: `context:"a:+b (c)"`},
		{in: `value:\(x\) context:/(a|b)/`, out: `value:\(x\) context:/(a|b)/`},
		{in: `type:(`, err: `parentheses`},
		{in: `(a b)`, err: `parentheses`},
		{in: `a) b`, err: `parentheses`},
		{in: `context:/a(/ x:(`, err: `parentheses`},
	}
	for _, tt := range tests {
		got, err := strictQuery(tt.in)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("strictQuery(%s) = %q, %v; want an error with %q", tt.in, got, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.out):
			t.Errorf("strictQuery(%s) = %q, %v; want %q", tt.in, got, err, tt.out)
		}
	}
	// A sign after FIELD: is no syntax error (phone values are +81...).
	x := sharedIndex(t)
	f := testFindings()[0]
	res, err := x.SearchWith(context.Background(), `+value:-`+f.Value, 1, nil, SearchOptions{})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].ID != f.ID {
		t.Errorf("+value:-%s: %+v, %v", f.Value, res, err)
	}
}

func TestOpenReadOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")

	// Missing: an empty index, and nothing created.
	ro, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := ro.Count(); err != nil || n != 0 {
		t.Errorf("missing index: count %d, %v", n, err)
	}
	if res, err := ro.Search(context.Background(), `type:email`, 10, []string{"type"}); err != nil || res.Total != 0 {
		t.Errorf("missing index: search %+v, %v", res, err)
	}
	var qe *QueryError
	if _, err := ro.SearchWith(context.Background(), `type:(`, 10, nil, SearchOptions{}); !errors.As(err, &qe) {
		t.Errorf("missing index: a bad query gave %v", err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(dir + "*"); len(m) != 0 {
		t.Fatalf("OpenReadOnly created %v", m)
	}

	w, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	fs := testFindings()[:50]
	if err := w.Index(fs); err != nil {
		t.Fatal(err)
	}
	// A writer holds it: readers are told.
	if _, err := OpenReadOnly(dir); !errors.Is(err, ErrLocked) {
		t.Errorf("OpenReadOnly while a writer has it: %v, want ErrLocked", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	// Two readers side by side; a writer is refused meanwhile.
	r1, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	for _, r := range []*Index{r1, r2} {
		if n, err := r.Count(); err != nil || n != uint64(len(fs)) {
			t.Errorf("reader count %d, %v; want %d", n, err, len(fs))
		}
		res, err := r.SearchWith(context.Background(), `*`, 5, nil, SearchOptions{Sort: "-date"})
		if err != nil || len(res.Hits) != 5 {
			t.Errorf("reader search: %v, %v", res, err)
		}
	}
	if err := r1.Index(fs[:1]); err == nil {
		t.Error("writing through a read-only index succeeded")
	}
	if _, err := Open(dir); !errors.Is(err, ErrLocked) {
		t.Errorf("Open while readers have it: %v, want ErrLocked", err)
	}
}
