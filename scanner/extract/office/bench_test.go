package office

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/extracttest"
)

func benchExtract(b *testing.B, x extract.Extractor, name string, data []byte) {
	b.Helper()
	f := &extract.File{Name: name, Location: "attachment:" + name, Data: data}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var segs int
	for b.Loop() {
		rec := extracttest.NewRecorder(f, extract.Limits{})
		if err := x.Extract(context.Background(), f, &extract.Env{}, rec); err != nil {
			b.Fatal(err)
		}
		segs = len(rec.Segments)
	}
	b.ReportMetric(float64(segs), "segments")
}

// BenchmarkXLSX: 10,000 rows × 8 columns of customer data.
func BenchmarkXLSX(b *testing.B) {
	benchExtract(b, XLSX(), "big.xlsx", genBigXLSX(b, 10000, 8))
}

// BenchmarkDOCX: a 500-paragraph document with a 200-row table.
func BenchmarkDOCX(b *testing.B) {
	var body strings.Builder
	for i := 0; i < 500; i++ {
		body.WriteString(wp(wr(fmt.Sprintf("第%d項 山田 太郎様の連絡先は 03-1234-%04d、口座番号 %07d です。", i, i, i)), `<w:r><w:tab/></w:r>`, wr("以上")))
	}
	rows := [][]string{{"氏名", "住所", "電話番号", "生年月日"}}
	for i := 0; i < 200; i++ {
		rows = append(rows, []string{fmt.Sprintf("顧客 %d", i), "東京都千代田区1-1", fmt.Sprintf("090-0000-%04d", i), "1980年1月2日"})
	}
	body.WriteString(wtbl(rows...))
	data := replaceMember(b, genDOCX(b), "word/document.xml", `<w:document `+wNS+`><w:body>`+body.String()+`</w:body></w:document>`)
	benchExtract(b, DOCX(), "big.docx", data)
}

// BenchmarkCSV: 10,000 rows × 8 columns in CP932.
func BenchmarkCSV(b *testing.B) {
	var s strings.Builder
	s.WriteString("氏名,フリガナ,生年月日,住所,電話番号,口座番号,メール,備考\r\n")
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&s, "山田 太郎%d,ヤマダ タロウ,1980/01/02,東京都千代田区%d,03-1234-%04d,%07d,u%d@example.jp,なし\r\n", i, i, i%10000, i, i)
	}
	benchExtract(b, CSV(), "big.csv", encode(b, japanese.ShiftJIS, s.String()))
}
