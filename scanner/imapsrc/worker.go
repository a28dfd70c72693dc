package imapsrc

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/mailsift/mailsift/scanner/source"
)

// worker is one IMAP connection of a pull, reconnected after errors.
type worker struct {
	p   *puller
	id  int
	c   *imapclient.Client
	buf []byte

	mu   sync.Mutex // guards live, which abort closes from another goroutine
	live *imapclient.Client

	selected    string // folder EXAMINEd on c
	selValidity uint32
}

// errUIDValidityChanged stops a folder whose UIDVALIDITY changed during
// the pull; the next pull starts it again.
var errUIDValidityChanged = errors.New("UIDVALIDITY changed during the pull")

// errTooLarge stops a folder whose server sent a message over
// Options.MaxMessageBytes though it announced a smaller RFC822.SIZE.
var errTooLarge = errors.New("message larger than announced and over the size limit")

// localError marks a failure of this machine (disk), which no retry fixes.
type localError struct{ err error }

func (e localError) Error() string { return e.err.Error() }
func (e localError) Unwrap() error { return e.err }

// do runs fn on a logged-in connection, reconnecting with back-off after
// transient errors. fn reports whether it made progress, which resets the
// count of consecutive failures.
func (w *worker) do(ctx context.Context, what string, fn func(*imapclient.Client) (bool, error)) error {
	failures := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		progressed := false
		if w.c == nil {
			// The connection lives as long as the pull, not this phase.
			w.c, err = w.p.dialer.connect(w.p.ctx)
			if err != nil {
				w.c = nil
				if !w.p.connected.Load() {
					return err // the first connection fails fast: a typo, not a network hiccup
				}
			} else {
				w.p.connected.Swap(true)
				w.selected = ""
				w.mu.Lock()
				w.live = w.c
				w.mu.Unlock()
			}
		}
		if err == nil {
			progressed, err = fn(w.c)
			if err == nil {
				return nil
			}
			w.drop()
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if !transient(err) {
			return err
		}
		if progressed {
			failures = 0
		}
		failures++
		if failures > w.p.opts.Retries {
			return fmt.Errorf("imapsrc: %s: giving up after %d attempts: %w", what, failures, err)
		}
		wait := w.p.opts.RetryWait << min(failures-1, 16)
		wait = min(wait, time.Minute)
		w.p.mu.Lock()
		w.p.stats.Retries++
		w.p.mu.Unlock()
		w.p.log.Warn("imap connection failed; retrying", "conn", w.id, "doing", what, "attempt", failures, "wait", wait.String(), "error", err.Error())
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

func (w *worker) drop() {
	if w.c != nil {
		w.c.Close()
		w.c = nil
	}
	w.selected = ""
	w.mu.Lock()
	w.live = nil
	w.mu.Unlock()
}

// abort closes the connection from another goroutine, so that a worker
// blocked on the network returns when another one failed.
func (w *worker) abort() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.live != nil {
		w.live.Close()
	}
}

// transient reports an error a new connection may not meet again.
func transient(err error) bool {
	var (
		le   localError
		ie   *imap.Error
		cve  *tls.CertificateVerificationError
		uae  x509.UnknownAuthorityError
		hne  x509.HostnameError
		dnse *net.DNSError
	)
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, ErrAuth), errors.Is(err, ErrNoTLS), errors.Is(err, ErrMechanism),
		errors.Is(err, errUIDValidityChanged), errors.Is(err, errTooLarge), errors.As(err, &le),
		errors.As(err, &cve), errors.As(err, &uae), errors.As(err, &hne):
		return false
	case errors.As(err, &dnse):
		return !dnse.IsNotFound
	case errors.As(err, &ie):
		switch ie.Type {
		case imap.StatusResponseTypeBye:
			return true
		case imap.StatusResponseTypeNo:
			switch ie.Code {
			case imap.ResponseCodeUnavailable, imap.ResponseCodeLimit, imap.ResponseCodeInUse, imap.ResponseCodeServerBug:
				return true
			}
		}
		return false
	}
	return true
}

// examine opens the folder read-only, unless it is open on this
// connection already. EXAMINE, never SELECT: a SELECT would let the
// server clear \Recent and let a FETCH set \Seen.
func (w *worker) examine(c *imapclient.Client, name string) (*imap.SelectData, error) {
	sd, err := c.Select(name, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return nil, fmt.Errorf("imapsrc: examine %q: %w", name, err)
	}
	w.selected, w.selValidity = name, sd.UIDValidity
	return sd, nil
}

