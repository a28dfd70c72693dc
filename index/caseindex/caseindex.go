// Package caseindex keeps a case's search index in step with the case: it
// resolves the people of the case and builds the index from the findings
// and them (package index), tells whether an index is stale (the findings,
// the overrides or the categories changed since it was built), and opens
// the indexes of several cases as one index.Set.
package caseindex

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/index"
	"github.com/mailsift/mailsift/people"
	"github.com/mailsift/mailsift/people/resolve"
	"github.com/mailsift/mailsift/store"
)

// Dir is the index directory of a case.
func Dir(caseDir string) string { return filepath.Join(caseDir, store.IndexDir) }

// Stamp says what an index of the case would be built from now: the sizes
// of the findings file and the manifest, and hashes of the overrides and
// the categories files. An index whose stamp differs is stale.
func Stamp(caseDir string) (map[string]string, error) {
	st := map[string]string{}
	for _, name := range []string{store.FindingsFile, store.ManifestFile} {
		fi, err := os.Stat(filepath.Join(caseDir, name))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		if fi != nil {
			st[name] = strconv.FormatInt(fi.Size(), 10)
		}
	}
	files := []string{filepath.Join(caseDir, people.OverridesFile)}
	cats, err := people.CategoriesFiles(caseDir)
	if err != nil {
		return nil, err
	}
	files = append(files, cats...)
	h := sha256.New()
	for _, p := range files {
		f, err := os.Open(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(h, "%s\n", filepath.Base(p))
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
	}
	st["people"] = hex.EncodeToString(h.Sum(nil))
	return st, nil
}

// State is how a case's index stands.
type State int

const (
	Fresh   State = iota // built from the case as it is
	Missing              // never built (or a scan with --no-index)
	Stale                // the findings, overrides or categories changed since
	Broken               // damaged, or built by another version
)

func (s State) String() string {
	return [...]string{"fresh", "missing", "stale", "broken"}[s]
}

// Check tells how the case's index stands.
func Check(caseDir string) (State, error) {
	want, err := Stamp(caseDir)
	if err != nil {
		return 0, err
	}
	got, err := index.ReadStamp(Dir(caseDir))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Missing, nil
	case errors.Is(err, index.ErrCorrupt):
		return Broken, nil
	case err != nil:
		return 0, err
	}
	for k, v := range want {
		if got[k] != v {
			return Stale, nil
		}
	}
	return Fresh, nil
}

// Options configure Build.
type Options struct {
	// Progress is called now and then with the bytes of the findings file
	// indexed and its size.
	Progress func(done, total int64)
	// Shards is index.Input.Shards.
	Shards int
}

// Build resolves the people of the case (with its overrides and
// categories) and builds its index, returning the number of findings
// indexed. The caller holds the case's writer lock.
func Build(ctx context.Context, caseDir string, o Options) (int, error) {
	in, err := input(caseDir, o)
	if err != nil {
		return 0, err
	}
	// People are resolved while index.Build reads the messages and builds
	// their index, which needs no people: on bench/scan.sh's case each
	// takes ~5 s, one core each.
	in.Resolve = func(ctx context.Context) (map[string]string, []index.Person, error) {
		return resolvePeople(ctx, caseDir)
	}
	return index.Build(ctx, Dir(caseDir), in)
}

// Resolve resolves the people of the case and returns what index.Build
// takes (Build does the same, the people while the build starts;
// benchmarks time them apart).
func Resolve(ctx context.Context, caseDir string, o Options) (index.Input, error) {
	in, err := input(caseDir, o)
	if err != nil {
		return index.Input{}, err
	}
	in.PersonOf, in.People, err = resolvePeople(ctx, caseDir)
	return in, err
}

// input is index.Build's Input for the case, without its people.
func input(caseDir string, o Options) (index.Input, error) {
	st, err := Stamp(caseDir)
	if err != nil {
		return index.Input{}, err
	}
	in := index.Input{Case: caseDir, Stamp: st, Shards: o.Shards}
	if o.Progress != nil {
		total, _ := strconv.ParseInt(st[store.FindingsFile], 10, 64)
		in.Progress = func(done int64) { o.Progress(done, total) }
	}
	return in, nil
}

// resolvePeople resolves the people of the case, with its categories and
// overrides, as the index knows them.
func resolvePeople(ctx context.Context, caseDir string) (map[string]string, []index.Person, error) {
	cats, err := people.CaseCategories(caseDir, "")
	if err != nil {
		return nil, nil, fmt.Errorf("categories: %w", err)
	}
	c, err := people.Count(ctx, people.CountOptions{Cases: []string{caseDir}, Categories: cats, Lang: "ja"})
	if err != nil {
		return nil, nil, fmt.Errorf("people: %w", err)
	}
	ps := make([]index.Person, 0, len(c.People))
	for _, p := range c.People {
		ps = append(ps, index.Person{ID: p.ID, Display: Display(p), Names: p.Names, Category: c.Category[p.ID]})
	}
	return c.Resolved.Person, ps, nil
}

// Display is the masked name a person is shown by: their most frequent
// name, else their first address, else their id.
func Display(p *resolve.Person) string {
	switch {
	case len(p.Names) > 0:
		return detectors.Mask("person_name", p.Names[0])
	case len(p.Emails) > 0:
		return detectors.Mask("email", p.Emails[0])
	case len(p.Phones) > 0:
		return detectors.Mask("phone", p.Phones[0])
	}
	return p.ID
}

// Open opens the indexes of the cases as one Set, in the order given.
func Open(cases []string) (*index.Set, error) {
	var rs []*index.Reader
	for _, dir := range cases {
		r, err := index.Open(dir, Dir(dir))
		if err != nil {
			for _, r := range rs {
				r.Close()
			}
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		rs = append(rs, r)
	}
	return index.NewSet(rs...), nil
}
