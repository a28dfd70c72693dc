package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mailsift/mailsift/index"
	"github.com/mailsift/mailsift/index/caseindex"
	"github.com/mailsift/mailsift/internal/mailgen"
	"github.com/mailsift/mailsift/scanner"
	"github.com/mailsift/mailsift/store"
)

// These tests build the real binary and run it as a user would.

var binPath string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mailsift-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binPath = filepath.Join(dir, "mailsift")
	if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build mailsift: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type runResult struct {
	stdout, stderr string
	code           int
}

func mailsift(t *testing.T, args ...string) runResult {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run mailsift %v: %v", args, err)
	}
	return runResult{out.String(), errb.String(), code}
}

func scanJSON(t *testing.T, args ...string) scanner.Summary {
	t.Helper()
	r := mailsift(t, append([]string{"scan", "--json", "--quiet"}, args...)...)
	if r.code != 0 {
		t.Fatalf("scan %v: exit %d\n%s", args, r.code, r.stderr)
	}
	var s scanner.Summary
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("scan --json printed %q: %v", r.stdout, err)
	}
	return s
}

func readFindings(t *testing.T, caseDir string, extra ...string) []store.Finding {
	t.Helper()
	r := mailsift(t, append([]string{"findings", "--case", caseDir}, extra...)...)
	if r.code != 0 {
		t.Fatalf("findings: exit %d\n%s", r.code, r.stderr)
	}
	var out []store.Finding
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var f store.Finding
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatalf("findings line %q: %v", sc.Text(), err)
		}
		out = append(out, f)
	}
	return out
}

const sampleDir = "../../testdata/sample"

type labelRecord struct {
	Name      string `json:"name"`
	MessageID string `json:"message_id"`
	MinErrors int    `json:"min_errors"`
	Labels    []struct {
		Type, Value, Location string
	} `json:"labels"`
}

