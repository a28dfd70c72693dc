package index

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/mailsift/mailsift/store"
)

// ErrCorrupt means the index at a directory cannot be used as it is: it is
// damaged (say, by a crash or a full disk) or was built by a mailsift with
// a different mapping. The findings file is the record; rebuild the index
// from it with Rebuild.
var ErrCorrupt = errors.New("index: corrupt or outdated index")

// ErrBadFinding means a finding cannot be indexed (it has no ID). The
// Writer stays usable; a Rebuild source may skip such findings.
var ErrBadFinding = errors.New("index: finding cannot be indexed")

// ErrLocked means another process has the index open. It is not a reason to
// rebuild: that would pull the index from under the other process.
var ErrLocked = errors.New("index: in use by another process")

// Files bleve puts at the top of an index directory; their presence is how
// Open and Rebuild tell a (possibly broken) index from some other directory.
const (
	metaFile = "index_meta.json"
	storeDir = "store"
	genFile  = "mailsift_generation" // ours, see commit
)

// Keys of bleve's internal storage (kept with each snapshot).
var (
	internalGenKey  = []byte("mailsift.generation") // of the last commit
	internalMarkKey = []byte("mailsift.mark")       // see Writer.Commit
)

// runtimeConfig is passed to scorch when an index is created or opened.
// bolt_timeout makes a second process fail with ErrLocked instead of
// waiting forever for the lock on root.bolt. The merge plan is scorch's
// default but for twice as many segments per tier (10): on 100,000 findings
// that left about 25 segments instead of 12 and cut indexing CPU time by
// some 6% (fewer merges); searches barely notice.
func runtimeConfig() map[string]interface{} {
	return map[string]interface{}{
		"bolt_timeout": "2s",
		// Laid over scorch's defaults (mergeplan.DefaultMergePlanOptions).
		"scorchMergePlanOptions": map[string]interface{}{"MaxSegmentsPerTier": 20},
	}
}

// Index is the bleve index of one case's findings. It is safe for
// concurrent use.
type Index struct {
	dir      string
	bi       bleve.Index
	docs     *docBuilder
	batchIDs *idLocks

	genMu sync.Mutex
	gen   uint64 // generation of the last commit
}

// Open opens the index at dir, creating it (mode 0700) if dir does not exist
// or is empty. An index that exists but cannot be opened gives an error
// wrapping ErrCorrupt; one that another process holds gives ErrLocked; a
// non-empty directory that is not an index is an error too, and is left
// alone.
func Open(dir string) (*Index, error) {
	kind, err := inspect(dir)
	if err != nil {
		return nil, err
	}
	switch kind {
	case dirMissing, dirEmpty:
		return create(dir)
	case dirOther:
		return nil, fmt.Errorf("index: %s: directory is not empty and holds no index", dir)
	}
	return open(dir)
}

// Rebuild replaces the index at dir by one built from the findings that all
// yields, and returns it open. The new index is built next to dir
// (dir.rebuild) and swapped in only when complete, so a failed rebuild
// leaves dir as it was. Like Open, it refuses a non-empty directory that is
// not an index. Do not rebuild an index another process has open (Open
// says so with ErrLocked).
func Rebuild(dir string, all func(yield func(store.Finding) error) error) (*Index, error) {
	kind, err := inspect(dir)
	if err != nil {
		return nil, err
	}
	if kind == dirOther {
		return nil, fmt.Errorf("index: rebuild %s: directory is not empty and holds no index; not removing it", dir)
	}
	tmp := filepath.Clean(dir) + ".rebuild"
	if err := os.RemoveAll(tmp); err != nil {
		return nil, fmt.Errorf("index: rebuild: %w", err)
	}
	x, err := create(tmp)
	if err != nil {
		return nil, fmt.Errorf("index: rebuild: %w", err)
	}
	w := x.Writer()
	err = all(w.Add)
	err = errors.Join(err, w.Close(), x.Close())
	if err != nil {
		_ = os.RemoveAll(tmp)
		return nil, fmt.Errorf("index: rebuild %s: %w", dir, err)
	}
	// Move the old index aside before the new one takes its place, so that
	// a crash at any point leaves one of them at dir.
	old := filepath.Clean(dir) + ".old"
	if err := os.RemoveAll(old); err != nil {
		return nil, fmt.Errorf("index: rebuild: %w", err)
	}
	if kind != dirMissing {
		if err := os.Rename(dir, old); err != nil {
			return nil, fmt.Errorf("index: rebuild: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		return nil, fmt.Errorf("index: rebuild: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		return nil, fmt.Errorf("index: rebuild: remove old index: %w", err)
	}
	return open(dir)
}

// Close closes the index. Close or Flush every Writer first: a Writer's
// batches fail once the index is closed.
func (x *Index) Close() error {
	if err := x.bi.Close(); err != nil {
		return fmt.Errorf("index: close %s: %w", x.dir, err)
	}
	return nil
}

// Count returns the number of findings in the index.
func (x *Index) Count() (n uint64, err error) {
	defer recoverCorrupt(&err)
	n, err = x.bi.DocCount()
	if err != nil {
		return 0, fmt.Errorf("index: count: %w", err)
	}
	return n, nil
}

// Mark returns the mark of the last Writer.Commit that reached the disk, or
// "" if there was none.
func (x *Index) Mark() (m string, err error) {
	defer recoverCorrupt(&err)
	b, err := x.bi.GetInternal(internalMarkKey)
	if err != nil {
		return "", fmt.Errorf("index: mark: %w", err)
	}
	return string(b), nil
}

// Index adds findings, replacing any with the same ID, and returns when they
// are on disk. Each call commits; to add findings as they come, keep one
// Writer instead.
func (x *Index) Index(fs []store.Finding) error {
	w := x.Writer()
	for i := range fs {
		if err := w.Add(fs[i]); err != nil {
			return errors.Join(err, w.Close())
		}
	}
	return w.Close()
}

// Delete removes the findings with these IDs; IDs not in the index are
// ignored. It returns when the deletions are on disk.
func (x *Index) Delete(ids []string) error {
	w := x.Writer()
	for _, id := range ids {
		if err := w.Delete(id); err != nil {
			return errors.Join(err, w.Close())
		}
	}
	return w.Close()
}

type dirKind int

const (
	dirMissing dirKind = iota
	dirEmpty
	dirIndex // has bleve's files, maybe broken
	dirOther
)

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
	for _, e := range entries {
		if e.Name() == metaFile || e.Name() == storeDir || e.Name() == genFile {
			return dirIndex, nil
		}
	}
	return dirOther, nil
}

func create(dir string) (*Index, error) {
	m, docs, err := newMappingAndDocs()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("index: create: %w", err)
	}
	bi, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, runtimeConfig())
	if err != nil {
		return nil, fmt.Errorf("index: create %s: %w", dir, err)
	}
	x := &Index{dir: dir, bi: bi, docs: docs, batchIDs: newIDLocks()}
	if err := bi.SetInternal(internalVersionKey, []byte(mappingVersion)); err != nil {
		_ = bi.Close()
		return nil, fmt.Errorf("index: create %s: %w", dir, err)
	}
	if err := restrictPerms(dir); err != nil {
		_ = bi.Close()
		return nil, err
	}
	return x, nil
}

