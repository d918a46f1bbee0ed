package web

import (
	"slices"
	"sync"
	"time"
)

// limiter is a token bucket per key (an IP address, a user name) kept in
// memory: each key may try burst times at once, then once per interval.
// The map is bounded: when full, buckets that have refilled (idle keys)
// are dropped, and if none has, the oldest-seen half goes, so a flood of
// fresh keys cannot exhaust memory.
type limiter struct {
	mu       sync.Mutex
	burst    float64
	interval time.Duration
	max      int
	now      func() time.Time
	buckets  map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// newLimiter allows burst tries at once per key, then one per interval,
// keeping at most max keys.
func newLimiter(burst int, interval time.Duration, max int) *limiter {
	return &limiter{burst: float64(burst), interval: interval, max: max, now: time.Now, buckets: map[string]*bucket{}}
}

// allow takes one token of the key's bucket and reports whether there was one.
func (l *limiter) allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	at := l.now()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.max {
			l.evict(at)
		}
		b = &bucket{tokens: l.burst, last: at}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+float64(at.Sub(b.last))/float64(l.interval))
	b.last = at
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// evict makes room: first the buckets full again, then the least recently
// used half.
func (l *limiter) evict(at time.Time) {
	for k, b := range l.buckets {
		if b.tokens+float64(at.Sub(b.last))/float64(l.interval) >= l.burst {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) < l.max {
		return
	}
	var cut time.Time
	times := make([]time.Time, 0, len(l.buckets))
	for _, b := range l.buckets {
		times = append(times, b.last)
	}
	// the median last-use time splits the map in half
	cut = medianTime(times)
	for k, b := range l.buckets {
		if !b.last.After(cut) {
			delete(l.buckets, k)
		}
	}
}

func medianTime(ts []time.Time) time.Time {
	if len(ts) == 0 {
		return time.Time{}
	}
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	return ts[len(ts)/2]
}

// size is the number of keys kept, for tests.
func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}
