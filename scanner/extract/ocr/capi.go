//go:build linux || darwin || freebsd

package ocr

import (
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"github.com/ebitengine/purego"
)

// libtess is tesseract's C API (capi.h) and the two Leptonica calls that
// read an image, loaded at run time from the shared libraries the
// tesseract package installs. No cgo: the binary builds and runs without
// them, and the OCR worker (worker.go) falls back to the tesseract
// program when they are missing.
type libtess struct {
	create         func() uintptr
	init3          func(h uintptr, datapath *byte, lang string) int32
	setPageSegMode func(h uintptr, mode int32)
	setVariable    func(h uintptr, name, value string) int32
	setImage2      func(h uintptr, pix uintptr)
	recognize      func(h uintptr, monitor uintptr) int32
	getUTF8Text    func(h uintptr) *byte
	deleteText     func(text *byte)
	clear          func(h uintptr)
	clearAdaptive  func(h uintptr)
	end            func(h uintptr)
	del            func(h uintptr)
	version        func() string
	pixReadMem     func(data *byte, size uintptr) uintptr
	pixDestroy     func(ppix *uintptr)
}

// Library names: Debian bookworm ships liblept.so.5, trixie
// libleptonica.so.6; tesseract 5 is libtesseract.so.5 on both.
var (
	tessLibs = []string{"libtesseract.so.5", "libtesseract.so", "libtesseract.5.dylib", "libtesseract.dylib"}
	leptLibs = []string{"libleptonica.so.6", "liblept.so.5", "libleptonica.so", "liblept.so", "libleptonica.6.dylib", "libleptonica.dylib"}
)

// loadLibtess opens the libraries and resolves every function, or says
// what is missing.
func loadLibtess() (*libtess, error) {
	tess, err := dlopenFirst(tessLibs)
	if err != nil {
		return nil, err
	}
	lept, err := dlopenFirst(leptLibs)
	if err != nil {
		return nil, err
	}
	l := &libtess{}
	for _, f := range []struct {
		lib  uintptr
		name string
		fn   any
	}{
		{tess, "TessBaseAPICreate", &l.create},
		{tess, "TessBaseAPIInit3", &l.init3},
		{tess, "TessBaseAPISetPageSegMode", &l.setPageSegMode},
		{tess, "TessBaseAPISetVariable", &l.setVariable},
		{tess, "TessBaseAPISetImage2", &l.setImage2},
		{tess, "TessBaseAPIRecognize", &l.recognize},
		{tess, "TessBaseAPIGetUTF8Text", &l.getUTF8Text},
		{tess, "TessDeleteText", &l.deleteText},
		{tess, "TessBaseAPIClear", &l.clear},
		{tess, "TessBaseAPIClearAdaptiveClassifier", &l.clearAdaptive},
		{tess, "TessBaseAPIEnd", &l.end},
		{tess, "TessBaseAPIDelete", &l.del},
		{tess, "TessVersion", &l.version},
		{lept, "pixReadMem", &l.pixReadMem},
		{lept, "pixDestroy", &l.pixDestroy},
	} {
		sym, err := purego.Dlsym(f.lib, f.name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		purego.RegisterFunc(f.fn, sym)
	}
	return l, nil
}

func dlopenFirst(names []string) (uintptr, error) {
	var errs []error
	for _, n := range names {
		h, err := purego.Dlopen(n, purego.RTLD_NOW|purego.RTLD_GLOBAL)
		if err == nil {
			return h, nil
		}
		errs = append(errs, err)
	}
	return 0, fmt.Errorf("none of %s: %w", strings.Join(names, ", "), errors.Join(errs...))
}

// engine is one initialised TessBaseAPI: a language model loaded once and
// used for many images, which is what the worker saves over a tesseract
// process per image (the model load is ~40% of a licence scan's CPU).
type engine struct {
	l *libtess
	h uintptr
}

// newEngine loads langs ("jpn", "jpn+eng") and sets the variables, as
// `tesseract -l LANGS -c NAME=VALUE` would.
func (l *libtess) newEngine(langs string, vars [][2]string) (*engine, error) {
	h := l.create()
	if h == 0 {
		return nil, errors.New("TessBaseAPICreate failed")
	}
	// NULL datapath: TESSDATA_PREFIX or the library's default, as the
	// tesseract program does.
	if rc := l.init3(h, nil, langs); rc != 0 {
		l.del(h)
		return nil, fmt.Errorf("load language data %q failed (%d)", langs, rc)
	}
	e := &engine{l: l, h: h}
	for _, v := range vars {
		if l.setVariable(h, v[0], v[1]) == 0 {
			e.close()
			return nil, fmt.Errorf("unknown tesseract variable %q", v[0])
		}
	}
	return e, nil
}

// read recognises one encoded image (PNG, JPEG, TIFF ..., read by
// Leptonica as the tesseract program reads it, resolution included) and
// returns its text.
func (e *engine) read(img []byte, psm int) (string, error) {
	if len(img) == 0 {
		return "", errors.New("empty image")
	}
	pix := e.l.pixReadMem(&img[0], uintptr(len(img)))
	if pix == 0 {
		return "", errors.New("leptonica could not read the image")
	}
	defer e.l.pixDestroy(&pix)
	// Each image is its own document: nothing learnt on one may change
	// how the next is read.
	e.l.clearAdaptive(e.h)
	e.l.setPageSegMode(e.h, int32(psm))
	e.l.setImage2(e.h, pix)
	defer e.l.clear(e.h)
	if rc := e.l.recognize(e.h, 0); rc != 0 {
		return "", fmt.Errorf("recognition failed (%d)", rc)
	}
	p := e.l.getUTF8Text(e.h)
	if p == nil {
		return "", nil
	}
	defer e.l.deleteText(p)
	return goString(p), nil
}

func (e *engine) close() {
	e.l.end(e.h)
	e.l.del(e.h)
}

// goString copies the NUL-terminated C string at p.
func goString(p *byte) string {
	n := 0
	for *(*byte)(unsafe.Add(unsafe.Pointer(p), n)) != 0 {
		n++
	}
	return string(unsafe.Slice(p, n))
}
