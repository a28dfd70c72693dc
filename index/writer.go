package index

import (
	"errors"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"

	"github.com/mailsift/mailsift/store"
)

// Batching, measured on 2 cores (BenchmarkIndex): batches of 300 findings
// cost half as much CPU time again as batches of 1000 (more segments to
// merge); 1000 to 5000 cost about the same, and bigger ones only hold more
// memory. Two batches in flight let one build its segment (single-threaded
// in scorch) while the other is analysed or waits for its fsync.
const (
	defaultBatchSize = 1000
	defaultWorkers   = 2
)

// Writer adds and deletes findings in batches. A batch is sent to the index
// when it is full, while the caller goes on adding; Flush and Close wait
// until everything sent is on disk. Operations on one ID take effect in the
// order they were made, although two batches are written at a time.
//
// A Writer is not safe for concurrent use. After a batch fails, every call
// returns that error.
type Writer struct {
	x       *Index
	size    int
	batch   *bleve.Batch
	ids     []string
	queue   chan job
	workers sync.WaitGroup
	pending sync.WaitGroup // batches sent and not yet done

	dirty bool // batches sent since the last commit

	mu     sync.Mutex
	err    error // first batch error
	closed bool
}

type job struct {
	batch *bleve.Batch
	ids   []string
}

// Writer returns a new Writer. Close it when done.
func (x *Index) Writer() *Writer {
	return x.newWriter(defaultBatchSize, defaultWorkers)
}

func (x *Index) newWriter(size, workers int) *Writer {
	w := &Writer{
		x:     x,
		size:  size,
		batch: x.bi.NewBatch(),
		queue: make(chan job),
	}
	w.workers.Add(workers)
	for range workers {
		go w.work()
	}
	return w
}

// Add adds f to the index, replacing any finding with the same ID. A finding
// that cannot be indexed is an error wrapping ErrBadFinding that leaves the
// Writer usable.
func (w *Writer) Add(f store.Finding) error {
	if err := w.check(); err != nil {
		return err
	}
	doc, err := w.x.docs.build(&f)
	if err != nil {
		return err
	}
	if err := w.batch.IndexAdvanced(doc); err != nil {
		return fmt.Errorf("index: finding %s: %w", f.ID, err)
	}
	w.ids = append(w.ids, f.ID)
	return w.maybeSend()
}

// Delete removes the finding with this ID, if there is one.
func (w *Writer) Delete(id string) error {
	if err := w.check(); err != nil {
		return err
	}
	if id == "" {
		return errors.New("index: delete: empty id")
	}
	w.batch.Delete(id)
	w.ids = append(w.ids, id)
	return w.maybeSend()
}

// Flush sends the current batch, waits until every batch sent is on disk
// and commits (see Index.commit). After a crash, the index holds at least
// what was flushed.
func (w *Writer) Flush() error {
	if err := w.check(); err != nil {
		return err
	}
	return w.flush(nil)
}

// Commit is Flush that also records mark in the index, atomically with the
// findings flushed: say, how far into the findings file the index goes.
// After a crash, Index.Mark returns the mark of the last Commit that
// returned, or a later one, and the index holds everything written before
// that Commit; resuming from the mark re-adds some findings at worst, which
// replaces them.
func (w *Writer) Commit(mark string) error {
	if err := w.check(); err != nil {
		return err
	}
	w.dirty = true // a new mark is worth a commit on its own
	return w.flush(&mark)
}

func (w *Writer) flush(mark *string) error {
	w.send()
	w.pending.Wait()
	if err := w.failed(); err != nil {
		return err
	}
	if !w.dirty {
		return nil
	}
	if err := w.x.commit(mark); err != nil {
		w.fail(err)
		return err
	}
	w.dirty = false
	return nil
}

// Close flushes and stops the Writer. Closing twice is harmless.
func (w *Writer) Close() error {
	w.mu.Lock()
	closed := w.closed
	w.closed = true
	w.mu.Unlock()
	if closed {
		return w.failed()
	}
	if w.failed() == nil {
		_ = w.flush(nil) // its error is w.failed()
	}
	w.pending.Wait()
	close(w.queue)
	w.workers.Wait()
	return w.failed()
}

func (w *Writer) maybeSend() error {
	if len(w.ids) >= w.size {
		w.send()
	}
	return w.failed()
}

// send hands the current batch to a worker. It first waits until no batch in
// flight holds one of its IDs: two batches run concurrently, and scorch
// applies whichever finishes first, so a re-add or delete could otherwise
// overtake the operation it should replace.
func (w *Writer) send() {
	if len(w.ids) == 0 {
		return
	}
	j := job{batch: w.batch, ids: w.ids}
	w.batch, w.ids = w.x.bi.NewBatch(), nil
	w.x.batchIDs.acquire(j.ids)
	w.dirty = true
	w.pending.Add(1)
	w.queue <- j
}

func (w *Writer) work() {
	defer w.workers.Done()
	for j := range w.queue {
		err := w.x.bi.Batch(j.batch)
		w.x.batchIDs.release(j.ids)
		if err != nil {
			w.fail(fmt.Errorf("index: batch of %d: %w", len(j.ids), err))
		}
		w.pending.Done()
	}
}

func (w *Writer) check() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return errors.New("index: writer is closed")
	}
	return w.err
}

func (w *Writer) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

func (w *Writer) fail(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
}

// idLocks counts, per ID, the batches in flight that touch it.
type idLocks struct {
	mu   sync.Mutex
	cond *sync.Cond
	ids  map[string]int
}

func newIDLocks() *idLocks {
	f := &idLocks{ids: make(map[string]int)}
	f.cond = sync.NewCond(&f.mu)
	return f
}

// acquire waits until no batch in flight touches any of ids, then marks
// them as in flight.
func (f *idLocks) acquire(ids []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for f.anyLocked(ids) {
		f.cond.Wait()
	}
	for _, id := range ids {
		f.ids[id]++
	}
}

func (f *idLocks) anyLocked(ids []string) bool {
	if len(f.ids) == 0 {
		return false
	}
	for _, id := range ids {
		if f.ids[id] > 0 {
			return true
		}
	}
	return false
}

func (f *idLocks) release(ids []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, id := range ids {
		if f.ids[id]--; f.ids[id] <= 0 {
			delete(f.ids, id)
		}
	}
	f.cond.Broadcast()
}
