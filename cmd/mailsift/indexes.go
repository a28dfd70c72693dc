package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mailsift/mailsift/index"
	"github.com/mailsift/mailsift/index/caseindex"
	"github.com/mailsift/mailsift/people"
	"github.com/mailsift/mailsift/store"
)

// openIndexes opens the search indexes of the cases as one, first building
// those that are missing or stale (the findings, overrides or categories
// changed since), each under its case's lock with a progress bar.
func openIndexes(ctx context.Context, dirs []string, ios *IOStreams, command string) (*index.Set, error) {
	for _, dir := range dirs {
		st, err := caseindex.Check(dir)
		if err != nil {
			return nil, fmt.Errorf("search index of %s: %w", termSafe(dir), err)
		}
		if st == caseindex.Fresh {
			continue
		}
		if err := rebuildIndex(ctx, dir, ios, command); err != nil {
			return nil, err
		}
	}
	set, err := caseindex.Open(dirs)
	switch {
	case errors.Is(err, index.ErrLocked):
		return nil, fmt.Errorf("a case's search index is being built by another mailsift: try again when it ends (%v)", err)
	case err != nil:
		return nil, fmt.Errorf("open the search index: %w", err)
	}
	return set, nil
}

// rebuildIndex builds a case's index under the case's lock.
func rebuildIndex(ctx context.Context, dir string, ios *IOStreams, command string) error {
	c, _, err := store.CreateWith(dir, store.Options{Command: command, Stop: ctx.Done()})
	var busy *store.BusyError
	switch {
	case errors.As(err, &busy):
		return fmt.Errorf("the case %s is in use (%v): its search index must be brought up to date first; try again when that ends", termSafe(dir), busy.Holder)
	case err != nil:
		return err
	}
	defer c.Close()
	// Another process may have built it while we waited.
	if st, err := caseindex.Check(dir); err == nil && st == caseindex.Fresh {
		return nil
	} else if err == nil {
		fmt.Fprintf(ios.Err, "mailsift: the search index of %s is %s: building it\n", termSafe(dir), st)
	}
	_, err = buildIndex(ctx, dir, ios)
	return err
}

// buildIndex builds a case's index with a progress bar; the caller holds
// the case's lock.
func buildIndex(ctx context.Context, dir string, ios *IOStreams) (int, error) {
	start := time.Now()
	var bar *progress
	var last int64
	n, err := caseindex.Build(ctx, dir, caseindex.Options{Progress: func(done, total int64) {
		if bar == nil {
			bar = newBar(ios, total, "index ")
		}
		bar.add(done - last)
		last = done
	}})
	if bar != nil {
		bar.done()
	}
	var ce *people.ConfigError
	switch {
	case errors.As(err, &ce) || errors.Is(err, people.ErrManyCategories):
		return 0, usageError{err}
	case err != nil:
		return 0, fmt.Errorf("search index of %s: %w (the findings are safe; run mailsift search to build it again)", termSafe(dir), err)
	}
	_ = start
	return n, nil
}
