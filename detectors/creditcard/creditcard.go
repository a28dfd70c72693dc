package creditcard

import (
	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match. Luhn, issuer prefix and length already make a
// number likely (Presidio: 1.0 after Luhn; pii-formats B12), but one in
// ten digit strings passes Luhn, so the layout and words around it count.
const (
	// KeywordConfidence is for a valid number with a card keyword
	// ("カード番号", "Visa", "credit card" …) nearby or in its column header.
	KeywordConfidence = 0.95
	// GroupedConfidence is for a valid number without a keyword, written
	// in the groups printed on cards ("4539 1488 0343 6467", Amex
	// "3782 822463 10005").
	GroupedConfidence = 0.85
	// BareConfidence is for a valid 15- or 16-digit number without a
	// keyword, written without separators.
	BareConfidence = 0.6
)

// Windows in runes.
const (
	beforeRunes = 60
	afterRunes  = 20
	nearRunes   = 60
)

// supportWords are Presidio's card context words and ours (pii-formats
// B12).
var supportWords = textscan.NewWords(
	"credit", "card", "visa", "mastercard", "master card", "amex", "american express", "jcb", "diners",
	"discover", "maestro", "unionpay", "cc", "ccn", "pan",
	"カード番号", "カード", "クレジット", "クレカ", "ビザ", "マスターカード", "アメックス", "ダイナース", "銀聯",
)

// vetoWords announce numbers of card shape that are no card numbers:
// loyalty and point cards, orders, tracking, devices, accounts.
var vetoWords = textscan.NewWords(
	"ポイントカード", "会員カード", "メンバーズカード", "ポイント番号", "会員番号", "お客様番号", "顧客番号",
	"注文番号", "伝票番号", "追跡番号", "お問い合わせ番号", "問合せ番号", "受付番号", "管理番号", "予約番号",
	"契約番号", "証券番号", "口座番号", "製造番号", "シリアル", "品番", "型番",
	"order", "invoice", "tracking", "serial", "imei", "iccid", "isbn", "jan", "ean", "sku", "account",
	"電話", "tel", "fax",
)

// Detector finds payment card numbers. Candidates are 13 to 19 digits,
// contiguous or in card groups (4-4-4-4, 4-6-5, 4-6-4, 4-4-4-4-3) with
// spaces or dashes, that stand alone (rule.Digits: not in a longer token,
// a decimal, a price or a row of numbers; this also rejects
// bulk_extractor's "sea of hex" cases, where hex letters touch the
// number). Valid checks each. Because a number in card groups is reported
// without a keyword, the detector runs on every text. It is read-only and
// safe for concurrent use.
type Detector struct {
	scan rule.Scanner
	ctx  rule.Context
}

// New returns a credit card detector.
func New() *Detector {
	return &Detector{
		scan: rule.Digits(" -",
			[]int{13}, []int{14}, []int{15}, []int{16}, []int{17}, []int{18}, []int{19},
			[]int{4, 4, 4, 4}, []int{4, 6, 5}, []int{4, 6, 4}, []int{4, 4, 4, 4, 3}),
		ctx: rule.Context{
			Support: supportWords,
			Veto:    vetoWords,
			Before:  beforeRunes, After: afterRunes, Near: nearRunes,
			NearConfidence: KeywordConfidence, FarConfidence: KeywordConfidence,
		},
	}
}

// Name implements detectors.Detector.
func (*Detector) Name() string { return "credit_card" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.CreditCard} }

// Keywords implements detectors.Detector: card numbers often stand
// without a keyword, so the detector runs on every text.
func (*Detector) Keywords() []string { return nil }

// MaxLen implements detectors.Detector: 19 digits and 4 separators.
func (*Detector) MaxLen() int { return 23 }

// Examples implements detectors.Exampler.
func (*Detector) Examples() detectors.Examples { return examples }

// Detect implements detectors.Detector.
func (d *Detector) Detect(t *detectors.Text) []detectors.Match {
	var ms []detectors.Match
	d.scan(t.Norm, func(start, end int) bool {
		cand := t.Norm[start:end]
		digits := rule.DigitsOnly(cand)
		if !Valid(digits) {
			return true
		}
		ev := d.ctx.Judge(t, start, end)
		conf := 0.0
		switch n := len(digits); {
		case ev.Vetoed:
		case ev.Support:
			conf = KeywordConfidence
		case len(cand) > n && n >= 14 && n <= 16:
			conf = GroupedConfidence
		case n == 15 || n == 16:
			conf = BareConfidence
		}
		if conf > 0 {
			ms = append(ms, detectors.Match{Type: pii.CreditCard, Start: start, End: end, Value: digits, Confidence: conf})
		}
		return true
	})
	return ms
}
