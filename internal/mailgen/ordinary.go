package mailgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// sendEncoding is a charset and transfer encoding for ordinary mail, with how
// the mailer writes display names in it.
type sendEncoding struct {
	cs     charset
	cte    string
	names  nameStyle
	weight int
}

// japaneseEncodings are the ways ordinary Japanese mail is sent, weighted
// roughly by how common they are.
var japaneseEncodings = []sendEncoding{
	{csJIS, "7bit", nsJIS, 30},
	{csJIS, "base64", nsJIS, 5},
	{csUTF8, "base64", nsUTF8B, 15},
	{csUTF8, "8bit", nsUTF8B, 10},
	{csUTF8, "quoted-printable", nsUTF8Q, 8},
	{csSJIS, "base64", nsSJISB, 10},
	{csSJIS, "quoted-printable", nsJIS, 5},
	{csWin31J, "8bit", nsJIS, 5},
	{csEUC, "8bit", nsJIS, 4},
	{csEUC, "base64", nsJIS, 3},
}

// englishEncodings are the ways English mail is sent.
var englishEncodings = []sendEncoding{
	{csASCII, "7bit", nsASCII, 6},
	{csUTF8, "quoted-printable", nsASCII, 2},
	{csUTF8, "8bit", nsASCII, 2},
}

// pickEncoding draws from a weighted table.
func pickEncoding(r *rand.Rand, table []sendEncoding) sendEncoding {
	total := 0
	for _, e := range table {
		total += e.weight
	}
	n := r.IntN(total)
	for _, e := range table {
		if n < e.weight {
			return e
		}
		n -= e.weight
	}
	panic("unreachable")
}

// octx is what a scenario writes with.
type octx struct {
	m        *msgb
	r        *rand.Rand
	from, to *person
	date     time.Time
	utf8     bool // the text may use characters outside JIS X 0208
}

// Hard negatives, drawn fresh for each use; dates fall in the two months
// after the message.
func (c *octx) isoDate() neg {
	return neg{"phone", c.date.AddDate(0, 0, 1+c.r.IntN(60)).Format("2006-01-02")}
}
func (c *octx) slashDate() neg {
	return neg{"phone", c.date.AddDate(0, 0, 1+c.r.IntN(60)).Format("2006/01/02")}
}
func (c *octx) timeRange() neg {
	h := 9 + c.r.IntN(8)
	return neg{"phone", fmt.Sprintf("%d:00-%d:00", h, h+1+c.r.IntN(2))}
}
func (c *octx) price() neg {
	yen := "￥"
	if c.utf8 && c.r.IntN(2) == 0 {
		yen = "¥"
	}
	return neg{"phone", fmt.Sprintf("%s%d,%03d", yen, 1+c.r.IntN(98), c.r.IntN(1000))}
}
func (c *octx) orderNo() neg {
	return neg{"phone", fmt.Sprintf("%04d-%04d-%04d", 1000+c.r.IntN(9000), c.r.IntN(10000), c.r.IntN(10000))}
}
func (c *octx) invoiceNo() neg {
	return neg{"phone", fmt.Sprintf("INV-2024-%06d", c.r.IntN(1000000))}
}
func (c *octx) version() neg {
	return neg{"phone", fmt.Sprintf("%d.%d.%d", 1+c.r.IntN(5), c.r.IntN(20), c.r.IntN(30))}
}
func (c *octx) postal() neg { return neg{"phone", c.from.company.postal} }

// scenario writes a message body between the greeting and the signature
// and returns the subject.
type scenario struct {
	slug  string
	write func(c *octx, t *text) string
}

