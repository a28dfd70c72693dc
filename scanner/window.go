package scanner

import (
	"context"
	"sync"
)

// DefaultWindowBytes bounds the message content and results held between
// the source and the committer: enough for thousands of ordinary messages
// to be decoded while one slow message (OCR) holds up the commit. A
// message bigger than that is still taken, alone.
const DefaultWindowBytes = 64 << 20

// windowPerWorker is how many messages each worker may be ahead of the
// committer; most messages are a few kilobytes, so bytes bind first only on
// mailboxes of big messages.
const windowPerWorker = 256

// heldBytes counts the bytes held by messages between source and commit,
// the window's memory. Only the producer waits; workers and the committer
// adjust the count without blocking, so the message the committer waits
// for always proceeds.
type heldBytes struct {
	mu   sync.Mutex
	cond *sync.Cond
	used int64
	max  int64
}

func newHeldBytes(max int64) *heldBytes {
	h := &heldBytes{max: max}
	h.cond = sync.NewCond(&h.mu)
	return h
}

// wait blocks until n more bytes fit (or nothing is held, so that a message
// over the limit still passes), then counts them.
func (h *heldBytes) wait(ctx context.Context, n int64) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.used > 0 && h.used+n > h.max {
		stop := context.AfterFunc(ctx, func() {
			h.mu.Lock()
			defer h.mu.Unlock()
			h.cond.Broadcast()
		})
		defer stop()
		for h.used > 0 && h.used+n > h.max {
			if err := ctx.Err(); err != nil {
				return err
			}
			h.cond.Wait()
		}
	}
	h.used += n
	return nil
}

// add changes the count by n; a decrease wakes the producer.
func (h *heldBytes) add(n int64) {
	if n == 0 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.used += n
	if n < 0 {
		h.cond.Broadcast()
	}
}
