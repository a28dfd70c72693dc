package address

import (
	"slices"
	"testing"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/scope"
)

// TestScope checks the scope of every address found, in order: "p"
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
		{"genjuusho", "現住所：東京都世田谷区太子堂1-2-3", "", []string{p}},
		{"jitaku", "自宅：神奈川県横浜市西区みなとみらい2-3-1", "", []string{p}},
		{"jitaku juusho", "自宅住所 〒100-0001 東京都千代田区千代田1-1", "", []string{p}},
		{"label on the line before", "現住所\n東京都世田谷区太子堂1-2-3 サンハイツ101", "", []string{p}},
		{"home address", "Home address: 1-2-3 Marunouchi, Chiyoda-ku, Tokyo 100-0005, Japan", "", []string{p}},
		{"honseki", "本籍：大阪府大阪市北区梅田1-2-3", "", []string{p}},
		{"kinmusaki", "勤務先：東京都千代田区丸の内1-2-3", "", []string{b}},
		{"kaisha juusho", "会社住所：東京都千代田区丸の内1-2-3", "", []string{b}},
		{"honsha", "本社：横浜市西区みなとみらい2-3-1", "", []string{b}},
		{"shozaichi", "所在地：愛知県名古屋市中村区名駅4丁目7番1号", "", []string{b}},
		{"office address", "Office address: 123 Main Street, Springfield, IL 62701", "", []string{b}},
		{"application form", "【応募者情報】\n氏名：山田 太郎\n生年月日：1990年1月1日\n住所：東京都世田谷区太子堂1-2-3", "", []string{p}},
		{"form after", "住所：東京都世田谷区太子堂1-2-3\n氏名：山田 太郎", "", []string{p}},
		{"signature", "--\n株式会社サンプル 営業部\n田中 太郎\n〒100-0001 東京都千代田区千代田1-1\nTEL: 03-1234-5678", "", []string{b}},
		{"column genjuusho", "東京都世田谷区太子堂1-2-3", "現住所", []string{p}},
		{"column kaisha", "東京都千代田区丸の内1-2-3", "会社住所", []string{b}},
		{"us signature", "--\nJohn Sample\nSample Corp.\n123 Main Street, Suite 4\nBoston, MA 02110\nTel: +1 617 555 0100", "", []string{b}},
		{"us home", "Home address:\n12 Elm Street\nSpringfield, IL 62701", "", []string{p}},

		{"bare", "〒100-0001 東京都千代田区千代田1-1", "", []string{""}},
		{"plain label", "住所：東京都世田谷区太子堂1-2-3", "", []string{""}},
		{"company form: not personal", "会社名：株式会社サンプル\n担当者氏名：山田 太郎\n住所：東京都千代田区丸の内1-2-3", "", []string{b}},
		{"prose", "来週、東京都千代田区丸の内1-2-3の会場で開催します。", "", []string{""}},
		{"label far before", "自宅に戻る途中で立ち寄ったのは、東京都千代田区丸の内1-2-3", "", []string{""}},
		{"column plain", "東京都世田谷区太子堂1-2-3", "住所", []string{""}},
		{"mailing address", "Mailing address: 123 Main Street, Springfield, IL 62701", "", []string{""}},
	}
	d := New()
	for _, tt := range tests {
		if got := scope.Of(d, tt.in, tt.column); !slices.Equal(got, tt.want) {
			t.Errorf("%s: scopes in %q (column %q) = %q, want %q", tt.name, tt.in, tt.column, got, tt.want)
		}
	}
}
