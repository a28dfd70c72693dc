package imapsrc

import (
	"context"
	"crypto/rand"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Pull copies the mailbox of opts.Endpoint into the evidence directory dir
// (created 0700 if needed) and returns what it did. It only reads: folders
// are opened with EXAMINE and bodies fetched with BODY.PEEK[], so no flag
// changes on the server; no command that changes a mailbox is ever sent.
//
// Every folder the filter keeps is fetched, INBOX first and folders marked
// \All (Gmail's All Mail) last. Each message is written once, as received,
// into a Maildir tree that scanner/source reads back with the IMAP folder
// names, and logged in LogFile with its folder, UIDVALIDITY, UID, flags,
// INTERNALDATE and hashes. Bytes already stored (the same message in two
// folders) are logged again but not stored again.
//
// Pull resumes: messages in the log are not fetched again, what a killed
// pull left half done is cleaned up, and a folder whose UIDVALIDITY changed
// is fetched again (Stats.Restarted). Network errors are retried with
// back-off. If some folder could not be read the error wraps ErrIncomplete;
// everything else collected is committed either way.
func Pull(ctx context.Context, opts Options, dir string) (Stats, error) {
	start := time.Now()
	o := opts.withDefaults()
	filter, err := compileFilter(o.Folders)
	if err != nil {
		return Stats{}, err
	}
	ev, note, err := openEvidence(dir, o.Logger)
	if err != nil {
		return Stats{}, err
	}
	p := &puller{opts: o, ev: ev, filter: filter, log: o.Logger, dialer: newDialer(o.Endpoint, &o)}
	p.stats.Repaired = RepairStats{LogBytesCut: note.LogBytesCut, Staged: note.Staged, Uncommitted: note.Uncommitted, MissingFiles: note.MissingFiles}
	if note != (repairNote{}) {
		p.log.Warn("imap evidence repaired after an interrupted pull", "log_bytes_cut", note.LogBytesCut,
			"staged_removed", note.Staged, "uncommitted_removed", note.Uncommitted, "missing_files", note.MissingFiles)
	}
	if err := ev.checkAccount(o.Endpoint.String()); err != nil {
		ev.close()
		return Stats{}, err
	}
	var sid [8]byte
	rand.Read(sid[:])
	ev.session = hex.EncodeToString(sid[:])
	p.stats.Session = ev.session

	err = p.run(ctx)
	p.stats.Seconds = time.Since(start).Seconds()
	n, b := p.stats.Messages, p.stats.Bytes
	end := Record{Type: "end", Session: ev.session, Time: nowUTC(), Messages: &n, Bytes: &b}
	if err != nil {
		end.Error = err.Error()
	}
	if rerr := ev.record(end); rerr != nil && err == nil {
		err = rerr
	}
	if cerr := ev.close(); cerr != nil && err == nil {
		err = cerr
	}
	if err == nil && p.incomplete > 0 {
		err = fmt.Errorf("imapsrc: %d folders could not be read: %w", p.incomplete, ErrIncomplete)
	}
	return p.stats, err
}

// ErrIncomplete is wrapped when some folders could not be read; the
// folders' FolderStats.Err say why, and a later pull tries them again.
var ErrIncomplete = errors.New("mailbox not completely collected")

// Options configure Pull.
type Options struct {
	Endpoint Endpoint
	// Password is for LOGIN or AUTHENTICATE PLAIN; Token is an OAuth2
	// access token for XOAUTH2 or OAUTHBEARER. Neither is ever logged.
	Password, Token string
	// RootCAs verifies the server certificate; nil means the system roots.
	RootCAs *x509.CertPool
	// Insecure allows plaintext IMAP to a host that is not loopback and
	// accepts any server certificate.
	Insecure bool
	// Folders are include patterns and "!"-prefixed exclude patterns; see
	// CheckFolderPatterns. None means every folder.
	Folders []string
	// Conns is the number of parallel connections (default 2).
	Conns int
	// MaxMessageBytes skips messages the server says are larger (default
	// 1 GiB); they are counted in FolderStats.TooLarge and logged.
	MaxMessageBytes int64
	// Retries is how many consecutive failed attempts a connection makes
	// before the pull gives up (default 8); RetryWait is the first back-off,
	// doubled up to a minute (default 1 s).
	Retries   int
	RetryWait time.Duration
	// ChunkUIDs is how many messages one UID FETCH asks for (default 500).
	ChunkUIDs int
	// Dial opens the TCP connection; nil uses net.Dialer.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// Progress hears about planned and fetched messages; it may be nil.
	Progress Progress
	// Logger receives retries, restarts and problems; nil discards them.
	Logger *slog.Logger
	// Tool names the collecting program in the log, e.g. "mailsift 1.2".
	Tool string
}

func (o Options) withDefaults() Options {
	if o.Conns <= 0 {
		o.Conns = 2
	}
	if o.MaxMessageBytes <= 0 {
		o.MaxMessageBytes = 1 << 30
	}
	if o.Retries <= 0 {
		o.Retries = 8
	}
	if o.RetryWait <= 0 {
		o.RetryWait = time.Second
	}
	if o.ChunkUIDs <= 0 {
		o.ChunkUIDs = 500
	}
	if o.Progress == nil {
		o.Progress = nopProgress{}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Tool == "" {
		o.Tool = "mailsift"
	}
	return o
}

// Progress hears what a pull does. Its methods are called from several
// goroutines.
type Progress interface {
	// Plan is called once, when every folder has been examined, with what
	// this pull will fetch (folders with nothing to fetch included).
	Plan(folders []FolderPlan)
	// Message is called after each message is stored.
	Message(folder string, bytes int64)
}

// FolderPlan is what a pull will fetch from one folder.
type FolderPlan struct {
	Folder   string
	Messages int
	Bytes    int64 // as the server reports the sizes
}

type nopProgress struct{}

func (nopProgress) Plan([]FolderPlan)     {}
func (nopProgress) Message(string, int64) {}

// Stats is what a pull did.
type Stats struct {
	Session    string        `json:"session"`
	Folders    []FolderStats `json:"folders"`
	Messages   int           `json:"messages"`   // received in this pull
	Stored     int           `json:"stored"`     // of them, written as new evidence files
	Duplicates int           `json:"duplicates"` // of them, bytes already stored (another folder, earlier pull)
	Already    int           `json:"already"`    // not fetched: in the log from an earlier pull
	Missing    int           `json:"missing"`    // listed by the server but not returned (expunged meanwhile?)
	TooLarge   int           `json:"too_large"`
	Bytes      int64         `json:"bytes"`
	Retries    int           `json:"retries"`   // reconnections after network errors
	Restarted  []string      `json:"restarted"` // folders fetched again: UIDVALIDITY changed
	Repaired   RepairStats   `json:"repaired"`
	Seconds    float64       `json:"seconds"`
}

// RepairStats is what Pull cleaned up after an interrupted earlier pull.
type RepairStats struct {
	LogBytesCut  int64 `json:"log_bytes_cut"` // torn last line of the log
	Staged       int   `json:"staged"`        // unfinished downloads
	Uncommitted  int   `json:"uncommitted"`   // stored but never logged: fetched again
	MissingFiles int   `json:"missing_files"` // logged but gone from disk: fetched again
}

// FolderStats is what a pull did in one folder.
type FolderStats struct {
	Name        string   `json:"name"`
	Attributes  []string `json:"attributes,omitempty"`
	Dir         string   `json:"dir"`
	UIDValidity uint32   `json:"uidvalidity"`
	Exists      int      `json:"exists"` // messages on the server
	Fetched     int      `json:"fetched"`
	Duplicates  int      `json:"duplicates"`
	Already     int      `json:"already"`
	Missing     int      `json:"missing"`
	TooLarge    int      `json:"too_large"`
	Bytes       int64    `json:"bytes"`
	Err         string   `json:"error,omitempty"`
}

// puller is one Pull.
type puller struct {
	opts   Options
	ev     *evidence
	filter *folderFilter
	log    *slog.Logger
	dialer *dialer

	ctx       context.Context // of the whole pull: connections live as long
	connected atomic.Bool     // a connection once succeeded: later failures are retried

	mu         sync.Mutex
	stats      Stats
	incomplete int
}

// folder is one mailbox of the account, as listed and examined.
type folder struct {
	name  string
	delim string
	attrs []string
	all   bool // \All: fetched last, its messages are mostly copies

	uidValidity uint32
	uidNext     uint32
	exists      uint32
	uids        []uint32 // on the server, ascending
	sizes       map[uint32]int64
	todo        []uint32

	tasks   atomic.Int32
	mu      sync.Mutex
	st      FolderStats
	failed  bool
	missing []uint32
}

func (p *puller) run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p.ctx = ctx
	workers := make([]*worker, p.opts.Conns)
	for i := range workers {
		workers[i] = &worker{p: p, id: i, buf: make([]byte, 64<<10)}
	}
	defer func() {
		for _, w := range workers {
			w.drop()
		}
	}()
	folders, err := workers[0].list(ctx)
	if err != nil {
		return err
	}
	info := p.dialer.firstInfo()
	if err := p.ev.record(Record{Type: "session", Session: p.ev.session, Time: nowUTC(), Server: p.opts.Endpoint.String(),
		Transport: info.Transport, TLSVersion: info.TLSVersion, CertSHA256: info.CertSHA256, Auth: info.Mechanism,
		Capabilities: info.Caps, Tool: p.opts.Tool}); err != nil {
		return err
	}

	// Plan: examine every folder and list its UIDs, on all connections.
	fq := make(chan *folder, len(folders))
	for _, f := range folders {
		fq <- f
	}
	close(fq)
	if err := parallel(ctx, workers, func(ctx context.Context, w *worker) error {
		for f := range fq {
			if err := w.plan(ctx, f); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	if err := p.ev.commit(); err != nil {
		return err
	}
	plans := make([]FolderPlan, 0, len(folders))
	var tasks []*task
	for _, f := range folders {
		var bytes int64
		for _, u := range f.todo {
			bytes += f.sizes[u]
		}
		plans = append(plans, FolderPlan{Folder: f.name, Messages: len(f.todo), Bytes: bytes})
		for i := 0; i < len(f.todo); i += p.opts.ChunkUIDs {
			tasks = append(tasks, &task{f: f, uids: f.todo[i:min(i+p.opts.ChunkUIDs, len(f.todo))]})
		}
		f.tasks.Add(int32(len(f.todo)+p.opts.ChunkUIDs-1) / int32(p.opts.ChunkUIDs))
		if len(f.todo) == 0 {
			if err := p.folderDone(f); err != nil {
				return err
			}
		}
	}
	p.opts.Progress.Plan(plans)

	// Fetch, in folder order, on all connections.
	tq := make(chan *task, len(tasks))
	for _, t := range tasks {
		tq <- t
	}
	close(tq)
	err = parallel(ctx, workers, func(ctx context.Context, w *worker) error {
		for t := range tq {
			if err := w.fetch(ctx, t); err != nil {
				return err
			}
			if t.f.tasks.Add(-1) == 0 {
				if err := p.folderDone(t.f); err != nil {
					return err
				}
			}
		}
		return nil
	})
	p.mu.Lock()
	for _, f := range folders {
		f.mu.Lock()
		p.stats.Folders = append(p.stats.Folders, f.st)
		if f.failed {
			p.incomplete++
		}
		f.mu.Unlock()
	}
	p.mu.Unlock()
	return err
}

// parallel runs fn on every worker and returns the first error; it
// cancels the others and closes their connections, so that none stays
// blocked on the network.
func parallel(ctx context.Context, workers []*worker, fn func(context.Context, *worker) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	fail := func(err error) {
		once.Do(func() {
			first = err
			cancel()
			for _, w := range workers {
				w.abort()
			}
		})
	}
	for _, w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := func() (err error) {
				defer func() {
					if r := recover(); r != nil {
						err = fmt.Errorf("imapsrc: internal error: %v", r)
					}
				}()
				return fn(ctx, w)
			}()
			if err != nil {
				fail(err)
			}
		}()
	}
	wg.Wait()
	return first
}

// folderDone writes the folder's checkpoint once all its tasks ended.
func (p *puller) folderDone(f *folder) error {
	n, upTo, missing := p.ev.doneCount(f.name, f.uids)
	rec := Record{Type: "checkpoint", Session: p.ev.session, Time: nowUTC(), Folder: f.name,
		UIDValidity: f.uidValidity, UIDDone: upTo, Messages: &n, Missing: missing}
	if err := p.ev.record(rec); err != nil {
		return err
	}
	if err := p.ev.commit(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.st.Missing = len(missing) - f.st.TooLarge
	if f.failed {
		f.st.Missing = 0
	}
	p.mu.Lock()
	p.stats.Missing += f.st.Missing
	p.mu.Unlock()
	if f.st.Missing > 0 {
		p.log.Warn("imap messages listed but not returned by the server; a later pull tries them again",
			"folder", f.name, "count", f.st.Missing)
	}
	p.log.Info("imap folder done", "folder", f.name, "exists", f.exists, "fetched", f.st.Fetched,
		"duplicates", f.st.Duplicates, "already", f.st.Already, "bytes", f.st.Bytes)
	return nil
}

// task is a run of UIDs of one folder for one UID FETCH.
type task struct {
	f    *folder
	uids []uint32
}

// list returns the folders to collect, in fetch order: INBOX, the others
// by name, \All folders last.
func (w *worker) list(ctx context.Context) ([]*folder, error) {
	var data []*imap.ListData
	err := w.do(ctx, "list folders", func(c *imapclient.Client) (bool, error) {
		opts := &imap.ListOptions{}
		if caps := c.Caps(); caps.Has(imap.CapSpecialUse) && (caps.Has(imap.CapListExtended) || caps.Has(imap.CapIMAP4rev2)) {
			opts.ReturnSpecialUse = true
		}
		cmd := c.List("", "*", opts)
		data = data[:0]
		for d := cmd.Next(); d != nil; d = cmd.Next() {
			data = append(data, d)
		}
		return false, cmd.Close()
	})
	if err != nil {
		return nil, err
	}
	var out []*folder
	seen := map[string]bool{}
	for _, d := range data {
		f := &folder{name: d.Mailbox}
		if d.Delim != 0 {
			f.delim = string(d.Delim)
		}
		skip := false
		for _, a := range d.Attrs {
			f.attrs = append(f.attrs, string(a))
			switch {
			case strings.EqualFold(string(a), string(imap.MailboxAttrNoSelect)), strings.EqualFold(string(a), string(imap.MailboxAttrNonExistent)):
				skip = true
			case strings.EqualFold(string(a), string(imap.MailboxAttrAll)):
				f.all = true
			}
		}
		if skip || seen[f.name] || !w.p.filter.match(f.name, f.attrs) {
			continue
		}
		seen[f.name] = true
		f.st = FolderStats{Name: f.name, Attributes: f.attrs}
		out = append(out, f)
	}
	slices.SortStableFunc(out, func(a, b *folder) int {
		rank := func(f *folder) int {
			switch {
			case f.name == "INBOX":
				return 0
			case f.all:
				return 2
			}
			return 1
		}
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		return strings.Compare(a.name, b.name)
	})
	return out, nil
}
