// Package registry lists the detectors mailsift runs. It is a package of
// its own, like trufflehog's engine/defaults, because the detector
// packages import package detectors for its types and so cannot be
// imported by it.
package registry

import (
	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/email"
	"github.com/mailsift/mailsift/detectors/phone"
)

// Default returns new instances of all detectors, in a fixed order. To add
// a detector, write its package and add one line here.
func Default() []detectors.Detector {
	return []detectors.Detector{
		email.New(),
		phone.MustNew(),
	}
}
