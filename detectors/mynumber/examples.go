package mynumber

import "github.com/mailsift/mailsift/detectors"

// examples are true positives and hard negatives as they appear in mail.
var examples = detectors.Examples{
	Positives: []string{
		"個人番号：621498320257",
		"マイナンバー 5260 1815 9084",
		"マイナンバー：５２６０－１８１５－９０８４",
		"My Number: 9139.0996.0300",
		"個人番号カードの番号は824628194826です。",
		"マイナンバー（個人番号）\n氏名 山田太郎\n番号 199351819090",
		"3786 5797 5438（マイナンバー）",
	},
	Negatives: []string{
		"621498320257",
		"注文番号 202610160001",
		"マイナンバーカードをお持ちください。注文番号 202610160001",
		"個人番号：621498320258",
		"個人番号：000000000000",
		"マイナンバー 62149832025",
		"マイナンバー 6214983202577",
		"マイナンバー 1234-5678-9012-3456",
		"個人番号 INV-621498320257",
		"運転免許証番号 301661318600（マイナンバーカードも可）",
		"マイナンバーについて ¥621498320257",
		"〒100-0001 マイナンバー 2024年5月2日 10:00",
	},
}

// Examples returns the detector's true positives and hard negatives.
func Examples() detectors.Examples { return examples }
