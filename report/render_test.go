package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenCases are the outputs kept in testdata/: every format in Japanese,
// JSON and Markdown in English.
var goldenCases = []struct{ format, lang string }{
	{"md", "ja"}, {"html", "ja"}, {"csv", "ja"}, {"json", "ja"}, {"xlsx", "ja"},
	{"json", "en"}, {"md", "en"},
}

// TestGolden compares each output with its golden file; -update rewrites
// them (go test ./report -run Golden -update). An xlsx file is compared by
// the cell values, links and styles read back, since its bytes are not
// stable.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.format+"_"+c.lang, func(t *testing.T) {
			got := render(t, testReport(), c.format, c.lang)
			name := fmt.Sprintf("report.%s.%s", c.lang, c.format)
			if c.format == "xlsx" {
				got = dumpXLSX(t, got)
				name += ".txt"
			}
			path := filepath.Join("testdata", name)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -run Golden -update)", err)
			}
			if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")); diff != "" {
				t.Errorf("%s differs (-want +got):\n%s", path, diff)
			}
		})
	}
}

func render(t *testing.T, r *Report, format, lang string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, r, format, lang); err != nil {
		t.Fatalf("Render(%s, %s): %v", format, lang, err)
	}
	return b.Bytes()
}

// dumpXLSX writes a workbook as text: per sheet its rows, cells as
// displayed and tab-separated, a number marked #, a bold cell *so*, a
// link with → and its place.
func dumpXLSX(t *testing.T, data []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sheet)
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for y, row := range rows {
			cells := make([]string, len(row))
			for x, v := range row {
				cell, _ := excelize.CoordinatesToCellName(x+1, y+1)
				if v == "" {
					continue
				}
				// A number cell has no type attribute: excelize reads it as
				// unset.
				if typ, _ := f.GetCellType(sheet, cell); typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
					v = "#" + v
				}
				if st, _ := f.GetCellStyle(sheet, cell); st != 0 {
					if s, _ := f.GetStyle(st); s != nil && s.Font != nil && s.Font.Bold {
						v = "*" + v + "*"
					}
				}
				if ok, target, _ := f.GetCellHyperLink(sheet, cell); ok {
					v += "→" + target
				}
				cells[x] = v
			}
			fmt.Fprintf(&b, "%s\n", strings.Join(cells, "\t"))
		}
	}
	return []byte(b.String())
}

