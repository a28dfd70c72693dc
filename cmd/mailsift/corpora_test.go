package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/store"
)

// corporaDir holds real public mail nobody here wrote (shared/corpora,
// beside the repository). It is not part of the repository.
const corporaDir = "../../../shared/corpora"

// TestRealCorpora scans every corpus: each must finish with exit 0, and
// every part must be accounted for: decoded or kept, and every problem
// counted in the summary is on record in the manifest.
func TestRealCorpora(t *testing.T) {
	entries, err := os.ReadDir(corporaDir)
	if err != nil {
		t.Skipf("no corpora at %s: %v", corporaDir, err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			src := filepath.Join(corporaDir, name)
			if name == "spamassassin-publiccorpus" {
				if testing.Short() {
					t.Skip("6,046 messages")
				}
				src = unpack(t, filepath.Join(src, "spamassassin-6046.tar.xz"))
			}
			caseDir := filepath.Join(t.TempDir(), "case")
			r := mailsift(t, "scan", "--json", "--case", caseDir, src)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, tail(r.stderr))
			}
			var sum struct {
				Messages, Duplicates, Errors, SkippedFiles int `json:"-"`
			}
			var raw map[string]float64
			json.Unmarshal([]byte(r.stdout), &raw)
			sum.Messages, sum.Duplicates, sum.Errors, sum.SkippedFiles = int(raw["messages"]), int(raw["duplicates"]), int(raw["errors"]), int(raw["skipped_files"])
			recorded, parts := manifestErrors(t, caseDir)
			unreadable := strings.Count(r.stderr, "warning: unreadable message")
			if recorded+unreadable != sum.Errors {
				t.Errorf("summary counts %d errors, manifest records %d and stderr %d unreadable", sum.Errors, recorded, unreadable)
			}
			if decodeWarnings := strings.Count(r.stderr, "warning: decode problem"); decodeWarnings < recorded {
				t.Errorf("%d problems logged for %d problem parts", decodeWarnings, recorded)
			}
			// A detector or extractor panic is recovered and logged, and the
			// scan goes on; on real mail it is still a bug.
			for _, bug := range []string{"panicked", "internal error"} {
				if n := strings.Count(r.stderr, bug); n > 0 {
					i := strings.Index(r.stderr, bug)
					t.Errorf("%d %q on real mail, e.g. %s", n, bug, r.stderr[max(0, i-200):min(len(r.stderr), i+200)])
				}
			}
			// Every finding has its own ID: the index is keyed by it, and
			// a finding must name one place (SpamAssassin has a message with
			// 90 "Cc:" lines).
			ids := map[string]bool{}
			for _, f := range readFindings(t, caseDir) {
				if ids[f.ID] {
					t.Errorf("two findings with ID %s (%s %s)", f.ID, f.Type, f.Location)
					break
				}
				ids[f.ID] = true
			}
			if log, _ := os.ReadFile(filepath.Join(caseDir, store.LogFile)); strings.Contains(string(log), "index count differs") {
				t.Errorf("the search index disagreed with the findings file after a fresh scan")
			}
			t.Logf("%s: %d messages, %d duplicates, %d parts, %d errors, %d skipped files", name, sum.Messages, sum.Duplicates, parts, sum.Errors, sum.SkippedFiles)
			// Outlook files are sources (PST, OST, .msg: every item a
			// message, pffexport's count for the PSTs); winmail.dat is an
			// attachment, no mailbox of its own.
			if want, ok := outlookItems[name]; ok {
				if sum.Messages != want {
					t.Errorf("%d messages read, want the %d items of its Outlook files", sum.Messages, want)
				}
				return
			}
			switch {
			case !holdsMail(t, src) && sum.Messages != 0:
				t.Errorf("%d messages read from a corpus of TNEF files, which are attachments, not mailboxes", sum.Messages)
			case holdsMail(t, src) && sum.Messages == 0:
				t.Error("no messages read")
			}
		})
	}
}

// outlookItems are the items of the corpora of Outlook files: pffexport
// finds 1 in 32-bit.pst and 17 in support.pst; ruby-msg has 8 .msg files.
var outlookItems = map[string]int{"go-pst-data": 18, "ruby-msg": 8}

// holdsMail reports whether a corpus has files a mail source reads: some
// corpora hold only Outlook files (.pst, .msg: see outlookItems) and
// winmail.dat (.tnef), which is read as an attachment but is no mailbox.
func holdsMail(t *testing.T, dir string) bool {
	t.Helper()
	mail := false
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".pst", ".ost", ".msg", ".tnef":
		default:
			if n := strings.ToUpper(d.Name()); !strings.HasPrefix(n, "LICENSE") && n != "COPYING" && !strings.HasPrefix(n, "README") {
				mail = true
			}
		}
		return nil
	})
	return mail
}

// manifestErrors counts the parts with recorded problems and checks every
// part's status and that each such part has its problems on record.
func manifestErrors(t *testing.T, caseDir string) (errs, parts int) {
	f, err := os.Open(filepath.Join(caseDir, store.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var e store.Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		errs += e.ErrorParts
		if (e.ErrorParts == 0) != (len(e.Errors) == 0) {
			t.Errorf("message %s: %d problem parts but %d problems on record", e.MessageSHA256[:12], e.ErrorParts, len(e.Errors))
		}
		for _, p := range e.Parts {
			parts++
			if p.Status != "text" && p.Status != "binary" {
				t.Errorf("message %s part %s: status %q", e.MessageSHA256[:12], p.Path, p.Status)
			}
		}
	}
	return errs, parts
}

func unpack(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("tar", "-xJf", archive, "-C", dir).CombinedOutput(); err != nil {
		t.Fatalf("unpack %s (needs tar and xz-utils): %v\n%s", archive, err, out)
	}
	return dir
}

func tail(s string) string {
	if len(s) > 2000 {
		return "..." + s[len(s)-2000:]
	}
	return s
}
