package family

import (
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
)

// TestRealMailHasNoFindings: in the English real-mail corpora, none of the
// files names a person's family members, so any finding is a false
// positive.
func TestRealMailHasNoFindings(t *testing.T) {
	detectortest.NoFindingsInRealMail(t, det, detectortest.EnglishCorpora)
}