// TestXLSXNumbersAndHeaders checks what the golden dump records: the
// header rows are bold, counts are numbers, a category count links to
// its people.
func TestXLSXNumbersAndHeaders(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(render(t, testReport(), "xlsx", "ja")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"カテゴリ別", "組み合わせ", "特記事項", "要確認", "未分類ドメイン", "調査範囲", "集計の定義", "人物一覧"}
	if diff := cmp.Diff(want, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	for _, sheet := range f.GetSheetList() {
		st, _ := f.GetCellStyle(sheet, "A1")
		s, _ := f.GetStyle(st)
		if s == nil || s.Font == nil || !s.Font.Bold {
			t.Errorf("%s!A1 is not bold", sheet)
		}
	}
	// C2 is the people of the first category: 4, a number, linked to the
	// first person of the category.
	if v, _ := f.GetCellValue("カテゴリ別", "C2"); v != "4" {
		t.Errorf("カテゴリ別!C2 = %q, want 4", v)
	}
	if typ, _ := f.GetCellType("カテゴリ別", "C2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("カテゴリ別!C2 has type %v, want a number", typ)
	}
	ok, target, _ := f.GetCellHyperLink("カテゴリ別", "C3")
	if !ok || target != "'人物一覧'!A6" {
		t.Errorf("カテゴリ別!C3 links to %q (%v), want '人物一覧'!A6", target, ok)
	}
	if v, _ := f.GetCellValue("人物一覧", "A6"); v != "p-0005" {
		t.Errorf("人物一覧!A6 = %q, want p-0005, the first regulator", v)
	}
	if v, _ := f.GetCellValue("調査範囲", "B7"); v != "12,345" {
		t.Errorf("調査範囲!B7 = %q, want 12,345", v)
	}
}

func TestRenderErrors(t *testing.T) {
	r := testReport()
	var b bytes.Buffer
	if err := Render(&b, r, "pdf", "ja"); !errors.Is(err, ErrFormat) {
		t.Errorf("format pdf: %v, want ErrFormat", err)
	}
	if err := Render(&b, r, "md", "fr"); !errors.Is(err, ErrLang) {
		t.Errorf("lang fr: %v, want ErrLang", err)
	}
	if err := Render(&b, nil, "md", "ja"); err == nil {
		t.Error("nil report: no error")
	}
	b.Reset()
	if err := Render(&b, r, "", ""); err != nil || !strings.HasPrefix(b.String(), "# 個人情報漏えい調査報告書") {
		t.Errorf("defaults: %v, %.40q; want Japanese Markdown", err, b.String())
	}
}

// TestDeterministic renders every text format twice.
func TestDeterministic(t *testing.T) {
	for _, format := range []string{"md", "html", "csv", "json"} {
		for _, lang := range Langs {
			a, b := render(t, testReport(), format, lang), render(t, testReport(), format, lang)
			if !bytes.Equal(a, b) {
				t.Errorf("%s %s: two renderings differ", format, lang)
			}
		}
	}
}

// TestJSONShape checks the keys and types of the interface's JSON.
func TestJSONShape(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(render(t, testReport(), "json", "ja"), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["people_total"] != 8.0 {
		t.Errorf("people_total = %v, want 8", doc["people_total"])
	}
	cat := doc["categories"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "label", "people", "items"} {
		if _, ok := cat[k]; !ok {
			t.Errorf("categories[0] has no %q", k)
		}
	}
	if cat["label"] != "顧客" || cat["people"] != 4.0 || cat["items"].(map[string]any)["passport"] != 2.0 {
		t.Errorf("categories[0] = %v", cat)
	}
	combo := doc["combinations"].([]any)[0].(map[string]any)
	if combo["people"] != 3.0 || len(combo["items"].([]any)) != 4 {
		t.Errorf("combinations[0] = %v, want the 3 people with name, e-mail, company, title", combo)
	}
	special := doc["special"].(map[string]any)
	for k, want := range map[string]float64{"my_number_people": 1, "id_document_people": 2, "financial_people": 2} {
		if special[k] != want {
			t.Errorf("special.%s = %v, want %v", k, special[k], want)
		}
	}
	p := doc["people"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "category", "names", "emails", "phones", "items", "messages"} {
		if _, ok := p[k]; !ok {
			t.Errorf("people[0] has no %q", k)
		}
	}
}

func TestCSVFormulaSafe(t *testing.T) {
	r := &Report{Categories: []Category{
		{ID: "=a", Label: "=HYPERLINK(\"x\")"}, {ID: "+b", Label: "-c"}, {ID: "@d", Label: "\tq"}, {ID: "e", Label: "\rz"},
	}}
	rows, err := csv.NewReader(bytes.NewReader(render(t, r, "csv", "ja"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1 : len(rows)-1] {
		for _, cell := range row[:2] {
			if cell != "" && cell != "e" && !strings.HasPrefix(cell, "'") {
				t.Errorf("cell %q is not neutralised", cell)
			}
		}
	}
}

func TestComma(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 2540: "2,540", 112364: "112,364", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := comma(n); got != want {
			t.Errorf("comma(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	out := string(render(t, testReport(), "md", "ja"))
	if strings.Contains(out, "<b>") {
		t.Error("a name's HTML reached the Markdown unescaped")
	}
	if !strings.Contains(out, `\<b\>Evil\</b\> =1+2 \| x`) {
		t.Error("the hostile name is not escaped as expected")
	}
	for _, want := range []string{"◆漏えいした個人情報の人数 4 人", "12,345 通", "氏名、旅券番号、銀行口座情報"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the Markdown", want)
		}
	}
}

// TestEmptyAndOdd renders a report with nothing in it, and one with a
// finding type pii does not know and a person of an unlisted category.
func TestEmptyAndOdd(t *testing.T) {
	odd := testReport()
	odd.Categories[0].Items["shoe_size"] = 1
	odd.People[0].Items = append(odd.People[0].Items, "shoe_size")
	odd.People = append(odd.People, Person{ID: "p 9/9", Category: "lost", Names: []string{"迷子"}, Items: []string{"email"}})
	for _, r := range []*Report{{}, odd} {
		for _, format := range Formats {
			for _, lang := range Langs {
				out := render(t, r, format, lang)
				if len(out) == 0 {
					t.Errorf("%s %s: empty output", format, lang)
				}
			}
		}
	}
	checkSelfContained(t, render(t, odd, "html", "ja"), "ja")
	page := string(render(t, odd, "html", "ja"))
	for _, want := range []string{`id="ci-customer--shoe_size"`, `id="person-~7020392f39"`, `id="people-lost"`} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s in the page", want)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	r := bigReport()
	for _, format := range Formats {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				if err := Render(io.Discard, r, format, "ja"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
