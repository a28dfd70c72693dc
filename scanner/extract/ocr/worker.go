package ocr

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/mailsift/mailsift/scanner/extract"
)

// An OCR worker is a child process (mailsift itself, started with
// workerEnv set) that loads tesseract's library once per language set and
// reads image after image sent over its stdin. Against a tesseract process
// per image it saves the process start and the model load, about 60% of
// the CPU of a licence or passport scan, and reads the same text (the
// same library, the same Leptonica decoding, the same settings:
// TestWorkerReadsAsTheProgram). It stays a process of its own so that a
// crash or a runaway recognition in the C library costs one image, not
// the scan: the parent kills it at the time limit and starts another.

// workerEnv marks a process started as an OCR worker.
const workerEnv = "MAILSIFT_OCR_WORKER"

// IsWorker reports whether this process was started as an OCR worker:
// main must then call ServeWorker and exit, before anything else.
func IsWorker() bool { return os.Getenv(workerEnv) == "1" }

// workerRequest and workerReply travel gob-encoded over the worker's
// stdin and stdout. The first reply, sent unasked, is the handshake: the
// library's version, or why it cannot be loaded.
type workerRequest struct {
	Langs string
	PSM   int
	Vars  [][2]string // -c NAME=VALUE
	Image []byte
}

type workerReply struct {
	Text    string
	Err     string
	Engines int // language sets loaded after this request (tests)
}

// maxEngines bounds the language sets a worker keeps loaded (jpn,
// jpn+eng, and eng with the MRZ alphabet are all a scan uses), and
// engineIdle closes one not used in that many requests: each holds 30–80
// MB, and one worker per core runs (jpn alone stays loaded in a Japanese
// mailbox; English pages and passports load theirs when they come).
const (
	maxEngines = 4
	engineIdle = 32
)

// ServeWorker answers requests from r on w until r ends; it returns an
// error only when the exchange itself fails. OMP_THREAD_LIMIT must be set
// before the library is loaded (the parent sets it in the environment).
func ServeWorker(r io.Reader, w io.Writer) error {
	enc, dec := gob.NewEncoder(w), gob.NewDecoder(r)
	l, err := loadLibtess()
	if err != nil {
		return enc.Encode(workerReply{Err: "tesseract library: " + err.Error()})
	}
	if err := enc.Encode(workerReply{Text: l.version()}); err != nil {
		return err
	}
	engines := map[string]*engine{}
	lastUse := map[string]int{}
	defer func() {
		for _, e := range engines {
			e.close()
		}
	}()
	for n := 0; ; n++ {
		for k, e := range engines {
			if n-lastUse[k] > engineIdle {
				e.close()
				delete(engines, k)
				delete(lastUse, k)
			}
		}
		var req workerRequest
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("ocr worker: read request: %w", err)
		}
		key := req.Langs + "\x00" + fmt.Sprint(req.Vars)
		e := engines[key]
		if e == nil {
			if len(engines) >= maxEngines {
				for k, old := range engines {
					old.close()
					delete(engines, k)
					delete(lastUse, k)
				}
			}
			if e, err = l.newEngine(req.Langs, req.Vars); err != nil {
				if err := enc.Encode(workerReply{Err: err.Error()}); err != nil {
					return err
				}
				continue
			}
			engines[key] = e
		}
		lastUse[key] = n
		var rep workerReply
		text, err := e.read(req.Image, req.PSM)
		if err != nil {
			rep.Err = err.Error()
		}
		if len(text) > MaxText {
			text = text[:MaxText]
		}
		rep.Text, rep.Engines = text, len(engines)
		if err := enc.Encode(rep); err != nil {
			return fmt.Errorf("ocr worker: write reply: %w", err)
		}
	}
}

// worker is the parent's end of one worker process.
type worker struct {
	cmd    *exec.Cmd
	stop   context.CancelFunc // kills the process (group)
	stdin  io.WriteCloser
	enc    *gob.Encoder
	dec    *gob.Decoder
	stderr *tail
}