// plan examines a folder, lists its UIDs and sizes, and works out what is
// left to fetch. A folder the server refuses is marked failed, not fatal.
func (w *worker) plan(ctx context.Context, f *folder) error {
	err := w.do(ctx, "examine "+f.name, func(c *imapclient.Client) (bool, error) {
		sd, err := w.examine(c, f.name)
		if err != nil {
			return false, err
		}
		f.uidValidity, f.uidNext, f.exists = sd.UIDValidity, uint32(sd.UIDNext), sd.NumMessages
		f.uids, f.sizes = f.uids[:0], map[uint32]int64{}
		if sd.NumMessages == 0 {
			return false, nil
		}
		cmd := c.Fetch(imap.UIDSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, RFC822Size: true})
		for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
			buf, err := msg.Collect() // UID and size only: small
			if err != nil {
				cmd.Close()
				return false, err
			}
			if buf.UID == 0 {
				continue
			}
			u := uint32(buf.UID)
			if _, dup := f.sizes[u]; !dup {
				f.uids = append(f.uids, u)
			}
			f.sizes[u] = buf.RFC822Size
		}
		return false, cmd.Close()
	})
	if err != nil {
		return w.folderFailed(f, err)
	}
	slices.Sort(f.uids)
	exists := f.exists
	rec := &Record{Type: "folder", Session: w.p.ev.session, Time: nowUTC(), Folder: f.name, Delimiter: f.delim,
		Attributes: f.attrs, UIDValidity: f.uidValidity, UIDNext: f.uidNext, Exists: &exists}
	prev, err := w.p.ev.beginFolder(rec)
	if err != nil {
		return err
	}
	f.todo = w.p.ev.todo(f.name, f.uids)
	f.mu.Lock()
	f.st.Dir, f.st.UIDValidity, f.st.Exists = rec.Dir, f.uidValidity, len(f.uids)
	f.st.Already = len(f.uids) - len(f.todo)
	f.mu.Unlock()
	w.p.mu.Lock()
	w.p.stats.Already += len(f.uids) - len(f.todo)
	if prev != 0 {
		w.p.stats.Restarted = append(w.p.stats.Restarted, f.name)
	}
	w.p.mu.Unlock()
	if prev != 0 {
		w.p.log.Warn("imap folder UIDVALIDITY changed since the earlier pull: fetching it again (earlier evidence is kept)",
			"folder", f.name, "old", prev, "new", f.uidValidity)
	}
	return nil
}

// folderFailed records a folder-level refusal (NO to EXAMINE, UIDVALIDITY
// changed) and lets the pull go on; other errors end it.
func (w *worker) folderFailed(f *folder, err error) error {
	var ie *imap.Error
	if !errors.As(err, &ie) && !errors.Is(err, errUIDValidityChanged) && !errors.Is(err, errTooLarge) {
		return err
	}
	f.mu.Lock()
	f.failed = true
	if f.st.Err == "" {
		f.st.Err = err.Error()
	}
	f.mu.Unlock()
	f.todo = nil
	w.p.log.Error("imap folder not collected", "folder", f.name, "error", err.Error())
	return nil
}

// fetch fetches the messages of one task, resuming after reconnects with
// those not received yet.
func (w *worker) fetch(ctx context.Context, t *task) error {
	f := t.f
	f.mu.Lock()
	failed := f.failed
	f.mu.Unlock()
	if failed {
		return nil
	}
	got := make(map[uint32]bool, len(t.uids))
	err := w.do(ctx, "fetch from "+f.name, func(c *imapclient.Client) (bool, error) {
		if w.selected != f.name {
			if _, err := w.examine(c, f.name); err != nil {
				return false, err
			}
		}
		if w.selValidity != f.uidValidity {
			return false, fmt.Errorf("imapsrc: folder %q: %w (was %d, now %d)", f.name, errUIDValidityChanged, f.uidValidity, w.selValidity)
		}
		var set imap.UIDSet
		for _, u := range t.uids {
			if !got[u] && f.sizes[u] <= w.p.opts.MaxMessageBytes {
				set.AddNum(imap.UID(u))
			}
		}
		if len(set) == 0 {
			return false, nil
		}
		cmd := c.Fetch(set, &imap.FetchOptions{
			UID: true, Flags: true, InternalDate: true, RFC822Size: true,
			BodySection: []*imap.FetchItemBodySection{{Peek: true}},
		})
		progressed := false
		for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
			uid, err := w.receive(msg, f, set)
			if err != nil {
				w.drop() // rather than drain the rest of the command
				cmd.Close()
				return progressed, err
			}
			if uid != 0 {
				got[uid], progressed = true, true
			}
		}
		return progressed, cmd.Close()
	})
	for _, u := range t.uids {
		if f.sizes[u] > w.p.opts.MaxMessageBytes {
			f.mu.Lock()
			f.st.TooLarge++
			f.mu.Unlock()
			w.p.mu.Lock()
			w.p.stats.TooLarge++
			w.p.mu.Unlock()
			w.p.log.Warn("imap message over the size limit not fetched", "folder", f.name, "uid", u, "size", f.sizes[u])
		}
	}
	if err != nil {
		return w.folderFailed(f, err)
	}
	return nil
}

