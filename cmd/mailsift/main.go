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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// Indexing allocates heavily: a laxer GC saves CPU. The soft limit keeps
	// the heap below what GOGC=200 would let it reach, because the index
	// segments scorch maps come on top of it in the process's RSS.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(256 << 20)
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
