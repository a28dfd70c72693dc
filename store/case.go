package store

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// File names inside a case directory.
const (
	ManifestFile = "manifest.jsonl"
	FindingsFile = "findings.jsonl"
	LogFile      = "scan.log"
	IndexDir     = "index"
	ConfigDir    = "config"
	// EvidenceDir holds what an IMAP pull collected: a Maildir of the
	// messages as received, with the pull's log.
	EvidenceDir = "evidence"
	// AuditFile is the review page's log of revealed values (who, when,
	// which finding; never the value), appended to only.
	AuditFile = "audit.jsonl"
)

// ErrNotCase is returned when a directory is not a mailsift case.
var ErrNotCase = errors.New("not a mailsift case directory")

// Case is an open case directory. Writes go through Commit, which makes
// the findings durable before the manifest line that vouches for them, so
// a scan killed at any point can be re-run into a consistent case.
type Case struct {
	Dir string

	mu       sync.Mutex
	manifest *os.File
	findings *os.File
	known    map[[32]byte]struct{} // message_sha256 of messages in the manifest
	// unlocked are the containers opened after their message's scan
	// (manifest "unlock" lines), by message hash + "\x00" + location.
	unlocked map[string]bool
	places   map[[16]byte]struct{} // (hash, path, offset) already recorded
	nFind    int
	// committed is the findings-file offset up to which every finding's
	// message is in the manifest: readers such as the indexer stop there.
	committed int64
	buf       []byte // encoding buffer of Commit, reused
	lock      *lock  // the writer's lock, held until Close
}

// Repair says what Open had to undo after an interrupted scan or damage.
type Repair struct {
	ManifestBytesCut int64    // partial trailing manifest line removed
	OrphanFindings   []string // ids of findings whose message never reached the manifest
	// Rederive are the messages (message_sha256) whose findings in the
	// findings file were damaged or missing: they were taken out of the
	// manifest, with their findings, so that the next scan derives them
	// again from the evidence.
	Rederive []string
}

// Options configure how a writer opens a case.
type Options struct {
	// Wait for another writer to finish instead of failing with a
	// *BusyError; closing Stop ends the wait.
	Wait bool
	Stop <-chan struct{}
	// Command names the writer in the lock file ("scan").
	Command string
}

// Create opens the case at dir for writing, creating it (0700) if needed,
// and takes the case's writer lock until Close. An existing directory must
// be empty or a case (MarkerFile); a foreign directory gives
// ErrForeignDir, a symbolic link in the case ErrSymlink, another writer a
// *BusyError.
func Create(dir string) (*Case, *Repair, error) { return CreateWith(dir, Options{}) }

// CreateWith is Create with options.
func CreateWith(dir string, o Options) (*Case, *Repair, error) {
	if err := prepareDir(dir); err != nil {
		return nil, nil, err
	}
	l, err := acquire(dir, o.Command, o.Wait, o.Stop)
	if err != nil {
		return nil, nil, err
	}
	c, rep, err := open(dir)
	if err != nil {
		l.release()
		return nil, nil, err
	}
	c.lock = l
	return c, rep, nil
}

// Open opens an existing case for reading and appending, as Create does.
func Open(dir string) (*Case, *Repair, error) {
	if err := Check(dir); err != nil {
		return nil, nil, fmt.Errorf("open case: %w", err)
	}
	return Create(dir)
}

func open(dir string) (*Case, *Repair, error) {
	rep := &Repair{}
	c, err := openFiles(dir, rep)
	if err != nil {
		return nil, nil, err
	}
	if len(rep.Rederive) > 0 {
		// Take the damaged messages out of the manifest and their
		// findings out of the findings file, then read the case again.
		drop := map[string]bool{}
		for _, h := range rep.Rederive {
			drop[h] = true
		}
		c.Close()
		if err := rewriteWithout(filepath.Join(dir, ManifestFile), "message_sha256", drop); err != nil {
			return nil, nil, fmt.Errorf("repair manifest: %w", err)
		}
		if err := rewriteWithout(filepath.Join(dir, FindingsFile), "message_sha256", drop); err != nil {
			return nil, nil, fmt.Errorf("repair findings: %w", err)
		}
		again := &Repair{}
		if c, err = openFiles(dir, again); err != nil {
			return nil, nil, err
		}
		if len(again.Rederive) > 0 {
			c.Close()
			return nil, nil, fmt.Errorf("repair findings: %d messages still disagree with the manifest", len(again.Rederive))
		}
		rep.OrphanFindings = append(rep.OrphanFindings, again.OrphanFindings...)
	}
	return c, rep, nil
}

