package source

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// isMaildir reports a Maildir: a directory with a cur/ or new/ directory.
func isMaildir(entries []fs.DirEntry) bool {
	for _, e := range entries {
		if (e.Name() == "cur" || e.Name() == "new") && e.IsDir() {
			return true
		}
	}
	return false
}

// maildir reads the Maildir at p (rel below the root) as folder: first its
// messages, cur/ then new/, then its other entries in name order. ".Name"
// directories are Maildir++ folders, named below base; other directories
// are walked, so Dovecot LAYOUT=fs folders (plain subdirectories that are
// Maildirs themselves) are found with their path as name. Other files are
// sniffed like files in any tree: Dovecot and Courier keep their indexes
// and lists here, and those are skipped.
func (w *walker) maildir(p, rel string, entries []fs.DirEntry, folder, base string) error {
	for _, e := range entries {
		if (e.Name() == "cur" || e.Name() == "new") && e.IsDir() {
			if err := w.messages(filepath.Join(p, e.Name()), folder); err != nil {
				return err
			}
		}
	}
	for _, e := range entries {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		name := e.Name()
		q := filepath.Join(p, name)
		var err error
		switch {
		case (name == "cur" || name == "new") && e.IsDir():
			// Read above.
		case e.Type()&fs.ModeSymlink != 0:
			err = w.skip(q, "symbolic link, not followed")
		case name == "tmp" && e.IsDir():
			err = w.skip(q, "maildir tmp/ holds deliveries in progress, not messages")
		case strings.HasPrefix(name, ".") && e.IsDir():
			err = w.plusFolder(q, path.Join(rel, name), name[1:], base)
		case strings.HasPrefix(name, "."):
			err = w.skip(q, "hidden")
		case e.IsDir():
			err = w.dir(q, path.Join(rel, name))
		case e.Type().IsRegular():
			err = w.file(q, rel, e)
		default:
			err = w.skip(q, "not a regular file")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// plusFolder reads the Maildir++ folder ".name" at p. Its name is modified
// UTF-7 on disk and keeps its dots, as Dovecot's IMAP LIST shows it:
// ".Archive.2023" is "Archive.2023", ".&ZeVnLIqe-" is "日本語".
func (w *walker) plusFolder(p, rel, name, base string) error {
	entries, err := os.ReadDir(p)
	if err != nil {
		return w.fail(fmt.Errorf("maildir: read directory: %w", err))
	}
	if !isMaildir(entries) {
		return w.skip(p, "hidden directory that is not a Maildir++ folder")
	}
	folder := folderName(name)
	if base != "" {
		folder = base + "/" + folder
	}
	return w.maildir(p, rel, entries, folder, folder)
}

// messages reads the message files in a cur/ or new/ directory.
func (w *walker) messages(dir, folder string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return w.fail(fmt.Errorf("maildir: read directory: %w", err))
	}
	for _, e := range entries {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		q := filepath.Join(dir, e.Name())
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			err = w.skip(q, "symbolic link, not followed")
		case strings.HasPrefix(e.Name(), "."):
			err = w.skip(q, "hidden")
		case e.IsDir():
			err = w.skip(q, "directory inside maildir "+filepath.Base(dir)+"/")
		case !e.Type().IsRegular():
			err = w.skip(q, "not a regular file")
		case w.sizeOnly:
			w.addSize(e)
		default:
			var m *Message
			if m, err = w.fr.readFile(q, "maildir", folder); err != nil {
				err = w.fail(err)
			} else {
				err = w.yield(m, nil)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}
