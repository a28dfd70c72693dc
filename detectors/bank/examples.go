package bank

import "github.com/mailsift/mailsift/detectors"

// examples are true positives and hard negatives of Japanese accounts as
// they appear in mail.
var examples = detectors.Examples{
	Positives: []string{
		"【振込先】三井住友銀行 渋谷支店 普通 1234567",
		"お振込先：みずほ銀行 東京営業部 当座預金 7654321 口座名義 カ)サンプル",
		"口座番号：0123456",
		"ＰａｙＰａｙ銀行　すずめ支店　普通　１２３４５６７",
		"ゆうちょ銀行 記号 11940 番号 12345671",
		"振込先 ゆうちょ 10100-98765431",
		"金融機関コード：0005 支店コード：123 預金種目：普通 口座番号：2345678",
		"楽天銀行 第一営業支店 普通 3456789",
		"Bank: MUFG Bank, Account No. 4567890",
	},
	Negatives: []string{
		"1234567",
		"〒123-4567",
		"注文番号 1234567",
		"普通に考えると 2024年5月2日 10:00",
		"口座を開設しました。注文番号 1234567",
		"口座番号 123456789012",
		"口座番号 12345",
		"普通 INV-1234567",
		"口座への振込金額 ¥1,234,567",
		"口座 1234567円",
		"TEL 03-1234-5678 口座",
		"各銀行の支店でお手続きください。お問い合わせ番号 1234567",
	},
}

// ibanExamples are true positives and hard negatives of IBANs.
var ibanExamples = detectors.Examples{
	Positives: []string{
		"IBAN: DE89 3704 0044 0532 0130 00",
		"GB82WEST12345698765432",
		"振込先 IBAN FR1420041010050500013M02606",
		"NL91ABNA0417164300",
		"BE68 5390 0754 7034",
	},
	Negatives: []string{
		"DE89 3704 0044 0532 0130 01",
		"DE89370400440532013000X",
		"XX89370400440532013000",
		"GB82 WEST 1234 5698 7654 3",
		"de89370400440532013000",
		"NL91ABNA04171643001",
		"ORDER AB12 3456 7890",
	},
}
