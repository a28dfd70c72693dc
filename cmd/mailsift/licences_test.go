package main

import (
	"strings"
	"testing"
)

// TestLicencesPrintsNotices: the OpenCV cascades' licence asks binaries
// to reproduce its notice; the binary must be able to.
func TestLicencesPrintsNotices(t *testing.T) {
	r := mailsift(t, "licences")
	if r.code != 0 || !strings.Contains(r.stdout, "Intel License Agreement") || !strings.Contains(r.stdout, "haarcascade_frontalface_alt2.xml") {
		t.Errorf("licences: exit %d, %d bytes without the OpenCV notice", r.code, len(r.stdout))
	}
}
