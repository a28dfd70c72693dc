package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/mailsift/mailsift/internal/mailgen"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden reports in testdata/golden")

// goldenDir holds the reports of the bundled sample.
const goldenDir = "../../testdata/golden"

// stable removes what differs between runs: the time of the report and
// the case's temporary path.
func stable(s, caseDir string) string {
	s = strings.ReplaceAll(s, caseDir, "CASE")
	s = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)`).ReplaceAllString(s, "TIME")
	return regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d [A-Z]+`).ReplaceAllString(s, "TIME")
}

// TestReportsOfTheSample checks every report format on the bundled
// sample against its golden file (-update rewrites them).
func TestReportsOfTheSample(t *testing.T) {
	caseDir := filepath.Join(t.TempDir(), "case")
	scanJSON(t, "--case", caseDir, filepath.Join(sampleDir, mailgen.BundleMbox))
	before := caseState(t, caseDir)
	for _, tc := range []struct{ format, lang string }{{"md", "ja"}, {"html", "ja"}, {"csv", "ja"}, {"json", "ja"}, {"md", "en"}} {
		r := mailsift(t, "report", "--case", caseDir, "--format", tc.format, "--lang", tc.lang)
		if r.code != 0 {
			t.Fatalf("report %s: exit %d: %s", tc.format, r.code, r.stderr)
		}
		got := stable(r.stdout, caseDir)
		path := filepath.Join(goldenDir, "sample-report."+tc.lang+"."+tc.format)
		if *updateGolden {
			os.MkdirAll(goldenDir, 0o755)
			os.WriteFile(path, []byte(got), 0o644)
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./cmd/mailsift -run ReportsOfTheSample -update)", err)
		}
		if got != string(want) {
			t.Errorf("report %s %s differs from %s", tc.format, tc.lang, path)
		}
	}
	// The xlsx report holds the numbers of the json one.
	var js struct {
		Total      int `json:"people_total"`
		Categories []struct {
			Label  string `json:"label"`
			People int    `json:"people"`
		} `json:"categories"`
	}
	if err := json.Unmarshal([]byte(mailsift(t, "report", "--case", caseDir, "--format", "json").stdout), &js); err != nil || js.Total == 0 {
		t.Fatalf("json report: %v, total %d", err, js.Total)
	}
	x := mailsift(t, "report", "--case", caseDir, "--format", "xlsx")
	f, err := excelize.OpenReader(strings.NewReader(x.stdout))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	rows, _ := f.GetRows(f.GetSheetList()[0])
	found := 0
	for _, c := range js.Categories {
		for _, row := range rows {
			if len(row) > 2 && row[1] == c.Label && strings.ReplaceAll(row[2], ",", "") == strconv.Itoa(c.People) {
				found++
			}
		}
	}
	if found != len(js.Categories) {
		t.Errorf("xlsx category sheet holds %d of %d categories with their counts: %q", found, len(js.Categories), rows)
	}
	// people: masked unless --reveal.
	masked := mailsift(t, "people", "--case", caseDir, "--format", "jsonl")
	revealed := mailsift(t, "people", "--case", caseDir, "--format", "jsonl", "--reveal")
	if masked.code != 0 || revealed.code != 0 || strings.Count(masked.stdout, "\n") != js.Total {
		t.Fatalf("people: exit %d/%d, %d rows for %d people", masked.code, revealed.code, strings.Count(masked.stdout, "\n"), js.Total)
	}
	if strings.Contains(masked.stdout, "@test-kogyo.example.co.jp") || !strings.Contains(revealed.stdout, "@test-kogyo.example.co.jp") {
		t.Error("people: addresses shown without --reveal, or not with it")
	}
	if after := caseState(t, caseDir); after != before {
		t.Errorf("report or people changed the case:\n%s\n---\n%s", before, after)
	}
	// findings name the person each finding is about.
	withPerson := 0
	for _, f := range readFindings(t, caseDir) {
		if f.Person != "" {
			withPerson++
		}
	}
	if withPerson == 0 {
		t.Error("no finding names its person")
	}
}

// caseState lists the case's files with sizes and modification times.
func caseState(t *testing.T, dir string) string {
	var b bytes.Buffer
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, _ := d.Info()
		b.WriteString(p + " " + fi.Mode().String() + " " + strconv.FormatInt(fi.Size(), 10) + " " + fi.ModTime().Format(time.RFC3339Nano) + "\n")
		return nil
	})
	return b.String()
}

