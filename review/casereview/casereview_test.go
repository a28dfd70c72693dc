package casereview

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHighlightWords(t *testing.T) {
	for q, want := range map[string][]string{
		`パスポート`:                         {"パスポート"},
		`+type:passport 口座番号 -電話`:       {"口座番号"},
		`"passport number" context:口座`:  {"passport number", "口座"},
		`type:email`:                    nil,
		`tel* /re.*x/ value:TK1234567`:  nil,
		`+context:"お客様 情報" +type:phone`: {"お客様 情報"},
	} {
		if d := cmp.Diff(want, highlightWords(q)); d != "" {
			t.Errorf("%s: %s", q, d)
		}
	}
}

func TestMarks(t *testing.T) {
	s := "Passport番号 TK*****67 の passport"
	got := marks(s, []string{"passport", "番号 TK"})
	want := [][2]int{{0, len("Passport番号 TK")}, {len(s) - 8, len(s)}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("marks: %s", d)
	}
	if marks(s, nil) != nil || marks(s, []string{"なし"}) != nil {
		t.Error("marks without a match")
	}
}

func TestMonthFilter(t *testing.T) {
	for in, want := range map[string]string{
		"2024-05": `+date:>="2024-05-01T00:00:00Z" +date:<"2024-06-01T00:00:00Z"`,
		"2024-12": `+date:>="2024-12-01T00:00:00Z" +date:<"2025-01-01T00:00:00Z"`,
		"bad":     `+date:bad`,
	} {
		if got := monthFilter(in); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}

func TestComparePart(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{{"header", "1", -1}, {"1.2", "1.10", -1}, {"2", "1.9", 1}, {"1", "1.1", -1}, {"1.1", "1.1", 0}} {
		if got := comparePart(c.a, c.b); got != c.want {
			t.Errorf("comparePart(%s, %s) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
