package bank

import (
	"strings"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a Japanese account match (pii-formats B5: Purview gives
// 85 for an account number with an account keyword and a branch pattern
// or keyword, 75 with the keyword alone; there is no check digit).
const (
	// FullConfidence is for a number with an account keyword or type
	// and both the bank and the branch (name or code) nearby.
	FullConfidence = 0.95
	// PartConfidence is for an account keyword or type with the bank or
	// the branch.
	PartConfidence = 0.9
	// LabelConfidence is for a number right after "口座番号" or an
	// account type ("普通 1234567") alone.
	LabelConfidence = 0.8
)

// Distances in runes between a part of a 振込先 block and the number.
const (
	blockRunes  = 60 // bank name, branch and codes
	labelRunes  = 20 // "口座番号", "振込先", "口座名義" …
	typeRunes   = 12 // "普通", "当座" …
	typeAfter   = 4  // "1234567（普通）"
	strictRunes = 10 // label before a 6- or 8-digit number
)

// Keywords are the prefilter keywords: every match has an account label
// or an account type within its block, and each contains one of these.
var Keywords = []string{
	"口座", "普通", "当座", "貯蓄", "振込", "振り込", "ゆうちょ", "記号", "預金",
	"account", "acct", "a/c", "savings", "checking", "ordinary",
}

var (
	// labelWords say that an account number follows (pii-formats B5:
	// Purview's account keywords and ours).
	labelWords = textscan.NewWords(
		"口座番号", "口座no", "口座#", "口座", "振込先", "お振込先", "振込口座", "お振り込み先", "振り込み先",
		"口座名義", "預金口座", "銀行口座", "預金種目",
		"account number", "account no", "account #", "acct no", "acct", "a/c no", "a/c",
	)
	// typeWords are the account types (預金種目).
	typeWords = textscan.NewWords(
		"普通預金", "普通", "当座預金", "当座", "貯蓄預金", "貯蓄", "総合",
		"savings", "ordinary", "checking",
	)
	// vetoWords announce other 6–8-digit numbers.
	vetoWords = textscan.NewWords(
		"注文番号", "伝票番号", "請求書番号", "請求番号", "受付番号", "管理番号", "会員番号", "顧客番号",
		"お客様番号", "契約番号", "予約番号", "証券番号", "問い合わせ番号", "問合せ番号", "追跡番号",
		"郵便番号", "〒", "電話", "tel", "fax", "携帯", "金額", "合計", "税込", "社員番号", "従業員番号",
		"order", "invoice", "tracking", "zip", "postal", "phone", "amount", "total",
	)
)

// Detector finds Japanese bank accounts. Candidates are account numbers
// of 7 digits (6 or 8 only right after "口座番号"), also written with the
// branch code ("123-1234567") or bank and branch codes
// ("0001-123-1234567"), and ゆうちょ 記号・番号. A number alone is never
// an account: it needs an account label or type in front of it, and
// the bank and branch nearby raise the confidence. The whole 振込先 block
// ("三井住友銀行 渋谷支店 普通 1234567") is one match, whose value is
// BANK/BRANCH/TYPE/NUMBER (interface.md), a part left empty when it was
// not found ("みずほ銀行//普通/1234567"). It is read-only and safe for
// concurrent use.
type Detector struct {
	scan rule.Scanner
}

// New returns a Japanese bank account detector.
func New() *Detector {
	return &Detector{scan: rule.Digits("-", []int{6}, []int{7}, []int{8}, []int{3, 7}, []int{4, 3, 7})}
}

// Name implements detectors.Detector.
func (*Detector) Name() string { return "bank_account" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.BankAccount} }

// Keywords implements detectors.Detector.
func (*Detector) Keywords() []string { return append([]string(nil), Keywords...) }

// MaxLen implements detectors.Detector: a block of blockRunes and its
// number.
func (*Detector) MaxLen() int { return maxBlock }

// maxBlock bounds a match in bytes.
const maxBlock = 4*blockRunes + 64

// Examples implements detectors.Exampler.
func (*Detector) Examples() detectors.Examples { return examples }

// Detect implements detectors.Detector.
func (d *Detector) Detect(t *detectors.Text) []detectors.Match {
	var ms []detectors.Match
	d.scan(t.Norm, func(start, end int) bool {
		if m, ok := account(t, start, end); ok {
			ms = append(ms, m)
		}
		return true
	})
	return mergeByStart(ms, yucho(t))
}

// Account is a parsed Japanese bank account; empty parts were not found.
type Account struct {
	Bank, Branch, Type, Number string
}

// Value returns the normalized form BANK/BRANCH/TYPE/NUMBER.
func (a Account) Value() string {
	return a.Bank + "/" + a.Branch + "/" + a.Type + "/" + a.Number
}

// account judges the number t.Norm[start:end] and parses its block.
func account(t *detectors.Text, start, end int) (detectors.Match, bool) {
	s := t.Norm
	var acc Account
	num := s[start:end]
	parts := strings.Split(num, "-")
	switch len(parts) {
	case 1:
		acc.Number = num
	case 2:
		acc.Branch, acc.Number = parts[0], parts[1]
	case 3:
		acc.Bank, acc.Branch, acc.Number = bankByCode(parts[0]), parts[1], parts[2]
	}
	w := rule.Before(t, start, blockRunes)
	base := start - len(w)

	if k := strings.LastIndex(w, "記号"); k >= 0 && runesAfter(w, k) <= labelRunes {
		return detectors.Match{}, false // ゆうちょ 記号・番号: see yucho
	}
	// The nearest account word must be nearer than any veto word.
	_, le := labelWords.Last(w)
	ts, te := typeWords.Last(w)
	if _, ve := vetoWords.Last(w); ve >= 0 && ve >= max(le, te) {
		return detectors.Match{}, false
	}
	labelDist := runesAfter(w, le)
	label := le >= 0 && labelDist <= labelRunes
	typ := te >= 0 && runesAfter(w, te) <= typeRunes
	if te >= 0 {
		acc.Type = accountType(w[ts:te]) // also further away: it names the type
	} else if after := rule.After(t, end, typeAfter); typeWords.Contains(after) {
		as, ae := typeWords.First(after)
		typ, acc.Type = true, accountType(after[as:ae])
	}
	column := t.Column != "" && labelWords.Contains(t.Column) && !vetoWords.Contains(t.Column)
	switch {
	case !label && !typ && !column:
		return detectors.Match{}, false
	case len(acc.Number) != 7 && !column && !(label && labelDist <= strictRunes):
		return detectors.Match{}, false // 6 or 8 digits: only right after a label
	}
	spanStart := start
	if te >= 0 {
		spanStart = base + ts
	}
	if b, ok := findBank(w); ok {
		acc.Bank = b.name // a name says more than a code
		spanStart = min(spanStart, base+b.start)
	}
	if br, ok := findBranch(w); ok {
		acc.Branch = br.name
		spanStart = min(spanStart, base+br.start)
	}
	if c, k, ok := codeAfterLabel(w, bankCodeLabels, 4); ok {
		if acc.Bank == "" {
			acc.Bank = bankByCode(c)
		}
		spanStart = min(spanStart, base+k)
	}
	if c, k, ok := codeAfterLabel(w, branchCodeLabels, 3); ok {
		if acc.Branch == "" {
			acc.Branch = c
		}
		spanStart = min(spanStart, base+k)
	}
	if acc.Bank == yuchoBank && len(acc.Branch) == 3 && isDigits(acc.Branch) {
		acc.Branch = kanjiDigits(acc.Branch) + "店" // ゆうちょ names its branches by their codes
	}
	conf := LabelConfidence
	switch {
	case acc.Bank != "" && acc.Branch != "":
		conf = FullConfidence
	case acc.Bank != "" || acc.Branch != "":
		conf = PartConfidence
	}
	return detectors.Match{Type: pii.BankAccount, Start: spanStart, End: end, Value: acc.Value(), Confidence: conf}, true
}

// accountType normalizes an account type word to 普通, 当座 or 貯蓄.
func accountType(w string) string {
	switch lw := strings.ToLower(w); {
	case strings.HasPrefix(lw, "当座"), lw == "checking":
		return "当座"
	case strings.HasPrefix(lw, "貯蓄"):
		return "貯蓄"
	}
	return "普通" // 普通, 普通預金, 総合, savings, ordinary
}

// mergeByStart merges two lists of matches ordered by start.
func mergeByStart(a, b []detectors.Match) []detectors.Match {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make([]detectors.Match, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0].Start < a[0].Start {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}
