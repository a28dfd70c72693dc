package office

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/extracttest"
)

// replaceMember returns a copy of the zip with member name's body replaced
// (or added).
func replaceMember(t testing.TB, data []byte, name, body string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var files []zipFile
	found := false
	for _, f := range zr.File {
		if f.Name == name {
			files = append(files, zipFile{name, body})
			found = true
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := b.ReadFrom(rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
		files = append(files, zipFile{f.Name, b.String()})
	}
	if !found {
		files = append(files, zipFile{name, body})
	}
	return makeZip(t, files)
}

// allocs runs fn and returns the bytes it allocated.
func allocs(fn func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	fn()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

func limitName(err error) string {
	var le *extract.LimitError
	if errors.As(err, &le) {
		return le.Limit
	}
	return ""
}

func TestZipBombs(t *testing.T) {
	// 32 MiB of blanks inside a worksheet compress about 1000:1.
	bomb := `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + strings.Repeat(" ", 32<<20) + `</sheetData></worksheet>`
	t.Run("xlsx ratio", func(t *testing.T) {
		data := replaceMember(t, genXLSX(t), "xl/worksheets/sheet1.xml", bomb)
		var err error
		n := allocs(func() { _, err = run(t, XLSX(), "a.xlsx", data, nil) })
		if limitName(err) != "ratio" || !strings.Contains(err.Error(), "xl/worksheets/sheet1.xml") {
			t.Errorf("err = %v, want a ratio limit naming the member", err)
		}
		if n > 16<<20 {
			t.Errorf("allocated %d MiB on a bomb", n>>20)
		}
	})
	t.Run("xlsx file bytes", func(t *testing.T) {
		data := genBigXLSX(t, 2000, 8)
		_, err := run(t, XLSX(), "a.xlsx", data, &extract.Env{Limits: extract.Limits{MaxFileBytes: 64 << 10}})
		if limitName(err) != "file-bytes" {
			t.Errorf("err = %v, want a file-bytes limit", err)
		}
	})
	t.Run("docx header bomb", func(t *testing.T) {
		data := replaceMember(t, genDOCX(t), "word/header1.xml", `<w:hdr `+wNS+`>`+strings.Repeat(" ", 32<<20)+`</w:hdr>`)
		var rec *extracttest.Recorder
		var err error
		n := allocs(func() { rec, err = run(t, DOCX(), "a.docx", data, nil) })
		if err != nil {
			t.Fatal(err)
		}
		// The body is still read; the bomb is a Problem naming the part.
		if len(rec.Segments) != len(wantDOCX)-1 {
			t.Errorf("got %s, want %d segments", rec, len(wantDOCX)-1)
		}
		if len(rec.Problems) != 1 || limitName(rec.Problems[0].Err) != "ratio" || rec.Problems[0].Location != "attachment:a.docx#header1" {
			t.Errorf("problems = %v", rec.Problems)
		}
		if n > 16<<20 {
			t.Errorf("allocated %d MiB on a bomb", n>>20)
		}
	})
}

func TestTruncated(t *testing.T) {
	for _, c := range []struct {
		name string
		x    extract.Extractor
		data []byte
	}{
		{"a.xlsx", XLSX(), genXLSX(t)}, {"a.docx", DOCX(), genDOCX(t)}, {"a.pptx", PPTX(), genPPTX(t)},
		{"a.odt", ODT(), genODT(t)}, {"a.ods", ODS(), genODS(t)},
	} {
		for _, cut := range []int{0, 10, len(c.data) / 2, len(c.data) - 10} {
			_, err := run(t, c.x, c.name, c.data[:cut], nil)
			if !errors.Is(err, extract.ErrCorrupt) || !strings.Contains(err.Error(), c.name) {
				t.Errorf("%s cut at %d: err = %v, want ErrCorrupt naming the file", c.name, cut, err)
			}
		}
	}
}

func TestDamagedPart(t *testing.T) {
	// The XML of the body stops in the middle: what came before is kept.
	doc := `<w:document ` + wNS + `><w:body>` + wp(wr("前半の本文 山田")) + wtbl([]string{"氏名", "電話"}, []string{"佐藤", "03-0000-0000"}) + `<w:p><w:r><w:t>途中`
	data := replaceMember(t, genDOCX(t), "word/document.xml", doc)
	rec, err := run(t, DOCX(), "a.docx", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := rec.AllText()
	for _, want := range []string{"前半の本文 山田", "佐藤", "03-0000-0000", "途中"} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if len(rec.Problems) != 1 || !errors.Is(rec.Problems[0].Err, extract.ErrCorrupt) || !strings.Contains(rec.Problems[0].Err.Error(), "word/document.xml") {
		t.Errorf("problems = %v, want one ErrCorrupt naming word/document.xml", rec.Problems)
	}
}

func TestXMLBombs(t *testing.T) {
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">` +
		`<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">` +
		`<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>`
	deep := strings.Repeat("<w:p>", 200000)
	tests := []struct {
		name, member, body string
		x                  extract.Extractor
		gen                func(testing.TB) []byte
		wantErr            bool // the whole file is refused (excelize would load it)
	}{
		{"docx laughs", "word/document.xml", laughs + `<w:document ` + wNS + `><w:body>` + wp(wr("&lol9;")) + `</w:body></w:document>`, DOCX(), genDOCX, false},
		{"docx deep", "word/document.xml", `<w:document ` + wNS + `><w:body>` + deep, DOCX(), genDOCX, false},
		{"pptx deep", "ppt/slides/slide1.xml", `<p:sld>` + strings.Repeat("<a:p>", 200000), PPTX(), genPPTX, false},
		{"odt deep", "content.xml", `<office:document-content ` + odfNS + `>` + strings.Repeat("<text:p>", 100000), ODT(), genODT, false},
		{"ods deep", "content.xml", `<office:document-content ` + odfNS + `>` + strings.Repeat("<table:table>", 60000), ODS(), genODS, false},
		{"xlsx laughs", "xl/sharedStrings.xml", laughs + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`, XLSX(), genXLSX, false},
		{"xlsx deep sheet", "xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="1">` + strings.Repeat("<x>", 200000), XLSX(), genXLSX, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := replaceMember(t, tt.gen(t), tt.member, tt.body)
			var rec *extracttest.Recorder
			var err error
			start := time.Now()
			n := allocs(func() { rec, err = run(t, tt.x, "a."+strings.Fields(tt.name)[0], data, nil) })
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			if n > 64<<20 {
				t.Errorf("allocated %d MiB", n>>20)
			}
			if strings.Contains(rec.AllText(), "lollol") {
				t.Error("entities were expanded")
			}
			if tt.wantErr {
				if !errors.Is(err, extract.ErrCorrupt) || !strings.Contains(err.Error(), tt.member) {
					t.Errorf("err = %v, want ErrCorrupt naming %s", err, tt.member)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if strings.Contains(tt.name, "deep") {
				found := false
				for _, p := range rec.Problems {
					found = found || (errors.Is(p.Err, extract.ErrCorrupt) && strings.Contains(p.Err.Error(), tt.member))
				}
				if !found {
					t.Errorf("problems = %v, want one naming %s", rec.Problems, tt.member)
				}
			}
		})
	}
}

func TestMillionEmptyCells(t *testing.T) {
	// 1000 rows of 1000 empty styled cells, then one value.
	var b strings.Builder
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for r := 1; r <= 1000; r++ {
		fmt.Fprintf(&b, `<row r="%d">`, r)
		for c := 0; c < 1000; c++ {
			fmt.Fprintf(&b, `<c r="%s%d" s="1"/>`, colName(c), r)
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`<row r="1000000"><c r="B1000000" t="inlineStr"><is><t>最後の行</t></is></c></row></sheetData></worksheet>`)
	data := replaceMember(t, genXLSX(t), "xl/worksheets/sheet1.xml", b.String())
	start := time.Now()
	var rec *extracttest.Recorder
	var err error
	n := allocs(func() { rec, err = run(t, XLSX(), "a.xlsx", data, nil) })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("1M empty cells: %v, %d MiB allocated", time.Since(start), n>>20)
	var got []seg
	for _, s := range segs(rec) {
		if strings.Contains(s.Loc, "#顧客一覧!") && s.Col != "comment" {
			got = append(got, s)
		}
	}
	want := []seg{{"attachment:a.xlsx#顧客一覧!B1000000", "", "最後の行"}}
	if len(got) != 1 || got[0] != want[0] {
		t.Errorf("got %v, want %v", got, want)
	}

	t.Run("csv", func(t *testing.T) {
		rec, err := run(t, CSV(), "a.csv", []byte(strings.Repeat(",", 1_000_000)+"x\n"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if d := segs(rec); len(d) != 1 || d[0].Loc != "attachment:a.csv#BDWGO1" {
			t.Errorf("got %v", d)
		}
	})
	t.Run("ods repeats", func(t *testing.T) {
		content := `<office:document-content ` + odfNS + `><office:body><office:spreadsheet><table:table table:name="S">` +
			`<table:table-row><table:table-cell table:number-columns-repeated="100000000"><text:p>x</text:p></table:table-cell></table:table-row>` +
			`<table:table-row table:number-rows-repeated="100000000"><table:table-cell><text:p>y</text:p></table:table-cell></table:table-row>` +
			`<table:table-row><table:table-cell><text:p>z</text:p></table:table-cell></table:table-row>` +
			`</table:table></office:spreadsheet></office:body></office:document-content>`
		data := replaceMember(t, genODS(t), "content.xml", content)
		rec, err := run(t, ODS(), "a.ods", data, nil)
		if err != nil {
			t.Fatal(err)
		}
		// props, maxRepeat x's, maxRepeat y's, and z numbered after all
		// the repeats (a repeat counts at most 2^24).
		if n := len(rec.Segments); n != 2+2*maxRepeat+1 {
			t.Errorf("%d segments", n)
		}
		if last := rec.Segments[len(rec.Segments)-1]; last.Location != "attachment:a.ods#S!A16777218" || last.Text != "z" {
			t.Errorf("last segment %+v", last)
		}
	})
}

func TestSinkLimit(t *testing.T) {
	env := func() *extract.Env { return &extract.Env{Limits: extract.Limits{MaxBytes: 100}} }
	for _, c := range []struct {
		name string
		x    extract.Extractor
		data []byte
	}{
		{"a.xlsx", XLSX(), genXLSX(t)}, {"a.docx", DOCX(), genDOCX(t)}, {"a.pptx", PPTX(), genPPTX(t)},
		{"a.odt", ODT(), genODT(t)}, {"a.ods", ODS(), genODS(t)},
		{"a.csv", CSV(), []byte(strings.Repeat("氏名,住所\n山田,東京\n", 100))},
	} {
		rec, err := run(t, c.x, c.name, c.data, env())
		if !errors.Is(err, extract.ErrLimit) || limitName(err) != "bytes" {
			t.Errorf("%s: err = %v, want the Sink's bytes limit", c.name, err)
		}
		if len(rec.Segments) == 0 {
			t.Errorf("%s: nothing kept before the limit", c.name)
		}
	}
}

func TestDeadline(t *testing.T) {
	data := genBigXLSX(t, 20000, 8)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	f := &extract.File{Name: "a.xlsx", Location: "attachment:a.xlsx", Data: data}
	rec := extracttest.NewRecorder(f, extract.Limits{})
	start := time.Now()
	err := XLSX().Extract(ctx, f, &extract.Env{}, rec)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("returned after %v", d)
	}
}

func TestSharedStringBomb(t *testing.T) {
	// 100,000 one-letter strings: 1.7 MB of XML, ~20 MB in excelize.
	sst := `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + strings.Repeat("<si><t>a</t></si>", 100000) + `</sst>`
	data := replaceMember(t, genXLSX(t), "xl/sharedStrings.xml", sst)
	_, err := run(t, XLSX(), "a.xlsx", data, &extract.Env{Limits: extract.Limits{MaxFileBytes: 8 << 20, MaxRatio: 10000}})
	if limitName(err) != "file-bytes" || !strings.Contains(err.Error(), "100000 shared strings") {
		t.Errorf("err = %v, want a file-bytes limit on the shared strings", err)
	}
	// The same table is fine under the default limits.
	if _, err := run(t, XLSX(), "a.xlsx", data, &extract.Env{Limits: extract.Limits{MaxRatio: 10000}}); err != nil {
		t.Errorf("default limits: %v", err)
	}
}

func TestCountElements(t *testing.T) {
	for in, want := range map[string]int64{
		`<sst><si><t>a</t></si><si><t>b</t></si></sst>`: 2,
		`<x:sst><x:si><x:t>a</x:t></x:si></x:sst>`:      1,
		`<si xml:space="preserve"/><sig/><s/>`:          1,
		``:                                              0,
	} {
		if got, _ := countElements(strings.NewReader(in), "si"); got != want {
			t.Errorf("countElements(%q) = %d, want %d", in, got, want)
		}
	}
}