func openFiles(dir string, rep *Repair) (*Case, error) {
	c := &Case{Dir: dir, known: map[[32]byte]struct{}{}, places: map[[16]byte]struct{}{}}
	var err error
	c.manifest, err = openFile(filepath.Join(dir, ManifestFile), os.O_RDWR|os.O_CREATE)
	if err != nil {
		return nil, fmt.Errorf("open manifest: %w", err)
	}
	want := map[string]int{} // findings each message's lines vouch for
	if rep.ManifestBytesCut, err = c.loadManifest(want); err != nil {
		c.manifest.Close()
		return nil, err
	}
	c.findings, err = openFile(filepath.Join(dir, FindingsFile), os.O_RDWR|os.O_CREATE)
	if err != nil {
		c.manifest.Close()
		return nil, fmt.Errorf("open findings: %w", err)
	}
	if rep.OrphanFindings, rep.Rederive, err = c.repairFindings(want); err != nil {
		c.Close()
		return nil, err
	}
	if c.committed, err = c.findings.Seek(0, io.SeekCurrent); err != nil {
		c.Close()
		return nil, fmt.Errorf("open findings: %w", err)
	}
	return c, nil
}

// rewriteWithout rewrites a JSON Lines file without the lines whose
// field (a string) is in drop, and without lines that do not parse.
func rewriteWithout(path, field string, drop map[string]bool) error {
	return rewriteLines(path, func(line []byte) bool {
		var v map[string]json.RawMessage
		var key string
		return json.Unmarshal(line, &v) == nil && json.Unmarshal(v[field], &key) == nil && !drop[key]
	})
}

