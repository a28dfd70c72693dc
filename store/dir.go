package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// MarkerFile marks a directory as a case mailsift created. A directory
// without it is never written to unless it is empty (or a case from before
// the marker existed, holding only case files).
const MarkerFile = "mailsift-case.json"

// LockFile is locked (flock) by the one process writing the case; it says
// which process that is.
const LockFile = "lock"

// caseNames are the entries mailsift writes at the top of a case.
var caseNames = map[string]bool{
	MarkerFile: true, LockFile: true, ManifestFile: true, FindingsFile: true, LogFile: true,
	IndexDir: true, ConfigDir: true, EvidenceDir: true, "ocr-cache": true,
	FindingsFile + ".tmp": true, ManifestFile + ".tmp": true, IndexDir + ".rebuild": true,
	AccessedFile: true, AccessedFile + ".tmp": true,
}

// ErrForeignDir is returned for a directory that holds files mailsift did
// not write: it is left untouched.
var ErrForeignDir = errors.New("directory is not empty and is not a mailsift case")

// ErrSymlink is returned for a case holding a symbolic link: following it
// could send case data (raw personal data) outside the case.
var ErrSymlink = errors.New("case holds a symbolic link")

// ErrBusy is returned when another process is writing the case.
var ErrBusy = errors.New("case is being written by another process")

// marker is the content of MarkerFile.
type marker struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	Created string `json:"created"`
}

const markerFormat = "mailsift-case"

// prepareDir makes dir a case directory: created (0700) when missing,
// adopted when empty, accepted when it carries the marker (or is a case of
// an older mailsift); anything else is refused untouched.
func prepareDir(dir string) error {
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("create case %s: %w", dir, err)
		}
	case err != nil:
		return fmt.Errorf("case %s: %w", dir, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("case %s: %w: use the directory it points to", dir, ErrSymlink)
	case !fi.IsDir():
		return fmt.Errorf("case %s: %w: it is a file; name a new or empty directory", dir, ErrForeignDir)
	}
	names, err := dirNames(dir)
	if err != nil {
		return fmt.Errorf("case %s: %w", dir, err)
	}
	hasMarker := false
	for _, n := range names {
		if n == MarkerFile {
			hasMarker = true
		}
	}
	if !hasMarker && len(names) > 0 {
		// A case of an older mailsift: its manifest and case files only.
		legacy := false
		for _, n := range names {
			if !caseNames[n] {
				return fmt.Errorf("case %s: %w (it holds %q): name a new or empty directory", dir, ErrForeignDir, n)
			}
			legacy = legacy || n == ManifestFile
		}
		if !legacy {
			return fmt.Errorf("case %s: %w: name a new or empty directory", dir, ErrForeignDir)
		}
	}
	if err := checkNoSymlinks(dir); err != nil {
		return err
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("case %s: %w", dir, err)
	}
	if !hasMarker {
		b, _ := json.Marshal(marker{Format: markerFormat, Version: 1, Created: time.Now().UTC().Format(time.RFC3339)})
		if err := writeNew(filepath.Join(dir, MarkerFile), append(b, '\n')); err != nil {
			return fmt.Errorf("case %s: write marker: %w", dir, err)
		}
	}
	return nil
}

func dirNames(dir string) ([]string, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Readdirnames(-1)
}

// checkNoSymlinks refuses a case holding a symbolic link anywhere.
func checkNoSymlinks(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("case %s: %w", dir, err)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			rel, _ := filepath.Rel(dir, p)
			return fmt.Errorf("case %s: %w (%s): remove it and run again", dir, ErrSymlink, rel)
		}
		return nil
	})
}

// openFile opens a case file without following a symbolic link in its
// last element (the directory itself was checked).
func openFile(path string, flag int) (*os.File, error) {
	return os.OpenFile(path, flag|syscall.O_NOFOLLOW, 0o600)
}

// writeNew writes a file that must not exist yet.
func writeNew(path string, b []byte) error {
	f, err := openFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// lock is the writer's lock of a case.
type lock struct{ f *os.File }

// Holder describes the process holding a case's lock.
type Holder struct {
	PID     int    `json:"pid"`
	Command string `json:"command"`
	Since   string `json:"since"`
}

func (h Holder) String() string {
	if h.PID == 0 {
		return "another process"
	}
	s := "process " + strconv.Itoa(h.PID)
	if h.Command != "" {
		s += " (" + h.Command + ")"
	}
	if h.Since != "" {
		s += " since " + h.Since
	}
	return s
}

// BusyError says who holds the case.
type BusyError struct {
	Dir    string
	Holder Holder
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("case %s is being written by %s: wait for it to finish, or run with --wait", e.Dir, e.Holder)
}

func (e *BusyError) Unwrap() error { return ErrBusy }

// acquire takes the case's lock: at once, or, with wait, when the holder
// lets go (or stop is closed).
func acquire(dir, command string, wait bool, stop <-chan struct{}) (*lock, error) {
	path := filepath.Join(dir, LockFile)
	f, err := openFile(path, os.O_RDWR|os.O_CREATE)
	if err != nil {
		return nil, fmt.Errorf("case %s: lock: %w", dir, err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("case %s: lock: %w", dir, err)
		}
		if !wait {
			h := readHolder(f)
			f.Close()
			return nil, &BusyError{Dir: dir, Holder: h}
		}
		select {
		case <-stop:
			f.Close()
			return nil, fmt.Errorf("case %s: waiting for the lock: %w", dir, ErrBusy)
		case <-time.After(200 * time.Millisecond):
		}
	}
	h := Holder{PID: os.Getpid(), Command: command, Since: time.Now().UTC().Format(time.RFC3339)}
	b, _ := json.Marshal(h)
	if err := f.Truncate(0); err == nil {
		f.WriteAt(append(b, '\n'), 0)
	}
	return &lock{f: f}, nil
}

func readHolder(f *os.File) Holder {
	var h Holder
	b, _ := io.ReadAll(io.LimitReader(f, 4096))
	json.Unmarshal([]byte(strings.TrimSpace(string(b))), &h)
	return h
}

// release lets the lock go; the file stays (removing it would race with a
// process about to lock it).
func (l *lock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	err := l.f.Close() // closing the descriptor releases the flock
	l.f = nil
	return err
}
