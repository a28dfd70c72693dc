package index

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/mailsift/mailsift/store"
)

// all returns every hit of q, in the order asked.
func all(t *testing.T, r *Reader, q, sort string) []Hit {
	t.Helper()
	res, err := r.Search(context.Background(), Request{Query: q, Size: 100_000, Sort: sort})
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	if int(res.Total) != len(res.Hits) {
		t.Fatalf("Search(%q): total %d, %d hits", q, res.Total, len(res.Hits))
	}
	return res.Hits
}

func utc(s string) (time.Time, bool) {
	d, err := time.Parse(time.RFC3339, s)
	return d.UTC(), err == nil
}

// TestSearchAgainstOracle runs queries over 3,000 generated findings and
// compares the hits with what a plain loop over the findings says.
func TestSearchAgainstOracle(t *testing.T) {
	r, fs := shared(t)
	may := time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC)
	june := time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		q    string
		keep func(f *store.Finding) bool
	}{
		{`*`, func(*store.Finding) bool { return true }},
		{`type:passport`, func(f *store.Finding) bool { return f.Type == "passport" }},
		{`+type:passport +location:xlsx`, func(f *store.Finding) bool {
			return f.Type == "passport" && strings.HasSuffix(f.Location, ".xlsx")
		}},
		{`type:passport type:email`, func(f *store.Finding) bool { return f.Type == "passport" || f.Type == "email" }},
		{`+type:email -source:Sent`, func(f *store.Finding) bool { return f.Type == "email" && f.Source != "Sent" }},
		{`口座番号`, func(f *store.Finding) bool { return strings.Contains(f.Context, "口座番号") }},
		{`context:電話番号`, func(f *store.Finding) bool { return strings.Contains(f.Context, "電話番号") }},
		{`"査収ください"`, func(f *store.Finding) bool { return strings.Contains(f.Context, "査収ください") }},
		{`invoice`, func(f *store.Finding) bool { return strings.Contains(strings.ToLower(f.Context), "invoice") }},
		{`+date:>="2023-03-01" +date:<"2023-04-01"`, func(f *store.Finding) bool {
			d, ok := utc(f.Date)
			return ok && !d.Before(may) && d.Before(june)
		}},
		{`date:2023-03`, func(f *store.Finding) bool {
			d, ok := utc(f.Date)
			return ok && !d.Before(may) && d.Before(june)
		}},
		{`+type:bank_account +date:<"2023-03-01"`, func(f *store.Finding) bool {
			d, ok := utc(f.Date)
			return f.Type == "bank_account" && ok && d.Before(may)
		}},
		{`confidence:>=0.9`, func(f *store.Finding) bool { return f.Confidence >= 0.9 }},
		{`value:` + fs[100].Value, func(f *store.Finding) bool { return f.Value == fs[100].Value }},
		{fs[100].Type + `:` + fs[100].Value, func(f *store.Finding) bool { return f.Type == fs[100].Type && f.Value == fs[100].Value }},
		{`attachment:社員名簿`, func(f *store.Finding) bool { return strings.Contains(f.Location, "社員名簿") }},
		{`location:"header:To"`, func(f *store.Finding) bool { return f.Location == "header:To" }},
		{`detector:passport_jp`, func(f *store.Finding) bool { return f.Detector == "passport_jp" }},
		{`part:1.2`, func(f *store.Finding) bool { return f.Part == "1.2" }},
		{`category:vendor`, func(f *store.Finding) bool { return categoryOf(f.Person) == "vendor" }},
		{`+category:customer +type:my_number`, func(f *store.Finding) bool {
			return categoryOf(f.Person) == "customer" && f.Type == "my_number"
		}},
		{`person:"p-000042"`, func(f *store.Finding) bool { return f.Person == "p-000042" }},
		{`type:"passport"`, func(f *store.Finding) bool { return f.Type == "passport" }},
		{`person:p-000042`, func(f *store.Finding) bool { return f.Person == "p-000042" }},
		{`name:p-000042`, func(f *store.Finding) bool { return f.Person == "p-000042" }},
		{`subject:口座振替`, func(f *store.Finding) bool { return strings.Contains(subjectOf(f.MessageSHA256), "口座振替") }},
		{`+subject:会議 +type:phone`, func(f *store.Finding) bool {
			return strings.Contains(subjectOf(f.MessageSHA256), "会議") && f.Type == "phone"
		}},
		{`to:taro@example.co.jp`, func(*store.Finding) bool { return true }},
		{`message_id:"` + fs[25].MessageID + `"`, func(f *store.Finding) bool { return f.MessageID == fs[25].MessageID }},
		{`message_sha256:` + fs[25].MessageSHA256, func(f *store.Finding) bool { return f.MessageSHA256 == fs[25].MessageSHA256 }},
		{`id:` + fs[77].ID, func(f *store.Finding) bool { return f.ID == fs[77].ID }},
		{`+type:email +value:nosuchvalue`, func(*store.Finding) bool { return false }},
		{`+type:email +location:nosuchplace`, func(*store.Finding) bool { return false }},
		{`id:nosuchid`, func(*store.Finding) bool { return false }},
		{`source:Archive`, func(f *store.Finding) bool { return strings.HasPrefix(f.Source, "Archive") }},
	}
	for _, tt := range tests {
		got := ids(all(t, r, tt.q, ""))
		if d := cmp.Diff(want(fs, tt.keep), got, cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.q, d)
		}
	}
}

