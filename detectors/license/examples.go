package license

import "github.com/mailsift/mailsift/detectors"

// examples are true positives and hard negatives as they appear in mail.
var examples = detectors.Examples{
	Positives: []string{
		"運転免許証番号：629948826900",
		"免許証番号 9757-5325-1000",
		"運転免許証 第１０７５１９９１２６１０号",
		"Driver's License No. 542384295040",
		"本人確認書類：運転免許証（番号 301661318600）",
		"免許：457189848510",
	},
	Negatives: []string{
		"629948826900",
		"運転免許証番号：999948826900",
		"運転免許証番号：62994882690",
		"運転免許証番号：6299488269001",
		"運転免許証番号：000000000000",
		"運転免許証またはマイナンバー：301661318600",
		"教員免許 629948826900",
		"宅建業免許 第629948826900号",
		"運転免許証をご持参ください。注文番号 629948826900",
		"免許証 INV-629948826900",
		"ソフトウェアの license key 629948826900",
		"運転免許の更新 2024年5月2日 〒100-0001",
	},
}

// Examples returns the detector's true positives and hard negatives.
func Examples() detectors.Examples { return examples }
