package ocr

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/mailsift/mailsift/scanner/extract"
)

// probe finds the tesseract binary and the languages it can read.
func (x *Extractor) probe() {
	name := x.opts.Binary
	if name == "" {
		name = "tesseract"
	}
	bin, err := exec.LookPath(name)
	if err != nil {
		x.err = ErrUnavailable
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "--list-langs").Output()
	if err != nil {
		x.err = fmt.Errorf("%w (%s --list-langs: %v)", ErrUnavailable, bin, err)
		return
	}
	have := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.Contains(l, " ") {
			have[l] = true
		}
	}
	want := x.opts.Languages
	if want == "" {
		want = DefaultLanguages
	}
	var use []string
	for _, l := range strings.Split(want, "+") {
		if have[l] {
			use = append(use, l)
		}
	}
	if len(use) == 0 {
		x.err = fmt.Errorf("%w (no language data for %s)", ErrUnavailable, want)
		return
	}
	x.bin, x.langs, x.eng = bin, strings.Join(use, "+"), have["eng"]
	// With jpn+eng, tesseract loads both models and reads every
	// low-confidence word twice; the Japanese model alone reads the Latin
	// letters and digits of Japanese documents (passport pages, licences)
	// as well, at about 55% of the CPU. Documents with no Japanese are read
	// again with all the languages (see read).
	x.first = x.langs
	if x.langs == "jpn+eng" {
		x.first = "jpn"
	}
	x.engine = "tesseract program " + bin
	if len(x.opts.Worker) > 0 {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		w, err := startWorker(ctx, x.opts.Worker)
		if err != nil {
			x.engine += " (library: " + err.Error() + ")"
			return
		}
		x.workers = &workers{argv: x.opts.Worker, idle: []*worker{w}}
		x.exec = func(ctx context.Context, img []byte, langs string, extra ...string) (string, error) {
			return x.workers.run(ctx, x.opts.Timeout, x.opts.PSM, img, langs, extra...)
		}
		x.engine = "tesseract library in workers"
	}
}

// Engine says how images are read: by the tesseract program per image,
// or by workers holding the library (and why not, when it failed to
// load). "" when OCR is unavailable.
func (x *Extractor) Engine() string {
	if x.Available() != nil {
		return ""
	}
	return x.engine
}

// Close ends the OCR workers, if any.
func (x *Extractor) Close() error {
	if x.workers != nil {
		x.workers.close()
	}
	return nil
}

// Languages returns the languages OCR reads with ("jpn+eng"), or "" when
// it is unavailable: a caller may warn when Japanese is missing.
func (x *Extractor) Languages() string {
	if x.Available() != nil {
		return ""
	}
	return x.langs
}

// read runs tesseract on an image, at most opts.Concurrency at a time,
// and returns its cleaned text. The gate comes first (gate.go): an image
// without text-like strokes is not read, and the rest is cut to its text
// and scaled to the stroke width tesseract reads best. When the text shows
// a machine-readable zone ("<<<", or "くくく" as the Japanese model reads
// fillers), a second run with the English model restricted to the MRZ
// alphabet reads those lines again, and its MRZ lines are added: the
// Japanese model misreads fillers and I/1/0 there.
func (x *Extractor) read(ctx context.Context, data []byte, px *extract.Pixels) (string, error) {
	select {
	case x.sem <- struct{}{}:
		defer func() { <-x.sem }()
	case <-ctx.Done():
		return "", ctx.Err()
	}
	img, err := forTesseract(ctx, data, px)
	if err != nil || img == nil {
		return "", err
	}
	raw, err := x.exec(ctx, img, x.first)
	if err != nil {
		return "", err
	}
	text := clean(raw)
	if x.first != x.langs && !hasJapanese(text) {
		// Not a Japanese document: read it as before the first pass was
		// narrowed, with every language.
		if raw, err := x.exec(ctx, img, x.langs); err == nil {
			text = clean(raw)
		}
	}
	if x.eng && hasFillerRun(text) {
		lines := x.mrzPass(ctx, img)
		// The zone as cut and scaled did not read with valid check
		// digits (a photo's skew shows more on a crop): read the image
		// as it came, both passes as before the gate, and keep the MRZ
		// lines of every reading, so that no MRZ is lost to the gate.
		if !mrzChecked(lines) && !bytes.Equal(img, data) && isPNGOrJPEG(data) {
			if raw, err := x.exec(ctx, data, x.langs); err == nil {
				lines = strings.TrimSpace(lines + "\n" + mrzLines(clean(raw)) + "\n" + x.mrzPass(ctx, data))
			}
		}
		if lines != "" {
			text += "\n\n" + lines
		}
	}
	return text, nil
}

