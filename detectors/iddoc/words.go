package iddoc

// Keyword tables, squashed (see squash): lower case, no blanks or
// separators.

// titles are printed on identity documents: their names and issuers.
var titles = []string{
	"運転免許証", "運転経歴証明書", "個人番号カード", "マイナンバーカード", "住民基本台帳カード",
	"在留カード", "特別永住者証明書", "健康保険被保険者証", "被保険者証", "国民健康保険",
	"passport", "passeport", "reisepass", "旅券", "日本国旅券", "residencecard",
	"driverlicense", "driver'slicense", "driverslicense", "drivinglicence",
	"identitycard", "identitydocument", "nationalidcard",
}

// labels are the field labels of identity documents (not of notices
// about them: no 交付, 申請, 有効期限 alone).
var labels = []string{
	"氏名", "生年月日", "住所", "本籍", "性別", "国籍", "在留資格", "就労制限", "在留期間",
	"公安委員会", "免許の条件", "種類", "記号", "保険者番号", "有効期間満了日", "発行年月日",
	"surname", "givenname", "dateofbirth", "nationality", "dateofexpiry", "dateofissue",
	"placeofbirth", "authority",
}

type weighted struct {
	word string
	p    float64
}

// nameWords are file-name parts of ID scans; ambiguous ones weigh less
// than Threshold alone ("license" names software licences too).
var nameWords = []weighted{
	{"パスポート", 0.75}, {"passport", 0.75}, {"旅券", 0.75},
	{"運転免許", 0.75}, {"免許証", 0.7}, {"driverslicense", 0.75}, {"driverlicense", 0.75}, {"drivinglicence", 0.75},
	{"マイナンバーカード", 0.75}, {"個人番号カード", 0.75}, {"マイナンバー", 0.6}, {"mynumber", 0.6},
	{"在留カード", 0.75}, {"residencecard", 0.75}, {"zairyu", 0.6},
	{"本人確認", 0.7}, {"身分証", 0.7}, {"保険証", 0.6}, {"idcard", 0.6},
	{"license", 0.4}, {"licence", 0.4}, {"kyc", 0.4},
}

// messagePhrases in the message say an ID scan is sent or asked for.
var messagePhrases = []weighted{
	// Alone, below Threshold: "本人確認書類をご提出ください" asks for one.
	{"本人確認書類", 0.45}, {"身分証明書", 0.45}, {"身分証", 0.4},
	{"パスポートの写し", 0.55}, {"パスポートのコピー", 0.55}, {"パスポートの画像", 0.55}, {"旅券の写し", 0.55},
	{"免許証の写し", 0.55}, {"免許証のコピー", 0.55}, {"免許証の画像", 0.55}, {"免許証の写真", 0.55},
	{"マイナンバーカードの写し", 0.55}, {"マイナンバーカードのコピー", 0.55}, {"個人番号カードの写し", 0.55},
	{"在留カードの写し", 0.55}, {"在留カードのコピー", 0.55}, {"保険証の写し", 0.5}, {"保険証のコピー", 0.5},
	{"copyofmypassport", 0.55}, {"passportcopy", 0.55}, {"copyofpassport", 0.55}, {"scanofmypassport", 0.55},
	{"copyofmydriver'slicense", 0.55}, {"copyofmydriverslicense", 0.55}, {"copyofmyid", 0.5}, {"idcopy", 0.45},
	{"proofofidentity", 0.45}, {"photoid", 0.4},
}

// attachVerbs say the message sends something.
var attachVerbs = []string{
	"添付", "送付します", "お送りします", "送ります", "お送りいたします",
	"attached", "attaching", "enclosed", "pleasefind",
}
