// Package face detects human faces in pictures (face_photo) with two of
// OpenCV's frontal-face Haar cascades, evaluated in pure Go (cascade.go
// reads OpenCV's XML, haar.go scans and groups as OpenCV's
// CascadeClassifier does).
//
// The cascades in model/ are unchanged copies from OpenCV's
// data/haarcascades (Debian opencv-data 4.6.0), under the Intel License
// Agreement, a BSD-3-Clause style licence: model/LICENSE. Its binary
// redistribution clause asks that the notice travel with the binary.
//
// Measured with TestEval, against the pigo/pico cascade used before: on
// testdata's 17 pictures (9 with a face) both find 9/9 with no false
// face; on 307 pictures not committed (107 with faces: 100 LFW crops
// from scikit-image, 7 photos; 200 without: scikit-image and OpenCV
// samples, mail corpus images) recall is 103/107 (pigo 101/107) and
// precision 103/104 (pigo 101/101; the one false face is a cartoon
// robot's). It costs about two to four times pigo's CPU a picture.
package face
