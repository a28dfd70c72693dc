package office

import (
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/extracttest"
)

// Fuzz targets: every extractor must survive any input (extracttest.Check).
// Seeds are the generated documents of the tests, small enough for the
// mutator to reach their XML.

func fuzzEnv() *extract.Env {
	// Small limits keep each run fast; the limits paths get fuzzed too.
	return &extract.Env{Limits: extract.Limits{MaxFileBytes: 4 << 20, MaxBytes: 8 << 20}, Passwords: []string{"pw"}}
}

func FuzzXLSX(f *testing.F) {
	f.Add(genXLSX(f))
	f.Add(genBigXLSX(f, 3, 3))
	enc, err := excelize.Encrypt(genXLSX(f), &excelize.Options{Password: "pw"})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(enc)
	f.Fuzz(func(t *testing.T, data []byte) {
		extracttest.Check(t, XLSX(), "a.xlsx", data, fuzzEnv())
	})
}

func FuzzDOCX(f *testing.F) {
	f.Add(genDOCX(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		extracttest.Check(t, DOCX(), "a.docx", data, fuzzEnv())
	})
}

func FuzzPPTX(f *testing.F) {
	f.Add(genPPTX(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		extracttest.Check(t, PPTX(), "a.pptx", data, fuzzEnv())
	})
}

func FuzzODF(f *testing.F) {
	f.Add(genODT(f), false)
	f.Add(genODS(f), true)
	f.Fuzz(func(t *testing.T, data []byte, sheet bool) {
		if sheet {
			extracttest.Check(t, ODS(), "a.ods", data, fuzzEnv())
		} else {
			extracttest.Check(t, ODT(), "a.odt", data, fuzzEnv())
		}
	})
}

// FuzzXML fuzzes the part walkers directly: inside a zip the mutator
// mostly breaks the deflate stream, not the XML.
func FuzzXML(f *testing.F) {
	f.Add([]byte(`<w:document `+wNS+`><w:body>`+wtbl([]string{"氏名", "山田"}, []string{"住所", "東京"})+`</w:body></w:document>`), uint8(0))
	f.Add([]byte(`<p:sld><a:tbl><a:tr><a:tc><a:p><a:r><a:t>x</a:t></a:r></a:p></a:tc></a:tr></a:tbl></p:sld>`), uint8(1))
	f.Add([]byte(`<office:document-content `+odfNS+`><table:table><table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="date" office:date-value="2024-01-02"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:document-content>`), uint8(3))
	f.Fuzz(func(t *testing.T, xml []byte, kind uint8) {
		var name, member string
		var x extract.Extractor
		var gen func(testing.TB) []byte
		switch kind % 4 {
		case 0:
			name, member, x, gen = "a.docx", "word/document.xml", DOCX(), genDOCX
		case 1:
			name, member, x, gen = "a.pptx", "ppt/slides/slide1.xml", PPTX(), genPPTX
		case 2:
			name, member, x, gen = "a.odt", "content.xml", ODT(), genODT
		default:
			name, member, x, gen = "a.ods", "content.xml", ODS(), genODS
		}
		extracttest.Check(t, x, name, replaceMember(t, gen(t), member, string(xml)), fuzzEnv())
	})
}

func FuzzSheetXML(f *testing.F) {
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>氏名</t></is></c><c r="B1" s="1"><v>29221</v></c></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, sheet []byte) {
		extracttest.Check(t, XLSX(), "a.xlsx", replaceMember(t, genXLSX(t), "xl/worksheets/sheet1.xml", string(sheet)), fuzzEnv())
	})
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte("顧客リスト\r\n氏名,電話番号\r\n山田,03-1234-5678\r\n"))
	f.Add([]byte("\xef\xbb\xbfa;b\n\"x\ny\";2\n"))
	f.Add([]byte("\xff\xfea\x00\tb\x00\n\x00"))
	f.Add([]byte("\x83\x52\x83\x93,\x8e\x81\x96\xbc\r1,2\r"))
	f.Fuzz(func(t *testing.T, data []byte) {
		extracttest.Check(t, CSV(), "a.csv", data, fuzzEnv())
	})
}
