package address

import (
	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/scope"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// scopeWords label a person's home (現住所, 自宅, お住まい, 本籍, Home) or a
// company's or office's address (勤務先, 会社, 本社, 所在地, 事務所,
// Office, Business, Company, Work). Between the word and the address only
// separators, a line break and address words may stand ("自宅住所：",
// "会社の所在地", "Office address:").
var scopeWords = &scope.Words{
	Personal: textscan.NewWordPrefixes(
		"現住所", "自宅", "ご自宅", "お住まい", "本籍", "居所", "実家", "帰省先", "個人",
		"home", "residential", "residence", "private", "personal", "permanent",
	),
	Business: textscan.NewWordPrefixes(
		"勤務先", "勤め先", "会社", "本社", "本店", "支社", "支店", "事務所", "営業所", "工場", "所在地", "法人",
		"office", "business", "company", "work", "corporate", "headquarters", "head office", "registered office",
	),
	Separators: " \t\n\r:=|/.,()[]【】<>・-",
	Gap:        []string{"住所", "所在地", "address", "addr", "の", "は"},
}

// labelRunes is how far before an address its scope label is looked for.
const labelRunes = 30

// plainLabels do not say whose an address is; Label reports one (as
// personal, the only kind of word it has) that ends the text before an
// address.
var plainLabels = &scope.Words{
	Personal:   textscan.NewWordPrefixes("住所", "住 所", "ご住所", "address", "addr", "送付先", "連絡先住所"),
	Separators: scopeWords.Separators,
}

// formLabels mark a form about a person (an application, a résumé, a
// registration), in which a plain 住所 is the person's.
var formLabels = textscan.NewWordPrefixes(
	"氏名", "フリガナ", "ふりがな", "生年月日", "性別", "履歴書", "応募", "申込者", "申請者", "本人確認",
	"date of birth", "applicant",
)

// companyFormLabels mark a form about a company: its 住所 is the
// company's, not a person's.
var companyFormLabels = textscan.NewWordPrefixes("会社名", "法人名", "貴社名", "御社名", "社名", "代表者", "company name")

// Windows for a form's labels around a plainly labelled address, in
// runes.
const formBefore, formAfter = 300, 150

// scopeOf returns the scope of the address t.Norm[start:end]
// (detectors.Match.Scope), by the first rule that applies:
//
//  1. A scope label before it, on its line or the one before
//     (scopeWords).
//  2. The table column's header, likewise ("現住所", "会社住所").
//  3. A plain label (住所, ご住所, Address) in a form about a person: a
//     form label (氏名, フリガナ, 生年月日, 性別, 履歴書, 応募, applicant)
//     within formBefore runes before or formAfter after, and no label of
//     a company form (会社名, 法人名, 代表者) → personal.
//  4. An address in a block of lines that names a company (a
//     signature: scope.CompanyBlock) → business.
//
// Else the scope is unknown ("").
func scopeOf(t *detectors.Text, start, end int) string {
	before := t.Before(start, labelRunes)
	if v := scopeWords.Label(before, 2); v != "" {
		return v
	}
	if t.Column != "" {
		if v, _ := scopeWords.Last(t.Column); v != "" {
			return v
		}
	}
	if plainLabels.Label(before, 2) != "" {
		around := t.Before(start, formBefore) + "\n" + t.After(end, formAfter)
		if formLabels.Contains(around) && !companyFormLabels.Contains(around) {
			return detectors.ScopePersonal
		}
	}
	if scope.CompanyBlock(t.Norm, start, end) {
		return detectors.ScopeBusiness
	}
	return ""
}