// receive streams one FETCH response into the evidence. It returns the
// UID stored, or 0 for a response to skip (unsolicited, no body).
func (w *worker) receive(msg *imapclient.FetchMessageData, f *folder, asked imap.UIDSet) (uint32, error) {
	rec := &Record{Type: "message", Session: w.p.ev.session, Folder: f.name, UIDValidity: f.uidValidity}
	var (
		flags  []imap.Flag
		staged string
		size   int64
		raw    [32]byte
		canon  [32]byte
		have   bool
	)
	defer func() {
		if staged != "" {
			os.Remove(staged) // not stored: an error or a response to skip
		}
	}()
	for item := msg.Next(); item != nil; item = msg.Next() {
		switch it := item.(type) {
		case imapclient.FetchItemDataUID:
			rec.UID = uint32(it.UID)
		case imapclient.FetchItemDataFlags:
			flags = it.Flags
		case imapclient.FetchItemDataInternalDate:
			rec.InternalDate = it.Time.Format(time.RFC3339)
		case imapclient.FetchItemDataRFC822Size:
			rec.RFC822Size = it.Size
		case imapclient.FetchItemDataBodySection:
			if have || it.Literal == nil || it.Section == nil || it.Section.Specifier != imap.PartSpecifierNone || len(it.Section.Part) > 0 || it.Section.Partial != nil {
				continue
			}
			var err error
			staged, size, raw, canon, err = w.stage(it.Literal)
			if err != nil {
				return 0, err
			}
			have = true
		}
	}
	if rec.UID == 0 || !have || !asked.Contains(imap.UID(rec.UID)) {
		return 0, nil
	}
	for _, fl := range flags {
		rec.Flags = append(rec.Flags, string(fl))
	}
	rec.Size, rec.SHA256, rec.MessageSHA256 = size, hex.EncodeToString(raw[:]), hex.EncodeToString(canon[:])
	rec.Time = nowUTC()
	f.mu.Lock()
	dir := f.st.Dir
	f.mu.Unlock()
	dup, err := w.p.ev.store(rec, raw, staged, messageFile(dir, f.uidValidity, rec.UID, flags))
	if err != nil {
		return 0, localError{err}
	}
	staged = ""
	f.mu.Lock()
	f.st.Fetched++
	f.st.Bytes += size
	if dup {
		f.st.Duplicates++
	}
	f.mu.Unlock()
	w.p.mu.Lock()
	w.p.stats.Messages++
	w.p.stats.Bytes += size
	if dup {
		w.p.stats.Duplicates++
	} else {
		w.p.stats.Stored++
	}
	w.p.mu.Unlock()
	w.p.opts.Progress.Message(f.name, size)
	if err := w.p.ev.maybeCommit(); err != nil {
		return 0, localError{err}
	}
	return rec.UID, nil
}

// stage streams a message body into a new file in tmp/, hashing it as it
// goes, and fsyncs it. Read errors are the network's (retried); write
// errors are local.
func (w *worker) stage(lit imap.LiteralReader) (path string, size int64, raw, canon [32]byte, err error) {
	if lit.Size() > w.p.opts.MaxMessageBytes {
		return "", 0, raw, canon, fmt.Errorf("imapsrc: literal of %d bytes: %w", lit.Size(), errTooLarge)
	}
	fh, err := os.CreateTemp(filepath.Join(w.p.ev.dir, stagingDir), "fetch-*")
	if err != nil {
		return "", 0, raw, canon, localError{fmt.Errorf("imapsrc: stage message: %w", err)}
	}
	path = fh.Name()
	fail := func(e error) (string, int64, [32]byte, [32]byte, error) {
		fh.Close()
		os.Remove(path)
		return "", 0, raw, canon, e
	}
	rh, ch := sha256.New(), source.NewCanonicalHasher()
	out := w.buf[:0]
	for {
		n, rerr := lit.Read(w.buf[len(out):cap(w.buf)])
		out = w.buf[:len(out)+n]
		size += int64(n)
		if len(out) == cap(w.buf) || (rerr != nil && len(out) > 0) {
			rh.Write(out)
			ch.Write(out)
			if _, werr := fh.Write(out); werr != nil {
				return fail(localError{fmt.Errorf("imapsrc: stage message: %w", werr)})
			}
			out = w.buf[:0]
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return fail(fmt.Errorf("imapsrc: receive message: %w", rerr))
		}
		if size > w.p.opts.MaxMessageBytes {
			return fail(fmt.Errorf("imapsrc: over %d bytes: %w", w.p.opts.MaxMessageBytes, errTooLarge))
		}
	}
	if err := fh.Sync(); err != nil {
		return fail(localError{fmt.Errorf("imapsrc: sync message: %w", err)})
	}
	if err := fh.Close(); err != nil {
		os.Remove(path)
		return "", 0, raw, canon, localError{fmt.Errorf("imapsrc: stage message: %w", err)}
	}
	rh.Sum(raw[:0])
	canon = ch.Sum256()
	return path, size, raw, canon, nil
}
