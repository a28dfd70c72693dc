package pdf

import (
	"sync"
	"syscall"

	"github.com/tetratelabs/wazero/experimental"
)

// pdfium's WebAssembly memory lives in mappings outside the Go heap. With
// wazero's default, every memory.grow copies the whole memory to a larger
// Go slice and leaves the old one to the garbage collector: a PDF that
// made pdfium grow to its 256 MiB limit pushed the process to 870 MB RSS.
// A mapping of the limit's size grows in place, costs RSS only for the
// pages pdfium touches, and gives them back when the instance closes.
//
// Mappings are reused, never unmapped while the engine runs: a slice
// into an instance's memory kept by mistake then reads zeros instead of
// faulting the process.

// memPool hands out and takes back memory mappings of one size.
type memPool struct {
	mu     sync.Mutex
	free   [][]byte
	closed bool
}

func newMemPool() *memPool { return &memPool{} }

// Allocate implements experimental.MemoryAllocator.
func (p *memPool) Allocate(capacity, max uint64) experimental.LinearMemory {
	p.mu.Lock()
	for i, b := range p.free {
		if uint64(len(b)) == max {
			p.free = append(p.free[:i], p.free[i+1:]...)
			p.mu.Unlock()
			return &mappedMem{pool: p, buf: b}
		}
	}
	p.mu.Unlock()
	b, err := syscall.Mmap(-1, 0, int(max), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON|syscall.MAP_NORESERVE)
	if err != nil {
		return &heapMem{max: max}
	}
	return &mappedMem{pool: p, buf: b}
}

func (p *memPool) put(b []byte) {
	// Drop the pages: the next instance starts from zeros, as wasm requires.
	if err := syscall.Madvise(b, syscall.MADV_DONTNEED); err != nil {
		_ = syscall.Munmap(b)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		_ = syscall.Munmap(b)
		return
	}
	p.free = append(p.free, b)
}

// close unmaps the free mappings; call it when no instance is left.
func (p *memPool) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	for _, b := range p.free {
		_ = syscall.Munmap(b)
	}
	p.free = nil
}

// mappedMem is one instance's memory.
type mappedMem struct {
	pool *memPool
	buf  []byte
}

func (m *mappedMem) Reallocate(size uint64) []byte {
	if m.buf == nil || size > uint64(len(m.buf)) {
		return nil // beyond the limit: memory.grow fails, malloc returns NULL
	}
	return m.buf[:size]
}

func (m *mappedMem) Free() {
	if m.buf != nil {
		m.pool.put(m.buf)
		m.buf = nil
	}
}

// heapMem is the fallback when mmap fails: wazero's own strategy.
type heapMem struct {
	buf []byte
	max uint64
}

func (m *heapMem) Reallocate(size uint64) []byte {
	if size > m.max {
		return nil
	}
	if size > uint64(cap(m.buf)) {
		m.buf = append(m.buf[:cap(m.buf)], make([]byte, size-uint64(cap(m.buf)))...)
	}
	m.buf = m.buf[:size]
	return m.buf
}

func (m *heapMem) Free() { m.buf = nil }
