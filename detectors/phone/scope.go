package phone

import (
	"strings"

	"github.com/nyaruka/phonenumbers"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/scope"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// scopeWords label a person's own phone (携帯, 自宅, Mobile, Home) or a
// company's (代表, 勤務先, 直通, Office, Work); compounds that end in a
// personal word make it a company's ("会社携帯", "work mobile"). Between
// the word and the number only separators and phone words may stand
// ("携帯電話番号：", "Tel(代表): ").
var scopeWords = &scope.Words{
	Personal: textscan.NewWordPrefixes(
		"携帯", "ケータイ", "自宅", "個人", "私用", "プライベート", "本人",
		"mobile", "mob", "cell", "home", "private", "personal",
	),
	Business: textscan.NewWordPrefixes(
		"代表", "会社", "勤務先", "社用", "会社携帯", "社用携帯", "業務用携帯", "会社の携帯", "直通", "内線",
		"本社", "支社", "支店", "事務所", "営業所", "法人", "office", "work", "business", "main", "company",
		"corporate", "switchboard", "work mobile", "work cell", "business mobile", "office mobile",
	),
	Separators: " \t:=|/#.,()[]【】<>・-☎",
	Gap: []string{
		"電話番号", "電話", "番号", "ナンバー", "連絡先", "tel", "phone", "number", "num", "no", "ph", "は", "の", "先",
	},
}

// personalRunes is how far before a mobile number personal context is
// looked for.
const personalRunes = 120

// contextWords say that a mobile number nearby is a person's own.
var contextWords = textscan.NewWordPrefixes(
	"個人", "自宅", "私用", "プライベート", "本人", "氏名", "生年月日", "現住所", "ふりがな", "フリガナ",
	"応募者", "申込者", "申請者", "履歴書", "private", "personal",
)

// notContext follow a context word that is about data protection, not a
// person: "個人情報保護方針", "personal data".
var notContext = []string{"情報", "データ", "番号", " information", " data", " info"}

// scopeOf returns the scope of the number t.Norm[c.start:c.end], E.164
// e164 (detectors.Match.Scope), by the first rule that applies:
//
//  1. A scope word in parentheses right after the number:
//     "03-1234-5678（代表）", "090-1234-5678 (携帯)".
//  2. A scope word labelling the number: before it on its line, within
//     contextRunes (scopeWords).
//  3. The table column's header ("携帯電話", "勤務先TEL").
//  4. A mobile number (070/080/090, or a foreign number libphonenumber
//     types as mobile) with personal context within personalRunes before
//     it: 個人, 自宅, 私用, 本人, an application form's labels (氏名,
//     生年月日, 現住所, 応募者 ...), "personal", "private"; not "個人情報"
//     or "personal data" (the privacy footers of signatures) → personal.
//  5. A number other than a mobile in a block of lines that names a
//     company (a signature: scope.CompanyBlock), or a toll-free or
//     navi-dial number (0120, 0800, 0570): a company's line → business.
//
// Else the scope is unknown (""). A mobile in a company's signature
// without a label stays unknown: a work phone or the person's own.
func scopeOf(t *detectors.Text, c candidate, e164 string) string {
	if v := afterScope(t.Norm, c.end); v != "" {
		return v
	}
	if v := scopeWords.Label(t.Before(c.start, contextRunes), 1); v != "" {
		return v
	}
	if t.Column != "" {
		if v, _ := scopeWords.Last(t.Column); v != "" {
			return v
		}
	}
	mobile := isMobile(e164)
	if mobile && personalContext(t.Before(c.start, personalRunes)) {
		return detectors.ScopePersonal
	}
	if !mobile && (companyLine(e164) || scope.CompanyBlock(t.Norm, c.start, c.end)) {
		return detectors.ScopeBusiness
	}
	return ""
}

// afterScope returns the scope of a word in parentheses right after a
// number that ends at s[end]: "(代表)", "（携帯）", "[Office]".
func afterScope(s string, end int) string {
	for end < len(s) && s[end] == ' ' {
		end++
	}
	var in string
	for _, open := range []string{"(", "[", "【"} {
		if strings.HasPrefix(s[end:], open) {
			in = s[end+len(open) : min(len(s), end+len(open)+24)]
		}
	}
	k := strings.IndexAny(in, ")]】\n")
	if k <= 0 {
		return ""
	}
	return scopeWords.Label(in[:k], 1) // "(携帯電話)", not "(携帯は不可)"
}

// personalContext reports whether window holds a word that makes a
// mobile number nearby a person's own.
func personalContext(window string) bool {
	found := false
	contextWords.All(window, func(start, end int) bool {
		rest := window[end:]
		for _, w := range notContext {
			if textscan.HasPrefixFold(rest, w) {
				return true
			}
		}
		found = true
		return false
	})
	return found
}

// isMobile reports whether the number e164 is a mobile's: Japanese
// 070/080/090 by prefix, another country's as libphonenumber types it.
func isMobile(e164 string) bool {
	if rest, ok := strings.CutPrefix(e164, "+81"); ok {
		return len(rest) == 10 && (rest[0] == '7' || rest[0] == '8' || rest[0] == '9') && rest[1] == '0'
	}
	n, err := phonenumbers.Parse(e164, "")
	return err == nil && phonenumbers.GetNumberType(n) == phonenumbers.MOBILE
}

// companyLine reports whether e164 is a number only companies have:
// Japanese toll-free (0120, 0800) and navi-dial (0570).
func companyLine(e164 string) bool {
	return strings.HasPrefix(e164, "+81120") || strings.HasPrefix(e164, "+81800") || strings.HasPrefix(e164, "+81570")
}
