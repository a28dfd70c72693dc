package index

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/mailsift/mailsift/store"
)

// Reader searches the index of one case. It changes nothing in the case and
// is safe for concurrent use.
type Reader struct {
	caseDir  string
	dir      string
	st       stamp
	shards   []bleve.Index
	alias    bleve.IndexAlias
	texts    bleve.Index
	messages bleve.Index
	tab      *table
	fm       *mapping.IndexMappingImpl
	findings *os.File
	ids      *os.File // see eachID; opened once, read with ReadAt
	idsSize  int64
}

// Exists reports whether dir holds an index (complete or not).
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, stampFile))
	return err == nil
}

// ReadStamp returns the Stamp of the index at dir without opening it: an
// error wrapping fs.ErrNotExist if there is none, ErrCorrupt if it is
// unreadable or of another version.
func ReadStamp(dir string) (map[string]string, error) {
	js, err := os.ReadFile(filepath.Join(dir, stampFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("index: %s: %w", dir, fs.ErrNotExist)
	}
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	var st stamp
	if err := json.Unmarshal(js, &st); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, stampFile, err)
	}
	if st.Version != mappingVersion {
		return nil, fmt.Errorf("%w: built as %q, this mailsift reads %q", ErrCorrupt, st.Version, mappingVersion)
	}
	return st.Stamp, nil
}

// Open opens the index at dir of the case caseDir for searching. A missing
// index is an error wrapping fs.ErrNotExist; a damaged one, or one built by
// another version of mailsift, wraps ErrCorrupt: build it again.
func Open(caseDir, dir string) (r *Reader, err error) {
	js, err := os.ReadFile(filepath.Join(dir, stampFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("index: %s: %w", dir, fs.ErrNotExist)
	}
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	r = &Reader{caseDir: caseDir, dir: dir}
	if err := json.Unmarshal(js, &r.st); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, stampFile, err)
	}
	if r.st.Version != mappingVersion {
		return nil, fmt.Errorf("%w: built as %q, this mailsift reads %q", ErrCorrupt, r.st.Version, mappingVersion)
	}
	opened := r
	defer func() {
		if err != nil {
			_ = opened.Close()
		}
	}()
	for i := range r.st.Shards {
		x, err := openBleveReadOnly(filepath.Join(dir, fmt.Sprintf("%s%d", shardPrefix, i)))
		if err != nil {
			return nil, err
		}
		r.shards = append(r.shards, x)
	}
	if r.texts, err = openBleveReadOnly(filepath.Join(dir, textsDir)); err != nil {
		return nil, err
	}
	if r.messages, err = openBleveReadOnly(filepath.Join(dir, messagesDir)); err != nil {
		return nil, err
	}
	if r.tab, err = readTable(filepath.Join(dir, tableFile)); err != nil {
		return nil, err
	}
	if r.fm, err = findingMapping(); err != nil {
		return nil, err
	}
	r.alias = bleve.NewIndexAlias(r.shards...)
	if r.findings, err = os.Open(filepath.Join(caseDir, store.FindingsFile)); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	if r.ids, err = os.Open(filepath.Join(dir, idsFile)); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	st, err := r.ids.Stat()
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	r.idsSize = st.Size()
	return r, nil
}

// Close closes the index.
func (r *Reader) Close() error {
	var errs []error
	for _, x := range r.shards {
		errs = append(errs, x.Close())
	}
	for _, x := range []bleve.Index{r.texts, r.messages} {
		if x != nil {
			errs = append(errs, x.Close())
		}
	}
	for _, f := range []*os.File{r.findings, r.ids} {
		if f != nil {
			errs = append(errs, f.Close())
		}
	}
	return errors.Join(errs...)
}

// Stamp returns the Stamp the index was built with.
func (r *Reader) Stamp() map[string]string { return r.st.Stamp }

// Count is the number of findings indexed.
func (r *Reader) Count() int { return r.st.Findings }

// Case is the case directory.
func (r *Reader) Case() string { return r.caseDir }

// Person returns a person of the case, as the index knows them.
func (r *Reader) Person(id string) (Person, bool) {
	p, ok := r.tab.person(id)
	if !ok {
		return Person{}, false
	}
	return *p, true
}

// Message returns a message of the case by its message_sha256.
func (r *Reader) Message(sha string) (Msg, []string, bool) {
	i, ok := r.tab.bySHA[sha]
	if !ok {
		return Msg{}, nil, false
	}
	m := r.tab.Msgs[i]
	srcs := make([]string, len(m.Sources))
	for j, s := range m.Sources {
		srcs[j] = r.tab.Sources[s]
	}
	return m, srcs, true
}

