package mrz

import (
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
)

func TestAccept(t *testing.T) {
	d := New()
	ex := d.Examples()
	detectortest.Accept(t, d, ex.Positives, ex.Negatives)
}
