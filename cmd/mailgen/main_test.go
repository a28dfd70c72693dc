package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/internal/mailgen"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	args := []string{"-seed", "3", "-messages", "5", "-hostile", "-out", dir}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	c := mailgen.Generate(mailgen.Options{Seed: 3, Messages: 5, Hostile: true})
	for _, p := range []string{mailgen.BundleMbox, mailgen.BundleLabels, filepath.Join(mailgen.BundleEML, "INBOX", c.Messages[0].Name)} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Error(err)
		}
	}
	labels, _ := os.ReadFile(filepath.Join(dir, mailgen.BundleLabels))
	if n := strings.Count(string(labels), "\n"); n != len(c.Messages) {
		t.Errorf("labels.jsonl has %d lines, want %d", n, len(c.Messages))
	}
	if code := run(args, &stdout, &stderr); code != 1 {
		t.Errorf("writing over a bundle: exit %d, want 1", code)
	}
	if code := run(append(args, "-force"), &stdout, &stderr); code != 0 {
		t.Errorf("-force: exit %d: %s", code, stderr.String())
	}
	if code := run(nil, &stdout, &stderr); code != 2 {
		t.Errorf("no -out: exit %d, want 2", code)
	}
}
