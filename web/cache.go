package web

import (
	"container/list"
	"sync"
)

// lru is a bounded cache of values computed from stored data, least
// recently used out first. Values are shared between requests and must
// never be changed once stored. get computes a missing value once even
// when many requests ask for it at the same moment: the others wait for
// it instead of each loading the same document.
type lru[K comparable, V any] struct {
	mu      sync.Mutex
	max     int64
	size    func(V) int64 // the cost of a value against max; nil counts values
	used    int64         // the cost of the entries held
	order   *list.List    // of K, most recently used first
	entries map[K]*lruEntry[V]
}

type lruEntry[V any] struct {
	elem  *list.Element
	ready chan struct{} // closed when v and err are set
	v     V
	err   error
	cost  int64
}

// newLRU makes a cache of at most max values; max < 1 disables it (every
// get computes).
func newLRU[K comparable, V any](max int) *lru[K, V] {
	return &lru[K, V]{max: int64(max), order: list.New(), entries: map[K]*lruEntry[V]{}}
}

// newSizedLRU makes a cache whose values cost size(v) each (their bytes)
// and together at most max; max < 1 disables it. A value costing more
// than max is not kept.
func newSizedLRU[K comparable, V any](max int64, size func(V) int64) *lru[K, V] {
	c := newLRU[K, V](0)
	c.max, c.size = max, size
	return c
}

// costOf is what v counts against the bound.
func (c *lru[K, V]) costOf(v V) int64 {
	if c.size == nil {
		return 1
	}
	return c.size(v)
}

// get returns the value of k, computing it with load when it is not
// cached. A failed load is not kept.
func (c *lru[K, V]) get(k K, load func() (V, error)) (V, error) {
	if c.max < 1 {
		return load()
	}
	c.mu.Lock()
	e, ok := c.entries[k]
	if ok {
		c.order.MoveToFront(e.elem)
		c.mu.Unlock()
		<-e.ready
		return e.v, e.err
	}
	e = &lruEntry[V]{ready: make(chan struct{})}
	if c.size == nil {
		e.cost = 1 // a value being computed holds its place
	}
	e.elem = c.order.PushFront(k)
	c.entries[k] = e
	c.used += e.cost
	c.evict()
	c.mu.Unlock()

	done := false
	defer func() {
		if !done { // load panicked: let the next request try again
			e.err = errPanicked
			c.remove(k, e)
			close(e.ready)
		}
	}()
	e.v, e.err = load()
	done = true
	if e.err != nil {
		c.remove(k, e)
	} else if c.size != nil {
		c.mu.Lock()
		if cur, ok := c.entries[k]; ok && cur == e {
			e.cost = c.size(e.v)
			c.used += e.cost
			c.evict()
		}
		c.mu.Unlock()
	}
	close(e.ready)
	return e.v, e.err
}

// lookup returns the cached value of k, if there is a finished one.
func (c *lru[K, V]) lookup(k K) (V, bool) {
	var zero V
	if c.max < 1 {
		return zero, false
	}
	c.mu.Lock()
	e, ok := c.entries[k]
	if ok {
		select {
		case <-e.ready:
			c.order.MoveToFront(e.elem)
		default:
			ok = false
		}
	}
	c.mu.Unlock()
	if !ok || e.err != nil {
		return zero, false
	}
	return e.v, true
}

// put stores v as the value of k.
func (c *lru[K, V]) put(k K, v V) {
	if c.max < 1 {
		return
	}
	e := &lruEntry[V]{ready: make(chan struct{}), v: v, cost: c.costOf(v)}
	close(e.ready)
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[k]; ok {
		c.order.Remove(old.elem)
		c.used -= old.cost
	}
	e.elem = c.order.PushFront(k)
	c.entries[k] = e
	c.used += e.cost
	c.evict()
}

// evict drops the least recently used entries above the bound; c.mu is held.
func (c *lru[K, V]) evict() {
	for c.used > c.max && c.order.Len() > 0 {
		last := c.order.Back()
		k := last.Value.(K)
		c.used -= c.entries[k].cost
		delete(c.entries, k)
		c.order.Remove(last)
	}
}

// remove drops k if it still holds e.
func (c *lru[K, V]) remove(k K, e *lruEntry[V]) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cur, ok := c.entries[k]; ok && cur == e {
		delete(c.entries, k)
		c.order.Remove(e.elem)
		c.used -= e.cost
	}
}

// len is the number of entries, finished or being computed.
func (c *lru[K, V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
