// Command mkmbox concatenates a directory tree of one-message files into
// one mboxrd file, N times over, for throughput benchmarks. Each copy gets
// an X-Mailsift-Bench-Copy header so the copies are distinct messages and
// the scanner does the full work on every one (identical copies would be
// skipped as duplicates, which would flatter the figure).
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
)

var quoted = regexp.MustCompile(`(?m)^(>*From )`)

func main() {
	copies := flag.Int("copies", 8, "how many times to repeat the corpus")
	out := flag.String("out", "bench.mbox", "output mbox")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: mkmbox [-copies N] [-out FILE] DIR")
		os.Exit(2)
	}
	var files []string
	err := filepath.WalkDir(flag.Arg(0), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkmbox:", err)
		os.Exit(1)
	}
	sort.Strings(files)
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkmbox:", err)
		os.Exit(1)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	n := 0
	for c := 1; c <= *copies; c++ {
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				fmt.Fprintln(os.Stderr, "mkmbox:", err)
				os.Exit(1)
			}
			envelope := []byte("From bench@mailsift.invalid Thu Jan  1 00:00:00 2002\n")
			if bytes.HasPrefix(b, []byte("From ")) {
				i := bytes.IndexByte(b, '\n')
				if i < 0 {
					continue
				}
				envelope, b = b[:i+1], b[i+1:]
			}
			w.Write(envelope)
			fmt.Fprintf(w, "X-Mailsift-Bench-Copy: %d\n", c)
			w.Write(quoted.ReplaceAll(b, []byte(">$1")))
			if !bytes.HasSuffix(b, []byte("\n")) {
				w.WriteByte('\n')
			}
			w.WriteByte('\n')
			n++
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "mkmbox:", err)
		os.Exit(1)
	}
	f.Close()
	fmt.Fprintf(os.Stderr, "mkmbox: %d messages into %s\n", n, *out)
}
