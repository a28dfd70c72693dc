package review

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The raw values of the fake case: no page or API answer but reveal's may
// hold one.
var rawValues = []string{"田中太郎", "TK1234567", "三菱UFJ銀行", "090-1234-5678", "佐藤花子", "03-1234-5678"}

// lockedBuffer is an audit log the test can read while the server writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) lines() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := strings.TrimSuffix(b.buf.String(), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

var testNow = time.Date(2024, 3, 1, 14, 5, 0, 0, time.FixedZone("JST", 9*3600))

// newTest is a handler over the fake case with an audit log, user
// "investigator" and a fixed clock.
func newTest(t *testing.T) (*fakeBackend, http.Handler, *lockedBuffer) {
	t.Helper()
	b := newFake()
	log := &lockedBuffer{}
	h, err := NewHandler(b, Options{AuditLog: log, User: "investigator", Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	return b, h, log
}

// request sends a request with a loopback Host, as a browser on this machine
// does.
func request(h http.Handler, method, target string, body io.Reader, header map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, body)
	r.Host = "127.0.0.1:8080"
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func getPage(t *testing.T, h http.Handler, target string, status int) string {
	t.Helper()
	w := request(h, "GET", target, nil, nil)
	if w.Code != status {
		t.Fatalf("GET %s: %d, want %d\n%s", target, w.Code, status, w.Body)
	}
	body := w.Body.String()
	for _, v := range rawValues {
		if strings.Contains(body, v) {
			t.Errorf("GET %s shows the raw value %q", target, v)
		}
	}
	return body
}

// links are the targets of the page's links, unescaped.
func links(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// hasLink reports whether the page links to u.
func hasLink(body, u string) bool { return slices.Contains(links(body), u) }

// countMatches counts the matches of a regexp.
func countMatches(body, re string) int {
	return len(regexp.MustCompile(re).FindAllStringIndex(body, -1))
}

func TestSearchPage(t *testing.T) {
	b, h, _ := newTest(t)
	w := request(h, "GET", "/?q=お客様", nil, nil)
	if w.Code != 200 {
		t.Fatalf("status %d\n%s", w.Code, w.Body)
	}
	for k, want := range map[string]string{
		"Content-Type":           "text/html; charset=utf-8",
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "no-referrer",
		"X-Frame-Options":        "DENY",
		"Cache-Control":          "no-store",
	} {
		if got := w.Header().Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	body := getPage(t, h, "/?q=お客様", 200)
	want := SearchRequest{Query: "お客様", Size: DefaultSize, Sort: "score", Facets: []string{"type", "category", "source", "date"}}
	if diff := cmp.Diff(want, b.lastSearch()); diff != "" {
		t.Errorf("the Backend got (-want +got):\n%s", diff)
	}
	if n := countMatches(body, `<li class="hit finding"`); n != 4 {
		t.Errorf("%d hits, want 4", n)
	}
	for _, s := range []string{
		`<strong id="total">4</strong>`,
		`<mark>お客様</mark>`,
		`旅券番号`, `銀行口座情報`, `電話番号`, `氏名`, // pii labels
		`TK*****67`, `田*太郎`,
		`class="reveal" data-id="f-0002"`,
		`【至急】お客様情報の送付`,
		`value="お客様"`, // the query stays in the box
		`<script src="/static/app.js" defer></script>`,
	} {
		if !strings.Contains(body, s) {
			t.Errorf("the page lacks %s", s)
		}
	}
	if strings.Contains(body, "<script>") {
		t.Error("the page has an inline script, which the CSP blocks")
	}
	// Facets: a section per field, a link per term that adds its filter.
	for _, f := range []string{"type", "category", "source", "date"} {
		if !strings.Contains(body, `id="facet-`+f+`"`) {
			t.Errorf("no facet %s", f)
		}
	}
	for _, u := range []string{
		"/person/p-0001", "/message/" + fakeSHA1,
		"/?q=%E3%81%8A%E5%AE%A2%E6%A7%98+%2Btype%3Apassport",
		searchURL(`お客様 +date:>="2024-01-01" +date:<"2024-02-01"`, SearchRequest{}, 0),
		searchURL(`お客様 +category:customer`, SearchRequest{}, 0),
		searchURL(`お客様 +source:"INBOX/取引先"`, SearchRequest{}, 0),
	} {
		if !hasLink(body, u) {
			t.Errorf("no link to %s", u)
		}
	}
	for _, s := range []string{`<span class="label">顧客</span>`, `<span class="label">2024年1月</span>`} {
		if !strings.Contains(body, s) {
			t.Errorf("the facets lack %s", s)
		}
	}
}

func TestSearchFacetFilter(t *testing.T) {
	_, h, _ := newTest(t)
	body := getPage(t, h, searchURL("お客様 +type:passport", SearchRequest{}, 0), 200)
	if n := countMatches(body, `<li class="hit finding"`); n != 1 || !strings.Contains(body, `data-type="passport"`) {
		t.Errorf("%d hits after the filter, want the passport", n)
	}
	// The applied term shows as such, and its link takes the filter off.
	re := regexp.MustCompile(`<li class="active"><a href="([^"]*)" data-term="passport"`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the passport term is not active:\n%s", body)
	}
	if got, want := html.UnescapeString(m[1]), searchURL("お客様", SearchRequest{}, 0); got != want {
		t.Errorf("the active term links %s, want %s", got, want)
	}
	// A date histogram bucket's filter is two clauses.
	body = getPage(t, h, searchURL(`+date:>="2024-02-01" +date:<"2024-03-01"`, SearchRequest{}, 0), 200)
	if n := countMatches(body, `<li class="hit finding"`); n != 3 {
		t.Errorf("%d hits in February, want 3", n)
	}
}

func TestSearchPaging(t *testing.T) {
	b, h, _ := newTest(t)
	body := getPage(t, h, "/?size=2&sort=id", 200)
	if n := countMatches(body, `<li class="hit finding"`); n != 2 || !strings.Contains(body, `<strong id="total">6</strong> 件中 1–2 件目`) {
		t.Errorf("first page: %d hits\n%s", n, body)
	}
	for _, from := range []string{"2", "4"} {
		if !hasLink(body, "/?from="+from+"&size=2&sort=id") {
			t.Errorf("no link to from=%s", from)
		}
	}
	body = getPage(t, h, "/?size=2&sort=id&from=4", 200)
	if !strings.Contains(body, `id="hit-f-0005"`) || !strings.Contains(body, `id="hit-f-0006"`) || !strings.Contains(body, `5–6 件目`) {
		t.Errorf("last page lacks f-0005, f-0006")
	}
	if !hasLink(body, "/?from=2&size=2&sort=id") || strings.Contains(body, "次へ") {
		t.Errorf("last page: want a previous link and no next")
	}
	// Bounds.
	getPage(t, h, "/?size=100000&from=99999999", 200)
	if r := b.lastSearch(); r.Size != MaxSize || r.From != MaxFrom {
		t.Errorf("size %d from %d, want %d %d", r.Size, r.From, MaxSize, MaxFrom)
	}
	getPage(t, h, "/?size=-3&from=-1", 200)
	if r := b.lastSearch(); r.Size != 1 || r.From != 0 {
		t.Errorf("size %d from %d, want 1 0", r.Size, r.From)
	}
	for _, bad := range []string{"/?size=abc", "/?from=x", "/?sort=bogus"} {
		if body := getPage(t, h, bad, 400); !strings.Contains(body, `id="error"`) {
			t.Errorf("%s: no error shown", bad)
		}
	}
	body = getPage(t, h, "/?sort=-date", 200)
	if !strings.Contains(body, `<option value="-date" selected>`) || b.lastSearch().Sort != "-date" {
		t.Errorf("sort -date not applied")
	}
}

func TestSearchBadQuery(t *testing.T) {
	_, h, _ := newTest(t)
	body := getPage(t, h, "/?q=masked:x", 400)
	if !strings.Contains(body, `<p class="error" id="error" role="alert">query: unknown field &#34;masked&#34;`) {
		t.Errorf("the error is not shown:\n%s", body)
	}
	if !strings.Contains(body, `value="masked:x"`) {
		t.Error("the query is not kept in the box")
	}
	// Markup in a query or an error is text.
	body = getPage(t, h, `/?q=%3Cscript%3Ealert(1)%3C/script%3E:x`, 400)
	if strings.Contains(body, "<script>alert") {
		t.Error("the query is not escaped")
	}
}

func TestPersonPage(t *testing.T) {
	_, h, _ := newTest(t)
	body := getPage(t, h, "/person/p-0001", 200)
	for _, s := range []string{
		`<h1 id="person-name">田*太郎</h1>`,
		`顧客`, `タ** タロウ`, `t****@example.jp`,
		`氏名 田*太郎 と携帯電話番号 090-****-5678 が一致`,
		`<span class="type type-passport" title="passport number">旅券番号</span>`,
		`2024-01-15 – 2024-02-03`,
	} {
		if !strings.Contains(body, s) {
			t.Errorf("the person page lacks %s", s)
		}
	}
	if n := countMatches(body, `<tr class="finding"`); n != 4 {
		t.Errorf("%d findings, want 4", n)
	}
	for _, u := range []string{"/message/" + fakeSHA1, "/message/" + fakeSHA2, searchURL("+person:p-0001", SearchRequest{}, 0)} {
		if !hasLink(body, u) {
			t.Errorf("the person page does not link %s", u)
		}
	}
	for _, path := range []string{"/person/p-9999", "/person/"} {
		if body := getPage(t, h, path, 404); !strings.Contains(body, "見つかりません") {
			t.Errorf("%s: not the 404 page", path)
		}
	}
}

func TestMessagePage(t *testing.T) {
	_, h, _ := newTest(t)
	body := getPage(t, h, "/message/"+fakeSHA1, 200)
	for _, s := range []string{
		`<h1 id="message-subject">【至急】お客様情報の送付</h1>`,
		`<dd id="h-from">s****@example.co.jp</dd>`,
		`&lt;a1@example.jp&gt;`,
		`2024-01-15 10:30`,
		`<section class="part" data-part="1">`, `<section class="part" data-part="2">`,
		`添付 顧客一覧.xlsx`, `位置 120–129`,
		`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`,
	} {
		if !strings.Contains(body, s) {
			t.Errorf("the message page lacks %s", s)
		}
	}
	if strings.Index(body, `data-part="1"`) > strings.Index(body, `data-part="2"`) {
		t.Error("parts out of order")
	}
	body = getPage(t, h, "/message/"+fakeSHA2, 200)
	for _, s := range []string{`id="h-cc"`, `k****@example.co.jp`, `unknown charset x-sjis-broken`, `ヘッダー From`} {
		if !strings.Contains(body, s) {
			t.Errorf("the second message lacks %s", s)
		}
	}
	getPage(t, h, "/message/"+strings.Repeat("0", 64), 404)
}

func TestCategoriesPage(t *testing.T) {
	_, h, _ := newTest(t)
	body := getPage(t, h, "/categories", 200)
	heads := regexp.MustCompile(`<th scope="col" class="item" data-item="([a-z_]+)"`).FindAllStringSubmatch(body, -1)
	var items []string
	for _, m := range heads {
		items = append(items, m[1])
	}
	if want := []string{"person_name", "passport", "bank_account", "phone"}; !slices.Equal(items, want) {
		t.Errorf("item columns %q, want %q (pii order)", items, want)
	}
	rows := regexp.MustCompile(`(?s)<tr data-category="(\w+)"><th scope="row">([^<]*)</th>(.*?)</tr>`).FindAllStringSubmatch(body, -1)
	if len(rows) != 2 || rows[0][2] != "顧客" || rows[1][2] != "取引先" {
		t.Fatalf("rows %q", rows)
	}
	cell := regexp.MustCompile(`<td class="num[^"]*">(?:<a [^>]*>)?([^<]*)`)
	texts := func(s string) string {
		var out []string
		for _, m := range cell.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		return strings.Join(out, " ")
	}
	if got := texts(rows[0][3]); got != "1 1 1 1 1" {
		t.Errorf("customer row %q", got)
	}
	if got := texts(rows[1][3]); got != "1 1 — — 1" {
		t.Errorf("partner row %q", got)
	}
	foot := body[strings.Index(body, "<tfoot>"):]
	if got := texts(foot); got != "2 2 1 1 2" {
		t.Errorf("total row %q", got)
	}
	for _, q := range []string{"+category:customer +type:passport", "+category:partner", "+type:phone"} {
		if !hasLink(body, searchURL(q, SearchRequest{}, 0)) {
			t.Errorf("no link to %s", q)
		}
	}
}

func TestNotFoundAndStatic(t *testing.T) {
	_, h, _ := newTest(t)
	if body := getPage(t, h, "/nope", 404); !strings.Contains(body, "<html") {
		t.Error("404 is not the HTML page")
	}
	for path, ctype := range map[string]string{
		"/static/style.css":   "text/css; charset=utf-8",
		"/static/app.js":      "text/javascript; charset=utf-8",
		"/static/favicon.svg": "image/svg+xml",
	} {
		w := request(h, "GET", path, nil, nil)
		if w.Code != 200 || w.Header().Get("Content-Type") != ctype {
			t.Errorf("%s: %d %q", path, w.Code, w.Header().Get("Content-Type"))
		}
	}
	if w := request(h, "GET", "/static/", nil, nil); w.Code != 404 {
		t.Errorf("/static/ lists the directory: %d", w.Code)
	}
	if w := request(h, "POST", "/", nil, nil); w.Code != 404 && w.Code != 405 {
		t.Errorf("POST / is %d", w.Code)
	}
}

func TestAPISearch(t *testing.T) {
	b, h, _ := newTest(t)
	w := request(h, "GET", "/api/search?q=お客様&size=2&sort=id&facet=type,date", nil, nil)
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("%d %s\n%s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	var res apiResult
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 4 || len(res.Hits) != 2 || res.Hits[0].Finding.ID != "f-0001" || res.TookMS != 12 {
		t.Errorf("total %d, %d hits, took %v", res.Total, len(res.Hits), res.TookMS)
	}
	if len(res.Hits) > 0 && !slices.Equal(res.Hits[0].Marks, [][2]int{{0, len("お客様")}}) {
		t.Errorf("marks %v", res.Hits[0].Marks)
	}
	var fields []string
	for _, f := range res.Facets {
		fields = append(fields, f.Field)
	}
	if !slices.Equal(fields, []string{"type", "date"}) || !slices.Equal(b.lastSearch().Facets, fields) {
		t.Errorf("facets %q", fields)
	}
	if strings.Contains(w.Body.String(), `"value"`) {
		t.Error("the JSON has a value field")
	}
	for target, status := range map[string]int{
		"/api/search?facet=bogus": 400,
		"/api/search?q=nope:x":    400,
		"/api/search?size=x":      400,
	} {
		w := request(h, "GET", target, nil, nil)
		var e struct{ Error string }
		if w.Code != status || json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Error == "" {
			t.Errorf("%s: %d %s", target, w.Code, w.Body)
		}
	}
}

// leaky is a Backend whose search answers carry raw values, by mistake.
type leaky struct{ *fakeBackend }

func (l leaky) Search(ctx context.Context, r SearchRequest) (*SearchResult, error) {
	res, err := l.fakeBackend.Search(ctx, r)
	if err != nil {
		return nil, err
	}
	for i := range res.Hits {
		for _, f := range l.findings {
			if f.ID == res.Hits[i].Finding.ID {
				res.Hits[i].Finding.Value, res.Hits[i].Finding.Written = f.Value, f.Value
			}
		}
	}
	return res, nil
}

func TestNoRawValueEvenFromALeakyBackend(t *testing.T) {
	h, err := NewHandler(leaky{newFake()}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	getPage(t, h, "/", 200) // get fails on a raw value
	w := request(h, "GET", "/api/search", nil, nil)
	for _, v := range rawValues {
		if strings.Contains(w.Body.String(), v) {
			t.Errorf("the API shows %q", v)
		}
	}
}

func postReveal(h http.Handler, id string, header map[string]string) *httptest.ResponseRecorder {
	if header == nil {
		header = map[string]string{"X-Mailsift": "reveal", "Content-Type": "application/json"}
	}
	return request(h, "POST", "/api/reveal", strings.NewReader(`{"id":"`+id+`"}`), header)
}

func TestReveal(t *testing.T) {
	b, h, log := newTest(t)

	// Refused: not a POST, no header, another origin. Nothing reaches the
	// Backend or the log.
	if w := request(h, "GET", "/api/reveal?id=f-0002", nil, nil); w.Code != 405 || w.Header().Get("Allow") != "POST" {
		t.Errorf("GET: %d", w.Code)
	}
	if w := postReveal(h, "f-0002", map[string]string{"Content-Type": "application/json"}); w.Code != 403 {
		t.Errorf("no header: %d", w.Code)
	}
	if w := postReveal(h, "f-0002", map[string]string{"X-Mailsift": "reveal", "Origin": "http://evil.example"}); w.Code != 403 {
		t.Errorf("cross-origin: %d", w.Code)
	}
	if w := request(h, "POST", "/api/reveal", strings.NewReader(`id=f-0002`), map[string]string{"X-Mailsift": "reveal"}); w.Code != 400 {
		t.Errorf("form body: %d", w.Code)
	}
	if len(b.reveals) != 0 || len(log.lines()) != 0 {
		t.Fatalf("refused requests revealed %q, logged %q", b.reveals, log.lines())
	}

	w := postReveal(h, "f-0002", map[string]string{"X-Mailsift": "reveal", "Origin": "http://127.0.0.1:8080"})
	if w.Code != 200 {
		t.Fatalf("reveal: %d %s", w.Code, w.Body)
	}
	var got revealResponse
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if want := (revealResponse{ID: "f-0002", Type: "passport", Value: "TK1234567"}); got != want {
		t.Errorf("reveal answered %+v, want %+v", got, want)
	}
	if w.Header().Get("Cache-Control") != "no-store" {
		t.Error("the value may be cached")
	}
	lines := log.lines()
	if len(lines) != 1 {
		t.Fatalf("audit log %q, want one line", lines)
	}
	var e AuditEntry
	if err := json.Unmarshal([]byte(lines[0]), &e); err != nil {
		t.Fatal(err)
	}
	want := AuditEntry{Time: "2024-03-01T14:05:00+09:00", Remote: "192.0.2.1:1234", User: "investigator",
		Action: "reveal", Finding: "f-0002", Type: "passport"}
	if e != want {
		t.Errorf("audit line %+v, want %+v", e, want)
	}
	for _, v := range append(rawValues, "TK*****67") {
		if strings.Contains(lines[0], v) {
			t.Errorf("the audit line holds %q", v)
		}
	}

	if w := postReveal(h, "f-9999", nil); w.Code != 404 {
		t.Errorf("unknown finding: %d", w.Code)
	}
	if n := len(log.lines()); n != 1 {
		t.Errorf("%d audit lines after a failed reveal, want 1", n)
	}
}

// failWriter fails every write, or writes short.
type failWriter struct{ short bool }

func (f failWriter) Write(p []byte) (int, error) {
	if f.short {
		return len(p) / 2, nil
	}
	return 0, errors.New("disk full")
}

func TestRevealFailsClosed(t *testing.T) {
	for _, fw := range []failWriter{{}, {short: true}} {
		h, err := NewHandler(newFake(), Options{AuditLog: fw, User: "u"})
		if err != nil {
			t.Fatal(err)
		}
		w := postReveal(h, "f-0002", nil)
		if w.Code != 500 || strings.Contains(w.Body.String(), "TK1234567") {
			t.Errorf("audit write failed (short %v), yet: %d %s", fw.short, w.Code, w.Body)
		}
	}
	// No audit log at all: no reveal, and no button offering one.
	h, err := NewHandler(newFake(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w := postReveal(h, "f-0002", nil); w.Code != 403 || strings.Contains(w.Body.String(), "TK1234567") {
		t.Errorf("without an audit log: %d %s", w.Code, w.Body)
	}
	if body := getPage(t, h, "/", 200); strings.Contains(body, `class="reveal"`) {
		t.Error("reveal buttons without an audit log")
	}
}

func TestOpenAuditLogAppends(t *testing.T) {
	path := t.TempDir() + "/audit.jsonl"
	for i := range 2 {
		f, err := OpenAuditLog(path)
		if err != nil {
			t.Fatal(err)
		}
		h, err := NewHandler(newFake(), Options{AuditLog: f, User: "u", Now: func() time.Time { return testNow }})
		if err != nil {
			t.Fatal(err)
		}
		if w := postReveal(h, "f-000"+string(rune('1'+i)), nil); w.Code != 200 {
			t.Fatalf("reveal: %d", w.Code)
		}
		f.Close()
	}
	f, err := OpenAuditLog(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b := string(raw)
	if lines := strings.Split(strings.TrimSpace(b), "\n"); len(lines) != 2 ||
		!strings.Contains(lines[0], `"finding":"f-0001"`) || !strings.Contains(lines[1], `"finding":"f-0002"`) {
		t.Errorf("audit file:\n%s", b)
	}
}

func TestHighlight(t *testing.T) {
	s := "お客様 田*太郎 様"
	for _, c := range []struct {
		marks [][2]int
		want  []segment
	}{
		{nil, []segment{{Text: s}}},
		{[][2]int{{0, 9}}, []segment{{"お客様", true}, {Text: " 田*太郎 様"}}},
		// Mid-character cuts widen to whole characters; out of range is clipped.
		{[][2]int{{1, 4}, {len(s) - 1, 999}}, []segment{{"お客", true}, {Text: "様 田*太郎 "}, {"様", true}}},
		// Overlapping and backwards marks do not repeat text.
		{[][2]int{{0, 6}, {3, 9}, {5, 2}}, []segment{{"お客", true}, {"様", true}, {Text: " 田*太郎 様"}}},
	} {
		if diff := cmp.Diff(c.want, highlight(s, c.marks)); diff != "" {
			t.Errorf("highlight %v (-want +got):\n%s", c.marks, diff)
		}
	}
}

func TestClauses(t *testing.T) {
	for _, c := range []struct{ q, clause, want string }{
		{"", "+type:passport", "+type:passport"},
		{"お客様", "+type:passport", "お客様 +type:passport"},
		{"お客様 +type:passport", "+type:passport", "お客様"},
		{"+type:passport お客様", "+type:passport", "お客様"},
		{"a +type:passport b", "+type:passport", "a b"},
		// Only a whole clause counts as present.
		{"+type:passports", "+type:passport", "+type:passports +type:passport"},
	} {
		if got := toggleClause(c.q, c.clause); got != c.want {
			t.Errorf("toggle(%q, %q) = %q, want %q", c.q, c.clause, got, c.want)
		}
	}
	for v, want := range map[string]string{
		"customer":     "+category:customer",
		"INBOX/取引先":    `+category:"INBOX/取引先"`,
		`a "b"`:        `+category:"a \"b\""`,
		"顧客":           "+category:顧客",
		"全角\u3000スペース": "+category:\"全角\u3000スペース\"",
	} {
		if got := clause("category", v); got != want {
			t.Errorf("clause(%q) = %s, want %s", v, got, want)
		}
	}
}
