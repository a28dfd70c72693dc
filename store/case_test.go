package store

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func hashOf(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func entry(msg string) Entry {
	return Entry{Kind: KindMessage, MessageSHA256: hashOf(msg), Path: "/x/" + msg, Findings: 1}
}

func finding(msg, id string) Finding {
	return Finding{ID: id, Type: "email", Value: "a@example.jp", MessageSHA256: hashOf(msg)}
}

func ids(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	if err := EachFinding(dir, func(f *Finding) error { out = append(out, f.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCommitAndReopen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "case")
	c, _, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Commit(&Batch{Findings: []Finding{finding("m1", "f1"), finding("m2", "f2")}, Entries: []Entry{entry("m1"), entry("m2")}}); err != nil {
		t.Fatal(err)
	}
	committed := c.Committed()
	c.Close()
	st, _ := os.Stat(filepath.Join(dir, FindingsFile))
	if committed != st.Size() || committed == 0 {
		t.Errorf("committed %d, file %d", committed, st.Size())
	}
	for name, want := range map[string]os.FileMode{"": 0o700, ManifestFile: 0o600, FindingsFile: 0o600} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil || st.Mode().Perm() != want {
			t.Errorf("%q mode %v, want %v (%v)", name, st.Mode().Perm(), want, err)
		}
	}
	c, rep, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	h := sha256.Sum256([]byte("m1"))
	if !c.Known(h) || !c.SeenAt(h, "/x/m1", 0) || c.SeenAt(h, "/y/m1", 0) || c.FindingCount() != 2 {
		t.Errorf("reopen lost state: known %v count %d", c.Known(h), c.FindingCount())
	}
	if rep.ManifestBytesCut != 0 || len(rep.OrphanFindings) != 0 {
		t.Errorf("clean case repaired: %+v", rep)
	}
}

// A scan killed between writing findings and the manifest line, and in the
// middle of a line, leaves a case that Open repairs to the last message
// that was wholly committed.
func TestRepairAfterCrash(t *testing.T) {
	dir := t.TempDir()
	c, _, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Commit(&Batch{Findings: []Finding{finding("m1", "f1")}, Entries: []Entry{entry("m1")}}); err != nil {
		t.Fatal(err)
	}
	// Findings of m2 written, manifest line for m2 never completed.
	if err := c.Commit(&Batch{Findings: []Finding{finding("m2", "f2"), finding("m2", "f3")}}); err != nil {
		t.Fatal(err)
	}
	c.Close()
	mf, _ := os.OpenFile(filepath.Join(dir, ManifestFile), os.O_APPEND|os.O_WRONLY, 0)
	mf.WriteString(`{"kind":"message","message_sha256":"` + hashOf("m2")[:10])
	mf.Close()
	ff, _ := os.OpenFile(filepath.Join(dir, FindingsFile), os.O_APPEND|os.O_WRONLY, 0)
	ff.WriteString(`{"id":"f4","type":"em`)
	ff.Close()

	c, rep, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if rep.ManifestBytesCut == 0 {
		t.Error("partial manifest line not cut")
	}
	if diff := cmp.Diff([]string{"f2", "f3"}, rep.OrphanFindings); diff != "" {
		t.Errorf("orphans (-want +got)\n%s", diff)
	}
	if diff := cmp.Diff([]string{"f1"}, ids(t, dir)); diff != "" {
		t.Errorf("findings after repair (-want +got)\n%s", diff)
	}
	if c.Known(sha256.Sum256([]byte("m2"))) {
		t.Error("m2 must be re-scanned")
	}
	before := c.Committed()
	// Findings written without their manifest line are not committed.
	if err := c.Commit(&Batch{Findings: []Finding{finding("m9", "f9")}}); err != nil {
		t.Fatal(err)
	}
	if c.Committed() != before {
		t.Error("findings without manifest lines moved the committed offset")
	}
	var ranged []string
	EachFindingRange(dir, 0, before, func(f *Finding, _ int64) error { ranged = append(ranged, f.ID); return nil })
	if diff := cmp.Diff([]string{"f1"}, ranged); diff != "" {
		t.Errorf("range (-want +got)\n%s", diff)
	}
	c.Close()
	if c, _, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	// Appending after repair continues cleanly.
	if err := c.Commit(&Batch{Findings: []Finding{finding("m2", "f2")}, Entries: []Entry{entry("m2")}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"f1", "f2"}, ids(t, dir)); diff != "" {
		t.Errorf("findings after resume (-want +got)\n%s", diff)
	}
}

func TestCorruptMiddleLineIsRefused(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ManifestFile), []byte("garbage\n{\"kind\":\"message\"}\n"), 0o600)
	if _, _, err := Open(dir); err == nil {
		t.Fatal("a manifest damaged before its last line must not be silently truncated")
	}
}

func TestOpenMissingCase(t *testing.T) {
	if _, _, err := Open(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Fatal("want ErrNotCase")
	}
}
