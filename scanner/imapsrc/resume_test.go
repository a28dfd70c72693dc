package imapsrc

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/scanner/imapsrc/dovecottest"
)

// TestDovecotResumeAfterDrops cuts connections mid-folder through a proxy:
// the pull reconnects, and the evidence ends complete without duplicates.
// The proxy also records every command sent: only read-only ones.
func TestDovecotResumeAfterDrops(t *testing.T) {
	s := dovecottest.Start(t)
	msgs := sampleMailbox(false)
	fill(t, s, "bob", msgs)
	before := serverFlags(t, s, "bob")

	px := newProxy(t, s.TLSAddr(), 40<<10, 6) // drop the first 6 connections after 40 KiB each
	o := dovecotOptions(t, s, "bob")
	o.Endpoint.Port = px.port()
	o.Endpoint.Host = "127.0.0.1"
	o.ChunkUIDs = 7
	dir := t.TempDir()
	st, err := Pull(context.Background(), o, dir)
	if err != nil {
		t.Fatalf("Pull: %v", err)
	}
	if px.dropped.Load() == 0 || st.Retries == 0 {
		t.Fatalf("no connection was cut (dropped %d, retries %d): the test does not test resuming", px.dropped.Load(), st.Retries)
	}
	checkComplete(t, dir, msgs)
	if d := serverFlags(t, s, "bob"); fmt.Sprint(d) != fmt.Sprint(before) {
		t.Errorf("flags changed on the server")
	}
}

// checkComplete checks that the evidence holds every message once.
func checkComplete(t *testing.T, dir string, msgs []placed) {
	t.Helper()
	recs := messageRecords(t, dir)
	if len(recs) != len(msgs) {
		t.Errorf("log has %d message records, want %d", len(recs), len(msgs))
	}
	unique := map[string]bool{}
	for _, m := range msgs {
		unique[sha(m.raw)] = true
	}
	files := 0
	seen := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(filepath.Dir(p)) != "cur" {
			return err
		}
		files++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		h := sha(b)
		if seen[h] {
			t.Errorf("%s: same bytes stored twice", p)
		}
		seen[h] = true
		if !unique[h] {
			t.Errorf("%s: not a message of the server (truncated?)", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files != len(unique) {
		t.Errorf("evidence has %d files, want %d", files, len(unique))
	}
	if ents, _ := os.ReadDir(filepath.Join(dir, stagingDir)); len(ents) != 0 {
		t.Errorf("tmp/ not empty: %d entries", len(ents))
	}
}

// TestDovecotResumeAfterCrash fakes what kill -9 leaves: a torn log line,
// log lines never written for stored files, half-received files in tmp/.
// The next pull cleans up, fetches exactly what is missing, and ends with
// every message once.
func TestDovecotResumeAfterCrash(t *testing.T) {
	s := dovecottest.Start(t)
	msgs := sampleMailbox(false)
	fill(t, s, "carol", msgs)
	o := dovecotOptions(t, s, "carol")
	dir := t.TempDir()
	if _, err := Pull(context.Background(), o, dir); err != nil {
		t.Fatal(err)
	}
	// Keep the log up to the 30th message record and half of the 31st.
	logPath := filepath.Join(dir, LogFile)
	b, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	kept, n := "", 0
	for _, l := range lines {
		if strings.Contains(l, `"type":"message"`) {
			n++
			if n == 31 {
				kept += l[:len(l)/2]
				break
			}
		}
		kept += l
	}
	if err := os.WriteFile(logPath, []byte(kept), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, stagingDir, "fetch-123"), []byte("Subject: half"), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := Pull(context.Background(), o, dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Repaired.LogBytesCut == 0 || st.Repaired.Staged != 1 || st.Repaired.Uncommitted == 0 {
		t.Errorf("repair %+v: want a cut log line, 1 staged file, uncommitted files", st.Repaired)
	}
	if st.Already != 30 || st.Messages != len(msgs)-30 {
		t.Errorf("resume fetched %d and skipped %d, want %d and 30", st.Messages, st.Already, len(msgs)-30)
	}
	checkComplete(t, dir, msgs)

	// A file deleted from the evidence is fetched again.
	recs := messageRecords(t, dir)
	if err := os.Remove(filepath.Join(dir, recs[5].File)); err != nil {
		t.Fatal(err)
	}
	st, err = Pull(context.Background(), o, dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Repaired.MissingFiles != 1 || st.Messages != 1 {
		t.Errorf("after deleting a file: repair %+v, fetched %d; want 1 missing file fetched again", st.Repaired, st.Messages)
	}
}

// TestDovecotUIDValidityChange resets a folder's UIDVALIDITY on the server:
// the next pull says so and fetches the folder again; the bytes are
// already stored, so nothing new is written, and the old records stay.
func TestDovecotUIDValidityChange(t *testing.T) {
	s := dovecottest.Start(t)
	msgs := sampleMailbox(false)
	fill(t, s, "dave", msgs)
	o := dovecotOptions(t, s, "dave")
	dir := t.TempDir()
	if _, err := Pull(context.Background(), o, dir); err != nil {
		t.Fatal(err)
	}
	// Dovecot keeps UIDVALIDITY in dovecot-uidlist ("3 V<n> N<next> ...")
	// and its index; rewriting the one and dropping the other resets it.
	fd := s.FolderDir("dave", "Sent")
	ul := filepath.Join(fd, "dovecot-uidlist")
	b, err := os.ReadFile(ul)
	if err != nil {
		t.Fatal(err)
	}
	b = regexp.MustCompile(` V\d+ `).ReplaceAll(b, []byte(" V12345 "))
	if err := os.WriteFile(ul, b, 0o600); err != nil {
		t.Fatal(err)
	}
	idx, _ := filepath.Glob(filepath.Join(fd, "dovecot.index*"))
	list, _ := filepath.Glob(filepath.Join(s.Maildir("dave"), "dovecot.list.index*")) // caches UIDVALIDITY too
	for _, f := range append(idx, list...) {
		os.Remove(f)
	}
	st, err := Pull(context.Background(), o, dir)
	if err != nil {
		t.Fatal(err)
	}
	sent := 0
	for _, m := range msgs {
		if m.folder == "Sent" {
			sent++
		}
	}
	if len(st.Restarted) != 1 || st.Restarted[0] != "Sent" {
		t.Fatalf("restarted %v, want [Sent]", st.Restarted)
	}
	if st.Messages != sent || st.Stored != 0 || st.Duplicates != sent {
		t.Errorf("after the reset: fetched %d stored %d duplicates %d; want %d 0 %d", st.Messages, st.Stored, st.Duplicates, sent, sent)
	}
	var old, renewed int
	for _, r := range messageRecords(t, dir) {
		if r.Folder == "Sent" && r.UIDValidity == 12345 {
			renewed++
		} else if r.Folder == "Sent" {
			old++
		}
	}
	if old != sent || renewed != sent {
		t.Errorf("Sent records: %d under the old UIDVALIDITY, %d under the new; want %d each", old, renewed, sent)
	}
}
