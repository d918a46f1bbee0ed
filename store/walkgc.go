package store

import (
	"math"
	"runtime/debug"
	"sync"
)

// walkGCPercent is the garbage collector's target (GOGC) while a walk
// over many documents runs. A walk allocates many short-lived strings
// and keeps only a few chunks alive, so with the default 100 the
// collector runs every few chunks to mark what little is live; at 400 it
// runs a quarter as often. Measured on 1000 generated projects: 12–14 %
// less CPU for review and monitoring on SQLite, about 22 % on PostgreSQL.
const walkGCPercent = 400

var walkGC struct {
	sync.Mutex
	walks  int // walks running
	before int // the target before the first of them
}

// batchGC raises the collector's target for a walk and returns the
// function that puts it back when the last running walk ends. It does so
// only under a soft memory limit (debug.SetMemoryLimit, GOMEMLIMIT): the
// limit, not the target, then bounds the heap, so a process's peak does
// not grow with the target. Without a limit it changes nothing.
func batchGC() func() {
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		return func() {}
	}
	walkGC.Lock()
	defer walkGC.Unlock()
	if walkGC.walks == 0 {
		walkGC.before = debug.SetGCPercent(walkGCPercent)
		if walkGC.before < 0 || walkGC.before > walkGCPercent {
			// Collection off, or a higher target already: leave it.
			debug.SetGCPercent(walkGC.before)
		}
	}
	walkGC.walks++
	return func() {
		walkGC.Lock()
		defer walkGC.Unlock()
		walkGC.walks--
		if walkGC.walks == 0 {
			debug.SetGCPercent(walkGC.before)
		}
	}
}
