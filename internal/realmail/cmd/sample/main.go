// Command sample draws the labelled sample of real mail: it scans every
// corpus of ../shared/corpora (but the synthetic ones), draws findings per
// type at random with a fixed seed, and writes their messages to
// testdata/accuracy/real/messages.jsonl. Labels are then made with
// cmd/judge. Drawing again replaces the sample: labels of messages no
// longer in it are ignored, not deleted.
//
//	go run ./internal/realmail/cmd/sample [-seed 15] [-per-type 15] [-max-full 25] [-dry-run]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/mailsift/mailsift/internal/realmail"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "sample:", err)
		os.Exit(1)
	}
}

func run() error {
	var o realmail.SampleOptions
	flag.Uint64Var(&o.Seed, "seed", 15, "random seed of the draw")
	flag.IntVar(&o.PerType, "per-type", 15, "findings drawn of every type")
	flag.IntVar(&o.MaxFull, "max-full", 25, "judge a message in full when it has at most this many findings, else only its drawn findings")
	dry := flag.Bool("dry-run", false, "print what would be drawn, write nothing")
	flag.Parse()
	root, err := realmail.RepoRoot(".")
	if err != nil {
		return err
	}
	corpora, err := realmail.CorporaDir(root)
	if err != nil {
		return err
	}
	tmp, done, err := realmail.TempDir()
	if err != nil {
		return err
	}
	defer done()
	res, err := realmail.Scan(context.Background(), corpora, tmp, nil)
	if err != nil {
		return err
	}
	msgs := realmail.Sample(res, o)
	// What a judge will face: every finding of the full messages, the
	// drawn ones of the partial.
	toJudge := map[string]int{}
	full := map[string]bool{}
	partial := 0
	for _, m := range msgs {
		if m.Mode == realmail.Full {
			full[m.SHA256] = true
		} else {
			partial += len(m.Drawn)
		}
	}
	total := partial
	for _, f := range res.Findings {
		if full[f.MessageSHA256] {
			toJudge[f.Type]++
			total++
		}
	}
	types := make([]string, 0, len(toJudge))
	for t := range toJudge {
		types = append(types, t)
	}
	sort.Strings(types)
	fmt.Printf("corpora: %d messages, %d findings; sample: %d messages (%d full), %d findings to judge\n",
		len(res.Messages), len(res.Findings), len(msgs), len(full), total)
	for _, t := range types {
		fmt.Printf("  %-16s %5d in full messages\n", t, toJudge[t])
	}
	fmt.Printf("  %-16s %5d drawn in partial messages\n", "(partial)", partial)
	if *dry {
		return nil
	}
	dir := realmail.LabelsDir(root)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("sample: %w", err)
	}
	return realmail.WriteMessages(dir, msgs)
}