// japaneseScenarios are everyday Japanese business mail.
var japaneseScenarios = []scenario{
	{"meeting", func(c *octx, t *text) string {
		t.add("先日お話しした件につきまして、打合せの日程をご相談させてください。\n",
			"下記の候補でご都合はいかがでしょうか。\n\n",
			"・", c.isoDate(), " ", c.timeRange(), "\n",
			"・", c.slashDate(), " ", c.timeRange(), "\n\n",
			"場所：弊社会議室（", c.postal(), " ", c.from.company.address, "）\n",
			"当日のご連絡は携帯 ", tel(c.from.mobile, pickStyle(c.r)), " までお願いいたします。\n")
		return "打合せ日程のご相談"
	}},
	{"quote", func(c *octx, t *text) string {
		t.add("ご依頼いただきました件のお見積りをお送りします。\n\n",
			"見積金額：", c.price(), "（税込）\n",
			"有効期限：", c.isoDate(), "\n\n",
			"ご不明な点は ", emailAddr(c.from.email, pickEmailStyle(c.r)), " までお問い合わせください。\n")
		return "お見積りのご送付"
	}},
	{"order", func(c *octx, t *text) string {
		t.add("ご注文ありがとうございます。下記の内容で承りました。\n\n",
			"注文番号 ", c.orderNo(), "\n",
			"お届け予定日：", c.isoDate(), "\n",
			"ご請求金額：", c.price(), "\n",
			"配送時間帯：", c.timeRange(), "\n\n",
			"配送に関するお問い合わせ：", tel(c.from.company.main, psParen), "\n")
		return "ご注文内容の確認"
	}},
	{"invoice", func(c *octx, t *text) string {
		t.add("今月分の請求書を送付いたします。\n\n",
			"請求書番号：", c.invoiceNo(), "\n",
			"ご請求金額：", c.price(), "\n",
			"お支払期限：", c.isoDate(), "\n\n",
			"経理担当：", c.from.family, "（", tel(c.from.direct, pickStyle(c.r)), "）\n")
		return "請求書送付のご案内"
	}},
	{"contact-change", func(c *octx, t *text) string {
		old := newPhone(c.r, c.from.company.area)
		t.add("このたび部署異動に伴い、連絡先が変更となりました。\n\n",
			"旧 TEL：", tel(old, psDash), "\n",
			"新 TEL：", tel(c.from.direct, pickStyle(c.r)), "\n",
			"携帯：", tel(c.from.mobile, pickStyle(c.r)), "\n",
			"新メール：", emailAddr(c.from.email, pickEmailStyle(c.r)), "\n",
			"変更日：", c.isoDate(), "\n")
		return "連絡先変更のお知らせ"
	}},
	{"maintenance", func(c *octx, t *text) string {
		t.add("下記の日程でシステムメンテナンスを実施いたします。\n\n",
			"日時：", c.isoDate(), " ", c.timeRange(), "\n",
			"内容：バージョン ", c.version(), " への更新\n",
			"お問い合わせ窓口（フリーダイヤル）：", tel(newPhone(c.r, "tollfree"), psDash), "\n",
			"受付時間：", c.timeRange(), "\n")
		return "システムメンテナンスのお知らせ"
	}},
	{"interview", func(c *octx, t *text) string {
		cand := c.m.g.w.pickJa(c.r, c.from, c.to)
		t.add("面接の日程が決まりましたのでご連絡します。\n\n",
			"候補者：", cand.family, " ", cand.given, " 様\n",
			"携帯：", tel(cand.mobile, pickStyle(c.r)), "\n",
			"メール：", emailAddr(cand.private, pickEmailStyle(c.r)), "\n",
			"日時：", c.slashDate(), " ", c.timeRange(), "\n")
		return "面接日程のご連絡"
	}},
	{"visit-thanks", func(c *octx, t *text) string {
		t.add("本日はお忙しいところご来社いただき、誠にありがとうございました。\n",
			"次回の打合せは ", c.isoDate(), " ", c.timeRange(), " を予定しております。\n",
			"弊社所在地：", c.postal(), " ", c.from.company.address, "\n",
			"代表電話：", tel(c.from.company.main, pickStyle(c.r)), "\n")
		return "ご来社のお礼"
	}},
}

