package office

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/png"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Test documents are generated here, deterministically: XLSX with excelize,
// DOCX/PPTX/ODF by writing their XML into a zip.

// zipFile is one member of a generated zip.
type zipFile struct {
	name string
	body string
}

func makeZip(t testing.TB, files []zipFile) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		hdr := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)}
		if f.name == "mimetype" {
			hdr.Method = zip.Store
		}
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngBytes is a valid 2x2 PNG.
var pngBytes = func() []byte {
	var b bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 2, 2))
	img.Pix[0] = 0xff
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}()

// genXLSX builds the customer workbook of the tests: a title row above the
// header, dates in several formats, numbers with separators and zero
// padding, a form sheet, a hidden sheet, rich text, a comment and an image.
func genXLSX(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	s1 := "顧客一覧"
	must(f.SetSheetName("Sheet1", s1))
	style := func(st *excelize.Style) int {
		id, err := f.NewStyle(st)
		must(err)
		return id
	}
	slash := "yyyy/m/d"
	era := `[$-411]ggge"年"m"月"d"日"`
	pad := "0000000"
	yen := `"¥"#,##0`
	dateSlash := style(&excelize.Style{CustomNumFmt: &slash})
	dateEra := style(&excelize.Style{CustomNumFmt: &era})
	dateBuiltin := style(&excelize.Style{NumFmt: 14})
	dateTime := style(&excelize.Style{NumFmt: 22})
	grouped := style(&excelize.Style{NumFmt: 3})
	padded := style(&excelize.Style{CustomNumFmt: &pad})
	money := style(&excelize.Style{CustomNumFmt: &yen})

	must(f.SetCellValue(s1, "A1", "顧客一覧（2024年4月）"))
	header := []any{"氏名", "フリガナ", "生年月日", "住所", "電話番号", "口座番号", "残高", "登録日時"}
	must(f.SetSheetRow(s1, "A3", &header))
	must(f.SetSheetRow(s1, "A4", &[]any{"山田 太郎", "ヤマダ タロウ", time.Date(1980, 1, 2, 0, 0, 0, 0, time.UTC), "東京都千代田区千代田1-1", "03-1234-5678", 1234567, 1234567, time.Date(2024, 4, 1, 9, 30, 0, 0, time.UTC)}))
	must(f.SetSheetRow(s1, "A5", &[]any{"佐藤　花子", "サトウ ハナコ", time.Date(1975, 12, 31, 0, 0, 0, 0, time.UTC), "大阪府大阪市北区梅田2-2-2", 9012345678, 12345, 50000, time.Date(2024, 4, 2, 18, 5, 0, 0, time.UTC)}))
	must(f.SetCellStyle(s1, "C4", "C4", dateSlash))
	must(f.SetCellStyle(s1, "C5", "C5", dateEra))
	must(f.SetCellStyle(s1, "F5", "F5", padded))
	must(f.SetCellStyle(s1, "G4", "G4", grouped))
	must(f.SetCellStyle(s1, "G5", "G5", money))
	must(f.SetCellStyle(s1, "H4", "H5", dateTime))
	// Row 7: a date in the built-in short date format, after an empty row.
	must(f.SetCellValue(s1, "A7", "鈴木 一郎"))
	must(f.SetCellValue(s1, "C7", time.Date(2001, 2, 3, 0, 0, 0, 0, time.UTC)))
	must(f.SetCellStyle(s1, "C7", "C7", dateBuiltin))
	must(f.SetCellRichText(s1, "D7", []excelize.RichTextRun{{Text: "福岡県"}, {Text: "福岡市", Font: &excelize.Font{Bold: true}}}))
	must(f.AddComment(s1, excelize.Comment{Cell: "A4", Author: "監査担当", Paragraph: []excelize.RichTextRun{{Text: "本人確認済み"}}}))
	must(f.AddPictureFromBytes(s1, "J2", &excelize.Picture{Extension: ".png", File: pngBytes, Format: &excelize.GraphicOptions{}}))

	// A form: labels in A, values in B.
	_, err := f.NewSheet("申込書")
	must(err)
	must(f.SetSheetRow("申込書", "A1", &[]any{"お名前：", "高橋 次郎"}))
	must(f.SetSheetRow("申込書", "A2", &[]any{"メールアドレス", "jiro@example.jp"}))
	must(f.SetSheetRow("申込書", "A3", &[]any{"生年月日", time.Date(1990, 5, 6, 0, 0, 0, 0, time.UTC)}))
	must(f.SetCellStyle("申込書", "B3", "B3", dateSlash))

	_, err = f.NewSheet("hidden")
	must(err)
	must(f.SetSheetRow("hidden", "B2", &[]any{"社員番号", "マイナンバー"}))
	must(f.SetSheetRow("hidden", "B3", &[]any{"E001", 621498320257}))
	must(f.SetSheetVisible("hidden", false))

	must(f.SetDocProps(&excelize.DocProperties{Creator: "田中 一郎", LastModifiedBy: "tanaka@example.co.jp", Created: "2024-04-01T00:00:00Z", Modified: "2024-04-01T00:00:00Z"}))
	buf, err := f.WriteToBuffer()
	must(err)
	return buf.Bytes()
}

