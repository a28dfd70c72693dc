// Command ocrbox writes the mixed Japanese business mailbox of bench/ocr.sh
// (mailgen ordinary mail plus scan messages: photos, identity documents,
// scanned pages and image-only PDFs) and measures OCR recall on it:
//
//	ocrbox gen -messages 2100 -scans 370 -out box.mbox -labels ids.jsonl
//	ocrbox recall -labels ids.jsonl CASE/findings.jsonl
//
// recall counts the labelled identity numbers (passport, My Number,
// driving licence) that a finding of the same type and value reports in
// the same message. No number is printed, only counts.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/mailsift/mailsift/internal/mailgen"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: ocrbox gen|recall [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = gen(os.Args[2:])
	case "recall":
		err = recall(os.Args[2:], os.Stdout)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ocrbox:", err)
		os.Exit(1)
	}
}

// idLabel is one identity number planted in a scan.
type idLabel struct {
	MessageID string `json:"message_id"`
	Type      string `json:"type"`
	Value     string `json:"value"`
	Location  string `json:"location"`
}

var idTypes = map[string]bool{"passport": true, "my_number": true, "drivers_license": true}

func gen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	seed := fs.Int64("seed", 15, "random seed")
	msgs := fs.Int("messages", 2100, "ordinary messages")
	scans := fs.Int("scans", 370, "messages with images")
	out := fs.String("out", "", "mbox to write")
	labels := fs.String("labels", "", "identity labels to write (JSON lines)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || *labels == "" {
		return fmt.Errorf("gen: -out and -labels are required")
	}
	font, path, err := mailgen.FindCJKFont()
	if err != nil {
		return err
	}
	c := mailgen.Generate(mailgen.Options{Seed: *seed, Messages: *msgs, Scans: *scans, ScanFont: font})
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := c.WriteMbox(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", *out, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	lf, err := os.Create(*labels)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(lf)
	n, withImages := 0, 0
	for _, m := range c.Messages {
		if strings.Contains(m.Name, "-scan") {
			withImages++
		}
		for _, l := range m.Expect.Labels {
			if idTypes[l.Type] {
				n++
				b, _ := json.Marshal(idLabel{"<" + m.Expect.MessageID + ">", l.Type, l.Value, l.Location})
				w.Write(append(b, '\n'))
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := lf.Close(); err != nil {
		return err
	}
	fmt.Printf("wrote %d messages (%d with images, %d identity numbers; font %s) to %s\n", len(c.Messages), withImages, n, path, *out)
	return nil
}

func readJSONL[T any](path string, each func(T)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	for {
		var v T
		if err := dec.Decode(&v); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		each(v)
	}
}

// alnum keeps letters and digits: findings may keep a number's spaces.
func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') {
			return r
		}
		return -1
	}, s)
}

func recall(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("recall", flag.ContinueOnError)
	labels := fs.String("labels", "", "identity labels written by gen")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *labels == "" || fs.NArg() != 1 {
		return fmt.Errorf("recall: -labels FILE FINDINGS.jsonl")
	}
	type key struct{ msg, typ, value string }
	found := map[key]bool{}
	err := readJSONL(fs.Arg(0), func(f struct {
		Type      string `json:"type"`
		Value     string `json:"value"`
		MessageID string `json:"message_id"`
	}) {
		found[key{f.MessageID, f.Type, alnum(f.Value)}] = true
	})
	if err != nil {
		return err
	}
	total, hit := map[string]int{}, map[string]int{}
	err = readJSONL(*labels, func(l idLabel) {
		total[l.Type]++
		if found[key{l.MessageID, l.Type, alnum(l.Value)}] {
			hit[l.Type]++
		}
	})
	if err != nil {
		return err
	}
	var types []string
	for t := range total {
		types = append(types, t)
	}
	sort.Strings(types)
	all, allHit := 0, 0
	for _, t := range types {
		all += total[t]
		allHit += hit[t]
		fmt.Fprintf(out, "  %-16s %3d / %3d found\n", t, hit[t], total[t])
	}
	fmt.Fprintf(out, "  %-16s %3d / %3d found\n", "all", allHit, all)
	return nil
}
