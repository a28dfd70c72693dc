package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/internal/mailgen"
	"github.com/mailsift/mailsift/store"
)

// searchLine is a `search --json` line: a hit, or the last line of facets.
type searchLine struct {
	store.Finding
	Score    *float64 `json:"score"`
	Category string   `json:"category"`
	Total    uint64   `json:"total"`
	Facets   []struct {
		Field   string `json:"field"`
		Total   int    `json:"total"`
		Missing int    `json:"missing"`
		Other   int    `json:"other"`
		Terms   []struct {
			Term  string `json:"term"`
			Count int    `json:"count"`
		} `json:"terms"`
	} `json:"facets"`
	raw map[string]any
}

// searchJSON runs search --json and returns its hits and facets line.
func searchJSON(t *testing.T, args ...string) (hits []searchLine, facets *searchLine) {
	t.Helper()
	r := mailsift(t, append([]string{"search", "--json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("search %v: exit %d\n%s", args, r.code, r.stderr)
	}
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l searchLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("search line %q: %v", sc.Text(), err)
		}
		if err := json.Unmarshal(sc.Bytes(), &l.raw); err != nil {
			t.Fatal(err)
		}
		if l.Facets != nil {
			if facets != nil {
				t.Fatalf("two facets lines in %s", r.stdout)
			}
			facets = &l
			continue
		}
		if facets != nil {
			t.Fatalf("a hit after the facets line: %s", sc.Text())
		}
		if l.Score == nil || l.ID == "" {
			t.Fatalf("hit without score or id: %s", sc.Text())
		}
		hits = append(hits, l)
	}
	return hits, facets
}

func hitIDs(hs []searchLine) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.ID
	}
	return out
}

func findingIDs(fs []store.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.ID
	}
	return out
}