// englishScenarios are everyday English business mail. Some lines start
// with "From ", which mbox writers must quote.
var englishScenarios = []scenario{
	{"en-meeting", func(c *octx, t *text) string {
		t.add("I would like to set up a call about the Q3 plan.\n",
			"From our side, Tuesday ", c.isoDate(), " ", c.timeRange(), " works best.\n",
			"If anything changes, call me on ", tel(c.from.mobile, psIntlSpace), ".\n")
		return "Meeting request: Q3 planning"
	}},
	{"en-invoice", func(c *octx, t *text) string {
		t.add("Please find the details of invoice ", c.invoiceNo(), " below.\n\n",
			"Order: ", c.orderNo(), "\n",
			"Due date: ", c.isoDate(), "\n",
			"Billing questions: ", emailAddr(c.from.email, esMixedCase), "\n")
		return "Invoice for this month"
	}},
	{"en-contact", func(c *octx, t *text) string {
		t.add("From ", c.isoDate(), " my contact details change.\n",
			"Office: ", tel(c.from.direct, psIntlDash), "\n",
			"Mobile: ", tel(c.from.mobile, psDash), "\n",
			"Email: ", emailAddr(c.from.email, esUpper), "\n",
			"Our client portal moves to version ", c.version(), " on the same day.\n")
		return "My new contact details"
	}},
}

// ordinary adds the i-th ordinary message.
func (g *gen) ordinary(i int) {
	r := g.rand(fmt.Sprintf("ordinary/%d", i))
	w := g.w
	english := r.IntN(5) == 0
	sent := r.IntN(4) == 0

	// The correspondent: English speakers for English mail, mostly.
	other := w.pick(r, w.owner)
	for other.english != english && r.IntN(4) != 0 {
		other = w.pick(r, w.owner)
	}
	from, to := other, w.owner
	if sent {
		from, to = w.owner, other
	}

	n := max(g.opts.Messages, 1)
	date := time.Date(2023, 1, 10, 0, 0, 0, 0, jst).AddDate(0, 0, i*540/n).
		Add(time.Duration(8+r.IntN(11))*time.Hour + time.Duration(r.IntN(3600))*time.Second)
	folder := FolderInbox
	switch {
	case sent:
		folder = FolderSent
	case date.Year() == 2023:
		folder = FolderArchive
	}

	table, scenarios := japaneseEncodings, japaneseScenarios
	if english {
		table, scenarios = englishEncodings, englishScenarios
	}
	enc := pickEncoding(r, table)
	sc := scenarios[r.IntN(len(scenarios))]
	m := g.start(r, fmt.Sprintf("mail%04d-%s", i+1, sc.slug), folder, date)
	c := &octx{m: m, r: r, from: from, to: to, date: date, utf8: enc.cs.enc == nil && !enc.cs.ascii}

	t := m.text(locBody)
	if english {
		t.add("Dear ", to.givenR, ",\n\n")
	} else {
		t.add(to.company.name, "\n", to.family, " 様\n\n", "いつもお世話になっております。\n",
			from.company.name, "の", from.family, "です。\n\n")
	}
	subject := sc.write(c, t)
	if english {
		t.add("\nBest regards,\n")
		signatureEn(t, r, from)
	} else {
		t.add("\n何卒よろしくお願いいたします。\n\n")
		signature(t, r, from)
	}
	reply := r.IntN(3) == 0
	if reply {
		subject = "Re: " + subject
		quoteReply(c, t, english, date)
		m.extra = append(m.extra, field{"In-Reply-To", fmt.Sprintf("<%016x@mailgen.example.jp>", r.Uint64())})
	}
	m.extra = append(m.extra, mailers[r.IntN(len(mailers))]...)

	body := m.ordinaryLeaf(enc, t)
	if !english && r.IntN(6) == 0 {
		body = m.withCSV(body, from, to)
	}

	names := enc.names
	if !english && r.IntN(10) == 0 {
		names = nsBare
	}
	toList := []addr{of(to, names)}
	if r.IntN(8) == 0 {
		toList[0].email = titleDots(toList[0].email)
	}
	var cc string
	if r.IntN(3) == 0 {
		cc = m.addrs("header:Cc", of(w.pick(r, from, to), names))
	}
	m.exp.Subject = subject
	m.finish(m.headers(m.from(of(from, names)), m.addrs("header:To", toList...), cc, m.subjectHeader(enc, subject)), body)
}