// genBigXLSX streams rows×cols cells of customer-like data.
func genBigXLSX(t testing.TB, rows, cols int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	hdr := make([]any, cols)
	for c := range hdr {
		hdr[c] = []string{"氏名", "フリガナ", "生年月日", "住所", "電話番号", "口座番号", "メール", "備考"}[c%8]
	}
	if err := sw.SetRow("A1", hdr); err != nil {
		t.Fatal(err)
	}
	row := make([]any, cols)
	for r := 2; r <= rows+1; r++ {
		for c := range row {
			switch c % 4 {
			case 0:
				row[c] = fmt.Sprintf("顧客%06d 山田", r)
			case 1:
				row[c] = 1000000 + r
			case 2:
				row[c] = fmt.Sprintf("03-%04d-%04d", r%10000, c)
			default:
				row[c] = fmt.Sprintf("user%d@example.jp", r)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	wNS   = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`
	coreX = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>履歴書</dc:title><dc:creator>山田 太郎</dc:creator><cp:lastModifiedBy>人事部 佐藤</cp:lastModifiedBy></cp:coreProperties>`
)

func contentTypes(main string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="` + main + `" ContentType="x"/></Types>`
}

// wp is a Word paragraph of runs.
func wp(runs ...string) string {
	var b bytes.Buffer
	b.WriteString("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>")
	for _, r := range runs {
		b.WriteString(r)
	}
	b.WriteString("</w:p>")
	return b.String()
}

func wr(text string) string {
	return `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

// wtbl is a Word table; a cell "<<2" spans two grid columns.
func wtbl(rows ...[]string) string {
	var b bytes.Buffer
	b.WriteString("<w:tbl><w:tblPr/>")
	for _, r := range rows {
		b.WriteString("<w:tr>")
		for _, c := range r {
			span := ""
			if len(c) > 3 && c[:3] == "<<2" {
				span, c = `<w:gridSpan w:val="2"/>`, c[3:]
			}
			b.WriteString("<w:tc><w:tcPr>" + span + "</w:tcPr>" + wp(wr(c)) + "</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
	return b.String()
}

// genDOCX builds a résumé-like document: text with tabs and breaks, a
// text box (AlternateContent), a form table, a header table with a merged
// cell, tracked changes, header, footer, footnote, comment and a photo.
func genDOCX(t testing.TB) []byte {
	body := wp(wr("履歴書")) +
		wp(wr("氏名"), `<w:r><w:tab/></w:r>`, wr("山田 太郎"), `<w:r><w:br/></w:r>`, wr("電話 03-1234-5678")) +
		wp(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>`+wp(wr("テキストボックス"))+`</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>`+wp(wr("テキストボックス"))+`</w:pict></mc:Fallback></mc:AlternateContent></w:r>`) +
		wtbl([]string{"氏名", "山田 太郎"}, []string{"生年月日", "1980年1月2日"}, []string{"メール", "taro@example.jp"}) +
		wp(wr("家族"), `<w:del w:author="監査 花子"><w:r><w:delText>削除された口座 1234567</w:delText></w:r></w:del>`, `<w:ins w:author="監査 花子"><w:r><w:t>追記</w:t></w:r></w:ins>`) +
		wtbl([]string{"続柄", "氏名", "年齢"}, []string{"妻", "山田 花子", "40"}, []string{"<<2長男 山田 一郎", "12"}) +
		wp(wr("以上"), `<w:r><w:instrText> PAGE </w:instrText></w:r>`)
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wNS + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`
	return makeZip(t, []zipFile{
		{"[Content_Types].xml", contentTypes("/word/document.xml")},
		{"word/document.xml", doc},
		{"word/header1.xml", `<w:hdr ` + wNS + `>` + wp(wr("社外秘")) + `</w:hdr>`},
		{"word/footer1.xml", `<w:ftr ` + wNS + `>` + wp(wr("株式会社サンプル")) + `</w:ftr>`},
		{"word/footnotes.xml", `<w:footnotes ` + wNS + `><w:footnote w:id="0">` + wp(wr("")) + `</w:footnote><w:footnote w:id="1">` + wp(wr("旧姓 鈴木")) + `</w:footnote></w:footnotes>`},
		{"word/comments.xml", `<w:comments ` + wNS + `><w:comment w:id="0" w:author="人事 次郎">` + wp(wr("要確認")) + `</w:comment></w:comments>`},
		{"word/media/image1.png", string(pngBytes)},
		{"docProps/core.xml", coreX},
	})
}

// genPPTX builds slides 1, 2 and 10 (stored out of order), notes linked by
// relationships, a table and an image.
func genPPTX(t testing.TB) []byte {
	const ns = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"`
	sp := func(paras ...string) string {
		s := `<p:sp><p:txBody>`
		for _, p := range paras {
			s += `<a:p><a:r><a:rPr lang="ja-JP"/><a:t>` + p + `</a:t></a:r><a:endParaRPr/></a:p>`
		}
		return s + `</p:txBody></p:sp>`
	}
	slide := func(content string) string {
		return `<p:sld ` + ns + `><p:cSld><p:spTree>` + content + `</p:spTree></p:cSld></p:sld>`
	}
	tbl := `<p:graphicFrame><a:graphic><a:graphicData><a:tbl><a:tblPr/>` +
		`<a:tr><a:tc><a:txBody><a:p><a:r><a:t>氏名</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>電話番号</a:t></a:r></a:p></a:txBody></a:tc></a:tr>` +
		`<a:tr><a:tc><a:txBody><a:p><a:r><a:t>高橋 三郎</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>090-1111-2222</a:t></a:r></a:p></a:txBody></a:tc></a:tr>` +
		`</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`
	rels := func(n string) string {
		return `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide" Target="../notesSlides/notesSlide` + n + `.xml"/></Relationships>`
	}
	return makeZip(t, []zipFile{
		{"[Content_Types].xml", contentTypes("/ppt/presentation.xml")},
		{"ppt/presentation.xml", `<p:presentation ` + ns + `/>`},
		{"ppt/slides/slide10.xml", slide(sp("最後のスライド"))},
		{"ppt/slides/slide2.xml", slide(sp("顧客リスト") + tbl)},
		{"ppt/slides/slide1.xml", slide(sp("営業報告") + `<p:sp><p:txBody><a:p><a:r><a:t>2024年</a:t></a:r><a:br/><a:r><a:t>4月</a:t></a:r></a:p></p:txBody></p:sp>`)},
		{"ppt/slides/_rels/slide2.xml.rels", rels("1")},
		{"ppt/notesSlides/notesSlide1.xml", `<p:notes ` + ns + `><p:cSld><p:spTree>` + sp("口座 1234567 は口頭で") + `</p:spTree></p:cSld></p:notes>`},
		{"ppt/media/image3.jpeg", "\xff\xd8\xff\xe0 not really a jpeg"},
		{"docProps/core.xml", coreX},
	})
}

const (
	odfNS   = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"`
	odfMeta = `<office:document-meta ` + odfNS + `><office:meta><meta:initial-creator>伊藤 四郎</meta:initial-creator><dc:creator>ito@example.jp</dc:creator></office:meta></office:document-meta>`
)

func genODT(t testing.TB) []byte {
	content := `<office:document-content ` + odfNS + `><office:body><office:text>` +
		`<text:h>社員名簿</text:h><text:p>担当<text:s text:c="2"/>伊藤<text:tab/>内線 1234<text:line-break/>以上</text:p>` +
		`<table:table table:name="T1"><table:table-row><table:table-cell><text:p>氏名</text:p></table:table-cell><table:table-cell><text:p>住所</text:p></table:table-cell></table:table-row>` +
		`<table:table-row><table:table-cell><text:p>伊藤 四郎</text:p></table:table-cell><table:table-cell><text:p>名古屋市中区1-2</text:p></table:table-cell></table:table-row>` +
		`<table:table-row><table:table-cell table:number-columns-repeated="2"/></table:table-row></table:table>` +
		`</office:text></office:body></office:document-content>`
	return makeZip(t, []zipFile{
		{"mimetype", "application/vnd.oasis.opendocument.text"},
		{"content.xml", content},
		{"meta.xml", odfMeta},
		{"Pictures/photo.png", string(pngBytes)},
		{"Thumbnails/thumbnail.png", string(pngBytes)},
	})
}

func genODS(t testing.TB) []byte {
	cell := func(attrs, text string) string {
		return `<table:table-cell ` + attrs + `><text:p>` + text + `</text:p></table:table-cell>`
	}
	content := `<office:document-content ` + odfNS + `><office:body><office:spreadsheet>` +
		`<table:table table:name="名簿">` +
		`<table:table-row>` + cell(`office:value-type="string"`, "会員名簿") + `</table:table-row>` +
		`<table:table-row>` + cell(``, "氏名") + cell(``, "生年月日") + cell(``, "口座番号") + cell(``, "登録") + `</table:table-row>` +
		`<table:table-row>` + cell(`office:value-type="string"`, "渡辺 五郎") + cell(`office:value-type="date" office:date-value="1985-03-04"`, "1985/3/4") +
		cell(`office:value-type="float" office:value="7654321"`, "7,654,321") + cell(`office:value-type="date" office:date-value="2024-04-01T09:30:00"`, "2024/04/01 09:30") + `</table:table-row>` +
		`<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>` +
		`<table:table-row><table:table-cell table:number-columns-repeated="2"/>` + `<table:table-cell><office:annotation><dc:creator>監査</dc:creator><text:p>要確認</text:p></office:annotation><text:p>備考あり</text:p></table:table-cell></table:table-row>` +
		`</table:table></office:spreadsheet></office:body></office:document-content>`
	return makeZip(t, []zipFile{
		{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
		{"content.xml", content},
		{"meta.xml", odfMeta},
	})
}

// padZip adds an incompressible member so that an encrypted copy is over
// 4 KiB: excelize.Encrypt writes smaller payloads into a CFB mini stream
// that mscfb cannot read back (real Office files are larger).
func padZip(t testing.TB, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var files []zipFile
	for _, f := range zr.File {
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
	var pad bytes.Buffer
	x := uint32(1)
	for i := 0; i < 16<<10; i++ {
		x = x*1664525 + 1013904223
		pad.WriteByte("0123456789abcdef"[x>>28])
	}
	files = append(files, zipFile{"customXml/pad.xml", "<pad>" + pad.String() + "</pad>"})
	return makeZip(t, files)
}
