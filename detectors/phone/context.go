package phone

import (
	"strings"

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

// phoneWordRegion maps the words that announce a phone number to the
// region their language names, or "" for words used everywhere. "tel"
// also finds "TEL", "Tel." and "telephone" (NFKC has turned "ＴＥＬ" and
// "℡" into "TEL"); "tél" finds the French "Tél." and "téléphone".
var phoneWordRegion = map[string]string{
	"tel": "", "phone": "", "mobile": "", "mob": "", "cell": "", "fax": "", "call": "", "contact": "", "voice": "",
	"toll": "", "☎": "",
	"電話": "JP", "携帯": "JP", "ケータイ": "JP", "連絡先": "JP", "直通": "JP", "代表": "JP", "内線": "JP",
	"ファックス": "JP", "ファクス": "JP", "問い合わせ": "JP", "問合せ": "JP",
	"tél": "FR",
	"电话":  "CN", "手机": "CN", "传真": "CN", "联系": "CN",
	"전화": "KR", "휴대폰": "KR", "핸드폰": "KR", "팩스": "KR", "연락처": "KR",
}

var phoneWords = func() *textscan.Words {
	ws := make([]string, 0, len(phoneWordRegion))
	for w := range phoneWordRegion {
		ws = append(ws, w)
	}
	return textscan.NewWordPrefixes(ws...)
}()

// vetoWords announce numbers of the same shape that are not phones. Where
// both kinds occur, the nearer one wins: "お問い合わせ番号" ends after
// "問い合わせ".
var vetoWords = textscan.NewWordPrefixes(
	"注文番号", "請求書番号", "請求番号", "伝票番号", "問い合わせ番号", "問合せ番号",
	"追跡番号", "受付番号", "管理番号", "会員番号", "顧客番号", "お客様番号", "契約番号",
	"予約番号", "口座番号", "証券番号", "品番", "型番", "部品番号", "製品番号", "商品番号",
	"受注番号", "発注番号", "見積番号", "見積書番号", "納品書番号", "領収書番号", "取引番号",
	"order", "invoice", "inv", "tracking", "ref", "account", "acct", "part", "p/n", "sku",
	"model", "serial", "s/n", "isbn", "issn", "boundary", "ticket", "confirmation",
	"transaction", "receipt", "policy",
)

// keyWords are the phone and veto words together: the one that ends last
// before a number, the nearest, says what it is. Where two end together
// the longer wins ("問い合わせ番号" over "問い合わせ").
var keyWords = textscan.NewWordPrefixes(append(phoneWords.List(), vetoWords.List()...)...)

// idSuffixes end the label of an identifier: "注文No.", "Part Number",
// "会員ID", "商品コード". Unless the word before is a phone keyword ("電話番号",
// "Tel No.", "FAX番号"), a label that ends so right before a number says
// it is not a phone. The English "code" is not one: "area code", "access
// code" stand before phones' digits.
var idSuffixes = []string{"番号", "ナンバー", "コード", "no", "nr", "nbr", "num", "number", "id"}

// classify classifies the number at t.Norm[start:] by the keywords in the
// contextRunes before it, then by the column header of a table cell. It
// also returns the region the language of the phone keyword names, if any.
// A number written with '+' is a phone's by its form: an identifier's
// label before it does not veto it.
func classify(t *detectors.Text, start int) (numberContext, string) {
	window := t.Before(start, contextRunes)
	ks, ke := keyWords.Last(window)
	ctx, region := keywordAt(window, ks, ke)
	if t.Norm[start] != '+' {
		if label, ok := idLabel(window); ok && !(ctx == phoneContext && endsWithKeyword(label, ks, ke)) {
			return vetoed, ""
		}
	}
	if ctx != noContext {
		return ctx, region
	}
	if t.Column != "" {
		ks, ke = keyWords.Last(t.Column)
		return keywordAt(t.Column, ks, ke)
	}
	return noContext, ""
}

// keywordAt classifies by the keyword s[start:end] (end < 0: none), and
// returns the region of a phone keyword's language.
func keywordAt(s string, start, end int) (numberContext, string) {
	if end < 0 {
		return noContext, ""
	}
	var buf [32]byte
	if region, ok := phoneWordRegion[string(lower(buf[:0], s[start:end]))]; ok {
		return phoneContext, region
	}
	return vetoed, ""
}

// idLabel reports whether window, the text right before a number, ends
// with the label of an identifier (idSuffixes), and returns the label
// before the suffix: "注文" of "注文番号：", "Part" of "Part No. ".
func idLabel(window string) (string, bool) {
	w := strings.TrimRight(window, " \t\r\n:=#.-|/【[")
	if w == "" {
		return "", false
	}
	// Most windows end otherwise: test the last byte first.
	switch c := w[len(w)-1]; {
	case textscan.IsLetter(c), c == 0xB7 /* 号 */, c == 0xBC /* ー */, c == 0x89 /* ド */ :
	default:
		return "", false
	}
	for _, suf := range idSuffixes {
		if len(w) < len(suf) || !textscan.HasPrefixFold(w[len(w)-len(suf):], suf) {
			continue
		}
		label := w[:len(w)-len(suf)]
		if textscan.IsLetter(suf[0]) && label != "" && textscan.IsLetter(label[len(label)-1]) {
			continue // "Casino", "paid": not a suffix
		}
		return strings.TrimRight(label, " .-_"), true
	}
	return "", false
}

// endsWithKeyword reports whether the keyword label[start:end] (as found
// in a longer text) ends label or starts its last word: "電話" in "電話",
// "tel" in "Telephone".
func endsWithKeyword(label string, start, end int) bool {
	if end < 0 {
		return false
	}
	if end == len(label) {
		return true
	}
	k := len(label)
	for k > 0 && textscan.IsLetter(label[k-1]) {
		k--
	}
	return k < len(label) && start == k
}
