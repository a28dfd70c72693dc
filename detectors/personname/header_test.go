package personname

import (
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/names"
)

// TestHeaderWordsAreNoNames: a display name with one of these words is
// dropped, so none may be a name the lists confirm.
func TestHeaderWordsAreNoNames(t *testing.T) {
	for _, set := range []map[string]bool{headerOrgWords, headerPersonaWords, headerPlaces, headerCompass} {
		for w := range set {
			if names.IsLatinName(w) {
				t.Errorf("header word %q is in the name lists", w)
			}
		}
	}
}
