package mailgen

// matrixCase is one cell of the charset × transfer-encoding matrix.
type matrixCase struct {
	slug    string
	cs      charset // what the bytes really are
	label   string  // charset= as written; "" omits it; "-" omits Content-Type
	cte     string
	subject string
	body    string
}

// Body texts. jisText stays inside JIS X 0208 so that every Japanese
// charset can carry it; the others add what only some charsets have.
const (
	jisText = "いつもお世話になっております。\n" +
		"先日ご依頼いただいた資料を送付いたします。\n" +
		"ご確認のほど、よろしくお願い申し上げます。\n"
	cp932Text = "下記の通りご連絡いたします。\n" +
		"①お見積りの件：㈱サンプル商事 髙橋様よりご回答あり\n" +
		"②納期：５月中旬～下旬\n" +
		"③備考：№１２の部品は在庫切れ\n"
	kanaText = "ﾊﾝｶｸｶﾀｶﾅの件、承知しました。\n" +
		"全角カタカナに直してお送りします。\n"
	utf8Text = "お疲れさまです。𠮷野です🙇\n" +
		"金額は¥12,000〜¥15,000の見込みです（税別）。\n" +
		"ハングル안녕하세요と簡体字简体字も混ざります。\n"
	englishText = "Hello,\n\n" +
		"Thank you for your message.\n" +
		"From next week on, please send the reports to the new address.\n" +
		">From the archive: the old address keeps working.\n" +
		">>From here, quoted twice.\n" +
		"From\n" +
		"Fromage is not a From_ line.\n"
)

// matrixCases is the charset × transfer-encoding matrix, including
// undeclared and mislabelled charsets.
var matrixCases = []matrixCase{
	{"iso2022jp-7bit", csJIS, "ISO-2022-JP", "7bit", "資料送付のご案内", jisText},
	{"iso2022jp-base64", csJIS, "ISO-2022-JP", "base64", "資料送付のご案内（再送）", jisText},
	{"iso2022jp-lower-nocte", csJISlower, "iso-2022-jp", "", "転送設定の確認", jisText},
	{"shiftjis-base64", csSJIS, "Shift_JIS", "base64", "会議室の予約について", jisText},
	{"shiftjis-qp", csSJIS, "Shift_JIS", "quoted-printable", "会議室の予約について（変更）", jisText},
	{"shiftjis-8bit", csSJIS, "Shift_JIS", "8bit", "半角カナの件", kanaText + jisText},
	{"xsjis-8bit", csXSJIS, "x-sjis", "8bit", "旧メーラーからの送信", jisText},
	{"cp932-8bit", csCP932, "CP932", "8bit", "機種依存文字を含む連絡", cp932Text},
	{"windows31j-base64", csWin31J, "Windows-31J", "base64", "機種依存文字を含む連絡（２）", cp932Text},
	{"windows31j-qp", csWin31J, "Windows-31J", "quoted-printable", "機種依存文字を含む連絡（３）", cp932Text},
	{"eucjp-8bit", csEUC, "EUC-JP", "8bit", "ＥＵＣ－ＪＰのメール", kanaText + jisText},
	{"eucjp-base64", csEUC, "EUC-JP", "base64", "ＥＵＣ－ＪＰのメール（Ｂ）", jisText},
	{"eucjp-qp", csEUC, "EUC-JP", "quoted-printable", "ＥＵＣ－ＪＰのメール（Ｑ）", jisText},
	{"cp51932-8bit", csCP51932, "CP51932", "8bit", "ＣＰ５１９３２のメール", jisText},
	{"utf8-8bit", csUTF8, "UTF-8", "8bit", "UTF-8 本文（8bit）", utf8Text + jisText},
	{"utf8-base64", csUTF8, "UTF-8", "base64", "UTF-8 本文（Base64）", utf8Text + jisText},
	{"utf8-qp", csUTF8, "UTF-8", "quoted-printable", "UTF-8 本文（QP）", utf8Text + jisText},
	{"iso2022jp2-7bit", csJIS2, "ISO-2022-JP-2", "7bit", "ISO-2022-JP-2 ラベル", jisText},
	{"iso2022jpms-7bit", csJISMS, "ISO-2022-JP-MS", "7bit", "ISO-2022-JP-MS ラベル", jisText},
	{"usascii-7bit", csASCII, "us-ascii", "7bit", "Weekly report", englishText},
	{"no-content-type", csASCII, "-", "", "Plain old message", englishText},
	{"undeclared-sjis-8bit", csSJIS, "", "8bit", "文字コード指定なし", jisText},
	{"sjis-as-latin1-8bit", csSJIS, "ISO-8859-1", "8bit", "文字コード誤り（Latin-1）", jisText},
	{"sjis-as-utf8-8bit", csSJIS, "UTF-8", "8bit", "文字コード誤り（UTF-8 表示）", jisText},
	{"eucjp-as-utf8-8bit", csEUC, "utf-8", "8bit", "文字コード誤り（EUC-JP）", jisText},
}

// matrix adds one message per matrix case. The Subject is an encoded-word
// in the case's own charset when the label is true, in UTF-8 otherwise.
func (g *gen) matrix() {
	for _, c := range matrixCases {
		m := g.newMsg(c.slug, FolderInbox)
		w := g.w
		var sender *person
		t := m.text(locBody)
		if c.cs.ascii {
			sender = w.pickWhere(m.r, func(p *person) bool { return p.english }, w.owner)
			t.add(c.body, "\n")
			signatureEn(t, m.r, sender)
		} else {
			sender = w.pickJa(m.r, w.owner)
			t.add(sender.company.name, "の", sender.family, "です。\n\n", c.body, "\n")
			signature(t, m.r, sender)
		}
		var body *part
		if c.label == "-" {
			body = &part{body: c.cs.mustEncode(t.String())}
			m.expect(ExpectPart{Location: locBody, ContentType: "text/plain", Charset: c.cs.name, Text: t.String()})
		} else {
			body = m.textLeaf("plain", c.cs, c.label, c.cte, t)
		}
		var subj string
		switch {
		case c.cs.ascii:
			subj = c.subject
		case c.label == c.cs.label:
			subj = bWord(c.cs, c.subject)
		default:
			subj = bWord(csUTF8, c.subject)
		}
		from, to := of(sender, nsJIS), of(w.owner, nsJIS)
		if c.cs.ascii {
			from, to = of(sender, nsASCII), of(w.owner, nsASCII)
		}
		m.exp.Subject = c.subject
		m.finish(m.headers(m.from(from), m.addrs("header:To", to), "", subj), body)
	}
}
