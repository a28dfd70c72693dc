package office

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCSV(t *testing.T) {
	const cx = "attachment:t.csv"
	customers := "顧客リスト\r\n氏名,フリガナ,電話番号,口座番号\r\n山田 太郎,ヤマダ タロウ,03-1234-5678,0012345\r\n佐藤 花子,サトウ ハナコ,090-1111-2222,7654321\r\n"
	wantCustomers := []seg{
		{cx + "#A1", "", "顧客リスト"},
		{cx + "#A2", "", "氏名"}, {cx + "#B2", "", "フリガナ"}, {cx + "#C2", "", "電話番号"}, {cx + "#D2", "", "口座番号"},
		{cx + "#A3", "氏名", "山田 太郎"}, {cx + "#B3", "フリガナ", "ヤマダ タロウ"}, {cx + "#C3", "電話番号", "03-1234-5678"}, {cx + "#D3", "口座番号", "0012345"},
		{cx + "#A4", "氏名", "佐藤 花子"}, {cx + "#B4", "フリガナ", "サトウ ハナコ"}, {cx + "#C4", "電話番号", "090-1111-2222"}, {cx + "#D4", "口座番号", "7654321"},
	}
	tests := []struct {
		name     string
		data     []byte
		want     []seg
		problems int
	}{
		{"utf-8", []byte(customers), wantCustomers, 0},
		{"utf-8 bom", append([]byte("\xef\xbb\xbf"), customers...), wantCustomers, 0},
		{"cp932", encode(t, japanese.ShiftJIS, customers), wantCustomers, 0},
		{"euc-jp", encode(t, japanese.EUCJP, customers), wantCustomers, 0},
		{"iso-2022-jp", encode(t, japanese.ISO2022JP, customers), wantCustomers, 0},
		{"utf-16le bom tsv", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), strings.ReplaceAll(customers, ",", "\t")), wantCustomers, 0},
		{"utf-16le no bom", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), customers), wantCustomers, 0},
		{"semicolon", []byte(strings.ReplaceAll(customers, ",", ";")), wantCustomers, 0},
		{"mac cr", []byte(strings.ReplaceAll(customers, "\r\n", "\r")), wantCustomers, 0},
		{"lf", []byte(strings.ReplaceAll(customers, "\r\n", "\n")), wantCustomers, 0},
		{
			// Half-width katakana scores as "not Japanese"; CP932 still wins.
			"cp932 half-width kana", encode(t, japanese.ShiftJIS, "ｺｳｻﾞﾒｲｷﾞ,ｺｳｻﾞﾊﾞﾝｺﾞｳ\nﾔﾏﾀﾞ ﾀﾛｳ,1234567\n"),
			[]seg{{cx + "#A1", "", "ｺｳｻﾞﾒｲｷﾞ"}, {cx + "#B1", "", "ｺｳｻﾞﾊﾞﾝｺﾞｳ"}, {cx + "#A2", "ｺｳｻﾞﾒｲｷﾞ", "ﾔﾏﾀﾞ ﾀﾛｳ"}, {cx + "#B2", "ｺｳｻﾞﾊﾞﾝｺﾞｳ", "1234567"}}, 0,
		},
		{
			"quoted comma and newline", []byte("name,address\n\"Smith, John\",\"1 Main St\nSpringfield\"\n"),
			[]seg{{cx + "#A1", "", "name"}, {cx + "#B1", "", "address"}, {cx + "#A2", "name", "Smith, John"}, {cx + "#B2", "address", "1 Main St\nSpringfield"}}, 0,
		},
		{
			// Hard negative: names and places only, no label word: the
			// first row is data, not a header.
			"no header in text", []byte("山田 太郎,東京都\n佐藤 花子,大阪府\n"),
			[]seg{{cx + "#A1", "", "山田 太郎"}, {cx + "#B1", "", "東京都"}, {cx + "#A2", "", "佐藤 花子"}, {cx + "#B2", "", "大阪府"}}, 0,
		},
		{
			"numbers only", []byte("1,2\n3,4\n"),
			[]seg{{cx + "#A1", "", "1"}, {cx + "#B1", "", "2"}, {cx + "#A2", "", "3"}, {cx + "#B2", "", "4"}}, 0,
		},
		{
			"windows-1252", encode(t, charmap.Windows1252, "name,city\nRenée,Zürich\n"),
			[]seg{{cx + "#A1", "", "name"}, {cx + "#B1", "", "city"}, {cx + "#A2", "name", "Renée"}, {cx + "#B2", "city", "Zürich"}}, 1,
		},
		{
			"unterminated quote", []byte("name,note\n\"Tanaka,\"x\n"),
			[]seg{{cx + "#A1", "", "name"}, {cx + "#B1", "", "note"}, {cx + "#A2", "name", "Tanaka,\"x"}}, 0,
		},
		{"empty", nil, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := run(t, CSV(), "t.csv", tt.data, nil)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, segs(rec)); d != "" {
				t.Errorf("segments (-want +got):\n%s", d)
			}
			if len(rec.Problems) != tt.problems {
				t.Errorf("problems = %v, want %d", rec.Problems, tt.problems)
			}
		})
	}
}

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		sample    string
		preferTab bool
		want      rune
	}{
		{"a,b,c\n1,2,3\n", false, ','},
		{"a\tb\tc\n1\t2\t3\n", false, '\t'},
		{"a;b;c\n1,5;2,5;3\n", false, ';'}, // decimal commas do not fool it
		{"a|b\n1|2\n", false, '|'},
		{"\"x;y\",b\n\"1;2\",3\n", false, ','}, // quoted delimiters do not count
		{"single\ncolumn\n", false, ','},
		{"single\ncolumn\n", true, ','},
		{"a\tb,c\n1\t2,3\n", true, '\t'},
	}
	for _, tt := range tests {
		if got := sniffDelimiter([]byte(tt.sample), tt.preferTab); got != tt.want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", tt.sample, got, tt.want)
		}
	}
}
