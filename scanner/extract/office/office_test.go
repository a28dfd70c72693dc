package office

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/extracttest"
)

// seg is a Segment in the short form the tables use.
type seg struct{ Loc, Col, Text string }

func run(t testing.TB, x extract.Extractor, name string, data []byte, env *extract.Env) (*extracttest.Recorder, error) {
	t.Helper()
	f := &extract.File{Name: name, Location: "attachment:" + name, Data: data}
	if env == nil {
		env = &extract.Env{}
	}
	rec := extracttest.NewRecorder(f, env.Limits)
	if !x.Match(f) {
		t.Fatalf("%s does not match %s", x.Name(), name)
	}
	err := x.Extract(context.Background(), f, env, rec)
	return rec, err
}

func segs(rec *extracttest.Recorder) []seg {
	var out []seg
	for _, s := range rec.Segments {
		out = append(out, seg{s.Location, s.Column, s.Text})
	}
	return out
}

func fileNames(rec *extracttest.Recorder) []string {
	var out []string
	for _, f := range rec.Files {
		out = append(out, f.Name+" "+f.ContentType)
	}
	return out
}

func noProblems(t *testing.T, rec *extracttest.Recorder) {
	t.Helper()
	for _, p := range rec.Problems {
		t.Errorf("problem at %s: %v", p.Location, p.Err)
	}
}

