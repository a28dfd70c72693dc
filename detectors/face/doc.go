// Package face detects human faces in pictures (face_photo) with the
// pigo pixel-intensity-comparison cascade.
//
// The cascade file facefinder is a copy of cascade/facefinder from
// github.com/esimov/pigo v1.4.6 (MIT licence, © 2018 Endre Simo), embedded
// into the binary. pigo took it from Nenad Markuš's pico
// (github.com/nenadmarkus/pico), whose licence in the versions we read
// forbids commercial and military use without the author's permission:
// check that before shipping mailsift commercially.
package face
