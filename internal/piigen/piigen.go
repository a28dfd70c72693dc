// Package piigen writes the labelled accuracy corpus: short texts of
// business mail (bodies, signatures, header values, table cells) with
// every kind of personal data the interface lists, each labelled with its
// type and normalized value, and hard negatives that hold none. It is
// deterministic for a seed and independent of the detectors: the
// templates follow shared/spec/pii-formats.md and real mail, not the
// detectors' rules.
package piigen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Doc is one text as a detector sees it.
type Doc struct {
	ID     string  `json:"id"`
	Field  string  `json:"field"`            // "body", "header:From", "attachment:x.xlsx#Sheet1!B2"
	Column string  `json:"column,omitempty"` // table column header
	Text   string  `json:"text"`
	Labels []Label `json:"labels"`
	// Negative marks a hard negative: nothing in it may be reported.
	Negative bool `json:"negative,omitempty"`
}

// Label is one planted item, with its normalized value (interface.md).
type Label struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Generate returns n positive docs and n/3 hard negatives.
func Generate(seed uint64, n int) []Doc {
	g := &gen{r: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))}
	var out []Doc
	makers := []func(*gen) Doc{
		(*gen).signatureJA, (*gen).signatureEN, (*gen).customerMail, (*gen).idMail, (*gen).bankMail,
		(*gen).resumeMail, (*gen).headerDoc, (*gen).cellDoc, (*gen).englishForm, (*gen).mynumberMail,
	}
	for i := 0; i < n; i++ {
		d := makers[i%len(makers)](g)
		d.ID = fmt.Sprintf("pos-%04d", i)
		out = append(out, d)
	}
	for i := 0; i < n/3; i++ {
		d := g.negative()
		d.ID = fmt.Sprintf("neg-%04d", i)
		d.Negative = true
		out = append(out, d)
	}
	return out
}

type gen struct {
	r      *rand.Rand
	labels []Label
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *gen) label(typ, value string) { g.labels = append(g.labels, Label{typ, value}) }

func (g *gen) doc(field, text string) Doc {
	d := Doc{Field: field, Text: text, Labels: g.labels}
	if d.Labels == nil {
		d.Labels = []Label{}
	}
	g.labels = nil
	return d
}

