package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowser runs every helper once against a two-page site: a link to
// follow, a script that fails, a screenshot.
func TestBrowser(t *testing.T) {
	ctx := New(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html lang="ja"><meta charset="utf-8"><title>一</title><a id="next" href="/two">次へ</a>`)
	})
	mux.HandleFunc("/two", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html lang="ja"><meta charset="utf-8"><title>二</title><h1>二ページ目</h1><script>throw new Error("boom")</script>`)
	})
	mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	errs := Console(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	if got := Eval[string](t, ctx, `document.title`); got != "一" {
		t.Errorf("title %q, want 一", got)
	}
	ClickNav(t, ctx, "#next")
	if got := Eval[string](t, ctx, `document.querySelector('h1').textContent`); got != "二ページ目" {
		t.Errorf("after the click h1 is %q", got)
	}
	Wait(t, ctx, `true`)
	paths := Screenshot(t, ctx, "browsertest")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil || !strings.HasPrefix(string(b), "\x89PNG") {
			t.Errorf("%s is not a PNG (%v)", p, err)
		}
	}
	// The exception arrives asynchronously; wait for it.
	for range 100 {
		if len(errs()) > 0 {
			break
		}
		Eval[bool](t, ctx, `new Promise(r => setTimeout(() => r(true), 20))`)
	}
	if got := errs(); len(got) != 1 || !strings.Contains(got[0], "boom") {
		t.Errorf("console errors %q, want the one exception", got)
	}
}
