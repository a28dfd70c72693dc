package imapsrc

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Errors of the evidence directory.
var (
	// ErrLogCorrupt is returned when the acquisition log has a damaged line
	// that is not the last one (a crash only ever tears the last).
	ErrLogCorrupt = errors.New("acquisition log is damaged")
	// ErrOtherAccount is returned when the evidence directory already
	// holds another account's mailbox.
	ErrOtherAccount = errors.New("evidence directory holds another account")
)

// Record is one line of the acquisition log, LogFile in the evidence
// directory. Type says which fields are set:
//
//   - "session": one pull began: Server, Transport, TLSVersion,
//     CertSHA256, Auth, Capabilities, Tool.
//   - "folder": a folder was opened (EXAMINE): Folder, Dir, Delimiter,
//     Attributes, UIDValidity, UIDNext, Exists, and RestartedFrom when its
//     UIDVALIDITY changed since an earlier pull (its messages are then
//     fetched again).
//   - "message": one message of a folder was acquired: Folder,
//     UIDValidity, UID, InternalDate, Flags (as seen before fetching;
//     BODY.PEEK leaves them unchanged), RFC822Size (the server's claim),
//     Size and SHA256 of the bytes as received, MessageSHA256 (canonical,
//     as in findings), File. Duplicate means the same bytes were already
//     stored (e.g. Gmail's All Mail and a label) and File is that copy.
//   - "checkpoint": a folder's pass ended: Folder, UIDValidity, UIDDone
//     (every message up to this UID is in the log), Messages (how many of
//     the folder's messages are), Missing (listed but not returned).
//   - "end": the pull ended: Messages, Bytes, Error.
//
// Every record has Type, Session and Time (RFC 3339, UTC). For one
// (Folder, UIDValidity, UID) the last message record is the one that
// counts.
type Record struct {
	Type    string `json:"type"`
	Session string `json:"session"`
	Time    string `json:"time"`

	Server       string   `json:"server,omitempty"`
	Transport    string   `json:"transport,omitempty"`
	TLSVersion   string   `json:"tls_version,omitempty"`
	CertSHA256   string   `json:"cert_sha256,omitempty"`
	Auth         string   `json:"auth,omitempty"`
	Capabilities []string `json:"capabilities,omitempty"`
	Tool         string   `json:"tool,omitempty"`

	Folder        string   `json:"folder,omitempty"`
	Dir           string   `json:"dir,omitempty"`
	Delimiter     string   `json:"delimiter,omitempty"`
	Attributes    []string `json:"attributes,omitempty"`
	UIDValidity   uint32   `json:"uidvalidity,omitempty"`
	UIDNext       uint32   `json:"uidnext,omitempty"`
	Exists        *uint32  `json:"exists,omitempty"`
	RestartedFrom uint32   `json:"restarted_from,omitempty"`

	UID           uint32   `json:"uid,omitempty"`
	InternalDate  string   `json:"internaldate,omitempty"`
	Flags         []string `json:"flags,omitempty"`
	RFC822Size    int64    `json:"rfc822_size,omitempty"`
	Size          int64    `json:"size,omitempty"`
	SHA256        string   `json:"sha256,omitempty"`
	MessageSHA256 string   `json:"message_sha256,omitempty"`
	File          string   `json:"file,omitempty"`
	Duplicate     bool     `json:"duplicate,omitempty"`

	UIDDone  uint32   `json:"uid_done,omitempty"`
	Messages *int     `json:"messages,omitempty"`
	Missing  []uint32 `json:"missing,omitempty"`

	Bytes *int64 `json:"bytes,omitempty"`
	Error string `json:"error,omitempty"`
}

// ReadLog reads the acquisition log of an evidence directory. A torn last
// line (a pull killed while writing it) is left out.
func ReadLog(dir string) ([]Record, error) {
	f, err := os.Open(filepath.Join(dir, LogFile))
	if err != nil {
		return nil, fmt.Errorf("imapsrc: %w", err)
	}
	defer f.Close()
	recs, _, err := readLog(f)
	return recs, err
}

