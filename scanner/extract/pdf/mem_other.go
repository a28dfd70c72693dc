//go:build !linux

package pdf

import "github.com/tetratelabs/wazero/experimental"

// memPool elsewhere leaves wazero's default allocator in place.
type memPool struct{}

func newMemPool() *memPool                                        { return nil }
func (p *memPool) Allocate(c, m uint64) experimental.LinearMemory { return nil }
func (p *memPool) close()                                         {}
