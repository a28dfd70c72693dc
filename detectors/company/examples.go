package company

import "github.com/mailsift/mailsift/detectors"

// Examples implements detectors.Exampler.
func (*Detector) Examples() detectors.Examples {
	return detectors.Examples{
		Positives: []string{
			"--\n株式会社サンプル 営業部\n田中 太郎\nTEL: 03-1234-5678",
			"--\nHanako Yamada\nSample Trading Co., Ltd. | Mobile: +81 90 1234 5678",
			"会社名：サンプル商事株式会社",
			"勤務先: (株)サンプル",
			"━━━━━━━━━━\nみずほ銀行 渋谷支店\n鈴木 一郎\nTEL：03-1234-5678\n━━━━━━━━━━",
			"--\n山田司法書士事務所\n司法書士 山田 花子\nTEL: 03-1234-5678",
			"--\n日本証券業協会 自主規制本部\n課長補佐 山田 花子\nTEL: 03-1234-5678",
		},
		Negatives: []string{
			"株式会社サンプルの新製品が発売されました。",
			"Sample Inc. announced record profits this quarter.",
			"銀行の営業時間は15時までです。",
			"会社名を入力してください",
			"注文番号 1234-5678-9012",
			"〒123-4567 東京都千代田区",
			"--\n大塚 浩二\nE-mail: koji@example.jp\n振込先：三井住友銀行 渋谷支店 普通 1234567",
		},
	}
}