// rewriteLines rewrites a file atomically (a synced temporary file renamed
// over it) with only its complete lines that keep accepts.
func rewriteLines(path string, keep func(line []byte) bool) error {
	in, err := openFile(path, os.O_RDONLY)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := path + ".tmp"
	out, err := openFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 1<<20)
	if _, _, _, err := eachLine(in, func(line []byte) error {
		if keep(line) {
			w.Write(line)
			w.WriteByte('\n')
		}
		return nil
	}); err != nil {
		out.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// loadManifest reads the known hashes and cuts a partial last line.
func (c *Case) loadManifest(want map[string]int) (int64, error) {
	good, err := scanLines(c.manifest, func(line []byte) error {
		var e Entry
		if err := json.Unmarshal(line, &e); err != nil {
			return err
		}
		h, err := parseHash(e.MessageSHA256)
		if err != nil {
			return err
		}
		c.known[h] = struct{}{}
		c.places[placeKey(h, e.Path, e.Offset)] = struct{}{}
		c.noteUnlocks(&e)
		want[e.MessageSHA256] += e.Findings
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("read manifest: %w", err)
	}
	st, err := c.manifest.Stat()
	if err != nil {
		return 0, fmt.Errorf("read manifest: %w", err)
	}
	cut := st.Size() - good
	if cut > 0 {
		if err := c.manifest.Truncate(good); err != nil {
			return 0, fmt.Errorf("repair manifest: %w", err)
		}
	}
	_, err = c.manifest.Seek(good, io.SeekStart)
	return cut, err
}

// repairFindings checks the findings file against the manifest. It drops
// findings of messages absent from the manifest (the scan died between
// writing them and vouching for them), a partial last line, and lines that
// do not parse; a message whose findings then disagree in number with what
// its manifest lines vouch for (the file was damaged after the commit) is
// returned in rederive, for open to take out and the next scan to derive
// again. The file is rewritten atomically only when something is dropped.
func (c *Case) repairFindings(want map[string]int) (orphans, rederive []string, err error) {
	got := map[string]int{}
	dirty := false
	vouched := func(line []byte) (msg, id string, ok bool) {
		var f struct {
			ID           string `json:"id"`
			Msg          string `json:"message_sha256"`
			Location     string `json:"location"`
			PasswordFrom string `json:"password_from"`
		}
		if json.Unmarshal(line, &f) != nil {
			return "", "", false
		}
		h, err := parseHash(f.Msg)
		if err != nil {
			return "", "", false
		}
		_, ok = c.known[h]
		if ok && f.PasswordFrom != "" {
			// Found in a container opened later: vouched for by its
			// "unlock" line, not by the message's.
			ok = c.isUnlocked(f.Msg, f.Location)
		}
		return f.Msg, f.ID, ok
	}
	good, _, _, err := eachLine(c.findings, func(line []byte) error {
		msg, id, ok := vouched(line)
		if !ok {
			if id != "" {
				orphans = append(orphans, id)
			}
			dirty = true
			return nil
		}
		got[msg]++
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read findings: %w", err)
	}
	for msg, n := range want {
		if got[msg] != n {
			rederive = append(rederive, msg)
		}
	}
	if len(rederive) > 0 {
		slices.Sort(rederive)
		return orphans, rederive, nil // open rewrites both files
	}
	st, err := c.findings.Stat()
	if err != nil {
		return nil, nil, err
	}
	if !dirty && st.Size() == good {
		c.nFind = sum(got)
		_, err = c.findings.Seek(good, io.SeekStart)
		return nil, nil, err
	}
	path := filepath.Join(c.Dir, FindingsFile)
	c.findings.Close()
	c.findings = nil
	err = rewriteLines(path, func(line []byte) bool {
		_, _, ok := vouched(line)
		return ok
	})
	if err != nil {
		return nil, nil, fmt.Errorf("repair findings: %w", err)
	}
	if c.findings, err = openFile(path, os.O_RDWR); err != nil {
		return nil, nil, fmt.Errorf("repair findings: %w", err)
	}
	c.nFind = sum(got)
	_, err = c.findings.Seek(0, io.SeekEnd)
	return orphans, nil, err
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// eachLine calls fn for each complete line of f (without its newline),
// from the start, and stops at the first line fn rejects. It returns the
// byte length of the lines accepted, fn's error for the rejected line and
// whether anything follows that line; a partial last line is not passed.
func eachLine(f *os.File, fn func([]byte) error) (good int64, rejected error, more bool, err error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, nil, false, err
	}
	r := bufio.NewReaderSize(f, 1<<20)
	for {
		line, err := r.ReadBytes('\n')
		if err == io.EOF {
			return good, nil, false, nil
		}
		if err != nil {
			return good, nil, false, err
		}
		if rerr := fn(line[:len(line)-1]); rerr != nil {
			_, perr := r.Peek(1)
			return good, rerr, perr == nil, nil
		}
		good += int64(len(line))
	}
}

// scanLines calls fn for each complete line and returns the byte length
// of the good prefix: it stops at a partial or unparsable line, which only
// an interrupted write leaves behind at the end. More after a bad line
// means the file was edited or corrupted: refuse rather than guess.
func scanLines(f *os.File, fn func([]byte) error) (int64, error) {
	good, rejected, more, err := eachLine(f, fn)
	if err == nil && rejected != nil && more {
		err = fmt.Errorf("line at byte %d: %w", good, rejected)
	}
	return good, err
}

func (c *Case) noteUnlocks(e *Entry) {
	for _, u := range e.Unlocked {
		if c.unlocked == nil {
			c.unlocked = map[string]bool{}
		}
		c.unlocked[e.MessageSHA256+"\x00"+u.Location] = true
	}
}

// isUnlocked reports whether loc is inside a container of message msg
// that an "unlock" line records as opened.
func (c *Case) isUnlocked(msg, loc string) bool {
	for l := loc; l != ""; {
		if c.unlocked[msg+"\x00"+l] {
			return true
		}
		i := strings.LastIndexAny(l, "/#")
		if i < 0 {
			break
		}
		l = l[:i]
	}
	return false
}

// Unlocked reports whether the container at loc of message msg was opened
// after its scan (PPAP).
func (c *Case) Unlocked(msg, loc string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.unlocked[msg+"\x00"+loc]
}

// Known reports whether a message with this canonical hash is in the case.
func (c *Case) Known(h [32]byte) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.known[h]
	return ok
}

// SeenAt reports whether the message was already recorded at this place.
func (c *Case) SeenAt(h [32]byte, path string, offset int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.places[placeKey(h, path, offset)]
	return ok
}

// FindingCount is the number of findings in the case.
func (c *Case) FindingCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.nFind
}

// Batch is what Commit makes durable together.
type Batch struct {
	Findings []Finding
	Entries  []Entry

	// Optionally, lines already encoded (by AppendFinding, AppendEntry), so
	// that the caller can encode in parallel and Commit only writes bytes.
	// FindingLines holds FindingLineCount more findings, written after those
	// of Findings, in chunks written as they are (no copy into one buffer:
	// a message can carry hundreds of MB of them). EntryLines[i], when not
	// nil, is the line of Entries[i].
	FindingLines     [][]byte
	FindingLineCount int
	EntryLines       [][]byte
}

// Commit appends the batch: findings first (synced), then the manifest
// lines (synced). Until the manifest line exists, a message's findings are
// orphans that the next Open removes, so a crash never leaves half a
// message behind.
func (c *Case) Commit(b *Batch) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	nFindings := len(b.Findings) + b.FindingLineCount
	if len(b.Findings) > 0 || len(b.FindingLines) > 0 {
		buf := c.buf[:0]
		for i := range b.Findings {
			var err error
			if buf, err = AppendFinding(buf, &b.Findings[i]); err != nil {
				return fmt.Errorf("encode finding: %w", err)
			}
		}
		if cap(buf) <= 16<<20 {
			c.buf = buf // reuse, unless one odd batch made it huge
		}
		if _, err := c.findings.Write(buf); err != nil {
			return fmt.Errorf("write findings: %w", err)
		}
		for _, chunk := range b.FindingLines {
			if _, err := c.findings.Write(chunk); err != nil {
				return fmt.Errorf("write findings: %w", err)
			}
		}
		if err := c.findings.Sync(); err != nil {
			return fmt.Errorf("sync findings: %w", err)
		}
	}
	if len(b.Entries) == 0 {
		c.nFind += nFindings
		return nil
	}
	buf := c.buf[:0]
	for i := range b.Entries {
		if i < len(b.EntryLines) && b.EntryLines[i] != nil {
			buf = append(buf, b.EntryLines[i]...)
		} else {
			buf = AppendEntry(buf, &b.Entries[i])
		}
	}
	c.buf = buf
	if _, err := c.manifest.Write(buf); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	if err := c.manifest.Sync(); err != nil {
		return fmt.Errorf("sync manifest: %w", err)
	}
	for i := range b.Entries {
		e := &b.Entries[i]
		h, _ := parseHash(e.MessageSHA256)
		c.known[h] = struct{}{}
		c.places[placeKey(h, e.Path, e.Offset)] = struct{}{}
		c.noteUnlocks(e)
	}
	c.nFind += nFindings
	if cap(c.buf) > 16<<20 {
		c.buf = nil // an odd huge batch: do not keep its buffer
	}
	end, err := c.findings.Seek(0, io.SeekCurrent)
	if err != nil {
		return fmt.Errorf("findings offset: %w", err)
	}
	c.committed = end
	return nil
}

