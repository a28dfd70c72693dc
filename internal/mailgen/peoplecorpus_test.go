package mailgen

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/people"
	piitypes "github.com/mailsift/mailsift/pii"
)

// peopleFiles writes the corpus into a new directory and reads every file
// back.
func peopleFiles(t *testing.T, pc *PeopleCorpus) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	if err := pc.WritePeople(dir); err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, name := range []string{PeopleMboxFile, PeopleCategoriesFile, PeopleCustomersFile, PeopleTruthFile} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		out[name] = b
	}
	return out
}

func TestPeopleDeterministic(t *testing.T) {
	a := peopleFiles(t, People(PeopleOptions{Seed: 1}))
	b := peopleFiles(t, People(PeopleOptions{Seed: 1}))
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	c := peopleFiles(t, People(PeopleOptions{Seed: 2}))
	for _, name := range []string{PeopleMboxFile, PeopleTruthFile, PeopleCustomersFile} {
		if bytes.Equal(a[name], c[name]) {
			t.Errorf("%s is the same for seeds 1 and 2", name)
		}
	}
}

// TestPeopleTruth checks that the truth is what the mail holds: every
// person's addresses and numbers are labelled in their messages, every
// address in the mail is someone's or a role's, the counts add up, the
// categories file loads and sorts the customers, and every hard case is
// there.
func TestPeopleTruth(t *testing.T) {
	for _, seed := range []int64{1, 2} {
		pc := People(PeopleOptions{Seed: seed})
		tr := pc.Truth
		if n := len(tr.People); n < 400 || n > 600 {
			t.Errorf("seed %d: %d people, want 400–600", seed, n)
		}
		if tr.Messages != len(pc.Messages) {
			t.Errorf("seed %d: truth says %d messages, corpus has %d", seed, tr.Messages, len(pc.Messages))
		}
		labels := map[string]map[Label]bool{} // by Message-ID
		for _, m := range pc.Messages {
			labels[m.Expect.MessageID] = map[Label]bool{}
			for _, l := range m.Expect.Labels {
				l.Location = ""
				labels[m.Expect.MessageID][l] = true
			}
		}
		roles := map[string]bool{}
		for _, r := range tr.NotPeople {
			roles[r.Email] = true
		}
		owner := map[string]string{} // folded address → person
		perCat := map[string]int{}
		cases := map[string]int{}
		for _, p := range tr.People {
			perCat[p.Category]++
			for _, c := range p.Cases {
				cases[c]++
			}
			if len(p.Items) == 0 || len(p.MessageIDs) != p.Messages || p.Messages == 0 {
				t.Errorf("seed %d: %s: %d items, %d messages (%d ids)", seed, p.ID, len(p.Items), p.Messages, len(p.MessageIDs))
			}
			order := map[string]int{}
			for i, n := range piitypes.Names() {
				order[n] = i
			}
			if !slices.IsSortedFunc(p.Items, func(a, b string) int { return order[a] - order[b] }) {
				t.Errorf("seed %d: %s: items %v not in pii order", seed, p.ID, p.Items)
			}
			for _, it := range p.Items {
				if !piitypes.Known(it) {
					t.Errorf("seed %d: %s: unknown item %q", seed, p.ID, it)
				}
			}
			if slices.Contains(p.Items, piitypes.PersonName) != (len(p.Names) > 0) {
				t.Errorf("seed %d: %s: names %v but items %v", seed, p.ID, p.Names, p.Items)
			}
			if slices.Contains(p.Items, piitypes.Email) != (len(p.Emails) > 0) || slices.Contains(p.Items, piitypes.Phone) != (len(p.Phones) > 0) {
				t.Errorf("seed %d: %s: items %v, emails %v, phones %v", seed, p.ID, p.Items, p.Emails, p.Phones)
			}
			for _, e := range p.Emails {
				k := foldEmail(e)
				if q, dup := owner[k]; dup && q != p.ID {
					t.Errorf("seed %d: %s and %s share the address %s", seed, q, p.ID, e)
				}
				owner[k] = p.ID
				if roles[e] {
					t.Errorf("seed %d: %s: %s is a role address", seed, p.ID, e)
				}
				if !labelledIn(labels, p.MessageIDs, Label{Type: "email", Value: e}) {
					t.Errorf("seed %d: %s: %s is in none of their messages", seed, p.ID, e)
				}
			}
			for _, ph := range p.Phones {
				if !labelledIn(labels, p.MessageIDs, Label{Type: "phone", Value: ph}) {
					t.Errorf("seed %d: %s: %s is in none of their messages", seed, p.ID, ph)
				}
			}
		}
		// Every address in the mail is a person's or a role's.
		for _, m := range pc.Messages {
			for _, l := range m.Expect.Labels {
				if l.Type == "email" && owner[foldEmail(l.Value)] == "" && !roles[l.Value] {
					t.Errorf("seed %d: %s: %s is nobody's", seed, m.Name, l.Value)
				}
			}
		}
		total := 0
		for _, c := range tr.Categories {
			total += c.People
			if c.People != perCat[c.ID] {
				t.Errorf("seed %d: category %s says %d people, the list has %d", seed, c.ID, c.People, perCat[c.ID])
			}
		}
		if total != len(tr.People) || perCat["customer"] != 300 || perCat["owner"] != 1 {
			t.Errorf("seed %d: %d people in categories of %d; %d customers, %d owners", seed, total, len(tr.People), perCat["customer"], perCat["owner"])
		}
		for _, want := range []string{"owner", "owner-forwards-resume", "namesake", "same-surname", "work-and-private-address",
			"kanji-and-latin", "kanji-kana-latin", "new-address", "shared-mobile", "customer-and-counterparty",
			"bank-account-in-signature", "plus-tag-address", "second-address", "resume-in-body", "mailing-list-poster",
			"family-form-sender", "family-member", "name-only", "name-only-mention"} {
			if cases[want] == 0 {
				t.Errorf("seed %d: no person of the hard case %s", seed, want)
			}
		}
		kinds := map[string]int{}
		for _, r := range tr.NotPeople {
			kinds[r.Kind]++
		}
		if kinds["role"] < 4 || kinds["team"] < 1 || kinds["list"] < 3 {
			t.Errorf("seed %d: not-people %v", seed, kinds)
		}
		checkCategories(t, pc)
	}
}

