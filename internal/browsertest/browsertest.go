// Package browsertest starts headless Chromium for tests that look at a page
// as a reader does (the review page, the HTML report). A test calls New,
// drives the tab with chromedp, and saves what it saw with Screenshot.
// Without a Chromium binary New skips the test, so `go test ./...` passes on
// machines without a browser.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Timeout bounds one test's browser: a stuck page fails the test instead of
// hanging `go test` until its own, much longer, timeout.
const Timeout = 90 * time.Second

// Chromium returns the path of a Chromium binary: /usr/bin/chromium (the
// Debian package chromium), else one on PATH; "" if there is none.
func Chromium() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New starts headless Chromium for t and returns the context of its first
// tab, with a 1000x800 viewport. It skips t when there is no Chromium
// binary. The browser, its profile (in t's temp dir) and the tab end when t
// ends, or after Timeout.
func New(t testing.TB) context.Context {
	t.Helper()
	bin := Chromium()
	if bin == "" {
		t.Skip("no Chromium binary (/usr/bin/chromium or chromium on PATH); install the Debian package chromium to run this test")
	}
	// The timeout is on the allocator's parent, so it ends the browser too.
	ctx, cancelTimeout := context.WithTimeout(context.Background(), Timeout)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox, // containers and CI run as root, where the sandbox refuses to start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), // /dev/shm is tiny in containers
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")),
	)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancelTimeout()
	})
	// Start the browser now, so that a binary that cannot run fails here
	// with a clear message rather than in the test's first step.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1000, 800)); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	return ctx
}

// Eval evaluates a JavaScript expression in the page and decodes its value.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// Wait polls a JavaScript expression until it is truthy, for at most 10 s.
// Errors while the page changes (its JavaScript context is gone for a
// moment during a navigation) are retried.
func Wait(t testing.TB, ctx context.Context, expr string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+expr+")"))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited 10s for %s (last error: %v)", expr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// ClickNav clicks the element sel (a CSS selector) and waits until the
// page it leads to has loaded. A click returns before the new page exists,
// so ClickNav listens for the load event before it clicks.
func ClickNav(t testing.TB, ctx context.Context, sel string) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	loads := chromedp.Events(wctx, page.LoadEventFired)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
	for _, err := range loads {
		if err != nil {
			t.Fatalf("click %s: no page loaded: %v", sel, err)
		}
		break
	}
}

// Screenshot saves a full-page PNG of the tab as name (".png" is added if
// missing) in t's temp dir and, when MAILSIFT_SCREENSHOT_DIR is set, there
// too. It returns the paths written.
func Screenshot(t testing.TB, ctx context.Context, name string) []string {
	t.Helper()
	if !strings.HasSuffix(name, ".png") {
		name += ".png"
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dirs := []string{t.TempDir()}
	if d := os.Getenv("MAILSIFT_SCREENSHOT_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatalf("screenshot dir: %v", err)
		}
		dirs = append(dirs, d)
	}
	var paths []string
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatalf("save screenshot: %v", err)
		}
		paths = append(paths, p)
	}
	t.Logf("screenshot %s (%d bytes)", paths[len(paths)-1], len(png))
	return paths
}

// Console collects, from now on, the tab's console errors and uncaught
// exceptions, including the browser's own reports such as a Content
// Security Policy violation or a failed request. The func returns those
// seen so far.
func Console(t testing.TB, ctx context.Context) func() []string {
	t.Helper()
	var (
		mu   sync.Mutex
		errs []string
	)
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return // the tab ended
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				errs = append(errs, m.String())
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), errs...)
	}
}
