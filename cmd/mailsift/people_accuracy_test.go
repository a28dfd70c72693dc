package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/mailsift/mailsift/internal/mailgen"
)

// TestPeopleAccuracy counts the people of a generated mailbox whose truth
// is known (mailgen.People: a customer list of 300 rows, counterparties,
// vendors, regulators, applicants, a mailing list, role mailboxes, family
// forms, the owner, and the hard cases of person counting) and compares:
// unique people per category within 2 % of the truth (1 person for
// categories under 50), the total within 1 %, and the item set of at least
// 95 % of the matched people exactly right. It prints the table and the
// top mismatches; MAILSIFT_PEOPLE_DIFF=FILE writes all of them.
func TestPeopleAccuracy(t *testing.T) {
	dir := t.TempDir()
	pc := mailgen.People(mailgen.PeopleOptions{Seed: 1})
	if err := pc.WritePeople(dir); err != nil {
		t.Fatal(err)
	}
	caseDir := filepath.Join(dir, "case")
	scanJSON(t, "--case", caseDir, "--categories", filepath.Join(dir, mailgen.PeopleCategoriesFile), filepath.Join(dir, mailgen.PeopleMboxFile))

	r := mailsift(t, "report", "--case", caseDir, "--format", "json")
	if r.code != 0 {
		t.Fatalf("report: exit %d\n%s", r.code, r.stderr)
	}
	var rep struct {
		PeopleTotal int `json:"people_total"`
		Categories  []struct {
			ID     string         `json:"id"`
			Label  string         `json:"label"`
			People int            `json:"people"`
			Items  map[string]int `json:"items"`
		} `json:"categories"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("report --format json: %v", err)
	}
	r = mailsift(t, "people", "--case", caseDir, "--format", "jsonl", "--reveal")
	if r.code != 0 {
		t.Fatalf("people: exit %d\n%s", r.code, r.stderr)
	}
	var counted []countedPerson
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var p countedPerson
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("people line %q: %v", sc.Text(), err)
		}
		counted = append(counted, p)
	}
	if len(counted) != rep.PeopleTotal {
		t.Errorf("people lists %d people, the report counts %d", len(counted), rep.PeopleTotal)
	}

	truth := pc.Truth
	m := matchPeople(truth.People, counted)
	// Which types were found in which message: an item the counted person
	// lacks and no message of theirs holds was not detected at all; one
	// that is there went to someone else.
	m.found = map[string]map[string]bool{}
	for _, f := range readFindings(t, caseDir) {
		if m.found[f.MessageID] == nil {
			m.found[f.MessageID] = map[string]bool{}
		}
		m.found[f.MessageID][f.Type] = true
	}

	// The table: truth and counted per category, and how many of the
	// category's true people have their item set right.
	got := map[string]int{}
	for _, c := range rep.Categories {
		got[c.ID] = c.People
	}
	var ids []string
	for _, c := range truth.Categories {
		ids = append(ids, c.ID)
	}
	for _, c := range rep.Categories {
		if !slices.Contains(ids, c.ID) {
			ids = append(ids, c.ID)
		}
	}
	want := map[string]int{}
	for _, c := range truth.Categories {
		want[c.ID] = c.People
	}
	var tb strings.Builder
	fmt.Fprintf(&tb, "\n%-13s %6s %8s %8s %9s\n", "category", "truth", "counted", "diff", "items ok")
	var bad []string
	totalWant, totalGot := 0, 0
	for _, id := range ids {
		w, g := want[id], got[id]
		totalWant += w
		totalGot += g
		ok, n := m.itemsRight(id)
		fmt.Fprintf(&tb, "%-13s %6d %8d %8s %9s\n", id, w, g, pct(g-w, w), ratio(ok, n))
		if tol := tolerance(w); math.Abs(float64(g-w)) > tol {
			bad = append(bad, fmt.Sprintf("%s: %d counted, %d true (allowed ±%.0f)", id, g, w, tol))
		}
	}
	ok, n := m.itemsRight("")
	fmt.Fprintf(&tb, "%-13s %6d %8d %8s %9s\n", "total", totalWant, totalGot, pct(totalGot-totalWant, totalWant), ratio(ok, n))
	fmt.Fprintf(&tb, "matched %d of %d true people; %d counted people match nobody; %d true people are split, %d merged; %d matched people in another category\n",
		n, len(truth.People), len(m.extra), m.splits, m.merged, m.wrongCat)
	t.Log(tb.String())

	// The mismatches, a few of each kind first.
	ms := m.mismatches()
	if path := os.Getenv("MAILSIFT_PEOPLE_DIFF"); path != "" {
		var b strings.Builder
		for _, x := range ms {
			b.WriteString(x.line + "\n")
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
	if len(ms) > 0 {
		t.Logf("top mismatches (%d in all; MAILSIFT_PEOPLE_DIFF=FILE writes them all):\n%s", len(ms), strings.Join(top(ms, 20), "\n"))
	}

	for _, b := range bad {
		t.Errorf("people per category: %s", b)
	}
	if d := math.Abs(float64(totalGot - totalWant)); d > float64(totalWant)/100 {
		t.Errorf("people in all: %d counted, %d true: off by more than 1 %%", totalGot, totalWant)
	}
	if n == 0 || float64(ok) < 0.95*float64(n) {
		t.Errorf("item sets: %d of %d matched people right, want ≥ 95 %%", ok, n)
	}
}

// countedPerson is a line of `people --format jsonl`.
type countedPerson struct {
	ID       string   `json:"id"`
	Category string   `json:"category"`
	Names    []string `json:"names"`
	Emails   []string `json:"emails"`
	Phones   []string `json:"phones"`
	Items    []string `json:"items"`
	Messages int      `json:"messages"`
}

// tolerance is how far a category's count may be off: 2 %, and one person
// for categories under 50.
func tolerance(want int) float64 {
	if want < 50 {
		return 1
	}
	return 0.02 * float64(want)
}

func pct(d, of int) string {
	if of == 0 {
		if d == 0 {
			return "0"
		}
		return fmt.Sprintf("%+d", d)
	}
	return fmt.Sprintf("%+.1f%%", 100*float64(d)/float64(of))
}

func ratio(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d", a, b)
}

// emailKey folds an address as mail systems do: lower case, no +tag.
func emailKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		return s
	}
	local := s[:at]
	if i := strings.IndexByte(local, '+'); i > 0 {
		local = local[:i]
	}
	return local + s[at:]
}

// nameKey folds a written name for matching: NFKC, no spaces or commas,
// katakana for hiragana, Latin words lower case in sorted order, the
// usual romanisations of long vowels folded.
func nameKey(s string) string {
	s = norm.NFKC.String(s)
	for _, h := range []string{"様", "さん", "殿"} {
		s = strings.TrimSuffix(strings.TrimSpace(s), h)
	}
	latin := true
	for _, r := range s {
		if unicode.IsLetter(r) && r > unicode.MaxLatin1 {
			latin = false
		}
	}
	if latin {
		words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
		for i, w := range words {
			words[i] = strings.NewReplacer("oh", "o", "ou", "o", "oo", "o").Replace(w)
		}
		slices.Sort(words)
		return "l:" + strings.Join(words, " ")
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '・':
		case r >= 'ぁ' && r <= 'ゖ':
			b.WriteRune(r + 0x60)
		default:
			b.WriteRune(r)
		}
	}
	return "j:" + b.String()
}

// peopleMatch is the outcome of matching counted people to true ones.
type peopleMatch struct {
	truth    []mailgen.TruthPerson
	counted  []countedPerson
	of       []int   // counted index → true index, -1 for none
	score    []int   // counted index → strength of its match
	by       [][]int // true index → counted indexes, the primary first
	into     []int   // true index → counted index it was merged into (-1)
	extra    []int   // counted indexes that match nobody
	splits   int
	merged   int
	wrongCat int
	found    map[string]map[string]bool // Message-ID → types found in it
}

// matchPeople matches each counted person to the true person it shares
// the most addresses with, else a name and a phone, else a name that only
// one true person has.
func matchPeople(truth []mailgen.TruthPerson, counted []countedPerson) *peopleMatch {
	m := &peopleMatch{truth: truth, counted: counted, of: make([]int, len(counted)), score: make([]int, len(counted)), by: make([][]int, len(truth)), into: make([]int, len(truth))}
	byEmail := map[string][]int{}
	byNamePhone := map[string][]int{}
	byName := map[string][]int{}
	for i, p := range truth {
		m.into[i] = -1
		for _, e := range p.Emails {
			byEmail[emailKey(e)] = appendOnce(byEmail[emailKey(e)], i)
		}
		for _, n := range p.Names {
			k := nameKey(n.Text)
			byName[k] = appendOnce(byName[k], i)
			for _, ph := range p.Phones {
				byNamePhone[k+"|"+ph] = appendOnce(byNamePhone[k+"|"+ph], i)
			}
		}
	}
	for ci, c := range counted {
		score := map[int]int{}
		for _, e := range c.Emails {
			for _, i := range byEmail[emailKey(e)] {
				score[i] += 100
			}
		}
		if len(score) == 0 {
			for _, n := range c.Names {
				for _, ph := range c.Phones {
					for _, i := range byNamePhone[nameKey(n)+"|"+ph] {
						score[i] += 10
					}
				}
			}
		}
		if len(score) == 0 {
			for _, n := range c.Names {
				if ts := byName[nameKey(n)]; len(ts) == 1 {
					score[ts[0]]++
				}
			}
		}
		best := -1
		for i, s := range score {
			if best < 0 || s > score[best] || s == score[best] && i < best {
				best = i
			}
		}
		m.of[ci] = best
		if best >= 0 {
			m.score[ci] = score[best]
		}
		if best < 0 {
			m.extra = append(m.extra, ci)
			continue
		}
		m.by[best] = append(m.by[best], ci)
		for i := range score {
			if i != best && score[i] >= 100 {
				m.into[i] = ci
			}
		}
	}
	for i := range truth {
		if len(m.by[i]) > 0 {
			m.into[i] = -1
			slices.SortStableFunc(m.by[i], func(a, b int) int {
				return cmp.Or(cmp.Compare(m.score[b], m.score[a]), cmp.Compare(counted[b].Messages, counted[a].Messages),
					cmp.Compare(len(counted[b].Items), len(counted[a].Items)))
			})
			if len(m.by[i]) > 1 {
				m.splits++
			}
			if counted[m.by[i][0]].Category != truth[i].Category {
				m.wrongCat++
			}
		} else if m.into[i] >= 0 {
			m.merged++
		}
	}
	return m
}

func appendOnce(s []int, i int) []int {
	if slices.Contains(s, i) {
		return s
	}
	return append(s, i)
}

// itemsRight counts the true people of a category ("" all) who are
// matched, and of them those whose counted item set is the true one.
func (m *peopleMatch) itemsRight(cat string) (ok, n int) {
	for i, p := range m.truth {
		if cat != "" && p.Category != cat || len(m.by[i]) == 0 {
			continue
		}
		n++
		if slices.Equal(sortedCopy(p.Items), sortedCopy(m.counted[m.by[i][0]].Items)) {
			ok++
		}
	}
	return ok, n
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

// mismatch is one difference between the truth and the count: its kind
// (missing, merged, split, extra, items, category), a signature of what it
// is like (for showing different ones first) and its line.
type mismatch struct {
	kind, like, line string
}

// mismatches describes every difference.
func (m *peopleMatch) mismatches() []mismatch {
	var out []mismatch
	add := func(kind, like, line string) {
		out = append(out, mismatch{kind, kind + "|" + like, kind + ": " + line})
	}
	desc := func(p mailgen.TruthPerson) string {
		var names []string
		for _, n := range p.Names {
			names = append(names, n.Text)
		}
		s := fmt.Sprintf("%s %s %q %v", p.ID, p.Category, names, p.Emails)
		if len(p.Cases) > 0 {
			s += fmt.Sprintf(" cases=%v", p.Cases)
		}
		return s
	}
	cdesc := func(c countedPerson) string {
		return fmt.Sprintf("%s %s %q %v %v items=%v", c.ID, c.Category, cut(c.Names, 3), cut(c.Emails, 2), cut(c.Phones, 2), c.Items)
	}
	like := func(p mailgen.TruthPerson, more ...string) string {
		return strings.Join(append([]string{p.Category, strings.Join(p.Cases, ",")}, more...), "|")
	}
	for i, p := range m.truth {
		switch {
		case len(m.by[i]) == 0 && m.into[i] >= 0:
			add("merged", like(p), desc(p)+" counted as part of "+cdesc(m.counted[m.into[i]]))
		case len(m.by[i]) == 0:
			add("missing", like(p), desc(p)+fmt.Sprintf(" items=%v", p.Items))
		}
	}
	for i, p := range m.truth {
		for _, ci := range m.by[i][min(1, len(m.by[i])):] {
			c := m.counted[ci]
			add("split", like(p, fmt.Sprint(len(c.Emails) > 0, c.Items)), desc(p)+" also counted as "+cdesc(c))
		}
	}
	for _, ci := range m.extra {
		c := m.counted[ci]
		kind := "family name"
		switch {
		case len(c.Emails) > 0:
			kind = "address " + c.Emails[0][strings.LastIndexByte(c.Emails[0], '@')+1:]
		case len(c.Names) > 0 && len([]rune(strings.Join(strings.Fields(c.Names[0]), ""))) > 2:
			kind = "name"
		}
		add("extra", kind+"|"+strings.Join(c.Items, ","), cdesc(c))
	}
	for i, p := range m.truth {
		if len(m.by[i]) == 0 {
			continue
		}
		c := m.counted[m.by[i][0]]
		var plus, minus []string
		for _, it := range c.Items {
			if !slices.Contains(p.Items, it) {
				plus = append(plus, it)
			}
		}
		for _, it := range p.Items {
			if !slices.Contains(c.Items, it) {
				if !m.foundIn(p, it) {
					it += "(not detected)"
				}
				minus = append(minus, it)
			}
		}
		if len(plus)+len(minus) > 0 {
			add("items", like(p, fmt.Sprint(plus, minus)), fmt.Sprintf("%s counted %s: +%v -%v", desc(p), c.ID, plus, minus))
		}
		if c.Category != p.Category {
			add("category", like(p, c.Category), fmt.Sprintf("%s counted %s as %s", desc(p), c.ID, c.Category))
		}
	}
	return out
}

// cut keeps the first n values of s.
func cut(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(slices.Clone(s[:n]), fmt.Sprintf("… %d more", len(s)-n))
}

// foundIn reports whether a finding of type typ is in any message of p.
func (m *peopleMatch) foundIn(p mailgen.TruthPerson, typ string) bool {
	for _, id := range p.MessageIDs {
		if m.found["<"+id+">"][typ] {
			return true
		}
	}
	return false
}

// top picks at most n lines: the kinds in turn, and within a kind the
// ones unlike those shown before, so that each kind of mistake shows.
func top(ms []mismatch, n int) []string {
	var kinds []string
	byKind := map[string][]mismatch{}
	count := map[string]int{}
	for _, x := range ms {
		if byKind[x.kind] == nil {
			kinds = append(kinds, x.kind)
		}
		count[x.kind]++
		byKind[x.kind] = append(byKind[x.kind], x)
	}
	for _, k := range kinds {
		seen := map[string]bool{}
		var fresh, again []mismatch
		for _, x := range byKind[k] {
			if seen[x.like] {
				again = append(again, x)
			} else {
				seen[x.like] = true
				fresh = append(fresh, x)
			}
		}
		byKind[k] = append(fresh, again...)
	}
	var counts []string
	for _, k := range kinds {
		counts = append(counts, fmt.Sprintf("%s %d", k, count[k]))
	}
	out := []string{"(" + strings.Join(counts, ", ") + ")"}
	for len(out) < n+1 {
		added := false
		for _, k := range kinds {
			if len(byKind[k]) > 0 && len(out) < n+1 {
				out = append(out, byKind[k][0].line)
				byKind[k] = byKind[k][1:]
				added = true
			}
		}
		if !added {
			break
		}
	}
	return out
}