// Subject returns the masked subject of a message, by message_sha256.
func (r *Reader) Subject(sha string) string {
	if i, ok := r.tab.bySHA[sha]; ok {
		return r.tab.Msgs[i].Subject
	}
	return ""
}

// readFinding reads the finding whose line starts at off.
func (r *Reader) readFinding(off int64) (store.Finding, error) {
	var f store.Finding
	br := bufio.NewReaderSize(io.NewSectionReader(r.findings, off, 1<<30), 4096)
	line, err := readLine(br)
	if err != nil {
		return f, fmt.Errorf("%w: finding at byte %d: %v", ErrCorrupt, off, err)
	}
	if err := store.DecodeFinding(line, &f); err != nil {
		return f, fmt.Errorf("%w: finding at byte %d: %v", ErrCorrupt, off, err)
	}
	return f, nil
}

// lookupIDs returns the document IDs of the findings with these ids,
// binary-searching the ids file (sorted lines "id docid person").
func (r *Reader) lookupIDs(ids []string) ([]string, error) {
	var out []string
	err := r.eachID(ids, func(doc, _ string) { out = append(out, doc) })
	return out, err
}

// personOf returns the person of the finding with this id ("" if none).
func (r *Reader) personOf(id string) (string, error) {
	var p string
	err := r.eachID([]string{id}, func(_, person string) {
		if person != "-" {
			p = person
		}
	})
	return p, err
}

// eachID calls fn with the document and person of each line of the ids
// file for ids.
func (r *Reader) eachID(ids []string, fn func(doc, person string)) error {
	f, size := r.ids, r.idsSize
	// lineAt returns the line starting at or after p.
	lineAt := func(p int64) (string, int64, error) {
		buf := make([]byte, 256)
		if p > 0 {
			p-- // so a line starting at p is found
		}
		n, err := f.ReadAt(buf, p)
		if err != nil && err != io.EOF {
			return "", 0, err
		}
		s := string(buf[:n])
		if p > 0 {
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				return "", size, nil
			}
			p += int64(i + 1)
			s = s[i+1:]
		}
		if j := strings.IndexByte(s, '\n'); j >= 0 {
			s = s[:j]
		}
		return s, p, nil
	}
	for _, id := range ids {
		// Find the first line whose id is >= id.
		var ferr error
		p := sort.Search(int(size), func(i int) bool {
			s, _, err := lineAt(int64(i))
			if err != nil {
				ferr = err
				return true
			}
			k, _, _ := strings.Cut(s, " ")
			return s == "" || k >= id
		})
		if ferr != nil {
			return ferr
		}
		for pos := int64(p); pos < size; {
			s, at, err := lineAt(pos)
			if err != nil {
				return err
			}
			k, rest, _ := strings.Cut(s, " ")
			if k != id || s == "" {
				break
			}
			doc, person, _ := strings.Cut(rest, " ")
			fn(doc, person)
			pos = at + int64(len(s)) + 1
		}
	}
	return nil
}

// openBleveReadOnly opens a bleve index read-only: bolt opens root.bolt
// read-only under a shared lock, and scorch starts neither its persister
// nor its merger.
func openBleveReadOnly(dir string) (bi bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			bi, err = nil, fmt.Errorf("%w: %s: open: panic: %v", ErrCorrupt, dir, r)
		}
	}()
	bi, err = bleve.OpenUsing(dir, map[string]interface{}{"read_only": true, "bolt_timeout": "2s"})
	switch {
	case err == nil:
		return bi, nil
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("%w: %s", ErrLocked, dir)
	case errors.Is(err, fs.ErrPermission):
		return nil, fmt.Errorf("index: open %s: %w", dir, err)
	}
	return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, dir, err)
}

// ErrCorrupt means the index cannot be used as it is: damaged, or built by
// another version of mailsift. The findings file is the record: build the
// index again.
var ErrCorrupt = errors.New("index: corrupt or outdated index")

// ErrLocked means another process is writing the index.
var ErrLocked = errors.New("index: in use by another process")

type dirKind int

const (
	dirMissing dirKind = iota
	dirEmpty
	dirIndex
	dirOther
)

// inspect tells a missing or empty directory, an index, and anything else.
func inspect(dir string) (dirKind, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return dirMissing, nil
	case err != nil:
		return 0, fmt.Errorf("index: %w", err)
	case len(entries) == 0:
		return dirEmpty, nil
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	// An index of this or of an older mailsift (whose bleve index was at
	// the top of the directory).
	if slices.Contains(names, stampFile) || slices.Contains(names, "index_meta.json") || slices.Contains(names, "store") {
		return dirIndex, nil
	}
	return dirOther, nil
}
