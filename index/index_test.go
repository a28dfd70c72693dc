package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/store"
)

func openT(t *testing.T, dir string) *Index {
	t.Helper()
	x, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func count(t *testing.T, x *Index) uint64 {
	t.Helper()
	n, err := x.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func searchIDs(t *testing.T, x *Index, q string) []string {
	t.Helper()
	res, err := x.Search(context.Background(), q, 10000, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// fieldSummary is what a document says about one field.
type fieldSummary struct {
	Options bindex.FieldIndexingOptions
	Value   string
}

func summarize(d *document.Document) map[string]fieldSummary {
	m := map[string]fieldSummary{}
	for _, f := range d.Fields {
		var v []byte
		switch f := f.(type) {
		case *document.TextField:
			v = f.Value()
		case *document.NumericField:
			v = f.Value()
		case *document.DateTimeField:
			v = f.Value()
		default:
			v = []byte(fmt.Sprintf("%T", f))
		}
		m[f.Name()] = fieldSummary{Options: f.Options(), Value: string(v)}
	}
	return m
}

// TestDocumentMatchesMapping checks that the hand-built documents are what
// the mapping would make of the same finding, so that queries (which use
// the mapping) and documents agree on every field.
func TestDocumentMatchesMapping(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	b, err := newDocBuilder(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range testFindings()[995:] {
		got, err := b.build(&f)
		if err != nil {
			t.Fatal(err)
		}
		js, _ := json.Marshal(f)
		var data map[string]interface{}
		if err := json.Unmarshal(js, &data); err != nil {
			t.Fatal(err)
		}
		data[fieldConfidence] = encodeConfidence(f.Confidence)
		data[fieldDate], _ = encodeDate(f.Date)
		data[fieldFinding] = string(js)
		for k, v := range data {
			if v == "" { // the builder leaves empty strings out
				delete(data, k)
			}
		}
		want := document.NewDocument(f.ID)
		if err := m.MapDocument(want, data); err != nil {
			t.Fatal(err)
		}
		ws, gs := summarize(want), summarize(got)
		for _, name := range []string{"start", "end", fieldID, fieldMasked} {
			if _, ok := ws[name]; ok {
				t.Errorf("the mapping indexes %s", name)
			}
		}
		if d := cmp.Diff(ws, gs); d != "" {
			t.Errorf("finding %s: document fields (-mapping +built):\n%s", f.ID, d)
		}
	}
}

func TestBuildRejectsEmptyID(t *testing.T) {
	x := openT(t, filepath.Join(t.TempDir(), "index"))
	defer x.Close()
	err := x.Index([]store.Finding{{Type: "email", MessageID: "<m@x>"}})
	if !errors.Is(err, ErrBadFinding) || !strings.Contains(err.Error(), "without id") {
		t.Errorf("Index(finding without ID) = %v, want an error saying so", err)
	}
}

func TestReindexDeleteReopen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	fs := genFindings(1000, 7)
	x := openT(t, dir)
	if err := x.Index(fs); err != nil {
		t.Fatal(err)
	}
	if n := count(t, x); n != 1000 {
		t.Fatalf("Count = %d, want 1000", n)
	}

	// Indexing the same findings again replaces them.
	if err := x.Index(fs); err != nil {
		t.Fatal(err)
	}
	if n := count(t, x); n != 1000 {
		t.Errorf("Count after reindexing = %d, want 1000", n)
	}

	// A changed finding replaces the old one.
	changed := fs[3]
	changed.Context = "差し替え後の文脈"
	if err := x.Index([]store.Finding{changed}); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{changed.ID}, searchIDs(t, x, `context:差し替え`)); d != "" {
		t.Errorf("new context (-want +got):\n%s", d)
	}
	old := fs[3].Context[:12] // its first phrase, shared with other findings
	for _, id := range searchIDs(t, x, `context:"`+old+`"`) {
		if id == changed.ID && !strings.Contains(changed.Context, old) {
			t.Errorf("old context of %s still found", id)
		}
	}

	var ids []string
	for _, f := range fs[10:20] {
		ids = append(ids, f.ID)
	}
	if err := x.Delete(append(ids, "no-such-id")); err != nil {
		t.Fatal(err)
	}
	if n := count(t, x); n != 990 {
		t.Errorf("Count after deleting 10 = %d, want 990", n)
	}
	if got := searchIDs(t, x, `id:`+fs[10].ID); len(got) != 0 {
		t.Errorf("deleted finding still found: %v", got)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}

	x = openT(t, dir)
	defer x.Close()
	if n := count(t, x); n != 990 {
		t.Errorf("Count after reopening = %d, want 990", n)
	}
	if d := cmp.Diff([]string{changed.ID}, searchIDs(t, x, `context:差し替え`)); d != "" {
		t.Errorf("after reopening (-want +got):\n%s", d)
	}
}

// TestWriterOrder re-adds and deletes the same IDs in consecutive one-finding
// batches, which run two at a time: the last operation must win.
func TestWriterOrder(t *testing.T) {
	x := openT(t, filepath.Join(t.TempDir(), "index"))
	defer x.Close()
	w := x.newWriter(1, 2)
	f := store.Finding{ID: "same", Type: "email", Context: "v0"}
	for i := range 50 {
		f.Context = fmt.Sprintf("version%d", i)
		if err := w.Add(f); err != nil {
			t.Fatal(err)
		}
		if i%10 == 9 {
			if err := w.Delete("same"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Add(store.Finding{ID: "other", Type: "email"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, x, `context:version48`); len(got) != 0 {
		t.Errorf("an earlier version won: %v", got)
	}
	if got := searchIDs(t, x, `id:same`); len(got) != 0 {
		t.Errorf("the final delete was overtaken: %v", got)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := w.Add(f); err == nil {
		t.Error("Add after Close succeeded")
	}
	if n := count(t, x); n != 1 {
		t.Errorf("Count = %d, want 1", n)
	}
}

func TestCorruptAndRebuild(t *testing.T) {
	damage := []struct {
		name string
		do   func(t *testing.T, dir string)
	}{
		{"garbage root.bolt", func(t *testing.T, dir string) {
			// Both meta pages: with one, bbolt recovers from the other.
			overwrite(t, filepath.Join(dir, storeDir, "root.bolt"), 0)
			overwrite(t, filepath.Join(dir, storeDir, "root.bolt"), 4096)
		}},
		{"truncated root.bolt", func(t *testing.T, dir string) {
			truncate(t, filepath.Join(dir, storeDir, "root.bolt"), 100)
		}},
		{"truncated segment", func(t *testing.T, dir string) {
			for _, p := range segments(t, dir) {
				truncate(t, p, 64)
			}
		}},
		{"garbage segment tail", func(t *testing.T, dir string) {
			for _, p := range segments(t, dir) {
				fi, err := os.Stat(p)
				if err != nil {
					t.Fatal(err)
				}
				overwrite(t, p, fi.Size()-40)
			}
		}},
		{"missing segment", func(t *testing.T, dir string) {
			for _, p := range segments(t, dir) {
				if err := os.Remove(p); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"garbage index_meta.json", func(t *testing.T, dir string) {
			overwrite(t, filepath.Join(dir, metaFile), 0)
		}},
		{"missing index_meta.json", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, metaFile)); err != nil {
				t.Fatal(err)
			}
		}},
		{"missing store", func(t *testing.T, dir string) {
			if err := os.RemoveAll(filepath.Join(dir, storeDir)); err != nil {
				t.Fatal(err)
			}
		}},
		{"other mapping version", func(t *testing.T, dir string) {
			x := openT(t, dir)
			if err := x.bi.SetInternal(internalVersionKey, []byte("mailsift-index-0")); err != nil {
				t.Fatal(err)
			}
			if err := x.Close(); err != nil {
				t.Fatal(err)
			}
		}},
	}
	findings := genFindings(300, 3)
	all := func(yield func(store.Finding) error) error {
		for _, f := range findings {
			if err := yield(f); err != nil {
				return err
			}
		}
		return nil
	}
	for _, tt := range damage {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			x := openT(t, dir)
			if err := x.Index(findings); err != nil {
				t.Fatal(err)
			}
			if err := x.Close(); err != nil {
				t.Fatal(err)
			}
			tt.do(t, dir)

			x, err := Open(dir)
			if err == nil {
				// Some damage shows only when the data is read.
				_, err = x.Search(context.Background(), `context:番号`, 1000, []string{"type"})
				x.Close()
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Open or Search after damage = %v, want ErrCorrupt", err)
			}

			x, err = Rebuild(dir, all)
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			if n := count(t, x); n != uint64(len(findings)) {
				t.Errorf("Count after Rebuild = %d, want %d", n, len(findings))
			}
			for _, left := range []string{dir + ".rebuild", dir + ".old"} {
				if _, err := os.Stat(left); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("%s left behind: %v", left, err)
				}
			}
		})
	}
}

func TestRebuildFailureKeepsIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	x := openT(t, dir)
	if err := x.Index(genFindings(100, 1)); err != nil {
		t.Fatal(err)
	}
	x.Close()
	boom := errors.New("findings file unreadable")
	_, err := Rebuild(dir, func(yield func(store.Finding) error) error {
		for _, f := range genFindings(50, 2) {
			if err := yield(f); err != nil {
				return err
			}
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Rebuild = %v, want it to wrap %v", err, boom)
	}
	x = openT(t, dir)
	defer x.Close()
	if n := count(t, x); n != 100 {
		t.Errorf("Count after failed rebuild = %d, want the old 100", n)
	}
}

func TestNotAnIndex(t *testing.T) {
	dir := t.TempDir()
	precious := filepath.Join(dir, "evidence.mbox")
	if err := os.WriteFile(precious, []byte("From x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); err == nil || errors.Is(err, ErrCorrupt) {
		t.Errorf("Open(dir with other files) = %v, want a plain error", err)
	}
	if _, err := Rebuild(dir, func(func(store.Finding) error) error { return nil }); err == nil {
		t.Error("Rebuild of a directory that is not an index succeeded")
	}
	if _, err := os.Stat(precious); err != nil {
		t.Errorf("file in the directory: %v", err)
	}
}

func TestLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	x := openT(t, dir)
	defer x.Close()
	_, err := Open(dir)
	if !errors.Is(err, ErrLocked) {
		t.Errorf("second Open = %v, want ErrLocked", err)
	}
}

func TestPermissions(t *testing.T) {
	old := syscall.Umask(0) // so that nothing is private by the umask's grace
	defer syscall.Umask(old)
	parent := t.TempDir()
	dir := filepath.Join(parent, "index")
	// An existing directory with a loose mode is tightened too.
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	x := openT(t, dir)
	if err := x.Index(genFindings(3000, 5)); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	x = openT(t, dir)
	defer x.Close()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func overwrite(t *testing.T, path string, at int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte(strings.Repeat("\xde\xad\xbe\xef", 10)), at); err != nil {
		t.Fatal(err)
	}
}

func truncate(t *testing.T, path string, size int64) {
	t.Helper()
	if err := os.Truncate(path, size); err != nil {
		t.Fatal(err)
	}
}

func segments(t *testing.T, dir string) []string {
	t.Helper()
	ps, err := filepath.Glob(filepath.Join(dir, storeDir, "*.zap"))
	if err != nil || len(ps) == 0 {
		t.Fatalf("no segments in %s (%v)", dir, err)
	}
	return ps
}

func TestCommitMark(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	x := openT(t, dir)
	if m, err := x.Mark(); err != nil || m != "" {
		t.Errorf("Mark of a new index = %q, %v; want empty", m, err)
	}
	w := x.Writer()
	fs := genFindings(30, 9)
	for i, f := range fs {
		if err := w.Add(f); err != nil {
			t.Fatal(err)
		}
		if i == 9 {
			if err := w.Commit("offset=10"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Commit("offset=30"); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	x = openT(t, dir)
	defer x.Close()
	if m, err := x.Mark(); err != nil || m != "offset=30" {
		t.Errorf("Mark after reopening = %q, %v; want offset=30", m, err)
	}
	if n := count(t, x); n != 30 {
		t.Errorf("Count = %d, want 30", n)
	}
}

func TestRebuildMissing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Rebuild(dir, func(yield func(store.Finding) error) error {
		for _, f := range genFindings(20, 4) {
			if err := yield(f); err != nil {
				return err
			}
		}
		// A source may skip what cannot be indexed.
		if err := yield(store.Finding{Type: "email"}); !errors.Is(err, ErrBadFinding) {
			return fmt.Errorf("yield(no ID) = %v, want ErrBadFinding", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if n := count(t, x); n != 20 {
		t.Errorf("Count = %d, want 20", n)
	}
}
