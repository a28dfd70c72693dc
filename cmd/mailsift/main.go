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
	// (bench/scan.sh). The soft limit bounds the heap below what GOGC=200
	// would let it reach: the index's segment files, mapped by scorch, come
	// on top of it in the process's RSS (~160 MB of 430 on bench/scan.sh).
	// 256 MiB instead of 400 cut that peak by ~35 MB at no measurable CPU.
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
