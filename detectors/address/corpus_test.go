package address

import (
	"maps"
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
	d := New()
	got := map[string]int{}
	detectortest.EachCorpusFile(t, detectortest.EnglishCorpora, func(rel string, tx *detectors.Text) {
		for _, m := range d.Detect(tx) {
			got[rel]++
			if realWesternAddresses[rel] == 0 {
				lo, hi := max(0, m.Start-40), min(len(tx.Norm), m.End+20)
				t.Errorf("%s: false positive %q in %q", rel, tx.Norm[m.Start:m.End], tx.Norm[lo:hi])
			}
		}
	})
	for _, f := range slices.Sorted(maps.Keys(realWesternAddresses)) {
		if got[f] != realWesternAddresses[f] {
			t.Errorf("%s: %d addresses found, want %d", f, got[f], realWesternAddresses[f])
		}
	}
}
