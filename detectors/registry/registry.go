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
