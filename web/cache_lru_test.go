package web

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func TestLRUBoundAndOneLoad(t *testing.T) {
	c := newLRU[int, int](2)
	loads := 0
	get := func(k int) int {
		v, err := c.get(k, func() (int, error) { loads++; return k * 10, nil })
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	get(1)
	get(2)
	get(1) // 1 is now the most recently used
	get(3) // evicts 2
	if loads != 3 || c.len() != 2 {
		t.Fatalf("%d loads, %d entries", loads, c.len())
	}
	if _, ok := c.lookup(2); ok {
		t.Fatal("2 was kept over the bound")
	}
	if v, ok := c.lookup(1); !ok || v != 10 {
		t.Fatal("the recently used entry was evicted")
	}
	// A failed load is not kept.
	if _, err := c.get(4, func() (int, error) { return 0, errors.New("失败") }); err == nil {
		t.Fatal("no error")
	}
	if _, ok := c.lookup(4); ok {
		t.Fatal("a failed load was kept")
	}

	// Many requests for one missing value load it once.
	var n atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, _ := c.get(5, func() (int, error) { n.Add(1); <-release; return 50, nil })
			if v != 50 {
				t.Errorf("got %d", v)
			}
		}()
	}
	close(release)
	wg.Wait()
	if n.Load() != 1 {
		t.Fatalf("%d loads of one value", n.Load())
	}
	// A cache of size below one keeps nothing.
	off := newLRU[int, int](-1)
	off.get(1, func() (int, error) { return 1, nil })
	if off.len() != 0 {
		t.Fatal("a disabled cache kept a value")
	}
}

// TestSizedLRU checks the byte bound: values are evicted least recently
// used first until the held bytes fit, a value larger than the bound is
// not kept, and replacing or losing an entry gives its bytes back.
func TestSizedLRU(t *testing.T) {
	c := newSizedLRU[string](100, func(v []byte) int64 { return int64(len(v)) })
	c.put("a", make([]byte, 40))
	c.put("b", make([]byte, 40))
	c.lookup("a") // a is now the most recently used
	c.put("c", make([]byte, 40))
	if _, ok := c.lookup("b"); ok {
		t.Fatal("b was kept over the bound")
	}
	if _, ok := c.lookup("a"); !ok {
		t.Fatal("the recently used entry was evicted")
	}
	if c.used != 80 {
		t.Fatalf("%d bytes held, want 80", c.used)
	}
	c.put("a", make([]byte, 10)) // replaced: its old bytes are given back
	if c.used != 50 || c.len() != 2 {
		t.Fatalf("%d bytes in %d entries, want 50 in 2", c.used, c.len())
	}
	c.put("huge", make([]byte, 101))
	if _, ok := c.lookup("huge"); ok || c.used > 100 {
		t.Fatalf("a value over the bound was kept (%d bytes held)", c.used)
	}
	v, err := c.get("d", func() ([]byte, error) { return make([]byte, 60), nil })
	if err != nil || len(v) != 60 || c.used > 100 {
		t.Fatalf("get: %d bytes held", c.used)
	}
	if _, ok := c.lookup("d"); !ok {
		t.Fatal("a loaded value was not kept")
	}
}
