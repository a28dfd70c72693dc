package store

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestForeignDirectoryIsRefusedAndUntouched(t *testing.T) {
	for _, name := range []string{"notes.txt", ".hidden", "index"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			os.Chmod(dir, 0o755)
			p := filepath.Join(dir, name)
			if name == "index" {
				os.Mkdir(p, 0o755) // a case name, but no manifest: not a case
			} else {
				os.WriteFile(p, []byte("mine"), 0o644)
			}
			_, _, err := Create(dir)
			if !errors.Is(err, ErrForeignDir) {
				t.Fatalf("Create = %v, want ErrForeignDir", err)
			}
			if st, _ := os.Stat(dir); st.Mode().Perm() != 0o755 {
				t.Errorf("directory mode changed to %v", st.Mode().Perm())
			}
			names, _ := dirNames(dir)
			if !slices.Equal(names, []string{name}) {
				t.Errorf("directory now holds %v", names)
			}
		})
	}
	f := filepath.Join(t.TempDir(), "file")
	os.WriteFile(f, []byte("x"), 0o644)
	if _, _, err := Create(f); !errors.Is(err, ErrForeignDir) {
		t.Errorf("Create on a regular file = %v, want ErrForeignDir", err)
	}
}

func TestEmptyDirectoryIsAdoptedWithAMarker(t *testing.T) {
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	c, _, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o700 {
		t.Errorf("case mode %v, want 0700", st.Mode().Perm())
	}
	b, err := os.ReadFile(filepath.Join(dir, MarkerFile))
	if err != nil || !strings.Contains(string(b), `"format":"mailsift-case"`) {
		t.Fatalf("marker %q, %v", b, err)
	}
	// Once marked, the case opens again whatever it holds.
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("investigator's notes"), 0o600)
	c, _, err = Create(dir)
	if err != nil {
		t.Fatalf("reopen a marked case: %v", err)
	}
	c.Close()
}

func TestCaseOfAnOlderVersionIsAccepted(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ManifestFile), nil, 0o600)
	os.WriteFile(filepath.Join(dir, FindingsFile), nil, 0o600)
	os.Mkdir(filepath.Join(dir, IndexDir), 0o700)
	c, _, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if _, err := os.Stat(filepath.Join(dir, MarkerFile)); err != nil {
		t.Errorf("no marker written: %v", err)
	}
}

func TestPlantedSymlinkIsRefused(t *testing.T) {
	for _, name := range []string{FindingsFile, ManifestFile, LockFile, filepath.Join(IndexDir, "store")} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "case")
			c, _, err := Create(dir)
			if err != nil {
				t.Fatal(err)
			}
			c.Close()
			outside := filepath.Join(t.TempDir(), "elsewhere")
			os.WriteFile(outside, []byte("untouched"), 0o644)
			p := filepath.Join(dir, name)
			os.MkdirAll(filepath.Dir(p), 0o700)
			os.Remove(p)
			if err := os.Symlink(outside, p); err != nil {
				t.Fatal(err)
			}
			if _, _, err := Create(dir); !errors.Is(err, ErrSymlink) {
				t.Errorf("Create = %v, want ErrSymlink", err)
			}
			if b, _ := os.ReadFile(outside); string(b) != "untouched" {
				t.Errorf("the link's target was written: %q", b)
			}
			if st, _ := os.Stat(outside); st.Mode().Perm() != 0o644 {
				t.Errorf("the link's target mode changed: %v", st.Mode().Perm())
			}
		})
	}
	// A case directory that is itself a link is refused too.
	real := t.TempDir()
	link := filepath.Join(t.TempDir(), "link")
	os.Symlink(real, link)
	if _, _, err := Create(link); !errors.Is(err, ErrSymlink) {
		t.Errorf("Create on a symlink = %v, want ErrSymlink", err)
	}
}

