package address

import (
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/rule/ruletest"
)

type found struct {
	Value      string
	Confidence float64
}

func TestDetect(t *testing.T) {
	const (
		postal  = PostalConfidence
		full    = FullConfidence
		partial = PartialConfidence
		city    = CityConfidence
		english = EnglishConfidence
	)
	tests := []struct {
		in   string
		want []found
	}{
		{"〒100-0001 東京都千代田区千代田1-1", []found{{"〒100-0001 東京都千代田区千代田1-1", postal}}},
		{"〒100-0001 東京都千代田区千代田1-1 TEL: 03-1234-5678", []found{{"〒100-0001 東京都千代田区千代田1-1", postal}}},
		{"東京都港区六本木六丁目10番1号 六本木ヒルズ森タワー", []found{{"東京都港区六本木六丁目10番1号 六本木ヒルズ森タワー", full}}},
		{"〒530-0001\n大阪府大阪市北区梅田1-2-3 梅田ビル5F", []found{{"〒530-0001 大阪府大阪市北区梅田1-2-3 梅田ビル5F", postal}}},
		{"神奈川県横浜市西区みなとみらい2-3-1", []found{{"神奈川県横浜市西区みなとみらい2-3-1", full}}},
		{"北海道札幌市中央区北1条西2丁目1番地", []found{{"北海道札幌市中央区北1条西2丁目1番地", full}}},
		{"東京都千代田区丸の内一丁目2番3号", []found{{"東京都千代田区丸の内一丁目2番3号", full}}},
		{"東京都千代田区二番町5-2", []found{{"東京都千代田区二番町5-2", full}}},
		{"京都府京都市下京区烏丸通七条下る東塩小路町721-1", []found{{"京都府京都市下京区烏丸通七条下る東塩小路町721-1", full}}},
		{"千代田区丸の内1-2-3", []found{{"千代田区丸の内1-2-3", city}}},
		{"本社：横浜市西区みなとみらい2-3-1", []found{{"横浜市西区みなとみらい2-3-1", city}}},
		{"〒１００－０００５　東京都千代田区丸の内１－２－３", []found{{"〒100-0005 東京都千代田区丸の内1-2-3", postal}}},
		{"〒100-0005 東京都千代田区丸の内", []found{{"〒100-0005 東京都千代田区丸の内", partial}}},
		{"〒100-0005 千代田区丸の内1-2-3", []found{{"〒100-0005 千代田区丸の内1-2-3", postal}}},
		{"ご住所：埼玉県さいたま市大宮区桜木町1-7-5 ソニックシティビル12階", []found{{"埼玉県さいたま市大宮区桜木町1-7-5 ソニックシティビル12階", full}}},
		{"住所: 東京都世田谷区", []found{{"東京都世田谷区", full}}},
		{"住所\n東京都世田谷区太子堂1-2-3 サンハイツ101", []found{{"東京都世田谷区太子堂1-2-3 サンハイツ101", full}}},
		{"住所：東京都渋谷区道玄坂1-2-3 渋谷マンション101号室", []found{{"東京都渋谷区道玄坂1-2-3 渋谷マンション101号室", full}}},
		{"所在地：愛知県名古屋市中村区名駅4丁目7番1号", []found{{"愛知県名古屋市中村区名駅4丁目7番1号", full}}},
		{"長野県北佐久郡軽井沢町大字軽井沢1323番地", []found{{"長野県北佐久郡軽井沢町大字軽井沢1323番地", full}}},
		{"東京都千代田区千代田1-1、大阪府大阪市北区梅田1-1", []found{
			{"東京都千代田区千代田1-1", full}, {"大阪府大阪市北区梅田1-1", full},
		}},
		{"Address: 1-2-3 Marunouchi, Chiyoda-ku, Tokyo 100-0005, Japan", []found{{"1-2-3 Marunouchi, Chiyoda-ku, Tokyo 100-0005, Japan", english}}},
		{"Mailing address: 123 Main Street, Springfield, IL 62701", []found{{"123 Main Street, Springfield, IL 62701", english}}},

		{"〒100-0001", nil},
		{"〒123-4567 宛に送付予定です。", nil},
		{"東京都で開催します", nil},
		{"東京都千代田区で開催します", nil},
		{"東京都千代田区", nil},
		{"大阪府の売上は1-2月に伸びた", nil},
		{"東京都庁", nil},
		{"京都府警によると", nil},
		{"E-mail address: taro@example.jp", nil},
		{"Email Address: taro@example.jp", nil},
		{"メールアドレス：taro@example.jp", nil},
		{"IP Address: 192.168.0.1", nil},
		{"MAC address: 00:1A:2B:3C:4D:5E", nil},
		{"住所変更のお知らせ", nil},
		{"address the issue", nil},
		{"Address: see below", nil},
		{"港区", nil},
		{"東京都にある本社1-2", nil},
		{"中央区の会議室3", nil},
		{"ご住所：", nil},
		{"大阪市中央区", nil},
		{"合計金額：¥1,234,567（税込）", nil},
		{"Web address: https://example.jp/", nil},
		{"Please check the recipient's email\naddress for typos or 550-5.1.1 unnecessary spaces.", nil},
		{"addr =3D RTL8712_DMA_H2CCMD;", nil},
		{"Address: 0x7ffe1234", nil},
		{"Unknown address error 550-'5.1.1 <user@example.com>", nil},
		{"Sender address rejected: 550 5.1.8", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestColumn(t *testing.T) {
	tests := []struct {
		in, column string
		want       []found
	}{
		{"東京都千代田区千代田1-1", "住所", []found{{"東京都千代田区千代田1-1", FullConfidence}}},
		{" 1-2-3 Marunouchi, Chiyoda-ku ", "Address", []found{{"1-2-3 Marunouchi, Chiyoda-ku", FullConfidence}}},
		{"世田谷区太子堂", "現住所", []found{{"世田谷区太子堂", FullConfidence}}},
		{"taro@example.jp", "Email Address", nil},
		{"taro@example.jp", "住所", nil},
		{"未定", "住所", nil},
		{"1-2-3", "備考", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestBlock(t *testing.T) {
	for _, tt := range []struct {
		in   string
		rest string
		n    int
	}{
		{"1-2-3", "", 3}, {"1丁目2番3号", "", 3}, {"123番地の4", "", 2}, {"一丁目二番三号", "", 3},
		{"1条西2丁目3-4 ビル", " ビル", 4}, {"1-2-", "-", 2}, {"6丁目のビル", "のビル", 1}, {"abc", "abc", 0},
		{"123456", "123456", 0}, {"12番", "", 1},
	} {
		end, n := block(tt.in, 0)
		if n != tt.n || tt.in[end:] != tt.rest {
			t.Errorf("block(%q) = rest %q, %d numbers; want %q, %d", tt.in, tt.in[end:], n, tt.rest, tt.n)
		}
	}
}

func TestAccept(t *testing.T) { detectortest.AcceptExamples(t, New()) }

func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetect(f, New(), detectortest.Rules{Ordered: true, Valid: func(v, span string) bool {
		return v == normalize(span)
	}}, [2]string{"東京都千代田区千代田1-1", "住所"})
}

// BenchmarkDetect measures the detector through a Runner and on its own
// (ruletest.Bench).
func BenchmarkDetect(b *testing.B) {
	ruletest.Bench(b, New(), detectortest.MailText(8<<20))
}
