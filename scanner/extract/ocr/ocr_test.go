package ocr

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/image/bmp"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/tiff"

	"github.com/mailsift/mailsift/detectors/mrz"
	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/extracttest"
)

// fake is a stand-in tesseract: a shell script that counts its runs in
// dir/count, prints dir/out, sleeps when dir/sleep exists and fails when
// dir/fail exists.
type fake struct {
	dir, bin string
}

func newFake(t testing.TB, out string) *fake {
	t.Helper()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	f := &fake{dir: dir, bin: filepath.Join(dir, "tesseract")}
	script := fmt.Sprintf(`#!/bin/sh
if [ "$1" = "--list-langs" ]; then
  printf 'List of available languages in "/x/" (3):\neng\njpn\nosd\n'
  exit 0
fi
cat >/dev/null
echo run >> %[1]s/count
if [ -e %[1]s/sleep ]; then sleep 5; fi
if [ -e %[1]s/fail ]; then echo "Error in pixReadMem: Unknown format" >&2; exit 1; fi
cat %[1]s/out
`, dir)
	if err := os.WriteFile(f.bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	f.set("out", out)
	return f
}

func (f *fake) set(name, content string) {
	if err := os.WriteFile(filepath.Join(f.dir, name), []byte(content), 0o644); err != nil {
		panic(err)
	}
}

func (f *fake) runs() int {
	b, _ := os.ReadFile(filepath.Join(f.dir, "count"))
	return strings.Count(string(b), "run")
}

// grayPNG is a w×h PNG with lines of text in shade on light grey, so that
// the gate reads it.
func grayPNG(t testing.TB, w, h int, shade uint8) []byte {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 240
	}
	face := monoFace(t, 18)
	d := &font.Drawer{Dst: img, Src: image.NewUniform(color.Gray{shade}), Face: face}
	for y := 22; y < h; y += 28 {
		d.Dot = fixed.P(6, y)
		d.DrawString("Invoice No. 4821 total 12,800 yen paid")
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// monoFace is Go Mono at size px.
func monoFace(t testing.TB, size float64) font.Face {
	f, err := opentype.Parse(gomono.TTF)
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	return face
}

// pngHeader is a PNG signature and IHDR claiming w×h, and nothing else:
// a decompression bomb's header.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 17)
	copy(ihdr, "IHDR")
	binary.BigEndian.PutUint32(ihdr[4:], w)
	binary.BigEndian.PutUint32(ihdr[8:], h)
	ihdr[12], ihdr[13] = 8, 0 // 8-bit grey
	_ = binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(ihdr)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(ihdr))
	return b.Bytes()
}

func extractOne(t testing.TB, x *Extractor, name string, data []byte, lim extract.Limits) (*extracttest.Recorder, error) {
	f := &extract.File{Name: name, Location: "attachment:" + name, Data: data}
	rec := extracttest.NewRecorder(f, lim)
	if !x.Match(f) {
		t.Fatalf("Match(%s) = false", name)
	}
	err := x.Extract(context.Background(), f, &extract.Env{Limits: lim}, rec)
	return rec, err
}

