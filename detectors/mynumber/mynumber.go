package mynumber

import (
	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match (pii-formats B1: Purview gives 85 with a keyword
// within 300 characters, 65 on the checksum alone).
const (
	// LabelConfidence is for a number with a My Number keyword at most
	// nearRunes away (a label such as "個人番号：") or in its column header.
	LabelConfidence = 0.95
	// NearbyConfidence is for a number with a keyword further away in the
	// window, e.g. a table header a few rows up.
	NearbyConfidence = 0.85
)

// Windows in runes. Purview looks 300 characters both ways; a window that
// wide reaches from one paragraph into the next and lets unrelated
// order numbers in, of which about one in ten pass the check digit.
const (
	beforeRunes = 150
	afterRunes  = 30
	nearRunes   = 40
)

// Keywords are the My Number keywords (pii-formats B1: Purview's list, in
// which "マイナンバーカード", "個人番号カード" and the like contain a shorter
// one, plus "individual number"). They are both the prefilter keywords and
// the support words.
var Keywords = []string{
	"マイナンバー", "個人番号", "共通番号", "個人識別番号", "個人識別ナンバー", "通知カード",
	"my number", "mynumber", "my no.", "individual number",
}

// vetoWords announce other 12-digit numbers. Driver's licence words are
// among them: where a licence keyword is nearer to a number than a My
// Number keyword, the number is a licence number (package license decides
// the same way; context decides, not the check digit, which one in ten
// licence numbers passes too).
var vetoWords = textscan.NewWords(
	"運転免許", "免許証", "免許番号", "免許証番号", "運転免許証番号", "driver", "licence", "license",
	"注文番号", "注文no", "伝票番号", "請求書番号", "請求番号", "受付番号", "管理番号", "会員番号",
	"顧客番号", "お客様番号", "契約番号", "予約番号", "口座番号", "証券番号", "法人番号", "登録番号",
	"問い合わせ番号", "問合せ番号", "追跡番号", "お問合せ番号", "製造番号", "シリアル", "品番", "型番",
	"基礎年金番号", "年金番号", "被保険者番号", "保険証番号", "住民票コード", "jan",
	"order", "invoice", "tracking", "serial", "sku", "ref",
)

// New returns a My Number detector: a rule (package rule) over 12-digit
// candidates written "dddddddddddd", "dddd-dddd-dddd", "dddd dddd dddd" or
// "dddd.dddd.dddd" (Purview's separators), validated by Valid.
//
// A number that passes the check digit is never reported without a
// keyword or column context: about 10% of random 12-digit numbers pass it
// (pii-formats B1; FluxGuard saw one order number in eleven blocked).
func New() *rule.Detector {
	return rule.Must(rule.Rule{
		Name:     "my_number",
		Type:     pii.MyNumber,
		Keywords: Keywords,
		MaxLen:   14,
		Scan:     rule.Digits(" -.", []int{12}, []int{4, 4, 4}),
		Validate: validate,
		Context: rule.Context{
			Support: textscan.NewWords(Keywords...),
			Veto:    vetoWords,
			Before:  beforeRunes, After: afterRunes, Near: nearRunes,
			NearConfidence: LabelConfidence, FarConfidence: NearbyConfidence,
		},
		Examples: examples,
	})
}

func validate(cand string) (string, float64, bool) {
	d := rule.DigitsOnly(cand)
	return d, 1, Valid(d)
}
