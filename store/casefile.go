package store

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// AccessedFile records what the attacker accessed (scan --scope): see
// package scope.
const AccessedFile = "accessed.jsonl"

// WriteFile writes the case file name (one of the case's own names)
// atomically: a 0600 temporary file, synced and renamed over it, so a
// reader sees the old file or the new one and an interrupted write
// leaves the old one. It never follows a symbolic link.
func WriteFile(dir, name string, write func(w io.Writer) error) error {
	if !caseNames[name] {
		return fmt.Errorf("write %s: not a case file name", name)
	}
	path := filepath.Join(dir, name)
	tmp := path + ".tmp"
	out, err := openFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	w := bufio.NewWriterSize(out, 256<<10)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return syncDir(dir)
}

// OpenFile opens the case file name for reading without following a
// symbolic link.
func OpenFile(dir, name string) (*os.File, error) {
	return openFile(filepath.Join(dir, name), os.O_RDONLY)
}
