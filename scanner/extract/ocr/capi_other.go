//go:build !(linux || darwin || freebsd)

package ocr

import "errors"

// Elsewhere the worker has no library to load: OCR runs the tesseract
// program per image.
type libtess struct{}

type engine struct{}

func loadLibtess() (*libtess, error) {
	return nil, errors.New("the tesseract library is loaded on Linux, macOS and FreeBSD only")
}

func (*libtess) version() string { return "" }

func (*libtess) newEngine(string, [][2]string) (*engine, error) {
	return nil, errors.New("no tesseract library")
}

func (*engine) read([]byte, int) (string, error) { return "", errors.New("no tesseract library") }

func (*engine) close() {}