// checkCategories loads the categories file as mailsift does: it must
// name every customer in its people file, and nobody else.
func checkCategories(t *testing.T, pc *PeopleCorpus) {
	t.Helper()
	dir := t.TempDir()
	if err := pc.WritePeople(dir); err != nil {
		t.Fatal(err)
	}
	cats, err := people.LoadCategories(filepath.Join(dir, PeopleCategoriesFile))
	if err != nil {
		t.Fatal(err)
	}
	if cats.Default != "other" || len(cats.Categories) != 6 || cats.Categories[0].ID != "customer" {
		t.Fatalf("categories: default %q, %d categories", cats.Default, len(cats.Categories))
	}
	known := map[string]bool{}
	for _, k := range cats.Categories[0].People {
		known[k.Email] = true
		known[k.Name+"|"+k.Phone] = true
	}
	if n := len(cats.Categories[0].People); n != 300 {
		t.Errorf("people file has %d rows, want 300", n)
	}
	for _, p := range pc.Truth.People {
		listed := false
		for _, e := range p.Emails {
			listed = listed || known[e]
		}
		if p.Category == "customer" && !listed && len(p.Emails) > 0 {
			t.Errorf("customer %s: no address of theirs in the people file", p.ID)
		}
		if p.Category != "customer" && listed {
			t.Errorf("%s (%s) is in the customers' people file", p.ID, p.Category)
		}
	}
	var doc map[string]any
	b, _ := json.Marshal(pc.Truth)
	if err := json.Unmarshal(b, &doc); err != nil || !strings.Contains(string(b), `"rules"`) {
		t.Errorf("truth JSON: %v", err)
	}
}

func labelledIn(labels map[string]map[Label]bool, ids []string, l Label) bool {
	for _, id := range ids {
		if labels[id][l] {
			return true
		}
	}
	return false
}

// foldEmail is the address without a +tag, lower case.
func foldEmail(e string) string {
	e = strings.ToLower(e)
	local, domain, _ := strings.Cut(e, "@")
	if i := strings.IndexByte(local, '+'); i > 0 {
		local = local[:i]
	}
	return local + "@" + domain
}