var (
	familiesJA = []string{"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "斎藤", "清水", "森", "池田", "橋本", "石川", "前田", "藤田", "岡田", "後藤", "長谷川", "村上", "近藤"}
	givensJA   = []string{"太郎", "花子", "一郎", "美咲", "翔太", "陽子", "健", "由美子", "大輔", "彩", "誠", "直樹", "恵", "拓也", "智子", "亮", "真由美", "健太", "愛", "浩二"}
	familiesKN = map[string]string{"佐藤": "サトウ", "鈴木": "スズキ", "高橋": "タカハシ", "田中": "タナカ", "伊藤": "イトウ", "渡辺": "ワタナベ", "山本": "ヤマモト", "中村": "ナカムラ", "小林": "コバヤシ", "加藤": "カトウ", "吉田": "ヨシダ", "山田": "ヤマダ", "佐々木": "ササキ", "山口": "ヤマグチ", "松本": "マツモト", "井上": "イノウエ", "木村": "キムラ", "斎藤": "サイトウ", "清水": "シミズ", "森": "モリ", "池田": "イケダ", "橋本": "ハシモト", "石川": "イシカワ", "前田": "マエダ", "藤田": "フジタ", "岡田": "オカダ", "後藤": "ゴトウ", "長谷川": "ハセガワ", "村上": "ムラカミ", "近藤": "コンドウ"}
	givensKN   = map[string]string{"太郎": "タロウ", "花子": "ハナコ", "一郎": "イチロウ", "美咲": "ミサキ", "翔太": "ショウタ", "陽子": "ヨウコ", "健": "ケン", "由美子": "ユミコ", "大輔": "ダイスケ", "彩": "アヤ", "誠": "マコト", "直樹": "ナオキ", "恵": "メグミ", "拓也": "タクヤ", "智子": "トモコ", "亮": "リョウ", "真由美": "マユミ", "健太": "ケンタ", "愛": "アイ", "浩二": "コウジ"}
	romajiF    = map[string]string{"佐藤": "sato", "鈴木": "suzuki", "高橋": "takahashi", "田中": "tanaka", "伊藤": "ito", "渡辺": "watanabe", "山本": "yamamoto", "中村": "nakamura", "小林": "kobayashi", "加藤": "kato", "吉田": "yoshida", "山田": "yamada", "佐々木": "sasaki", "山口": "yamaguchi", "松本": "matsumoto", "井上": "inoue", "木村": "kimura", "斎藤": "saito", "清水": "shimizu", "森": "mori", "池田": "ikeda", "橋本": "hashimoto", "石川": "ishikawa", "前田": "maeda", "藤田": "fujita", "岡田": "okada", "後藤": "goto", "長谷川": "hasegawa", "村上": "murakami", "近藤": "kondo"}
	givenEN    = []string{"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Susan", "Richard", "Jessica", "Thomas", "Sarah", "Daniel", "Karen", "Emily", "Andrew"}
	familyEN   = []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker"}
	companies  = []string{"株式会社サンプル商事", "東西物産株式会社", "みらい証券株式会社", "有限会社山川工務店", "合同会社ネクスト", "一般社団法人日本資産運用協会", "株式会社グリーンテック", "北海フーズ株式会社"}
	companyEN  = []string{"Acme Holdings Inc.", "Blue Harbor Capital LLC", "Northwind Trading Co., Ltd.", "Sakura Global Corporation"}
	depts      = []string{"営業部", "第二営業部", "総務部", "経理部", "人事部", "法人営業部", "システム部", "資産運用部"}
	titles     = []string{"部長", "課長", "係長", "主任", "マネージャー", "取締役", "代表取締役社長", "担当"}
	titlesEN   = []string{"Sales Manager", "Director", "Senior Analyst", "Account Executive", "Head of Compliance"}
	domains    = []string{"example.co.jp", "sample.example.jp", "mirai-sec.example.jp", "example.com", "mail.example.ne.jp"}
	prefs      = []string{"東京都", "大阪府", "神奈川県", "愛知県", "北海道", "福岡県", "京都府", "埼玉県"}
	cities     = map[string][]string{"東京都": {"千代田区", "港区", "渋谷区", "新宿区"}, "大阪府": {"大阪市北区", "大阪市中央区", "堺市堺区"}, "神奈川県": {"横浜市西区", "川崎市中原区"}, "愛知県": {"名古屋市中区", "豊田市"}, "北海道": {"札幌市中央区", "旭川市"}, "福岡県": {"福岡市博多区", "北九州市小倉北区"}, "京都府": {"京都市中京区"}, "埼玉県": {"さいたま市大宮区", "川口市"}}
	towns      = []string{"丸の内", "神南", "本町", "栄", "大通西", "博多駅前", "桜木町", "南町"}
	banks      = []string{"みずほ銀行", "三菱UFJ銀行", "三井住友銀行", "りそな銀行", "横浜銀行", "楽天銀行", "住信SBIネット銀行"}
	branches   = []string{"渋谷支店", "新宿支店", "本店営業部", "梅田支店", "横浜駅前支店", "第一営業支店", "丸の内支店"}
	nations    = []string{"日本", "中国", "韓国", "ベトナム", "フィリピン", "アメリカ"}
)

// person is one generated person.
type person struct {
	family, given, kana, email string
	en                         bool
}

func (g *gen) personJA() person {
	f, gv := g.pick(familiesJA), g.pick(givensJA)
	local := romajiF[f] + g.pick([]string{".", "_", "-", ""}) + fmt.Sprint(g.r.IntN(90)+10)
	return person{family: f, given: gv, kana: familiesKN[f] + " " + givensKN[gv], email: local + "@" + g.pick(domains)}
}

func (g *gen) personEN() person {
	f, gv := g.pick(familyEN), g.pick(givenEN)
	return person{family: f, given: gv, email: strings.ToLower(gv[:1]+"."+f) + "@" + g.pick(domains), en: true}
}

// name writes a person's name and labels it (NFKC, no spaces).
func (g *gen) name(p person) string {
	if p.en {
		g.label("person_name", p.given+p.family)
		return p.given + " " + p.family
	}
	g.label("person_name", p.family+p.given)
	return p.family + g.pick([]string{" ", "　", ""}) + p.given
}

func (g *gen) emailOf(p person) string {
	g.label("email", strings.ToLower(p.email))
	return p.email
}

// phone returns a JP number written in one of the ways mail has them.
func (g *gen) phone(mobile bool) string {
	var d string
	if mobile {
		d = g.pick([]string{"090", "080", "070"}) + fmt.Sprintf("%04d%04d", 1000+g.r.IntN(9000), g.r.IntN(10000))
	} else {
		d = "03" + fmt.Sprintf("%04d%04d", 3000+g.r.IntN(6000), g.r.IntN(10000))
	}
	g.label("phone", "+81"+d[1:])
	var s string
	if mobile {
		s = d[:3] + "-" + d[3:7] + "-" + d[7:]
	} else {
		s = d[:2] + "-" + d[2:6] + "-" + d[6:]
	}
	switch g.r.IntN(4) {
	case 0:
		return toFullWidth(s)
	case 1:
		return strings.ReplaceAll(s, "-", "")
	case 2:
		return "+81-" + strings.TrimPrefix(s, "0")
	}
	return s
}

// toFullWidth writes ASCII digits and hyphens full-width, as Japanese
// forms often do.
func toFullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r - '0' + '０')
		case r == '-':
			b.WriteRune('－')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

