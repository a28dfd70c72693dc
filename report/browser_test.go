package report

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/mailsift/mailsift/internal/browsertest"
)

// TestHTMLInChromium opens the Japanese HTML report in headless Chromium
// and checks what a reader sees: the categories table's rows and numbers,
// both charts drawn with bars of a size, a category count that takes the
// reader to the category's people. It saves a full-page screenshot in the
// test's temp dir and, when MAILSIFT_SCREENSHOT_DIR is set, there.
func TestHTMLInChromium(t *testing.T) {
	ctx := browsertest.New(t)
	r := testReport()
	dir := t.TempDir()
	file := filepath.Join(dir, "report.ja.html")
	if err := os.WriteFile(file, render(t, r, "html", "ja"), 0o644); err != nil {
		t.Fatal(err)
	}

	if err := chromedp.Do(ctx,
		chromedp.Navigate("file://"+file),
		chromedp.WaitVisible(chromedp.CSS("#categories")),
	); err != nil {
		t.Fatalf("open %s: %v", file, err)
	}
	// The table: one row per category, the people and the item counts.
	rows := js[int](t, ctx, `document.querySelectorAll('#categories tbody tr').length`)
	if rows != len(r.Categories) {
		t.Errorf("%d category rows, want %d", rows, len(r.Categories))
	}
	people := js[[]string](t, ctx, `[...document.querySelectorAll('#categories tbody td.people')].map(td => td.textContent.trim())`)
	headers := js[[]string](t, ctx, `[...document.querySelectorAll('#categories thead th.item')].map(th => th.dataset.item)`)
	cells := js[[]string](t, ctx, `[...document.querySelectorAll('#categories tbody tr')].map(tr => [...tr.querySelectorAll('td.num:not(.people)')].map(td => td.textContent.trim()).join(' '))`)
	if len(people) != len(r.Categories) || len(cells) != len(r.Categories) {
		t.Fatalf("people cells %q, item rows %q", people, cells)
	}
	for i, c := range r.Categories {
		if people[i] != comma(c.People) {
			t.Errorf("row %d shows %q people, want %d", i, people[i], c.People)
		}
		var want []string
		for _, typ := range headers {
			if n := c.Items[typ]; n > 0 {
				want = append(want, comma(n))
			} else {
				want = append(want, "—")
			}
		}
		if got := cells[i]; got != strings.Join(want, " ") {
			t.Errorf("row %d items %q, want %q", i, got, strings.Join(want, " "))
		}
	}
	total := js[string](t, ctx, `document.querySelector('#categories tfoot td.people').textContent.trim()`)
	if total != comma(r.PeopleTotal) {
		t.Errorf("total %q, want %d", total, r.PeopleTotal)
	}

	// The charts: both drawn, every bar a visible box.
	for _, id := range []string{"chart-people", "chart-items"} {
		sizes := js[[]float64](t, ctx, `(() => { const s = document.getElementById('`+id+`'); if (!s) return [];
			return [...s.querySelectorAll('rect.bar')].flatMap(r => { const b = r.getBoundingClientRect(); return [b.width, b.height]; }); })()`)
		if len(sizes) == 0 {
			t.Errorf("#%s has no bars", id)
		}
		for i := 0; i+1 < len(sizes); i += 2 {
			if sizes[i] <= 0 || sizes[i+1] <= 0 {
				t.Errorf("#%s bar %d is %vx%v", id, i/2, sizes[i], sizes[i+1])
			}
		}
		box := js[[]float64](t, ctx, `(() => { const b = document.getElementById('`+id+`').getBoundingClientRect(); return [b.width, b.height]; })()`)
		if len(box) != 2 || box[0] < 300 || box[1] < 50 {
			t.Errorf("#%s is %v", id, box)
		}
	}
	bars := js[int](t, ctx, `document.querySelectorAll('#chart-people rect.bar').length`)
	if bars != len(r.Categories) {
		t.Errorf("%d bars in #chart-people, want %d", bars, len(r.Categories))
	}

	// A category's count takes the reader to its people.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#categories tbody tr:nth-child(2) td.people a`))); err != nil {
		t.Fatalf("click: %v", err)
	}
	hash := js[string](t, ctx, `location.hash`)
	want := "#" + anchor("people", r.Categories[1].ID)
	if hash != want {
		t.Errorf("after the click the page is at %q, want %q", hash, want)
	}
	there := js[bool](t, ctx, `(() => { const e = document.getElementById(location.hash.slice(1)); if (!e) return false;
		const b = e.getBoundingClientRect(); return b.top >= -1 && b.top < innerHeight; })()`)
	if !there {
		t.Errorf("%s names no element in view", hash)
	}
	listed := js[int](t, ctx, `(() => { let e = document.getElementById(location.hash.slice(1)).nextElementSibling;
		return e ? e.querySelectorAll('tr[id^="person-"]').length : -1; })()`)
	if listed != r.Categories[1].People {
		t.Errorf("the category's people list has %d rows, want %d", listed, r.Categories[1].People)
	}

	// The screenshot, from the top.
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file)); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}

	// Printed as the page asks (@page size A4), it is A4: 595 x 842 pt.
	yes := true
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) {
		p.PreferCSSPageSize, p.PrintBackground = &yes, &yes
	}))
	if err != nil {
		t.Fatalf("print: %v", err)
	}
	boxes := regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]`).FindAllSubmatch(pdf, -1)
	if len(boxes) == 0 {
		t.Error("the PDF has no page size")
	}
	for _, b := range boxes {
		w, _ := strconv.ParseFloat(string(b[1]), 64)
		h, _ := strconv.ParseFloat(string(b[2]), 64)
		if math.Abs(w-595.28) > 2 || math.Abs(h-841.89) > 2 {
			t.Errorf("a printed page is %sx%s pt, want A4 (595x842)", b[1], b[2])
			break
		}
	}

	dirs := []string{dir}
	if d := os.Getenv("MAILSIFT_SCREENSHOT_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		if err := os.WriteFile(filepath.Join(d, "report.ja.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "report.ja.pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshot (%d bytes) and A4 PDF (%d pages) in %s", len(png), len(boxes), dirs[len(dirs)-1])
}

// js evaluates a JavaScript expression in the page and decodes its value.
func js[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}