func open(dir string) (*Index, error) {
	bi, err := openBleve(dir)
	if err != nil {
		return nil, err
	}
	x, err := attach(dir, bi)
	if err != nil {
		_ = bi.Close()
		return nil, err
	}
	if err := restrictPerms(dir); err != nil {
		_ = bi.Close()
		return nil, err
	}
	return x, nil
}

// openBleve opens the bleve index at dir and sorts its failures into
// ErrLocked, plain I/O errors (not the index's fault) and ErrCorrupt.
// bbolt panics on some damaged files, so a panic is corruption too.
func openBleve(dir string) (bi bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			bi, err = nil, fmt.Errorf("%w: %s: open: panic: %v", ErrCorrupt, dir, r)
		}
	}()
	bi, err = bleve.OpenUsing(dir, runtimeConfig())
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

// attach checks that bi was built with this mapping and is not older than
// its last commit, and wraps it.
func attach(dir string, bi bleve.Index) (*Index, error) {
	v, err := bi.GetInternal(internalVersionKey)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, dir, err)
	}
	if string(v) != mappingVersion {
		return nil, fmt.Errorf("%w: %s: mapping %q, this mailsift needs %q", ErrCorrupt, dir, v, mappingVersion)
	}
	g, err := bi.GetInternal(internalGenKey)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, dir, err)
	}
	gen, _ := strconv.ParseUint(string(g), 10, 64) // none yet: 0
	if committed := readGen(dir); gen < committed {
		return nil, fmt.Errorf("%w: %s: index holds generation %d, but generation %d was committed: scorch fell back to an older snapshot", ErrCorrupt, dir, gen, committed)
	}
	// Documents are built with the running program's mapping, queries run
	// with the one bleve keeps in the index; the version check says they
	// are the same.
	_, docs, err := newMappingAndDocs()
	if err != nil {
		return nil, err
	}
	return &Index{dir: dir, bi: bi, docs: docs, batchIDs: newIDLocks(), gen: gen}, nil
}

// commit records that everything written so far is on disk: it stores a
// new generation inside the index and then in genFile next to it. When a
// segment file is damaged or missing, scorch does not fail but silently
// opens an older snapshot; attach detects that because the index's
// generation is then below genFile's. genFile is written after the index,
// so a crash in between leaves it behind, never ahead. It is not fsynced:
// losing it only weakens the check.
func (x *Index) commit(mark *string) error {
	x.genMu.Lock()
	defer x.genMu.Unlock()
	g := x.gen + 1
	b := x.bi.NewBatch()
	b.SetInternal(internalGenKey, []byte(strconv.FormatUint(g, 10)))
	if mark != nil {
		b.SetInternal(internalMarkKey, []byte(*mark))
	}
	if err := x.bi.Batch(b); err != nil {
		return fmt.Errorf("index: commit: %w", err)
	}
	tmp := filepath.Join(x.dir, genFile+".tmp")
	if err := os.WriteFile(tmp, []byte(strconv.FormatUint(g, 10)), 0o600); err != nil {
		return fmt.Errorf("index: commit: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(x.dir, genFile)); err != nil {
		return fmt.Errorf("index: commit: %w", err)
	}
	x.gen = g
	return nil
}

// readGen returns the generation in dir's genFile, or 0 if there is none
// that can be read.
func readGen(dir string) uint64 {
	b, err := os.ReadFile(filepath.Join(dir, genFile))
	if err != nil {
		return 0
	}
	g, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return 0
	}
	return g
}

// restrictPerms makes the index readable by its owner only: findings are
// personal data. bleve creates its store with 0700/0600 but writes
// index_meta.json with 0666 less the umask, and MkdirAll leaves an existing
// directory's mode alone.
func restrictPerms(dir string) error {
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	err := os.Chmod(filepath.Join(dir, metaFile), 0o600)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// recoverCorrupt turns a panic in bleve, which damaged segment files can
// cause long after Open, into an error wrapping ErrCorrupt.
func recoverCorrupt(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w: panic: %v", ErrCorrupt, r)
	}
}
