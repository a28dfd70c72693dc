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
}

// Repair says what Open had to undo after an interrupted scan.
type Repair struct {
	ManifestBytesCut int64    // partial trailing manifest line removed
	OrphanFindings   []string // ids of findings whose message never reached the manifest
}

// Create opens the case at dir, creating it (0700) if needed.
func Create(dir string) (*Case, *Repair, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("create case %s: %w", dir, err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("create case %s: %w", dir, err)
	}
	return open(dir)
}

// Open opens an existing case for reading and appending.
func Open(dir string) (*Case, *Repair, error) {
	if err := Check(dir); err != nil {
		return nil, nil, fmt.Errorf("open case: %w", err)
	}
	return open(dir)
}

func open(dir string) (*Case, *Repair, error) {
	c := &Case{Dir: dir, known: map[[32]byte]struct{}{}, places: map[[16]byte]struct{}{}}
	rep := &Repair{}
	var err error
	c.manifest, err = os.OpenFile(filepath.Join(dir, ManifestFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("open manifest: %w", err)
	}
	if rep.ManifestBytesCut, err = c.loadManifest(); err != nil {
		c.manifest.Close()
		return nil, nil, err
	}
	c.findings, err = os.OpenFile(filepath.Join(dir, FindingsFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		c.manifest.Close()
		return nil, nil, fmt.Errorf("open findings: %w", err)
	}
	if rep.OrphanFindings, err = c.repairFindings(); err != nil {
		c.Close()
		return nil, nil, err
	}
	if c.committed, err = c.findings.Seek(0, io.SeekCurrent); err != nil {
		c.Close()
		return nil, nil, fmt.Errorf("open findings: %w", err)
	}
	return c, rep, nil
}

// loadManifest reads the known hashes and cuts a partial last line.
func (c *Case) loadManifest() (int64, error) {
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

// repairFindings drops findings of messages absent from the manifest (the
// scan died between writing them and vouching for them) and any partial
// last line, rewriting the file atomically when needed.
func (c *Case) repairFindings() ([]string, error) {
	var orphans []string
	var keep bytes.Buffer
	dirty := false
	good, err := scanLines(c.findings, func(line []byte) error {
		var f struct {
			ID           string `json:"id"`
			Msg          string `json:"message_sha256"`
			Location     string `json:"location"`
			PasswordFrom string `json:"password_from"`
		}
		if err := json.Unmarshal(line, &f); err != nil {
			return err
		}
		h, err := parseHash(f.Msg)
		if err != nil {
			return err
		}
		_, ok := c.known[h]
		if ok && f.PasswordFrom != "" {
			// Found in a container opened later: vouched for by its
			// "unlock" line, not by the message's.
			ok = c.isUnlocked(f.Msg, f.Location)
		}
		if !ok {
			orphans = append(orphans, f.ID)
			dirty = true
			return nil
		}
		c.nFind++
		keep.Write(line)
		keep.WriteByte('\n')
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	st, err := c.findings.Stat()
	if err != nil {
		return nil, err
	}
	if !dirty && st.Size() == good {
		_, err = c.findings.Seek(good, io.SeekStart)
		return nil, err
	}
	path := filepath.Join(c.Dir, FindingsFile)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, keep.Bytes(), 0o600); err != nil {
		return nil, fmt.Errorf("repair findings: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("repair findings: %w", err)
	}
	c.findings.Close()
	if c.findings, err = os.OpenFile(path, os.O_RDWR, 0o600); err != nil {
		return nil, fmt.Errorf("repair findings: %w", err)
	}
	_, err = c.findings.Seek(0, io.SeekEnd)
	return orphans, err
}

// scanLines calls fn for each complete line and returns the byte length
// of the good prefix: it stops at a partial or unparsable line, which only
// an interrupted write leaves behind at the end.
func scanLines(f *os.File, fn func([]byte) error) (int64, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	r := bufio.NewReaderSize(f, 1<<20)
	var good int64
	for {
		line, err := r.ReadBytes('\n')
		if err == io.EOF {
			return good, nil // a partial last line is dropped
		}
		if err != nil {
			return good, err
		}
		if ferr := fn(bytes.TrimSuffix(line, []byte("\n"))); ferr != nil {
			// Only the last line can be damaged by a crash; more after it means
			// the file was edited or corrupted: refuse rather than guess.
			if _, perr := r.Peek(1); perr == nil {
				return good, fmt.Errorf("line at byte %d: %w", good, ferr)
			}
			return good, nil
		}
		good += int64(len(line))
	}
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
	if c.findings != nil {
		errs = append(errs, c.findings.Close())
	}
	if c.manifest != nil {
		errs = append(errs, c.manifest.Close())
	}
	return errors.Join(errs...)
}

// EachFinding streams the findings file.
func EachFinding(dir string, fn func(*Finding) error) error {
	return EachFindingRange(dir, 0, -1, func(f *Finding, _ int64) error { return fn(f) })
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
		if err := json.Unmarshal(line, &fd); err != nil {
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

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
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
