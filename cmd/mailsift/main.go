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
	// bleve indexing allocates heavily: a laxer GC saves ~15% of its CPU
	// (bench/scan.sh); the soft limit keeps peak memory near 500 MB.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(400 << 20)
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