func TestReportErrors(t *testing.T) {
	tmp := t.TempDir()
	src := filepath.Join(sampleDir, mailgen.BundleMbox)
	caseDir := filepath.Join(tmp, "case")
	scanJSON(t, "--case", caseDir, src)
	empty := filepath.Join(tmp, "empty")
	os.Mkdir(filepath.Join(tmp, "nomail"), 0o700)
	os.WriteFile(filepath.Join(tmp, "nomail", "LICENSE"), []byte("not mail"), 0o600)
	scanJSON(t, "--case", empty, filepath.Join(tmp, "nomail"))
	bad := filepath.Join(tmp, "bad.yaml")
	os.WriteFile(bad, []byte("categories:\n  - id: x\n    label: [unclosed\n"), 0o600)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no case", []string{"report", "--case", filepath.Join(tmp, "none")}, "not a mailsift case"},
		{"empty case", []string{"report", "--case", empty}, "no message"},
		{"bad categories", []string{"report", "--case", caseDir, "--categories", bad}, "bad.yaml"},
		{"bad format", []string{"report", "--case", caseDir, "--format", "pdf"}, "--format"},
		{"bad lang", []string{"report", "--case", caseDir, "--lang", "fr"}, "--lang"},
		{"people bad category", []string{"people", "--case", caseDir, "--category", "nosuch"}, "--category"},
		{"two cases for findings", []string{"findings", "--case", caseDir, "--case", empty}, "one case"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := mailsift(t, tc.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tc.want) || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
				t.Errorf("exit %d (want 2), stdout %d bytes, stderr %q (want one line about %q)", r.code, len(r.stdout), r.stderr, tc.want)
			}
		})
	}
	// Two mailboxes: a person in both counts once.
	two := mailsift(t, "report", "--case", caseDir, "--case", caseDir, "--format", "json")
	one := mailsift(t, "report", "--case", caseDir, "--format", "json")
	var a, b struct {
		Total int `json:"people_total"`
	}
	json.Unmarshal([]byte(two.stdout), &a)
	json.Unmarshal([]byte(one.stdout), &b)
	if two.code != 0 || a.Total != b.Total || a.Total == 0 {
		t.Errorf("the same mailbox twice counts %d people, once %d", a.Total, b.Total)
	}
}

// Overrides survive re-runs: a merge and a category set by the
// investigator hold after a rescan; the report says how many applied.
func TestOverridesSurviveRescans(t *testing.T) {
	src := filepath.Join(sampleDir, mailgen.BundleMbox)
	caseDir := filepath.Join(t.TempDir(), "case")
	scanJSON(t, "--case", caseDir, src)
	type line struct {
		ID       string   `json:"id"`
		Category string   `json:"category"`
		Items    []string `json:"items"`
	}
	list := func() []line {
		var out []line
		for _, l := range strings.Split(strings.TrimSpace(mailsift(t, "people", "--case", caseDir, "--format", "jsonl").stdout), "\n") {
			var p line
			json.Unmarshal([]byte(l), &p)
			out = append(out, p)
		}
		return out
	}
	before := list()
	a, b := before[0].ID, before[1].ID
	for _, args := range [][]string{{"merge", a, b}, {"category", a, "customer"}} {
		if r := mailsift(t, append([]string{"override", "--case", caseDir, "--note", "checked by hand"}, args...)...); r.code != 0 {
			t.Fatalf("override %v: exit %d: %s", args, r.code, r.stderr)
		}
	}
	if r := mailsift(t, "override", "--case", caseDir, "merge", a); r.code != 2 {
		t.Errorf("a bad override: exit %d, want 2", r.code)
	}
	scanJSON(t, "--case", caseDir, src) // a re-run changes nothing
	after := list()
	if len(after) != len(before)-1 {
		t.Errorf("%d people after the merge, %d before", len(after), len(before))
	}
	found := false
	for _, p := range after {
		if p.ID == a {
			found = p.Category == "customer"
		}
		if p.ID == b {
			t.Errorf("%s still listed after merging it into %s", b, a)
		}
	}
	if !found {
		t.Errorf("%s not in category customer", a)
	}
	var js struct {
		Review struct {
			Applied int `json:"overrides_applied"`
		} `json:"review"`
	}
	json.Unmarshal([]byte(mailsift(t, "report", "--case", caseDir, "--format", "json").stdout), &js)
	if js.Review.Applied != 2 {
		t.Errorf("report says %d overrides applied, want 2", js.Review.Applied)
	}
	// A hand-edited bad line is exit 2 naming file and line.
	f, _ := os.OpenFile(filepath.Join(caseDir, "overrides.txt"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("merge p-nothexatall\n")
	f.Close()
	if r := mailsift(t, "report", "--case", caseDir); r.code != 2 || !strings.Contains(r.stderr, "overrides.txt:4") {
		t.Errorf("bad overrides file: exit %d, stderr %q", r.code, r.stderr)
	}
}
