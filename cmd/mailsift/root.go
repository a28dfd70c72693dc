package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit codes, documented in `mailsift --help`.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// IOStreams is where a command reads and writes, so tests can capture it.
type IOStreams struct {
	In       io.Reader
	Out      io.Writer // machine output
	Err      io.Writer // progress, logs, errors
	ErrIsTTY bool      // show a progress bar
}

func systemStreams() *IOStreams {
	return &IOStreams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, ErrIsTTY: term.IsTerminal(int(os.Stderr.Fd()))}
}

// oneCase returns the one --case of a command that works on one case.
func oneCase(cmd *cobra.Command) (string, error) {
	dirs, _ := cmd.Flags().GetStringArray("case")
	if len(dirs) != 1 {
		return "", usagef("%s works on one case: give --case once (got %d)", cmd.Name(), len(dirs))
	}
	return dirs[0], nil
}

// usageError marks bad usage or bad input: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

const rootLong = `mailsift finds the personal data in a compromised mailbox: it reads an export
(mbox, Maildir, EML) or pulls the mailbox over IMAP (read-only) into a case
directory, decodes every message, part and attachment (PDF, Office, CSV, ZIP
incl. password-protected ones, winmail.dat, .msg, images by OCR) in every
Japanese and Western charset, detects personal data (names, addresses,
phones, e-mail, birth dates, passports, licences, My Numbers, bank accounts,
cards, faces, ID scans ...), and indexes every finding with where it was
(folder, message, part, cell or page).

Exit codes:
  0  success
  1  failure (I/O error, interrupted scan: re-run the same command to resume)
  2  bad usage or bad input (the message names the file or option)`

func newRootCmd(ios *IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:           "mailsift",
		Short:         "Mailbox-compromise forensics: find whose personal data was in the mail",
		Long:          rootLong,
		SilenceUsage:  true,
		SilenceErrors: true,
		Example: `  mailsift scan --case ./case export.mbox
  mailsift findings --case ./case --type phone`,
	}
	root.SetOut(ios.Out)
	root.SetErr(ios.Err)
	root.PersistentFlags().StringArray("case", []string{"./mailsift-case"}, "case `DIR`ectory holding manifest, findings, index and log (report: repeat it to count people across several mailboxes)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newScanCmd(ios), newFindingsCmd(ios), newReportCmd(ios), newPeopleCmd(ios), newOverrideCmd(ios), newSearchCmd(ios), newServeCmd(ios), newLicencesCmd(ios))
	return root
}

// run executes the CLI and maps errors to exit codes in one place.
func run(ctx context.Context, args []string, ios *IOStreams) int {
	root := newRootCmd(ios)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(ios.Err, "mailsift: "+termSafe(err.Error()))
	var ue usageError
	switch {
	case errors.As(err, &ue):
		return exitUsage
	case errors.Is(err, context.Canceled):
		return exitFailure
	default:
		return exitFailure
	}
}
