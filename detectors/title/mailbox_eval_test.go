package title

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/internal/mailgen"
)

// TestMailboxAccuracy measures title and company per person on the
// generated business mailbox whose truth is known (mailgen.People): a
// true person "has" a title when the mail writes one for them, a counted
// person when a title finding was bound to them. It builds mailsift (or
// takes MAILSIFT_BIN, to compare two builds), reports precision and
// recall, and fails below F1 0.95. MAILSIFT_EVAL_DIR keeps the mailbox
// and case there; MAILSIFT_EVAL_DUMP=FILE writes the title and company
// findings (synthetic values) with whose they are.
func TestMailboxAccuracy(t *testing.T) {
	bin := os.Getenv("MAILSIFT_BIN")
	if bin == "" {
		if testing.Short() {
			t.Skip("builds mailsift and scans a generated mailbox")
		}
		bin = filepath.Join(t.TempDir(), "mailsift")
		if out, err := exec.Command("go", "build", "-o", bin, "github.com/mailsift/mailsift/cmd/mailsift").CombinedOutput(); err != nil {
			t.Fatalf("build mailsift: %v\n%s", err, out)
		}
	}
	dir := t.TempDir()
	if d := os.Getenv("MAILSIFT_EVAL_DIR"); d != "" {
		dir = d // kept, to read the mail
	}
	pc := mailgen.People(mailgen.PeopleOptions{Seed: 1})
	if err := pc.WritePeople(dir); err != nil {
		t.Fatal(err)
	}
	caseDir := filepath.Join(dir, "case")
	run := func(args ...string) []byte {
		var out, errb bytes.Buffer
		cmd := exec.Command(bin, args...)
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("mailsift %v: %v\n%s", args, err, errb.String())
		}
		return out.Bytes()
	}
	run("scan", "--quiet", "--no-index", "--case", caseDir, "--categories", filepath.Join(dir, mailgen.PeopleCategoriesFile), filepath.Join(dir, mailgen.PeopleMboxFile))
	type counted struct {
		ID     string   `json:"id"`
		Emails []string `json:"emails"`
		Items  []string `json:"items"`
	}
	var people []counted
	lines(t, run("people", "--case", caseDir, "--format", "jsonl", "--reveal"), func(b []byte) {
		var p counted
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatal(err)
		}
		people = append(people, p)
	})
	// A counted person is the true person whose address it holds.
	byEmail := map[string]int{}
	for i, p := range pc.Truth.People {
		for _, e := range p.Emails {
			byEmail[strings.ToLower(e)] = i
		}
	}
	of := map[string]int{} // counted id → true index
	best := map[int]counted{}
	for _, c := range people {
		for _, e := range c.Emails {
			if i, ok := byEmail[strings.ToLower(e)]; ok {
				of[c.ID] = i
				if _, dup := best[i]; !dup {
					best[i] = c
				}
				break
			}
		}
	}
	var dump strings.Builder
	for _, typ := range []string{"title", "company"} {
		tp, fp, fn := 0, 0, 0
		var misses, extras []string
		for i, p := range pc.Truth.People {
			c, ok := best[i]
			if !ok {
				continue
			}
			want, got := slices.Contains(p.Items, typ), slices.Contains(c.Items, typ)
			switch {
			case want && got:
				tp++
			case want:
				fn++
				misses = append(misses, p.ID+" "+p.Category)
			case got:
				fp++
				extras = append(extras, p.ID+" "+p.Category)
			}
		}
		prec, rec := ratio(tp, tp+fp), ratio(tp, tp+fn)
		f1 := 2 * prec * rec / max(prec+rec, 1e-9)
		t.Logf("%s: P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n  missed: %v\n  extra: %v", typ, prec, rec, f1, tp, fp, fn, misses, extras)
		// The floor of issue 15's measure (0.990 title, 0.992 company
		// when written): a rule that costs people their title fails here.
		if f1 < 0.95 {
			t.Errorf("%s F1 %.3f per person on the generated mailbox, below 0.95", typ, f1)
		}
	}
	lines(t, run("findings", "--case", caseDir, "--reveal"), func(b []byte) {
		var f struct{ Type, Value, Person, MessageID, Location string }
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatal(err)
		}
		if f.Type != "title" && f.Type != "company" {
			return
		}
		who := "-"
		if i, ok := of[f.Person]; ok {
			who = pc.Truth.People[i].ID
		}
		fmt.Fprintf(&dump, "%s\t%q\t%s\t%s\t%s\n", f.Type, f.Value, who, f.MessageID, f.Location)
	})
	if path := os.Getenv("MAILSIFT_EVAL_DUMP"); path != "" {
		if err := os.WriteFile(path, []byte(dump.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func lines(t *testing.T, b []byte, fn func([]byte)) {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		fn(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
