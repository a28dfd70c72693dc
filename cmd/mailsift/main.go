// Command mailsift scans a compromised mailbox for personal data.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/mailsift/mailsift/scanner/extract/formats"
)

func main() {
	// A scan starts mailsift again as its OCR workers (formats.Options
	// .OCRWorker): such a process serves images and does nothing else.
	if formats.IsOCRWorker() {
		if err := formats.ServeOCRWorker(); err != nil {
			fmt.Fprintln(os.Stderr, "mailsift ocr worker:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// Decoding and indexing allocate heavily: a laxer GC saves CPU. The
	// soft limit keeps the heap below what that would let it reach on a big
	// case. It was 256 MB: resolving the people of 310k findings and
	// building their index need more live heap than that, and the GC then
	// ran without pause (the index build took 46 s instead of 13). At 768
	// MB that case peaks at ~700 MB RSS and builds as fast as without a
	// limit.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(768 << 20)
	}
	// MAILSIFT_CPUPROFILE=FILE writes a CPU profile, for bench/ work.
	if p := os.Getenv("MAILSIFT_CPUPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil {
			if err := pprof.StartCPUProfile(f); err != nil {
				fmt.Fprintln(os.Stderr, "mailsift: cpu profile:", err)
			}
		}
	}
	code := run(ctx, os.Args[1:], systemStreams())
	pprof.StopCPUProfile()
	stop()
	os.Exit(code)
}
