package birthdate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mailsift/mailsift/detectors"
)

// corpora are real public mail folders (shared/corpora/SOURCES.md),
// mostly English mailing-list mail, bounces and parser fixtures, read
// raw: none of them states a date of birth, so any finding is a false positive.
var corpora = []string{
	"notmuch-corpora", "python-test-email", "php-mime-mail-parser", "mikel-mail-fixtures",
	"letters-tests", "sisimai-set-of-emails",
}

const corporaRoot = "/work/shared/corpora"

func TestRealMailHasNoFindings(t *testing.T) {
	if testing.Short() {
		t.Skip("reads ~9 MB of real mail")
	}
	if _, err := os.Stat(corporaRoot); err != nil {
		t.Skipf("real mail corpora not available: %v", err)
	}
	d := New()
	files := 0
	for _, c := range corpora {
		_ = filepath.WalkDir(filepath.Join(corporaRoot, c), func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil || len(b) > 2<<20 {
				return nil
			}
			files++
			tx := detectors.Normalize(string(b))
			for _, m := range d.Detect(tx) {
				lo, hi := max(0, m.Start-40), min(len(tx.Norm), m.End+20)
				t.Errorf("%s: false positive %q in %q", p, tx.Norm[m.Start:m.End], tx.Norm[lo:hi])
			}
			return nil
		})
	}
	if files < 500 {
		t.Errorf("read only %d files: corpora incomplete?", files)
	}
}
