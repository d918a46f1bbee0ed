package web

import (
	"context"
	"fmt"
	"sync"
	"time"

	"jixiao/auth"
	"jixiao/store"
)

// checker gathers the page checks (session and document revision, see
// resolvePage) of requests that arrive together into one read: on
// PostgreSQL each read is a round trip to another process, and under 32
// concurrent clients one read per request costs more than sending the
// cached page. Requests queue while a read is running and go together in
// the next one, which starts after every one of them arrived: each sees
// every write committed before it came, as a read of its own would.
type checker struct {
	st  *store.Store
	set auth.Settings

	mu      sync.Mutex
	pending []*pendingCheck
	running bool
	reads   int64 // batches read so far
}

type pendingCheck struct {
	check store.PageCheck
	done  chan struct{}
	state store.PageState
	err   error
}

// maxChecks bounds one read.
const maxChecks = 256

// check answers one request's check, in the next read.
func (c *checker) check(ctx context.Context, pc store.PageCheck) (store.PageState, error) {
	if c.st.Dialect() != "postgres" { // in-process: no round trip to save
		s, err := c.st.PageStates(ctx, c.set, []store.PageCheck{pc})
		if err != nil {
			return store.PageState{}, err
		}
		return s[0], nil
	}
	p := &pendingCheck{check: pc, done: make(chan struct{})}
	c.mu.Lock()
	c.pending = append(c.pending, p)
	if !c.running {
		c.running = true
		go c.run()
	}
	c.mu.Unlock()
	select {
	case <-p.done:
		return p.state, p.err
	case <-ctx.Done():
		return store.PageState{}, ctx.Err()
	}
}

// run reads the queued checks, a batch at a time, until none are left.
func (c *checker) run() {
	for {
		c.mu.Lock()
		batch := c.pending
		if len(batch) > maxChecks {
			batch, c.pending = batch[:maxChecks], batch[maxChecks:]
		} else {
			c.pending = nil
		}
		if len(batch) == 0 {
			c.running = false
			c.mu.Unlock()
			return
		}
		c.reads++
		c.mu.Unlock()
		c.read(batch)
	}
}

// read answers a batch with one PageStates; a failure or a panic is every
// request's error.
func (c *checker) read(batch []*pendingCheck) {
	var states []store.PageState
	var err error
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
		for i, p := range batch {
			if err != nil {
				p.err = err
			} else {
				p.state = states[i]
			}
			close(p.done)
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	checks := make([]store.PageCheck, len(batch))
	for i, p := range batch {
		checks[i] = p.check
	}
	states, err = c.st.PageStates(ctx, c.set, checks)
}
