package scanner

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/mailsift/mailsift/scanner/source"
	"github.com/mailsift/mailsift/store"
)

// job is one item from a source, numbered in source order.
type job struct {
	seq  int
	msg  *source.Message
	err  error
	done chan struct{} // closed when the result is ready
	res  *result
	held int64 // bytes counted in the window: the message's, then the result's
}

// Scan reads every source into the case, then, when attachments are read
// (opts.Extractors), runs the PPAP pass (see unlock). It returns the
// summary so far together with ctx.Err() when cancelled: everything
// committed is consistent and a re-run resumes.
func Scan(ctx context.Context, c *store.Case, det Detector, sources []source.Source, opts Options) (Summary, error) {
	start := time.Now()
	opts = opts.withDefaults()
	sum, err := scanSources(ctx, c, det, sources, opts)
	if err == nil && len(opts.Extractors) > 0 {
		// The pass counts the containers still locked in the whole case,
		// which replaces what the sources' messages reported.
		sum.PPAP, err = unlock(ctx, c, det, opts)
		sum.Unlocked += sum.PPAP.Unlocked
		sum.Locked = sum.PPAP.Locked
		sum.Findings += sum.PPAP.Findings
		sum.Errors += sum.PPAP.Errors
	}
	sum.Seconds = time.Since(start).Seconds()
	return sum, err
}