func sampleLabels(t *testing.T) []labelRecord {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sampleDir, mailgen.BundleLabels))
	if err != nil {
		t.Fatal(err)
	}
	var out []labelRecord
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var r labelRecord
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestScanBundledSample(t *testing.T) {
	caseDir := filepath.Join(t.TempDir(), "case")
	sum := scanJSON(t, "--case", caseDir, filepath.Join(sampleDir, mailgen.BundleMbox))
	labels := sampleLabels(t)
	minErrors := 0
	for _, l := range labels {
		minErrors += l.MinErrors
	}
	if sum.Messages != len(labels) || sum.Duplicates != 0 || sum.Errors < minErrors || sum.Findings == 0 || sum.Attachments == 0 {
		t.Errorf("summary %+v: want %d messages, ≥%d errors", sum, len(labels), minErrors)
	}

	// Masked by default: no planted value appears anywhere in the output.
	masked := mailsift(t, "findings", "--case", caseDir)
	for _, l := range labels {
		for _, lb := range l.Labels {
			if strings.Contains(masked.stdout, lb.Value) || strings.Contains(masked.stdout, `"value"`) {
				t.Fatalf("unmasked value %s in findings output", lb.Type)
			}
		}
	}

	// Revealed: every planted e-mail and phone is found where it was put
	// (in the attachment it was put in: the cell or page suffix after
	// "#" is checked by the extractors' own tests), and no other e-mail or
	// phone is found; every other planted type is found in its message.
	type key struct{ typ, value, loc string }
	type inMsg struct{ typ, msg string }
	strict := map[string]bool{"email": true, "phone": true}
	cut := func(loc string) string { return strings.SplitN(loc, "#", 2)[0] }
	got := map[key]bool{}
	gotIn := map[inMsg]bool{}
	for _, f := range readFindings(t, caseDir, "--reveal") {
		if f.Value == "" || f.Masked == "" || f.MessageSHA256 == "" || f.ID == "" || f.Source == "" || f.Context == "" {
			t.Errorf("incomplete finding %+v", f)
		}
		if strict[f.Type] {
			got[key{f.Type, f.Value, cut(f.Location)}] = true
		}
		gotIn[inMsg{f.Type, f.MessageID}] = true
	}
	want := map[key]bool{}
	wantIn := map[inMsg]bool{}
	for _, l := range labels {
		for _, lb := range l.Labels {
			if strict[lb.Type] {
				want[key{lb.Type, lb.Value, cut(lb.Location)}] = true
			} else {
				wantIn[inMsg{lb.Type, "<" + l.MessageID + ">"}] = true
			}
		}
	}
	missed := 0
	for k := range want {
		if !got[k] {
			missed++
			t.Errorf("missed %s at %s", k.typ, k.loc)
		}
	}
	for k := range wantIn {
		if !gotIn[k] {
			missed++
			t.Errorf("missed %s in %s", k.typ, k.msg)
		}
	}
	falsePos := 0
	for k := range got {
		if !want[k] {
			falsePos++
			t.Logf("not planted: %s at %s", k.typ, k.loc)
		}
	}
	t.Logf("sample: %d e-mails and phones labelled, %d found, %d missed, %d not labelled; %d other items in their messages", len(want), len(got), missed, falsePos, len(wantIn))
	if falsePos != 0 {
		t.Errorf("%d findings of e-mail or phone that were not planted", falsePos)
	}

	// PPAP: the encrypted ZIP was opened with the password of the mail
	// sent three minutes later, and its findings say so.
	var pwMsg string
	for _, l := range labels {
		if strings.HasSuffix(l.Name, "-ppap-password.eml") {
			pwMsg = "<" + l.MessageID + ">"
		}
	}
	shaOf := map[string]string{}
	ppap := 0
	all := readFindings(t, caseDir, "--reveal")
	for _, f := range all {
		shaOf[f.MessageID] = f.MessageSHA256
	}
	for _, f := range all {
		if strings.HasPrefix(f.Location, "attachment:送付資料.zip/") {
			ppap++
			if f.PasswordFrom == "" || f.PasswordFrom != shaOf[pwMsg] {
				t.Errorf("PPAP finding %s at %s: password_from %q, want the password mail %s", f.Type, f.Location, f.PasswordFrom, shaOf[pwMsg])
			}
		}
	}
	if ppap == 0 || sum.Unlocked != 1 || sum.Locked != 0 {
		t.Errorf("PPAP: %d findings in the encrypted ZIP, summary unlocked %d locked %d; want findings, 1, 0", ppap, sum.Unlocked, sum.Locked)
	}

	// Every kind of identifier shows with --type, masked.
	for _, typ := range []string{"passport", "drivers_license", "my_number", "bank_account", "birth_date", "person_name"} {
		fs := readFindings(t, caseDir, "--type", typ)
		if len(fs) == 0 {
			t.Errorf("findings --type %s: none on the sample", typ)
		}
		for _, f := range fs {
			if f.Type != typ || f.Value != "" || f.Masked == "" || f.Context == "" {
				t.Errorf("findings --type %s: %+v", typ, f)
			}
		}
	}

	// --type filters, CSV has a header and one row per finding.
	phones := readFindings(t, caseDir, "--type", "phone")
	for _, f := range phones {
		if f.Type != "phone" {
			t.Fatalf("--type phone gave %s", f.Type)
		}
	}
	csvOut := mailsift(t, "findings", "--case", caseDir, "--format", "csv", "--type", "phone")
	if lines := strings.Count(csvOut.stdout, "\n"); csvOut.code != 0 || lines != len(phones)+1 || !strings.HasPrefix(csvOut.stdout, "id,type,value,masked") {
		t.Errorf("csv: exit %d, %d lines for %d phones", csvOut.code, lines, len(phones))
	}
	checkPermissions(t, caseDir)
}

func checkPermissions(t *testing.T, caseDir string) {
	t.Helper()
	filepath.Walk(caseDir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		perm := info.Mode().Perm()
		if info.IsDir() && perm != 0o700 || !info.IsDir() && perm != 0o600 {
			t.Errorf("%s has mode %v", p, perm)
		}
		return nil
	})
}

// findingKeys is what must agree whatever form the mailbox was read from.
func findingKeys(t *testing.T, caseDir string) []string {
	var out []string
	for _, f := range readFindings(t, caseDir, "--reveal") {
		out = append(out, strings.Join([]string{f.MessageSHA256, f.Type, f.Value, f.Location, f.Part, fmt.Sprint(f.Start, f.End), f.Context}, "|"))
	}
	sort.Strings(out)
	return out
}

