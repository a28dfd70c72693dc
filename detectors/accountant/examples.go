package accountant

import "github.com/mailsift/mailsift/detectors"

// examples are true positives and hard negatives as they appear in mail.
var examples = detectors.Examples{
	Positives: []string{
		"公認会計士 山田太郎（登録番号 第12345号）",
		"公認会計士登録番号：34567",
		"税理士 佐藤花子 登録番号 123456",
		"公認会計士（第２３４５６号）",
		"Certified Public Accountant, Registration No. 23456",
		"登録番号：45678\n公認会計士・税理士 鈴木一郎",
	},
	Negatives: []string{
		"登録番号 12345",
		"公認会計士法第2条第1項",
		"公認会計士試験 第3号議案",
		"公認会計士 山田太郎 会員番号 12345",
		"公認会計士事務所 〒100-0001 東京都千代田区1-2-3 TEL 03-1234-5678",
		"税理士法人 登録番号 T1234567890123",
		"公認会計士 山田 2024年5月2日",
		"弁護士登録番号 12345（公認会計士事務所と提携）",
		"公認会計士試験合格者 第123号",
	},
}