// readLog decodes the log and returns the offset after the last good line.
func readLog(r io.Reader) ([]Record, int64, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		recs []Record
		good int64
		bad  int // line number of an undecodable line, if any
		n    int
	)
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 && err == nil {
			n++
			if bad != 0 {
				return nil, 0, fmt.Errorf("imapsrc: %s line %d: %w", LogFile, bad, ErrLogCorrupt)
			}
			var rec Record
			if json.Unmarshal(line, &rec) != nil || rec.Type == "" {
				bad = n
				continue
			}
			recs = append(recs, rec)
			good += int64(len(line))
		}
		if err == io.EOF {
			return recs, good, nil
		}
		if err != nil {
			return nil, 0, fmt.Errorf("imapsrc: read %s: %w", LogFile, err)
		}
	}
}

// evidence is the evidence directory of one pull. Messages are received
// into tmp/, fsynced, renamed into their folder's cur/; a commit then
// fsyncs the directories and appends their log lines. A message is done
// only when its line is in the log, so after a crash the pull re-fetches
// what was not committed, and reconcile removes its leftover files.
type evidence struct {
	dir     string
	session string
	log     *os.File
	logger  *slog.Logger

	mu         sync.Mutex
	pending    []byte
	nPending   int
	lastCommit time.Time
	dirty      map[string]struct{}     // directories with entries not yet fsynced
	files      map[[32]byte]string     // SHA-256 of stored bytes → file
	folders    map[string]*folderState // by folder name
	dirs       map[string]string       // directory → folder that owns it
	account    string                  // Server of the first session
}

type folderState struct {
	dir         string
	uidValidity uint32
	done        map[uint32]struct{} // UIDs under uidValidity in the log
	made        bool                // cur/ exists
}

// repairNote says what opening the evidence directory cleaned up.
type repairNote struct {
	LogBytesCut  int64 // torn last log line removed
	Staged       int   // unfinished downloads removed from tmp/
	Uncommitted  int   // stored messages whose log line never got written
	MissingFiles int   // logged messages whose file is gone: fetched again
	Foreign      int   // files Pull did not write, left alone
}

func openEvidence(dir string, logger *slog.Logger) (*evidence, repairNote, error) {
	var note repairNote
	for _, d := range []string{dir, filepath.Join(dir, stagingDir)} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, note, fmt.Errorf("imapsrc: evidence: %w", err)
		}
		if err := os.Chmod(d, 0o700); err != nil {
			return nil, note, fmt.Errorf("imapsrc: evidence: %w", err)
		}
	}
	f, err := os.OpenFile(filepath.Join(dir, LogFile), os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, note, fmt.Errorf("imapsrc: evidence: %w", err)
	}
	e := &evidence{
		dir: dir, log: f, logger: logger, lastCommit: time.Now(),
		dirty: map[string]struct{}{}, files: map[[32]byte]string{},
		folders: map[string]*folderState{},
		dirs:    map[string]string{LogFile: "", stagingDir: ""}, // reserved
	}
	if err := e.load(&note); err != nil {
		f.Close()
		return nil, note, err
	}
	return e, note, nil
}