// extractAll runs x on a document that must read without problems and
// checks its segments and the files it hands over (nil: none checked).
func extractAll(t *testing.T, x extract.Extractor, name string, data []byte, want []seg, files []string) *extracttest.Recorder {
	t.Helper()
	rec, err := run(t, x, name, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	noProblems(t, rec)
	if d := cmp.Diff(want, segs(rec)); d != "" {
		t.Errorf("segments (-want +got):\n%s", d)
	}
	if files != nil {
		if d := cmp.Diff(files, fileNames(rec)); d != "" {
			t.Errorf("files (-want +got):\n%s", d)
		}
	}
	return rec
}

const xl = "attachment:顧客一覧.xlsx"

var wantXLSX = []seg{
	{xl + "#props", "creator", "田中 一郎"},
	{xl + "#props", "lastModifiedBy", "tanaka@example.co.jp"},
	// The title row above the header has no Column; the header row names
	// the columns of the rows below it.
	{xl + "#顧客一覧!A1", "", "顧客一覧（2024年4月）"},
	{xl + "#顧客一覧!A3", "", "氏名"},
	{xl + "#顧客一覧!B3", "", "フリガナ"},
	{xl + "#顧客一覧!C3", "", "生年月日"},
	{xl + "#顧客一覧!D3", "", "住所"},
	{xl + "#顧客一覧!E3", "", "電話番号"},
	{xl + "#顧客一覧!F3", "", "口座番号"},
	{xl + "#顧客一覧!G3", "", "残高"},
	{xl + "#顧客一覧!H3", "", "登録日時"},
	{xl + "#顧客一覧!A4", "氏名", "山田 太郎"},
	{xl + "#顧客一覧!B4", "フリガナ", "ヤマダ タロウ"},
	{xl + "#顧客一覧!C4", "生年月日", "1980-01-02"}, // yyyy/m/d
	{xl + "#顧客一覧!D4", "住所", "東京都千代田区千代田1-1"},
	{xl + "#顧客一覧!E4", "電話番号", "03-1234-5678"},
	{xl + "#顧客一覧!F4", "口座番号", "1234567"},
	{xl + "#顧客一覧!G4", "残高", "1234567"}, // #,##0 without the commas
	{xl + "#顧客一覧!H4", "登録日時", "2024-04-01 09:30"},
	{xl + "#顧客一覧!A5", "氏名", "佐藤\u3000花子"},
	{xl + "#顧客一覧!B5", "フリガナ", "サトウ ハナコ"},
	{xl + "#顧客一覧!C5", "生年月日", "1975-12-31"}, // 和暦 format
	{xl + "#顧客一覧!D5", "住所", "大阪府大阪市北区梅田2-2-2"},
	{xl + "#顧客一覧!E5", "電話番号", "9012345678"}, // stored as a number: the 0 is lost in the file
	{xl + "#顧客一覧!F5", "口座番号", "0012345"},    // 0000000 keeps the padding
	{xl + "#顧客一覧!G5", "残高", "¥50000"},       // "¥"#,##0
	{xl + "#顧客一覧!H5", "登録日時", "2024-04-02 18:05"},
	{xl + "#顧客一覧!A7", "氏名", "鈴木 一郎"},
	{xl + "#顧客一覧!C7", "生年月日", "2001-02-03"}, // built-in 14
	{xl + "#顧客一覧!D7", "住所", "福岡県福岡市"},       // rich text
	{xl + "#顧客一覧!A4", "comment", "監査担当:\n本人確認済み"},
	{xl + "#申込書!A1", "", "お名前："},
	{xl + "#申込書!B1", "お名前", "高橋 次郎"},
	{xl + "#申込書!A2", "", "メールアドレス"},
	{xl + "#申込書!B2", "メールアドレス", "jiro@example.jp"},
	{xl + "#申込書!A3", "", "生年月日"},
	{xl + "#申込書!B3", "生年月日", "1990-05-06"},
	{xl + "#hidden!B2", "", "社員番号"},
	{xl + "#hidden!C2", "", "マイナンバー"},
	{xl + "#hidden!B3", "社員番号", "E001"},
	{xl + "#hidden!C3", "マイナンバー", "621498320257"},
}

func TestXLSX(t *testing.T) {
	extractAll(t, XLSX(), "顧客一覧.xlsx", genXLSX(t), wantXLSX, []string{"xl/media/image1.png image/png"})
}

func TestXLSXEncrypted(t *testing.T) {
	plain := genXLSX(t)
	enc, err := excelize.Encrypt(plain, &excelize.Options{Password: "PPAP-2024"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("no password", func(t *testing.T) {
		rec, err := run(t, XLSX(), "顧客一覧.xlsx", enc, &extract.Env{Passwords: []string{"wrong"}})
		if !errors.Is(err, extract.ErrEncrypted) {
			t.Fatalf("err = %v, want ErrEncrypted", err)
		}
		if len(rec.Segments) != 0 || len(rec.Unlocks) != 0 {
			t.Errorf("got %s, unlocks %v", rec, rec.Unlocks)
		}
	})
	t.Run("PPAP password", func(t *testing.T) {
		rec, err := run(t, XLSX(), "顧客一覧.xlsx", enc, &extract.Env{Passwords: []string{"wrong", "PPAP-2024"}})
		if err != nil {
			t.Fatal(err)
		}
		if got := rec.Unlocks[xl]; got != "PPAP-2024" {
			t.Errorf("unlocked with %q", got)
		}
		if d := cmp.Diff(wantXLSX, segs(rec)); d != "" {
			t.Errorf("segments (-want +got):\n%s", d)
		}
	})
	t.Run("docx too", func(t *testing.T) {
		encDoc, err := excelize.Encrypt(padZip(t, genDOCX(t)), &excelize.Options{Password: "pw"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = run(t, DOCX(), "a.docx", encDoc, nil)
		if !errors.Is(err, extract.ErrEncrypted) {
			t.Fatalf("err = %v, want ErrEncrypted", err)
		}
		rec, err := run(t, DOCX(), "a.docx", encDoc, &extract.Env{Passwords: []string{"pw"}})
		if err != nil || len(rec.Segments) != len(wantDOCX) {
			t.Fatalf("err %v, %s", err, rec)
		}
	})
}

const dx = "attachment:履歴書.docx"

var wantDOCX = []seg{
	{dx + "#props", "creator", "山田 太郎"},
	{dx + "#props", "lastModifiedBy", "人事部 佐藤"},
	// Tab and break kept; tab stops in w:tabs are not tabs; the text box
	// comes once although Fallback repeats it.
	{dx, "", "履歴書\n氏名\t山田 太郎\n電話 03-1234-5678\nテキストボックス"},
	// label | value form: the label is the value's Column.
	{dx, "", "氏名"},
	{dx, "氏名", "山田 太郎"},
	{dx, "", "生年月日"},
	{dx, "生年月日", "1980年1月2日"},
	{dx, "", "メール"},
	{dx, "メール", "taro@example.jp"},
	// Deleted text is kept, apart from its neighbours.
	{dx, "", "家族 削除された口座 1234567 追記"},
	{dx, "", "続柄"},
	{dx, "", "氏名"},
	{dx, "", "年齢"},
	{dx, "続柄", "妻"},
	{dx, "氏名", "山田 花子"},
	{dx, "年齢", "40"},
	{dx, "続柄", "長男 山田 一郎"}, // spans 続柄 and 氏名
	{dx, "年齢", "12"},
	{dx, "", "以上"}, // the PAGE field code is not text
	{dx + "#comments", "", "人事 次郎: 要確認"},
	{dx + "#footnotes", "", "旧姓 鈴木"},
	{dx + "#footer1", "", "株式会社サンプル"},
	{dx + "#header1", "", "社外秘"},
	{dx + "#props", "author", "監査 花子"},
	{dx + "#props", "author", "人事 次郎"},
}

func TestDOCX(t *testing.T) {
	rec := extractAll(t, DOCX(), "履歴書.docx", genDOCX(t), wantDOCX, []string{"word/media/image1.png image/png"})
	if len(rec.Files) == 1 && string(rec.Files[0].Data) != string(pngBytes) {
		t.Error("image data changed")
	}
}

func TestPPTX(t *testing.T) {
	const px = "attachment:報告.pptx"
	want := []seg{
		{px + "#props", "creator", "山田 太郎"},
		{px + "#props", "lastModifiedBy", "人事部 佐藤"},
		{px + "#slide1", "", "営業報告\n2024年\n4月"},
		{px + "#slide2", "", "顧客リスト"},
		{px + "#slide2", "", "氏名"},
		{px + "#slide2", "", "電話番号"},
		{px + "#slide2", "氏名", "高橋 三郎"},
		{px + "#slide2", "電話番号", "090-1111-2222"},
		{px + "#slide2/notes", "", "口座 1234567 は口頭で"},
		{px + "#slide10", "", "最後のスライド"}, // numeric order: 10 after 2
	}
	extractAll(t, PPTX(), "報告.pptx", genPPTX(t), want, []string{"ppt/media/image3.jpeg image/jpeg"})
}

func TestODT(t *testing.T) {
	const ox = "attachment:名簿.odt"
	want := []seg{
		{ox + "#props", "creator", "伊藤 四郎"},
		{ox + "#props", "lastModifiedBy", "ito@example.jp"},
		{ox, "", "社員名簿\n担当  伊藤\t内線 1234\n以上"},
		{ox, "", "氏名"},
		{ox, "", "住所"},
		{ox, "氏名", "伊藤 四郎"},
		{ox, "住所", "名古屋市中区1-2"},
	}
	// The thumbnail renders the first page again: not handed over.
	extractAll(t, ODT(), "名簿.odt", genODT(t), want, []string{"Pictures/photo.png image/png"})
}

func TestODS(t *testing.T) {
	const ox = "attachment:会員.ods"
	want := []seg{
		{ox + "#props", "creator", "伊藤 四郎"},
		{ox + "#props", "lastModifiedBy", "ito@example.jp"},
		{ox + "#名簿!C1048574", "comment", "要確認"},
		{ox + "#名簿!A1", "", "会員名簿"},
		{ox + "#名簿!A2", "", "氏名"},
		{ox + "#名簿!B2", "", "生年月日"},
		{ox + "#名簿!C2", "", "口座番号"},
		{ox + "#名簿!D2", "", "登録"},
		{ox + "#名簿!A3", "氏名", "渡辺 五郎"},
		{ox + "#名簿!B3", "生年月日", "1985-03-04"},
		{ox + "#名簿!C3", "口座番号", "7654321"}, // office:value, not "7,654,321"
		{ox + "#名簿!D3", "登録", "2024-04-01 09:30"},
		// After a million repeated empty rows, numbering still holds.
		{ox + "#名簿!C1048574", "口座番号", "備考あり"},
	}
	extractAll(t, ODS(), "会員.ods", genODS(t), want, nil)
}

func TestMatch(t *testing.T) {
	xlsx, docx, pptx, odt, ods := genXLSX(t), genDOCX(t), genPPTX(t), genODT(t), genODS(t)
	enc, err := excelize.Encrypt(xlsx, &excelize.Options{Password: "x"})
	if err != nil {
		t.Fatal(err)
	}
	legacy := append(append([]byte{}, cfbMagic...), make([]byte, 2048)...)
	all := []extract.Extractor{XLSX(), DOCX(), PPTX(), ODT(), ODS(), CSV()}
	tests := []struct {
		name, ctype string
		data        []byte
		want        string // the one extractor that matches, or ""
	}{
		{"a.xlsx", "", xlsx, "xlsx"},
		{"", "", xlsx, "xlsx"},                              // magic alone
		{"report.docx", "", xlsx, "xlsx"},                   // magic beats the name
		{"a.bin", "application/octet-stream", docx, "docx"}, // magic alone
		{"a.xlsx", "", docx, "docx"},
		{"", "", pptx, "pptx"},
		{"", "", odt, "odt"},
		{"", "", ods, "ods"},
		{"a.xlsx", "", xlsx[:len(xlsx)/2], "xlsx"}, // truncated: claimed, to report it
		{"", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", []byte("garbage"), "docx"},
		{"a.xlsx", "", enc, "xlsx"}, // encrypted OOXML
		{"", "", enc, ""},           // encrypted, unnamed: nobody can tell which
		{"a.xls", "", legacy, ""},   // legacy Excel: another extractor's
		{"a.xlsx", "", legacy, ""},  // legacy CFB renamed: not encrypted OOXML
		{"a.doc", "", legacy, ""},
		{"a.csv", "", []byte("a,b\n1,2\n"), "csv"},
		{"a.TSV", "", []byte("a\tb\n"), "csv"},
		{"", "text/csv", []byte("a,b\n"), "csv"},
		{"a.csv", "", xlsx, "xlsx"}, // an xlsx named .csv is not text
		{"a.txt", "text/plain", []byte("a,b\n1,2\n"), ""},
		{"a.zip", "application/zip", makeZip(t, []zipFile{{"x.txt", "x"}}), ""},
		{"a.pdf", "application/pdf", []byte("%PDF-1.4"), ""},
	}
	for _, tt := range tests {
		f := &extract.File{Name: tt.name, ContentType: tt.ctype, Data: tt.data}
		var got []string
		for _, x := range all {
			if x.Match(f) {
				got = append(got, x.Name())
			}
		}
		var want []string
		if tt.want != "" {
			want = []string{tt.want}
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("Match(%q, %q, %d bytes) (-want +got):\n%s", tt.name, tt.ctype, len(tt.data), d)
		}
	}
}