func TestSearchBundledSample(t *testing.T) {
	caseDir := filepath.Join(t.TempDir(), "case")
	scanJSON(t, "--case", caseDir, filepath.Join(sampleDir, mailgen.BundleMbox))
	all := readFindings(t, caseDir)
	revealed := readFindings(t, caseDir, "--reveal")
	byID := map[string]store.Finding{}
	for _, f := range revealed {
		byID[f.ID] = f
	}
	before := caseState(t, caseDir)

	t.Run("passports masked unless reveal", func(t *testing.T) {
		want := findingIDs(readFindings(t, caseDir, "--type", "passport"))
		if len(want) == 0 {
			t.Fatal("the sample has no passport")
		}
		hits, facets := searchJSON(t, "--case", caseDir, "type:passport")
		if facets != nil {
			t.Error("a facets line without --facet")
		}
		got := hitIDs(hits)
		slices.Sort(want)
		slices.Sort(got)
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("type:passport (-findings +search):\n%s", d)
		}
		for _, h := range hits {
			if _, ok := h.raw["value"]; ok || h.Masked == "" || h.Type != "passport" {
				t.Errorf("hit %s: value %q masked %q type %s: want masked only", h.ID, h.Value, h.Masked, h.Type)
			}
		}
		text := mailsift(t, "search", "--case", caseDir, "type:passport")
		if text.code != 0 {
			t.Fatalf("exit %d: %s", text.code, text.stderr)
		}
		for _, id := range want {
			f := byID[id]
			if strings.Contains(text.stdout, f.Value) || !strings.Contains(text.stdout, f.Masked) {
				t.Errorf("text output shows %q (raw %q, masked %q):\n%s", text.stdout, f.Value, f.Masked, text.stdout)
			}
		}
		hits, _ = searchJSON(t, "--case", caseDir, "--reveal", "type:passport")
		for _, h := range hits {
			if h.Value == "" || h.Value != byID[h.ID].Value {
				t.Errorf("--reveal hit %s: value %q, findings --reveal %q", h.ID, h.Value, byID[h.ID].Value)
			}
		}
		text = mailsift(t, "search", "--case", caseDir, "--reveal", "type:passport")
		for _, id := range want {
			if !strings.Contains(text.stdout, byID[id].Value) {
				t.Errorf("--reveal text output lacks %q:\n%s", byID[id].Value, text.stdout)
			}
		}
	})

	t.Run("a pasted raw value finds its finding", func(t *testing.T) {
		done := map[string]bool{}
		for _, f := range revealed {
			// One of each type whose value is one token of the query syntax.
			if done[f.Type] || f.Value == "" || strings.ContainsAny(f.Value, " \"\\/():^~*?") {
				continue
			}
			done[f.Type] = true
			hits, _ := searchJSON(t, "--case", caseDir, "--size", "10000", "value:"+f.Value)
			if !slices.Contains(hitIDs(hits), f.ID) {
				t.Errorf("value:%s (%s) did not find %s among %d hits", f.Value, f.Type, f.ID, len(hits))
			}
			for _, h := range hits {
				if _, ok := h.raw["value"]; ok {
					t.Errorf("value:%s: hit %s shows its value without --reveal", f.Value, h.ID)
				}
			}
		}
		if !done["passport"] || !done["phone"] || !done["email"] {
			t.Errorf("types tried: %v", done)
		}
	})

	t.Run("a Japanese substring of a context", func(t *testing.T) {
		var sub, from string
		for _, f := range all {
			rs := []rune(f.Context)
			for i := 0; i+1 < len(rs); i++ {
				if unicode.Is(unicode.Han, rs[i]) && unicode.Is(unicode.Han, rs[i+1]) {
					sub, from = string(rs[i:i+2]), f.ID
					break
				}
			}
			if sub != "" {
				break
			}
		}
		if sub == "" {
			t.Fatal("no context with two kanji in a row")
		}
		hits, _ := searchJSON(t, "--case", caseDir, "--size", "10000", sub)
		if !slices.Contains(hitIDs(hits), from) {
			t.Errorf("%s: %d hits, not %s whose context has it", sub, len(hits), from)
		}
		want := 0
		for _, f := range all {
			if strings.Contains(f.Context, sub) {
				want++
			}
		}
		if len(hits) != want {
			t.Errorf("%s: %d hits, %d contexts hold it", sub, len(hits), want)
		}
		for _, h := range hits {
			if !strings.Contains(h.Context, sub) {
				t.Errorf("%s: hit %s context %q", sub, h.ID, h.Context)
			}
		}
	})

	t.Run("facet type counts the findings of each type", func(t *testing.T) {
		hits, facets := searchJSON(t, "--case", caseDir, "--size", "0", "--facet", "type:100", "*")
		if len(hits) != 0 || facets == nil || len(facets.Facets) != 1 || facets.Facets[0].Field != "type" {
			t.Fatalf("hits %d, facets %+v", len(hits), facets)
		}
		if facets.Total != uint64(len(all)) {
			t.Errorf("total %d, %d findings", facets.Total, len(all))
		}
		got := map[string]int{}
		for _, term := range facets.Facets[0].Terms {
			got[term.Term] = term.Count
		}
		want := map[string]int{}
		for typ := range got {
			want[typ] = len(readFindings(t, caseDir, "--type", typ))
		}
		for _, f := range all {
			if _, ok := got[f.Type]; !ok {
				t.Errorf("type %s missing from the facet", f.Type)
			}
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("facet type (-findings --type +search):\n%s", d)
		}
		// Text mode: the facet after the hits.
		text := mailsift(t, "search", "--case", caseDir, "--size", "1", "--facet", "type:3", "*")
		if text.code != 0 || !strings.Contains(text.stdout, "type: ") || !strings.Contains(text.stdout, "(other terms)") {
			t.Errorf("text facet: exit %d\n%s", text.code, text.stdout)
		}
	})

	t.Run("size and from page", func(t *testing.T) {
		for _, sort := range []string{"score", "-date", "id"} {
			first, _ := searchJSON(t, "--case", caseDir, "--sort", sort, "--size", "4", "*")
			page, _ := searchJSON(t, "--case", caseDir, "--sort", sort, "--size", "2", "--from", "2", "*")
			if len(first) != 4 || cmp.Diff(hitIDs(first)[2:], hitIDs(page)) != "" {
				t.Errorf("sort %s: --size 2 --from 2 gave %v, first four %v", sort, hitIDs(page), hitIDs(first))
			}
		}
	})

	t.Run("sort -date and date", func(t *testing.T) {
		for _, sort := range []string{"-date", "date"} {
			hits, _ := searchJSON(t, "--case", caseDir, "--sort", sort, "--size", "10000", "*")
			if len(hits) != len(all) {
				t.Fatalf("%d hits, %d findings", len(hits), len(all))
			}
			var prev time.Time
			undated := false
			for i, h := range hits {
				d, err := time.Parse(time.RFC3339, h.Date)
				if err != nil {
					undated = true
					continue
				}
				if undated {
					t.Fatalf("sort %s: hit %d dated after undated ones", sort, i)
				}
				if i > 0 && (sort == "-date" && d.After(prev) || sort == "date" && d.Before(prev)) {
					t.Fatalf("sort %s: hit %d (%s) after %s", sort, i, h.Date, prev)
				}
				prev = d
			}
		}
	})

	t.Run("malformed query and bad flags exit 2", func(t *testing.T) {
		for _, args := range [][]string{
			{"type:("},
			{"nosuchfield:x"},
			{"--json", "type:("},
			{"--size", "10001", "*"},
			{"--from", "-1", "*"},
			{"--sort", "confidence", "*"},
			{"--facet", "value", "*"},
			{"--facet", "type:0", "*"},
			{},
		} {
			r := mailsift(t, append([]string{"search", "--case", caseDir}, args...)...)
			if r.code != 2 || r.stdout != "" || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("search %v: exit %d, stdout %q, stderr %q: want exit 2 and one line", args, r.code, r.stdout, r.stderr)
			}
		}
		r := mailsift(t, "search", "--case", caseDir, "type:(")
		if !strings.Contains(r.stderr, "parentheses") {
			t.Errorf("type:( says %q", r.stderr)
		}
		never := filepath.Join(t.TempDir(), "never-scanned")
		if r := mailsift(t, "search", "--case", never, "*"); r.code != 2 || !strings.Contains(r.stderr, "scan") {
			t.Errorf("a case never scanned: exit %d, %q", r.code, r.stderr)
		}
	})

	t.Run("no hits", func(t *testing.T) {
		r := mailsift(t, "search", "--case", caseDir, "--json", "value:ZZ0000000")
		if r.code != 0 || r.stdout != "" {
			t.Errorf("no hits: exit %d, stdout %q", r.code, r.stdout)
		}
	})

	t.Run("two cases count each finding once", func(t *testing.T) {
		// The same directory twice, and a copy of it: the same messages, the
		// same finding ids.
		cp := filepath.Join(t.TempDir(), "copy")
		if err := os.CopyFS(cp, os.DirFS(caseDir)); err != nil {
			t.Fatal(err)
		}
		one, oneFacets := searchJSON(t, "--case", caseDir, "--size", "10000", "--facet", "type:100", "*")
		for _, cases := range [][]string{{caseDir, caseDir}, {caseDir, cp}, {cp, caseDir}} {
			hits, facets := searchJSON(t, "--case", cases[0], "--case", cases[1], "--size", "10000", "--facet", "type:100", "*")
			if len(hits) != len(all) || facets.Total != uint64(len(all)) {
				t.Errorf("%v: %d hits, total %d; want %d", cases, len(hits), facets.Total, len(all))
			}
			if d := cmp.Diff(hitIDs(one), hitIDs(hits)); d != "" {
				t.Errorf("%v: hits differ from one case (-one +two):\n%s", cases, d)
			}
			if d := cmp.Diff(oneFacets.Facets, facets.Facets); d != "" {
				t.Errorf("%v: facets differ from one case (-one +two):\n%s", cases, d)
			}
			page, _ := searchJSON(t, "--case", cases[0], "--case", cases[1], "--size", "3", "--from", "5", "--sort", "-date", "*")
			ref, _ := searchJSON(t, "--case", caseDir, "--size", "3", "--from", "5", "--sort", "-date", "*")
			if d := cmp.Diff(hitIDs(ref), hitIDs(page)); d != "" {
				t.Errorf("%v: a page differs from one case's (-one +two):\n%s", cases, d)
			}
		}
	})

	t.Run("person ids are the findings'", func(t *testing.T) {
		hits, _ := searchJSON(t, "--case", caseDir, "--size", "10000", "*")
		if len(hits) != len(all) {
			t.Fatalf("%d hits, %d findings", len(hits), len(all))
		}
		persons := 0
		for _, h := range hits {
			if want := byID[h.ID].Person; h.Person != want {
				t.Errorf("hit %s: person %q, findings %q", h.ID, h.Person, want)
			}
			if h.Person != "" {
				persons++
				if h.Category == "" {
					t.Errorf("hit %s: person %s without a category", h.ID, h.Person)
				}
			}
		}
		if persons == 0 {
			t.Error("no hit has a person")
		}
	})

	if d := cmp.Diff(before, caseState(t, caseDir)); d != "" {
		t.Errorf("search changed the case (-before +after):\n%s", d)
	}
}

