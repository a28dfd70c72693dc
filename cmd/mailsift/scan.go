package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/mailsift/mailsift/detectors/registry"
	"github.com/mailsift/mailsift/scanner"
	"github.com/mailsift/mailsift/scanner/imapsrc"
	"github.com/mailsift/mailsift/scanner/source"
	"github.com/mailsift/mailsift/store"
	"github.com/spf13/cobra"
)

type scanOptions struct {
	caseDir    string
	categories string
	since      string
	before     string
	workers    int
	json       bool
	quiet      bool
	maxMessage int64
	noIndex    bool
	maxFinds   int
	sources    []string
	attach     attachOptions
	ingestOnly bool
	imap       imapOptions
	wait       bool
	scope      string
}

func newScanCmd(ios *IOStreams) *cobra.Command {
	o := &scanOptions{}
	cmd := &cobra.Command{
		Use:   "scan [flags] SOURCE...",
		Short: "Read mailbox exports into a case and detect personal data",
		Long: `scan reads every SOURCE into the case directory: each message is hashed
(SHA-256 of its canonical form and of the bytes as read), decoded part by
part, searched for personal data, and recorded in the evidence manifest;
each finding goes to the findings file and the search index.

SOURCE is an mbox file (mboxo/mboxrd), a Maildir or Maildir++ tree, a
directory of .eml files (searched recursively; files that are not mail are
skipped and counted), one .eml file, or imap://user@host / imaps://user@host
(password from MAILSIFT_IMAP_PASSWORD, OAuth2 token from MAILSIFT_IMAP_TOKEN,
never from the command line). Sources are opened read-only: IMAP folders
with EXAMINE and BODY.PEEK only, so not even \Seen flags change; every
message pulled is kept in the case as an evidence Maildir (evidence/, with
acquisition.jsonl), and an interrupted pull resumes.

Scanning is idempotent and resumable: a message already in the case (same
canonical hash) adds nothing, and a scan interrupted at any point (Ctrl-C,
kill -9, power loss) is finished by running the same command again.
Problems with single messages or parts are logged to stderr and to
scan.log in the case, counted in "errors", and the scan goes on.

Attachments are read too: PDF, Excel, Word, PowerPoint, CSV, ZIP (nested),
winmail.dat, Outlook .msg, forwarded mail, and images (OCR with tesseract
when installed; face detection). Password-protected ZIPs are reported as
locked, then opened with the passwords found in mail of the same thread or
sender within 7 days ("PPAP") or given with --zip-passwords; each finding
inside records which message gave the password (password_from). Limits
against hostile attachments (zip bombs, endless PDFs) are flags below.

--scope FILE marks what the attacker read: a Microsoft 365 unified-audit-log
export of MailItemsAccessed records (Bind: messages by InternetMessageId;
Sync: whole folders), as Purview's CSV (AuditData column), JSON or JSON
lines, or a plain list of Message-IDs and folders. Every message of the case
is marked accessed, folder-synced or not accessed, with the audit records
behind it (accessed.jsonl in the case); records of other operations and
unreadable ones are counted. The summary adds "accessed" and
"accessed_missing" (named in the export, not in the case: perhaps deleted),
and report --scope accessed counts the people of accessed messages only.`,
		Example: `  mailsift scan --case ./case "All mail Including Spam and Trash.mbox"
  mailsift scan --case ./case --json ~/Maildir exported-eml/ > summary.json
  mailsift scan --case ./case --since 2024-04-28 --before 2024-05-14 export.mbox
  mailsift scan --case ./case --categories categories.yaml export.mbox
  mailsift scan --case ./case --zip-passwords passwords.txt export.mbox
  mailsift scan --case ./case --scope AuditLog_2024-05-14.csv export.mbox   # then: report --scope accessed
  MAILSIFT_IMAP_PASSWORD=... mailsift scan --case ./case imaps://taro@imap.example.jp
  MAILSIFT_IMAP_TOKEN=... mailsift scan --case ./case --folder '!\Junk' 'imaps://taro;AUTH=XOAUTH2@imap.gmail.com'`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("scan: no SOURCE given: name an mbox file, a Maildir, or a directory of .eml files")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := oneCase(cmd)
			if err != nil {
				return err
			}
			o.caseDir = dir
			o.sources = args
			return runScan(cmd.Context(), o, ios)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.categories, "categories", "", "categories `FILE` (YAML) saying who is who; validated and copied into the case")
	f.StringVar(&o.since, "since", "", "only messages dated on or after `DATE` (YYYY-MM-DD or RFC 3339): the server's delivery time where the source has one (IMAP INTERNALDATE, PST/.msg delivery time), else the Date header; messages with neither are kept")
	f.StringVar(&o.before, "before", "", "only messages dated before `DATE` (YYYY-MM-DD or RFC 3339)")
	f.StringVar(&o.scope, "scope", "", "mark the messages the attacker accessed, from `FILE`: a Microsoft 365 audit-log export (MailItemsAccessed; CSV with AuditData, JSON, JSON lines) or a list of Message-IDs and folders")
	f.IntVar(&o.workers, "workers", 0, "decoding workers (default: number of CPUs)")
	f.BoolVar(&o.json, "json", false, "print the summary as one JSON object on stdout")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "do not print per-message problems on stderr (they still go to scan.log)")
	f.BoolVar(&o.wait, "wait", false, "if another mailsift process is writing the case, wait for it instead of failing")
	f.BoolVar(&o.noIndex, "no-index", false, "do not build the search index now (search and serve build it when they first need it)")
	f.IntVar(&o.maxFinds, "max-findings", scanner.DefaultMaxFindings, "record at most this many findings per message (more are counted as an error)")
	f.Int64Var(&o.maxMessage, "max-message-bytes", 256<<20, "decode at most this many bytes of one message (all bytes are still hashed)")
	o.attach.register(f)
	// For benchmarks: the cost of reading, hashing and decoding alone.
	f.BoolVar(&o.ingestOnly, "ingest-only", false, "read, hash and decode into the manifest without detecting or indexing (measures ingest speed)")
	f.MarkHidden("ingest-only")
	addIMAPFlags(f, &o.imap)
	return cmd
}