// mailers are the X-Mailer and User-Agent lines of common clients.
var mailers = [][]field{
	{{"X-Mailer", "Microsoft Outlook 16.0"}},
	{{"User-Agent", "Mozilla Thunderbird"}},
	{{"X-Mailer", "Becky! ver. 2.81.04"}},
	{{"X-Mailer", "iPhone Mail (21E236)"}},
	nil,
}

// quoteReply appends a quoted earlier message from the recipient, whose
// signature is thereby in this body too.
func quoteReply(c *octx, t *text, english bool, date time.Time) {
	q := c.m.text(t.loc)
	prev := date.Add(-time.Duration(2+c.r.IntN(48)) * time.Hour)
	if english {
		q.add("Thanks for your help.\n")
		signatureEn(q, c.r, c.to)
		t.add("\nOn ", prev.Format("Mon, Jan 2, 2006 at 15:04"), ", ", c.to.romaji(), " <", emailAddr(c.to.email, esPlain), "> wrote:\n")
	} else {
		q.add("ご確認よろしくお願いいたします。\n")
		signature(q, c.r, c.to)
		t.add("\n", prev.Format("2006年1月2日 15:04"), " ", c.to.family, " ", c.to.given, " <", emailAddr(c.to.email, esPlain), ">:\n")
	}
	for _, l := range strings.SplitAfter(strings.TrimSuffix(q.String(), "\n"), "\n") {
		t.add("> ", l)
	}
	t.add("\n")
}

// ordinaryLeaf encodes the body, falling back to UTF-8 when the text does
// not fit the drawn charset.
func (m *msgb) ordinaryLeaf(enc sendEncoding, t *text) *part {
	if _, ok := enc.cs.encode(t.String()); !ok {
		enc.cs, enc.cte = csUTF8, "base64"
	}
	return m.textLeaf("plain", enc.cs, enc.cs.label, enc.cte, t)
}

// subjectHeader encodes a subject the way the mailer of enc would: ASCII
// as is, otherwise as encoded-words in the body's charset (UTF-8 when the
// subject does not fit it).
func (m *msgb) subjectHeader(enc sendEncoding, s string) string {
	switch {
	case isASCII(s):
		return s
	case enc.names == nsUTF8Q:
		return qWord(csUTF8low, s)
	}
	cs := enc.cs
	if _, ok := cs.encode(s); !ok {
		cs = csUTF8
	}
	return bWords(cs, s, 12)
}

// withCSV wraps body in multipart/mixed with a Shift_JIS CSV attachment,
// as Excel writes it, listing the people of the message.
func (m *msgb) withCSV(body *part, people ...*person) *part {
	name := []string{"参加者名簿.csv", "連絡先一覧.csv", "担当者リスト.csv"}[m.r.IntN(3)]
	t := m.text("attachment:" + name).add("氏名,会社,メール,電話\n")
	for _, p := range people {
		t.add(p.family, " ", p.given, ",", p.company.name, ",", emailAddr(p.email, esPlain), ",", tel(p.mobile, psDash), "\n")
	}
	csv := m.attach("text/csv; charset=Shift_JIS", "attachment;\r\n "+param2231("filename", csUTF8, name), "base64", csSJIS, t)
	return newMultipart("mixed", m.boundary(m.r.IntN(3)), body, csv)
}

// isASCII reports whether s is plain ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