func TestOneWriterPerCase(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "case")
	c, _, err := CreateWith(dir, Options{Command: "scan"})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = Create(dir)
	var busy *BusyError
	if !errors.As(err, &busy) || !errors.Is(err, ErrBusy) {
		t.Fatalf("second writer: %v, want a BusyError", err)
	}
	if busy.Holder.PID != os.Getpid() || busy.Holder.Command != "scan" || !strings.Contains(err.Error(), "--wait") {
		t.Errorf("busy error does not say who holds the case: %v", err)
	}
	// A waiting writer gets the case when the first lets go.
	got := make(chan error, 1)
	go func() {
		c2, _, err := CreateWith(dir, Options{Wait: true})
		if err == nil {
			c2.Close()
		}
		got <- err
	}()
	select {
	case err := <-got:
		t.Fatalf("the waiting writer did not wait: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	c.Close()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the waiting writer never got the case")
	}
	// Stop ends a wait.
	c, _, _ = Create(dir)
	defer c.Close()
	stop := make(chan struct{})
	close(stop)
	if _, _, err := CreateWith(dir, Options{Wait: true, Stop: stop}); !errors.Is(err, ErrBusy) {
		t.Errorf("stopped wait = %v, want ErrBusy", err)
	}
}

// committedCase returns a closed case holding messages m1..m3 with two
// findings each.
func committedCase(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "case")
	c, _, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"m1", "m2", "m3"} {
		e := entry(m)
		e.Findings = 2
		if err := c.Commit(&Batch{Findings: []Finding{finding(m, m+"a"), finding(m, m+"b")}, Entries: []Entry{e}}); err != nil {
			t.Fatal(err)
		}
	}
	c.Close()
	return dir
}

func TestDamagedFindingsAreDerivedAgain(t *testing.T) {
	damage := map[string]func(b []byte) []byte{
		// The last line cut short: its message is in the manifest.
		"torn last line": func(b []byte) []byte { return b[:len(b)-20] },
		// Garbage in the middle of the file.
		"garbled middle line": func(b []byte) []byte {
			lines := strings.SplitAfter(string(b), "\n")
			lines[2] = "{\"id\":\"m2a\",garbage\n"
			return []byte(strings.Join(lines, ""))
		},
		// A line lost.
		"missing line": func(b []byte) []byte {
			lines := strings.SplitAfter(string(b), "\n")
			return []byte(strings.Join(append(lines[:1], lines[2:]...), ""))
		},
	}
	want := map[string]string{"torn last line": "m3", "garbled middle line": "m2", "missing line": "m1"}
	for name, do := range damage {
		t.Run(name, func(t *testing.T) {
			dir := committedCase(t)
			p := filepath.Join(dir, FindingsFile)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, do(b), 0o600)
			c, rep, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			bad := want[name]
			if !slices.Equal(rep.Rederive, []string{hashOf(bad)}) {
				t.Errorf("rederive %v, want the hash of %s", rep.Rederive, bad)
			}
			if c.Known(hashBytes(bad)) {
				t.Errorf("%s still in the manifest: the next scan would not derive it again", bad)
			}
			var rest []string
			for _, m := range []string{"m1", "m2", "m3"} {
				if m != bad {
					rest = append(rest, m+"a", m+"b")
					if !c.Known(hashBytes(m)) {
						t.Errorf("%s lost from the manifest", m)
					}
				}
			}
			if got := ids(t, dir); !slices.Equal(got, rest) {
				t.Errorf("findings %v, want %v", got, rest)
			}
			if c.FindingCount() != 4 {
				t.Errorf("count %d, want 4", c.FindingCount())
			}
			// The message comes back whole.
			e := entry(bad)
			e.Findings = 2
			if err := c.Commit(&Batch{Findings: []Finding{finding(bad, bad+"a"), finding(bad, bad+"b")}, Entries: []Entry{e}}); err != nil {
				t.Fatal(err)
			}
			c.Close()
			c2, rep, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			c2.Close()
			if len(rep.Rederive) != 0 || len(ids(t, dir)) != 6 {
				t.Errorf("after the re-derivation: %+v, %d findings", rep, len(ids(t, dir)))
			}
		})
	}
}

func TestReadersSeeOnlyCommittedFindings(t *testing.T) {
	dir := committedCase(t)
	c, _, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// Findings of m4 are written; its manifest line is not (a scan running
	// or killed at that moment).
	if err := c.Commit(&Batch{Findings: []Finding{finding("m4", "m4a")}}); err != nil {
		t.Fatal(err)
	}
	ff, _ := os.OpenFile(filepath.Join(dir, FindingsFile), os.O_APPEND|os.O_WRONLY, 0)
	ff.WriteString(`{"id":"m5a","type":"em`)
	ff.Close()
	if got := ids(t, dir); len(got) != 6 || slices.Contains(got, "m4a") {
		t.Errorf("a reader saw %v", got)
	}
}

func hashBytes(s string) [32]byte {
	h, _ := parseHash(hashOf(s))
	return h
}
