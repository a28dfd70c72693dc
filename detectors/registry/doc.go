// Package registry lists the detectors mailsift runs.
//
// It is a package of its own, like trufflehog's engine/defaults, because
// the detector packages import package detectors for its types, so
// package detectors cannot import them.
package registry
