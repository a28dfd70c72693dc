package review

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/mailsift/mailsift/internal/browsertest"
)

// TestReviewInChromium uses the review page as an investigator does, in
// headless Chromium: search, narrow with a facet, open a person and one of
// their messages, reveal a value, follow the category table. It checks
// what the page shows at each step, that the audit log got the reveal,
// that the browser reported no error (a Content Security Policy violation
// would be one), and saves full-page screenshots.
func TestReviewInChromium(t *testing.T) {
	ctx := browsertest.New(t)
	b := newFake()
	log := &lockedBuffer{}
	h, err := NewHandler(b, Options{AuditLog: log, User: "investigator"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	consoleErrors := browsertest.Console(t, ctx)

	text := func(sel string) string {
		t.Helper()
		return strings.TrimSpace(browsertest.Eval[string](t, ctx, `(() => { const e = document.querySelector(`+jsString(sel)+`); return e ? e.textContent : '<missing '+`+jsString(sel)+`+'>'; })()`))
	}
	countOf := func(sel string) int {
		t.Helper()
		return browsertest.Eval[int](t, ctx, `document.querySelectorAll(`+jsString(sel)+`).length`)
	}

	// Search: type the query and press the button.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#q")),
		chromedp.SendKeys(chromedp.CSS("#q"), "お客様"),
	); err != nil {
		t.Fatalf("open the search page: %v", err)
	}
	browsertest.ClickNav(t, ctx, "#go")
	if got := text("#total"); got != "4" {
		t.Errorf("total %q, want 4", got)
	}
	if n := countOf("#hits .hit"); n != 4 {
		t.Errorf("%d hits shown, want 4", n)
	}
	// The highlight is there and visible: a box of a size, with a colour.
	mark := browsertest.Eval[[]any](t, ctx, `(() => { const m = document.querySelector('#hits mark'); if (!m) return [];
		const b = m.getBoundingClientRect(); return [m.textContent, b.width, b.height, getComputedStyle(m).backgroundColor]; })()`)
	if len(mark) != 4 || mark[0] != "お客様" || mark[1].(float64) <= 0 || mark[2].(float64) <= 0 || mark[3] == "rgba(0, 0, 0, 0)" {
		t.Errorf("highlight %v", mark)
	}
	if got := text(`#hit-f-0002 .type`); got != "旅券番号" {
		t.Errorf("the passport's type label is %q", got)
	}
	browsertest.Screenshot(t, ctx, "review-search")

	// A facet term narrows the search.
	browsertest.ClickNav(t, ctx, `#facet-type a[data-term="passport"]`)
	if got := text("#total"); got != "1" {
		t.Errorf("after the facet, total %q, want 1", got)
	}
	if got := browsertest.Eval[string](t, ctx, `document.getElementById('q').value`); got != "お客様 +type:passport" {
		t.Errorf("after the facet, the query is %q", got)
	}
	if n := countOf("#facet-type li.active"); n != 1 {
		t.Errorf("%d active type terms, want 1", n)
	}

	// The person of the hit.
	browsertest.ClickNav(t, ctx, `#hits .hit a.person`)
	if got := text("#person-name"); got != "田*太郎" {
		t.Errorf("person name %q", got)
	}
	if got := text("#person-category"); !strings.Contains(got, "顧客") {
		t.Errorf("person category %q", got)
	}
	if got := text("#person-items"); !strings.Contains(got, "旅券番号") || !strings.Contains(got, "銀行口座情報") {
		t.Errorf("person items %q", got)
	}
	if got := text("#person-reasons li"); !strings.Contains(got, "一致") {
		t.Errorf("merge reason %q", got)
	}
	if n := countOf("#person-findings tr.finding"); n != 4 {
		t.Errorf("%d findings of the person, want 4", n)
	}
	if n := countOf("#person-messages tbody tr"); n != 2 {
		t.Errorf("%d messages of the person, want 2", n)
	}

	// One of their messages: headers and the parts with findings.
	browsertest.ClickNav(t, ctx, `#person-messages a[href="/message/`+fakeSHA1+`"]`)
	if got := text("#message-subject"); got != "【至急】お客様情報の送付" {
		t.Errorf("subject %q", got)
	}
	if got := text("#h-from"); got != "s****@example.co.jp" {
		t.Errorf("from %q", got)
	}
	if got := text("#h-message-id"); got != "<a1@example.jp>" {
		t.Errorf("message-id %q", got)
	}
	if n := countOf("#message-parts section.part"); n != 2 {
		t.Errorf("%d parts, want 2", n)
	}
	if got := text(`section.part[data-part="2"] h3`); !strings.Contains(got, "添付 顧客一覧.xlsx") {
		t.Errorf("part 2 heading %q", got)
	}
	if got := text(`#f-f-0002 .pos`); got != "位置 120–129" {
		t.Errorf("where the passport is: %q", got)
	}

	// Reveal: a click shows the raw value in place and logs it.
	if got := text(`#f-f-0002 .value`); got != "TK*****67" {
		t.Errorf("before the reveal the value is %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#f-f-0002 button.reveal`))); err != nil {
		t.Fatalf("click reveal: %v", err)
	}
	browsertest.Wait(t, ctx, `document.querySelector('#f-f-0002 .value').textContent === 'TK1234567'`)
	if !browsertest.Eval[bool](t, ctx, `document.querySelector('#f-f-0002 .value').classList.contains('revealed')`) {
		t.Error("the revealed value is not marked as such")
	}
	lines := log.lines()
	if len(lines) != 1 {
		t.Fatalf("audit log %q, want one line", lines)
	}
	var e AuditEntry
	if err := json.Unmarshal([]byte(lines[0]), &e); err != nil {
		t.Fatal(err)
	}
	if e.Finding != "f-0002" || e.Type != "passport" || e.User != "investigator" || !strings.HasPrefix(e.Remote, "127.0.0.1:") {
		t.Errorf("audit line %+v", e)
	}
	if when, err := time.Parse(time.RFC3339, e.Time); err != nil || time.Since(when) > time.Minute {
		t.Errorf("audit time %q (%v)", e.Time, err)
	}
	if strings.Contains(lines[0], "TK1234567") {
		t.Error("the audit line holds the value")
	}
	browsertest.Screenshot(t, ctx, "review-message")

	// The category table; a number searches its findings.
	browsertest.ClickNav(t, ctx, `header nav a[href="/categories"]`)
	if n := countOf("#categories tbody tr"); n != 2 {
		t.Errorf("%d category rows, want 2", n)
	}
	browsertest.Screenshot(t, ctx, "review-categories")
	browsertest.ClickNav(t, ctx, `#categories tr[data-category="customer"] td:nth-child(4) a`)
	if got := browsertest.Eval[string](t, ctx, `document.getElementById('q').value`); got != "+category:customer +type:passport" {
		t.Errorf("the category cell searched %q", got)
	}
	if got := text("#total"); got != "1" {
		t.Errorf("category cell: total %q, want 1", got)
	}

	// The person page, for the screenshot.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/person/p-0001")); err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, ctx, "review-person")

	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("the browser reported errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestReviewTokenInChromium opens a server that has a token as a browser
// does: refused without it, then ?token= once, after which the cookie
// carries every page and the reveal.
func TestReviewTokenInChromium(t *testing.T) {
	ctx := browsertest.New(t)
	const token = "t0ken-for-the-browser"
	log := &lockedBuffer{}
	h, err := NewHandler(newFake(), Options{Token: token, AuditLog: log, User: "dpo"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(srv.URL+"/"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != 401 {
		t.Errorf("without the token: %d", res.Status)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/?q="+url.QueryEscape("お客様")+"&token="+token)); err != nil {
		t.Fatal(err)
	}
	if loc := browsertest.Eval[string](t, ctx, `location.search`); strings.Contains(loc, "token") {
		t.Errorf("the token stays in the address bar: %s", loc)
	}
	if got := browsertest.Eval[string](t, ctx, `document.getElementById('total').textContent`); got != "4" {
		t.Errorf("total %q, want 4", got)
	}
	browsertest.ClickNav(t, ctx, `#hits .hit a.person`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#f-f-0001 button.reveal`))); err != nil {
		t.Fatal(err)
	}
	browsertest.Wait(t, ctx, `document.querySelector('#f-f-0001 .value').textContent === '田中太郎'`)
	if lines := log.lines(); len(lines) != 1 || !strings.Contains(lines[0], `"user":"dpo"`) {
		t.Errorf("audit log %q", lines)
	}
}

// jsString quotes s for JavaScript.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