func parseDateFlag(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	for _, l := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(l, v, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usagef("--%s %q: not a date; use YYYY-MM-DD or RFC 3339 (2024-05-02T10:00:00+09:00)", name, v)
}

// scanPlan is what the flags mean, checked before anything is written.
type scanPlan struct {
	since, before time.Time
	srcOpts       source.Options
}

// validate checks every flag of scan in one place: bad values are bad
// usage (exit 2) and nothing is written.
func (o *scanOptions) validate() (*scanPlan, error) {
	p := &scanPlan{srcOpts: source.Options{MaxMessageBytes: o.maxMessage}}
	var err error
	if p.since, err = parseDateFlag("since", o.since); err != nil {
		return nil, err
	}
	if p.before, err = parseDateFlag("before", o.before); err != nil {
		return nil, err
	}
	if !p.since.IsZero() && !p.before.IsZero() && !p.since.Before(p.before) {
		return nil, usagef("--since %s is not before --before %s: no message could be in range", o.since, o.before)
	}
	l := o.attach.limits
	return p, checkBounds(
		bound{"workers", int64(o.workers), 0, maxWorkers()},
		bound{"max-findings", int64(o.maxFinds), 1, maxCountFlag},
		bound{"max-message-bytes", o.maxMessage, 1, maxBytesFlag},
		bound{"imap-conns", int64(o.imap.conns), 1, 16},
		bound{"max-extract-bytes", l.MaxBytes, 1, maxBytesFlag},
		bound{"max-file-bytes", l.MaxFileBytes, 1, maxBytesFlag},
		bound{"max-nesting", int64(l.MaxContainerDepth), 1, 100},
		bound{"max-ratio", l.MaxRatio, 1, maxCountFlag},
		bound{"max-pdf-pages", int64(l.MaxPDFPages), 1, maxCountFlag},
		bound{"attachment-timeout", int64(o.attach.timeout), int64(time.Millisecond), maxDurationFlag},
	)
}

// openCase opens (or creates) the case for this scan, as its one writer.
// A directory that is not a case, or holds a symbolic link, is bad usage.
func openCase(ctx context.Context, dir string, wait bool) (*store.Case, *store.Repair, error) {
	c, rep, err := store.CreateWith(dir, store.Options{Command: "scan", Wait: wait, Stop: ctx.Done()})
	switch {
	case errors.Is(err, store.ErrForeignDir), errors.Is(err, store.ErrSymlink):
		return nil, nil, usageError{err}
	case err != nil:
		return nil, nil, err
	}
	return c, rep, nil
}

func runScan(ctx context.Context, o *scanOptions, ios *IOStreams) error {
	start := time.Now()
	plan, err := o.validate()
	if err != nil {
		return err
	}
	cats, err := loadCategories(o.categories)
	if err != nil {
		return err
	}
	scopeIn, err := readScope(o.scope)
	if err != nil {
		return err
	}
	in, err := openSources(o.sources, plan.srcOpts, &o.imap)
	if err != nil {
		return err
	}

	c, rep, err := openCase(ctx, o.caseDir, o.wait)
	if err != nil {
		return err
	}
	defer c.Close()
	logger, closeLog, err := openLog(o.caseDir)
	if err != nil {
		return err
	}
	defer closeLog()
	if cats != nil {
		if err := copyCategories(cats, filepath.Join(o.caseDir, store.ConfigDir)); err != nil {
			return err
		}
	}
	reportRepair(ios, logger, rep)
	srcs, err := in.collect(ctx, o.caseDir, ios, logger, o.quiet, plan.srcOpts)
	if err != nil {
		return err
	}

	var total int64
	for _, s := range srcs {
		total += s.Size()
	}
	bar := newProgress(ios, total)
	det := scanner.NoDetector()
	if o.ingestOnly {
		o.noIndex = true
	} else if det, err = scanner.NewDetector(registry.Default()); err != nil {
		return fmt.Errorf("detectors: %w", err)
	}
	ax, err := o.attach.build(o.caseDir, logger, ios)
	if err != nil {
		return err
	}
	defer ax.Close()
	if o.ingestOnly {
		ax.images = nil
	}
	opts := scanner.Options{
		Extractors:  ax.extractors,
		Limits:      ax.limits,
		Passwords:   ax.passwords,
		Images:      ax.images,
		Workers:     o.workers,
		MaxFindings: o.maxFinds,
		Since:       plan.since,
		Before:      plan.before,
		Progress:    bar.add,
		Warn: func(msg string, attrs ...any) {
			logger.Warn(msg, attrs...)
			if !o.quiet {
				bar.println(formatWarn(msg, attrs...))
			}
		},
	}
	logger.Info("scan started", "sources", o.sources, "workers", o.workers)
	sum, err := scanner.Scan(ctx, c, det, srcs, opts)
	if u := sum.PPAP; u.Unlocked > 0 {
		logger.Info("ppap", "unlocked", u.Unlocked, "still_locked", u.Locked, "findings", u.Findings)
	}
	bar.done()
	var scoped *scopeSummary
	if err == nil && scopeIn != nil {
		// After the scan: the marks cover every message of the case.
		scoped, err = applyScope(ctx, o.caseDir, scopeIn)
		if scoped != nil {
			logger.Info("scope applied", "file", scopeIn.path, "sha256", scopeIn.sha256, "accessed", scoped.Accessed,
				"accessed_synced", scoped.AccessedSynced, "accessed_missing", scoped.AccessedMissing,
				"records", scoped.ScopeRecords, "ignored", scoped.ScopeIgnored, "problems", scoped.ScopeProblems)
		}
	}
	if err == nil && !o.noIndex {
		// The index is built from the findings and the people resolved
		// from them, so it comes after the scan, not beside it.
		var n int
		n, err = buildIndex(ctx, o.caseDir, ios)
		logger.Info("index built", "findings", n, "error", errString(err))
	}
	// The summary's seconds are the whole command's: the PPAP pass and the
	// index build are part of what the user waited for.
	sum.Seconds = time.Since(start).Seconds()
	logger.Info("scan ended", "messages", sum.Messages, "duplicates", sum.Duplicates, "findings", sum.Findings,
		"errors", sum.Errors, "seconds", sum.Seconds, "error", errString(err))
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("scan interrupted after %d messages: the case is consistent; run the same command again to resume", sum.Messages)
		}
		return fmt.Errorf("scan: %w", err)
	}
	return printSummary(ios, sum, scoped, o.json)
}

