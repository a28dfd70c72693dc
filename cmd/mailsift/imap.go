package main

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/mailsift/mailsift/scanner/imapsrc"
	"github.com/mailsift/mailsift/scanner/source"
	"github.com/mailsift/mailsift/store"
	"github.com/spf13/pflag"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// Environment variables holding IMAP credentials: never on the command
// line, where other users and shell history would see them.
const (
	envIMAPPassword = "MAILSIFT_IMAP_PASSWORD"
	envIMAPToken    = "MAILSIFT_IMAP_TOKEN"
)

// imapOptions are the scan flags for imap:// and imaps:// sources.
type imapOptions struct {
	ca       string
	insecure bool
	folders  []string
	conns    int
	getenv   func(string) string // os.Getenv; tests replace it
}

func addIMAPFlags(f *pflag.FlagSet, o *imapOptions) {
	f.StringVar(&o.ca, "ca", "", "IMAP: also trust the CA certificates in PEM `FILE` (a private CA)")
	f.BoolVar(&o.insecure, "insecure", false, "IMAP: allow plaintext to a host that is not loopback and skip certificate checks")
	f.StringArrayVar(&o.folders, "folder", nil, "IMAP: collect folders matching `PATTERN` (repeatable; * any, % any but /, \\Junk a special-use; !PATTERN excludes)")
	f.IntVar(&o.conns, "imap-conns", 2, "IMAP: parallel connections")
}

func isIMAPURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "imap://") || strings.HasPrefix(l, "imaps://")
}

// redactURL hides a password someone put in the URL anyway.
func redactURL(s string) string {
	if u, err := url.Parse(s); err == nil {
		return u.Redacted()
	}
	return "imap URL"
}

// newIMAPAccount checks the URL, the credentials and the IMAP flags; all
// its errors are usage errors naming what to fix.
func newIMAPAccount(arg string, o *imapOptions) (*imapsrc.Account, error) {
	ep, err := imapsrc.ParseURL(arg)
	if err != nil {
		return nil, usagef("source %q: %v", redactURL(arg), err)
	}
	getenv := o.getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	pw, tok := getenv(envIMAPPassword), getenv(envIMAPToken)
	switch {
	case pw == "" && tok == "":
		return nil, usagef("source %s: no credentials: set %s to the account's password, or %s to an OAuth2 access token (XOAUTH2/OAUTHBEARER, e.g. Microsoft 365 or Gmail)", ep, envIMAPPassword, envIMAPToken)
	case pw != "" && tok != "":
		return nil, usagef("source %s: both %s and %s are set; unset the one not meant", ep, envIMAPPassword, envIMAPToken)
	case tok != "" && (ep.Mechanism == imapsrc.MechPlain || ep.Mechanism == imapsrc.MechLogin):
		return nil, usagef("source %s: ;AUTH=%s needs %s, but only %s is set", ep, ep.Mechanism, envIMAPPassword, envIMAPToken)
	case pw != "" && (ep.Mechanism == imapsrc.MechXOAuth2 || ep.Mechanism == imapsrc.MechOAuthBearer):
		return nil, usagef("source %s: ;AUTH=%s needs %s, but only %s is set", ep, ep.Mechanism, envIMAPToken, envIMAPPassword)
	}
	if err := imapsrc.CheckFolderPatterns(o.folders); err != nil {
		return nil, usagef("--folder: %v", err)
	}
	opts := imapsrc.Options{Endpoint: ep, Password: pw, Token: tok, Insecure: o.insecure, Folders: o.folders, Conns: o.conns}
	if o.ca != "" {
		pem, err := os.ReadFile(o.ca)
		if err != nil {
			return nil, usagef("--ca %s: %v", o.ca, errors.Unwrap(err))
		}
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, usagef("--ca %s: no PEM certificate in the file", o.ca)
		}
		opts.RootCAs = pool
	}
	return &imapsrc.Account{Options: opts}, nil
}

// collectIMAP pulls an account into the case's evidence/ and returns the
// evidence to scan: an interrupted pull resumes there.
func collectIMAP(ctx context.Context, a *imapsrc.Account, caseDir string, ios *IOStreams, logger *slog.Logger, quiet bool, srcOpts source.Options) (source.Source, error) {
	dir := filepath.Join(caseDir, store.EvidenceDir)
	prog := newIMAPProgress(ios, quiet)
	a.Logger, a.Progress = logger, prog
	logger.Info("imap pull started", "server", a.Name(), "folders", a.Folders, "conns", a.Conns)
	src, st, err := a.Collect(ctx, dir, srcOpts)
	prog.done()
	logger.Info("imap pull ended", "server", a.Name(), "session", st.Session, "messages", st.Messages, "stored", st.Stored,
		"duplicates", st.Duplicates, "already", st.Already, "bytes", st.Bytes, "retries", st.Retries, "seconds", st.Seconds, "error", errString(err))
	if !quiet {
		printPullSummary(ios, a.Name(), dir, st)
	}
	switch {
	case err == nil:
		return src, nil
	case errors.Is(err, context.Canceled):
		return nil, fmt.Errorf("imap collection interrupted after %d messages: the evidence in %s is consistent; run the same command again to resume: %w", st.Messages, dir, err)
	case errors.Is(err, imapsrc.ErrIncomplete):
		return nil, fmt.Errorf("imap %s: %w: see the folder errors above and in %s; run again to retry them, or leave them out with --folder '!NAME'", a.Name(), err, filepath.Join(caseDir, store.LogFile))
	default:
		return nil, fmt.Errorf("imap %s: %w", a.Name(), err)
	}
}

