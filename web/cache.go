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
	max     int
	order   *list.List // of K, most recently used first
	entries map[K]*lruEntry[V]
}

type lruEntry[V any] struct {
	elem  *list.Element
	ready chan struct{} // closed when v and err are set
	v     V
	err   error
}

// newLRU makes a cache of at most max values; max < 1 disables it (every
// get computes).
func newLRU[K comparable, V any](max int) *lru[K, V] {
	return &lru[K, V]{max: max, order: list.New(), entries: map[K]*lruEntry[V]{}}
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
	e.elem = c.order.PushFront(k)
	c.entries[k] = e
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
	e := &lruEntry[V]{ready: make(chan struct{}), v: v}
	close(e.ready)
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[k]; ok {
		c.order.Remove(old.elem)
	}
	e.elem = c.order.PushFront(k)
	c.entries[k] = e
	c.evict()
}

// evict drops the least recently used entries above the bound; c.mu is held.
func (c *lru[K, V]) evict() {
	for c.order.Len() > c.max {
		last := c.order.Back()
		delete(c.entries, last.Value.(K))
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
	}
}

// len is the number of entries, finished or being computed.
func (c *lru[K, V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
