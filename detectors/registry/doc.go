// Package registry is the explicit list of mailsift's detectors: the
// scanner runs the text detectors of Default and the image detectors of
// Images. To add a detector, write its package and add one line here.
//
// It is a package of its own, like trufflehog's engine/defaults, because
// the detector packages import package detectors for its types, so
// package detectors cannot import them.
package registry
