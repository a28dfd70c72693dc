package mailgen

import (
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// attach makes a text attachment leaf with the given Content-Type and
// Content-Disposition values (disp "" leaves the header out).
func (m *msgb) attach(contentType, disp, cte string, cs charset, t *text) *part {
	mt := strings.ToLower(strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0]))
	m.expect(ExpectPart{Location: t.loc, ContentType: mt, Charset: cs.name, Text: t.String()})
	p := leaf(contentType, cte, cs.mustEncode(t.String()))
	if disp != "" {
		p.add("Content-Disposition", disp)
	}
	return p
}

// binary makes a non-text leaf, base64-encoded, listed in Expect.Binary.
func (m *msgb) binary(loc, contentType, disp string, data []byte) *part {
	m.exp.Binary = append(m.exp.Binary, loc)
	p := leaf(contentType, "base64", data)
	if disp != "" {
		p.add("Content-Disposition", disp)
	}
	return p
}

// boundary returns a boundary in one of the styles mailers use.
func (m *msgb) boundary(n int) string {
	switch n % 3 {
	case 0:
		return fmt.Sprintf("----=_Part_%d_%d.%d", n, m.r.IntN(1e9), m.r.IntN(1e13))
	case 1:
		return fmt.Sprintf("=_mailgen_%016x", m.r.Uint64())
	default:
		return fmt.Sprintf("------------%024d", m.r.Int64())
	}
}

// fakePDF is a small PDF-looking blob; the decoder does not extract it yet.
const fakePDF = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" +
	"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n" +
	"trailer\n<< /Root 1 0 R >>\n%%EOF\n"

// pngPixel is a 1×1 transparent PNG.
const pngPixel = "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63fcffff3f0300050001ff8ba0c5bb0000000049454e44ae426082"

// structures adds the MIME structure cases: attachments with file names
// encoded every way mailers do, alternative and related bodies, and
// forwarded messages.
func (g *gen) structures() {
	g.attachments()
	g.alternative()
	g.related()
	g.forwarded()
	g.forwardedUnnamed()
}

