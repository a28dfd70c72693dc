package ocr

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

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
// and returns its cleaned text. When the text shows a machine-readable
// zone ("<<<", or "くくく" as the Japanese model reads fillers), a second
// run with the English model restricted to the MRZ alphabet reads those
// lines again, and its MRZ lines are added: the Japanese model misreads
// fillers and I/1/0 there.
func (x *Extractor) read(ctx context.Context, data []byte) (string, error) {
	select {
	case x.sem <- struct{}{}:
		defer func() { <-x.sem }()
	case <-ctx.Done():
		return "", ctx.Err()
	}
	img, err := forTesseract(data)
	if err != nil {
		return "", err
	}
	raw, err := x.exec(ctx, img, x.langs)
	if err != nil {
		return "", err
	}
	text := clean(raw)
	if x.eng && hasFillerRun(text) {
		raw, err := x.exec(ctx, img, "eng", "-c", "tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
		if err != nil {
			return text, nil // the first reading stands
		}
		if lines := mrzLines(clean(raw)); lines != "" {
			text += "\n\n" + lines
		}
	}
	return text, nil
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

// forTesseract returns the image as tesseract should get it. PNG and
// JPEG go as they are: their header, checked against the pixel limit, is
// what tesseract reads too. Other formats are decoded here and handed
// over as grey PNG, so that tesseract never sees a second TIFF page or
// GIF frame whose size nobody checked.
func forTesseract(data []byte) (out []byte, err error) {
	if bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) || bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}) {
		return data, nil
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("image: %w (decoder panic: %v)", extract.ErrCorrupt, p)
		}
	}()
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("image: %w: %v", extract.ErrCorrupt, err)
	}
	gray := image.NewGray(img.Bounds())
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			gray.Set(x, y, img.At(x, y))
		}
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, gray); err != nil {
		return nil, fmt.Errorf("image: %w", err)
	}
	return buf.Bytes(), nil
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
