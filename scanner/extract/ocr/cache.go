package ocr

import (
	"container/list"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"

	"github.com/mailsift/mailsift/scanner/extract"
)

// cacheVersion changes when the text made from an image changes (cleanup
// rules, passes), so that old directory entries are not used.
const cacheVersion = 3

// cache holds OCR texts by key (image SHA-256 and settings): in memory,
// least recently used first out, and optionally as files in dir. A key
// being read is read once: other callers wait for it (the same picture
// in many messages of a mailbox).
type cache struct {
	mu         sync.Mutex
	ll         *list.List // of *entry, most recent first
	byKey      map[string]*list.Element
	bytes      int64
	maxEntries int
	maxBytes   int64
	dir        string
	inflight   map[string]*call
}

type entry struct {
	key  string
	text string
	err  error // a failure of tesseract on this image; not a time-out
}

type call struct {
	done chan struct{}
	text string
	err  error
}

func newCache(entries int, bytes int64, dir string) *cache {
	return &cache{
		ll: list.New(), byKey: map[string]*list.Element{}, inflight: map[string]*call{},
		maxEntries: entries, maxBytes: bytes, dir: dir,
	}
}

// get returns the text for key, calling fill when it is not cached.
// Results are cached, and so are failures other than time-outs and
// cancellations (another try would fail the same way).
func (c *cache) get(ctx context.Context, key string, fill func() (string, error)) (string, error) {
	for {
		c.mu.Lock()
		if el, ok := c.byKey[key]; ok {
			c.ll.MoveToFront(el)
			e := el.Value.(*entry)
			c.mu.Unlock()
			return e.text, e.err
		}
		if cl, ok := c.inflight[key]; ok {
			c.mu.Unlock()
			select {
			case <-cl.done:
			case <-ctx.Done():
				return "", ctx.Err()
			}
			if transient(cl.err) && ctx.Err() == nil {
				continue // the other caller's time ran out, not ours
			}
			return cl.text, cl.err
		}
		cl := &call{done: make(chan struct{})}
		c.inflight[key] = cl
		c.mu.Unlock()

		text, err, fromDir := "", error(nil), false
		if t, ok := c.load(key); ok {
			text, fromDir = t, true
		} else {
			text, err = fill()
		}
		cl.text, cl.err = text, err
		c.mu.Lock()
		delete(c.inflight, key)
		if !transient(err) {
			c.add(&entry{key: key, text: text, err: err})
		}
		c.mu.Unlock()
		close(cl.done)
		if err == nil && !fromDir {
			c.store(key, text)
		}
		return text, err
	}
}

// transient reports whether an error may not recur: the time limit or a
// cancellation.
func transient(err error) bool {
	var le *extract.LimitError
	return err != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		(errors.As(err, &le) && le.Limit == "time"))
}

// add inserts e and evicts the least recently used entries over the
// bounds. c.mu is held.
func (c *cache) add(e *entry) {
	c.byKey[e.key] = c.ll.PushFront(e)
	c.bytes += int64(len(e.text))
	for c.ll.Len() > c.maxEntries || (c.bytes > c.maxBytes && c.ll.Len() > 1) {
		old := c.ll.Back()
		oe := old.Value.(*entry)
		c.ll.Remove(old)
		delete(c.byKey, oe.key)
		c.bytes -= int64(len(oe.text))
	}
}

// path is key's file in the cache directory. Keys are hex digits and a
// settings name of [A-Za-z0-9+._-], so the file is always inside dir.
func (c *cache) path(key string) string {
	return filepath.Join(c.dir, key+".txt")
}

func (c *cache) load(key string) (string, bool) {
	if c.dir == "" {
		return "", false
	}
	b, err := os.ReadFile(c.path(key))
	if err != nil || len(b) > MaxText {
		return "", false
	}
	return string(b), true
}

// store writes the text to the directory atomically (temporary file and
// rename in dir); a failure only costs a later OCR run.
func (c *cache) store(key, text string) {
	if c.dir == "" {
		return
	}
	f, err := os.CreateTemp(c.dir, "ocr-*.tmp")
	if err != nil {
		return
	}
	_, werr := f.WriteString(text)
	cerr := f.Close()
	if werr != nil || cerr != nil || os.Rename(f.Name(), c.path(key)) != nil {
		_ = os.Remove(f.Name())
	}
}