func TestMboxMaildirEMLAgree(t *testing.T) {
	tmp := t.TempDir()
	forms := map[string]string{"mbox": mailgen.BundleMbox, "maildir": mailgen.BundleMaildir, "eml": mailgen.BundleEML}
	keys := map[string][]string{}
	for name, rel := range forms {
		caseDir := filepath.Join(tmp, name)
		sum := scanJSON(t, "--case", caseDir, filepath.Join(sampleDir, rel))
		if sum.Messages != len(sampleLabels(t)) {
			t.Errorf("%s: %d messages", name, sum.Messages)
		}
		keys[name] = findingKeys(t, caseDir)
	}
	if len(keys["mbox"]) == 0 {
		t.Fatal("no findings")
	}
	for _, name := range []string{"maildir", "eml"} {
		if diff := cmp.Diff(keys["mbox"], keys[name]); diff != "" {
			t.Errorf("mbox vs %s findings (-mbox +%s)\n%s", name, name, diff)
		}
	}
	// Maildir++ folders become the finding's source.
	sources := map[string]bool{}
	for _, f := range readFindings(t, filepath.Join(tmp, "maildir")) {
		sources[f.Source] = true
	}
	if !sources["INBOX"] || !sources["Sent"] || !sources["Archive.2023"] {
		t.Errorf("maildir sources %v", sources)
	}
}

func TestRescanAddsNothing(t *testing.T) {
	caseDir := filepath.Join(t.TempDir(), "case")
	src := filepath.Join(sampleDir, mailgen.BundleMbox)
	first := scanJSON(t, "--case", caseDir, src)
	before, _ := os.ReadFile(filepath.Join(caseDir, store.FindingsFile))
	manifest, _ := os.ReadFile(filepath.Join(caseDir, store.ManifestFile))
	second := scanJSON(t, "--case", caseDir, src)
	if second.Duplicates != first.Messages || second.Findings != 0 {
		t.Errorf("second scan %+v", second)
	}
	after, _ := os.ReadFile(filepath.Join(caseDir, store.FindingsFile))
	manifest2, _ := os.ReadFile(filepath.Join(caseDir, store.ManifestFile))
	if !bytes.Equal(before, after) || !bytes.Equal(manifest, manifest2) {
		t.Error("re-scanning the same source changed the case")
	}
	// The same messages from another form are duplicates, recorded as seen.
	third := scanJSON(t, "--case", caseDir, filepath.Join(sampleDir, mailgen.BundleEML))
	if third.Duplicates != first.Messages || third.Findings != 0 {
		t.Errorf("eml after mbox %+v", third)
	}
	m3, _ := os.ReadFile(filepath.Join(caseDir, store.ManifestFile))
	if n := bytes.Count(m3, []byte(`"kind":"seen"`)); n != first.Messages {
		t.Errorf("%d seen entries, want %d", n, first.Messages)
	}
}

// bigMbox writes a generated mailbox large enough to interrupt mid-scan.
func bigMbox(t *testing.T, n int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "big.mbox")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := mailgen.Generate(mailgen.Options{Seed: 7, Messages: n}).WriteMbox(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

// manifestWithoutTimes drops scanned_at, the only field that differs
// between two runs over the same input.
func manifestWithoutTimes(t *testing.T, caseDir string) string {
	b, err := os.ReadFile(filepath.Join(caseDir, store.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var e store.Entry
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		e.ScannedAt = ""
		j, _ := json.Marshal(e)
		lines = append(lines, string(j))
	}
	return strings.Join(lines, "\n")
}

// stepUntil lets p run in short slices (SIGCONT, a millisecond, SIGSTOP)
// until done reports true, and leaves p stopped.
func stepUntil(p *os.Process, done func() bool) error {
	deadline := time.Now().Add(60 * time.Second)
	for {
		if err := p.Signal(syscall.SIGSTOP); err != nil {
			return fmt.Errorf("stop the scan: %w (did it end?)", err)
		}
		if done() {
			return nil
		}
		if time.Now().After(deadline) {
			return errors.New("nothing committed after 60 s of stepping")
		}
		p.Signal(syscall.SIGCONT)
		time.Sleep(time.Millisecond)
	}
}

func TestInterruptedScanResumesToTheSameCase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large mailbox")
	}
	src := bigMbox(t, 4000)
	ref := filepath.Join(t.TempDir(), "ref")
	refSum := scanJSON(t, "--case", ref, src)
	refFindings, _ := os.ReadFile(filepath.Join(ref, store.FindingsFile))

	for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			caseDir := filepath.Join(t.TempDir(), "case")
			cmd := exec.Command(binPath, "scan", "--quiet", "--workers", "1", "--case", caseDir, src)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Interrupt once part of the mailbox is committed, for certain:
			// the scan runs in slices of a millisecond between SIGSTOP and
			// SIGCONT until the manifest has lines, and is stopped when the
			// signal comes, so it cannot finish first.
			if err := stepUntil(cmd.Process, func() bool {
				st, err := os.Stat(filepath.Join(caseDir, store.ManifestFile))
				return err == nil && st.Size() > 0
			}); err != nil {
				t.Fatal(err)
			}
			cmd.Process.Signal(sig)
			cmd.Process.Signal(syscall.SIGCONT) // a stopped process takes SIGINT when it runs
			err := cmd.Wait()
			ee, ok := err.(*exec.ExitError)
			if !ok {
				t.Fatalf("the interrupted scan ended with %v, want a non-zero exit", err)
			}
			if sig == syscall.SIGINT && (ee.ExitCode() != 1 || !strings.Contains(stderr.String(), "run the same command again")) {
				t.Errorf("SIGINT: exit %d, stderr %q", ee.ExitCode(), stderr.String())
			}
			resumed := scanJSON(t, "--case", caseDir, src)
			// The manifest had lines when the signal came: some messages were
			// already in the case and count as duplicates now.
			if resumed.Messages != refSum.Messages || resumed.Duplicates == 0 {
				t.Errorf("resume summary %+v (reference %+v)", resumed, refSum)
			}
			got, _ := os.ReadFile(filepath.Join(caseDir, store.FindingsFile))
			if !bytes.Equal(got, refFindings) {
				t.Errorf("findings after resume differ from an uninterrupted scan (%d vs %d bytes)", len(got), len(refFindings))
			}
			if diff := cmp.Diff(manifestWithoutTimes(t, ref), manifestWithoutTimes(t, caseDir)); diff != "" {
				t.Errorf("manifest after resume (-uninterrupted +resumed)\n%s", diff)
			}
			indexAgrees(t, caseDir)
		})
	}
}

