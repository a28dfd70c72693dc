package source

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// dirSource is a directory: a Maildir, or a tree holding Maildirs, mbox
// files and message files in any mix.
type dirSource struct {
	root string
	opts Options

	sizeOnce sync.Once
	size     int64
}

func (s *dirSource) Name() string { return s.root }

// Size walks the tree (stat only) and sums the files a read would open.
func (s *dirSource) Size() int64 {
	s.sizeOnce.Do(func() {
		w := &walker{ctx: context.Background(), root: s.root, sizeOnly: true}
		w.dir(s.root, "")
		s.size = w.total
	})
	return s.size
}

func (s *dirSource) Messages(ctx context.Context, yield func(*Message, error) error) error {
	w := &walker{ctx: ctx, root: s.root, opts: s.opts, yield: yield, fr: newFileReader(s.opts)}
	return w.dir(s.root, "")
}

// walker visits a directory tree in a fixed order: entries sorted by name,
// depth first. Symbolic links are never followed, so a link loop or a link
// out of the evidence cannot be read.
type walker struct {
	ctx   context.Context
	root  string
	opts  Options
	yield func(*Message, error) error
	fr    *fileReader

	// sizeOnly walks without reading, adding up file sizes in total.
	sizeOnly bool
	total    int64
}

// dir visits the directory at p, rel being its path below the root ("" for
// the root), with "/" separators.
func (w *walker) dir(p, rel string) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return w.fail(fmt.Errorf("source: read directory: %w", err))
	}
	if isMaildir(entries) {
		folder, base := "INBOX", ""
		if rel != "" {
			folder = folderName(rel)
			base = folder
		}
		return w.maildir(p, rel, entries, folder, base)
	}
	for _, e := range entries {
		if err := w.entry(p, rel, e); err != nil {
			return err
		}
	}
	return nil
}

// entry visits one entry of a directory that is not a Maildir.
func (w *walker) entry(dir, rel string, e fs.DirEntry) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	p := filepath.Join(dir, e.Name())
	switch {
	case e.Type()&fs.ModeSymlink != 0:
		return w.skip(p, "symbolic link, not followed")
	case strings.HasPrefix(e.Name(), "."):
		return w.skip(p, "hidden")
	case e.IsDir():
		return w.dir(p, path.Join(rel, e.Name()))
	case e.Type().IsRegular():
		return w.file(p, rel, e)
	}
	return w.skip(p, "not a regular file")
}

// file reads a file found in a tree: an mbox, a message, or something to
// skip.
func (w *walker) file(p, rel string, e fs.DirEntry) error {
	if w.sizeOnly {
		w.addSize(e)
		return nil
	}
	f, err := os.Open(p)
	if err != nil {
		return w.fail(fmt.Errorf("source: %w", err))
	}
	defer f.Close()
	k, reason, err := sniffFile(f)
	if err != nil {
		return w.fail(fmt.Errorf("source: read %s: %w", p, err))
	}
	switch k {
	case kindMbox:
		return readMbox(w.ctx, f, p, mboxFolder(p, emlFolder(w.root, rel)), w.opts, w.yield)
	case kindEML:
		m, err := w.fr.read(f, p, "eml", emlFolder(w.root, rel))
		if err != nil {
			return w.fail(fmt.Errorf("eml: read %s: %w", p, err))
		}
		return w.yield(m, nil)
	case kindPST:
		fi, err := f.Stat()
		if err != nil {
			return w.fail(fmt.Errorf("source: %w", err))
		}
		return readPST(w.ctx, f, p, fi.Size(), w.opts, w.yield)
	case kindMSG:
		return readMSG(f, p, emlFolder(w.root, rel), w.opts, w.yield)
	}
	return w.skip(p, reason)
}

func (w *walker) addSize(e fs.DirEntry) {
	if fi, err := e.Info(); err == nil {
		w.total += fi.Size()
	}
}

// skip reports a file not read; the walk goes on unless yield says stop.
func (w *walker) skip(p, reason string) error {
	if w.sizeOnly {
		return nil
	}
	return w.yield(nil, &Skipped{Path: p, Reason: reason})
}

// fail reports an error of one item; the walk goes on unless yield says stop.
func (w *walker) fail(err error) error {
	if w.sizeOnly {
		return nil
	}
	return w.yield(nil, err)
}