// attachments: multipart/mixed with a body, five text attachments whose
// names use RFC 2231 (UTF-8, continuations cut inside a character,
// ISO-2022-JP), RFC 2047 in a quoted filename, Content-Type name= only,
// and a PDF.
func (g *gen) attachments() {
	m := g.newMsg("struct-mixed-attachments", FolderArchive)
	w := g.w
	sender := w.pickJa(m.r, w.owner)
	other := w.pickJa(m.r, w.owner, sender)

	body := m.text(locBody).add(w.owner.family, "様\n\n", sender.company.name, "の", sender.family, "です。\n",
		"資料一式を添付にてお送りします。\n\n")
	signature(body, m.r, sender)
	parts := []*part{m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", body)}

	memo := m.text("attachment:メモ.txt").add("打合せメモ\n",
		"・次回は", other.family, "様（", emailAddr(other.email, esPlain), "）も参加\n",
		"・連絡は携帯 ", tel(other.mobile, psDash), " まで\n")
	parts = append(parts, m.attach("text/plain; charset=UTF-8", "attachment;\r\n "+param2231("filename", csUTF8, "メモ.txt"), "base64", csUTF8, memo))

	minutes := m.text("attachment:議事録_2023年度.txt").add("議事録\n",
		"日時：", neg{"phone", "2023-11-02"}, " ", neg{"phone", "10:00-12:00"}, "\n",
		"出席：", sender.family, "、", other.family, "\n")
	parts = append(parts, m.attach("text/plain; charset=Shift_JIS", "attachment;\r\n "+param2231Split("filename", csUTF8, "議事録_2023年度.txt", 7), "quoted-printable", csSJIS, minutes))

	quote := m.text("attachment:見積書.txt").add("御見積書\n",
		"見積番号：", neg{"phone", "INV-2023-000123"}, "\n",
		"合計金額：", neg{"phone", "￥12,345"}, "（税込）\n")
	parts = append(parts, m.attach("text/plain; charset=ISO-2022-JP", "attachment;\r\n "+param2231("filename", csJIS, "見積書.txt"), "7bit", csJIS, quote))

	invoice := m.text("attachment:請求書.txt").add("請求書\n",
		"お振込期限：", neg{"phone", "2023-12-28"}, "\n",
		"お問い合わせ：", tel(sender.company.main, psParen), "\n")
	enc := bWord(csJIS, "請求書.txt")
	parts = append(parts, m.attach("text/plain; charset=Shift_JIS;\r\n name=\""+enc+"\"", "attachment;\r\n filename=\""+enc+"\"", "base64", csSJIS, invoice))

	contacts := m.text("attachment:連絡先.txt").add("連絡先一覧\n")
	for _, p := range []*person{sender, other} {
		contacts.add(p.family, " ", p.given, "\t", tel(p.mobile, psDash), "\t", emailAddr(p.email, esPlain), "\n")
	}
	parts = append(parts, m.attach("text/plain; charset=Shift_JIS;\r\n name=\""+bWord(csSJIS, "連絡先.txt")+"\"", "", "base64", csSJIS, contacts))

	pdfName := param2231("filename", csUTF8, "申込書.pdf")
	parts = append(parts, m.binary("attachment:申込書.pdf", "application/pdf;\r\n "+strings.Replace(pdfName, "filename", "name", 1), "attachment;\r\n "+pdfName, []byte(fakePDF)))

	m.exp.Subject = "資料送付（添付５点）"
	m.finish(m.headers(m.from(of(sender, nsJIS)), m.addrs("header:To", of(w.owner, nsJIS)), m.addrs("header:Cc", of(other, nsJIS)), bWord(csJIS, m.exp.Subject)),
		newMultipart("mixed", m.boundary(0), parts...))
}

// alternative: text and HTML versions; the HTML has entities, a script and
// a style whose content must not be extracted.
func (g *gen) alternative() {
	m := g.newMsg("struct-alternative-html", FolderArchive)
	w := g.w
	sender := w.pickJa(m.r, w.owner)
	ph := tel(sender.direct, psDash)
	em := emailAddr(sender.email, esPlain)

	plain := m.text(locBody).add("いつもお世話になっております。\n",
		"株式会社サンプル & パートナーズのあいう説明会のご案内です。\n",
		"お問い合わせ：", em, "\nTEL ", ph, "\n")
	html := m.text(locBody).add("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>ご案内</title>\n",
		"<style>p { color: #333; } /* forbidden-style-text */</style>\n",
		"<script type=\"text/javascript\">var x = \"forbidden-script-text\"; document.write(x);</script>\n",
		"</head><body>\n<p>いつもお世話になっております。</p>\n",
		"<p>株式会社サンプル &amp; パートナーズの&#x3042;&#12356;う説明会のご案内です。</p>\n",
		"<p>お問い合わせ：<a href=\"mailto:", sender.email, "\">", em, "</a><br>\n",
		"TEL <b>", ph, "</b></p>\n</body></html>\n")
	alt := newMultipart("alternative", m.boundary(1),
		m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", plain),
		leaf(textType("html", "UTF-8"), "quoted-printable", csUTF8.mustEncode(html.String())))
	m.expect(ExpectPart{Location: locBody, ContentType: "text/html", Charset: "UTF-8",
		Contains:    []string{"いつもお世話になっております。", "株式会社サンプル & パートナーズのあいう説明会", sender.email, ph.text},
		NotContains: []string{"forbidden-script-text", "forbidden-style-text", "<p>", "&amp;"}})
	m.exp.Subject = "説明会のご案内（HTML）"
	m.finish(m.headers(m.from(of(sender, nsJIS)), m.addrs("header:To", of(w.owner, nsJIS)), "", bWord(csJIS, m.exp.Subject)), alt)
}

// related: multipart/related holding an alternative body and an inline
// image referenced by Content-ID.
func (g *gen) related() {
	m := g.newMsg("struct-related-inline-image", FolderArchive)
	w := g.w
	sender := w.pickJa(m.r, w.owner)
	plain := m.text(locBody).add("ニュースレター　2023年秋号\n", "ロゴ画像を本文に埋め込んでいます。\n")
	signature(plain, m.r, sender)
	html := "<html><body><p><img src=\"cid:logo.mailgen@example.jp\" alt=\"ロゴ\"></p>\n" +
		"<p>ニュースレター　2023年秋号</p>\n<p>ロゴ画像を本文に埋め込んでいます。</p></body></html>\n"
	alt := newMultipart("alternative", m.boundary(2),
		m.textLeaf("plain", csUTF8, "UTF-8", "base64", plain),
		leaf(textType("html", "ISO-2022-JP"), "7bit", csJIS.mustEncode(html)))
	m.expect(ExpectPart{Location: locBody, ContentType: "text/html", Charset: "ISO-2022-JP",
		Contains: []string{"ニュースレター　2023年秋号", "ロゴ画像を本文に埋め込んでいます。"}, NotContains: []string{"<img"}})
	png, _ := hex.DecodeString(pngPixel)
	img := m.binary("attachment:logo.png", "image/png; name=\"logo.png\"", "inline; filename=\"logo.png\"", png)
	img.add("Content-ID", "<logo.mailgen@example.jp>")
	rel := newMultipart("related", m.boundary(3), alt, img)
	rel.hdr[0].value = strings.Replace(rel.hdr[0].value, ";", "; type=\"multipart/alternative\";", 1)
	m.exp.Subject = "ニュースレター　2023年秋号"
	m.finish(m.headers(m.from(of(sender, nsJIS)), m.addrs("header:To", of(w.owner, nsJIS)), "", bWord(csJIS, m.exp.Subject)), rel)
}

// forwarded: a message/rfc822 attachment with a file name, itself
// multipart with a body and a text attachment.
func (g *gen) forwarded() {
	m := g.newMsg("struct-forwarded-rfc822", FolderArchive)
	w := g.w
	sender := w.pickJa(m.r, w.owner)
	orig := w.pickJa(m.r, w.owner, sender)
	const name = "打合せの件.eml"
	pre := "attachment:" + name + "/"

	outer := m.text(locBody).add(w.owner.family, "さん\n\n", orig.family, "様からのメールを転送します。\n")
	signature(outer, m.r, sender)
	outerLeaf := m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", outer)

	innerBody := m.text(pre+"body").add(sender.family, "様\n\n打合せの件、下記の日程でお願いします。\n",
		"日時：", neg{"phone", "2023-10-05"}, " ", neg{"phone", "14:00-15:00"}, "\n")
	signature(innerBody, m.r, orig)
	agenda := m.text(pre+"agenda.txt").add("Agenda\n1. Budget\n2. Schedule\nContact: ", emailAddr(orig.email, esUpper), "\n")
	innerDate := m.date.Add(-26 * time.Hour)
	inner := newMultipart("mixed", m.boundary(4),
		m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", innerBody),
		m.attach("text/plain; charset=us-ascii; name=\"agenda.txt\"", "attachment; filename=\"agenda.txt\"", "7bit", csASCII, agenda))
	inner.hdr = append([]field{
		{"Date", innerDate.Format("Mon, 02 Jan 2006 15:04:05 -0700")},
		{"From", m.addrs(pre+"header:From", of(orig, nsJIS))},
		{"To", m.addrs(pre+"header:To", of(sender, nsJIS))},
		{"Subject", bWord(csJIS, "打合せの件")},
		{"Message-ID", fmt.Sprintf("<%s.%016x@mailgen.example.jp>", innerDate.Format("20060102150405"), m.r.Uint64())},
		{"MIME-Version", "1.0"},
	}, inner.hdr...)
	rfc := &part{inner: inner}
	rfc.add("Content-Type", "message/rfc822")
	rfc.add("Content-Disposition", "attachment;\r\n "+param2231("filename", csUTF8, name))

	mixed := newMultipart("mixed", m.boundary(5), outerLeaf, rfc)
	m.exp.Subject = "Fw: 打合せの件"
	m.finish(m.headers(m.from(of(sender, nsJIS)), m.addrs("header:To", of(w.owner, nsJIS)), "", "Fw: "+bWord(csJIS, "打合せの件")), mixed)
}

// forwardedUnnamed: a message/rfc822 part without a name, holding a
// single-part Shift_JIS message.
func (g *gen) forwardedUnnamed() {
	m := g.newMsg("struct-forwarded-unnamed", FolderArchive)
	w := g.w
	sender := w.pickJa(m.r, w.owner)
	orig := w.pickJa(m.r, w.owner, sender)
	const pre = "attachment:message.eml/"

	outer := m.textLeaf("plain", csUTF8, "UTF-8", "7bit", m.text(locBody).add("FYI\n"))
	innerText := m.text(pre+"body").add("ご担当者様\n\n携帯番号が変わりました。\n新：", tel(orig.mobile, psFullWidth), "\n")
	signature(innerText, m.r, orig)
	inner := m.textLeaf("plain", csSJIS, "Shift_JIS", "base64", innerText)
	innerDate := m.date.Add(-3 * time.Hour)
	inner.hdr = append([]field{
		{"Date", innerDate.Format("Mon, 02 Jan 2006 15:04:05 -0700")},
		{"From", m.addrs(pre+"header:From", of(orig, nsSJISB))},
		{"To", m.addrs(pre+"header:To", of(sender, nsSJISB))},
		{"Subject", bWord(csSJIS, "携帯番号変更のお知らせ")},
		{"MIME-Version", "1.0"},
	}, inner.hdr...)
	rfc := &part{inner: inner}
	rfc.add("Content-Type", "message/rfc822")

	mixed := newMultipart("mixed", m.boundary(6), outer, rfc)
	m.exp.Subject = "Fwd: 携帯番号変更のお知らせ"
	m.finish(m.headers(m.from(of(sender, nsUTF8B)), m.addrs("header:To", of(w.owner, nsUTF8B)), "", bWord(csUTF8, m.exp.Subject)), mixed)
}
