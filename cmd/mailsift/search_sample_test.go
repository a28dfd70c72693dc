package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"golang.org/x/text/width"

	"github.com/mailsift/mailsift/internal/mailgen"
	"github.com/mailsift/mailsift/store"
)

// TestSearchQueriesOnTheSample runs queries as a user would over the
// bundled sample and compares the hits of each with what the case's own
// records say it should find: the findings (findings --case, --reveal for
// raw values), the people (people --format jsonl) and the manifest
// (subjects, senders). The queries name things that occur in the sample;
// what they should find is computed from the data, never listed.
func TestSearchQueriesOnTheSample(t *testing.T) {
	caseDir := filepath.Join(t.TempDir(), "case")
	scanJSON(t, "--case", caseDir, filepath.Join(sampleDir, mailgen.BundleMbox))
	all := readFindings(t, caseDir)
	raw := map[string]store.Finding{}
	for _, f := range readFindings(t, caseDir, "--reveal") {
		raw[f.ID] = f
	}
	people := samplePeople(t, caseDir)
	msgs := sampleMessages(t, caseDir)
	if len(all) == 0 || len(raw) != len(all) || len(people) == 0 || len(msgs) == 0 {
		t.Fatalf("%d findings, %d revealed, %d people, %d messages", len(all), len(raw), len(people), len(msgs))
	}
	for _, f := range all {
		if f.Person != "" && people[f.Person] == nil {
			t.Fatalf("finding %s: person %s is not in people", f.ID, f.Person)
		}
		if _, ok := msgs[f.MessageSHA256]; !ok {
			t.Fatalf("finding %s: message %s is not in the manifest", f.ID, f.MessageSHA256)
		}
	}

	// Values and people to ask for, taken from the data.
	rawValue := func(typ string) string {
		for _, f := range all {
			if v := raw[f.ID].Value; f.Type == typ && v != "" && !strings.ContainsAny(v, " \"\\/():^~*?") {
				return v
			}
		}
		t.Fatalf("the sample has no %s with a value of one token", typ)
		return ""
	}
	passport, phone := rawValue("passport"), rawValue("phone")
	// A name as the mail wrote it, with its space; a Japanese phone number
	// as written nationally: the forms an investigator pastes.
	var written, writtenValue string
	for _, f := range all {
		if w := raw[f.ID].Written; f.Type == "person_name" && strings.Count(w, " ") == 1 && !strings.ContainsAny(w, "\"\\/():^~*?") {
			written, writtenValue = w, raw[f.ID].Value
			break
		}
	}
	if written == "" {
		t.Fatal("the sample has no person_name written with a space")
	}
	var national, nationalValue string
	for _, f := range all {
		if v := raw[f.ID].Value; f.Type == "phone" && strings.HasPrefix(v, "+81") && len(v) == 12 {
			national, nationalValue = "0"+v[3:4]+"-"+v[4:8]+"-"+v[8:], v
			break
		}
	}
	if !strings.HasPrefix(phone, "+") {
		t.Fatalf("phone %q: want an E.164 value (a + right after value:)", phone)
	}
	perPerson := map[string]int{}
	for _, f := range all {
		if f.Person != "" {
			perPerson[f.Person]++
		}
	}
	persons := slices.SortedFunc(maps.Keys(perPerson), func(a, b string) int {
		return cmp.Or(cmp.Compare(perPerson[b], perPerson[a]), strings.Compare(a, b))
	})
	top := persons[0] // the person with most findings
	rare := persons[len(persons)-1]
	category := people[top].Category
	var otherCategory string // a category top is not in
	for _, id := range slices.Sorted(maps.Keys(people)) {
		if c := people[id].Category; c != "" && c != category {
			otherCategory = c
			break
		}
	}
	if category == "" || otherCategory == "" {
		t.Fatalf("categories: %s is in %q, no person in another (%q)", top, category, otherCategory)
	}

	// Predicates over a finding.
	ctx := func(sub string) func(f *store.Finding) bool {
		return func(f *store.Finding) bool { return strings.Contains(f.Context, sub) }
	}
	typ := func(ty string) func(f *store.Finding) bool {
		return func(f *store.Finding) bool { return f.Type == ty }
	}
	value := func(v string) func(f *store.Finding) bool {
		return func(f *store.Finding) bool {
			r := raw[f.ID].Value
			return r == v || containsWords(words(r), words(v))
		}
	}
	attachment := func(name string) func(f *store.Finding) bool {
		return func(f *store.Finding) bool {
			rest, ok := strings.CutPrefix(f.Location, "attachment:")
			return ok && strings.Contains(rest, name)
		}
	}
	inCategory := func(c string) func(f *store.Finding) bool {
		return func(f *store.Finding) bool { return f.Person != "" && people[f.Person].Category == c }
	}
	named := func(key string) func(f *store.Finding) bool {
		key = foldName(key)
		return func(f *store.Finding) bool {
			if f.Person == "" {
				return false
			}
			for _, n := range people[f.Person].Names {
				if strings.Contains(foldName(n), key) {
					return true
				}
			}
			return false
		}
	}
	subject := func(sub string) func(f *store.Finding) bool {
		return func(f *store.Finding) bool {
			return strings.Contains(foldText(msgs[f.MessageSHA256].Subject), foldText(sub))
		}
	}
	from := func(domain string) func(f *store.Finding) bool {
		return func(f *store.Finding) bool {
			return containsWords(words(msgs[f.MessageSHA256].From), words(domain))
		}
	}
	to := func(domain string) func(f *store.Finding) bool {
		return func(f *store.Finding) bool {
			m := msgs[f.MessageSHA256]
			return slices.ContainsFunc(slices.Concat(m.To, m.Cc), func(a string) bool { return containsWords(words(a), words(domain)) })
		}
	}
	dated := func(lo, hi string) func(f *store.Finding) bool {
		from, _ := time.Parse(time.DateOnly, lo)
		to, _ := time.Parse(time.DateOnly, hi)
		return func(f *store.Finding) bool {
			d, err := time.Parse(time.RFC3339, f.Date)
			return err == nil && !d.Before(from) && d.Before(to)
		}
	}
	and := func(ps ...func(f *store.Finding) bool) func(f *store.Finding) bool {
		return func(f *store.Finding) bool {
			for _, p := range ps {
				if !p(f) {
					return false
				}
			}
			return true
		}
	}
	or := func(a, b func(f *store.Finding) bool) func(f *store.Finding) bool {
		return func(f *store.Finding) bool { return a(f) || b(f) }
	}
	not := func(p func(f *store.Finding) bool) func(f *store.Finding) bool {
		return func(f *store.Finding) bool { return !p(f) }
	}

	tests := []struct {
		query string
		want  func(f *store.Finding) bool
	}{
		// Japanese substrings of the (masked) contexts: two kanji, longer
		// runs, katakana words with ー, and context: named.
		{`口座`, ctx("口座")},
		{`携帯`, ctx("携帯")},
		{`電話番号`, ctx("電話番号")},
		{`生年月日`, ctx("生年月日")},
		{`context:株式会社`, ctx("株式会社")},
		{`メールアドレス`, ctx("メールアドレス")},
		{`パスポート`, ctx("パスポート")},
		{`"連絡先"`, ctx("連絡先")},
		{`様`, ctx("様")}, // one kanji: in every bigram that holds it
		// A word of the context, full-width ＴＥＬ included (width-folded).
		{`tel`, func(f *store.Finding) bool { return containsWords(words(foldText(f.Context)), []string{"tel"}) }},
		// Dates (UTC): a range and a month.
		{`+date:>="2024-03-01" +date:<"2024-04-01"`, dated("2024-03-01", "2024-04-01")},
		{`date:2024-03`, dated("2024-03-01", "2024-04-01")},
		{`+type:phone +date:<"2024-01-01"`, and(typ("phone"), dated("0001-01-01", "2024-01-01"))},
		// Boolean.
		{`type:passport type:my_number`, or(typ("passport"), typ("my_number"))},
		{`+type:phone +携帯`, and(typ("phone"), ctx("携帯"))},
		{`+type:phone -携帯`, and(typ("phone"), not(ctx("携帯")))},
		{`-type:email -type:person_name`, and(not(typ("email")), not(typ("person_name")))},
		// location:body is the word body in the location (as in
		// attachment:a.eml/body), not only the body itself.
		{`+type:email -location:body`, and(typ("email"), func(f *store.Finding) bool {
			return !containsWords(words(f.Location), []string{"body"})
		})},
		{`confidence:>=0.95`, func(f *store.Finding) bool { return f.Confidence >= 0.95 }},
		{`id:` + all[len(all)/2].ID, func(f *store.Finding) bool { return f.ID == all[len(all)/2].ID }},
		{`message_id:"` + all[len(all)/3].MessageID + `"`, func(f *store.Finding) bool { return f.MessageID == all[len(all)/3].MessageID }},
		// A pasted raw value finds its finding (output stays masked).
		{`value:` + passport, value(passport)},
		{`value:` + phone, value(phone)},
		{`value:"` + written + `"`, value(writtenValue)},
		{`value:` + national, value(nationalValue)},
		{`passport:` + passport, and(typ("passport"), value(passport))},
		{`type:passport`, typ("passport")},
		// Attachments, nested ones included.
		{`attachment:参加者名簿.csv`, attachment("参加者名簿.csv")},
		{`attachment:打合せの件.eml`, attachment("打合せの件.eml")},
		// People.
		{`category:` + category, inCategory(category)},
		{`+category:` + otherCategory + ` +type:phone`, and(inCategory(otherCategory), typ("phone"))},
		{`person:` + top, func(f *store.Finding) bool { return f.Person == top }},
		{`person:` + rare, func(f *store.Finding) bool { return f.Person == rare }},
		{`name:由美`, named("由美")},
		{`name:"misaki kato"`, named("misaki kato")},
		{`name:小林`, named("小林")},
		// Messages: the masked subject, the sender's domain.
		{`subject:会議`, subject("会議")},
		{`subject:見積`, subject("見積")},
		{`subject:euc-jp`, subject("euc-jp")}, // ＥＵＣ－ＪＰ, width-folded
		{`from:hokkai-foods.example.jp`, from("hokkai-foods.example.jp")},
		{`+from:globex.example.com +type:email`, and(from("globex.example.com"), typ("email"))},
		{`to:sample-shoji.example.co.jp`, to("sample-shoji.example.co.jp")}, // To and Cc, any case
	}
	for _, tt := range tests {
		var want []string
		for i := range all {
			if tt.want(&all[i]) {
				want = append(want, all[i].ID)
			}
		}
		if len(want) == 0 {
			t.Errorf("%s: the sample has nothing it should find; choose another query", tt.query)
			continue
		}
		hits, facets := searchJSON(t, "--case", caseDir, "--size", "10000", "--", tt.query) // -- for a query that starts with -
		if facets != nil {
			t.Errorf("%s: a facets line without --facet", tt.query)
		}
		got := hitIDs(hits)
		t.Logf("%-50s %4d hits", tt.query, len(got))
		slices.Sort(want)
		slices.Sort(got)
		if d := gocmp.Diff(want, got); d != "" {
			t.Errorf("%s: %d hits, the data says %d (-want +got):\n%s", tt.query, len(got), len(want), d)
		}
		for _, h := range hits {
			if v, ok := h.raw["value"]; ok {
				t.Errorf("%s: hit %s shows its value %q without --reveal", tt.query, h.ID, v)
			}
			if h.Masked == "" {
				t.Errorf("%s: hit %s has no masked value", tt.query, h.ID)
			}
		}
	}

	t.Run("a raw value with --reveal", func(t *testing.T) {
		hits, _ := searchJSON(t, "--case", caseDir, "--size", "10000", "--reveal", "value:"+phone)
		for _, h := range hits {
			if h.Value != raw[h.ID].Value {
				t.Errorf("hit %s: value %q, findings --reveal %q", h.ID, h.Value, raw[h.ID].Value)
			}
		}
	})

	t.Run("facet type counts findings by type", func(t *testing.T) {
		hits, facets := searchJSON(t, "--case", caseDir, "--facet", "type", "--size", "0", "*")
		if len(hits) != 0 || facets == nil || len(facets.Facets) != 1 || facets.Facets[0].Field != "type" {
			t.Fatalf("%d hits, facets %+v", len(hits), facets)
		}
		counts := map[string]int{}
		for _, f := range all {
			counts[f.Type]++
		}
		checkFacet(t, facets, len(all), counts, 10, 0)
	})

	t.Run("facet category of a query", func(t *testing.T) {
		q := "type:person_name"
		hits, facets := searchJSON(t, "--case", caseDir, "--facet", "category", "--size", "0", q)
		if len(hits) != 0 || facets == nil || len(facets.Facets) != 1 || facets.Facets[0].Field != "category" {
			t.Fatalf("%d hits, facets %+v", len(hits), facets)
		}
		counts, n, missing := map[string]int{}, 0, 0
		for _, f := range all {
			if f.Type != "person_name" {
				continue
			}
			n++
			if c := people[f.Person].categoryOrEmpty(); c != "" {
				counts[c]++
			} else {
				missing++
			}
		}
		checkFacet(t, facets, n, counts, 10, missing)
	})

	t.Run("no hits", func(t *testing.T) {
		q := "value:ZZ0000000"
		for _, f := range all {
			if strings.Contains(raw[f.ID].Value, "ZZ0000000") {
				t.Fatalf("the sample has %s", q)
			}
		}
		r := mailsift(t, "search", "--case", caseDir, q)
		if r.code != 0 || r.stdout != "" || strings.Count(r.stderr, "\n") != 1 || !strings.HasSuffix(r.stderr, "\n") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q: want exit 0 and one line on stderr", q, r.code, r.stdout, r.stderr)
		}
		r = mailsift(t, "search", "--case", caseDir, "--json", q)
		if r.code != 0 || r.stdout != "" || strings.Count(r.stderr, "\n") > 1 {
			t.Errorf("--json %s: exit %d, stdout %q, stderr %q: want exit 0, no output", q, r.code, r.stdout, r.stderr)
		}
	})

	t.Run("malformed query", func(t *testing.T) {
		for _, args := range [][]string{{"type:("}, {"--json", "type:("}, {"+type:passport", "-("}} {
			r := mailsift(t, append([]string{"search", "--case", caseDir}, args...)...)
			if r.code != 2 || r.stdout != "" || strings.Count(r.stderr, "\n") != 1 || !strings.HasSuffix(r.stderr, "\n") {
				t.Errorf("search %q: exit %d, stdout %q, stderr %q: want exit 2 and a one-line reason", args, r.code, r.stdout, r.stderr)
			}
		}
	})
}