// scanSources decodes the messages of the sources on opts.Workers workers
// and commits the results in source order.
func scanSources(ctx context.Context, c *store.Case, det Detector, sources []source.Source, opts Options) (Summary, error) {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Results are committed in source order, so one slow message (OCR of
	// a page of ID scans takes seconds) holds back every message after it.
	// A deep window lets the other workers go on meanwhile; held bytes, not
	// the number of messages, bound its memory (see heldBytes).
	depth := opts.Workers * windowPerWorker
	ordered := make(chan *job, depth)
	work := make(chan *job, depth)
	held := newHeldBytes(opts.WindowBytes)

	var produceErr error
	go func() {
		defer close(ordered)
		defer close(work)
		seq := 0
		for _, s := range sources {
			err := s.Messages(ctx, func(m *source.Message, err error) error {
				j := &job{seq: seq, msg: m, err: err, done: make(chan struct{})}
				seq++
				if m != nil {
					j.held = int64(len(m.Data))
					if err := held.wait(ctx, j.held); err != nil {
						return err
					}
				}
				select {
				case ordered <- j:
				case <-ctx.Done():
					return ctx.Err()
				}
				if err != nil {
					close(j.done)
					return nil
				}
				select {
				case work <- j:
				case <-ctx.Done():
					return ctx.Err()
				}
				return nil
			})
			if err != nil {
				produceErr = fmt.Errorf("read %s: %w", s.Name(), err)
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				if ctx.Err() == nil {
					j.res = processSafely(ctx, c, det, j.msg, opts)
					// The committer needs the message's metadata only:
					// hold the result's bytes instead of its content.
					j.msg.Data = nil
					n := j.res.size()
					held.add(n - j.held)
					j.held = n
				}
				close(j.done)
			}
		}()
	}

	sum, err := commit(ctx, c, ordered, held, opts)
	cancel()
	wg.Wait()
	// The producer closes `ordered` after setting produceErr, and commit
	// returns only after that close (or on cancellation).
	if err == nil && produceErr != nil {
		err = produceErr
	}
	if err == nil {
		// Cancelled while the last results were committed: say so, even
		// if every message made it (the commit loop may see both).
		err = parent.Err()
	}
	return sum, err
}

// commit takes results in source order and makes them durable in batches.
func commit(ctx context.Context, c *store.Case, ordered <-chan *job, held *heldBytes, opts Options) (Summary, error) {
	var sum Summary
	var batch store.Batch
	pending := 0
	lastFlush := time.Now()
	flush := func() error {
		if len(batch.Entries) == 0 && len(batch.Findings) == 0 {
			return nil
		}
		if err := c.Commit(&batch); err != nil {
			return err
		}
		clear(batch.Entries)
		clear(batch.EntryLines)
		clear(batch.FindingLines) // let the written chunks go
		batch = store.Batch{Entries: batch.Entries[:0], EntryLines: batch.EntryLines[:0], FindingLines: batch.FindingLines[:0]}
		pending = 0
		lastFlush = time.Now()
		return nil
	}
	for j := range ordered {
		select {
		case <-j.done:
		case <-ctx.Done():
			// Flush what is complete; the rest is re-read on the next run.
			return sum, errors.Join(flush(), ctx.Err())
		}
		held.add(-j.held)
		if j.err != nil {
			var sk *source.Skipped
			if errors.As(j.err, &sk) {
				sum.SkippedFiles++
				opts.Warn("skipped: not mail", "path", sk.Path, "reason", sk.Reason)
				continue
			}
			if errors.Is(j.err, context.Canceled) {
				continue
			}
			sum.Errors++
			opts.Warn("unreadable message", "error", j.err.Error())
			continue
		}
		r := j.res
		if r == nil { // cancelled before a worker took it
			continue
		}
		// Bytes as read (what Source.Size sums), so progress reaches 100%.
		if opts.Progress != nil {
			opts.Progress(j.msg.RawSize)
		}
		sum.Messages++
		sum.Bytes += j.msg.RawSize
		switch {
		case r.outOfRange:
			sum.OutOfRange++
			continue
		case r.dup || c.Known(j.msg.CanonicalSHA256) || seenInBatch(&batch, r.entry.MessageSHA256):
			sum.Duplicates++
			if !c.SeenAt(j.msg.CanonicalSHA256, j.msg.Path, j.msg.Offset) && !placeInBatch(&batch, r.entry) {
				batch.Entries = append(batch.Entries, seenEntry(r.entry))
			}
			continue
		}
		// errors counts parts (or whole messages) with problems, as the
		// interface defines it; every problem is logged.
		sum.Errors += len(r.bad)
		for _, e := range r.errs {
			opts.Warn("decode problem", "message", j.msg.Where(), "problem", e)
		}
		sum.Attachments += r.attach
		sum.Locked += len(r.entry.Locked)
		sum.Unlocked += r.unlocked
		sum.Findings += r.nFindings
		batch.FindingLines = append(batch.FindingLines, r.findingLines...)
		batch.FindingLineCount += r.nFindings
		for len(batch.EntryLines) < len(batch.Entries) {
			batch.EntryLines = append(batch.EntryLines, nil)
		}
		batch.Entries = append(batch.Entries, r.entry)
		batch.EntryLines = append(batch.EntryLines, r.entryLine)
		pending++
		if pending >= opts.FlushEvery || time.Since(lastFlush) > 2*time.Second {
			if err := flush(); err != nil {
				return sum, err
			}
		}
	}
	return sum, flush()
}

func seenInBatch(b *store.Batch, h string) bool {
	for i := range b.Entries {
		if b.Entries[i].MessageSHA256 == h {
			return true
		}
	}
	return false
}

func placeInBatch(b *store.Batch, e store.Entry) bool {
	for i := range b.Entries {
		if b.Entries[i].MessageSHA256 == e.MessageSHA256 && b.Entries[i].Path == e.Path && b.Entries[i].Offset == e.Offset {
			return true
		}
	}
	return false
}

// seenEntry is the manifest line of a further place of a known message:
// the place and the bytes found there, nothing decoded. Whether a worker
// decoded the copy before the first one was committed is a matter of
// timing, which must not show in the manifest.
func seenEntry(e store.Entry) store.Entry {
	return store.Entry{
		Kind:          store.KindSeen,
		MessageSHA256: e.MessageSHA256,
		RawSHA256:     e.RawSHA256,
		SourceKind:    e.SourceKind,
		Source:        e.Source,
		Path:          e.Path,
		Offset:        e.Offset,
		Index:         e.Index,
		Size:          e.Size,
		Truncated:     e.Truncated,
		ScannedAt:     e.ScannedAt,
	}
}
