package index

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTextAnalyzer(t *testing.T) {
	m, err := textMapping()
	if err != nil {
		t.Fatal(err)
	}
	a := m.AnalyzerNamed(textAnalyzer)
	tests := []struct {
		in   string
		want []string
	}{
		{"口座番号", []string{"口座", "座番", "番号"}},
		{"attachment:顧客一覧.xlsx", []string{"attachment", "顧客", "客一", "一覧", "xlsx"}},
		{"attachment:a.zip/b.xlsx", []string{"attachment", "a", "zip", "b", "xlsx"}},
		{"佐々木太郎", []string{"佐々", "々木", "木太", "太郎"}},
		{"ＡＢＣ　ﾃｽﾄﾃﾞｰﾀ", []string{"abc", "テス", "スト", "トデ", "デー", "ータ"}},
		{"Please find the invoice.", []string{"please", "find", "the", "invoice"}},
		{"ta***@example.jp", []string{"ta", "example", "jp"}},
		{"田", []string{"田"}},
		{"監督省庁・行政機関", []string{"監督", "督省", "省庁", "行政", "政機", "機関"}},
		{"東京タワー2024年", []string{"東京", "京タ", "タワ", "ワー", "2024", "年"}},
		{"my_number +819012345678", []string{"my", "number", "819012345678"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range a.Analyze([]byte(tt.in)) {
			got = append(got, string(tok.Term))
		}
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("Analyze(%q) (-want +got):\n%s", tt.in, d)
		}
	}
}