func TestSearchIndexBehindOrBusy(t *testing.T) {
	src := filepath.Join(sampleDir, mailgen.BundleMbox)
	caseDir := filepath.Join(t.TempDir(), "case")
	scanJSON(t, "--case", caseDir, "--no-index", src)
	// search builds the missing index first, and says so on stderr.
	r := mailsift(t, "search", "--case", caseDir, "--json", "type:passport")
	if r.code != 0 || !strings.Contains(r.stdout, `"type":"passport"`) || !strings.Contains(r.stderr, "is missing: building it") {
		t.Errorf("--no-index case: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if r := mailsift(t, "search", "--case", caseDir, "type:("); r.code != 2 {
		t.Errorf("a malformed query: exit %d", r.code)
	}

	// While a scan holds the index, search says so.
	busy := filepath.Join(t.TempDir(), "busy")
	cmd := exec.Command(binPath, "scan", "--quiet", "--workers", "1", "--case", busy, src)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGCONT)
		cmd.Wait()
	}()
	if err := stepUntil(cmd.Process, func() bool {
		st, err := os.Stat(filepath.Join(busy, store.ManifestFile))
		return err == nil && st.Size() > 0
	}); err != nil {
		t.Fatal(err)
	}
	r = mailsift(t, "search", "--case", busy, "*")
	if r.code != 1 || !strings.Contains(r.stderr, "is in use") || !strings.Contains(r.stderr, "(scan)") {
		t.Errorf("search during a scan: exit %d, stderr %q", r.code, r.stderr)
	}
}

