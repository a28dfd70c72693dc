package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mailsift/mailsift/people"
	"github.com/mailsift/mailsift/store"
)

func newOverrideCmd(ios *IOStreams) *cobra.Command {
	var note string
	cmd := &cobra.Command{
		Use:   "override VERB ARGS...",
		Short: "Record an investigator's decision about people: merge, split, category, not-person, false-positive",
		Long: `override appends one decision to overrides.txt in the case; report, people
and findings apply every decision there, on every run (person ids are
derived from the evidence, so they stay the same when the case is scanned
again). The file may be edited by hand: one decision per line, "#" starts a
note; a bad line is an error naming the file and line.

  merge P1 P2 [P3 ...]       one person (P1 keeps its id)
  split P KEY                the identities of P with KEY (an e-mail address
                             or a name as written) are a person of their own
  category P ID              put P in category ID, whatever the rules say
  not-person P               P is no person (a team, a list); their findings
                             count for nobody
  false-positive FINDING-ID  the finding is wrong: it counts for nobody`,
		Example: `  mailsift override --case ./case merge p-3f7e030785 p-1c4cf5056e --note "same person, two companies"
  mailsift override --case ./case category p-8a7173a3f7 customer
  mailsift override --case ./case not-person p-33fbad1e1e
  mailsift override --case ./case false-positive 0a1b2c3d4e5f60718293a4b5c6d7e8f9
  mailsift override --case ./case list`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := oneCase(cmd)
			if err != nil {
				return err
			}
			if err := store.Check(dir); err != nil {
				return usageError{err}
			}
			if args[0] == "list" {
				ovs, err := people.ParseOverrides(dir + "/" + people.OverridesFile)
				if err != nil {
					return usageError{err}
				}
				for _, o := range ovs {
					fmt.Fprintln(ios.Out, o.String())
				}
				return nil
			}
			o := people.Override{Verb: args[0], Args: args[1:], Note: strings.TrimSpace(note)}
			// The writer's lock: one writer per case, overrides included.
			c, _, err := store.CreateWith(dir, store.Options{Command: "override", Stop: cmd.Context().Done()})
			if err != nil {
				if errors.Is(err, store.ErrForeignDir) || errors.Is(err, store.ErrSymlink) {
					return usageError{err}
				}
				return err
			}
			defer c.Close()
			if err := people.AppendOverride(dir, o); err != nil {
				var ce *people.ConfigError
				if errors.As(err, &ce) || !strings.HasPrefix(err.Error(), "overrides:") {
					return usagef("override: %v", err)
				}
				return err
			}
			fmt.Fprintf(ios.Err, "recorded in %s: %s\n", people.OverridesFile, termSafe(o.String()))
			return nil
		},
	}
	cmd.Flags().StringVar(&note, "note", "", "why (kept in the file, for the record)")
	return cmd
}
