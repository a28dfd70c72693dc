package detectortest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors"
)

// EnglishCorpora are real public mail folders (shared/corpora/SOURCES.md):
// mostly English mailing-list mail, bounces and parser fixtures.
var EnglishCorpora = []string{
	"notmuch-corpora", "python-test-email", "php-mime-mail-parser", "mikel-mail-fixtures",
	"letters-tests", "sisimai-set-of-emails",
}

// CorporaDir is shared/corpora beside the repository (the module root's
// parent), or "" when it is absent.
func CorporaDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			c := filepath.Join(dir, "..", "shared", "corpora")
			if _, err := os.Stat(c); err == nil {
				return c
			}
			return ""
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// NoFindingsInRealMail runs d over every file of the given corpora, read
// raw, and fails on any match: for detectors of items those corpora never
// state (a labelled age, a Japanese address), every finding is a false
// positive. It skips when the corpora are absent or in -short mode.
func NoFindingsInRealMail(t *testing.T, d detectors.Detector, corpora []string) {
	t.Helper()
	EachCorpusFile(t, corpora, func(rel string, tx *detectors.Text) {
		for _, m := range d.Detect(tx) {
			lo, hi := max(0, m.Start-40), min(len(tx.Norm), m.End+20)
			t.Errorf("%s: %s false positive %q in %q", rel, d.Name(), tx.Norm[m.Start:m.End], tx.Norm[lo:hi])
		}
	})
}

// EachCorpusFile calls fn with every file (up to 2 MiB) of the corpora,
// read raw and normalized, named by its slash path below the corpora
// root. It skips when the corpora are absent or in -short mode, and
// fails when fewer than 500 files were read.
func EachCorpusFile(t *testing.T, corpora []string, fn func(rel string, tx *detectors.Text)) {
	t.Helper()
	if testing.Short() {
		t.Skip("reads ~9 MB of real mail")
	}
	root := CorporaDir()
	if root == "" {
		t.Skip("real mail corpora (../shared/corpora) not available")
	}
	files := 0
	for _, c := range corpora {
		_ = filepath.WalkDir(filepath.Join(root, c), func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil || len(b) > 2<<20 {
				return nil
			}
			files++
			rel, _ := filepath.Rel(root, p)
			fn(filepath.ToSlash(rel), detectors.Normalize(string(b)))
			return nil
		})
	}
	if files < 500 {
		t.Errorf("read only %d files: corpora incomplete?", files)
	}
}

// KeywordNear reports whether one of d's keywords occurs within MaxContext
// bytes of m in norm, as the Runner's prefilter requires of every match
// outside a table column.
func KeywordNear(d detectors.Detector, norm string, m detectors.Match) bool {
	lo, hi := max(0, m.Start-detectors.MaxContext), min(len(norm), m.End+detectors.MaxContext)
	w := strings.ToLower(norm[lo:hi])
	for _, k := range d.Keywords() {
		if strings.Contains(w, k) {
			return true
		}
	}
	return false
}
