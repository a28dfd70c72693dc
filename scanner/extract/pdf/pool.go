package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/experimental"
)

// The pdfium engine: one wazero runtime per slot, all sharing one
// compilation cache, so the 5 MB wasm is compiled once per process (or
// loaded from the cache directory in ~80 ms). A slot runs one document at
// a time in a fresh module instance, so memory a hostile PDF made pdfium
// grow is released when the document is done.
//
// A slot has its own context because go-pdfium runs every wasm call with
// the context the pool was created with: cancelling it (with
// WithCloseOnContextDone) is the only way to stop a call that loops, and
// it kills the slot's runtime, which is then closed and rebuilt.

// slot is one pdfium runtime with at most one instance in use.
type slot struct {
	pool   pdfium.Pool
	cancel context.CancelFunc
}

func (s *slot) close() {
	s.cancel()
	func() {
		defer func() { _ = recover() }()
		_ = s.pool.Close()
	}()
}

// engine hands out slots, creating them lazily.
type engine struct {
	opts  Options
	slots chan *slot // MaxInstances entries; nil: not created yet or discarded
	mem   *memPool   // wasm memories; nil: wazero's default

	mu       sync.Mutex
	cache    wazero.CompilationCache // nil until first use
	cacheDir string                  // where the cache is, "" if in memory
	initErr  error                   // a failed runtime creation, kept: it would fail again
	closed   bool
}

func newEngine(opts Options) *engine {
	e := &engine{opts: opts, slots: make(chan *slot, opts.MaxInstances), mem: newMemPool()}
	for range opts.MaxInstances {
		e.slots <- nil
	}
	return e
}

// acquire takes a slot, creating its runtime if needed. It returns when
// ctx is done even while a first (slow, uncached) compilation runs: that
// goes on in the background and the slot is kept for the next call.
func (e *engine) acquire(ctx context.Context) (*slot, error) {
	var s *slot
	select {
	case s = <-e.slots:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if s != nil {
		return s, nil
	}
	type result struct {
		s   *slot
		err error
	}
	ch := make(chan result, 1)
	go func() {
		s, err := e.newSlot()
		ch <- result{s, err}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			e.slots <- nil
			return nil, r.err
		}
		return r.s, nil
	case <-ctx.Done():
		go func() { e.slots <- (<-ch).s }()
		return nil, ctx.Err()
	}
}

// release gives s back; a slot whose runtime was killed or broken is
// closed and replaced by a fresh one on next use.
func (e *engine) release(s *slot, broken bool) {
	if broken {
		s.close()
		s = nil
	}
	e.slots <- s
}

// newSlot creates a runtime ready to hand out one instance.
func (e *engine) newSlot() (*slot, error) {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil, ErrClosed
	}
	if e.initErr != nil {
		err := e.initErr
		e.mu.Unlock()
		return nil, err
	}
	if e.cache == nil {
		e.cache, e.cacheDir = openCache(e.opts.CacheDir)
	}
	rc := wazero.NewRuntimeConfig().
		WithCloseOnContextDone(true).
		WithCompilationCache(e.cache).
		WithMemoryLimitPages(uint32(e.opts.MaxMemory >> 16))
	e.mu.Unlock()

	ctx, cancel := context.WithCancel(context.Background())
	if e.mem != nil {
		// go-pdfium instantiates modules with (a child of) this context.
		ctx = experimental.WithMemoryAllocator(ctx, e.mem)
	}
	p, err := initPool(webassembly.Config{
		Context:       ctx,
		MaxTotal:      1,
		MaxIdle:       1,
		RuntimeConfig: rc,
		// No file system, no console: pdfium reads documents from
		// memory and must not touch the disk.
		FSConfig:     wazero.NewFSConfig(),
		Stdout:       io.Discard,
		Stderr:       io.Discard,
		ReuseWorkers: false,
	})
	if err != nil {
		cancel()
		err = fmt.Errorf("pdf: start pdfium: %w", err)
		e.mu.Lock()
		e.initErr = err
		e.mu.Unlock()
		return nil, err
	}
	return &slot{pool: p, cancel: cancel}, nil
}

