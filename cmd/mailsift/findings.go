package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/mailsift/mailsift/people"
	"github.com/mailsift/mailsift/pii"
	"github.com/mailsift/mailsift/store"
	"github.com/spf13/cobra"
)

type findingsOptions struct {
	caseDir string
	types   []string
	format  string
	reveal  bool
}

func newFindingsCmd(ios *IOStreams) *cobra.Command {
	o := &findingsOptions{}
	cmd := &cobra.Command{
		Use:   "findings",
		Short: "List the findings of a case (JSON Lines or CSV), masked unless --reveal",
		Long: `findings prints one line per finding of the case to stdout.

Values are masked by default (masked field only); --reveal adds the normalized
value. Context snippets are always masked.`,
		Example: `  mailsift findings --case ./case
  mailsift findings --case ./case --type email,phone --format csv > findings.csv
  mailsift findings --case ./case --type phone --reveal | jq -r .value`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, err := oneCase(cmd)
			if err != nil {
				return err
			}
			o.caseDir = dir
			return runFindings(cmd.Context(), o, ios)
		},
	}
	cmd.Flags().StringSliceVar(&o.types, "type", nil, "only these finding `TYPE`s (comma-separated, e.g. email,phone)")
	cmd.Flags().StringVar(&o.format, "format", "jsonl", "output format: jsonl or csv")
	cmd.Flags().BoolVar(&o.reveal, "reveal", false, "print the unmasked value")
	return cmd
}

var csvHeader = []string{"id", "type", "value", "masked", "confidence", "detector", "message_id", "message_sha256",
	"source", "date", "location", "part", "start", "end", "context", "person", "scope", "written"}

func runFindings(ctx context.Context, o *findingsOptions, ios *IOStreams) error {
	if o.format != "jsonl" && o.format != "csv" {
		return usagef("--format %q: use jsonl or csv", o.format)
	}
	want := map[string]bool{}
	for _, t := range o.types {
		if t = strings.TrimSpace(t); t != "" {
			if !pii.Known(t) {
				return usagef("--type %q: not a finding type; use one of %s", t, strings.Join(pii.Names(), ", "))
			}
			want[t] = true
		}
	}
	if err := store.Check(o.caseDir); err != nil {
		return usageError{err}
	}
	w := bufio.NewWriterSize(ios.Out, 1<<16)
	defer w.Flush()
	var cw *csv.Writer
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if o.format == "csv" {
		cw = csv.NewWriter(w)
		if err := cw.Write(csvHeader); err != nil {
			return err
		}
	}
	// The person each finding is about: resolved from the whole case first.
	resolved, _, _, err := people.ResolveCases(ctx, []string{o.caseDir})
	var ce *people.ConfigError
	if errors.As(err, &ce) {
		return usageError{err}
	}
	if err != nil {
		return fmt.Errorf("findings: %w", err)
	}
	err = store.EachFinding(o.caseDir, func(f *store.Finding) error {
		if len(want) > 0 && !want[f.Type] {
			return nil
		}
		f.Person = resolved.Person[f.ID]
		if !o.reveal {
			f.Value, f.Written = "", ""
		}
		if cw != nil {
			row := []string{f.ID, f.Type, f.Value, f.Masked, strconv.FormatFloat(f.Confidence, 'f', -1, 64),
				f.Detector, f.MessageID, f.MessageSHA256, f.Source, f.Date, f.Location, f.Part,
				strconv.Itoa(f.Start), strconv.Itoa(f.End), f.Context, f.Person, f.Scope, f.Written}
			for i := range row {
				row[i] = csvSafe(row[i])
			}
			return cw.Write(row)
		}
		return enc.Encode(f)
	})
	if cw != nil {
		cw.Flush()
		if cerr := cw.Error(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("findings: %w", err)
	}
	return w.Flush()
}