// Committed is the findings-file offset up to which every finding belongs
// to a message in the manifest.
func (c *Case) Committed() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.committed
}

// Close closes the case files.
func (c *Case) Close() error {
	var errs []error
	defer func() { c.lock.release(); c.lock = nil }()
	if c.findings != nil {
		errs = append(errs, c.findings.Close())
	}
	if c.manifest != nil {
		errs = append(errs, c.manifest.Close())
	}
	return errors.Join(errs...)
}

// EachFinding streams the committed findings of the case: those a
// manifest line vouches for. A reader may run while a scan writes: what the
// scan has not committed yet (or an interrupted scan left behind, which the
// next scan removes) is not passed.
func EachFinding(dir string, fn func(*Finding) error) error {
	cf, err := Committed(dir)
	if err != nil {
		return err
	}
	return EachFindingRange(dir, 0, -1, func(f *Finding, _ int64) error {
		if !cf.Has(f) {
			return nil
		}
		return fn(f)
	})
}

// CommitFilter tells the committed findings of a case from the rest (see
// EachFinding), for readers that parse the findings file themselves.
type CommitFilter struct{ v *Case }

// Committed reads the manifest of dir into a CommitFilter.
func Committed(dir string) (*CommitFilter, error) { return CommittedEach(dir, nil) }