func printPullSummary(ios *IOStreams, name, dir string, st imapsrc.Stats) {
	fmt.Fprintf(ios.Err, "imap %s: %d folders, fetched %d messages (%d new, %d seen in another folder or pull), %d collected before, %.1f MB in %.1fs; evidence in %s\n",
		name, len(st.Folders), st.Messages, st.Stored, st.Duplicates, st.Already, float64(st.Bytes)/1e6, st.Seconds, dir)
	for _, f := range st.Restarted {
		fmt.Fprintf(ios.Err, "imap: folder %q has a new UIDVALIDITY: fetched again (the earlier copy is kept)\n", f)
	}
	for _, f := range st.Folders {
		switch {
		case f.Err != "":
			fmt.Fprintf(ios.Err, "imap: folder %q not collected: %s\n", f.Name, termSafe(f.Err))
		case f.Missing > 0:
			fmt.Fprintf(ios.Err, "imap: folder %q: %d listed messages were not returned by the server (expunged meanwhile?); a later run tries them again\n", f.Name, f.Missing)
		}
		if f.TooLarge > 0 {
			fmt.Fprintf(ios.Err, "imap: folder %q: %d messages over 1 GiB not fetched\n", f.Name, f.TooLarge)
		}
	}
	if st.Retries > 0 {
		fmt.Fprintf(ios.Err, "imap: %d reconnections after network errors\n", st.Retries)
	}
}

// imapProgress shows a total bar and one bar per folder being fetched,
// with message counts and bytes, only when stderr is a terminal.
type imapProgress struct {
	p     *mpb.Progress
	total *mpb.Bar
	bytes atomic.Int64

	mu     sync.Mutex
	plans  map[string]imapsrc.FolderPlan
	folder map[string]*mpb.Bar
	fbytes map[string]*atomic.Int64
}

func newIMAPProgress(ios *IOStreams, quiet bool) *imapProgress {
	pr := &imapProgress{plans: map[string]imapsrc.FolderPlan{}, folder: map[string]*mpb.Bar{}, fbytes: map[string]*atomic.Int64{}}
	if ios.ErrIsTTY && !quiet {
		pr.p = mpb.New(mpb.WithOutput(ios.Err), mpb.WithWidth(30))
	}
	return pr
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

func (pr *imapProgress) Plan(folders []imapsrc.FolderPlan) {
	var n int
	var b int64
	pr.mu.Lock()
	for _, f := range folders {
		pr.plans[f.Folder] = f
		n += f.Messages
		b += f.Bytes
	}
	pr.mu.Unlock()
	if pr.p == nil || n == 0 {
		return
	}
	pr.total = pr.p.AddBar(int64(n),
		mpb.PrependDecorators(decor.Name("imap total ", decor.WCSyncSpaceR), decor.CountersNoUnit("%d / %d msgs", decor.WCSyncSpace)),
		mpb.AppendDecorators(decor.Any(func(decor.Statistics) string { return mb(pr.bytes.Load()) + " / " + mb(b) }, decor.WCSyncSpace)),
		mpb.BarPriority(1<<30))
}

func (pr *imapProgress) Message(folder string, n int64) {
	pr.bytes.Add(n)
	if pr.p == nil {
		return
	}
	pr.mu.Lock()
	bar := pr.folder[folder]
	if bar == nil {
		plan := pr.plans[folder]
		fb := &atomic.Int64{}
		pr.fbytes[folder] = fb
		bar = pr.p.AddBar(int64(plan.Messages),
			mpb.PrependDecorators(decor.Name(termSafe(folder), decor.WCSyncSpaceR), decor.CountersNoUnit("%d / %d msgs", decor.WCSyncSpace)),
			mpb.AppendDecorators(decor.Any(func(decor.Statistics) string { return mb(fb.Load()) }, decor.WCSyncSpace)),
			mpb.BarRemoveOnComplete())
		pr.folder[folder] = bar
	}
	fb := pr.fbytes[folder]
	pr.mu.Unlock()
	fb.Add(n)
	bar.Increment()
	if pr.total != nil {
		pr.total.Increment()
	}
}

func (pr *imapProgress) done() {
	if pr.p == nil {
		return
	}
	pr.mu.Lock()
	for _, b := range pr.folder {
		b.SetTotal(-1, true) // complete even when messages were missing
	}
	pr.mu.Unlock()
	if pr.total != nil {
		pr.total.SetTotal(-1, true)
	}
	pr.p.Wait()
}