// TestSearchFacets compares facet counts with counting by hand.
func TestSearchFacets(t *testing.T) {
	r, fs := shared(t)
	res, err := r.Search(context.Background(), Request{Query: "*", Facets: []string{"type:100", "category", "source", "date"}})
	if err != nil {
		t.Fatal(err)
	}
	count := func(key func(f *store.Finding) string) map[string]int {
		m := map[string]int{}
		for i := range fs {
			if k := key(&fs[i]); k != "" {
				m[k]++
			}
		}
		return m
	}
	month := func(f *store.Finding) string {
		if d, ok := utc(f.Date); ok {
			return d.Format("2006-01")
		}
		return ""
	}
	wants := []map[string]int{
		count(func(f *store.Finding) string { return f.Type }),
		count(func(f *store.Finding) string { return categoryOf(f.Person) }),
		count(func(f *store.Finding) string { return f.Source }),
		count(month),
	}
	for i, f := range res.Facets {
		got := map[string]int{}
		for _, term := range f.Terms {
			got[term.Term] = term.Count
		}
		if d := cmp.Diff(wants[i], got); d != "" {
			t.Errorf("facet %s (-want +got):\n%s", f.Field, d)
		}
	}
	last := ""
	for _, term := range res.Facets[3].Terms {
		if term.Term < last {
			t.Errorf("date histogram out of order: %s after %s", term.Term, last)
		}
		last = term.Term
	}
}

// TestSearchSortsAndPages checks the orders and that pages tile the list.
func TestSearchSortsAndPages(t *testing.T) {
	r, _ := shared(t)
	for _, sort := range Sorts() {
		hits := all(t, r, "type:email", sort)
		less := compareHits(sort)
		if sort == "date" || sort == "-date" {
			// By message: findings of one date keep no order of their own.
			less = func(a, b Hit) int {
				ka, _ := encodeDate(a.Finding.Date)
				kb, _ := encodeDate(b.Finding.Date)
				switch {
				case ka == "" || kb == "": // undated last (date) or first (-date)
					return 0
				case sort == "-date":
					return strings.Compare(kb, ka)
				}
				return strings.Compare(ka, kb)
			}
		}
		for i := 1; i < len(hits); i++ {
			if less(hits[i-1], hits[i]) > 0 {
				t.Errorf("sort %s: hit %d (%s %s) before %d (%s %s)", sort, i-1, hits[i-1].Finding.Date, hits[i-1].Finding.Type, i, hits[i].Finding.Date, hits[i].Finding.Type)
				break
			}
		}
		var paged []Hit
		for from := 0; from < len(hits); from += 37 {
			res, err := r.Search(context.Background(), Request{Query: "type:email", Size: 37, From: from, Sort: sort})
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, res.Hits...)
		}
		if d := cmp.Diff(ids(hits), ids(paged)); d != "" {
			t.Errorf("sort %s: pages differ from the list:\n%s", sort, d)
		}
	}
}