// startWorker starts argv as a worker and waits for its handshake.
func startWorker(ctx context.Context, argv []string) (*worker, error) {
	// Its own context, not ctx: the worker outlives the image it was
	// started for.
	wctx, stop := context.WithCancel(context.Background())
	cmd := exec.CommandContext(wctx, argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), workerEnv+"=1", "OMP_THREAD_LIMIT=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		stop()
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		stop()
		return nil, err
	}
	w := &worker{cmd: cmd, stop: stop, stdin: stdin, enc: gob.NewEncoder(stdin), dec: gob.NewDecoder(stdout), stderr: &tail{max: 2048}}
	cmd.Stderr = w.stderr
	killGroup(cmd)
	if err := cmd.Start(); err != nil {
		stop()
		return nil, fmt.Errorf("start ocr worker: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var hello workerReply
	if err := w.exchange(ctx, nil, &hello); err != nil {
		return nil, fmt.Errorf("ocr worker: %w", err)
	}
	if hello.Err != "" {
		w.kill()
		return nil, errors.New(hello.Err)
	}
	return w, nil
}

// exchange sends req (none when nil) and reads the reply, killing the
// worker when ctx ends first: a recognition cannot be interrupted
// otherwise.
func (w *worker) exchange(ctx context.Context, req *workerRequest, rep *workerReply) error {
	done := make(chan error, 1)
	go func() {
		if req != nil {
			if err := w.enc.Encode(req); err != nil {
				done <- err
				return
			}
		}
		done <- w.dec.Decode(rep)
	}()
	select {
	case err := <-done:
		if err != nil {
			w.kill()
			return fmt.Errorf("worker died: %v %s", err, lastLine(w.stderr.String()))
		}
		return nil
	case <-ctx.Done():
		w.kill()
		<-done
		return ctx.Err()
	}
}

// kill ends the process and reaps it.
func (w *worker) kill() {
	w.stop()
	_ = w.cmd.Wait()
}

// close asks the worker to end (its stdin ends) and kills it if it does
// not within a second.
func (w *worker) close() {
	_ = w.stdin.Close()
	done := make(chan struct{})
	go func() {
		_ = w.cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		w.stop()
		<-done
	}
	w.stop()
}

// workers is the pool of idle workers of an Extractor. At most
// Options.Concurrency are ever busy (the Extractor's semaphore), so at
// most that many exist.
type workers struct {
	argv []string
	mu   sync.Mutex
	idle []*worker
}

// run is Extractor.exec over a worker: the same arguments as the
// tesseract program (langs, and -c NAME=VALUE pairs in extra).
func (p *workers) run(ctx context.Context, timeout time.Duration, psm int, img []byte, langs string, extra ...string) (string, error) {
	req := &workerRequest{Langs: langs, PSM: psm, Image: img}
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i] != "-c" {
			return "", fmt.Errorf("ocr worker: unsupported argument %q", extra[i])
		}
		name, value, _ := strings.Cut(extra[i+1], "=")
		req.Vars = append(req.Vars, [2]string{name, value})
	}
	w, err := p.get(ctx)
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var rep workerReply
	if err := w.exchange(ctx, req, &rep); err != nil {
		// The worker is gone (killed at the limit, or crashed on this
		// image): the next image gets a new one.
		switch {
		case ctx.Err() == context.DeadlineExceeded:
			return "", fmt.Errorf("tesseract: %w", &extract.LimitError{Limit: "time", Value: int64(timeout.Seconds())})
		case ctx.Err() != nil:
			return "", ctx.Err()
		}
		return "", fmt.Errorf("tesseract: %w", err)
	}
	p.put(w)
	if rep.Err != "" {
		return "", fmt.Errorf("tesseract: %s", rep.Err)
	}
	return rep.Text, nil
}

func (p *workers) get(ctx context.Context) (*worker, error) {
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		w := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return w, nil
	}
	p.mu.Unlock()
	return startWorker(ctx, p.argv)
}

func (p *workers) put(w *worker) {
	p.mu.Lock()
	p.idle = append(p.idle, w)
	p.mu.Unlock()
}

// close ends the idle workers (busy ones end with their scan).
func (p *workers) close() {
	p.mu.Lock()
	idle := p.idle
	p.idle = nil
	p.mu.Unlock()
	for _, w := range idle {
		w.close()
	}
}

// tail keeps the last max bytes written to it: a worker's warnings run
// on for the whole scan, and only the last ones explain a crash.
type tail struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

// lastLine returns the last non-empty line of s.
func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
