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
		western = WesternConfidence
		town    = WesternTownConfidence
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

		// Buildings, floors and rooms after the block (issue 15).
		{"東京都渋谷区神南2-17-1 サンプルスクエア14階", []found{{"東京都渋谷区神南2-17-1 サンプルスクエア14階", full}}},
		{"東京都千代田区大手町1-9-2 大手町サンプルシティ グランキューブ 14階", []found{{"東京都千代田区大手町1-9-2 大手町サンプルシティ グランキューブ 14階", full}}},
		{"東京都港区六本木1-2-3 #1203", []found{{"東京都港区六本木1-2-3 #1203", full}}},
		{"東京都港区六本木1-2-3 3号館 5階", []found{{"東京都港区六本木1-2-3 3号館 5階", full}}},
		{"東京都港区六本木1-2-3 A棟 201", []found{{"東京都港区六本木1-2-3 A棟 201", full}}},
		{"東京都新宿区西新宿2-1-1 新宿サンプルビル B1F", []found{{"東京都新宿区西新宿2-1-1 新宿サンプルビル B1F", full}}},
		{"〒100-0001 東京都千代田区丸の内1-2-3\nサンプルビルディング14階\nTEL 03-1234-5678", []found{{"〒100-0001 東京都千代田区丸の内1-2-3 サンプルビルディング14階", postal}}},
		// ... and not over what follows it.
		{"〒100-0001 東京都千代田区丸の内1-2-3\n株式会社サンプル\n山田 太郎", []found{{"〒100-0001 東京都千代田区丸の内1-2-3", postal}}},
		{"東京都千代田区丸の内1-2-3 株式会社サンプルビル", []found{{"東京都千代田区丸の内1-2-3", full}}},
		{"東京都千代田区丸の内1-2-3 山田太郎", []found{{"東京都千代田区丸の内1-2-3", full}}},
		{"東京都千代田区丸の内1-2-3 201", []found{{"東京都千代田区丸の内1-2-3", full}}},
		{"東京都千代田区丸の内1-2-3 2024年5月2日", []found{{"東京都千代田区丸の内1-2-3", full}}},
		{"東京都港区六本木1-2-3にあるサンプルビル", []found{{"東京都港区六本木1-2-3", full}}},
		{"東京都中央区築地5-1-1\n国立サンプル研究センター", []found{{"東京都中央区築地5-1-1", full}}},
		{"東京都千代田区丸の内1-2-3\nサンプルビル管理株式会社", []found{{"東京都千代田区丸の内1-2-3", full}}},
		{"東京都港区六本木1-2-3 サンプルタワー\n大阪府大阪市北区梅田1-1 梅田ビル", []found{
			{"東京都港区六本木1-2-3 サンプルタワー", full}, {"大阪府大阪市北区梅田1-1 梅田ビル", full},
		}},
		{"東京都千代田区千代田1-1 大阪府大阪市北区梅田1-1 梅田ビル", []found{
			{"東京都千代田区千代田1-1", full}, {"大阪府大阪市北区梅田1-1 梅田ビル", full},
		}},

		// Western addresses, anchored on their postcodes (issue 15).
		{"123 Main Street, Suite 4\nBoston, MA 02110", []found{{"123 Main Street, Suite 4 Boston, MA 02110", western}}},
		{"Sample Corp.\n500 Sample Street, Boston, MA 02131 USA\n\"A quote\"", []found{{"500 Sample Street, Boston, MA 02131 USA", western}}},
		{"> 500 Sample Street,\n> Boston, MA 02131", []found{{"500 Sample Street, Boston, MA 02131", western}}},
		{"500 Sample Street, Suite 319, Nashua, NH 03063", []found{{"500 Sample Street, Suite 319, Nashua, NH 03063", western}}},
		{"6822 22nd Avenue North\nSaint Petersburg, FL 33702-1234", []found{{"6822 22nd Avenue North Saint Petersburg, FL 33702-1234", western}}},
		{"P.O. Box 1234, Coral Springs, FL 33077", []found{{"P.O. Box 1234, Coral Springs, FL 33077", western}}},
		{"100 9th Ave #2300 NY 10018", []found{{"100 9th Ave #2300 NY 10018", western}}},
		{"10 Wayside Cir,Ashburn,VA 20147", []found{{"10 Wayside Cir,Ashburn,VA 20147", western}}},
		{"Office of Information Systems   Springfield, IL 62701", []found{{"Springfield, IL 62701", town}}},
		{"Kirkland WA 98034", []found{{"Kirkland WA 98034", town}}},
		{"Keizersgracht 123\n1015 CJ Amsterdam", []found{{"Keizersgracht 123 1015 CJ Amsterdam", western}}},
		{"Address: Keizersgracht 123\n1015 CJ Amsterdam\nThe Netherlands", []found{{"Keizersgracht 123 1015 CJ Amsterdam The Netherlands", western}}},
		{"Damrak 1, 1012 LG Amsterdam, Nederland", []found{{"Damrak 1, 1012 LG Amsterdam, Nederland", western}}},
		{"Postbus 1234, 1000 AB Amsterdam", []found{{"Postbus 1234, 1000 AB Amsterdam", western}}},
		{"Level 5, 1 Martin Place\nSydney NSW 2000\nAustralia", []found{{"Level 5, 1 Martin Place Sydney NSW 2000 Australia", western}}},
		{"3/12 Smith St, Fitzroy VIC 3065", []found{{"3/12 Smith St, Fitzroy VIC 3065", western}}},
		{"Sydney NSW 2000", []found{{"Sydney NSW 2000", town}}},
		{"8 rue de la Paix, 75002 Paris", []found{{"8 rue de la Paix, 75002 Paris", western}}},
		{"12 bis avenue Foch\n75116 Paris CEDEX 16\nFrance", []found{{"12 bis avenue Foch 75116 Paris CEDEX 16 France", western}}},
		{"221B Baker Street, London NW1 6XE", []found{{"221B Baker Street, London NW1 6XE", western}}},
		{"10 Sample Road\nLondon\nSW1A 2AA", []found{{"10 Sample Road London SW1A 2AA", western}}},
		// Hard negatives: numbers and codes of the same shapes.
		{"Log IN 46204 times", nil},
		{"Status OK 74000 for all", nil},
		{"Server OK 15092", nil},
		{"Call CA 90210 residents now!", nil},
		{"Order total: $12,345.00 (2 Main points)", nil},
		{"Released 2002-08-15, version 2.4.19", nil},
		{"UPS tracking 1Z999AA10123456784, MA", nil},
		{"Chapter 12\n2019 AD Amsterdam", nil},
		// A Dutch street without a street word needs its country: the
		// rule misses this address rather than take "Chapter 12" above.
		{"Damrak 1, 1012 LG Amsterdam", nil},
		{"Réf. 75008 Paris", nil},
		{"Buy 2 Road bikes for your PS4 5GB", nil},
		{"Released SA 2002 and NT 4000", nil},

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
