package main

import (
	"runtime"
	"time"
)

// bound is the range a numeric flag accepts.
type bound struct {
	flag     string
	v        int64
	min, max int64
}

// checkBounds validates numeric flags in one place: a value out of range is
// bad usage (exit 2), said with the range, before anything is written.
func checkBounds(bs ...bound) error {
	for _, b := range bs {
		if b.v < b.min || b.v > b.max {
			return usagef("--%s %d: must be %d to %d", b.flag, b.v, b.min, b.max)
		}
	}
	return nil
}

// maxWorkers bounds --workers: decoding is CPU-bound, and each worker holds
// a window of messages in memory, so more than a few per core only costs.
func maxWorkers() int64 { return int64(max(16, 8*runtime.NumCPU())) }

// Upper bounds of the size flags: far beyond any real mailbox, low enough
// that arithmetic on them cannot overflow.
const (
	maxBytesFlag    = 1 << 40
	maxCountFlag    = 100_000_000
	maxDurationFlag = int64(24 * time.Hour)
)