func TestExitCodesAndErrors(t *testing.T) {
	tmp := t.TempDir()
	caseDir := filepath.Join(tmp, "case")
	src := filepath.Join(sampleDir, mailgen.BundleMbox)
	tests := []struct {
		name     string
		args     []string
		code     int
		stderrRe string
	}{
		{"no source", []string{"scan", "--case", caseDir}, 2, "no SOURCE"},
		{"missing source", []string{"scan", "--case", caseDir, filepath.Join(tmp, "nope.mbox")}, 2, "nope.mbox"},
		{"bad since", []string{"scan", "--case", caseDir, "--since", "yesterday", src}, 2, "--since"},
		{"unknown flag", []string{"scan", "--bogus", src}, 2, "bogus"},
		{"imap not yet", []string{"scan", "--case", caseDir, "imaps://u@example.jp"}, 2, "IMAP"},
		{"findings without case", []string{"findings", "--case", filepath.Join(tmp, "none")}, 2, "not a mailsift case"},
		{"findings bad format", []string{"findings", "--case", caseDir, "--format", "xml"}, 2, "--format"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := mailsift(t, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.stderrRe) || r.stdout != "" {
				t.Errorf("exit %d (want %d), stdout %q, stderr %q (want %q)", r.code, tc.code, r.stdout, r.stderr, tc.stderrRe)
			}
		})
	}
	if _, err := os.Stat(caseDir); err == nil {
		t.Error("a failed usage check created the case")
	}
	for _, cmd := range [][]string{{"--help"}, {"scan", "--help"}, {"findings", "--help"}} {
		if r := mailsift(t, cmd...); r.code != 0 || !strings.Contains(r.stdout, "Examples:") && !strings.Contains(r.stdout, "Example") {
			t.Errorf("%v: exit %d, no examples in help", cmd, r.code)
		}
	}
}

func TestDateRange(t *testing.T) {
	caseDir := filepath.Join(t.TempDir(), "case")
	all := scanJSON(t, "--case", caseDir, "--since", "1990-01-01", filepath.Join(sampleDir, mailgen.BundleMbox))
	other := filepath.Join(t.TempDir(), "case2")
	none := scanJSON(t, "--case", other, "--before", "1990-01-01", filepath.Join(sampleDir, mailgen.BundleMbox))
	if all.OutOfRange != 0 || none.OutOfRange == 0 || none.Findings >= all.Findings {
		t.Errorf("since: %+v\nbefore: %+v", all, none)
	}
}

var _ = runtime.GOOS

