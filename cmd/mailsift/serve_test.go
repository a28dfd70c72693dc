package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/mailsift/mailsift/internal/browsertest"
	"github.com/mailsift/mailsift/internal/mailgen"
	"github.com/mailsift/mailsift/store"
)

// startServe runs `mailsift serve` with args and returns its base URL; the
// server is stopped when the test ends.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(binPath, append([]string{"serve"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Error("serve did not stop on SIGINT")
		}
	})
	addr := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`review page at (http://\S+?)/ `)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	select {
	case u := <-addr:
		return u
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not say where it listens")
	}
	return ""
}

// TestServeInChromium scans the bundled sample, serves it and uses the page
// as an investigator would in headless Chromium: a search, a person, a
// message, a reveal (which the case's audit log records) and the category
// table. Screenshots go to the test's temp dir (and MAILSIFT_SCREENSHOT_DIR).
func TestServeInChromium(t *testing.T) {
	if browsertest.Chromium() == "" {
		t.Skip("no Chromium (install the Debian package chromium)")
	}
	caseDir := filepath.Join(t.TempDir(), "case")
	scanJSON(t, "--case", caseDir, filepath.Join(sampleDir, mailgen.BundleMbox))
	var passports []store.Finding
	for _, f := range readFindings(t, caseDir, "--reveal") {
		if f.Type == "passport" {
			passports = append(passports, f)
		}
	}
	if len(passports) == 0 {
		t.Fatal("the sample has no passport")
	}
	base := startServe(t, "--case", caseDir, "--addr", "127.0.0.1:0", "--user", "tester")
	ctx := browsertest.New(t)
	text := func(sel string) string {
		return strings.TrimSpace(browsertest.Eval[string](t, ctx, `(() => { const e = document.querySelector(`+jsQuote(sel)+`); return e ? e.textContent : ''; })()`))
	}
	count := func(sel string) int {
		return browsertest.Eval[int](t, ctx, `document.querySelectorAll(`+jsQuote(sel)+`).length`)
	}

	// Search: a Japanese word of the passport contexts, highlighted.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#q")),
		chromedp.SendKeys(chromedp.CSS("#q"), "パスポート")); err != nil {
		t.Fatal(err)
	}
	browsertest.ClickNav(t, ctx, "#go")
	if n := count("#hits .hit"); n == 0 {
		t.Fatalf("no hit for パスポート")
	}
	if got := browsertest.Eval[string](t, ctx, `(() => { const m = document.querySelector('#hits mark'); return m ? m.textContent : ''; })()`); got != "パスポート" {
		t.Errorf("highlight %q, want パスポート", got)
	}
	browsertest.Screenshot(t, ctx, "serve-search")

	// Narrow to passports with the type facet: as many hits as passports.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/?q="+urlQuery("type:passport"))); err != nil {
		t.Fatal(err)
	}
	if got := text("#total"); !strings.Contains(got, fmt.Sprint(len(passports))) {
		t.Errorf("total %q, want %d passports", got, len(passports))
	}
	if n := count("#facet-category li"); n == 0 {
		t.Error("no category facet")
	}
	if n := count("#facet-date li"); n == 0 {
		t.Error("no date histogram")
	}

	// The person of the first passport.
	browsertest.ClickNav(t, ctx, `#hits .hit a.person`)
	if got := text("#person-name"); got == "" {
		t.Error("person page without a name")
	}
	if got := text("#person-items"); !strings.Contains(got, "旅券番号") {
		t.Errorf("person items %q, want 旅券番号 among them", got)
	}
	if n := count("#person-findings tr.finding"); n == 0 {
		t.Error("person page without findings")
	}
	browsertest.Screenshot(t, ctx, "serve-person")

	// One of their messages: headers, parts, the passport with where it is.
	browsertest.ClickNav(t, ctx, `#person-messages tbody a[href^="/message/"]`)
	if got := text("#h-message-id"); !strings.HasPrefix(got, "<") {
		t.Errorf("message-id %q", got)
	}
	if n := count("#message-parts section.part"); n == 0 {
		t.Error("message page without parts")
	}
	// Reveal a passport of this page, if it has one, else of the first.
	id := browsertest.Eval[string](t, ctx, `(() => { for (const b of document.querySelectorAll('tr.finding')) { if (b.dataset.type === 'passport') return b.id.replace(/^f-/, ''); } return ''; })()`)
	if id == "" {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/message/"+passports[0].MessageSHA256)); err != nil {
			t.Fatal(err)
		}
		id = passports[0].ID
	}
	var raw string
	for _, p := range passports {
		if p.ID == id {
			raw = p.Value
		}
	}
	sel := `#f-` + id
	if got := text(sel + ` .value`); got == raw || got == "" {
		t.Errorf("before the reveal the value reads %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel+` button.reveal`))); err != nil {
		t.Fatalf("reveal: %v", err)
	}
	browsertest.Wait(t, ctx, `document.querySelector(`+jsQuote(sel+` .value`)+`).textContent === `+jsQuote(raw))
	browsertest.Screenshot(t, ctx, "serve-message")
	b, err := os.ReadFile(filepath.Join(caseDir, store.AuditFile))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	var e struct{ User, Finding, Type string }
	if len(lines) != 1 || json.Unmarshal([]byte(lines[0]), &e) != nil || e.User != "tester" || e.Finding != id || e.Type != "passport" {
		t.Errorf("audit log %q", b)
	}
	if strings.Contains(string(b), raw) {
		t.Error("the audit log holds the value")
	}

	// The category table agrees with the report.
	browsertest.ClickNav(t, ctx, `header nav a[href="/categories"]`)
	if n := count("#categories tbody tr"); n == 0 {
		t.Error("no category rows")
	}
	r := mailsift(t, "report", "--case", caseDir, "--format", "json")
	var rep struct {
		PeopleTotal int `json:"people_total"`
	}
	json.Unmarshal([]byte(r.stdout), &rep)
	if rep.PeopleTotal > 0 && !strings.Contains(text("#categories"), fmt.Sprint(rep.PeopleTotal)) {
		t.Errorf("the category table does not show the report's %d people", rep.PeopleTotal)
	}
	browsertest.Screenshot(t, ctx, "serve-categories")
}