func (e *evidence) load(note *repairNote) error {
	recs, good, err := readLog(e.log)
	if err != nil {
		return err
	}
	if fi, err := e.log.Stat(); err == nil && fi.Size() > good {
		note.LogBytesCut = fi.Size() - good
		if err := e.log.Truncate(good); err != nil {
			return fmt.Errorf("imapsrc: repair %s: %w", LogFile, err)
		}
	}
	refs := map[string][]*Record{} // file → message records using it
	for i := range recs {
		r := &recs[i]
		switch r.Type {
		case "session":
			if e.account == "" {
				e.account = r.Server
			}
		case "folder":
			st := e.folders[r.Folder]
			if st == nil {
				st = &folderState{done: map[uint32]struct{}{}}
				e.folders[r.Folder] = st
			}
			if st.uidValidity != r.UIDValidity {
				st.uidValidity, st.done = r.UIDValidity, map[uint32]struct{}{}
			}
			st.dir = r.Dir
			e.dirs[r.Dir] = r.Folder
		case "message":
			st := e.folders[r.Folder]
			if st == nil || r.File == "" || !validRel(r.File) {
				continue
			}
			if r.UIDValidity == st.uidValidity {
				st.done[r.UID] = struct{}{}
			}
			refs[r.File] = append(refs[r.File], r)
			if sum, ok := parseSum(r.SHA256); ok {
				e.files[sum] = r.File
			}
		}
	}
	// What is on disk against what the log vouches for.
	exists := map[string]bool{}
	err = filepath.WalkDir(e.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(e.dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() || rel == LogFile {
			return nil
		}
		dirName := path.Base(path.Dir(rel))
		switch {
		case path.Dir(rel) == stagingDir:
			note.Staged++
			return os.Remove(p)
		case dirName == "cur" && refs[rel] != nil:
			exists[rel] = true
		case dirName == "cur" && isOurName(d.Name()) && d.Type().IsRegular():
			note.Uncommitted++
			e.dirty[filepath.Dir(p)] = struct{}{}
			return os.Remove(p)
		default:
			note.Foreign++
			e.logger.Warn("imap evidence directory holds a file Pull did not write; left alone", "path", rel)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("imapsrc: check evidence: %w", err)
	}
	for file, rs := range refs {
		if exists[file] {
			continue
		}
		note.MissingFiles++
		for _, r := range rs {
			if st := e.folders[r.Folder]; st != nil && r.UIDValidity == st.uidValidity {
				delete(st.done, r.UID)
			}
			if sum, ok := parseSum(r.SHA256); ok && e.files[sum] == file {
				delete(e.files, sum)
			}
		}
	}
	return e.syncDirs()
}

func parseSum(s string) ([32]byte, bool) {
	var sum [32]byte
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 32 {
		return sum, false
	}
	copy(sum[:], b)
	return sum, true
}

// validRel accepts only clean relative paths below the evidence root, so
// a tampered log cannot point outside it. A backslash is an ordinary
// character except where it separates paths.
func validRel(p string) bool {
	return p != "" && !path.IsAbs(p) && path.Clean(p) == p && p != ".." && !strings.HasPrefix(p, "../") &&
		(filepath.Separator == '/' || !strings.ContainsAny(p, "\\:"))
}

// checkAccount refuses an evidence directory of another account.
func (e *evidence) checkAccount(server string) error {
	if e.account != "" && e.account != server {
		return fmt.Errorf("imapsrc: %s: %w (%s); use another case directory for %s", e.dir, ErrOtherAccount, e.account, server)
	}
	e.account = server
	return nil
}

// append queues one log record; commit writes it.
func (e *evidence) appendLocked(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("imapsrc: encode log record: %w", err)
	}
	e.pending = append(append(e.pending, b...), '\n')
	e.nPending++
	return nil
}

func (e *evidence) record(v any) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.appendLocked(v)
}

// beginFolder registers a folder opened with EXAMINE and returns the
// UIDVALIDITY of an earlier pull when it changed (0 otherwise).
func (e *evidence) beginFolder(rec *Record) (restartedFrom uint32, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := e.folders[rec.Folder]
	if st == nil {
		st = &folderState{dir: e.assignDirLocked(rec.Folder), done: map[uint32]struct{}{}}
		e.folders[rec.Folder] = st
	}
	if st.uidValidity != 0 && st.uidValidity != rec.UIDValidity {
		restartedFrom = st.uidValidity
		st.done = map[uint32]struct{}{}
	}
	st.uidValidity = rec.UIDValidity
	rec.Dir, rec.RestartedFrom = st.dir, restartedFrom
	return restartedFrom, e.appendLocked(rec)
}

func (e *evidence) assignDirLocked(folder string) string {
	base := folderDir(folder)
	d := base
	for i := 2; ; i++ {
		owner, taken := e.dirs[d]
		if !taken || (owner == folder && d != LogFile && d != stagingDir) {
			break
		}
		d = base + "~" + strconv.Itoa(i)
	}
	e.dirs[d] = folder
	return d
}