// indexAgrees checks the search index holds exactly the findings file.
func indexAgrees(t *testing.T, caseDir string) {
	t.Helper()
	if st, err := caseindex.Check(caseDir); err != nil || st != caseindex.Fresh {
		t.Fatalf("index %v %v, want fresh", st, err)
	}
	ix, err := index.Open(caseDir, caseindex.Dir(caseDir))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	n := ix.Count()
	all := readFindings(t, caseDir)
	if int(n) != len(all) {
		t.Fatalf("index holds %d findings, the findings file %d", n, len(all))
	}
	phones := 0
	for _, f := range all {
		if f.Type == "phone" {
			phones++
		}
	}
	res, err := ix.Search(context.Background(), index.Request{Query: "+type:phone", Size: 1})
	if err != nil || int(res.Total) != phones {
		t.Fatalf("search type:phone: %v hits, want %d (%v)", res, phones, err)
	}
}

func TestSearchIndexIsBuiltWhenNeeded(t *testing.T) {
	caseDir := filepath.Join(t.TempDir(), "case")
	src := filepath.Join(sampleDir, mailgen.BundleMbox)
	scanJSON(t, "--case", caseDir, "--no-index", src)
	if _, err := os.Stat(filepath.Join(caseDir, store.IndexDir)); err == nil {
		t.Error("--no-index created the index")
	}
	// search builds it first, and says so.
	r := mailsift(t, "search", "--case", caseDir, "type:phone")
	if r.code != 0 || !strings.Contains(r.stderr, "building it") {
		t.Fatalf("search without an index: exit %d\n%s", r.code, r.stderr)
	}
	indexAgrees(t, caseDir)
	// An override makes it stale: the next search builds it again.
	hits, _ := searchJSON(t, "--case", caseDir, "--size", "1", "type:person_name")
	if len(hits) == 0 || hits[0].Person == "" {
		t.Fatal("no person to override")
	}
	if r := mailsift(t, "override", "--case", caseDir, "not-person", hits[0].Person); r.code != 0 {
		t.Fatalf("override: %s", r.stderr)
	}
	if st, _ := caseindex.Check(caseDir); st != caseindex.Stale {
		t.Errorf("after an override the index is %v, want stale", st)
	}
	if r := mailsift(t, "search", "--case", caseDir, "type:phone"); r.code != 0 || !strings.Contains(r.stderr, "stale") {
		t.Fatalf("search over a stale index: exit %d\n%s", r.code, r.stderr)
	}
	indexAgrees(t, caseDir)
	// A damaged index is built again from the findings file.
	if err := os.WriteFile(filepath.Join(caseDir, store.IndexDir, "mailsift-index.json"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := mailsift(t, "search", "--case", caseDir, "type:phone"); r.code != 0 || !strings.Contains(r.stderr, "broken") {
		t.Fatalf("search over a damaged index: exit %d\n%s", r.code, r.stderr)
	}
	indexAgrees(t, caseDir)
}

// TestHostileMailbox runs every hostile case, the 30 MB part included,
// through the binary: exit 0, every bad part counted with its place.
func TestHostileMailbox(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 40 MB mailbox")
	}
	c := mailgen.Generate(mailgen.Options{Seed: 3, Messages: 10, Hostile: true, Big: true})
	src := filepath.Join(t.TempDir(), "hostile.mbox")
	f, err := os.Create(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.WriteMbox(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	minErrors, hostile := 0, 0
	for _, m := range c.Messages {
		minErrors += m.Expect.MinErrors
		if m.Expect.Hostile {
			hostile++
		}
	}
	caseDir := filepath.Join(t.TempDir(), "case")
	sum := scanJSON(t, "--case", caseDir, src)
	if sum.Messages != len(c.Messages) || sum.Errors < minErrors {
		t.Fatalf("summary %+v: want %d messages and at least %d errors", sum, len(c.Messages), minErrors)
	}
	// Every problem is on record with the message's place in the mbox.
	b, _ := os.ReadFile(filepath.Join(caseDir, store.ManifestFile))
	withErrors := 0
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var e store.Entry
		if err := json.Unmarshal(line, &e); err != nil {
			t.Fatal(err)
		}
		if len(e.Errors) > 0 {
			withErrors++
			if e.Path == "" || e.Index == 0 {
				t.Errorf("problem without a place: %+v", e)
			}
		}
	}
	if withErrors == 0 || withErrors > hostile {
		t.Errorf("%d messages with recorded problems, %d hostile ones generated", withErrors, hostile)
	}
}