func TestMatch(t *testing.T) {
	x := New(Options{})
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{"png", []byte("\x89PNG\r\n\x1a\n...."), true},
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10}, true},
		{"gif", []byte("GIF89a\x01\x00"), true},
		{"tiff le", []byte("II*\x00\x08\x00\x00\x00"), true},
		{"tiff be", []byte("MM\x00*\x00\x00\x00\x08"), true},
		{"webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), true},
		{"bmp", append([]byte("BM"), make([]byte, 40)...), true},
		{"pdf", []byte("%PDF-1.7\n"), false},
		{"text named .png", []byte("hello"), false},
		{"riff wave", []byte("RIFF\x00\x00\x00\x00WAVEfmt "), false},
		{"empty", nil, false},
	}
	for _, tt := range tests {
		if got := x.Match(&extract.File{Name: "x.png", Data: tt.data}); got != tt.want {
			t.Errorf("Match(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestExtractWithFake(t *testing.T) {
	f := newFake(t, "運 転 免 許 証\n\n\n\n番号 第 301234567890 号\f")
	x := New(Options{Binary: f.bin})
	data := grayPNG(t, 300, 100, 20)
	rec, err := extractOne(t, x, "免許証.png", data, extract.Limits{})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	want := []extract.Segment{{Location: "attachment:免許証.png#ocr", Text: "運転免許証\n\n番号 第 301234567890 号", OCR: true}}
	if len(rec.Segments) != 1 || rec.Segments[0].Location != want[0].Location || rec.Segments[0].Text != want[0].Text || !rec.Segments[0].OCR {
		t.Errorf("segments = %+v, want %+v", rec.Segments, want)
	}
	// The same image again, in another message: from the cache.
	if _, err := extractOne(t, x, "copy.png", data, extract.Limits{}); err != nil {
		t.Fatal(err)
	}
	if n := f.runs(); n != 1 {
		t.Errorf("tesseract ran %d times for one image twice, want 1", n)
	}
	// Another image runs again.
	if _, err := extractOne(t, x, "other.png", grayPNG(t, 300, 100, 30), extract.Limits{}); err != nil {
		t.Fatal(err)
	}
	if n := f.runs(); n != 2 {
		t.Errorf("tesseract ran %d times for two images, want 2", n)
	}
}

func TestExtractSkipsAndProblems(t *testing.T) {
	f := newFake(t, "text")
	x := New(Options{Binary: f.bin})
	tests := []struct {
		name     string
		data     []byte
		lim      extract.Limits
		sentinel error // the Problem wraps it; nil: no problem
	}{
		{"bomb header", pngHeader(100000, 100000), extract.Limits{}, extract.ErrLimit},
		{"over the limit", grayPNG(t, 400, 300, 0), extract.Limits{MaxImagePixels: 400*300 - 1}, extract.ErrLimit},
		{"zero size", pngHeader(0, 10), extract.Limits{}, extract.ErrCorrupt},
		{"corrupt", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0xAB}, 64)...), extract.Limits{}, extract.ErrCorrupt},
		{"truncated jpeg", []byte{0xFF, 0xD8, 0xFF, 0xC0, 0x00}, extract.Limits{}, extract.ErrCorrupt},
		{"tracking pixel", grayPNG(t, 1, 1, 0), extract.Limits{}, nil},
		{"icon", grayPNG(t, 32, 32, 0), extract.Limits{}, nil},
		{"thin rule", grayPNG(t, 600, 3, 0), extract.Limits{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := f.runs()
			rec, err := extractOne(t, x, tt.name+".png", tt.data, tt.lim)
			if err != nil {
				t.Fatalf("Extract returned %v; problems are reported, not returned", err)
			}
			if len(rec.Segments) != 0 || f.runs() != before {
				t.Errorf("ran tesseract (%d segments)", len(rec.Segments))
			}
			switch {
			case tt.sentinel == nil && len(rec.Problems) != 0:
				t.Errorf("problems %v, want none", rec.Problems)
			case tt.sentinel != nil && (len(rec.Problems) != 1 || !errors.Is(rec.Problems[0].Err, tt.sentinel)):
				t.Errorf("problems %v, want one wrapping %v", rec.Problems, tt.sentinel)
			}
		})
	}
}

func TestUnavailable(t *testing.T) {
	x := New(Options{Binary: filepath.Join(t.TempDir(), "no-tesseract")})
	_, err := extractOne(t, x, "a.png", grayPNG(t, 300, 100, 0), extract.Limits{})
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Extract = %v, want ErrUnavailable", err)
	}
	if err.Error() != "OCR not available: install tesseract-ocr tesseract-ocr-jpn" {
		t.Errorf("message %q", err)
	}
	if x.Languages() != "" {
		t.Errorf("Languages() = %q without tesseract", x.Languages())
	}
	// Installed, but without the language data asked for.
	f := newFake(t, "x")
	x = New(Options{Binary: f.bin, Languages: "kor"})
	if err := x.Available(); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Available() with no Korean data = %v, want ErrUnavailable", err)
	}
	x = New(Options{Binary: f.bin, Languages: "kor+eng"})
	if err := x.Available(); err != nil || x.Languages() != "eng" {
		t.Errorf("Available() = %v, Languages() = %q; want nil, eng", err, x.Languages())
	}
}

func TestTesseractFailureIsCachedTimeoutIsNot(t *testing.T) {
	f := newFake(t, "x")
	f.set("fail", "")
	x := New(Options{Binary: f.bin})
	data := grayPNG(t, 300, 100, 0)
	for i := 0; i < 2; i++ {
		rec, err := extractOne(t, x, "a.png", data, extract.Limits{})
		if err != nil || len(rec.Problems) != 1 || !strings.Contains(rec.Problems[0].Err.Error(), "Unknown format") {
			t.Fatalf("Extract = %v, problems %v; want one problem with tesseract's message", err, rec.Problems)
		}
	}
	if f.runs() != 1 {
		t.Errorf("a failing image ran %d times, want 1", f.runs())
	}

	g := newFake(t, "x")
	g.set("sleep", "")
	x = New(Options{Binary: g.bin, Timeout: 200 * time.Millisecond})
	data = grayPNG(t, 300, 100, 1)
	start := time.Now()
	for i := 0; i < 2; i++ {
		rec, err := extractOne(t, x, "b.png", data, extract.Limits{})
		if err != nil || len(rec.Problems) != 1 || !errors.Is(rec.Problems[0].Err, extract.ErrLimit) {
			t.Fatalf("Extract = %v, problems %v; want a time limit problem", err, rec.Problems)
		}
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("two timed-out runs took %v; the time limit did not stop tesseract", d)
	}
	if g.runs() != 2 {
		t.Errorf("a timed-out image ran %d times, want 2 (time-outs are not cached)", g.runs())
	}
}

