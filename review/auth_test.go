package review

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestCheckAddr(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:8080", ":8080", "192.168.1.5:80", "[::]:8080", "example.com:80", "[fe80::1]:80"} {
		err := CheckAddr(addr, "")
		if err == nil {
			t.Errorf("CheckAddr(%q, no token) accepted a non-loopback address", addr)
			continue
		}
		if !strings.Contains(err.Error(), "use --token or bind 127.0.0.1") {
			t.Errorf("CheckAddr(%q): %v: does not say what to do", addr, err)
		}
		if err := CheckAddr(addr, "s3cret-token"); err != nil {
			t.Errorf("CheckAddr(%q, token): %v", addr, err)
		}
	}
	for _, addr := range []string{"127.0.0.1:0", "[::1]:0", "localhost:8080", "LOCALHOST:1", "127.1.2.3:80"} {
		if err := CheckAddr(addr, ""); err != nil {
			t.Errorf("CheckAddr(%q): %v", addr, err)
		}
	}
	if err := CheckAddr("127.0.0.1", ""); err == nil {
		t.Error("an address without a port passed")
	}
}

func TestToken(t *testing.T) {
	const token = "s3cret-token-for-tests"
	h, err := NewHandler(newFake(), Options{Token: token})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	send := func(c *http.Client, path string, header map[string]string) *http.Response {
		t.Helper()
		req, err := http.NewRequest("GET", srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range header {
			req.Header.Set(k, v)
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res
	}
	plain := srv.Client()
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	// Everything needs the token: pages, assets, the API.
	for _, path := range []string{"/", "/static/style.css", "/api/search", "/person/p-0001", "/?token=wrong", "/?token="} {
		res := send(plain, path, nil)
		if res.StatusCode != 401 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
			t.Errorf("%s without the token: %d %s", path, res.StatusCode, res.Header.Get("Content-Type"))
		}
	}
	for _, auth := range []string{"Bearer wrong", "Bearer " + token + "x", "Basic " + token, token, "bearer"} {
		if res := send(plain, "/", map[string]string{"Authorization": auth}); res.StatusCode != 401 {
			t.Errorf("Authorization %q: %d", auth, res.StatusCode)
		}
	}
	if res := send(plain, "/", map[string]string{"Cookie": cookieName + "=" + token}); res.StatusCode != 401 {
		t.Errorf("the token itself as the cookie: %d", res.StatusCode)
	}
	// The right token in the header.
	for _, path := range []string{"/", "/static/app.js", "/api/search?q=お客様"} {
		if res := send(plain, path, map[string]string{"Authorization": "Bearer " + token}); res.StatusCode != 200 {
			t.Errorf("%s with the bearer token: %d", path, res.StatusCode)
		}
	}
	// ?token= sets the cookie and sends the browser to the URL without it.
	res := send(noRedirect, "/?q=%E9%A1%A7%E5%AE%A2&token="+token, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("?token=: %d", res.StatusCode)
	}
	if loc := res.Header.Get("Location"); loc != "/?q=%E9%A1%A7%E5%AE%A2" {
		t.Errorf("?token= redirects to %q", loc)
	}
	cookies := res.Cookies()
	if len(cookies) != 1 || cookies[0].Name != cookieName || !cookies[0].HttpOnly ||
		cookies[0].SameSite != http.SameSiteStrictMode || cookies[0].Path != "/" || strings.Contains(cookies[0].Value, token) {
		t.Fatalf("cookie %+v", cookies)
	}
	if res := send(plain, "/person/p-0001", map[string]string{"Cookie": cookies[0].String()}); res.StatusCode != 200 {
		t.Errorf("with the cookie: %d", res.StatusCode)
	}
	// A browser (a client with a cookie jar) ends on the page.
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	browser := &http.Client{Jar: jar}
	if res := send(browser, "/?token="+token, nil); res.StatusCode != 200 || res.Request.URL.RawQuery != "" {
		t.Errorf("browser with ?token=: %d at %s", res.StatusCode, res.Request.URL)
	}
	if res := send(browser, "/categories", nil); res.StatusCode != 200 {
		t.Errorf("browser's next page: %d", res.StatusCode)
	}
	// With a token the Host does not matter: the token is the guard.
	req := httptest.NewRequest("GET", "/", nil)
	req.Host = "review.example:8080"
	req.Header.Set("Authorization", "Bearer "+token)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != 200 {
		t.Errorf("token and a non-loopback Host: %d", w.Code)
	}
}

func TestHostCheck(t *testing.T) {
	h, err := NewHandler(newFake(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for host, want := range map[string]int{
		"127.0.0.1:8080":      200,
		"127.0.0.1":           200,
		"localhost:8080":      200,
		"[::1]:8080":          200,
		"evil.example:8080":   403,
		"evil.example":        403,
		"192.168.1.5:8080":    403,
		"localhost.evil:8080": 403,
		"":                    403,
	} {
		req := httptest.NewRequest("GET", "/static/style.css", nil)
		req.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != want {
			t.Errorf("Host %q: %d, want %d", host, w.Code, want)
		}
		if w.Header().Get("X-Frame-Options") != "DENY" {
			t.Errorf("Host %q: no security headers", host)
		}
	}
}

func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrs := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, newFake(), Options{Addr: "127.0.0.1:0"}, func(addr string) { addrs <- addr })
	}()
	var addr string
	select {
	case addr = <-addrs:
	case err := <-done:
		t.Fatalf("Serve: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("Serve never became ready")
	}
	if strings.HasSuffix(addr, ":0") {
		t.Fatalf("ready got %s, not the real port", addr)
	}
	res, err := http.Get("http://" + addr + "/?q=" + url.QueryEscape("お客様"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `<strong id="total">4</strong>`) {
		t.Errorf("GET: %d\n%s", res.StatusCode, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop")
	}
	if _, err := http.Get("http://" + addr + "/"); err == nil {
		t.Error("the server still answers after cancel")
	}

	// A non-loopback address without a token never listens.
	err = Serve(context.Background(), newFake(), Options{Addr: "0.0.0.0:0"}, func(string) { t.Error("ready called") })
	if err == nil || !strings.Contains(err.Error(), "--token") {
		t.Errorf("Serve on 0.0.0.0 without a token: %v", err)
	}
	// A port in use is an error, not a hang.
	ln := httptest.NewServer(http.NotFoundHandler())
	defer ln.Close()
	err = Serve(context.Background(), newFake(), Options{Addr: strings.TrimPrefix(ln.URL, "http://")}, nil)
	if err == nil || errors.Is(err, context.Canceled) {
		t.Errorf("Serve on a busy port: %v", err)
	}
}
