package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/extracttest"
)

// testCacheDir keeps the compiled pdfium between test runs (19 MB), so
// only the first run on a machine pays the ~3 s compilation.
var testCacheDir = filepath.Join(os.TempDir(), "mailsift-test-wazero")

// shared is one Extractor for the tests that need no special options:
// starting pdfium once keeps the package's tests fast.
var shared = sync.OnceValues(func() (*Extractor, error) {
	return New(Options{CacheDir: testCacheDir})
})

func sharedExtractor(t testing.TB) *Extractor {
	t.Helper()
	x, err := shared()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// extractPDF runs x over data named name and returns what the Sink got
// and the returned error.
func extractPDF(t testing.TB, x *Extractor, name string, data []byte, env *extract.Env) (*extracttest.Recorder, error) {
	t.Helper()
	if env == nil {
		env = &extract.Env{}
	}
	f := &extract.File{Name: name, ContentType: "application/pdf", Location: "attachment:" + name, Data: data}
	rec := extracttest.NewRecorder(f, env.Limits)
	timeout := env.Limits.WithDefaults().Timeout
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	err := x.Extract(ctx, f, env, rec)
	return rec, err
}

const loc = "attachment:t.pdf"

func TestText(t *testing.T) {
	x := sharedExtractor(t)
	tests := []struct {
		name  string
		pages []pageSpec
		want  []extract.Segment
	}{{
		name:  "helvetica",
		pages: []pageSpec{{content: textOps("F1", "(Invoice for John Smith)", "(Phone: 555-0100)")}},
		want:  []extract.Segment{{Location: loc + "#p1", Text: "Invoice for John Smith\nPhone: 555-0100"}},
	}, {
		// Non-embedded CID font with a predefined CMap and no ToUnicode:
		// how old Japanese PDFs look. pdfium maps CIDs back with its
		// built-in Adobe-Japan1 tables.
		name:  "UniJIS-UCS2-H",
		pages: []pageSpec{{content: textOps("F2", hexUCS2("氏名：山田 太郎"), hexUCS2("東京都千代田区千代田１－１"), hexUCS2("電話 03-1234-5678"))}},
		want:  []extract.Segment{{Location: loc + "#p1", Text: "氏名：山田 太郎\n東京都千代田区千代田１－１\n電話 03-1234-5678"}},
	}, {
		name:  "90ms-RKSJ-H",
		pages: []pageSpec{{content: textOps("F3", hexSJIS("口座番号　１２３４５６７"), hexSJIS("ﾔﾏﾀﾞ ﾀﾛｳ 様"))}},
		want:  []extract.Segment{{Location: loc + "#p1", Text: "口座番号　１２３４５６７\nﾔﾏﾀﾞ ﾀﾛｳ 様"}},
	}, {
		name: "pages, blank page skipped",
		pages: []pageSpec{
			{content: textOps("F1", "(first)")},
			{content: ""},
			{content: textOps("F2", hexUCS2("三ページ目"))},
		},
		want: []extract.Segment{
			{Location: loc + "#p1", Text: "first"},
			{Location: loc + "#p3", Text: "三ページ目"},
		},
	}, {
		// Hard negative: text drawn in invisible render mode 3 is still a
		// text layer (OCR'd scans use it), and whitespace-only pages are
		// no segment.
		name: "invisible text kept, whitespace page dropped",
		pages: []pageSpec{
			{content: "BT 3 Tr /F1 12 Tf 72 720 Td (hidden layer) Tj ET\n"},
			{content: textOps("F1", "(   )")},
		},
		want: []extract.Segment{{Location: loc + "#p1", Text: "hidden layer"}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := extractPDF(t, x, "t.pdf", pdfDoc{pages: tc.pages}.build(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, rec.Segments); diff != "" {
				t.Errorf("segments (-want +got):\n%s", diff)
			}
			if len(rec.Problems) > 0 || len(rec.Files) > 0 {
				t.Errorf("unexpected problems %v or files %d", rec.Problems, len(rec.Files))
			}
		})
	}
}

func TestFormAndProps(t *testing.T) {
	x := sharedExtractor(t)
	data := pdfDoc{
		pages: []pageSpec{{content: textOps("F2", hexUCS2("口座開設申込書"))}},
		fields: []formField{
			{name: "氏名", label: "お名前", value: "山田 花子", rect: "100 600 300 620"},
			{name: "生年月日", value: "1985年4月1日", rect: "100 570 300 590"},
			{name: "form1[0].page1[0].口座番号[0]", value: "1234567", rect: "100 540 300 560"},
			{name: "住所", value: "大阪府大阪市北区\r梅田1-1", rect: "100 510 300 530"},
			{name: "備考", rect: "100 480 300 500"}, // empty: no segment
		},
		info: map[string]string{"Author": "佐藤 一郎", "Creator": "Microsoft Word", "Title": "申込書"},
	}.build()
	rec, err := extractPDF(t, x, "t.pdf", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []extract.Segment{
		{Location: loc + "#props", Column: "author", Text: "佐藤 一郎"},
		{Location: loc + "#props", Column: "creator", Text: "Microsoft Word"},
		{Location: loc + "#props", Column: "title", Text: "申込書"},
		{Location: loc + "#p1", Text: "口座開設申込書"},
		{Location: loc + "#p1", Column: "氏名 / お名前", Text: "山田 花子"},
		{Location: loc + "#p1", Column: "生年月日", Text: "1985年4月1日"},
		{Location: loc + "#p1", Column: "口座番号", Text: "1234567"},
		{Location: loc + "#p1", Column: "住所", Text: "大阪府大阪市北区\n梅田1-1"},
	}
	if diff := cmp.Diff(want, rec.Segments); diff != "" {
		t.Errorf("segments (-want +got):\n%s", diff)
	}
}

func TestFieldLabel(t *testing.T) {
	tests := []struct{ name, alt, want string }{
		{"氏名", "", "氏名"},
		{"氏名", "氏名", "氏名"},
		{"Text1", "生年月日", "Text1 / 生年月日"},
		{"form1[0].#subform[0].電話番号[0]", "", "電話番号"},
		{"a.b.", "", "a.b."}, // trailing dot: keep as is
		{"", "ご住所", "ご住所"},
		{"[0]", "", "[0]"},
	}
	for _, tc := range tests {
		if got := fieldLabel(tc.name, tc.alt); got != tc.want {
			t.Errorf("fieldLabel(%q, %q) = %q, want %q", tc.name, tc.alt, got, tc.want)
		}
	}
}

func TestScannedPages(t *testing.T) {
	x := sharedExtractor(t)
	data := pdfDoc{pages: []pageSpec{
		{content: textOps("F1", "(a page with a real text layer, long enough)"), image: true},
		{content: imageOps, image: true}, // scan: rendered
		{content: ""},                    // blank: not rendered
		{content: imageOps + textOps("F1", "(FAX 1/3)"), image: true}, // scan with a fax header
	}}.build()
	rec, err := extractPDF(t, x, "t.pdf", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range rec.Files {
		names = append(names, f.Name)
	}
	if diff := cmp.Diff([]string{"page2.png", "page4.png"}, names); diff != "" {
		t.Fatalf("rendered pages (-want +got):\n%s", diff)
	}
	f := rec.Files[0]
	if f.ContentType != "image/png" || f.Location != loc+"/page2.png" {
		t.Errorf("file %q type %q", f.Location, f.ContentType)
	}
	img, err := png.Decode(bytes.NewReader(f.Data))
	if err != nil {
		t.Fatal(err)
	}
	// 612×792 pt at 150 dpi.
	if b := img.Bounds(); b.Dx() != 1275 || b.Dy() != 1650 {
		t.Errorf("size %v, want 1275x1650", b)
	}
	// The image covers x 72..540 pt, left half black, right half white;
	// outside it the page is white.
	gray := func(xpt, ypt float64) uint32 {
		r, _, _, _ := img.At(int(xpt*150/72), int((792-ypt)*150/72)).RGBA()
		return r >> 8
	}
	for _, c := range []struct {
		x, y  float64
		black bool
	}{{150, 400, true}, {450, 400, false}, {30, 400, false}, {150, 750, false}} {
		if g := gray(c.x, c.y); (g < 64) != c.black {
			t.Errorf("pixel at %v,%v pt = %d, want black=%v", c.x, c.y, g, c.black)
		}
	}
}

func TestRenderLimits(t *testing.T) {
	x, err := New(Options{CacheDir: testCacheDir, MaxRenderPages: 3, RenderDPI: 300})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	pages := make([]pageSpec, 5)
	for i := range pages {
		pages[i] = pageSpec{content: imageOps, image: true}
	}
	// 300 dpi would be 2550×3300 = 8.4 Mpx; the pixel limit scales it down.
	env := &extract.Env{Limits: extract.Limits{MaxImagePixels: 1_000_000}}
	rec, err := extractPDF(t, x, "t.pdf", pdfDoc{pages: pages}.build(), env)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Files) != 3 {
		t.Fatalf("%d pages rendered, want 3", len(rec.Files))
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(rec.Files[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	if px := cfg.Width * cfg.Height; px > 1_000_000 || px < 900_000 {
		t.Errorf("rendered %dx%d = %d px, want just under 1,000,000", cfg.Width, cfg.Height, px)
	}
	var le *extract.LimitError
	if len(rec.Problems) != 1 || !errors.As(rec.Problems[0].Err, &le) || le.Limit != "pdf-render-pages" || le.Value != 3 {
		t.Errorf("problems %v, want one pdf-render-pages limit", rec.Problems)
	}
}

func TestRenderSize(t *testing.T) {
	tests := []struct {
		w, h   float64
		max    int64
		ww, wh int
		ok     bool
	}{
		{612, 792, 40_000_000, 1275, 1650, true},
		{612, 792, 1_000_000, 879, 1137, true},
		{14400, 14400, 40_000_000, 6324, 6324, true}, // 200-inch page
		{0, 792, 40_000_000, 0, 0, false},
		{-5, 792, 40_000_000, 0, 0, false},
		{0.01, 100000, 40_000_000, 0, 0, false},
	}
	for _, tc := range tests {
		w, h, ok := renderSize(tc.w, tc.h, 150, tc.max)
		if w != tc.ww || h != tc.wh || ok != tc.ok {
			t.Errorf("renderSize(%v, %v, %d) = %d, %d, %v; want %d, %d, %v", tc.w, tc.h, tc.max, w, h, ok, tc.ww, tc.wh, tc.ok)
		}
	}
}

// manyPages is a PDF of n pages, each saying "page N".
func manyPages(n int) []byte {
	pages := make([]pageSpec, n)
	for i := range pages {
		pages[i] = pageSpec{content: textOps("F1", fmt.Sprintf("(page %d)", i+1))}
	}
	return pdfDoc{pages: pages}.build()
}

func TestPageLimit(t *testing.T) {
	x := sharedExtractor(t)
	env := &extract.Env{Limits: extract.Limits{MaxPDFPages: 300}}
	rec, err := extractPDF(t, x, "t.pdf", manyPages(1000), env)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Segments) != 300 {
		t.Fatalf("%d segments, want 300", len(rec.Segments))
	}
	if s := rec.Segments[299]; s.Location != loc+"#p300" || s.Text != "page 300" {
		t.Errorf("last segment %+v", s)
	}
	var le *extract.LimitError
	if len(rec.Problems) != 1 || !errors.As(rec.Problems[0].Err, &le) || le.Limit != "pdf-pages" || le.Value != 300 {
		t.Errorf("problems %v, want one pdf-pages limit", rec.Problems)
	}
}

func TestKidsLoop(t *testing.T) {
	x := sharedExtractor(t)
	// The root's kids are the real page and a node whose kid is the root,
	// and /Count claims 1,000,001 pages: pdfium returns the real page for
	// every index.
	data := pdfDoc{pages: []pageSpec{{content: textOps("F1", "(before the loop)")}}, kidsLoop: true}.build()
	start := time.Now()
	rec, err := extractPDF(t, x, "t.pdf", data, &extract.Env{Limits: extract.Limits{Timeout: 20 * time.Second}})
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
	if err != nil {
		t.Fatal(err)
	}
	want := []extract.Segment{
		{Location: loc + "#p1", Text: "before the loop"},
		{Location: loc + "#p2", Text: "before the loop"},
		{Location: loc + "#p3", Text: "before the loop"},
	}
	if diff := cmp.Diff(want, rec.Segments); diff != "" {
		t.Errorf("segments (-want +got):\n%s", diff)
	}
	var le *extract.LimitError
	if len(rec.Problems) != 2 || !errors.As(rec.Problems[0].Err, &le) || le.Limit != "pdf-pages" ||
		!strings.Contains(rec.Problems[1].Err.Error(), "497 more pages repeat") {
		t.Errorf("problems %v, want the page limit and 497 repeats", rec.Problems)
	}
}

// TestTimeout: pages that would keep pdfium busy for minutes are stopped
// at the deadline, and the instance that was killed is replaced for the
// next PDF.
func TestTimeout(t *testing.T) {
	x, err := New(Options{CacheDir: testCacheDir})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	// Warm up so the deadline measures the extraction, not pdfium's start.
	if _, err := extractPDF(t, x, "t.pdf", manyPages(1), nil); err != nil {
		t.Fatal(err)
	}
	const timeout = 500 * time.Millisecond
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"10^7 paths through nested forms", heavyPDF(10, 6, 10)},
		{"form drawing itself", selfFormPDF(3)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := &extract.Env{Limits: extract.Limits{Timeout: timeout}}
			start := time.Now()
			_, err := extractPDF(t, x, "t.pdf", tc.data, env)
			if d := time.Since(start); d > timeout+time.Second {
				t.Errorf("returned %v after start, deadline %v", d, timeout)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("err = %v, want deadline exceeded", err)
			}
			rec, err := extractPDF(t, x, "t.pdf", manyPages(2), nil)
			if err != nil || rec.AllText() != "page 1\npage 2" {
				t.Errorf("after a timeout: err %v, text %q", err, rec.AllText())
			}
		})
	}
}

// TestSlowPage: a page that hangs pdfium costs its own time budget (a
// quarter of the attachment's), not the whole attachment: the pages after
// it are read in a fresh instance.
func TestSlowPage(t *testing.T) {
	x := sharedExtractor(t)
	env := &extract.Env{Limits: extract.Limits{Timeout: 8 * time.Second}}
	start := time.Now()
	rec, err := extractPDF(t, x, "t.pdf", hangOnPage2PDF(), env)
	if d := time.Since(start); d > 6*time.Second {
		t.Errorf("took %v, want about 2 s (one step)", d)
	}
	if err != nil {
		t.Fatal(err)
	}
	want := []extract.Segment{{Location: loc + "#p1", Text: "page 1"}, {Location: loc + "#p3", Text: "page 3"}}
	if diff := cmp.Diff(want, rec.Segments); diff != "" {
		t.Errorf("segments (-want +got):\n%s", diff)
	}
	var le *extract.LimitError
	if len(rec.Problems) != 1 || rec.Problems[0].Location != loc+"#p2" || !errors.As(rec.Problems[0].Err, &le) || le.Limit != "time" {
		t.Errorf("problems %v, want a time limit at #p2", rec.Problems)
	}
}

// TestMemoryLimit: an embedded file inflating past MaxMemory makes pdfium
// fail on it alone: the page text is kept, the failure reported, and the
// next PDF is read normally.
func TestMemoryLimit(t *testing.T) {
	x, err := New(Options{CacheDir: testCacheDir, MaxMemory: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rec, err := extractPDF(t, x, "t.pdf", bombPDF(128), nil)
	if err != nil {
		t.Fatal(err)
	}
	if rec.AllText() != "before the bomb" || len(rec.Files) != 0 {
		t.Errorf("text %q, %d files", rec.AllText(), len(rec.Files))
	}
	if len(rec.Problems) != 1 || !errors.Is(rec.Problems[0].Err, extract.ErrCorrupt) {
		t.Errorf("problems %v, want one ErrCorrupt", rec.Problems)
	}
	rec, err = extractPDF(t, x, "t.pdf", manyPages(1), nil)
	if err != nil || rec.AllText() != "page 1" {
		t.Errorf("next PDF: err %v, text %q", err, rec.AllText())
	}
}

func TestEncrypted(t *testing.T) {
	x := sharedExtractor(t)
	secret := []pageSpec{{content: textOps("F2", hexUCS2("マイナンバー 1234 5678 9018"))}}
	locked := pdfDoc{pages: secret, encrypt: true, userPW: "ppap2026", ownerPW: "owner",
		info: map[string]string{"Author": "鈴木"}}.build()
	wantText := "マイナンバー 1234 5678 9018"

	t.Run("no password", func(t *testing.T) {
		rec, err := extractPDF(t, x, "t.pdf", locked, &extract.Env{Passwords: []string{"wrong", "ppap2025"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Segments) != 0 || len(rec.Unlocks) != 0 {
			t.Errorf("got %v, unlocks %v", rec.Segments, rec.Unlocks)
		}
		if len(rec.Problems) != 1 || !errors.Is(rec.Problems[0].Err, extract.ErrEncrypted) || rec.Problems[0].Location != loc {
			t.Errorf("problems %v, want one ErrEncrypted at %s", rec.Problems, loc)
		}
	})
	t.Run("password from env", func(t *testing.T) {
		rec, err := extractPDF(t, x, "t.pdf", locked, &extract.Env{Passwords: []string{"wrong", "ppap2026"}})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(map[string]string{loc: "ppap2026"}, rec.Unlocks); diff != "" {
			t.Errorf("unlocks (-want +got):\n%s", diff)
		}
		want := []extract.Segment{
			{Location: loc + "#props", Column: "author", Text: "鈴木"},
			{Location: loc + "#p1", Text: wantText},
		}
		if diff := cmp.Diff(want, rec.Segments); diff != "" {
			t.Errorf("segments (-want +got):\n%s", diff)
		}
	})
	t.Run("owner password only", func(t *testing.T) {
		// An empty user password opens without asking: no unlock recorded.
		data := pdfDoc{pages: secret, encrypt: true, ownerPW: "owner"}.build()
		rec, err := extractPDF(t, x, "t.pdf", data, &extract.Env{Passwords: []string{"owner"}})
		if err != nil {
			t.Fatal(err)
		}
		if rec.AllText() != wantText || len(rec.Unlocks) != 0 {
			t.Errorf("text %q unlocks %v", rec.AllText(), rec.Unlocks)
		}
	})
}

func TestEmbeddedAndAnnotations(t *testing.T) {
	x := sharedExtractor(t)
	csv := []byte("氏名,電話\n山田,090-1234-5678\n")
	inner := pdfDoc{pages: []pageSpec{{content: textOps("F1", "(inner pdf)")}}}.build()
	data := pdfDoc{
		pages:    []pageSpec{{content: textOps("F1", "(see attachments)")}},
		embedded: map[string][]byte{"顧客一覧.csv": csv, "inner.pdf": inner},
	}.build()
	rec, err := extractPDF(t, x, "t.pdf", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	for _, f := range rec.Files {
		got[f.Name] = f.Data
	}
	if diff := cmp.Diff(map[string][]byte{"顧客一覧.csv": csv, "inner.pdf": inner}, got); diff != "" {
		t.Errorf("embedded files (-want +got):\n%s", diff)
	}

	t.Run("annotations", func(t *testing.T) {
		data := annotatedPDF()
		rec, err := extractPDF(t, x, "t.pdf", data, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := []extract.Segment{
			{Location: loc + "#p1", Text: "body"},
			{Location: loc + "#p1", Text: "山田様の電話 080-1111-2222"},
			{Location: loc + "#p1", Column: "author", Text: "佐藤"},
			{Location: loc + "#p1", Text: "2件目"},
		}
		if diff := cmp.Diff(want, rec.Segments); diff != "" {
			t.Errorf("segments (-want +got):\n%s", diff)
		}
	})
}

// TestNestedPDFOneInstance: the dispatcher reads an embedded PDF with the
// same extractor while the outer one is being read; with one instance
// this deadlocks unless files are handed over after pdfium is released.
func TestNestedPDFOneInstance(t *testing.T) {
	x := sharedExtractor(t)
	inner := pdfDoc{pages: []pageSpec{{content: textOps("F2", hexUCS2("内側の文書"))}}}.build()
	outer := pdfDoc{pages: []pageSpec{{content: textOps("F1", "(outer)")}}, embedded: map[string][]byte{"in.pdf": inner}}.build()
	part := &extract.Part{Path: "2", Location: "attachment:outer.pdf", ContentType: "application/pdf",
		Filename: "outer.pdf", Attachment: true, Data: outer, Status: extract.StatusBinary}
	done := make(chan *extract.Extraction, 1)
	go func() {
		done <- extract.Attachments(context.Background(), []*extract.Part{part}, []extract.Extractor{x}, extract.Env{}, nil)
	}()
	select {
	case ex := <-done:
		var got []string
		for _, s := range ex.Segments {
			got = append(got, s.Location+"="+s.Text)
		}
		want := []string{"attachment:outer.pdf#p1=outer", "attachment:outer.pdf/in.pdf#p1=内側の文書"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("segments (-want +got):\n%s", diff)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("deadlock: nested PDF never extracted")
	}
}

func TestCorruptAndLimits(t *testing.T) {
	x := sharedExtractor(t)
	good := manyPages(3)
	t.Run("garbage", func(t *testing.T) {
		_, err := extractPDF(t, x, "t.pdf", []byte("%PDF-1.4\nthis is not a pdf at all"), nil)
		if !errors.Is(err, extract.ErrCorrupt) {
			t.Errorf("err = %v, want ErrCorrupt", err)
		}
	})
	t.Run("truncated", func(t *testing.T) {
		// No xref, no trailer: pdfium rebuilds the cross-reference table.
		for _, tc := range []struct {
			cut  []byte
			want string
		}{
			{good[:bytes.Index(good, []byte("xref"))], "page 1\npage 2\npage 3"},
			// Cut inside the last page's content stream: the others are read.
			{good[:bytes.LastIndex(good, []byte("(page 3)"))], "page 1\npage 2"},
		} {
			rec, err := extractPDF(t, x, "t.pdf", tc.cut, nil)
			if err != nil || rec.AllText() != tc.want {
				t.Errorf("err %v, text %q, want %q", err, rec.AllText(), tc.want)
			}
			if len(rec.Problems) == 0 || !errors.Is(rec.Problems[0].Err, extract.ErrCorrupt) {
				t.Errorf("problems %v, want the rebuilt trailer reported", rec.Problems)
			}
		}
	})
	t.Run("file bytes", func(t *testing.T) {
		env := &extract.Env{Limits: extract.Limits{MaxFileBytes: int64(len(good) - 1)}}
		rec, err := extractPDF(t, x, "t.pdf", good, env)
		var le *extract.LimitError
		if err != nil || len(rec.Segments) != 0 || len(rec.Problems) != 1 || !errors.As(rec.Problems[0].Err, &le) || le.Limit != "file-bytes" {
			t.Errorf("err %v, segments %d, problems %v", err, len(rec.Segments), rec.Problems)
		}
	})
	t.Run("sink limit stops", func(t *testing.T) {
		env := &extract.Env{Limits: extract.Limits{MaxBytes: 10}}
		rec, err := extractPDF(t, x, "t.pdf", good, env)
		if !errors.Is(err, extract.ErrLimit) || len(rec.Segments) != 1 {
			t.Errorf("err %v, %d segments; want the Sink's limit after 1", err, len(rec.Segments))
		}
	})
}

func TestMatch(t *testing.T) {
	x := sharedExtractor(t)
	tests := []struct {
		name, ctype string
		data        string
		want        bool
	}{
		{"a.bin", "", "%PDF-1.7\n", true},
		{"", "", "junk before\n%PDF-1.4\n", true},
		{"scan.PDF", "", "garbage", true},
		{"x", "application/pdf", "garbage", true},
		{"a.pdf", "application/pdf", "PK\x03\x04zip", false}, // a zip named .pdf
		{"a.pdf", "", "\x89PNG\r\n", false},
		{"a.txt", "text/plain", "hello %PDF-1.3", true}, // magic wins
		{"a.txt", "text/plain", "hello", false},
		{"a.pdf.zip", "", "data", false},
		{"", "", strings.Repeat("x", 1030) + "%PDF-1.4", false}, // too far in
	}
	for _, tc := range tests {
		f := &extract.File{Name: tc.name, ContentType: tc.ctype, Data: []byte(tc.data)}
		if got := x.Match(f); got != tc.want {
			t.Errorf("Match(%q, %q, %.20q) = %v, want %v", tc.name, tc.ctype, tc.data, got, tc.want)
		}
	}
}

func TestConcurrent(t *testing.T) {
	x, err := New(Options{CacheDir: testCacheDir, MaxInstances: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			data := manyPages(i + 1)
			rec, err := extractPDF(t, x, "t.pdf", data, nil)
			if err != nil || len(rec.Segments) != i+1 {
				t.Errorf("doc %d: err %v, %d segments", i, err, len(rec.Segments))
			}
		})
	}
	wg.Wait()
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := extractPDF(t, x, "t.pdf", manyPages(1), nil); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v, want ErrClosed", err)
	}
}

func TestNewOptions(t *testing.T) {
	for _, o := range []Options{{MaxInstances: -1}, {MaxMemory: 1 << 20}, {RenderDPI: -3}} {
		if _, err := New(o); err == nil {
			t.Errorf("New(%+v) = nil error", o)
		}
	}
}

// TestCacheFallback: an unusable cache directory does not stop pdfium.
func TestCacheFallback(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	c, dir := openCache(filepath.Join(file, "sub"))
	defer c.Close(context.Background())
	if dir != "" {
		t.Errorf("cache dir %q, want in-memory fallback", dir)
	}
	c2, dir := openCache(t.TempDir())
	defer c2.Close(context.Background())
	if dir == "" {
		t.Error("writable dir not used")
	}
}