// CommittedEach is Committed that also passes each manifest line to fn
// (when not nil): one read of the manifest for callers that need both.
func CommittedEach(dir string, fn func(*Entry) error) (*CommitFilter, error) {
	v := &Case{Dir: dir, known: map[[32]byte]struct{}{}}
	err := EachEntry(dir, nil, func(e *Entry) error {
		if h, err := parseHash(e.MessageSHA256); err == nil {
			v.known[h] = struct{}{}
		}
		v.noteUnlocks(e)
		if fn != nil {
			return fn(e)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &CommitFilter{v: v}, nil
}

// Has reports whether f is committed: a manifest line vouches for its
// message, and for a finding behind a password, for the unlock.
func (c *CommitFilter) Has(f *Finding) bool {
	h, err := parseHash(f.MessageSHA256)
	if err != nil {
		return false
	}
	if _, ok := c.v.known[h]; !ok {
		return false
	}
	return f.PasswordFrom == "" || c.v.isUnlocked(f.MessageSHA256, f.Location)
}

// EachFindingRange streams the findings between byte offsets from and to
// (to < 0: the end), passing each with the offset just after its line.
func EachFindingRange(dir string, from, to int64, fn func(f *Finding, end int64) error) error {
	f, err := os.Open(filepath.Join(dir, FindingsFile))
	if err != nil {
		return fmt.Errorf("open findings: %w", err)
	}
	defer f.Close()
	if _, err := f.Seek(from, io.SeekStart); err != nil {
		return fmt.Errorf("read findings: %w", err)
	}
	var src io.Reader = f
	if to >= 0 {
		src = io.LimitReader(f, to-from)
	}
	r := bufio.NewReaderSize(src, 1<<20)
	pos := from
	for {
		line, err := r.ReadBytes('\n')
		if err == io.EOF {
			return nil // a partial last line belongs to an interrupted scan
		}
		if err != nil {
			return fmt.Errorf("read findings: %w", err)
		}
		pos += int64(len(line))
		var fd Finding
		if err := DecodeFinding(line, &fd); err != nil {
			return fmt.Errorf("%s at byte %d: %w", FindingsFile, pos-int64(len(line)), err)
		}
		if err := fn(&fd, pos); err != nil {
			return err
		}
	}
}

func parseHash(s string) ([32]byte, error) {
	var h [32]byte
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 32 {
		return h, fmt.Errorf("bad sha256 %q", s)
	}
	copy(h[:], b)
	return h, nil
}

func placeKey(h [32]byte, path string, offset int64) [16]byte {
	s := sha256.New()
	s.Write(h[:])
	s.Write([]byte(path))
	s.Write([]byte{0})
	s.Write([]byte(strconv.FormatInt(offset, 10)))
	var k [16]byte
	copy(k[:], s.Sum(nil))
	return k
}

// Check reports whether dir holds a case, without opening it for writing
// (readers must not repair a case a running scan is writing).
func Check(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, ManifestFile)); err != nil {
		return fmt.Errorf("%s: %w (run `mailsift scan --case %s SOURCE` first)", dir, ErrNotCase, dir)
	}
	return nil
}

// EachEntry streams the manifest. When filters are given, only lines
// containing one of them (e.g. `"locked":`) are decoded: the manifest of a
// big case is mostly lines the caller does not need.
func EachEntry(dir string, filters []string, fn func(*Entry) error) error {
	f, err := os.Open(filepath.Join(dir, ManifestFile))
	if err != nil {
		return fmt.Errorf("open manifest: %w", err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	for {
		line, err := r.ReadBytes('\n')
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read manifest: %w", err)
		}
		if len(filters) > 0 && !containsAny(line, filters) {
			continue
		}
		var e Entry
		if err := json.Unmarshal(line, &e); err != nil {
			return fmt.Errorf("%s: %w", ManifestFile, err)
		}
		if err := fn(&e); err != nil {
			return err
		}
	}
}

func containsAny(line []byte, subs []string) bool {
	for _, s := range subs {
		if bytes.Contains(line, []byte(s)) {
			return true
		}
	}
	return false
}
