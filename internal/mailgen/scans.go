package mailgen

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/mailsift/mailsift/internal/piigen"
)

// Scan message kinds, with their share of Options.Scans. Photos carry no
// text; the others carry text only OCR can read.
var scanKinds = []struct {
	kind   string
	weight int
}{
	{"photo", 38},
	{"licence", 12},
	{"mynumber", 8},
	{"passport", 10},
	{"document", 16},
	{"pdf", 16},
}

// How an identity document reaches the mailbox.
const (
	idScan  = iota // flatbed scan at 300 dpi
	idPhone        // phone photo of the card on a desk (8–12 MP)
	idSmall        // a small copy (a chat thumbnail, a resized scan)
)

// scans adds n messages carrying images: photos, identity documents
// (driving licence, My Number card, passport data page with its MRZ),
// scanned pages and image-only PDFs. The identity numbers are labelled at
// the image's OCR location ("attachment:NAME#ocr"; for a PDF,
// "attachment:NAME"), for measuring OCR recall.
func (g *gen) scans(n int) {
	p := newPainter(g.opts.ScanFont)
	total := 0
	for _, k := range scanKinds {
		total += k.weight
	}
	for i := 0; i < n; i++ {
		r := g.rand(fmt.Sprintf("scan/%d", i))
		v := r.IntN(total)
		kind := scanKinds[0].kind
		for _, k := range scanKinds {
			if v < k.weight {
				kind = k.kind
				break
			}
			v -= k.weight
		}
		g.scanMsg(p, i, kind)
	}
}

