package scanner

import (
	"context"
	"sync"
)

// DefaultWindowBytes bounds the message content and results held between
// the source and the committer. 64 MiB hides the latency of OCR behind
// thousands of ordinary messages; a message bigger than that is still
// taken, alone.
const DefaultWindowBytes = 64 << 20

// windowPerWorker is how many messages each worker may be ahead of the
// committer; most messages are a few kilobytes, so bytes bind first only on
// mailboxes of big messages.
const windowPerWorker = 256

// inflight counts the bytes held by messages between source and commit.
// Only the producer waits; workers and the committer adjust the count
// without blocking, so the message the committer waits for always
// proceeds.
type inflight struct {
	mu   sync.Mutex
	cond *sync.Cond
	used int64
	max  int64
}

func newInflight(max int64) *inflight {
	if max <= 0 {
		max = DefaultWindowBytes
	}
	f := &inflight{max: max}
	f.cond = sync.NewCond(&f.mu)
	return f
}

// wait blocks until n more bytes fit (or nothing is held, so that a message
// over the limit still passes), then counts them.
func (f *inflight) wait(ctx context.Context, n int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.used > 0 && f.used+n > f.max {
		stop := context.AfterFunc(ctx, func() {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.cond.Broadcast()
		})
		defer stop()
		for f.used > 0 && f.used+n > f.max {
			if err := ctx.Err(); err != nil {
				return err
			}
			f.cond.Wait()
		}
	}
	f.used += n
	return nil
}

// add changes the count by n; a decrease wakes the producer.
func (f *inflight) add(n int64) {
	if n == 0 {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.used += n
	if n < 0 {
		f.cond.Broadcast()
	}
}
