package license

import (
	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match (pii-formats B4: Purview gives 75 with a keyword
// within 300 characters and validates nothing; we check the 公安委員会
// code as well).
const (
	// LabelConfidence is for a number with a licence keyword at most
	// nearRunes away ("免許証番号：", "第…号" under 運転免許証) or in its
	// column header.
	LabelConfidence = 0.95
	// NearbyConfidence is for a keyword further away in the window.
	NearbyConfidence = 0.8
	// unverifiedFactor scales the confidence of a number whose 11th digit
	// is not the check digit the community formula gives (pii-formats B4:
	// unpublished, so only a soft signal).
	unverifiedFactor = 0.9
	// bareWordFactor scales the confidence when the only keyword is "免許"
	// alone, which also stands before teacher's, real-estate and other
	// licences.
	bareWordFactor = 0.8
)

// Windows in runes.
const (
	beforeRunes = 100
	afterRunes  = 20
	nearRunes   = 30
)

// Keywords are the prefilter keywords: every support word contains one.
var Keywords = []string{
	"免許", "運転経歴証明書", "driver", "driving", "dl#", "dl no", "lic#", "license n", "licence n",
}

// supportWords are Purview's licence keywords (pii-formats B4) that say
// "driver's licence", with ASCII spelling variants; the bare "免許" is the
// weakest of them (see bareWordFactor).
var supportWords = textscan.NewWords(
	"運転免許証番号", "運転免許証", "運転免許番号", "運転免許", "免許証番号", "免許証", "免許番号",
	"免許証no", "免許no", "免許証#", "免許#", "免許ナンバー", "免許証ナンバー", "運転経歴証明書番号", "運転経歴証明書", "免許",
	"driver's licen", "driver’s licen", "drivers licen", "driver licen", "driving licen",
	"driver's no", "dl#", "dl no", "lic#", "license no", "licence no", "license number", "licence number",
)

// vetoWords announce other 12-digit numbers: other licences that "免許"
// names, My Number (context decides between the two: a My Number keyword
// nearer than every licence keyword makes the number a My Number, whether
// or not it passes that check digit — if it fails, it is a mistyped My
// Number more likely than a licence), and order, slip and product numbers.
var vetoWords = textscan.NewWords(
	"マイナンバー", "個人番号", "共通番号", "個人識別番号", "通知カード", "my number", "individual number",
	"教員免許", "免許状", "宅建", "宅地建物取引", "建設業", "医師免許", "看護師免許", "薬剤師免許",
	"調理師免許", "無線", "船舶", "海技", "狩猟免許", "酒類", "古物", "業免許",
	"license key", "ライセンス", "serial", "シリアル",
	"注文番号", "伝票番号", "請求書番号", "請求番号", "受付番号", "管理番号", "会員番号", "顧客番号",
	"お客様番号", "契約番号", "予約番号", "口座番号", "問い合わせ番号", "問合せ番号", "追跡番号",
	"製造番号", "品番", "型番", "jan", "order", "invoice", "tracking", "sku",
)

// Detector finds Japanese driver's licence numbers: a rule (package rule)
// over 12-digit candidates ("123456789012", "1234-5678-9012", "第…号"),
// validated by Valid, with a licence keyword or column header required. It
// is read-only and safe for concurrent use.
type Detector struct {
	r *rule.Detector
}

// New returns a driver's licence detector.
func New() *Detector {
	return &Detector{r: rule.Must(rule.Rule{
		Name:     "drivers_license",
		Type:     pii.DriversLicense,
		Keywords: Keywords,
		MaxLen:   14,
		Scan:     rule.Digits(" -", []int{12}, []int{4, 4, 4}),
		Validate: validate,
		Context: rule.Context{
			Support: supportWords,
			Veto:    vetoWords,
			Before:  beforeRunes, After: afterRunes, Near: nearRunes,
			NearConfidence: LabelConfidence, FarConfidence: NearbyConfidence,
		},
		Examples: examples,
	})}
}

// Name implements detectors.Detector.
func (d *Detector) Name() string { return d.r.Name() }

// Types implements detectors.Detector.
func (d *Detector) Types() []string { return d.r.Types() }

// Keywords implements detectors.Detector.
func (d *Detector) Keywords() []string { return d.r.Keywords() }

// MaxLen implements detectors.Detector.
func (d *Detector) MaxLen() int { return d.r.MaxLen() }

// Examples implements detectors.Exampler.
func (d *Detector) Examples() detectors.Examples { return d.r.Examples() }

// Detect implements detectors.Detector.
func (d *Detector) Detect(t *detectors.Text) []detectors.Match {
	ms := d.r.Detect(t)
	for i := range ms {
		if ev := d.r.Evidence(t, ms[i].Start, ms[i].End); ev.Word == "免許" {
			ms[i].Confidence *= bareWordFactor
		}
	}
	return ms
}

func validate(cand string) (string, float64, bool) {
	d := rule.DigitsOnly(cand)
	if !Valid(d) {
		return "", 0, false
	}
	if !CheckDigitOK(d) {
		return d, unverifiedFactor, true
	}
	return d, 1, true
}
