package scanner

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mailsift/mailsift/scanner/source"
	"github.com/mailsift/mailsift/store"
)

// slowDetector holds the body that says SLOW until `until` other bodies have
// been scanned or wait has passed, and records how many it saw.
type slowDetector struct {
	until int64
	wait  time.Duration
	done  atomic.Int64 // other bodies scanned
	seen  atomic.Int64 // bodies scanned while SLOW was held
}

func (d *slowDetector) Detect(_ context.Context, in Input) ([]Hit, error) {
	if in.Field != "body" {
		return nil, nil
	}
	if !strings.Contains(in.Text, "SLOW") {
		d.done.Add(1)
		return nil, nil
	}
	deadline := time.Now().Add(d.wait)
	for d.done.Load() < d.until && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	d.seen.Store(d.done.Load())
	return nil, nil
}

func scanWithSlowFirst(t *testing.T, det *slowDetector, n, bodyBytes int, windowBytes int64) Summary {
	t.Helper()
	msgs := []string{msg(0, "SLOW")}
	for i := 1; i <= n; i++ {
		msgs = append(msgs, msg(i, strings.Repeat("x", bodyBytes)))
	}
	c, _, err := store.Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sum, err := Scan(context.Background(), c, det, []source.Source{fakeSource{msgs}}, Options{Workers: 2, WindowBytes: windowBytes})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Messages != n+1 {
		t.Fatalf("messages = %d, want %d", sum.Messages, n+1)
	}
	return sum
}

// A slow message (OCR of scanned pages) must not stall the other worker:
// with the committer waiting for it, the window lets hundreds of later
// messages be decoded meanwhile.
func TestSlowMessageDoesNotStallTheOthers(t *testing.T) {
	det := &slowDetector{until: 400, wait: 10 * time.Second}
	scanWithSlowFirst(t, det, 400, 100, 0)
	if got := det.seen.Load(); got < 400 {
		t.Errorf("while one message was slow, %d others were scanned, want all 400", got)
	}
}

// The window is bounded by bytes too: with 1 KiB messages and a 16 KiB
// window, few messages get ahead of the slow one (a scanned message holds
// only its result, a few hundred bytes here, so some tens).
func TestWindowIsBoundedByBytes(t *testing.T) {
	det := &slowDetector{until: 400, wait: 300 * time.Millisecond}
	scanWithSlowFirst(t, det, 400, 1024, 16<<10)
	if got := det.seen.Load(); got < 5 || got > 100 {
		t.Errorf("with a 16 KiB window, %d messages of 1 KiB got ahead of the slow one, want 5..100", got)
	}
}
