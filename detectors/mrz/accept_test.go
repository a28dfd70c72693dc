package mrz

import (
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
)

func TestAccept(t *testing.T) { detectortest.AcceptExamples(t, New()) }
