package ocr

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mailsift/mailsift/scanner/extract"
)

// TestMain lets the test binary serve as its own OCR worker, as mailsift
// does (cmd/mailsift's main).
func TestMain(m *testing.M) {
	if IsWorker() {
		if err := ServeWorker(os.Stdin, os.Stdout); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// needWorker returns an Extractor whose images are read by workers. Where
// the tesseract program is installed the library is too (the Debian
// package depends on it): not loading it is a failure, not a skip.
func needWorker(t *testing.T, opts Options) *Extractor {
	t.Helper()
	needTesseract(t)
	opts.Worker = []string{os.Args[0]}
	x := New(opts)
	if err := x.Available(); err != nil {
		t.Fatal(err)
	}
	if x.workers == nil {
		t.Fatalf("no OCR worker: %s", x.Engine())
	}
	t.Cleanup(func() { x.Close() })
	return x
}

// TestWorkerReadsAsTheProgram: the worker reads every test image, and
// the MRZ pass with its alphabet, exactly as a tesseract process does.
func TestWorkerReadsAsTheProgram(t *testing.T) {
	w := needWorker(t, Options{})
	p := needTesseract(t)
	files, _ := filepath.Glob("testdata/*.png")
	if len(files) < 4 {
		t.Fatalf("testdata images: %v", files)
	}
	ctx := context.Background()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{w.langs},
			{"eng", "-c", "tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"},
		} {
			got, err := w.exec(ctx, data, args[0], args[1:]...)
			if err != nil {
				t.Fatalf("%s worker %v: %v", f, args, err)
			}
			want, err := p.exec(ctx, data, args[0], args[1:]...)
			if err != nil {
				t.Fatalf("%s program %v: %v", f, args, err)
			}
			if strings.TrimRight(got, "\f") != strings.TrimRight(want, "\f") || strings.TrimSpace(got) == "" {
				t.Errorf("%s %v:\nworker  %q\nprogram %q", f, args, got, want)
			}
		}
	}
	// Through Text (gate, first pass, MRZ pass) the two agree as well.
	data, _ := os.ReadFile("testdata/passport.png")
	a, errA := w.Text(ctx, data, 0)
	b, errB := p.Text(ctx, data, 0)
	if errA != nil || errB != nil || a != b || !strings.Contains(a, "TR8765432") {
		t.Errorf("Text: worker %v %q\nprogram %v %q", errA, a, errB, b)
	}
}

// TestWorkerTimeoutAndCrash: a worker past the time limit is killed and
// the image reported as a time limit; a worker that dies is reported;
// either way the next image gets a new worker.
func TestWorkerTimeoutAndCrash(t *testing.T) {
	x := needWorker(t, Options{})
	data, err := os.ReadFile("testdata/letter.png")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, err = x.workers.run(ctx, time.Millisecond, DefaultPSM, data, "eng")
	var le *extract.LimitError
	if !errors.As(err, &le) || le.Limit != "time" {
		t.Fatalf("past the limit: err = %v, want a time LimitError", err)
	}
	if len(x.workers.idle) != 0 {
		t.Fatalf("the killed worker went back to the pool")
	}
	text, err := x.workers.run(ctx, time.Minute, DefaultPSM, data, "eng")
	if err != nil || !strings.Contains(text, "proposal") {
		t.Fatalf("after a kill: %v %q", err, text)
	}
	// Kill the idle worker behind the pool's back, as a crash would.
	w := x.workers.idle[0]
	if err := w.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_, err = x.workers.run(ctx, time.Minute, DefaultPSM, data, "eng")
	if err == nil || !strings.Contains(err.Error(), "worker died") {
		t.Fatalf("dead worker: err = %v", err)
	}
	if text, err := x.workers.run(ctx, time.Minute, DefaultPSM, data, "eng"); err != nil || !strings.Contains(text, "proposal") {
		t.Fatalf("after a crash: %v %q", err, text)
	}
	// A bad image is the worker's answer, not its end.
	if _, err := x.workers.run(ctx, time.Minute, DefaultPSM, []byte("not an image"), "eng"); err == nil {
		t.Fatal("garbage read without error")
	}
	if len(x.workers.idle) != 1 {
		t.Fatalf("after a bad image: %d idle workers, want 1", len(x.workers.idle))
	}
}

// TestWorkerMissingLibrary: a worker that cannot load the library says
// so in its handshake, and OCR falls back to the tesseract program.
func TestWorkerMissingLibrary(t *testing.T) {
	needTesseract(t)
	x := New(Options{Worker: []string{"/bin/sh", "-c", "exit 3"}})
	if err := x.Available(); err != nil {
		t.Fatal(err)
	}
	if x.workers != nil || !strings.Contains(x.Engine(), "tesseract program") || !strings.Contains(x.Engine(), "library:") {
		t.Fatalf("engine = %q, want the program with the reason", x.Engine())
	}
	data, _ := os.ReadFile("testdata/letter.png")
	if text, err := x.Text(context.Background(), data, 0); err != nil || !strings.Contains(text, "proposal") {
		t.Fatalf("fallback read: %v %q", err, text)
	}
}

// TestWorkerClosesIdleEngines: a language set not used for engineIdle
// requests is unloaded (each holds 30–80 MB, in one worker per core).
func TestWorkerClosesIdleEngines(t *testing.T) {
	needTesseract(t)
	if _, err := loadLibtess(); err != nil {
		t.Fatalf("tesseract is installed but its library does not load: %v", err)
	}
	var blank bytes.Buffer
	if err := png.Encode(&blank, image.NewGray(image.Rect(0, 0, 40, 20))); err != nil {
		t.Fatal(err)
	}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	go func() { outW.CloseWithError(ServeWorker(inR, outW)) }()
	enc, dec := gob.NewEncoder(inW), gob.NewDecoder(outR)
	var rep workerReply
	if err := dec.Decode(&rep); err != nil || rep.Err != "" {
		t.Fatalf("handshake: %v %+v", err, rep)
	}
	ask := func(langs string) int {
		t.Helper()
		if err := enc.Encode(workerRequest{Langs: langs, PSM: DefaultPSM, Image: blank.Bytes()}); err != nil {
			t.Fatal(err)
		}
		rep = workerReply{}
		if err := dec.Decode(&rep); err != nil || rep.Err != "" {
			t.Fatalf("%s: %v %+v", langs, err, rep)
		}
		return rep.Engines
	}
	if n := ask("eng+osd"); n != 1 {
		t.Fatalf("engines = %d, want 1", n)
	}
	if n := ask("eng"); n != 2 {
		t.Fatalf("engines = %d, want 2", n)
	}
	n := 0
	for range engineIdle + 1 {
		n = ask("eng")
	}
	if n != 1 {
		t.Errorf("after %d requests for eng alone: %d engines loaded, want 1", engineIdle+1, n)
	}
	inW.Close()
}