// mrzPass reads img with the English model restricted to the MRZ
// alphabet and returns its MRZ-like lines; a failure reads nothing (the
// first reading stands).
func (x *Extractor) mrzPass(ctx context.Context, img []byte) string {
	raw, err := x.exec(ctx, img, "eng", "-c", "tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
	if err != nil {
		return ""
	}
	return mrzLines(clean(raw))
}

// hasJapanese reports whether text holds kana or kanji: a page the
// Japanese model read as Japanese.
func hasJapanese(text string) bool {
	n := 0
	for _, r := range text {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			if n++; n >= 4 {
				return true
			}
		}
	}
	return false
}

func isPNGOrJPEG(data []byte) bool {
	return bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) || bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF})
}

// run executes tesseract once on img, reading from stdin and writing to
// stdout: no file is written anywhere.
func (x *Extractor) run(ctx context.Context, img []byte, langs string, extra ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, x.opts.Timeout)
	defer cancel()
	args := append([]string{"-", "-", "-l", langs, "--psm", strconv.Itoa(x.opts.PSM)}, extra...)
	cmd := exec.CommandContext(ctx, x.bin, args...)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.Stdin = bytes.NewReader(img)
	stdout := &capped{max: MaxText}
	stderr := &capped{max: 2048}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.WaitDelay = 2 * time.Second
	killGroup(cmd)
	err := cmd.Run()
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return "", fmt.Errorf("tesseract: %w", &extract.LimitError{Limit: "time", Value: int64(x.opts.Timeout.Seconds())})
	case ctx.Err() != nil:
		return "", ctx.Err()
	case err != nil:
		return "", fmt.Errorf("tesseract: %w: %s", err, firstLine(stderr.String()))
	}
	return stdout.String(), nil
}

// forTesseract returns the image as tesseract should get it, or nil when
// the gate finds no text in it. An image read whole at its own size goes
// as it is when it is PNG or JPEG: its header, checked against the pixel
// limit, is what tesseract reads too. Any other is handed over as grey
// PGM, cut and scaled as the gate says, so that tesseract never sees a
// second TIFF page or GIF frame whose size nobody checked.
// The picture comes from px, decoded once for OCR and face detection.
func forTesseract(ctx context.Context, data []byte, px *extract.Pixels) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("image: %w (decoder panic: %v)", extract.ErrCorrupt, p)
		}
	}()
	img, err := px.Decode(data)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	l := examine(img)
	if !l.text {
		return nil, nil
	}
	whole := l.crop == img.Bounds() && l.scale == 1
	if whole && isPNGOrJPEG(data) {
		return data, nil
	}
	return pgm(resample(luma(img), l.crop, l.scale)), nil
}

// pgm encodes g as a binary PGM (netpbm P5), which Leptonica reads as
// it reads PNG: no resolution either way, the same pixels, and no
// compression to do and undo (a scanned page's PNG cost ~100 ms each
// way).
func pgm(g *image.Gray) []byte {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	head := fmt.Sprintf("P5\n%d %d\n255\n", w, h)
	out := make([]byte, len(head), len(head)+w*h)
	copy(out, head)
	for y := range h {
		out = append(out, g.Pix[y*g.Stride:y*g.Stride+w]...)
	}
	return out
}

// capped is a buffer that keeps the first max bytes written to it and
// discards the rest, so a runaway child cannot fill memory.
type capped struct {
	bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}
