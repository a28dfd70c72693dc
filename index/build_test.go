package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/store"
)

// TestBuildLeavesOneSegment: each bleve index of a build is one segment,
// with no merged-away segment file left behind, and every file is the
// owner's only.
func TestBuildLeavesOneSegment(t *testing.T) {
	fs := genFindings(30000, 1)
	dir := writeCase(t, fs)
	ps, of := peopleOf(fs)
	ix := filepath.Join(dir, store.IndexDir)
	if _, err := Build(context.Background(), ix, Input{Case: dir, People: ps, PersonOf: of, Shards: 2}); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"shard-0", "shard-1", textsDir, messagesDir} {
		zaps, _ := filepath.Glob(filepath.Join(ix, d, "store", "*.zap"))
		if len(zaps) != 1 {
			t.Errorf("%s: %d segment files, want 1: %v", d, len(zaps), zaps)
		}
	}
	err := filepath.WalkDir(ix, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if want := map[bool]os.FileMode{true: 0o700, false: 0o600}[d.IsDir()]; info.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, info.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open(dir, ix)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res, err := r.Search(context.Background(), Request{Query: "*"})
	if err != nil || int(res.Total) != len(fs) {
		t.Fatalf("%v findings after the merge, want %d (%v)", res.Total, len(fs), err)
	}
}

// TestContextsSharedAndSingle: a context several findings share is indexed
// once (texts), one only a finding has in place; a query finds both.
func TestContextsSharedAndSingle(t *testing.T) {
	fs := genFindings(40, 5)
	for i := range fs {
		switch {
		case i < 10:
			fs[i].Context = "共有の署名 口座番号 shared signature"
		case i < 15:
			fs[i].Context = "一件だけの本文 " + fs[i].ID + " 口座番号 single"
		default:
			fs[i].Context = "関係のない文 " + fs[i].ID
		}
	}
	r := buildCase(t, fs, 2)
	for q, n := range map[string]int{"口座番号": 15, "共有": 10, "一件だけ": 5, "signature": 10, "single": 5, `"口座番号 single"`: 5} {
		res, err := r.Search(context.Background(), Request{Query: q, Size: 100})
		if err != nil {
			t.Fatal(err)
		}
		if int(res.Total) != n {
			t.Errorf("%s: %d hits, want %d", q, res.Total, n)
		}
	}
	if n := len(r.tab.Msgs); n == 0 {
		t.Fatal("no messages")
	}
	subjects := map[string]bool{}
	for _, f := range fs {
		subjects[subjectOf(f.MessageSHA256)] = true
	}
	texts, _ := r.texts.DocCount()
	if int(texts) != 1+len(subjects) {
		t.Errorf("%d texts indexed apart, want the one shared context and %d subjects", texts, len(subjects))
	}
}

// TestBuildResolvesMeanwhile: people given by Input.Resolve (called while
// the messages are read) are the people of the index, as when given up
// front; a Resolve that fails fails the build and leaves no index.
func TestBuildResolvesMeanwhile(t *testing.T) {
	fs := genFindings(2000, 3)
	dir := writeCase(t, fs)
	ps, of := peopleOf(fs)
	ix := filepath.Join(dir, store.IndexDir)
	calls := 0
	resolve := func(ctx context.Context) (map[string]string, []Person, error) {
		calls++
		return of, ps, ctx.Err()
	}
	if _, err := Build(context.Background(), ix, Input{Case: dir, Resolve: resolve, Shards: 2}); err != nil || calls != 1 {
		t.Fatalf("Build: %v, Resolve called %d times", err, calls)
	}
	r, err := Open(dir, ix)
	if err != nil {
		t.Fatal(err)
	}
	var person string
	for _, f := range fs {
		if f.Person != "" {
			person = f.Person
			break
		}
	}
	want := 0
	for _, f := range fs {
		if of[f.ID] == person {
			want++
		}
	}
	res, err := r.Search(context.Background(), Request{Query: "person:" + person})
	r.Close()
	if err != nil || want == 0 || int(res.Total) != want {
		t.Fatalf("person:%s = %v hits (%v), want %d", person, res.Total, err, want)
	}

	fail := func(context.Context) (map[string]string, []Person, error) {
		return nil, nil, errors.New("people: broken overrides")
	}
	bad := filepath.Join(dir, "index-bad")
	if _, err := Build(context.Background(), bad, Input{Case: dir, Resolve: fail}); err == nil || !strings.Contains(err.Error(), "broken overrides") {
		t.Fatalf("failing Resolve: err = %v", err)
	}
	if left, _ := filepath.Glob(bad + "*"); len(left) != 0 {
		t.Errorf("a failed build left %v", left)
	}
}
