package accountant

import (
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match. The number has no check digit and is written
// like any "第N号" (pii-formats B11), so words decide everything.
const (
	// LabelConfidence is for a number after a registration label
	// ("登録番号", "登録第", "Registration No.") with an accountant word
	// nearby, or under a column header such as "公認会計士登録番号".
	LabelConfidence = 0.9
	// TitleConfidence is for "第N号" right after an accountant word
	// ("公認会計士（第12345号）") without a registration label.
	TitleConfidence = 0.8
)

// Windows in runes.
const (
	labelRunes      = 15 // label before the number
	professionRunes = 60 // accountant word before or after the number
	// signatureRunes is how far an accountant word may be from a labelled
	// number in the same block of lines: a signature puts the title on
	// its second line and "登録番号" on its last, under the office, the
	// address and the phone (about 120 runes).
	signatureRunes = 200
	titleRunes     = 3  // accountant word before "第N号"
	nameTitleRunes = 12 // accountant word before a name and "（第N号）"
	minTitleDigits = 3  // "第3号議案" is no registration
	maxDigits      = 6  // about 40,000 CPAs and 80,000 tax accountants are registered
)

// Keywords are the prefilter keywords: every match has an accountant word
// within professionRunes, and each of these words contains one.
var Keywords = []string{"会計士", "税理士", "jicpa", "cpa", "certified public accountant", "tax accountant"}

var (
	professionWords = textscan.NewWords(
		"公認会計士", "会計士補", "会計士", "税理士", "jicpa", "cpa", "certified public accountant", "tax accountant",
	)
	// otherProfessions hold registration numbers of other kinds: where
	// one of them is nearer, the number is theirs.
	otherProfessions = textscan.NewWords(
		"弁護士", "司法書士", "行政書士", "弁理士", "社会保険労務士", "社労士", "中小企業診断士",
		"不動産鑑定士", "宅地建物取引士", "建築士", "医師", "薬剤師", "看護師",
	)
	// qualifiers, right before a label, make it the label of another
	// number: other professions' registrations, trademarks, patents.
	qualifiers = struct {
		words    *textscan.Words
		maxRunes int
	}{textscan.NewWords(
		"弁護士", "司法書士", "行政書士", "弁理士", "社会保険労務士", "社労士", "中小企業診断士",
		"不動産鑑定士", "宅地建物取引士", "建築士", "医師", "薬剤師", "看護師",
		"商標", "特許", "意匠", "実用新案", "会員", "事業者", "法人", "車両", "商品",
	), 8}
	labelWords = textscan.NewWords(
		"登録番号", "登録no", "登録 no", "登録第", "登録 第", "会計士番号", "税理士番号",
		"registration no", "registration number", "reg. no", "reg no", "reg.no", "registered no",
		"cpa no", "cpa #", "cpa#", "cpa number",
	)
	// otherNumbers are labels of numbers an accountant's mail holds that
	// are not the registration number.
	otherNumbers = textscan.NewWords(
		"会員番号", "法人番号", "インボイス", "適格請求書", "事業者番号", "電話", "tel", "fax", "〒",
		"商標", "特許", "意匠", "実用新案", "議案", "様式",
	)
)

// Detector finds accountants' registration numbers: digit runs of at
// most six digits (rule.Digits) with a registration label just before and
// an accountant word within professionRunes on either side, or written
// "第N号" right after an accountant word. It is read-only and safe for
// concurrent use.
type Detector struct {
	scan       rule.Scanner
	label      rule.Context
	profession rule.Context
	// signature finds an accountant word further away, for a labelled
	// number in the same block of lines.
	signature rule.Context
	after     *textscan.Words
}

// New returns an accountant registration number detector.
func New() *Detector {
	return &Detector{
		scan:       rule.Digits("", []int{1}, []int{2}, []int{3}, []int{4}, []int{5}, []int{6}),
		label:      rule.Context{Support: labelWords, Veto: otherNumbers, Before: labelRunes, Near: labelRunes, NearConfidence: LabelConfidence},
		profession: rule.Context{Support: professionWords, Veto: otherProfessions, Before: professionRunes, After: professionRunes, Near: professionRunes, NearConfidence: 1},
		signature:  rule.Context{Support: professionWords, Veto: otherProfessions, Before: signatureRunes, After: signatureRunes, Near: signatureRunes, NearConfidence: 1},
		after:      textscan.NewWords("議案", "様式", "条", "項", "号証", "号機"),
	}
}

// Name implements detectors.Detector.
func (*Detector) Name() string { return "accountant_number" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.AccountantNumber} }

// Keywords implements detectors.Detector.
func (*Detector) Keywords() []string { return append([]string(nil), Keywords...) }

// MaxLen implements detectors.Detector.
func (*Detector) MaxLen() int { return maxDigits }

// Examples implements detectors.Exampler.
func (*Detector) Examples() detectors.Examples { return examples }

