package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/mailsift/mailsift/internal/mailgen"
	"github.com/mailsift/mailsift/store"
)

// Two scans into one case at once: the second is refused while the first
// writes, saying which process holds the case; with --wait it runs after
// it; the case ends as two scans one after the other would leave it.
func TestOneScanAtATimePerCase(t *testing.T) {
	srcA := bigMbox(t, 1500)
	srcB := filepath.Join(sampleDir, mailgen.BundleMbox)
	ref := filepath.Join(t.TempDir(), "ref")
	scanJSON(t, "--case", ref, srcA)
	scanJSON(t, "--case", ref, srcB)

	caseDir := filepath.Join(t.TempDir(), "case")
	a := exec.Command(binPath, "scan", "--quiet", "--workers", "1", "--case", caseDir, srcA)
	if err := a.Start(); err != nil {
		t.Fatal(err)
	}
	// Hold the first scan while it holds the case.
	if err := stepUntil(a.Process, func() bool {
		b, err := os.ReadFile(filepath.Join(caseDir, store.LockFile))
		return err == nil && bytes.Contains(b, []byte(`"command":"scan"`))
	}); err != nil {
		t.Fatal(err)
	}
	r := mailsift(t, "scan", "--quiet", "--case", caseDir, srcB)
	if r.code != 1 || !strings.Contains(r.stderr, "being written by process") || !strings.Contains(r.stderr, "--wait") {
		t.Errorf("second writer: exit %d, stderr %q; want exit 1 naming the holder", r.code, r.stderr)
	}
	w := exec.Command(binPath, "scan", "--quiet", "--wait", "--case", caseDir, srcB)
	var werr bytes.Buffer
	w.Stderr = &werr
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	a.Process.Signal(syscall.SIGCONT)
	if err := a.Wait(); err != nil {
		t.Fatalf("first scan: %v", err)
	}
	if err := w.Wait(); err != nil {
		t.Fatalf("waiting scan: %v\n%s", err, werr.String())
	}
	if got, want := findingKeys(t, caseDir), findingKeys(t, ref); !slices.Equal(got, want) {
		t.Errorf("case after concurrent scans has %d findings, two scans in turn %d", len(got), len(want))
	}
	if got, want := manifestWithoutTimes(t, caseDir), manifestWithoutTimes(t, ref); got != want {
		t.Error("manifest after concurrent scans differs from two scans in turn")
	}
	indexAgrees(t, caseDir)
}

func TestCaseDirectoryIsNeverAdopted(t *testing.T) {
	src := filepath.Join(sampleDir, mailgen.BundleMbox)
	foreign := t.TempDir()
	os.Chmod(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "thesis.docx"), []byte("mine"), 0o644)
	r := mailsift(t, "scan", "--case", foreign, src)
	if r.code != 2 || !strings.Contains(r.stderr, "not a mailsift case") {
		t.Errorf("foreign directory: exit %d, stderr %q", r.code, r.stderr)
	}
	names, _ := os.ReadDir(foreign)
	if st, _ := os.Stat(foreign); len(names) != 1 || st.Mode().Perm() != 0o755 {
		t.Errorf("foreign directory changed: %d entries, mode %v", len(names), st.Mode().Perm())
	}
	file := filepath.Join(t.TempDir(), "case.txt")
	os.WriteFile(file, []byte("x"), 0o644)
	if r := mailsift(t, "scan", "--case", file, src); r.code != 2 {
		t.Errorf("a regular file as --case: exit %d, want 2 (%s)", r.code, r.stderr)
	}
	// An empty directory is fine, and a case once made opens again.
	empty := t.TempDir()
	scanJSON(t, "--case", empty, src)
	os.WriteFile(filepath.Join(empty, "notes.txt"), []byte("investigator's notes"), 0o600)
	scanJSON(t, "--case", empty, src)
}

