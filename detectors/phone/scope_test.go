package phone

import (
	"slices"
	"testing"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/scope"
)

// TestScope checks the scope of every number found, in order: "p"
// personal, "b" business, "" unknown.
func TestScope(t *testing.T) {
	const (
		p = detectors.ScopePersonal
		b = detectors.ScopeBusiness
	)
	tests := []struct {
		name, in, column string
		want             []string
	}{
		{"keitai", "携帯：090-1234-5678", "", []string{p}},
		{"keitai denwa bangou", "携帯電話番号：090-1234-5678", "", []string{p}},
		{"jitaku", "自宅TEL 03-1234-5678", "", []string{p}},
		{"jitaku denwa", "自宅電話: 045-123-4567", "", []string{p}},
		{"kojin", "個人携帯 080-1234-5678", "", []string{p}},
		{"mobile", "Mobile: +44 7911 123456", "", []string{p}},
		{"cell", "Cell 090-1234-5678", "", []string{p}},
		{"home", "Home: 03-1234-5678", "", []string{p}},
		{"daihyou before", "代表：03-1234-5678", "", []string{b}},
		{"tel daihyou before", "Tel(代表): 03-1234-5678", "", []string{b}},
		{"daihyou after", "TEL：03-1234-5678（代表）", "", []string{b}},
		{"keitai after", "090-1234-5678 (携帯)", "", []string{p}},
		{"keitai denwa after", "090-1234-5678【携帯電話】", "", []string{p}},
		{"naisen after", "03-1234-5678(内線)", "", []string{b}},
		{"kaisha", "会社の電話は 03-1234-5678", "", []string{b}},
		{"kinmusaki", "勤務先電話番号：03-1234-5678", "", []string{b}},
		{"kaisha keitai", "会社携帯：090-1234-5678", "", []string{b}},
		{"chokutsu", "直通 03-1234-5679", "", []string{b}},
		{"office", "Office: +1 415-555-2671", "", []string{b}},
		{"work mobile", "Work mobile: 090-1234-5678", "", []string{b}},
		{"signature", "--\n株式会社サンプル 営業部\n田中 太郎\nTEL: 03-1234-5678 / 携帯: 090-1234-5678\nE-mail: taro@example.co.jp", "", []string{b, p}},
		{"signature mobile unlabelled", "--\n株式会社サンプル 営業部\n田中 太郎\n090-1234-5678\ntaro@example.co.jp", "", []string{""}},
		{"two labels one line", "携帯: 090-1111-2222 TEL: 03-1234-5678", "", []string{p, ""}},
		{"toll free", "お問い合わせは 0120-123-456 まで", "", []string{b}},
		{"navi dial", "0570-000-123", "", []string{b}},
		{"mobile personal context", "個人の連絡先は以下です。\n090-1234-5678", "", []string{p}},
		{"mobile in application form", "氏名：山田太郎\n生年月日：1990年1月1日\n電話：090-1234-5678", "", []string{p}},
		{"column keitai", "090-1234-5678", "携帯電話", []string{p}},
		{"column kinmusaki", "03-1234-5678", "勤務先TEL", []string{b}},

		{"bare", "03-1234-5678", "", []string{""}},
		{"bare mobile", "090-1234-5678", "", []string{""}},
		{"tel only", "TEL 03-1234-5678", "", []string{""}},
		{"privacy footer", "個人情報の取り扱いについては当社サイトをご覧ください。\n090-1234-5678", "", []string{""}},
		{"personal data", "We protect your personal data. Call 090-1234-5678", "", []string{""}},
		{"daihyou torishimariyaku", "代表取締役 山田太郎 TEL 03-1234-5678", "", []string{""}},
		{"home page", "Visit our home page or call 03-1234-5678", "", []string{""}},
		{"mobility", "Mobility 03-1234-5678", "", []string{""}},
		{"scope word far before", "会社概要をご覧ください。詳細はお電話でお問い合わせいただければ幸いです。03-1234-5678", "", []string{""}},
		{"scope word on the line before", "携帯\n03-1234-5678", "", []string{""}},
		{"parenthesis not a scope", "03-1234-5678 (平日9時~17時)", "", []string{""}},
		{"parenthesis with more", "090-1234-5678 (携帯は不可)", "", []string{""}},
		{"column other", "03-1234-5678", "電話番号", []string{""}},
	}
	d := MustNew()
	for _, tt := range tests {
		if got := scope.Of(d, tt.in, tt.column); !slices.Equal(got, tt.want) {
			t.Errorf("%s: scopes in %q (column %q) = %q, want %q", tt.name, tt.in, tt.column, got, tt.want)
		}
	}
}
