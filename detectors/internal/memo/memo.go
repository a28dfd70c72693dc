// Package memo is a small bounded cache for detectors that repeat pure
// work on the same short strings across calls: mail repeats signature
// lines, quoted replies and disclaimers from one message to the next, and
// a detector is called once per message part.
package memo

import (
	"hash/maphash"
	"strings"
	"sync"
)

// shards spread the lock: several scanner workers call one detector.
const shards = 16

// Cache maps strings to values of a pure function of them, for at most a
// fixed number of entries with keys of at most a fixed length: memory is
// bounded by about Entries × (MaxKey + the size of V + 100 bytes), plus
// what the values point to. When a shard is full, a CLOCK sweep evicts an
// entry not read since the hand last passed it. A Cache is safe for
// concurrent use; the nil *Cache and one of no entries keep nothing.
type Cache[V any] struct {
	seed   maphash.Seed
	maxKey int
	second bool // Options.Second
	shards [shards]shard[V]
}

// Options size a Cache.
type Options struct {
	Entries int // at most this many entries in all
	MaxKey  int // longer keys are not kept, in bytes
	// Second keeps a key from the second time it is Put, not the first:
	// for values that cost little more to compute than to keep, when
	// most keys come once (most lines of mail occur once; keeping them
	// would cost a copy each and push out the ones that repeat).
	Second bool
}

type shard[V any] struct {
	mu    sync.Mutex
	index map[string]int32 // key → slot
	slots []slot[V]        // up to size, then reused
	size  int
	hand  int // CLOCK hand: the next slot to consider for eviction
	hits  int // Gets that found their key
	gets  int
	// seen holds fingerprints of keys Put once, by hash (Options.Second).
	seen []uint32
}

type slot[V any] struct {
	key  string
	val  V
	used bool // read since the hand last passed
}

// New returns an empty cache.
func New[V any](o Options) *Cache[V] {
	c := &Cache[V]{seed: maphash.MakeSeed(), maxKey: o.MaxKey, second: o.Second}
	per := 0
	if o.Entries > 0 {
		per = (o.Entries + shards - 1) / shards
	}
	for i := range c.shards {
		c.shards[i].size = per
	}
	return c
}

func (c *Cache[V]) shard(key string) (*shard[V], uint64) {
	h := maphash.String(c.seed, key)
	return &c.shards[h%shards], h
}

// Get returns the value kept for key.
func (c *Cache[V]) Get(key string) (v V, ok bool) {
	if c == nil || len(key) > c.maxKey {
		return v, false
	}
	sh, _ := c.shard(key)
	if sh.size == 0 {
		return v, false
	}
	sh.mu.Lock()
	sh.gets++
	i, ok := sh.index[key]
	if ok {
		sh.hits++
		sh.slots[i].used = true
		v = sh.slots[i].val
	}
	sh.mu.Unlock()
	return v, ok
}

// Put keeps v for key (with Options.Second, from the second time it is
// asked to). The key is copied: a key cut from a large text must not
// keep that text alive.
func (c *Cache[V]) Put(key string, v V) {
	if c == nil || len(key) > c.maxKey {
		return
	}
	sh, h := c.shard(key)
	if sh.size == 0 {
		return
	}
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if i, ok := sh.index[key]; ok {
		sh.slots[i].val = v
		return
	}
	if sh.index == nil {
		sh.index = make(map[string]int32, sh.size)
		if c.second {
			sh.seen = make([]uint32, 2*sh.size)
		}
	}
	if c.second {
		// The low bits of h chose the shard: the slot in seen and the
		// fingerprint come from the others.
		fp, at := uint32(h>>32)|1, (h/shards)%uint64(len(sh.seen))
		if sh.seen[at] != fp {
			sh.seen[at] = fp
			return
		}
		sh.seen[at] = 0
	}
	key = strings.Clone(key)
	if len(sh.slots) < sh.size {
		sh.index[key] = int32(len(sh.slots))
		sh.slots = append(sh.slots, slot[V]{key: key, val: v})
		return
	}
	for sh.slots[sh.hand].used {
		sh.slots[sh.hand].used = false
		sh.hand = (sh.hand + 1) % sh.size
	}
	old := &sh.slots[sh.hand]
	delete(sh.index, old.key)
	*old = slot[V]{key: key, val: v}
	sh.index[key] = int32(sh.hand)
	sh.hand = (sh.hand + 1) % sh.size
}

// Do returns the value kept for key, or else f(key), which it keeps. f
// runs without a lock held: two callers may compute one value twice.
func (c *Cache[V]) Do(key string, f func(string) V) V {
	if v, ok := c.Get(key); ok {
		return v
	}
	v := f(key)
	c.Put(key, v)
	return v
}

// Stats returns the number of entries kept, and of Gets and of those
// that found their key so far.
func (c *Cache[V]) Stats() (entries, gets, hits int) {
	if c == nil {
		return 0, 0, 0
	}
	for i := range c.shards {
		sh := &c.shards[i]
		sh.mu.Lock()
		entries += len(sh.index)
		gets += sh.gets
		hits += sh.hits
		sh.mu.Unlock()
	}
	return entries, gets, hits
}