// todo returns the UIDs of uids not yet in the log for folder.
func (e *evidence) todo(folder string, uids []uint32) []uint32 {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := e.folders[folder]
	var out []uint32
	for _, u := range uids {
		if _, ok := st.done[u]; !ok {
			out = append(out, u)
		}
	}
	return out
}

// doneCount returns how many of uids are in the log, and the highest UID
// up to which all of them are.
func (e *evidence) doneCount(folder string, uids []uint32) (n int, upTo uint32, missing []uint32) {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := e.folders[folder]
	gap := false
	for _, u := range uids {
		if _, ok := st.done[u]; ok {
			n++
			if !gap {
				upTo = u
			}
		} else {
			gap = true
			missing = append(missing, u)
		}
	}
	return n, upTo, missing
}

// store files one received message: staged is its fsynced file in tmp/.
// Bytes already stored are not stored again; the record then points at the
// stored copy. It reports whether the message was a duplicate.
func (e *evidence) store(rec *Record, sum [32]byte, staged string, flagsFile string) (bool, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := e.folders[rec.Folder]
	dup := false
	if f, ok := e.files[sum]; ok {
		dup = true
		rec.File, rec.Duplicate = f, true
		if err := os.Remove(staged); err != nil {
			return false, fmt.Errorf("imapsrc: evidence: %w", err)
		}
	} else {
		if !st.made {
			if err := e.makeDirLocked(st.dir); err != nil {
				return false, err
			}
			st.made = true
		}
		rec.File = flagsFile
		target := filepath.Join(e.dir, filepath.FromSlash(flagsFile))
		if err := os.Rename(staged, target); err != nil {
			return false, fmt.Errorf("imapsrc: evidence: %w", err)
		}
		e.dirty[filepath.Dir(target)] = struct{}{}
		e.files[sum] = flagsFile
	}
	st.done[rec.UID] = struct{}{}
	return dup, e.appendLocked(rec)
}

// makeDirLocked creates dir/cur (0700), marking every directory it added
// an entry to for the next fsync.
func (e *evidence) makeDirLocked(dir string) error {
	cur := filepath.Join(e.dir, filepath.FromSlash(dir), "cur")
	var created []string
	for p := cur; p != e.dir && len(p) > len(e.dir); p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil {
			break
		}
		created = append(created, p)
	}
	if err := os.MkdirAll(cur, 0o700); err != nil {
		return fmt.Errorf("imapsrc: evidence: %w", err)
	}
	for _, p := range created {
		e.dirty[filepath.Dir(p)] = struct{}{}
	}
	return nil
}

// maybeCommit commits when enough is pending: fsync costs too much per
// message, and a crash only re-fetches what was not committed.
func (e *evidence) maybeCommit() error {
	e.mu.Lock()
	due := e.nPending >= 256 || (e.nPending > 0 && time.Since(e.lastCommit) > 2*time.Second)
	e.mu.Unlock()
	if !due {
		return nil
	}
	return e.commit()
}

// commit makes every renamed file's directory entry durable, then appends
// the pending log lines and fsyncs the log.
func (e *evidence) commit() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.syncDirs(); err != nil {
		return err
	}
	if len(e.pending) > 0 {
		if _, err := e.log.Write(e.pending); err != nil {
			return fmt.Errorf("imapsrc: write %s: %w", LogFile, err)
		}
		if err := e.log.Sync(); err != nil {
			return fmt.Errorf("imapsrc: sync %s: %w", LogFile, err)
		}
	}
	e.pending, e.nPending, e.lastCommit = e.pending[:0], 0, time.Now()
	return nil
}

func (e *evidence) syncDirs() error {
	for d := range e.dirty {
		f, err := os.Open(d)
		if err == nil {
			err = f.Sync()
			f.Close()
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("imapsrc: sync %s: %w", d, err)
		}
		delete(e.dirty, d)
	}
	return nil
}

func (e *evidence) close() error {
	err := e.commit()
	if cerr := e.log.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("imapsrc: close %s: %w", LogFile, cerr)
	}
	return err
}

func nowUTC() string { return time.Now().UTC().Format(time.RFC3339Nano) }