func TestPlantedSymlinkIsNotFollowed(t *testing.T) {
	src := filepath.Join(sampleDir, mailgen.BundleMbox)
	caseDir := filepath.Join(t.TempDir(), "case")
	scanJSON(t, "--case", caseDir, "--no-index", src)
	outside := filepath.Join(t.TempDir(), "exfil.jsonl")
	os.WriteFile(outside, nil, 0o644)
	os.Remove(filepath.Join(caseDir, store.FindingsFile))
	if err := os.Symlink(outside, filepath.Join(caseDir, store.FindingsFile)); err != nil {
		t.Fatal(err)
	}
	r := mailsift(t, "scan", "--case", caseDir, src)
	if r.code != 2 || !strings.Contains(r.stderr, "symbolic link") {
		t.Errorf("planted link: exit %d, stderr %q", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(outside); len(b) != 0 {
		t.Errorf("%d bytes written through the link", len(b))
	}
}

func TestFlagsAreBounded(t *testing.T) {
	tmp := t.TempDir()
	caseDir := filepath.Join(tmp, "case")
	src := filepath.Join(sampleDir, mailgen.BundleMbox)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"workers huge", []string{"--workers", "100000000"}, "--workers"},
		{"workers negative", []string{"--workers", "-1"}, "--workers"},
		{"max-findings 0", []string{"--max-findings", "0"}, "--max-findings"},
		{"max-findings negative", []string{"--max-findings", "-1"}, "--max-findings"},
		{"max-message-bytes negative", []string{"--max-message-bytes", "-1"}, "--max-message-bytes"},
		{"imap-conns 0", []string{"--imap-conns", "0"}, "--imap-conns"},
		{"max-ratio 0", []string{"--max-ratio", "0"}, "--max-ratio"},
		{"since after before", []string{"--since", "2024-05-14", "--before", "2024-04-28"}, "--since"},
		{"since equals before", []string{"--since", "2024-05-14", "--before", "2024-05-14"}, "--since"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := mailsift(t, append(append([]string{"scan", "--case", caseDir}, tc.args...), src)...)
			if r.code != 2 || !strings.Contains(r.stderr, tc.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d (want 2), stderr %q (want one line about %s)", r.code, r.stderr, tc.want)
			}
		})
	}
	if _, err := os.Stat(caseDir); err == nil {
		t.Error("a refused scan created the case")
	}
	scanJSON(t, "--case", caseDir, src)
	if r := mailsift(t, "findings", "--case", caseDir, "--type", "nosuchtype"); r.code != 2 || !strings.Contains(r.stderr, "person_name") {
		t.Errorf("findings --type nosuchtype: exit %d, stderr %q", r.code, r.stderr)
	}
}

// A damaged findings file is repaired by the next scan: the damaged
// messages are scanned again, and the case ends as a clean scan's.
func TestDamagedFindingsAreDerivedAgain(t *testing.T) {
	src := filepath.Join(sampleDir, mailgen.BundleMbox)
	ref := filepath.Join(t.TempDir(), "ref")
	scanJSON(t, "--case", ref, src)
	caseDir := filepath.Join(t.TempDir(), "case")
	scanJSON(t, "--case", caseDir, src)
	p := filepath.Join(caseDir, store.FindingsFile)
	b, _ := os.ReadFile(p)
	os.WriteFile(p, b[:len(b)-30], 0o600) // the last line torn
	r := mailsift(t, "scan", "--quiet", "--case", caseDir, src)
	if r.code != 0 || !strings.Contains(r.stderr, "derived again") {
		t.Fatalf("rescan: exit %d, stderr %q", r.code, r.stderr)
	}
	if got, want := findingKeys(t, caseDir), findingKeys(t, ref); !slices.Equal(got, want) {
		t.Errorf("after the repair %d findings, a clean scan %d", len(got), len(want))
	}
	indexAgrees(t, caseDir)
}

// Names from the evidence reach the terminal escaped, and CSV cells cannot
// be formulas.
func TestHostileNamesAreEscaped(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.eml"), []byte("From: a@example.jp\r\nSubject: hi\r\n\r\n=HYPERLINK(\"http://evil\") 電話 03-1234-5678\r\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "x\nwarning: fake\x1b[2J"), []byte("not mail at all\x00"), 0o644)
	caseDir := filepath.Join(t.TempDir(), "case")
	r := mailsift(t, "scan", "--case", caseDir, dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if strings.Contains(r.stderr, "\x1b") || strings.Contains(r.stderr, "\nwarning: fake") || !strings.Contains(r.stderr, `x\nwarning: fake\x1b[2J`) {
		t.Errorf("stderr not escaped: %q", r.stderr)
	}
	out := mailsift(t, "findings", "--case", caseDir, "--format", "csv", "--reveal")
	rows, err := csv.NewReader(strings.NewReader(out.stdout)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("csv: %v, %d rows", err, len(rows))
	}
	for _, row := range rows[1:] {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q can be taken for a formula", cell)
			}
		}
	}
}