var eras = []struct {
	name, letter string
	start        int
}{{"昭和", "S", 1925}, {"平成", "H", 1988}}

// birthDate writes a plausible birth date (1940–2005) in a random format,
// labelled YYYY-MM-DD.
func (g *gen) birthDate() string {
	y := 1940 + g.r.IntN(66)
	m := 1 + g.r.IntN(12)
	d := 1 + g.r.IntN(28)
	g.label("birth_date", fmt.Sprintf("%04d-%02d-%02d", y, m, d))
	switch g.r.IntN(7) {
	case 0:
		return fmt.Sprintf("%d年%d月%d日", y, m, d)
	case 1:
		return fmt.Sprintf("%04d/%02d/%02d", y, m, d)
	case 2:
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	case 3, 4:
		e := eras[0]
		if y >= 1989 && !(y == 1989 && m == 1 && d < 8) {
			e = eras[1]
		}
		if y == 1989 && m == 1 && d < 8 {
			e = eras[0]
		}
		ey := y - e.start
		if g.r.IntN(2) == 0 {
			return fmt.Sprintf("%s%d年%d月%d日", e.name, ey, m, d)
		}
		return fmt.Sprintf("%s%d.%d.%d", e.letter, ey, m, d)
	case 5:
		return toFullWidth(fmt.Sprintf("%d", y)) + "年" + toFullWidth(fmt.Sprint(m)) + "月" + toFullWidth(fmt.Sprint(d)) + "日"
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Format("January 2, 2006")
}

func (g *gen) passportNo() string {
	v := g.pick([]string{"TK", "TR", "TZ", "MU", "MZ", "TH"}) + fmt.Sprintf("%07d", g.r.IntN(10000000))
	g.label("passport", v)
	return v
}

// licenceNo: 公安委員会 code, year of first licence, serial, a check
// digit and the re-issue count (pii-formats B4).
func (g *gen) licenceNo() string {
	// 公安委員会 codes (pii-formats B4): 30 東京, 45 神奈川, 54 愛知, 62 大阪 ...
	code := g.pick([]string{"30", "30", "10", "22", "40", "43", "44", "45", "54", "61", "62", "63", "73", "90", "97"})
	v := code + fmt.Sprintf("%02d%06d%d%d", g.r.IntN(100), g.r.IntN(1000000), g.r.IntN(10), g.r.IntN(3))
	g.label("drivers_license", v)
	if g.r.IntN(3) == 0 {
		return v[:4] + " " + v[4:8] + " " + v[8:]
	}
	return v
}

// myNumber is 11 random digits and the check digit (pii-formats B1).
func (g *gen) myNumber() string {
	var d [12]int
	for i := 0; i < 11; i++ {
		d[i] = g.r.IntN(10)
	}
	d[11] = MyNumberCheckDigit(d[:11])
	var b strings.Builder
	for _, x := range d {
		b.WriteByte(byte('0' + x))
	}
	v := b.String()
	g.label("my_number", v)
	switch g.r.IntN(3) {
	case 0:
		return v[:4] + " " + v[4:8] + " " + v[8:]
	case 1:
		return v[:4] + "-" + v[4:8] + "-" + v[8:]
	}
	return v
}

// MyNumberCheckDigit is the check digit of the 11 leading digits (総務省令
// 第85号 §5; left-to-right weights 6,5,4,3,2,7,6,5,4,3,2).
func MyNumberCheckDigit(d []int) int {
	w := []int{6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
	s := 0
	for i := 0; i < 11; i++ {
		s += d[i] * w[i]
	}
	r := s % 11
	if r <= 1 {
		return 0
	}
	return 11 - r
}

func (g *gen) bankAccount() string {
	bank, branch := g.pick(banks), g.pick(branches)
	typ := g.pick([]string{"普通", "普通", "当座"})
	num := fmt.Sprintf("%07d", g.r.IntN(10000000))
	g.label("bank_account", bank+"/"+branch+"/"+typ+"/"+num)
	switch g.r.IntN(3) {
	case 0:
		return "振込先：" + bank + " " + branch + " " + typ + " " + num
	case 1:
		return "金融機関：" + bank + "\n支店名：" + branch + "\n口座種別：" + typ + "預金\n口座番号：" + num
	}
	return bank + branch + "（" + typ + "）口座番号 " + num
}

func (g *gen) address() string {
	pref := g.pick(prefs)
	city := g.pick(cities[pref])
	town := g.pick(towns)
	a := fmt.Sprintf("%s%s%s%d丁目%d番%d号", pref, city, town, 1+g.r.IntN(5), 1+g.r.IntN(20), 1+g.r.IntN(30))
	if g.r.IntN(2) == 0 {
		a = fmt.Sprintf("%s%s%s%d-%d-%d", pref, city, town, 1+g.r.IntN(5), 1+g.r.IntN(20), 1+g.r.IntN(30))
	}
	g.label("address", a)
	return a
}

func (g *gen) creditCard() string {
	d := make([]int, 16)
	d[0] = 4
	for i := 1; i < 15; i++ {
		d[i] = g.r.IntN(10)
	}
	// Luhn: choose the last digit so that the sum is 0 mod 10.
	sum := 0
	for i := 0; i < 15; i++ {
		v := d[14-i]
		if i%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	d[15] = (10 - sum%10) % 10
	var b strings.Builder
	for i, x := range d {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(byte('0' + x))
	}
	g.label("credit_card", strings.ReplaceAll(b.String(), "-", ""))
	return b.String()
}

func (g *gen) signatureJA() Doc {
	p := g.personJA()
	co := g.pick(companies)
	dept, title := g.pick(depts), g.pick(titles)
	g.label("company", co)
	g.label("title", dept+" "+title)
	var b strings.Builder
	b.WriteString("いつもお世話になっております。\n資料を添付いたしますのでご確認ください。\n\n")
	b.WriteString(g.pick([]string{"--\n", "━━━━━━━━━━━━━━━━━━━━\n", "＝＝＝＝＝＝＝＝＝＝＝＝＝＝\n"}))
	b.WriteString(co + "\n" + dept + " " + title + "\n")
	b.WriteString(g.name(p) + "\n")
	b.WriteString("〒" + fmt.Sprintf("%03d-%04d", 100+g.r.IntN(900), g.r.IntN(10000)) + " " + g.address() + "\n")
	b.WriteString("TEL：" + g.phone(false) + "\n")
	b.WriteString("携帯：" + g.phone(true) + "\n")
	b.WriteString("E-mail：" + g.emailOf(p) + "\n")
	return g.doc("body", b.String())
}

func (g *gen) signatureEN() Doc {
	p := g.personEN()
	co := g.pick(companyEN)
	t := g.pick(titlesEN)
	g.label("company", co)
	g.label("title", t)
	var b strings.Builder
	b.WriteString("Hi team,\n\nPlease find the updated figures attached.\n\nBest regards,\n\n")
	b.WriteString(g.name(p) + "\n" + t + "\n" + co + "\n")
	b.WriteString("Mobile: " + g.phone(true) + "\n")
	b.WriteString("Email: " + g.emailOf(p) + "\n")
	return g.doc("body", b.String())
}

func (g *gen) customerMail() Doc {
	p := g.personJA()
	var b strings.Builder
	b.WriteString(g.name(p) + g.pick([]string{"様", "さん", " 様"}) + "\n\n")
	b.WriteString("この度はお申し込みいただきありがとうございます。\nご登録内容を下記のとおり確認いたしました。\n\n")
	b.WriteString("お名前：" + p.family + " " + p.given + "\n")
	b.WriteString("フリガナ：" + p.kana + "\n")
	g.label("person_name", strings.ReplaceAll(p.kana, " ", ""))
	b.WriteString("生年月日：" + g.birthDate() + "\n")
	b.WriteString("ご住所：" + g.address() + "\n")
	b.WriteString("お電話番号：" + g.phone(g.r.IntN(2) == 0) + "\n")
	b.WriteString("メールアドレス：" + g.emailOf(p) + "\n")
	if g.r.IntN(2) == 0 {
		b.WriteString("性別：" + g.pick([]string{"男性", "女性"}) + "\n")
		g.labels = append(g.labels, Label{"gender", ""})
	}
	return g.doc("body", b.String())
}

func (g *gen) idMail() Doc {
	p := g.personJA()
	var b strings.Builder
	b.WriteString(g.name(p) + "様\n\n本人確認書類の記載内容を控えとして記録します。\n\n")
	switch g.r.IntN(2) {
	case 0:
		b.WriteString(g.pick([]string{"旅券番号：", "パスポート番号 ", "Passport No. "}) + g.passportNo() + "\n")
		b.WriteString("国籍：" + g.pick(nations) + "\n")
		g.labels = append(g.labels, Label{"nationality", ""})
	default:
		b.WriteString(g.pick([]string{"運転免許証番号：", "免許証番号 ", "運転免許証の番号は "}) + g.licenceNo() + "\n")
	}
	b.WriteString("生年月日 " + g.birthDate() + "\n")
	return g.doc("body", b.String())
}

func (g *gen) bankMail() Doc {
	p := g.personJA()
	var b strings.Builder
	b.WriteString("経理ご担当者様\n\n下記口座へのお振込みをお願いいたします。\n\n")
	b.WriteString(g.bankAccount() + "\n")
	b.WriteString("口座名義：" + p.kana + "\n")
	g.label("person_name", strings.ReplaceAll(p.kana, " ", ""))
	return g.doc("body", b.String())
}

func (g *gen) resumeMail() Doc {
	p := g.personJA()
	var b strings.Builder
	b.WriteString("採用ご担当者様\n\n求人を拝見し応募いたしました。\n")
	b.WriteString("氏名：" + g.name(p) + "\n")
	b.WriteString("年齢：" + fmt.Sprint(20+g.r.IntN(40)) + "歳\n")
	g.labels = append(g.labels, Label{"age", ""})
	b.WriteString("連絡先：" + g.phone(true) + "\n")
	b.WriteString("よろしくお願いいたします。\n")
	return g.doc("body", b.String())
}

func (g *gen) headerDoc() Doc {
	p, q := g.personJA(), g.personEN()
	if g.r.IntN(2) == 0 {
		return g.doc("header:From", g.name(p)+" <"+g.emailOf(p)+">")
	}
	return g.doc("header:To", g.name(p)+" <"+g.emailOf(p)+">, \""+g.name(q)+"\" <"+g.emailOf(q)+">")
}

// cellDoc is one table cell whose column header is the context.
func (g *gen) cellDoc() Doc {
	loc := fmt.Sprintf("attachment:顧客一覧.xlsx#Sheet1!%c%d", 'A'+rune(g.r.IntN(8)), 2+g.r.IntN(500))
	var d Doc
	switch g.r.IntN(6) {
	case 0:
		d = g.doc(loc, g.birthDate())
		d.Column = "生年月日"
	case 1:
		d = g.doc(loc, g.myNumber())
		d.Column = "個人番号"
	case 2:
		d = g.doc(loc, g.phone(true))
		d.Column = "携帯電話"
	case 3:
		p := g.personJA()
		d = g.doc(loc, g.name(p))
		d.Column = "氏名"
	case 4:
		num := fmt.Sprintf("%07d", g.r.IntN(10000000))
		g.label("bank_account", num)
		d = g.doc(loc, num)
		d.Column = "口座番号"
	default:
		d = g.doc(loc, g.passportNo())
		d.Column = "旅券番号"
	}
	return d
}

func (g *gen) englishForm() Doc {
	p := g.personEN()
	var b strings.Builder
	b.WriteString("Dear " + g.name(p) + ",\n\nWe have received your application.\n\n")
	b.WriteString("Date of Birth: " + g.birthDate() + "\n")
	b.WriteString("Passport Number: " + g.passportNo() + "\n")
	b.WriteString("Card number: " + g.creditCard() + "\n")
	b.WriteString("Phone: " + g.phone(true) + "\n")
	return g.doc("body", b.String())
}

func (g *gen) mynumberMail() Doc {
	p := g.personJA()
	var b strings.Builder
	b.WriteString("人事部より\n\n年末調整のため、" + g.name(p) + "さんの")
	b.WriteString(g.pick([]string{"マイナンバー", "個人番号"}) + "を以下のとおり受領しました。\n")
	b.WriteString(g.pick([]string{"個人番号：", "マイナンバー ", "My Number: "}) + g.myNumber() + "\n")
	return g.doc("body", b.String())
}

// negative writes text full of numbers that look like personal data and
// are not: order, invoice and tracking numbers, meeting dates, postal
// codes without an address, prices, 12-digit numbers failing the My
// Number check digit, product codes in the passport shape.
func (g *gen) negative() Doc {
	var b strings.Builder
	for i := 0; i < 3; i++ {
		switch g.r.IntN(10) {
		case 0:
			fmt.Fprintf(&b, "ご注文番号：%d%08d\n", 2024+g.r.IntN(3), g.r.IntN(100000000))
		case 1:
			fmt.Fprintf(&b, "請求書番号 INV-%d-%06d を発行しました。\n", 2024, g.r.IntN(1000000))
		case 2:
			fmt.Fprintf(&b, "お問い合わせ伝票番号 %04d-%04d-%04d（ヤマト運輸）\n", g.r.IntN(10000), g.r.IntN(10000), g.r.IntN(10000))
		case 3:
			fmt.Fprintf(&b, "次回の打ち合わせは%d年%d月%d日 %d:00からです。\n", 2024, 1+g.r.IntN(12), 1+g.r.IntN(28), 9+g.r.IntN(9))
		case 4:
			fmt.Fprintf(&b, "〒%03d-%04d 宛に送付予定です。\n", 100+g.r.IntN(900), g.r.IntN(10000))
		case 5:
			fmt.Fprintf(&b, "合計金額：¥%d,%03d,%03d（税込）\n", 1+g.r.IntN(9), g.r.IntN(1000), g.r.IntN(1000))
		case 6:
			fmt.Fprintf(&b, "個人番号：%s（照合エラーのため再提出）\n", badMyNumber(g.r))
		case 7:
			fmt.Fprintf(&b, "品番 %s%07d の在庫は残り%d個です。\n", g.pick([]string{"TK", "MU", "AB"}), g.r.IntN(10000000), g.r.IntN(50))
		case 8:
			fmt.Fprintf(&b, "JANコード 49%011d\n", g.r.Int64N(100000000000))
		default:
			fmt.Fprintf(&b, "受付番号 %06d、会議室 %d0%d、内線は追って連絡します。\n", g.r.IntN(1000000), 1+g.r.IntN(9), g.r.IntN(10))
		}
	}
	return g.doc("body", b.String())
}

// badMyNumber is 12 digits whose check digit is wrong.
func badMyNumber(r *rand.Rand) string {
	d := make([]int, 11)
	for i := range d {
		d[i] = r.IntN(10)
	}
	c := (MyNumberCheckDigit(d) + 1 + r.IntN(9)) % 10
	var b strings.Builder
	for _, x := range d {
		b.WriteByte(byte('0' + x))
	}
	b.WriteByte(byte('0' + c))
	return b.String()
}
