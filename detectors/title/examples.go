package title

import "github.com/mailsift/mailsift/detectors"

// Examples implements detectors.Exampler.
func (*Detector) Examples() detectors.Examples {
	return detectors.Examples{
		Positives: []string{
			"--\n株式会社サンプル\n第二営業部 課長\n田中 太郎\nTEL: 03-1234-5678",
			"Best regards,\nJohn Smith\nSales Manager | Sample Trading Co., Ltd.\nMobile: +81 90 1234 5678",
			"役職：代表取締役社長",
			"所属部署: 経営企画室",
			"--\nみらいアセット株式会社\n投資運用部ヴァイスプレジデント\n田中 太郎\nTEL: 03-1234-5678",
			"--\nRobert Vamosi\nSenior Associate Editor\nrobert@example.com",
		},
		Negatives: []string{
			"部長会議は10時からです。",
			"課長にご確認ください。",
			"The manager approved the budget.",
			"注文番号 1234-5678-9012",
			"〒123-4567 東京都千代田区",
			"--\nTEL: 03-1234-5678",
			"OTHER STORIES\nA Top AOL Manager Has Left Company\nmail: news@example.com",
			"--\n株式会社サンプル 営業部\nTEL 03-1234-5678\ninfo@example.jp",
		},
	}
}
