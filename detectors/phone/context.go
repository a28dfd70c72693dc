package phone

import (
	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// contextRunes is how far before a number its keywords are looked for
// (Macie: "within 30 characters").
const contextRunes = 30

// A number's context, from the nearest keyword before it.
type numberContext int

const (
	noContext    numberContext = iota
	phoneContext               // a phone keyword is nearest
	vetoed                     // an order/invoice/tracking keyword is nearest
)

// phoneWords announce a phone number. "tel" also finds "TEL", "Tel." and
// "telephone" (NFKC has turned "ＴＥＬ" and "℡" into "TEL").
var phoneWords = textscan.NewWordPrefixes(
	"tel", "phone", "mobile", "mob", "cell", "fax", "call",
	"電話", "携帯", "ケータイ", "連絡先", "直通", "代表", "内線", "ファックス", "ファクス",
	"問い合わせ", "問合せ", "☎",
)

// vetoWords announce numbers of the same shape that are not phones. Where
// both kinds occur, the nearer one wins: "お問い合わせ番号" ends after
// "問い合わせ".
var vetoWords = textscan.NewWordPrefixes(
	"注文番号", "請求書番号", "請求番号", "伝票番号", "問い合わせ番号", "問合せ番号",
	"追跡番号", "受付番号", "管理番号", "会員番号", "顧客番号", "お客様番号", "契約番号",
	"予約番号", "口座番号", "証券番号",
	"order", "invoice", "inv", "tracking", "ref", "account", "acct",
)

// classify classifies the number at t.Norm[start:] by the keywords in the
// contextRunes before it, then by the column header of a table cell.
func classify(t *detectors.Text, start int) numberContext {
	window := t.Before(start, contextRunes)
	p, v := phoneWords.LastEnd(window), vetoWords.LastEnd(window)
	switch {
	case v > p:
		return vetoed
	case p >= 0:
		return phoneContext
	}
	if t.Column != "" {
		p, v = phoneWords.LastEnd(t.Column), vetoWords.LastEnd(t.Column)
		switch {
		case v > p:
			return vetoed
		case p >= 0:
			return phoneContext
		}
	}
	return noContext
}
