package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mailsift/mailsift/people"
	"github.com/mailsift/mailsift/report"
	"github.com/mailsift/mailsift/scope"
	"github.com/mailsift/mailsift/store"
)

type reportOptions struct {
	cases      []string
	categories string
	scope      string
	format     string
	lang       string
	reveal     bool
}

func newReportCmd(ios *IOStreams) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Write the DPO's report: unique people per category and the items leaked for each",
		Long: `report counts the unique people whose personal data is in the case(s), per
relationship category of the categories file, with the items leaked for
each category, the combinations of items, the My Number holders and the
people with identity documents or financial data apart, the scope of the
investigation and how the numbers were derived. It reads the case and
changes nothing in it.

Several --case count people across several mailboxes: a person in two of
them counts once. The categories file is --categories, else the copy a
scan made in the first case (scan --categories). Names, addresses and
phones in the people list are masked unless --reveal.`,
		Example: `  mailsift report --case ./case > report.md
  mailsift report --case ./case --format html > report.html
  mailsift report --case ./case --format xlsx > report.xlsx
  mailsift report --case ./taro --case ./hanako --categories categories.yaml --format json | jq .people_total
  mailsift report --case ./case --lang en`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.cases, _ = cmd.Flags().GetStringArray("case")
			return runReport(cmd.Context(), o, ios)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.categories, "categories", "", "categories `FILE` (YAML); default: the copy in the case")
	f.StringVar(&o.scope, "scope", "all", "which messages count: all, or accessed (those the attacker read, from scan --scope)")
	f.StringVar(&o.format, "format", "md", "md, html, csv, json or xlsx")
	f.StringVar(&o.lang, "lang", "ja", "ja or en")
	f.BoolVar(&o.reveal, "reveal", false, "print names, addresses and phones of the people list unmasked")
	return cmd
}

// countCases checks the common flags of report and people and counts.
func countCases(ctx context.Context, cases []string, categories, scope, lang string, reveal bool) (*people.Counted, error) {
	if scope != "all" && scope != "accessed" {
		return nil, usagef("--scope %q: use all or accessed", scope)
	}
	if lang != "ja" && lang != "en" {
		return nil, usagef("--lang %q: use ja or en", lang)
	}
	for _, dir := range cases {
		if err := store.Check(dir); err != nil {
			return nil, usageError{err}
		}
	}
	cats, err := caseCategories(cases[0], categories)
	if err != nil {
		return nil, err
	}
	access, err := caseAccess(cases, scope)
	if err != nil {
		return nil, err
	}
	c, err := people.Count(ctx, people.CountOptions{Cases: cases, Categories: cats, Reveal: reveal, Lang: lang, Access: access})
	var ce *people.ConfigError
	if errors.As(err, &ce) {
		return nil, usageError{err}
	}
	if err != nil {
		return nil, err
	}
	if c.Report.Scope.Messages == 0 {
		return nil, usagef("the case %s holds no message: scan a mailbox into it first", strings.Join(cases, ", "))
	}
	return c, nil
}

// caseAccess reads what scan --scope recorded in each case: nil when no
// case has it (and --scope all), an error when --scope accessed and a
// case lacks it. A person counts in the accessed view when a finding
// about them is in a message accessed in its case.
func caseAccess(cases []string, view string) (*people.Access, error) {
	var marks []*scope.Case
	for _, dir := range cases {
		c, err := scope.Load(dir)
		switch {
		case errors.Is(err, scope.ErrNoScope) && view == people.ViewAccessed:
			return nil, usagef("--scope accessed: %v", err)
		case errors.Is(err, scope.ErrNoScope):
			return nil, nil // only the whole mailbox is comparable across the cases
		case err != nil:
			return nil, err
		}
		marks = append(marks, c)
	}
	a := &people.Access{Headline: view == people.ViewAccessed}
	for _, c := range marks {
		h := c.Header
		a.Messages += h.Accessed + h.FolderSynced
		a.Synced += h.FolderSynced
		a.Missing += h.Missing
		a.Files = append(a.Files, fmt.Sprintf("%s (SHA-256 %.16s…)", h.File, h.SHA256))
	}
	a.Read = func(sha string) bool {
		for _, c := range marks {
			if c.Read(sha) {
				return true
			}
		}
		return false
	}
	return a, nil
}

// caseCategories loads --categories, or the copy a scan made in the case.
func caseCategories(caseDir, path string) (*people.Categories, error) {
	if path != "" {
		return loadCategories(path)
	}
	c, err := people.CaseCategories(caseDir, "")
	var ce *people.ConfigError
	switch {
	case errors.Is(err, people.ErrManyCategories):
		return nil, usagef("%v: name one with --categories", err)
	case errors.As(err, &ce):
		return nil, usageError{err}
	}
	return c, err
}

func runReport(ctx context.Context, o *reportOptions, ios *IOStreams) error {
	if !slices.Contains([]string{"md", "html", "csv", "json", "xlsx"}, o.format) {
		return usagef("--format %q: use md, html, csv, json or xlsx", o.format)
	}
	c, err := countCases(ctx, o.cases, o.categories, o.scope, o.lang, o.reveal)
	if err != nil {
		return err
	}
	if err := report.Render(ios.Out, c.Report, o.format, o.lang); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}
