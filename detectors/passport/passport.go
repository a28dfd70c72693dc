package passport

import (
	"strings"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match (pii-formats B3: Purview gives 75 with a keyword
// within 300 characters; the printed number has no check digit).
const (
	// LabelConfidence is for a Japanese-format number with a passport
	// keyword at most nearRunes away or in its column header.
	LabelConfidence = 0.95
	// NearbyConfidence is for a keyword further away in the window.
	NearbyConfidence = 0.85
	// ForeignConfidence is for a number of another format right after a
	// passport label ("Passport No.: 123456789").
	ForeignConfidence = 0.7
	// otherSeriesFactor scales the confidence of a Japanese-format number
	// whose first letter is neither T (10-year) nor M (5-year), the series
	// ordinary Japanese passports use (informal sources, pii-formats B3).
	otherSeriesFactor = 0.9
)

// Windows in runes.
const (
	beforeRunes = 100
	afterRunes  = 20
	nearRunes   = 30
	// labelGap is how many bytes of label filler ("No.", "番号", ":", "#")
	// may stand between a passport keyword and a foreign number.
	labelGap = 24
)

// Keywords are the prefilter keywords and support words: Purview's
// passport keywords (pii-formats B3) all contain one of them. "VISA",
// "有効期限" and "発行日", which pii-formats adds, say nothing alone: they
// stand next to card numbers and contracts as often.
var Keywords = []string{"passport", "パスポート", "旅券"}

// vetoWords announce other values of the shape "AB1234567": parcel
// tracking, order, product and booking numbers.
var vetoWords = textscan.NewWords(
	"注文番号", "伝票番号", "追跡番号", "お問い合わせ番号", "問合せ番号", "受付番号", "管理番号", "会員番号",
	"予約番号", "請求書番号", "品番", "型番", "型式", "製品番号", "商品コード", "部品番号", "ロット",
	"order", "tracking", "invoice", "booking", "reservation", "confirmation", "sku", "item", "model",
	"part no", "lot", "serial", "シリアル",
)

// Detector finds passport numbers. Japanese ones ([A-Z]{2}\d{7},
// case-insensitive) are a rule (package rule) gated by a passport keyword
// or column header; foreign ones, whose formats are too varied to find
// without a label, only directly after a passport label. Machine-readable
// zones are package mrz's: their document number touches its check digit
// and is never a token of its own here. In text read from pixels a number
// must be confirmed by a zone nearby or have a known national format (see
// checkOCR). A Detector is read-only and safe for concurrent use.
type Detector struct {
	jp      *rule.Detector
	support *textscan.Words
}

// New returns a passport detector.
func New() *Detector {
	support := textscan.NewWords(Keywords...)
	return &Detector{
		support: support,
		jp: rule.Must(rule.Rule{
			Name:     "passport",
			Type:     pii.Passport,
			Keywords: Keywords,
			MaxLen:   maxForeign,
			Scan:     scanJapanese,
			Validate: validateJapanese,
			Context: rule.Context{
				Support: support,
				Veto:    vetoWords,
				Before:  beforeRunes, After: afterRunes, Near: nearRunes,
				NearConfidence: LabelConfidence, FarConfidence: NearbyConfidence,
			},
			Examples: examples,
		}),
	}
}

// Name implements detectors.Detector.
func (d *Detector) Name() string { return d.jp.Name() }

// Types implements detectors.Detector.
func (d *Detector) Types() []string { return d.jp.Types() }

// Keywords implements detectors.Detector.
func (d *Detector) Keywords() []string { return d.jp.Keywords() }

// MaxLen implements detectors.Detector.
func (d *Detector) MaxLen() int { return d.jp.MaxLen() }

// Examples implements detectors.Exampler.
func (d *Detector) Examples() detectors.Examples { return d.jp.Examples() }

// Detect implements detectors.Detector.
func (d *Detector) Detect(t *detectors.Text) []detectors.Match {
	ms := d.foreign(t, d.jp.Detect(t))
	if t.OCR {
		ms = checkOCR(t, ms)
	}
	return ms
}

// foreign appends the foreign-format numbers right after a passport label
// to ms, the Japanese-format matches, keeping the order by position.
func (d *Detector) foreign(t *detectors.Text, ms []detectors.Match) []detectors.Match {
	s := t.Norm
	var out []detectors.Match
	k := 0
	from := 0
	d.support.All(s, func(_, ke int) bool {
		if ke < from {
			return true
		}
		start, end, ok := labelled(s, ke)
		if !ok {
			return true
		}
		value := strings.ToUpper(s[start:end])
		if isJapanese(value) || !ValidForeign(value) {
			return true // the rule has judged it
		}
		if ev := d.jp.Evidence(t, start, end); ev.Vetoed {
			return true
		}
		for k < len(ms) && ms[k].Start < start {
			out = append(out, ms[k])
			k++
		}
		out = append(out, detectors.Match{Type: pii.Passport, Start: start, End: end, Value: value, Confidence: ForeignConfidence})
		from = end
		return true
	})
	if out == nil {
		return ms
	}
	return append(out, ms[k:]...)
}

// labelled returns the alphanumeric token that follows a label ending at
// s[i:]: after at most labelGap bytes of filler such as " No.: ", "番号",
// "#" or "(", "（".
func labelled(s string, i int) (start, end int, ok bool) {
	limit := min(len(s), i+labelGap)
	for i < limit {
		switch {
		case strings.IndexByte(" :#.()-=\t", s[i]) >= 0:
			i++
		case hasPrefixFold(s[i:], "number"):
			i += len("number")
		case hasPrefixFold(s[i:], "num"), hasPrefixFold(s[i:], "no."):
			i += 3
		case hasPrefixFold(s[i:], "no"):
			i += 2
		case strings.HasPrefix(s[i:], "番号"):
			i += len("番号")
		case strings.HasPrefix(s[i:], "ナンバー"):
			i += len("ナンバー")
		default:
			limit = i
		}
	}
	start = i
	for i < len(s) && i-start <= maxForeign && isAlnum(s[i]) {
		i++
	}
	if i == start || i-start > maxForeign || (start > 0 && isAlnum(s[start-1])) {
		return 0, 0, false
	}
	return start, i, rule.StandsAlone(s, start, i)
}

func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || (c|0x20) >= 'a' && (c|0x20) <= 'z'
}
