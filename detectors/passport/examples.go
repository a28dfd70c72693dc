package passport

import "github.com/mailsift/mailsift/detectors"

// examples are true positives and hard negatives as they appear in mail.
var examples = detectors.Examples{
	Positives: []string{
		"旅券番号：TK1234567",
		"パスポート番号 ＭＵ７６５４３２１",
		"Passport No. tr9876543",
		"パスポート（番号：TZ1122334）のコピーを添付します",
		"Passport Number: 123456789",
		"旅券番号 E12345678",
		"TK7654321（パスポート）",
	},
	Negatives: []string{
		"TK1234567",
		"注文番号 TK1234567",
		"パスポートのコピーと、追跡番号 AB1234567 をお送りします",
		"パスポート番号：TK12345678",
		"パスポート番号：TK12345",
		"パスポート番号：TK1234567A",
		"パスポート INV-TK1234567",
		"パスポート ABC1234567",
		"パスポートの有効期限 20300101",
		"Passport expiry: 2030-01-01",
		"パスポートの申請 〒100-0001 2024年5月2日",
		"Passport No.: 111111111",
		"P<JPNYAMADA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<\nTK12345671JPN8001014M3001012<<<<<<<<<<<<<<02",
	},
}

// Examples returns the detector's true positives and hard negatives.
func Examples() detectors.Examples { return examples }