// scanMsg writes one scan message of the given kind.
func (g *gen) scanMsg(p *painter, i int, kind string) {
	m := g.newMsg(fmt.Sprintf("scan%04d-%s", i+1, kind), FolderInbox)
	r, w := m.r, g.w
	sender := w.pickJa(r, w.owner)
	var subject, intro string
	var atts []*part
	switch kind {
	case "photo":
		subject, intro = "写真をお送りします", "先日の写真をお送りします。"
		for k := 0; k < 1+r.IntN(3); k++ {
			sizes := [][2]int{{1280, 960}, {1600, 1200}, {2016, 1512}, {2016, 1512}, {1512, 2016}, {3024, 4032}, {4032, 3024}}
			s := sizes[r.IntN(len(sizes))]
			name := fmt.Sprintf("IMG_%04d.jpg", 1000+r.IntN(9000))
			atts = append(atts, m.binary("attachment:"+name, "image/jpeg; name=\""+name+"\"", "attachment; filename=\""+name+"\"",
				encodeJPEG(photo(r, s[0], s[1]), 80+r.IntN(12))))
		}
	case "licence", "mynumber", "passport":
		subject, intro = "本人確認書類の送付", "本人確認書類をお送りします。ご確認のほどよろしくお願いいたします。"
		id, num := idDocument(p, r, kind)
		atts = append(atts, m.idAttachment(r, kind, id, num))
	case "document":
		subject, intro = "書類（スキャン）", "スキャンした書類を添付いたします。"
		dpi := []int{200, 200, 300}[r.IntN(3)]
		pg := gray(page(p, r, w, dpi))
		name := fmt.Sprintf("scan_%s_%03d", m.date.Format("20060102"), r.IntN(1000))
		if r.IntN(2) == 0 {
			atts = append(atts, m.binary("attachment:"+name+".png", "image/png", "attachment; filename=\""+name+".png\"", encodePNG(pg)))
		} else {
			atts = append(atts, m.binary("attachment:"+name+".jpg", "image/jpeg", "attachment; filename=\""+name+".jpg\"", encodeJPEG(pg, 85)))
		}
	case "pdf":
		subject, intro = "スキャンデータ送付", "複合機でスキャンしたPDFをお送りします。"
		var pages []*image.Gray
		name := fmt.Sprintf("doc%s%04d.pdf", m.date.Format("20060102"), r.IntN(10000))
		if r.IntN(3) == 0 {
			// An identity document scanned onto an A4 page.
			kinds := []string{"licence", "mynumber", "passport"}
			k := kinds[r.IntN(len(kinds))]
			id, num := idDocument(p, r, k)
			sheet := image.NewRGBA(image.Rect(0, 0, 1654, 2339))
			fill(sheet, sheet.Bounds(), color.White)
			place(sheet, id, 827, 200+id.Bounds().Dy()*2/3/2+r.IntN(200), id.Bounds().Dx()*2/3, 0)
			pages = append(pages, gray(sheet))
			m.label(idType(k), num, "attachment:"+name)
		} else {
			for k := 0; k < 1+r.IntN(3); k++ {
				pages = append(pages, gray(page(p, r, w, 200)))
			}
		}
		atts = append(atts, m.binary("attachment:"+name, "application/pdf", "attachment;\r\n "+param2231("filename", csUTF8, name), imagePDF(pages, 80)))
	default:
		panic("mailgen: unknown scan kind " + kind)
	}
	body := m.text(locBody).add(w.owner.family, "様\n\nいつもお世話になっております。\n", intro, "\n\n")
	signature(body, r, sender)
	m.exp.Subject = subject
	children := append([]*part{m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", body)}, atts...)
	m.finish(m.headers(m.from(of(sender, nsJIS)), m.addrs("header:To", of(w.owner, nsJIS)), "", bWord(csJIS, subject)),
		newMultipart("mixed", m.boundary(i), children...))
}

// idType is the label type of an identity document's number.
func idType(kind string) string {
	switch kind {
	case "licence":
		return "drivers_license"
	case "mynumber":
		return "my_number"
	}
	return "passport"
}

// idAttachment presents an identity document as a scan, a phone photo or
// a small copy, and labels its number at the OCR location.
func (m *msgb) idAttachment(r *rand.Rand, kind string, id *image.RGBA, num string) *part {
	name, ctype, data := presentID(r, kind, id, []int{idScan, idScan, idPhone, idPhone, idSmall}[r.IntN(5)])
	m.label(idType(kind), num, "attachment:"+name+"#ocr")
	return m.binary("attachment:"+name, ctype, "attachment;\r\n "+param2231("filename", csUTF8, name), data)
}

// presentID returns the file an identity document is sent as: a flatbed
// scan at 300 dpi, a phone photo of it on a desk or a small copy.
func presentID(r *rand.Rand, kind string, id *image.RGBA, how int) (name, ctype string, data []byte) {
	stem := map[string]string{"licence": "免許証", "mynumber": "マイナンバーカード", "passport": "パスポート"}[kind]
	ext, ctype := "jpg", "image/jpeg"
	switch how {
	case idScan:
		b := id.Bounds()
		sheet := image.NewRGBA(image.Rect(0, 0, b.Dx()+80, b.Dy()+80))
		fill(sheet, sheet.Bounds(), color.RGBA{250, 250, 250, 255})
		place(sheet, id, sheet.Bounds().Dx()/2, sheet.Bounds().Dy()/2, b.Dx(), 0)
		noise(sheet, r, 3)
		if r.IntN(2) == 0 {
			data, ext, ctype = encodePNG(sheet), "png", "image/png"
		} else {
			data = encodeJPEG(sheet, 88)
		}
	case idPhone:
		sizes := [][2]int{{4032, 3024}, {3264, 2448}, {2016, 1512}}
		s := sizes[r.IntN(len(sizes))]
		bg := desk(r, s[0], s[1])
		cw := s[0] * (45 + r.IntN(25)) / 100
		place(bg, id, s[0]/2+r.IntN(s[0]/10)-s[0]/20, s[1]/2+r.IntN(s[1]/10)-s[1]/20, cw, r.Float64()*4-2)
		data = encodeJPEG(bg, 85)
		stem = fmt.Sprintf("IMG_%04d", 1000+r.IntN(9000))
	default:
		b := id.Bounds()
		w := 560 + r.IntN(200)
		data = encodeJPEG(scale(id, w, b.Dy()*w/b.Dx()), 85)
	}
	return stem + "." + ext, ctype, data
}

// IDImage is an identity document image as the scan messages send it.
type IDImage struct {
	Name   string // file name: 免許証.png, IMG_1234.jpg ...
	Data   []byte // PNG or JPEG
	Type   string // label type: passport, my_number, drivers_license
	Number string // the number a reader must find (label value)
}

// IDImages draws n identity document images for OCR tests: the kinds in
// turn (driving licence, My Number card, passport data page), and each
// kind as a scan, a phone photo and a small copy in turn, as the scan
// messages send them. font is as Options.ScanFont.
func IDImages(seed int64, font []byte, n int) []IDImage {
	g := &gen{opts: Options{Seed: seed}}
	p := newPainter(font)
	kinds := []string{"licence", "mynumber", "passport"}
	var out []IDImage
	for i := 0; i < n; i++ {
		r := g.rand(fmt.Sprintf("idimage/%d", i))
		kind := kinds[i%len(kinds)]
		id, num := idDocument(p, r, kind)
		name, _, data := presentID(r, kind, id, []int{idScan, idPhone, idSmall}[(i/len(kinds))%3])
		out = append(out, IDImage{Name: name, Data: data, Type: idType(kind), Number: num})
	}
	return out
}

// An identity document's holder.
type holder struct {
	family, given   string // kanji
	familyR, givenR string // capitals
	birth           time.Time
	female          bool
	address         string
}

var homeAddresses = []string{
	"東京都世田谷区三軒茶屋2丁目14番6号", "東京都練馬区豊玉北5-18-2", "神奈川県川崎市中原区小杉町3-264",
	"埼玉県さいたま市浦和区高砂1丁目7番3号", "千葉県船橋市本町4-31-8", "大阪府吹田市江坂町1丁目23番5号",
	"愛知県名古屋市千種区今池2-9-14", "福岡県福岡市中央区大名1丁目3番12号", "北海道札幌市北区北七条西4-6-2",
}

func newHolder(r *rand.Rand) holder {
	f := familyNames[r.IntN(len(familyNames))]
	g := givenNames[r.IntN(len(givenNames))]
	return holder{
		family: f[0], given: g[0], familyR: strings.ToUpper(f[1]), givenR: strings.ToUpper(g[1]),
		birth:   time.Date(1950+r.IntN(55), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC),
		female:  r.IntN(2) == 0,
		address: homeAddresses[r.IntN(len(homeAddresses))],
	}
}

// wareki writes a date in the Japanese era: 昭和60年4月1日.
func wareki(t time.Time) string {
	era, y := "昭和", t.Year()-1925
	switch {
	case t.Year() >= 2019:
		era, y = "令和", t.Year()-2018
	case t.Year() >= 1989:
		era, y = "平成", t.Year()-1988
	}
	return fmt.Sprintf("%s%d年%d月%d日", era, y, int(t.Month()), t.Day())
}

// idDocument draws an identity document at 300 dpi and returns it with
// its number (the label value).
func idDocument(p *painter, r *rand.Rand, kind string) (*image.RGBA, string) {
	h := newHolder(r)
	switch kind {
	case "licence":
		return licenceCard(p, r, h)
	case "mynumber":
		return myNumberCard(p, r, h)
	}
	return passportPage(p, r, h)
}

var black = color.RGBA{20, 20, 25, 255}

// licenceCard is a driving licence (85.6 × 54 mm at 300 dpi).
func licenceCard(p *painter, r *rand.Rand, h holder) (*image.RGBA, string) {
	img := image.NewRGBA(image.Rect(0, 0, 1012, 638))
	for y := 0; y < 638; y++ {
		fill(img, image.Rect(0, y, 1012, y+1), lerp(color.RGBA{236, 246, 240, 255}, color.RGBA{214, 232, 238, 255}, float64(y)/638))
	}
	codes := []struct{ code, pref string }{{"30", "東京都"}, {"45", "神奈川県"}, {"54", "愛知県"}, {"62", "大阪府"}, {"10", "北海道"}, {"90", "福岡県"}}
	c := codes[r.IntN(len(codes))]
	num := c.code + fmt.Sprintf("%02d%06d%d%d", r.IntN(100), r.IntN(1000000), r.IntN(10), r.IntN(3))
	issued := time.Date(2019+r.IntN(5), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	until := time.Date(issued.Year()+5, h.birth.Month(), h.birth.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 1, 0)
	band := []color.RGBA{{120, 190, 120, 255}, {110, 160, 220, 255}, {220, 190, 90, 255}}[r.IntN(3)]
	fill(img, image.Rect(20, 212, 720, 262), band)
	p.text(img, 30, 30, 28, false, black, "氏名  "+h.family+" "+h.given+"    "+wareki(h.birth)+"生")
	p.text(img, 30, 92, 26, false, black, "住所  "+h.address)
	p.text(img, 30, 152, 26, false, black, fmt.Sprintf("交付  %s  %05d", wareki(issued), r.IntN(100000)))
	p.text(img, 40, 220, 26, false, black, fmt.Sprintf("%d年(%s)%02d月%02d日まで有効", until.Year(), strings.SplitN(wareki(until), "年", 2)[0]+"年", int(until.Month()), until.Day()))
	p.text(img, 30, 290, 24, false, black, "免許の条件等  "+[]string{"眼鏡等", "", "中型車は中型車(8t)に限る"}[r.IntN(3)])
	p.text(img, 30, 370, 30, false, black, "番号  第 "+num+" 号")
	p.text(img, 30, 440, 24, false, black, "二・小・原  "+wareki(issued.AddDate(-10, 0, 0)))
	p.text(img, 60, 520, 44, false, color.RGBA{30, 40, 120, 255}, "運転免許証")
	p.text(img, 380, 570, 26, false, black, c.pref+"公安委員会")
	fill(img, image.Rect(760, 200, 990, 500), color.RGBA{120, 160, 200, 255})
	portrait(img, r, image.Rect(770, 210, 980, 500))
	return img, num
}

// myNumberCard is the back of an individual number card: the number, the
// holder's name and birth date, and a two-dimensional code.
func myNumberCard(p *painter, r *rand.Rand, h holder) (*image.RGBA, string) {
	img := image.NewRGBA(image.Rect(0, 0, 1012, 638))
	fill(img, img.Bounds(), color.RGBA{246, 244, 248, 255})
	var d [12]int
	for i := 0; i < 11; i++ {
		d[i] = r.IntN(10)
	}
	d[11] = piigen.MyNumberCheckDigit(d[:11])
	var b strings.Builder
	for _, x := range d {
		b.WriteByte(byte('0' + x))
	}
	num := b.String()
	p.text(img, 40, 40, 28, false, black, "個人番号")
	p.text(img, 40, 90, 52, false, black, num[:4]+" "+num[4:8]+" "+num[8:])
	p.text(img, 40, 200, 26, false, black, "氏名  "+h.family+" "+h.given)
	p.text(img, 40, 260, 26, false, black, "生年月日  "+wareki(h.birth)+"生")
	p.text(img, 40, 560, 22, false, color.RGBA{90, 90, 110, 255}, "個人番号カード")
	// A two-dimensional code: blocks, no text.
	for y := 0; y < 25; y++ {
		for x := 0; x < 25; x++ {
			if r.IntN(2) == 0 {
				fill(img, image.Rect(700+x*10, 240+y*10, 710+x*10, 250+y*10), black)
			}
		}
	}
	return img, num
}

var months = []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}

// passportPage is the data page of a Japanese passport (125 × 88 mm at
// 300 dpi) with its machine-readable zone.
func passportPage(p *painter, r *rand.Rand, h holder) (*image.RGBA, string) {
	img := image.NewRGBA(image.Rect(0, 0, 1476, 1039))
	fill(img, img.Bounds(), color.RGBA{246, 236, 240, 255})
	// Guilloche: thin light waves behind the fields.
	for k := 0; k < 14; k++ {
		ph, amp := r.Float64()*6, 10+r.Float64()*20
		for x := 0; x < 1476; x++ {
			y := 120 + k*45 + int(amp*math.Sin(float64(x)/60+ph))
			fill(img, image.Rect(x, y, x+1, y+2), color.RGBA{232, 208, 220, 255})
		}
	}
	num := []string{"TK", "TR", "TZ", "MU", "MZ", "TH"}[r.IntN(6)] + fmt.Sprintf("%07d", r.IntN(10000000))
	issued := time.Date(2016+r.IntN(8), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	expiry := issued.AddDate(10, 0, 0)
	sex := "M"
	if h.female {
		sex = "F"
	}
	date := func(t time.Time) string { return fmt.Sprintf("%02d %s %d", t.Day(), months[t.Month()-1], t.Year()) }
	p.text(img, 60, 40, 36, false, black, "日本国 JAPAN      旅券 PASSPORT")
	fill(img, image.Rect(60, 170, 400, 620), color.RGBA{200, 210, 225, 255})
	portrait(img, r, image.Rect(70, 200, 390, 620))
	lines := []string{
		"型 / Type  P      発行国 / Issuing country  JPN",
		"旅券番号 / Passport No.  " + num,
		"姓 / Surname  " + h.familyR,
		"名 / Given name  " + h.givenR,
		"国籍 / Nationality  JAPAN",
		"生年月日 / Date of birth  " + date(h.birth),
		"性別 / Sex  " + sex + "      本籍 / Registered Domicile  TOKYO",
		"発行年月日 / Date of issue  " + date(issued),
		"有効期間満了日 / Date of expiry  " + date(expiry),
	}
	for i, l := range lines {
		p.text(img, 440, 120+i*62, 26, false, black, l)
	}
	l1, l2 := td3("JPN", h.familyR, h.givenR, num, "JPN", h.birth.Format("060102"), sex, expiry.Format("060102"), "")
	p.text(img, 60, 840, 44, true, black, l1)
	p.text(img, 60, 920, 44, true, black, l2)
	return img, num
}

// page is a scanned A4 business document at dpi: an invoice, minutes or
// an application form, black text on white paper.
func page(p *painter, r *rand.Rand, w *world, dpi int) *image.RGBA {
	pw, ph := 1654*dpi/200, 2339*dpi/200
	img := image.NewRGBA(image.Rect(0, 0, pw, ph))
	fill(img, img.Bounds(), color.RGBA{252, 252, 250, 255})
	px := func(v int) int { return v * dpi / 200 }
	size := float64(30 * dpi / 200)
	from := w.companies[r.IntN(len(w.companies))]
	to := w.companies[r.IntN(len(w.companies))]
	day := time.Date(2023+r.IntN(2), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	var title string
	var body []string
	switch r.IntN(3) {
	case 0:
		title = "御請求書"
		body = []string{to.name + " 御中", "", "下記のとおりご請求申し上げます。", "", "品名                      数量    単価      金額"}
		total := 0
		for k := 0; k < 3+r.IntN(6); k++ {
			q, u := 1+r.IntN(20), (1+r.IntN(99))*500
			total += q * u
			body = append(body, fmt.Sprintf("%-12s              %3d   %7d円   %8d円", docItems[r.IntN(len(docItems))], q, u, q*u))
		}
		body = append(body, "", fmt.Sprintf("合計金額  %d円（税込）", total*11/10), fmt.Sprintf("お支払期限  %d年%d月末日", day.Year(), int(day.Month())))
	case 1:
		title = "打ち合わせ議事録"
		body = []string{fmt.Sprintf("日時  %d年%d月%d日 14:00〜15:30", day.Year(), int(day.Month()), day.Day()), "場所  " + from.name + " 会議室A", "出席者  " + w.pickJa(r).fullName() + "、" + w.pickJa(r).fullName(), ""}
		for k := 0; k < 6+r.IntN(8); k++ {
			body = append(body, fmt.Sprintf("%d. %s", k+1, docSentences[r.IntN(len(docSentences))]))
		}
	default:
		title = "お申込書"
		h := newHolder(r)
		body = []string{"お名前  " + h.family + " " + h.given, "生年月日  " + wareki(h.birth), "ご住所  " + h.address,
			"お電話  " + newPhone(r, "mobile").format(psDash), "", "ご希望のプラン  " + []string{"スタンダード", "プレミアム", "ライト"}[r.IntN(3)], "",
			"上記のとおり申し込みます。"}
	}
	tw := p.width(size*1.8, false, title)
	p.text(img, (pw-tw)/2, px(160), size*1.8, false, black, title)
	p.text(img, pw-px(560), px(300), size, false, black, fmt.Sprintf("%d年%d月%d日", day.Year(), int(day.Month()), day.Day()))
	y := px(420)
	for _, l := range body {
		if l != "" {
			p.text(img, px(160), y, size, false, black, l)
		}
		y += int(size * 1.9)
	}
	y = max(y+px(80), ph-px(520))
	for _, l := range []string{from.name, from.postal + " " + from.address, "TEL " + from.main.format(psDash) + "  FAX " + from.fax.format(psDash)} {
		p.text(img, pw-px(900), y, size*0.85, false, black, l)
		y += int(size * 1.6)
	}
	speckle(img, r, pw*ph/2000)
	if r.IntN(3) == 0 {
		// A sheet fed slightly askew.
		out := image.NewRGBA(img.Bounds())
		fill(out, out.Bounds(), color.RGBA{252, 252, 250, 255})
		place(out, img, pw/2, ph/2, pw, r.Float64()*1.6-0.8)
		return out
	}
	return img
}

var docItems = []string{"コピー用紙A4", "トナーカートリッジ", "保守サービス料", "システム利用料", "出張費", "梱包資材", "配送料", "作業費"}

var docSentences = []string{
	"次回の納品日程について確認した。",
	"見積書の再提出を来週中に行う。",
	"仕様変更の影響範囲を開発部で調査する。",
	"契約更新の条件について先方と協議する。",
	"請求書の送付先を経理部宛てに変更する。",
	"展示会の出展準備を営業部で進める。",
	"年度末の在庫棚卸しの日程を決定した。",
	"新システムの導入スケジュールを共有した。",
	"品質不良の原因と再発防止策を報告した。",
	"予算の見直し案を次回の会議で審議する。",
}

// PhotoJPEG is a w×h snapshot without text as the scan messages attach
// it (a landscape, sometimes people); for tests of OCR's gate.
func PhotoJPEG(seed int64, w, h int) []byte {
	g := &gen{opts: Options{Seed: seed}}
	return encodeJPEG(photo(g.rand("photo"), w, h), 85)
}
