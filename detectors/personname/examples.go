package personname

import "github.com/mailsift/mailsift/detectors"

// Examples implements detectors.Exampler: true positives and hard
// negatives as they appear in mail bodies.
func (*Detector) Examples() detectors.Examples {
	return detectors.Examples{
		Positives: []string{
			"田中太郎様",
			"山田　花子さん",
			"佐藤部長にご確認ください",
			"氏名：鈴木 一郎",
			"フリガナ：タナカ タロウ",
			"振込先：みずほ銀行 渋谷支店 普通 1234567\n口座名義：ヤマダ タロウ",
			"Dear Mr. John Smith,",
			"--\n株式会社サンプル 営業部\n田中 太郎\nTEL: 03-1234-5678\nE-mail: taro@example.co.jp",
			"Best regards,\nHanako Yamada\nSample Inc. | Mobile: +81 90 1234 5678",
		},
		Negatives: []string{
			"お客様各位",
			"皆様、お疲れ様です。",
			"ご担当者様",
			"仕様書の様式について、様々な意見があります。",
			"たくさんのみなさんにご参加いただきました。",
			"部長会議は10時からです。",
			"注文番号 1234-5678-9012",
			"〒123-4567 東京都千代田区",
			"¥1,234,567（税込）",
			"ファイル名：見積書.pdf",
			"Dear Customer,",
			"Hi team,",
			"--\n株式会社サンプル 営業部\nTEL: 03-1234-5678",
		},
	}
}