func initPool(cfg webassembly.Config) (p pdfium.Pool, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return webassembly.Init(cfg)
}

// close waits for every slot to come back and closes them.
func (e *engine) close() error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	e.mu.Unlock()
	for range cap(e.slots) {
		if s := <-e.slots; s != nil {
			s.close()
		}
	}
	// Empty slots make later or waiting calls fail with ErrClosed.
	for range cap(e.slots) {
		e.slots <- nil
	}
	if e.mem != nil {
		e.mem.close()
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cache != nil {
		return e.cache.Close(context.Background())
	}
	return nil
}

// openCache opens the compilation cache in dir, or in the user cache
// directory when dir is "". If the directory cannot be used, or dir is
// NoCache, the cache lives in memory only (first use then costs ~3 s).
func openCache(dir string) (wazero.CompilationCache, string) {
	if dir == NoCache {
		return wazero.NewCompilationCache(), ""
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return wazero.NewCompilationCache(), ""
		}
		dir = filepath.Join(base, "mailsift", "wazero")
	}
	if err := writable(dir); err != nil {
		return wazero.NewCompilationCache(), ""
	}
	c, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		return wazero.NewCompilationCache(), ""
	}
	return c, dir
}

// writable creates dir if needed and checks a file can be written in it:
// wazero only finds out when it first stores a compiled module.
func writable(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return err
	}
	name := f.Name()
	err = f.Close()
	return errors.Join(err, os.Remove(name))
}

// run calls fn with a fresh pdfium instance of a slot. When ctx is done,
// or the alarm fn sets goes off, the slot's runtime is cancelled, which
// makes the running wasm call return within milliseconds; that slot is
// then closed and replaced. An alarm makes run return errStepTimeout.
func (e *engine) run(ctx context.Context, fn func(pdfium.Pdfium, *alarm) error) (err error) {
	s, err := e.acquire(ctx)
	if err != nil {
		return err
	}
	broken := false
	defer func() { e.release(s, broken) }()
	inst, err := getInstance(ctx, s.pool)
	if err != nil {
		broken = true
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("pdf: pdfium instance: %w", err)
	}

	al := &alarm{t: time.NewTimer(time.Hour)}
	al.t.Stop()
	stop := make(chan struct{})
	killed := make(chan error, 1)
	go func() {
		select {
		case <-ctx.Done():
			s.cancel()
			killed <- ctx.Err()
		case <-al.t.C:
			s.cancel()
			killed <- errStepTimeout
		case <-stop:
			killed <- nil
		}
	}()
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("pdf: pdfium panic: %v", r)
				broken = true
			}
		}()
		err = fn(inst, al)
	}()
	close(stop)
	if kerr := <-killed; kerr != nil {
		// The instance is dead; closing the slot's pool cleans it up.
		broken = true
		return kerr
	}
	if broken || isCrash(err) {
		broken = true
		return err
	}
	if cerr := closeInstance(inst); cerr != nil {
		broken = true
	}
	return err
}

// alarm bounds one step of a run (a page, a render) so that a single
// pathological page does not use up the whole attachment's time.
type alarm struct{ t *time.Timer }

func (a *alarm) set(d time.Duration) { a.t.Reset(d) }
func (a *alarm) clear()              { a.t.Stop() }

// errStepTimeout: the alarm went off, the instance was killed.
var errStepTimeout = errors.New("step timed out")

// getInstance instantiates pdfium; a panic there (wazero asserts) is an
// error too.
func getInstance(ctx context.Context, p pdfium.Pool) (inst pdfium.Pdfium, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return p.GetInstanceWithContext(ctx)
}

func closeInstance(inst pdfium.Pdfium) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return inst.Close()
}
