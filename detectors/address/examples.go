package address

import "github.com/mailsift/mailsift/detectors"

// Examples implements detectors.Exampler: true positives and hard
// negatives as they appear in mail.
func (*Detector) Examples() detectors.Examples {
	return detectors.Examples{
		Positives: []string{
			"〒100-0001 東京都千代田区千代田1-1",
			"東京都港区六本木六丁目10番1号 六本木ヒルズ森タワー",
			"〒530-0001\n大阪府大阪市北区梅田1-2-3 梅田ビル5F",
			"神奈川県横浜市西区みなとみらい2-3-1",
			"北海道札幌市中央区北1条西2丁目1番地",
			"東京都千代田区丸の内一丁目2番3号",
			"千代田区丸の内1-2-3",
			"〒１００－０００５　東京都千代田区丸の内１－２－３",
			"ご住所：埼玉県さいたま市大宮区桜木町1-7-5 ソニックシティビル12階",
			"住所: 東京都世田谷区",
			"所在地：愛知県名古屋市中村区名駅4丁目7番1号",
			"Address: 1-2-3 Marunouchi, Chiyoda-ku, Tokyo 100-0005, Japan",
			"Mailing address: 123 Main Street, Springfield, IL 62701",
			"長野県北佐久郡軽井沢町大字軽井沢1323番地",
			"現住所：東京都世田谷区太子堂1-2-3",
			"勤務先：東京都千代田区丸の内1-2-3",
			"--\n株式会社サンプル 営業部\n田中 太郎\n〒100-0001 東京都千代田区千代田1-1",
			"東京都渋谷区神南2-17-1 サンプルスクエア14階",
			"〒100-0001 東京都千代田区丸の内1-2-3\nサンプルビルディング14階\nTEL 03-1234-5678",
			"--\nJohn Sample\nSample Corp.\n123 Main Street, Suite 4\nBoston, MA 02110",
			"> 500 Sample Street,\n> Boston, MA 02131 USA",
			"Keizersgracht 123\n1015 CJ Amsterdam",
			"Level 5, 1 Martin Place\nSydney NSW 2000\nAustralia",
			"8 rue de la Paix, 75002 Paris",
			"221B Baker Street, London NW1 6XE",
		},
		Negatives: []string{
			"<p align=\"left\">Address:&nbsp; <input type=\"text\" name=\"T1\" size=\"20\"></p>",
			"〒100-0001",
			"〒123-4567 宛に送付予定です。",
			"東京都で開催します",
			"東京都千代田区で開催します",
			"大阪府の売上は1-2月に伸びた",
			"東京都庁",
			"京都府警によると",
			"E-mail address: taro@example.jp",
			"IP Address: 192.168.0.1",
			"住所変更のお知らせ",
			"address the issue",
			"Address: see below",
			"港区",
			"東京都にある本社1-2",
			"中央区の会議室3",
			"ご住所：",
			"Log IN 46204 times",
			"Status OK 74000 for all",
			"Call CA 90210 residents now!",
			"Order total: $12,345.00 (2 Main points)",
			"Released 2002-08-15, version 2.4.19",
			"Chapter 12\n2019 AD Amsterdam",
			"Réf. 75008 Paris",
			"Buy 2 Road bikes for your PS4 5GB",
		},
	}
}
