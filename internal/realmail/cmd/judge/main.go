// Command judge keeps the real-mail labels up to date. With no flag it
// scans the sampled messages and writes every finding that has no label
// yet to a to-do file (outside the repository: it holds the values and
// their unmasked context), and prints them. Fill in each line's verdict
// ("tp" or "fp", and a reason for "fp" that does not quote the text), then
// apply the file: the values and contexts are dropped, the rest is merged
// into testdata/accuracy/real/labels.jsonl.
//
//	go run ./internal/realmail/cmd/judge                  # list, write the to-do file
//	go run ./internal/realmail/cmd/judge -apply todo.jsonl
//	go run ./internal/realmail/cmd/judge -show SHA256     # a message's decoded texts, to find misses
//	go run ./internal/realmail/cmd/judge -table           # precision per type, as the test prints it
//
// A miss (personal data no detector found) is a line with verdict
// "missed", the message's message_sha256 and path, part, location, type,
// the value in "value" (normalized as the detector would write it: phone
// E.164, email lower case ...), optional start/end offsets in the part's
// text, and a reason.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/mailsift/mailsift/internal/realmail"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "judge:", err)
		os.Exit(1)
	}
}

// todo is a to-do line: a label to fill in, with what a judge needs.
type todo struct {
	realmail.Label
	Value   string `json:"value,omitempty"`
	Context string `json:"context,omitempty"`
}

func run() error {
	out := flag.String("todo", filepath.Join(os.TempDir(), "realmail-todo.jsonl"), "to-do `FILE` to write (never inside the repository)")
	apply := flag.String("apply", "", "merge the verdicts of the to-do `FILE` into the labels")
	show := flag.String("show", "", "print the decoded texts of the sampled message with this message_sha256")
	table := flag.Bool("table", false, "print precision per type on the sample")
	flag.Parse()
	root, err := realmail.RepoRoot(".")
	if err != nil {
		return err
	}
	dir := realmail.LabelsDir(root)
	if *apply != "" {
		return applyTodo(dir, *apply)
	}
	corpora, err := realmail.CorporaDir(root)
	if err != nil {
		return err
	}
	msgs, err := realmail.ReadMessages(dir)
	if err != nil {
		return err
	}
	labels, err := realmail.ReadLabels(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	tmp, done, err := realmail.TempDir()
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	if *show != "" {
		return showMessage(ctx, corpora, tmp, msgs, *show)
	}
	refs := make([]realmail.Ref, len(msgs))
	for i, m := range msgs {
		refs[i] = m.Ref
	}
	res, err := realmail.Scan(ctx, corpora, tmp, refs)
	if err != nil {
		return err
	}
	if *table {
		fmt.Print(realmail.Evaluate(msgs, labels, res.Findings).Table())
		return nil
	}
	judge := realmail.ToJudge(msgs, labels, res)
	f, err := os.Create(*out)
	if err != nil {
		return fmt.Errorf("judge: %w", err)
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for i := range judge {
		x := &judge[i]
		fmt.Printf("%4d  %-12s %-40q %s part %s [%d:%d]  %s\n      %s\n", i+1, x.Type, x.Value, x.Location, x.Part, x.Start, x.End, x.Ref.Path, x.Raw)
		if err := enc.Encode(todo{Label: realmail.LabelOf(x), Value: x.Value, Context: x.Raw}); err != nil {
			f.Close()
			return fmt.Errorf("judge: %w", err)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("judge: %w", err)
	}
	fmt.Fprintf(os.Stderr, "%d findings without a label; fill in their verdicts in %s, then: go run ./internal/realmail/cmd/judge -apply %s\n", len(judge), *out, *out)
	return nil
}

// applyTodo merges the judged lines of path into the labels; lines with no
// verdict yet are left for later. A label of the same finding (message,
// part, location, type, value, offsets) is replaced, a miss by a miss only.
func applyTodo(dir, path string) error {
	labels, err := realmail.ReadLabels(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("judge: %w", err)
	}
	// A label's key is all but its verdict and reason; a miss stays apart
	// from the verdict on the finding that later finds it.
	type key struct {
		l    realmail.Label
		miss bool
	}
	at := map[key]int{}
	norm := func(l realmail.Label) key {
		miss := l.Verdict == realmail.Missed
		l.Verdict, l.Reason = "", ""
		return key{l, miss}
	}
	for i, l := range labels {
		at[norm(l)] = i
	}
	added, replaced, open := 0, 0, 0
	dec := json.NewDecoder(bytes.NewReader(data))
	for n := 1; dec.More(); n++ {
		var t todo
		if err := dec.Decode(&t); err != nil {
			return fmt.Errorf("judge: %s entry %d: %w", path, n, err)
		}
		if t.Verdict == "" {
			open++
			continue
		}
		l := t.Label
		if l.Hash == "" && t.Value != "" {
			l.Hash = realmail.ValueHash(t.Value)
		}
		if err := realmail.CheckLabel(l); err != nil {
			return fmt.Errorf("judge: %s entry %d: %w", path, n, err)
		}
		if i, ok := at[norm(l)]; ok {
			labels[i] = l
			replaced++
			continue
		}
		at[norm(l)] = len(labels)
		labels = append(labels, l)
		added++
	}
	if err := realmail.WriteLabels(dir, labels); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%d labels added, %d replaced, %d lines still without a verdict\n", added, replaced, open)
	return nil
}

// showMessage prints the decoded texts of one sampled message.
func showMessage(ctx context.Context, corpora, tmp string, msgs []realmail.Message, sha string) error {
	for _, m := range msgs {
		if m.SHA256 != sha {
			continue
		}
		texts, err := realmail.Texts(ctx, corpora, tmp, m.Ref)
		if err != nil {
			return err
		}
		fmt.Printf("message %s (%s #%d)\n", m.SHA256, m.Path, m.Index)
		for _, t := range texts {
			fmt.Printf("=== part %s  %s\n%s\n", t.Part, t.Location, t.Text)
		}
		return nil
	}
	return fmt.Errorf("judge: message %s is not in the sample", sha)
}
