package memo

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

func TestGetPut(t *testing.T) {
	c := New[int](Options{Entries: 64, MaxKey: 8})
	if _, ok := c.Get("a"); ok {
		t.Fatal("empty cache found a")
	}
	c.Put("a", 1)
	if v, ok := c.Get("a"); !ok || v != 1 {
		t.Fatalf("Get(a) = %v, %v; want 1, true", v, ok)
	}
	c.Put("a", 2)
	if v, _ := c.Get("a"); v != 2 {
		t.Fatalf("Get(a) after a second Put = %v; want 2", v)
	}
	c.Put("too long!", 3)
	if _, ok := c.Get("too long!"); ok {
		t.Fatal("kept a key longer than MaxKey")
	}
	calls := 0
	f := func(k string) int { calls++; return len(k) }
	if c.Do("abc", f) != 3 || c.Do("abc", f) != 3 || calls != 1 {
		t.Fatalf("Do computed %d times; want once", calls)
	}
}

func TestKeepsNothing(t *testing.T) {
	var nilCache *Cache[int]
	for _, c := range []*Cache[int]{nilCache, New[int](Options{MaxKey: 8})} {
		c.Put("a", 1)
		if _, ok := c.Get("a"); ok {
			t.Fatal("a cache without entries kept one")
		}
		if n, _, _ := c.Stats(); n != 0 {
			t.Fatalf("Stats: %d entries", n)
		}
	}
}

// TestBounded: however many keys come, the cache holds at most Entries
// (rounded up to its shards), and keeps the ones in use.
func TestBounded(t *testing.T) {
	const entries = 256
	c := New[int](Options{Entries: entries, MaxKey: 16})
	c.Put("hot", 7)
	for i := range 100 * entries {
		c.Put(fmt.Sprint("key", i), i)
		c.Get("hot")
		if n, _, _ := c.Stats(); n > entries {
			t.Fatalf("after %d Puts: %d entries, bound %d", i+1, n, entries)
		}
	}
	if v, ok := c.Get("hot"); !ok || v != 7 {
		t.Fatal("a key read between every Put was evicted")
	}
	if n, _, _ := c.Stats(); n < entries*3/4 {
		t.Fatalf("%d entries after many Puts: the shards are not used", n)
	}
}

// TestSecond: with Options.Second a key is kept from its second Put.
func TestSecond(t *testing.T) {
	c := New[int](Options{Entries: 64, MaxKey: 8, Second: true})
	c.Put("a", 1)
	if _, ok := c.Get("a"); ok {
		t.Fatal("kept a key Put once")
	}
	c.Put("a", 1)
	if v, ok := c.Get("a"); !ok || v != 1 {
		t.Fatal("did not keep a key Put twice")
	}
}

// TestKeyCopied: a kept key must not hold on to the text it was cut from.
func TestKeyCopied(t *testing.T) {
	c := New[int](Options{Entries: 64, MaxKey: 8})
	big := strings.Repeat("x", 1<<16) + "key"
	key := big[len(big)-3:]
	c.Put(key, 1)
	sh, _ := c.shard(key)
	for _, s := range sh.slots {
		if s.key == key && unsafe.StringData(s.key) == unsafe.StringData(key) {
			t.Fatal("the kept key shares the caller's memory")
		}
	}
}

// TestConcurrent is for -race: readers and writers on shared keys.
func TestConcurrent(t *testing.T) {
	c := New[string](Options{Entries: 128, MaxKey: 16, Second: true})
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 2000 {
				k := fmt.Sprint("k", (i*7+w)%300)
				if v := c.Do(k, strings.ToUpper); v != strings.ToUpper(k) {
					t.Errorf("Do(%q) = %q", k, v)
					return
				}
			}
		})
	}
	wg.Wait()
	if n, gets, hits := c.Stats(); n > 128+shards || hits == 0 || gets < 8*2000 {
		t.Fatalf("Stats: %d entries, %d gets, %d hits", n, gets, hits)
	}
}
