package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mailsift/mailsift/internal/mailgen"
	"github.com/mailsift/mailsift/scanner"
)

// TestAttachmentBombs scans attachments built to exhaust a reader (a
// 1 GiB zip bomb, a ZIP of four of them, a 1,000-page PDF, a page tree
// that loops, a form that draws itself): the scan finishes with exit 0,
// counts the bounded parts as errors, still finds the e-mail in every
// body, and stays under 500 MB of peak RSS.
func TestAttachmentBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1 GiB zip bomb")
	}
	dir := t.TempDir()
	c := mailgen.Generate(mailgen.Options{Seed: 5, Bombs: true})
	mbox := filepath.Join(dir, "bombs.mbox")
	f, err := os.Create(mbox)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.WriteMbox(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	caseDir := filepath.Join(dir, "case")
	cmd := exec.Command(binPath, "scan", "--json", "--quiet", "--no-index", "--attachment-timeout", "30s", "--case", caseDir, mbox)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("scan: %v\n%s", err, tail(stderr.String()))
	}
	elapsed := time.Since(start)
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss / 1024 // KiB → MiB
	var sum scanner.Summary
	if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
		t.Fatalf("summary %q: %v", stdout.String(), err)
	}
	t.Logf("bombs: %d messages, %d errors, %d findings in %v, peak RSS %d MiB", sum.Messages, sum.Errors, sum.Findings, elapsed.Round(time.Millisecond), rss)
	if rss > 500 {
		t.Errorf("peak RSS %d MiB, want ≤ 500", rss)
	}
	if sum.Messages != len(c.Messages) || sum.Errors < 3 {
		t.Errorf("summary %+v: want %d messages and the bombs counted as errors", sum, len(c.Messages))
	}
	// Every bomb's body e-mail is still found.
	found := map[string]bool{}
	for _, f := range readFindings(t, caseDir, "--reveal", "--type", "email") {
		found[f.MessageID] = true
	}
	bombs := 0
	for _, m := range c.Messages {
		if strings.Contains(m.Name, "-bomb-") {
			bombs++
			if !found["<"+m.Expect.MessageID+">"] {
				t.Errorf("%s: body e-mail not found", m.Name)
			}
		}
	}
	if bombs != 5 {
		t.Errorf("%d bomb messages generated, want 5", bombs)
	}
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, "bomb") || strings.Contains(l, "limit") {
			t.Log(l)
		}
	}
}
