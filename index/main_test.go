package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/mailsift/mailsift/store"
)

// writeCase writes a case directory holding findings (and a manifest line
// for each of their messages) and returns its path.
func writeCase(t testing.TB, findings []store.Finding) string {
	t.Helper()
	dir := t.TempDir()
	var man, fs []byte
	seen := map[string]bool{}
	for i := range findings {
		f := &findings[i]
		var err error
		if fs, err = store.AppendFinding(fs, f); err != nil {
			t.Fatal(err)
		}
		if seen[f.MessageSHA256] {
			continue
		}
		seen[f.MessageSHA256] = true
		man = store.AppendEntry(man, &store.Entry{
			Kind: store.KindMessage, MessageSHA256: f.MessageSHA256, Source: f.Source,
			MessageID: f.MessageID, Date: f.Date, From: "sender" + f.MessageSHA256[60:] + "@example.jp",
			To: []string{"taro@example.co.jp"}, Subject: subjectOf(f.MessageSHA256),
		})
	}
	if err := os.WriteFile(filepath.Join(dir, store.FindingsFile), fs, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, store.ManifestFile), man, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// subjectOf gives messages one of a few subjects.
func subjectOf(sha string) string {
	subjects := []string{"【重要】口座振替のご案内", "Re: 会議の件", "パスポートの写し", "Invoice for March"}
	return subjects[int(sha[len(sha)-1])%len(subjects)]
}

// peopleOf makes the index people of findings: the person of a finding
// (genFindings sets it), named after it and in one of three categories.
func peopleOf(findings []store.Finding) ([]Person, map[string]string) {
	of := map[string]string{}
	var ps []Person
	seen := map[string]bool{}
	for _, f := range findings {
		if f.Person == "" {
			continue
		}
		of[f.ID] = f.Person
		if seen[f.Person] {
			continue
		}
		seen[f.Person] = true
		n := f.Person[len(f.Person)-1] - '0'
		ps = append(ps, Person{ID: f.Person, Display: "田*" + f.Person, Names: []string{"田中 " + f.Person},
			Category: []string{"customer", "vendor", "other"}[n%3]})
	}
	return ps, of
}

// categoryOf is the category peopleOf gives a person.
func categoryOf(person string) string {
	if person == "" {
		return ""
	}
	n := person[len(person)-1] - '0'
	return []string{"customer", "vendor", "other"}[n%3]
}

// buildCase writes and indexes a case of findings.
func buildCase(t testing.TB, findings []store.Finding, shards int) *Reader {
	t.Helper()
	dir := writeCase(t, findings)
	ps, of := peopleOf(findings)
	ix := filepath.Join(dir, store.IndexDir)
	n, err := Build(context.Background(), ix, Input{Case: dir, People: ps, PersonOf: of, Shards: shards,
		Stamp: map[string]string{"findings": fmt.Sprint(len(findings))}})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(findings) {
		t.Fatalf("built %d findings, want %d", n, len(findings))
	}
	r, err := Open(dir, ix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

var (
	sharedOnce     sync.Once
	sharedFindings []store.Finding
	sharedReader   *Reader
	sharedErr      error
)

// shared is an index of 3,000 generated findings in 3 shards, for the
// read-only tests.
func shared(t *testing.T) (*Reader, []store.Finding) {
	t.Helper()
	sharedOnce.Do(func() {
		sharedFindings = genFindings(3000, 7)
		dir, err := os.MkdirTemp("", "mailsift-index-test")
		if err != nil {
			sharedErr = err
			return
		}
		tb := &onceTB{T: t, dir: dir}
		sharedReader = buildCase(tb, sharedFindings, 3)
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedReader, sharedFindings
}

// onceTB lets the shared index outlive the test that built it.
type onceTB struct {
	*testing.T
	dir string
	n   int
}

func (o *onceTB) TempDir() string {
	o.n++
	d := filepath.Join(o.dir, fmt.Sprint(o.n))
	if err := os.MkdirAll(d, 0o700); err != nil {
		o.Fatal(err)
	}
	return d
}
func (o *onceTB) Cleanup(func()) {}

// ids returns the finding ids of hits, sorted.
func ids(hs []Hit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.ID
	}
	slices.Sort(out)
	return out
}

// want returns the ids of the findings for which keep is true, sorted.
func want(fs []store.Finding, keep func(f *store.Finding) bool) []string {
	var out []string
	for i := range fs {
		if keep(&fs[i]) {
			out = append(out, fs[i].ID)
		}
	}
	slices.Sort(out)
	return out
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// testFindings are generated findings and a few written by hand.
func testFindings() []store.Finding {
	fs := genFindings(1000, 42)
	sha := func(c byte) string { return strings.Repeat(string(c), 64) }
	extra := []store.Finding{
		{ID: "name-1", Type: "person_name", Value: "田中太郎", Masked: "田*太郎", Context: "担当の田中太郎様より連絡", Location: "body", Source: "INBOX", Date: "2024-05-02T10:11:12+09:00", MessageSHA256: sha('a'), Person: "p-900001"},
		{ID: "name-2", Type: "person_name", Value: "山田花子", Masked: "山*花子", Context: "山田花子さんの履歴書を添付", Location: "attachment:履歴書.pdf", Source: "INBOX", Date: "2024-05-03T08:00:00+09:00", MessageSHA256: sha('b'), Person: "p-900002"},
		{ID: "name-3", Type: "person_name", Value: "佐々木一郎", Masked: "佐**一郎", Context: "佐々木一郎（ｻｻｷｲﾁﾛｳ）", Location: "header:From", Source: "Sent", MessageSHA256: sha('c')},
		{ID: "mail-1", Type: "email", Value: "taro@example.jp", Masked: "ta**@example.jp", Context: "連絡先: ta**@example.jp まで", Location: "body", Source: "INBOX", Date: "not a date", MessageSHA256: sha('d')},
		// 口座 and 番号 apart: a bigram OR would find it for 口座番号.
		{ID: "split-1", Type: "bank_account", Value: "x/y", Masked: "x/*", Context: "口座の番号を教えてください", Location: "body", Source: "INBOX", MessageSHA256: sha('e')},
	}
	return append(fs, extra...)
}
