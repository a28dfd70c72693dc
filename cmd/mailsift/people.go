package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/mailsift/mailsift/report"
)

type peopleOptions struct {
	cases      []string
	category   string
	categories string
	format     string
	reveal     bool
	scope      string
}

func newPeopleCmd(ios *IOStreams) *cobra.Command {
	o := &peopleOptions{}
	cmd := &cobra.Command{
		Use:   "people",
		Short: "List the people whose personal data is in the case: the notification list",
		Long: `people prints one row per person: id, names as written, e-mail addresses,
phones, companies, category, the items found about them, and the evidence
(number of messages, first and last date, Message-IDs, why identities were
merged). Values are masked unless --reveal. It changes nothing in the case.`,
		Example: `  mailsift people --case ./case --format csv > people.csv
  mailsift people --case ./case --category customer --reveal
  mailsift people --case ./case --format xlsx > people.xlsx
  mailsift people --case ./case --scope accessed --format csv > notify.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.cases, _ = cmd.Flags().GetStringArray("case")
			return runPeople(cmd.Context(), o, ios)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.category, "category", "", "only the people of category `ID`")
	f.StringVar(&o.categories, "categories", "", "categories `FILE` (YAML); default: the copy in the case")
	f.StringVar(&o.format, "format", "csv", "csv, jsonl or xlsx")
	f.BoolVar(&o.reveal, "reveal", false, "print names, addresses and phones unmasked")
	f.StringVar(&o.scope, "scope", "all", "all people, or accessed: those in messages the attacker accessed (scan --scope); with a recorded scope every row says which in its access column")
	return cmd
}

func runPeople(ctx context.Context, o *peopleOptions, ios *IOStreams) error {
	if !slices.Contains([]string{"csv", "jsonl", "xlsx"}, o.format) {
		return usagef("--format %q: use csv, jsonl or xlsx", o.format)
	}
	c, err := countCases(ctx, o.cases, o.categories, o.scope, "ja", o.reveal)
	if err != nil {
		return err
	}
	rows := c.Report.People
	if o.category != "" {
		known := false
		for _, cat := range c.Report.Categories {
			known = known || cat.ID == o.category
		}
		if !known {
			return usagef("--category %q: no such category in this report", o.category)
		}
		rows = slices.DeleteFunc(slices.Clone(rows), func(p report.Person) bool { return p.Category != o.category })
	}
	if err := report.RenderPeople(ios.Out, rows, c.Report.Categories, o.format); err != nil {
		return fmt.Errorf("people: %w", err)
	}
	return nil
}
