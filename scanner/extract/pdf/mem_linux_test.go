package pdf

import "testing"

func TestMemPool(t *testing.T) {
	p := newMemPool()
	const max = 1 << 20
	m := p.Allocate(0, max)
	b := m.Reallocate(4096)
	if len(b) != 4096 {
		t.Fatalf("len %d", len(b))
	}
	b = m.Reallocate(max)
	b[0], b[max-1] = 1, 2
	if m.Reallocate(max+1) != nil {
		t.Error("grew past max")
	}
	m.Free()
	m.Free() // twice is harmless

	// The mapping is reused, and reads as zeros again.
	m2 := p.Allocate(0, max)
	b2 := m2.Reallocate(max)
	if &b2[0] != &b[0] {
		t.Error("mapping not reused")
	}
	if b2[0] != 0 || b2[max-1] != 0 {
		t.Errorf("reused memory not zeroed: %d %d", b2[0], b2[max-1])
	}
	// Another size gets its own mapping.
	m3 := p.Allocate(0, 2*max)
	if b3 := m3.Reallocate(2 * max); &b3[0] == &b2[0] {
		t.Error("two live memories share a mapping")
	}
	m2.Free()
	m3.Free()
	p.close()
	if len(p.free) != 0 {
		t.Errorf("%d mappings left after close", len(p.free))
	}
}
