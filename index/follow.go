package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"time"

	"github.com/mailsift/mailsift/store"
)

// Committed is what a Follower needs of the case being written: how far
// its findings file is committed (every finding before that offset belongs
// to a message in the manifest) and how many findings that is.
// *store.Case implements it.
type Committed interface {
	Committed() int64
	FindingCount() int
}

// Follower keeps a case's index in step with its findings file. It indexes
// only up to the committed offset and records that offset in the index as
// its mark (Writer.Commit), so indexing can lag behind a scan, survive a
// crash and resume where it stopped: the index is never ahead of the
// findings file. Indexing is the dearest step per finding, which is why it
// is kept off the scan's commit path.
type Follower struct {
	ix      *Index
	caseDir string
	c       Committed
	log     *slog.Logger
	every   time.Duration
}

// ErrCaseBusy is returned by OpenFollower when another process holds the
// case's index.
var ErrCaseBusy = errors.New("the case is in use by another mailsift process: wait for it to finish")

// OpenFollower opens the index of the case in caseDir (store.IndexDir),
// creating it if needed; a damaged index is rebuilt from the findings
// file, with a warning in log.
func OpenFollower(caseDir string, c Committed, log *slog.Logger) (*Follower, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	f := &Follower{caseDir: caseDir, c: c, log: log, every: 2 * time.Second}
	ix, err := Open(f.dir())
	switch {
	case errors.Is(err, ErrCorrupt):
		log.Warn("search index damaged: rebuilding it from the findings file", "error", err.Error())
		return f, f.rebuild()
	case errors.Is(err, ErrLocked):
		return nil, fmt.Errorf("%s: %w", caseDir, ErrCaseBusy)
	case err != nil:
		return nil, fmt.Errorf("open search index: %w", err)
	}
	f.ix = ix
	return f, nil
}

func (f *Follower) dir() string { return filepath.Join(f.caseDir, store.IndexDir) }

// Index is the index being kept in step.
func (f *Follower) Index() *Index { return f.ix }

// Close closes the index.
func (f *Follower) Close() error {
	if f.ix == nil {
		return nil
	}
	return f.ix.Close()
}

// rebuild indexes every committed finding anew.
func (f *Follower) rebuild() error {
	if f.ix != nil {
		f.ix.Close()
		f.ix = nil
	}
	limit := f.c.Committed()
	ix, err := Rebuild(f.dir(), func(yield func(store.Finding) error) error {
		return store.EachFindingRange(f.caseDir, 0, limit, func(fd *store.Finding, _ int64) error { return yield(*fd) })
	})
	if err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	f.ix = ix
	w := ix.Writer()
	defer w.Close()
	return w.Commit(strconv.FormatInt(limit, 10))
}

// CatchUp indexes the committed findings the index does not have yet and
// returns how many it added. A mark the findings file cannot have made
// (ahead of the committed offset, or not a number) means the index belongs
// to another state of the case: it is rebuilt.
func (f *Follower) CatchUp(ctx context.Context) (int, error) {
	limit := f.c.Committed()
	mark, err := f.ix.Mark()
	if err != nil {
		return 0, err
	}
	var from int64
	if mark != "" {
		if from, err = strconv.ParseInt(mark, 10, 64); err != nil || from > limit || from < 0 {
			f.log.Warn("search index out of step with the findings file: rebuilding it", "mark", mark, "committed", limit)
			return 0, f.rebuild()
		}
	}
	if from == limit {
		return 0, nil
	}
	w := f.ix.Writer()
	n := 0
	err = store.EachFindingRange(f.caseDir, from, limit, func(fd *store.Finding, _ int64) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		n++
		return w.Add(*fd)
	})
	if err != nil {
		w.Close() // what was added is kept; the mark stays, re-adding is harmless
		return n, err
	}
	if err := w.Commit(strconv.FormatInt(limit, 10)); err != nil {
		w.Close()
		return n, err
	}
	return n, w.Close()
}

// Follow indexes in the background while the case is written, and once
// more after done is closed, then checks the index against the findings
// file (Verify). The result arrives on the returned channel.
func (f *Follower) Follow(ctx context.Context, done <-chan struct{}) <-chan error {
	errc := make(chan error, 1)
	go func() {
		t := time.NewTicker(f.every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				if _, err := f.CatchUp(ctx); err != nil {
					errc <- err
					return
				}
			case <-done:
				_, err := f.CatchUp(ctx)
				if err == nil {
					err = f.Verify()
				}
				errc <- err
				return
			}
		}
	}()
	return errc
}

// Verify compares the index with the findings file and rebuilds the index
// if they disagree: the index must never silently miss findings.
func (f *Follower) Verify() error {
	n, err := f.ix.Count()
	if err != nil {
		return err
	}
	if want := f.c.FindingCount(); n != uint64(want) {
		f.log.Warn("search index count differs from the findings file: rebuilding", "indexed", n, "findings", want)
		return f.rebuild()
	}
	return nil
}
