package imapsrc

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mailsift/mailsift/scanner/imapsrc/dovecottest"
	"github.com/mailsift/mailsift/scanner/source"
)

// TestDovecotPull collects a mailbox of several folders from a real
// Dovecot and checks the evidence against what was put on the server.
func TestDovecotPull(t *testing.T) {
	s := dovecottest.Start(t)
	msgs := sampleMailbox(true)
	fill(t, s, "alice", msgs)
	before := serverFlags(t, s, "alice")

	dir := t.TempDir()
	st, err := Pull(context.Background(), dovecotOptions(t, s, "alice"), dir)
	if err != nil {
		t.Fatalf("Pull: %v\n%s", err, s.Logs())
	}
	after := serverFlags(t, s, "alice")
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("flags on the server changed (-before +after):\n%s", diff)
	}

	unique := map[string]bool{}
	for _, m := range msgs {
		unique[string(m.raw)] = true
	}
	if st.Messages != len(msgs) || st.Stored != len(unique) || st.Duplicates != len(msgs)-len(unique) || st.Already != 0 {
		t.Errorf("stats: messages %d stored %d duplicates %d already %d; want %d %d %d 0",
			st.Messages, st.Stored, st.Duplicates, st.Already, len(msgs), len(unique), len(msgs)-len(unique))
	}

	recs := messageRecords(t, dir)
	if len(recs) != len(msgs) {
		t.Errorf("log has %d message records, want %d", len(recs), len(msgs))
	}
	// Every record's file holds bytes of the right hash, and the message
	// as put on the server.
	for _, r := range recs {
		b, err := os.ReadFile(filepath.Join(dir, r.File))
		if err != nil {
			t.Fatalf("record %s/%d: %v", r.Folder, r.UID, err)
		}
		if got := sha(b); got != r.SHA256 {
			t.Errorf("%s: sha256 %s, log says %s", r.File, got, r.SHA256)
		}
		if !unique[string(b)] {
			t.Errorf("%s: bytes differ from every message put on the server", r.File)
		}
		if r.Folder == "All Mail" && !r.Duplicate {
			t.Errorf("All Mail (\\All, fetched last) UID %d stored again instead of deduplicated", r.UID)
		}
		if r.InternalDate == "" || r.UIDValidity == 0 || r.MessageSHA256 == "" || r.RFC822Size != r.Size {
			t.Errorf("record %+v lacks fields", r)
		}
	}
	// Flags as seen are in the log and the file names.
	for _, r := range recs {
		want := before[r.Folder][r.UID]
		got := slices.Clone(r.Flags)
		slices.Sort(got)
		if strings.Join(got, " ") != want {
			t.Errorf("%s UID %d: logged flags %q, server had %q", r.Folder, r.UID, got, want)
		}
	}

	// The evidence reads back with the IMAP folder names.
	folders, n := readEvidence(t, dir)
	if n != len(unique) {
		t.Errorf("evidence holds %d messages, want %d", n, len(unique))
	}
	wantFolders := map[string]int{}
	for _, m := range msgs {
		if m.folder != "All Mail" {
			wantFolders[m.folder]++
		}
	}
	gotFolders := map[string]int{}
	for f, hs := range folders {
		gotFolders[f] = len(hs)
	}
	if diff := cmp.Diff(wantFolders, gotFolders); diff != "" {
		t.Errorf("evidence folders (-want +got):\n%s", diff)
	}
	// Canonical hashes equal those of the original messages.
	wantHash := map[string]bool{}
	for _, m := range msgs {
		wantHash[hexs(source.CanonicalHash(m.raw))] = true
	}
	for _, hs := range folders {
		for _, h := range hs {
			if !wantHash[h] {
				t.Errorf("evidence message with canonical hash %s not among the originals", h)
			}
		}
	}

	// Special-use attributes and folder directories are logged.
	all, _ := ReadLog(dir)
	attrs := map[string][]string{}
	dirs := map[string]string{}
	for _, r := range all {
		if r.Type == "folder" {
			attrs[r.Folder], dirs[r.Folder] = r.Attributes, r.Dir
		}
	}
	if !slices.Contains(attrs["All Mail"], `\All`) {
		t.Errorf("All Mail attributes %v lack \\All", attrs["All Mail"])
	}
	if dirs["日本語/顧客"] != "&ZeVnLIqe-/&mGdbog-" || dirs["INBOX"] != "" || dirs["Archive/2023"] != "Archive/2023" {
		t.Errorf("folder directories %v", dirs)
	}

	// A second pull fetches nothing.
	st2, err := Pull(context.Background(), dovecotOptions(t, s, "alice"), dir)
	if err != nil {
		t.Fatal(err)
	}
	if st2.Messages != 0 || st2.Already != len(msgs) {
		t.Errorf("second pull: messages %d already %d; want 0, %d", st2.Messages, st2.Already, len(msgs))
	}
	if got := len(messageRecords(t, dir)); got != len(msgs) {
		t.Errorf("after the second pull the log has %d message records, want %d", got, len(msgs))
	}
}

// TestDovecotLargeMessageStreamed pulls a 48 MiB message: it goes to disk
// in pieces, the heap stays small, and the hash is that of the bytes.
func TestDovecotLargeMessageStreamed(t *testing.T) {
	s := dovecottest.Start(t)
	var b strings.Builder
	b.WriteString("Subject: big\r\nContent-Type: text/plain\r\n\r\n")
	line := strings.Repeat("0123456789abcdef", 6) + "\r\n"
	for b.Len() < 48<<20 {
		b.WriteString(line)
	}
	raw := []byte(b.String())
	if err := s.Add("gina", "INBOX", raw, "S"); err != nil {
		t.Fatal(err)
	}
	if err := s.Add("gina", "Junk", []byte("Subject: spam\r\n\r\nspam\r\n"), ""); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base) // raw itself is 48 MiB of it
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	o := dovecotOptions(t, s, "gina")
	o.Folders = []string{`!\Junk`} // excluded by its special-use attribute
	dir := t.TempDir()
	st, err := Pull(context.Background(), o, dir)
	close(stop)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	if st.Messages != 1 || st.Bytes != int64(len(raw)) {
		t.Fatalf("fetched %d messages, %d bytes; want 1, %d (Junk excluded)", st.Messages, st.Bytes, len(raw))
	}
	recs := messageRecords(t, dir)
	if len(recs) != 1 || recs[0].SHA256 != sha(raw) || recs[0].MessageSHA256 != hexs(source.CanonicalHash(raw)) {
		t.Fatalf("records %+v", recs)
	}
	if grew := int64(peak.Load()) - int64(base.HeapInuse); grew > 16<<20 {
		t.Errorf("heap grew by %d MiB while pulling a 48 MiB message: not streamed", grew>>20)
	}
}