// Detect implements detectors.Detector.
func (d *Detector) Detect(t *detectors.Text) []detectors.Match {
	var ms []detectors.Match
	// Short digit runs are everywhere (dates, times, prices): look only at
	// those near an accountant word, found first with a fast search.
	var near [][2]int // byte ranges within reach of an accountant word
	const reach = 4 * (signatureRunes + 32)
	professionWords.All(t.Norm, func(s, e int) bool {
		lo, hi := max(0, s-reach), e+reach
		if k := len(near) - 1; k >= 0 && lo <= near[k][1] {
			near[k][1] = hi
		} else {
			near = append(near, [2]int{lo, hi})
		}
		return true
	})
	if len(near) == 0 && t.Column == "" {
		return nil
	}
	k := 0
	d.scan(t.Norm, func(start, end int) bool {
		for k < len(near) && near[k][1] < start {
			k++
		}
		if t.Column == "" && (k == len(near) || start < near[k][0]) {
			return k < len(near)
		}
		value := strings.TrimLeft(t.Norm[start:end], "0")
		if value == "" {
			return true
		}
		if conf := d.judge(t, start, end); conf > 0 {
			ms = append(ms, detectors.Match{Type: pii.AccountantNumber, Start: start, End: end, Value: value, Confidence: conf})
		}
		return true
	})
	return ms
}

// judge returns the confidence for the number t.Norm[start:end], 0 to drop.
func (d *Detector) judge(t *detectors.Text, start, end int) float64 {
	titled := d.titled(t.Norm, start, end)
	if titled && d.after.Contains(t.After(end, 4)) {
		return 0 // "第3号議案", "第2条", "第1号様式"
	}
	prof := d.profession.Judge(t, start, end)
	lab := d.label.Judge(t, start, end)
	if !prof.Support && !prof.Vetoed && lab.Support && !lab.Vetoed {
		// "登録番号: 12345" on the last line of a signature whose title
		// is four lines up: the same block, no blank line between.
		if far := d.signature.Judge(t, start, end); far.Support && !far.Vetoed && far.WordStart >= 0 && sameBlock(t.Norm, far.WordStart, start) {
			prof = far
		}
	}
	if !prof.Support || prof.Vetoed {
		return 0
	}
	switch {
	case lab.Vetoed:
		return 0
	case lab.Support && lab.WordStart >= 0:
		// "弁護士登録番号", "商標登録第": the label names another number.
		before := t.Before(lab.WordStart, qualifiers.maxRunes)
		if _, e := qualifiers.words.Last(before); e >= 0 && e == len(before) {
			return 0
		}
		return LabelConfidence
	case lab.Support:
		return LabelConfidence
	}
	if titled && end-start >= minTitleDigits && !prof.Column && prof.WordStart >= 0 && prof.WordStart < start {
		// The accountant word ends at most titleRunes before "第", or
		// before a name and "（第": "公認会計士 山田太郎（第12345号）".
		gap := t.Norm[prof.WordStart+len(prof.Word) : start]
		gap = strings.TrimRight(gap, " ")
		gap = strings.TrimSuffix(gap, "第")
		gap = strings.TrimSpace(gap)
		if utf8.RuneCountInString(gap) <= titleRunes {
			return TitleConfidence
		}
		if name, ok := strings.CutSuffix(gap, "("); ok && isName(strings.TrimSpace(name)) {
			return TitleConfidence
		}
	}
	return 0
}

// notNameWords make the words between an accountant word and "（第N号）"
// something other than a name: "試験合格者（第123号）", "協会規則（第3号）".
var notNameWords = []string{"試験", "合格", "者", "法", "条", "規", "会", "所", "課", "部", "号", "様式", "議案"}

// isName reports whether s may be a person's name between an accountant
// word and "（第N号）": 2 to nameTitleRunes kanji, kana and spaces, on one
// line, without a word of notNameWords.
func isName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > nameTitleRunes {
		return false
	}
	for _, w := range notNameWords {
		if strings.Contains(s, w) {
			return false
		}
	}
	for _, r := range s {
		switch {
		case r == ' ' || r == '・' || r == '々':
		case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3041 && r <= 0x3096, r >= 0x30A1 && r <= 0x30FA, r == 'ー':
		default:
			return false
		}
	}
	return true
}

// sameBlock reports whether s[a:b] stays within one block of lines: no
// blank line between a and b.
func sameBlock(s string, a, b int) bool {
	if a > b {
		a, b = b, a
	}
	for _, l := range strings.Split(s[a:b], "\n")[1:] {
		if strings.TrimSpace(l) == "" {
			return false
		}
	}
	return true
}

// titled reports whether the number s[start:end] is written "第N号", with
// optional spaces inside.
func (d *Detector) titled(s string, start, end int) bool {
	before := strings.TrimRight(s[:start], " ")
	after := strings.TrimLeft(s[end:], " ")
	return strings.HasSuffix(before, "第") && strings.HasPrefix(after, "号")
}
