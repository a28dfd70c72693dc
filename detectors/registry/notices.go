package registry

import "github.com/mailsift/mailsift/detectors/face"

// Notices are the licence notices of the models the detectors bundle,
// which binary distributions must reproduce (mailsift licences).
func Notices() string {
	return "Face detection models (detectors/face/model):\n\n" + face.Notice
}