func TestContextCancel(t *testing.T) {
	f := newFake(t, "x")
	f.set("sleep", "")
	x := New(Options{Binary: f.bin})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	file := &extract.File{Name: "a.png", Location: "attachment:a.png", Data: grayPNG(t, 300, 100, 0)}
	start := time.Now()
	err := x.Extract(ctx, file, &extract.Env{}, extracttest.NewRecorder(file, extract.Limits{}))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Extract = %v, want the context's error", err)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("took %v after the context ended", d)
	}
}

func TestSingleFlightAndConcurrency(t *testing.T) {
	f := newFake(t, "同じ文書の本文")
	x := New(Options{Binary: f.bin})
	data := grayPNG(t, 300, 100, 0)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text, err := x.Text(context.Background(), data, 0)
			if err != nil || text != "同じ文書の本文" {
				t.Errorf("Text = %q, %v", text, err)
			}
		}()
	}
	wg.Wait()
	if f.runs() != 1 {
		t.Errorf("8 concurrent reads of one image ran tesseract %d times, want 1", f.runs())
	}
}

// TestJapaneseFirst: a page is read with the Japanese model alone (about
// half of tesseract's CPU with jpn+eng); a page in which it finds no
// Japanese is read again with every language, as before.
func TestJapaneseFirst(t *testing.T) {
	for _, tc := range []struct {
		out  string
		runs int
	}{{"運転免許証 第123456789012号", 1}, {"Passport No. TR8765432", 2}} {
		f := newFake(t, tc.out)
		x := New(Options{Binary: f.bin})
		if text, err := x.Text(context.Background(), grayPNG(t, 300, 100, 0), 0); err != nil || text != tc.out {
			t.Fatalf("Text = %q, %v", text, err)
		}
		if f.runs() != tc.runs {
			t.Errorf("%q: tesseract ran %d times, want %d", tc.out, f.runs(), tc.runs)
		}
	}
}

