package main

import (
	"fmt"
	"sync"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// progress is a byte-based bar on stderr, shown only on a terminal;
// warnings are printed above it so they do not tear the bar.
type progress struct {
	ios *IOStreams
	mu  sync.Mutex
	p   *mpb.Progress
	bar *mpb.Bar
}

func newProgress(ios *IOStreams, total int64) *progress {
	return newBar(ios, total, "scan ")
}

// newBar is a progress bar of total bytes named name.
func newBar(ios *IOStreams, total int64, name string) *progress {
	pr := &progress{ios: ios}
	if !ios.ErrIsTTY || total <= 0 {
		return pr
	}
	pr.p = mpb.New(mpb.WithOutput(ios.Err), mpb.WithWidth(40))
	pr.bar = pr.p.AddBar(total,
		mpb.PrependDecorators(decor.Name(name), decor.CountersKiloByte("% .1f / % .1f")),
		mpb.AppendDecorators(decor.AverageSpeed(decor.SizeB1024(0), " % .1f"), decor.Name(" "), decor.Percentage()),
	)
	return pr
}

func (pr *progress) add(n int64) {
	if pr.bar != nil {
		pr.bar.IncrInt64(n)
	}
}

func (pr *progress) println(s string) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.p != nil {
		fmt.Fprintln(pr.p, s)
		return
	}
	fmt.Fprintln(pr.ios.Err, s)
}

func (pr *progress) done() {
	if pr.p == nil {
		return
	}
	pr.bar.SetTotal(-1, true) // complete, even if sizes were estimates
	pr.p.Wait()
}
