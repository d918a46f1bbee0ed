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