// reportRepair says what opening the case had to undo.
func reportRepair(ios *IOStreams, logger *slog.Logger, rep *store.Repair) {
	if rep.ManifestBytesCut > 0 || len(rep.OrphanFindings) > 0 {
		fmt.Fprintf(ios.Err, "resuming an interrupted scan: removed %d findings of unfinished messages\n", len(rep.OrphanFindings))
		logger.Info("repaired case", "manifest_bytes_cut", rep.ManifestBytesCut, "orphan_findings", len(rep.OrphanFindings))
	}
	if len(rep.Rederive) > 0 {
		fmt.Fprintf(ios.Err, "the findings of %d messages were damaged: they are derived again from the evidence\n", len(rep.Rederive))
		logger.Warn("repaired case: findings damaged, messages scanned again", "messages", rep.Rederive)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// formatWarn is a warning line for stderr; values from mail and file
// names are escaped (termSafe), so that none can fake a line or move the
// cursor.
func formatWarn(msg string, attrs ...any) string {
	var sb strings.Builder
	sb.WriteString("warning: " + termSafe(msg))
	for i := 0; i+1 < len(attrs); i += 2 {
		fmt.Fprintf(&sb, " %v=%s", attrs[i], termSafe(fmt.Sprint(attrs[i+1])))
	}
	return sb.String()
}

func printSummary(ios *IOStreams, s scanner.Summary, scoped *scopeSummary, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(ios.Out)
		if scoped != nil {
			return enc.Encode(struct {
				scanner.Summary
				*scopeSummary
			}{s, scoped})
		}
		return enc.Encode(s)
	}
	if scoped != nil {
		defer fmt.Fprintf(ios.Out, "scope: accessed %d messages (%d by folder sync), %d named but not in the case; %d records read, %d of other operations, %d unreadable\n",
			scoped.Accessed, scoped.AccessedSynced, scoped.AccessedMissing, scoped.ScopeRecords, scoped.ScopeIgnored, scoped.ScopeProblems)
	}
	_, err := fmt.Fprintf(ios.Out, "messages %d (duplicates %d, outside date range %d), attachments %d (locked %d, unlocked %d), %.1f MB, findings %d, errors %d, skipped files %d, %.1fs\n",
		s.Messages, s.Duplicates, s.OutOfRange, s.Attachments, s.Locked, s.Unlocked, float64(s.Bytes)/1e6, s.Findings, s.Errors, s.SkippedFiles, s.Seconds)
	return err
}

// inputs are the SOURCE arguments, resolved before anything is written so
// that a typo fails fast with exit code 2: sources to read, and IMAP
// accounts to collect first (by their position among the sources).
type inputs struct {
	sources  []source.Source
	accounts map[int]*imapsrc.Account
}

func openSources(args []string, opts source.Options, imapOpts *imapOptions) (*inputs, error) {
	in := &inputs{sources: make([]source.Source, len(args)), accounts: map[int]*imapsrc.Account{}}
	for i, a := range args {
		if isIMAPURL(a) {
			acc, err := newIMAPAccount(a, imapOpts)
			if err != nil {
				return nil, err
			}
			in.accounts[i] = acc
			continue
		}
		abs, err := filepath.Abs(a)
		if err != nil {
			return nil, usagef("source %q: %v", a, err)
		}
		if _, err := os.Stat(abs); err != nil {
			return nil, usagef("source %q: %v", a, errors.Unwrap(err))
		}
		s, err := source.Open(abs, opts)
		if err != nil {
			return nil, usagef("source %q: %v", a, err)
		}
		in.sources[i] = s
	}
	return in, nil
}

// collect pulls every IMAP account into the case's evidence/, in the order
// given, and returns all sources to scan.
func (in *inputs) collect(ctx context.Context, caseDir string, ios *IOStreams, logger *slog.Logger, quiet bool, opts source.Options) ([]source.Source, error) {
	for i := range in.sources {
		if a := in.accounts[i]; a != nil {
			s, err := collectIMAP(ctx, a, caseDir, ios, logger, quiet, opts)
			if err != nil {
				return nil, err
			}
			in.sources[i] = s
		}
	}
	return in.sources, nil
}

// openLog opens scan.log in the case (0600) for structured records.
func openLog(dir string) (*slog.Logger, func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, store.LogFile), os.O_WRONLY|os.O_APPEND|os.O_CREATE|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("open scan log: %w", err)
	}
	return slog.New(slog.NewJSONHandler(f, nil)), func() { f.Close() }, nil
}
