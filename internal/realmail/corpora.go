package realmail

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mailsift/mailsift/scanner/source"
)

// Excluded are the corpus folders left out of the sample: letters-tests is
// a generated matrix (synthetic text, not real mail).
var Excluded = map[string]bool{"letters-tests": true}

// saArchive is the one corpus kept packed; its messages are named by the
// archive's path followed by the member's path inside it.
const saArchive = "spamassassin-publiccorpus/spamassassin-6046.tar.xz"

// Ref names one message of the corpora: the file (relative to the corpora
// folder; inside the SpamAssassin archive, the archive's path then the
// member's), its 1-based ordinal in that file (mbox; 1 otherwise), and its
// message_sha256.
type Ref struct {
	Path   string `json:"path"`
	Index  int    `json:"index"`
	SHA256 string `json:"message_sha256"`
}

// RepoRoot is the folder holding go.mod, found upwards from dir.
func RepoRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("realmail: %w", err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("realmail: no go.mod above %s", dir)
		}
	}
}

// CorporaDir is where the corpora are for the repository at root
// (../shared/corpora beside it), or an error saying they are absent.
func CorporaDir(root string) (string, error) {
	dir := filepath.Join(root, "..", "shared", "corpora")
	fi, err := os.Stat(dir)
	if err != nil {
		return "", fmt.Errorf("realmail: no corpora at %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("realmail: %s is not a folder", dir)
	}
	return dir, nil
}

// LabelsDir is the folder of the real-mail labels in the repository.
func LabelsDir(root string) string {
	return filepath.Join(root, "testdata", "accuracy", "real")
}

// unpackSA unpacks members of the SpamAssassin archive (all when members
// is empty) into dir, with tar and xz: the module has no xz reader.
func unpackSA(ctx context.Context, corpora, dir string, members []string) error {
	if _, err := exec.LookPath("tar"); err != nil {
		return fmt.Errorf("realmail: unpack %s: %w", saArchive, ErrNoTools)
	}
	if _, err := exec.LookPath("xz"); err != nil {
		return fmt.Errorf("realmail: unpack %s: %w", saArchive, ErrNoTools)
	}
	args := append([]string{"-xJf", filepath.Join(corpora, filepath.FromSlash(saArchive)), "-C", dir}, members...)
	if out, err := exec.CommandContext(ctx, "tar", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("realmail: unpack %s: %v: %s", saArchive, err, strings.TrimSpace(string(out)))
	}
	return nil
}

// ErrNoTools says tar or xz is missing, so the packed corpus cannot be read.
var ErrNoTools = errors.New("tar and xz are needed to read the packed SpamAssassin corpus")

// place maps the paths the sources report back to corpus-relative paths.
type place struct {
	corpora, unpacked string
}

func (p place) rel(path string) string {
	if p.unpacked != "" {
		if r, err := filepath.Rel(p.unpacked, path); err == nil && !strings.HasPrefix(r, "..") {
			return saArchive + "/" + filepath.ToSlash(r)
		}
	}
	if r, err := filepath.Rel(p.corpora, path); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(path)
}

// allSources opens every corpus folder but the excluded ones, with the
// SpamAssassin archive unpacked into tmp.
func allSources(ctx context.Context, corpora, tmp string) ([]source.Source, place, error) {
	pl := place{corpora: corpora}
	entries, err := os.ReadDir(corpora)
	if err != nil {
		return nil, pl, fmt.Errorf("realmail: %w", err)
	}
	var srcs []source.Source
	for _, e := range entries {
		if !e.IsDir() || Excluded[e.Name()] {
			continue
		}
		dir := filepath.Join(corpora, e.Name())
		if e.Name() == filepath.Dir(saArchive) {
			pl.unpacked = filepath.Join(tmp, "sa")
			if err := os.MkdirAll(pl.unpacked, 0o700); err != nil {
				return nil, pl, fmt.Errorf("realmail: %w", err)
			}
			if err := unpackSA(ctx, corpora, pl.unpacked, nil); err != nil {
				return nil, pl, err
			}
			dir = pl.unpacked
		}
		s, err := source.Open(dir, source.Options{})
		if err != nil {
			return nil, pl, fmt.Errorf("realmail: %w", err)
		}
		srcs = append(srcs, s)
	}
	return srcs, pl, nil
}

// refSources opens the files of refs, each reading only the messages refs
// name (an mbox holds others), with the SpamAssassin members unpacked into
// tmp.
func refSources(ctx context.Context, corpora, tmp string, refs []Ref) ([]source.Source, place, error) {
	pl := place{corpora: corpora}
	keep := map[string]map[string]bool{} // file -> message hashes
	var members []string
	for _, r := range refs {
		if r.Path == "" || strings.Contains(r.Path, "..") {
			return nil, pl, fmt.Errorf("realmail: bad message path %q", r.Path)
		}
		var file string
		if m, ok := strings.CutPrefix(r.Path, saArchive+"/"); ok {
			pl.unpacked = filepath.Join(tmp, "sa")
			file = filepath.Join(pl.unpacked, filepath.FromSlash(m))
			if keep[file] == nil {
				members = append(members, m)
			}
		} else {
			file = filepath.Join(corpora, filepath.FromSlash(r.Path))
		}
		if keep[file] == nil {
			keep[file] = map[string]bool{}
		}
		keep[file][r.SHA256] = true
	}
	if len(members) > 0 {
		if err := os.MkdirAll(pl.unpacked, 0o700); err != nil {
			return nil, pl, fmt.Errorf("realmail: %w", err)
		}
		sort.Strings(members)
		if err := unpackSA(ctx, corpora, pl.unpacked, members); err != nil {
			return nil, pl, err
		}
	}
	files := make([]string, 0, len(keep))
	for f := range keep {
		files = append(files, f)
	}
	sort.Strings(files)
	srcs := make([]source.Source, 0, len(files))
	for _, f := range files {
		s, err := source.Open(f, source.Options{})
		if err != nil {
			return nil, pl, fmt.Errorf("realmail: %w", err)
		}
		srcs = append(srcs, only{Source: s, keep: keep[f]})
	}
	return srcs, pl, nil
}

// only is a source reduced to the messages of some hashes.
type only struct {
	source.Source
	keep map[string]bool
}

func (o only) Messages(ctx context.Context, yield func(*source.Message, error) error) error {
	return o.Source.Messages(ctx, func(m *source.Message, err error) error {
		if err != nil {
			return yield(m, err)
		}
		if !o.keep[fmt.Sprintf("%x", m.CanonicalSHA256)] {
			return nil
		}
		return yield(m, nil)
	})
}
