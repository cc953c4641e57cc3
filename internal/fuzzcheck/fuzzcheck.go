// Package fuzzcheck bounds what one fuzz input may cost. Go's fuzzer
// reports panics and, after ten seconds, hangs; an input that makes a
// reader allocate gigabytes or take seconds is just as much a bug (a
// hostile file must end in bounded time and memory), so every fuzz target
// runs its body through Bounded.
package fuzzcheck

import (
	"runtime"
	"testing"
	"time"
)

// Limits every fuzz target keeps to, for one input: far above what a
// real workbook or framework costs (the 49,999-row workbook allocates
// under 150 MiB in 1.4 s), far below what a hostile one cost before
// the reader was bounded (gigabytes, minutes).
const (
	MaxTime  = 5 * time.Second
	MaxAlloc = 512 << 20 // bytes allocated, in all
)

// Bounded runs fn and fails t when it takes longer than MaxTime or
// allocates more than MaxAlloc bytes. A run past the time limit is
// reported at once; fn is left to finish in the background.
func Bounded(t testing.TB, fn func()) {
	t.Helper()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(MaxTime):
		t.Fatalf("the input took more than %s", MaxTime)
	}
	took := time.Since(start)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > MaxAlloc {
		t.Fatalf("the input allocated %d MiB (limit %d MiB) in %s", alloc>>20, MaxAlloc>>20, took)
	}
}
