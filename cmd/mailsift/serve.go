package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/mailsift/mailsift/review"
	"github.com/mailsift/mailsift/review/casereview"
	"github.com/mailsift/mailsift/store"
)

type serveOptions struct {
	cases []string
	addr  string
	token string
	user  string
}

func newServeCmd(ios *IOStreams) *cobra.Command {
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve --case DIR [--addr 127.0.0.1:8080] [--token TOKEN]",
		Short: "Review the findings in a browser: search, facets, people, messages, the category table",
		Long: `serve starts a local review page over the case(s): a search box (the syntax
of mailsift search), facets by type, category, folder and month, hits with
the masked context highlighted, a page per person (their findings, messages,
why their identities were merged, category) and per message (headers, the
parts with findings and where in each), and the report's category table.
Everything is embedded in the binary and works offline.

It listens on 127.0.0.1:8080 by default. Another address must come with
--token: every request then needs it (Authorization: Bearer TOKEN, or
?token=TOKEN once, which sets a cookie). Values are shown masked; revealing
one is a click that is first written to the case's audit log (audit.jsonl:
who, when, which finding, never the value). serve changes nothing else in
the case, but builds its search index first when it is missing or stale.
Stop it with Ctrl-C.`,
		Example: `  mailsift serve --case ./case
  mailsift serve --case ./taro --case ./hanako --addr 127.0.0.1:9000
  mailsift serve --case ./case --addr 0.0.0.0:8443 --token "$(openssl rand -hex 16)" --user yamada`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.cases, _ = cmd.Flags().GetStringArray("case")
			if len(o.cases) == 0 {
				return usagef("serve: give --case DIR")
			}
			return runServe(cmd.Context(), o, ios)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", review.DefaultAddr, "listen on `HOST:PORT` (a non-loopback address needs --token)")
	f.StringVar(&o.token, "token", "", "require `TOKEN` on every request (needed off loopback)")
	f.StringVar(&o.user, "user", "", "who reveals values, for the audit log (default: the OS user)")
	return cmd
}

func runServe(ctx context.Context, o *serveOptions, ios *IOStreams) error {
	if err := review.CheckAddr(o.addr, o.token); err != nil {
		return usageError{err}
	}
	dirs, err := distinctCases(o.cases)
	if err != nil {
		return err
	}
	cats, err := caseCategories(dirs[0], "")
	if err != nil {
		return err
	}
	set, err := openIndexes(ctx, dirs, ios, "serve")
	if err != nil {
		return err
	}
	b, err := casereview.New(ctx, set, dirs, cats)
	if err != nil {
		set.Close()
		return err
	}
	defer b.Close()
	// Each case keeps its own audit log of what was revealed.
	var logs []io.Writer
	for _, dir := range dirs {
		f, err := review.OpenAuditLog(filepath.Join(dir, store.AuditFile))
		if err != nil {
			return fmt.Errorf("audit log: %w", err)
		}
		defer f.Close()
		logs = append(logs, f)
	}
	opts := review.Options{Addr: o.addr, Token: o.token, User: o.user, AuditLog: io.MultiWriter(logs...),
		Log: slog.New(slog.NewTextHandler(ios.Err, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	err = review.Serve(ctx, b, opts, func(addr string) {
		fmt.Fprintf(ios.Err, "mailsift: review page at http://%s/ (Ctrl-C to stop)\n", addr)
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