// checkFacet compares the facet line of a search (one facet, of the
// default size n) with counts of the findings: the n terms with most, by
// count then term, and the rest in other.
func checkFacet(t *testing.T, facets *searchLine, total int, counts map[string]int, n, missing int) {
	t.Helper()
	if facets.Total != uint64(total) {
		t.Errorf("total %d, want %d", facets.Total, total)
	}
	type term struct {
		Term  string
		Count int
	}
	var want []term
	with := 0
	for k, c := range counts {
		want = append(want, term{k, c})
		with += c
	}
	slices.SortFunc(want, func(a, b term) int { return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Term, b.Term)) })
	want = want[:min(n, len(want))]
	listed := 0
	for _, w := range want {
		listed += w.Count
	}
	f := facets.Facets[0]
	var got []term
	for _, g := range f.Terms {
		got = append(got, term{g.Term, g.Count})
	}
	if d := gocmp.Diff(want, got); d != "" {
		t.Errorf("facet %s terms (-findings +search):\n%s", f.Field, d)
	}
	if f.Total != with || f.Missing != missing || f.Other != with-listed {
		t.Errorf("facet %s: total %d missing %d other %d; want %d, %d, %d", f.Field, f.Total, f.Missing, f.Other, with, missing, with-listed)
	}
}