// TestSearchHitsCarryPeopleAndMessages checks what a hit says besides the
// finding.
func TestSearchHitsCarryPeopleAndMessages(t *testing.T) {
	r, fs := shared(t)
	res, err := r.Search(context.Background(), Request{Query: "id:" + fs[10].ID, Size: 1})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("%v %v", res, err)
	}
	h := res.Hits[0]
	if h.Finding.Person != fs[10].Person || h.PersonName != "田*"+fs[10].Person || h.Category != categoryOf(fs[10].Person) {
		t.Errorf("person %q %q %q", h.Finding.Person, h.PersonName, h.Category)
	}
	if h.Subject != subjectOf(fs[10].MessageSHA256) {
		t.Errorf("subject %q", h.Subject)
	}
	if h.Finding.Value != fs[10].Value || h.Finding.Context != fs[10].Context {
		t.Errorf("finding %+v", h.Finding)
	}
}

func TestSearchQueryErrors(t *testing.T) {
	r, _ := shared(t)
	for _, q := range []string{`nosuch:x`, `type:(`, `context:/[/`, `masked:x`, `date:>"x"`, `name:ab*`} {
		_, err := r.Search(context.Background(), Request{Query: q, Size: 1})
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("%s: %v, want a QueryError", q, err)
		}
	}
	for _, req := range []Request{{Size: -1}, {From: -1}, {Sort: "size"}, {Facets: []string{"value"}}, {Facets: []string{"type:0"}}} {
		_, err := r.Search(context.Background(), req)
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("%+v: %v, want a QueryError", req, err)
		}
	}
}

// TestDetectorField: the detector field is indexed only where it differs
// from the type, and detector: finds both kinds.
func TestDetectorField(t *testing.T) {
	fs := genFindings(200, 3)
	for i := range fs {
		if i%2 == 0 {
			fs[i].Detector = fs[i].Type
		}
	}
	r := buildCase(t, fs, 2)
	for _, q := range []string{"passport", "passport_jp", "email"} {
		res, err := r.Search(context.Background(), Request{Query: "detector:" + q, Size: 1000})
		if err != nil {
			t.Fatal(err)
		}
		got := ids(res.Hits)
		w := want(fs, func(f *store.Finding) bool { return f.Detector == q })
		if d := cmp.Diff(w, got, cmpopts.EquateEmpty()); d != "" {
			t.Errorf("detector:%s (-want +got):\n%s", q, d)
		}
	}
}

func TestValueVariants(t *testing.T) {
	for in, want := range map[string][]string{
		"伊藤 亮":            {"伊藤 亮", "伊藤亮"},
		"06-6507-6250":    {"06-6507-6250", "+81665076250"},
		"0665076250":      {"0665076250", "+81665076250"},
		"+1 617 864 0455": {"+1 617 864 0455", "+16178640455"},
		"TK1234567":       {"TK1234567"},
		"12-34":           {"12-34"},
	} {
		if d := cmp.Diff(want, valueVariants(in)); d != "" {
			t.Errorf("%q: %s", in, d)
		}
	}
}

// TestMatchAllFacetsFromTheBuild: "*" takes its facets from the counts
// made at build time; they equal what bleve counts for a query matching
// every finding another way.
func TestMatchAllFacetsFromTheBuild(t *testing.T) {
	r, fs := shared(t)
	facets := []string{"type:100", "category", "source", "date", "location:5", "person:7"}
	a, err := r.Search(context.Background(), Request{Query: "*", Facets: facets})
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Search(context.Background(), Request{Query: "confidence:>=0", Facets: facets})
	if err != nil {
		t.Fatal(err)
	}
	if a.Total != uint64(len(fs)) || b.Total != a.Total {
		t.Fatalf("totals %d %d, want %d", a.Total, b.Total, len(fs))
	}
	if d := cmp.Diff(b.Facets, a.Facets); d != "" {
		t.Errorf("facets of * (-bleve +build):\n%s", d)
	}
}