// TestServeAddressAndToken: off loopback without a token is refused; with
// one, a wrong token gets 401 and the right one 200.
func TestServeAddressAndToken(t *testing.T) {
	caseDir := filepath.Join(t.TempDir(), "case")
	scanJSON(t, "--case", caseDir, filepath.Join(sampleDir, mailgen.BundleMbox))
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:8080"} {
		r := mailsift(t, "serve", "--case", caseDir, "--addr", addr)
		if r.code != 2 || !strings.Contains(r.stderr, "--token") {
			t.Errorf("serve --addr %s without a token: exit %d\n%s", addr, r.code, r.stderr)
		}
	}
	base := startServe(t, "--case", caseDir, "--addr", "0.0.0.0:0", "--token", "s3cret-token")
	base = strings.Replace(base, "0.0.0.0", "127.0.0.1", 1)
	base = strings.Replace(base, "[::]", "127.0.0.1", 1)
	for _, tc := range []struct {
		auth string
		want int
	}{{"", 401}, {"Bearer wrong", 401}, {"Bearer s3cret-token", 200}} {
		req, _ := http.NewRequest("GET", base+"/api/search?q=type:passport", nil)
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.want {
			t.Errorf("auth %q: %d, want %d", tc.auth, res.StatusCode, tc.want)
		}
	}
}

func jsQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func urlQuery(s string) string {
	return strings.NewReplacer("%", "%25", " ", "%20", "+", "%2B", ":", "%3A", `"`, "%22").Replace(s)
}
