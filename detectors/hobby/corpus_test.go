package hobby

import (
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
)

// TestRealMailHasNoFindings: in the English real-mail corpora, none of the
// files states a person's hobbies, so any finding is a false positive.
func TestRealMailHasNoFindings(t *testing.T) {
	detectortest.NoFindingsInRealMail(t, New(), detectortest.EnglishCorpora)
}