func TestCacheDir(t *testing.T) {
	dir := t.TempDir()
	f := newFake(t, "キャッシュした文書")
	data := grayPNG(t, 300, 100, 0)
	a := New(Options{Binary: f.bin, CacheDir: dir})
	if text, err := a.Text(context.Background(), data, 0); err != nil || text != "キャッシュした文書" {
		t.Fatalf("Text = %q, %v", text, err)
	}
	// A new run of the program: the directory has it.
	b := New(Options{Binary: f.bin, CacheDir: dir})
	if text, err := b.Text(context.Background(), data, 0); err != nil || text != "キャッシュした文書" {
		t.Fatalf("Text = %q, %v", text, err)
	}
	if f.runs() != 1 {
		t.Errorf("tesseract ran %d times, want 1", f.runs())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || !strings.HasSuffix(entries[0].Name(), ".txt") || strings.Contains(entries[0].Name(), "/") {
		t.Errorf("cache dir holds %v, want one .txt file", entries)
	}
	// Other settings do not share entries.
	c := New(Options{Binary: f.bin, CacheDir: dir, PSM: 3})
	if _, err := c.Text(context.Background(), data, 0); err != nil {
		t.Fatal(err)
	}
	if f.runs() != 2 {
		t.Errorf("another page segmentation mode used the cache")
	}
}

func TestMemoryCacheEviction(t *testing.T) {
	c := newCache(2, 1<<20, "")
	fills := 0
	get := func(k string) {
		_, _ = c.get(context.Background(), k, func() (string, error) { fills++; return "t-" + k, nil })
	}
	get("a")
	get("b")
	get("a") // a is now the most recent
	get("c") // evicts b
	get("a")
	get("b")
	if fills != 4 {
		t.Errorf("fills = %d, want 4 (a, b, c, b again)", fills)
	}
	small := newCache(100, 10, "")
	for _, k := range []string{"k1", "k2", "k3"} {
		_, _ = small.get(context.Background(), k, func() (string, error) { return "123456", nil })
	}
	if small.bytes > 10 && small.ll.Len() > 1 {
		t.Errorf("cache holds %d bytes in %d entries, over its 10-byte bound", small.bytes, small.ll.Len())
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"運 転 免 許 証", "運転免許証"},
		{"氏 名 山 田 花 子\n", "氏名山田花子"},
		{"氏名 山田 花子", "氏名 山田 花子"},
		{"日本国 JAPAN", "日本国 JAPAN"},
		{"a  \n\n\n\nb\f", "a\n\nb"},
		{"\n\nx\r\ny", "x\ny"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"PASSPORT No. TR8765432", "PASSPORT No. TR8765432"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMRZLines(t *testing.T) {
	in := "PASSPORT\nP<JPNTANAKA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<\nshort<<<\nTR87654323JPN8512246M2906302<<<<<<<<<<<<<<08\nThis is an ordinary sentence of text."
	want := "P<JPNTANAKA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTR87654323JPN8512246M2906302<<<<<<<<<<<<<<08"
	if got := mrzLines(in); got != want {
		t.Errorf("mrzLines = %q, want %q", got, want)
	}
	if !hasFillerRun("P<JPNX<<<") || !hasFillerRun("SATOくくく") || hasFillerRun("a << b") {
		t.Error("hasFillerRun")
	}
}

// needTesseract skips tests that run the real OCR when it is absent.
func needTesseract(t testing.TB) *Extractor {
	t.Helper()
	x := New(Options{})
	if err := x.Available(); err != nil {
		t.Skipf("tesseract is not installed: %v", err)
	}
	return x
}

// TestRealOCR reads the mock documents of testdata with tesseract; the
// passport's MRZ goes on to the MRZ parser (OCR → MRZ → passport).
func TestRealOCR(t *testing.T) {
	x := needTesseract(t)
	if !strings.Contains(x.Languages(), "jpn") {
		t.Skip("tesseract-ocr-jpn is not installed")
	}
	tests := []struct {
		file     string
		want     []string
		dontWant []string
	}{
		{"passport.png", []string{"PASSPORT", "JAPAN", "TR8765432", "TANAKA"}, nil},
		{"license.png", []string{"運転免許証", "公安委員会", "301234567890", "有効"}, nil},
		{"residence.png", []string{"在留カード", "AB12345678CD", "在留資格"}, nil},
		{"letter.png", []string{"打ち合わせ", "proposal"}, []string{"<<", "免許", "旅券", "在留"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			rec, err := extractOne(t, x, tt.file, data, extract.Limits{})
			if err != nil || len(rec.Segments) != 1 {
				t.Fatalf("Extract = %v, %s", err, rec)
			}
			text := rec.Segments[0].Text
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("OCR text lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(text, w) {
					t.Errorf("OCR text has %q:\n%s", w, text)
				}
			}
			if tt.file == "passport.png" {
				docs := mrz.Parse(text)
				if len(docs) == 0 {
					t.Fatalf("no MRZ parsed from:\n%s", text)
				}
				var numbers []string
				for _, d := range docs {
					numbers = append(numbers, d.Number+"/"+d.BirthDate)
				}
				if !strings.Contains(strings.Join(numbers, " "), "TR8765432/1985-12-24") {
					t.Errorf("MRZ gave %v, want TR8765432/1985-12-24", numbers)
				}
			}
		})
	}
}

// TestRealOCRFormats reads the passport converted to the other formats.
func TestRealOCRFormats(t *testing.T) {
	x := needTesseract(t)
	data, err := os.ReadFile(filepath.Join("testdata", "passport.png"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	encoders := map[string]func(*bytes.Buffer) error{
		"jpeg": func(b *bytes.Buffer) error { return jpeg.Encode(b, img, &jpeg.Options{Quality: 90}) },
		"gif":  func(b *bytes.Buffer) error { return gif.Encode(b, img, nil) },
		"tiff": func(b *bytes.Buffer) error { return tiff.Encode(b, img, &tiff.Options{Compression: tiff.Deflate}) },
		"bmp":  func(b *bytes.Buffer) error { return bmp.Encode(b, img) },
	}
	for name, enc := range encoders {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := enc(&b); err != nil {
				t.Fatal(err)
			}
			rec, err := extractOne(t, x, "passport."+name, b.Bytes(), extract.Limits{})
			if err != nil || len(rec.Segments) != 1 || !strings.Contains(rec.Segments[0].Text, "TR8765432") {
				t.Errorf("Extract = %v, %s: %+v", err, rec, rec.Segments)
			}
		})
	}
}