// Text from the evidence reaches the terminal escaped.
func TestSearchEscapesHostileText(t *testing.T) {
	dir := t.TempDir()
	eml := "From: a@example.jp\r\nTo: b@example.jp\r\nSubject: hi\r\nMessage-ID: <x\x1b[2J\u202e@evil>\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" +
		"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n電話 03-1234-5678\r\n" +
		"--b\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename*=utf-8''x%E2%80%AEvsc%0A.csv\r\n\r\n" +
		"name,phone\r\n田中太郎,090-1234-5678\r\n--b--\r\n"
	if err := os.WriteFile(filepath.Join(dir, "a.eml"), []byte(eml), 0o600); err != nil {
		t.Fatal(err)
	}
	caseDir := filepath.Join(t.TempDir(), "case")
	scanJSON(t, "--case", caseDir, dir)
	r := mailsift(t, "search", "--case", caseDir, "--facet", "location", "type:phone")
	if r.code != 0 || !strings.Contains(r.stdout, "+81") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if strings.ContainsAny(r.stdout+r.stderr, "\x1b\u202e") || !strings.Contains(r.stdout, `\x1b[2J\u202e`) {
		t.Errorf("not escaped:\n%s", r.stdout)
	}
	if lines := strings.Split(strings.TrimSpace(r.stdout), "\n"); len(lines) != 1+2+1+1+2 {
		t.Errorf("want a header, 2 hits, a blank line, the facet and its 2 terms:\n%s", r.stdout)
	}
}
