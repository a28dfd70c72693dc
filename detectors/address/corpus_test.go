package address

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/detectortest"
)

// realWesternAddresses are the postal addresses the English real-mail
// corpora state, by file (reviewed by hand): the Free Software
// Foundation's in GPL headers of LKML patches, two offices in Python's
// licence, a company's footer. The corpora state no Japanese or
// labelled address, so any other finding is a false positive, and a
// missing one a lost Western address.
var realWesternAddresses = map[string]int{
	"notmuch-corpora/lkml/cur/1382298587.001733:2,":                             2,
	"notmuch-corpora/lkml/cur/1382298587.001734:2,":                             1,
	"notmuch-corpora/lkml/cur/1382298587.001892:2,":                             1,
	"notmuch-corpora/lkml/cur/1382298770.001733:2,":                             2,
	"notmuch-corpora/lkml/cur/1382298770.001734:2,":                             1,
	"notmuch-corpora/lkml/cur/1382298770.001892:2,":                             1,
	"python-test-email/copyright":                                               2,
	"mikel-mail-fixtures/error_emails/content_transfer_encoding_with_8bits.eml": 1,
}

// TestRealMail runs the detector over the English real-mail corpora
// (detectortest.EnglishCorpora), read raw, and compares the addresses
// found per file with realWesternAddresses.
func TestRealMail(t *testing.T) {
	if testing.Short() {
		t.Skip("reads ~9 MB of real mail")
	}
	root := detectortest.CorporaDir()
	if root == "" {
		t.Skip("real mail corpora (../shared/corpora) not available")
	}
	d := New()
	got := map[string]int{}
	files := 0
	for _, c := range detectortest.EnglishCorpora {
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
			tx := detectors.Normalize(string(b))
			for _, m := range d.Detect(tx) {
				got[filepath.ToSlash(rel)]++
				if realWesternAddresses[filepath.ToSlash(rel)] == 0 {
					lo, hi := max(0, m.Start-40), min(len(tx.Norm), m.End+20)
					t.Errorf("%s: false positive %q in %q", rel, tx.Norm[m.Start:m.End], tx.Norm[lo:hi])
				}
			}
			return nil
		})
	}
	if files < 500 {
		t.Errorf("read only %d files: corpora incomplete?", files)
	}
	for _, f := range slices.Sorted(maps.Keys(realWesternAddresses)) {
		if got[f] != realWesternAddresses[f] {
			t.Errorf("%s: %d addresses found, want %d", f, got[f], realWesternAddresses[f])
		}
	}
}