// samplePerson is a line of people --format jsonl --reveal.
type samplePerson struct {
	ID       string   `json:"id"`
	Category string   `json:"category"`
	Names    []string `json:"names"`
}

func (p *samplePerson) categoryOrEmpty() string {
	if p == nil {
		return ""
	}
	return p.Category
}

func samplePeople(t *testing.T, caseDir string) map[string]*samplePerson {
	t.Helper()
	r := mailsift(t, "people", "--case", caseDir, "--format", "jsonl", "--reveal")
	if r.code != 0 {
		t.Fatalf("people: exit %d\n%s", r.code, r.stderr)
	}
	out := map[string]*samplePerson{}
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var p samplePerson
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("people line %q: %v", sc.Text(), err)
		}
		if p.ID == "" {
			t.Fatalf("people line without id: %s", sc.Text())
		}
		out[p.ID] = &p
	}
	return out
}

// sampleMessages reads the messages of the manifest by message_sha256.
func sampleMessages(t *testing.T, caseDir string) map[string]store.Entry {
	t.Helper()
	f, err := os.Open(filepath.Join(caseDir, store.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]store.Entry{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var e store.Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("manifest line %q: %v", sc.Text(), err)
		}
		if _, ok := out[e.MessageSHA256]; e.Kind == store.KindMessage && !ok {
			out[e.MessageSHA256] = e
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// words cuts s as the index cuts values, addresses and locations of ASCII:
// runs of letters and digits, lower-cased.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	})
}

// containsWords reports whether want occurs in got as consecutive words.
func containsWords(got, want []string) bool {
	if len(want) == 0 {
		return false
	}
	for i := 0; i+len(want) <= len(got); i++ {
		if slices.Equal(got[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

// foldName is how name: compares: without spaces and case.
func foldName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == '\t' {
			return -1
		}
		return r
	}, strings.ToLower(s))
}

// foldText is the width folding and lower-casing of the text analyzer.
func foldText(s string) string { return strings.ToLower(width.Fold.String(s)) }
