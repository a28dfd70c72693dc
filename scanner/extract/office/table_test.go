package office

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name   string
		rows   [][]string
		mode   tableMode
		header int
	}{
		{"header", [][]string{{"氏名", "電話番号"}, {"山田", "03-1234-5678"}}, modeHeader, 0},
		{"title row then header", [][]string{{"顧客一覧"}, {"氏名", "住所", "電話"}, {"山田", "東京", "03-1"}}, modeHeader, 1},
		{"english header", [][]string{{"Name", "Email", "Phone"}, {"John", "j@example.com", "555-0100"}}, modeHeader, 0},
		{"header without label words, data below has numbers", [][]string{{"Foo", "Bar"}, {"x", "12345"}}, modeHeader, 0},
		{"header of digits-bearing names", [][]string{{"電話番号1", "電話番号2"}, {"03-1111-2222", "090-1111-2222"}}, modeHeader, 0},
		// Hard negatives.
		{"numbers only", [][]string{{"1", "2"}, {"3", "4"}}, modeNone, -1},
		{"all text, no label word", [][]string{{"山田 太郎", "東京都"}, {"佐藤 花子", "大阪府"}}, modeNone, -1},
		{"data first row", [][]string{{"2024/04/01", "12345"}, {"2024/04/02", "67890"}}, modeNone, -1},
		{"mail addresses are data", [][]string{{"a@example.jp", "b@example.jp"}, {"c@example.jp", "d@example.jp"}}, modeNone, -1},
		{"single column", [][]string{{"氏名"}, {"山田"}}, modeNone, -1},
		{"header beyond the window", append(make([][]string, 10), []string{"氏名", "住所"}, []string{"a", "1"}), modeNone, -1},
		// Forms.
		{"form", [][]string{{"氏名", "山田 太郎"}, {"住所", "東京都"}, {"電話", "03-1234-5678"}}, modeForm, -1},
		{"form with colons", [][]string{{"お名前：", "山田"}, {"ご住所：", "東京"}}, modeForm, -1},
		{"four-column form", [][]string{{"氏名", "山田", "性別", "男"}, {"住所", "東京", "電話", "03"}}, modeForm, -1},
		{"header of labels is no form", [][]string{{"氏名", "住所"}, {"山田", "東京"}, {"佐藤", "大阪"}}, modeHeader, 0},
	}
	for _, tt := range tests {
		tc := classify(tt.rows)
		if tc.mode != tt.mode || tc.headerRow != tt.header {
			t.Errorf("%s: mode %d header %d, want mode %d header %d", tt.name, tc.mode, tc.headerRow, tt.mode, tt.header)
		}
	}
}

func TestFormColumns(t *testing.T) {
	row := []string{"氏名", "山田", "", "性別：", "男"}
	tc := tableCtx{mode: modeForm}
	var got []string
	for c := range row {
		got = append(got, tc.column(0, row, c))
	}
	if d := cmp.Diff([]string{"", "氏名", "氏名", "", "性別"}, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestLabelWords(t *testing.T) {
	for s, want := range map[string]bool{
		"氏名": true, "E-mail": true, "Email": true, "顧客ID": true, "User ID": true, "TEL": true, "Birthday": true,
		"valid": false, "hotel": false, "山田": false, "Tokyo": false, "123": false,
	} {
		if got := hasLabelWord(s); got != want {
			t.Errorf("hasLabelWord(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestColName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := colName(i); got != want {
			t.Errorf("colName(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestNumFmtKind(t *testing.T) {
	tests := []struct {
		id     int
		code   string
		custom bool
		want   int
	}{
		{14, "mm-dd-yy", false, fmtDate},
		{22, "m/d/yy h:mm", false, fmtDateTime},
		{20, "h:mm", false, fmtTime},
		{58, "", false, fmtDate}, // ja-JP era date by ID
		{32, "", false, fmtTime},
		{3, "#,##0", false, fmtGrouped},
		{1, "0", false, fmtOther},
		{0, "", false, fmtOther},
		{164, "yyyy/m/d", true, fmtDate},
		{164, `[$-411]ggge"年"m"月"d"日"`, true, fmtDate},
		{164, "[$-F800]dddd, mmmm dd, yyyy", true, fmtDate},
		{164, "yyyy/mm/dd hh:mm:ss", true, fmtDateTime},
		{164, "[h]:mm:ss", true, fmtTime},
		{164, "mm:ss", true, fmtTime},
		{164, "0.00E+00", true, fmtOther},                  // scientific, not an era year
		{164, `"Day "0`, true, fmtOther},                   // quoted letters are literal
		{164, `0\d`, true, fmtOther},                       // escaped letter
		{164, "[Red]#,##0;[Blue]-#,##0", true, fmtGrouped}, // colours are not dates
		{164, "0000000", true, fmtOther},
		{164, "@", true, fmtOther},
		{164, "General", true, fmtOther},
	}
	for _, tt := range tests {
		if got := numFmtKind(tt.id, tt.code, tt.custom); got != tt.want {
			t.Errorf("numFmtKind(%d, %q) = %d, want %d", tt.id, tt.code, got, tt.want)
		}
	}
}

func TestStripGrouping(t *testing.T) {
	for in, want := range map[string]string{
		"#,##0":          "###0",
		"#,##0.00":       "###0.00",
		`"¥"#,##0`:       `"¥"###0`,
		"#,##0,":         "###0,", // scaling comma stays
		`"a,b"#,##0`:     `"a,b"###0`,
		"0":              "0",
		`_(* #,##0_)`:    `_(* ###0_)`,
		"#,##0 ;(#,##0)": "###0 ;(###0)",
		`\,#,##0`:        `\,###0`,
	} {
		if got := stripGrouping(in); got != want {
			t.Errorf("stripGrouping(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsoDate(t *testing.T) {
	for in, want := range map[string]string{
		"1985-03-04":          "1985-03-04",
		"1985-03-04T00:00:00": "1985-03-04",
		"2024-04-01T09:30:00": "2024-04-01 09:30",
		"garbage":             "",
		"":                    "",
	} {
		if got := isoDate(in); got != want {
			t.Errorf("isoDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStripEmptyCells(t *testing.T) {
	for in, want := range map[string]string{
		`<row r="1"><c r="A1" s="1"/><c r="B1"><v>1</v></c></row>`: `<row r="1"><c r="B1"><v>1</v></c></row>`,
		`<c r="A1" s="2"></c><c r="B1" t="s"><v>0</v></c>`:         `<c r="B1" t="s"><v>0</v></c>`,
		`<x:c r="A1"/><x:c r="B1"><x:v>2</x:v></x:c>`:              `<x:c r="B1"><x:v>2</x:v></x:c>`,
		// Kept: no r (position by order), a formula, other elements.
		`<c s="1"/><c><v>3</v></c>`:                           `<c s="1"/><c><v>3</v></c>`,
		`<c r="A1"><f>SUM(B1)</f></c>`:                        `<c r="A1"><f>SUM(B1)</f></c>`,
		`<cols><col min="1" r="x"/></cols>`:                   `<cols><col min="1" r="x"/></cols>`,
		`<c r="A1" s="1"/`:                                    `<c r="A1" s="1"/`,
		`text < c r="A1"/> <`:                                 `text < c r="A1"/> <`,
		`<c r="A1" s="1"/><c r="A2" s="1"/><c r="A3" s="1"/>`: ``,
	} {
		if got := string(stripEmptyCells([]byte(in))); got != want {
			t.Errorf("stripEmptyCells(%q) = %q, want %q", in, got, want)
		}
	}
}
