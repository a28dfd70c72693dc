package mailgen

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
)

// nestDepth is how deep the nesting cases go.
const nestDepth = 50

// hostile adds the malformed and extreme messages. Each expects what a
// salvaging decoder can still get out of it.
func (g *gen) hostile() {
	g.truncatedBase64()
	g.unclosedMultipart()
	g.nestedMultipart()
	g.nestedRFC822()
	g.headerWithoutColon()
	g.invalidUTF8Headers()
	g.unknownCTE()
	g.unknownCharset()
	g.missingBoundary()
	if g.opts.Big {
		g.bigPart()
	}
}

// hostileMsg starts a hostile message from a correspondent to the owner.
func (g *gen) hostileMsg(slug string) (*msgb, *person) {
	m := g.newMsg(slug, FolderInbox)
	m.exp.Hostile = true
	return m, g.w.pickJa(m.r, g.w.owner)
}

// plainFinish finishes m with a B-encoded UTF-8 subject.
func (m *msgb) plainFinish(sender *person, subject string, body *part) {
	m.exp.Subject = subject
	m.finish(m.headers(m.from(of(sender, nsUTF8B)), m.addrs("header:To", of(m.g.w.owner, nsUTF8B)), "", bWord(csUTF8, subject)), body)
}

// truncatedBase64: a base64 body cut in the middle of a line and of a
// quad. The lines before the cut must still decode.
func (g *gen) truncatedBase64() {
	m, sender := g.hostileMsg("hostile-truncated-base64")
	var lines []string
	for i := 1; i <= 12; i++ {
		lines = append(lines, fmt.Sprintf("途中で切れた本文の%02d行目です。", i))
	}
	data := []byte(toCRLF(strings.Join(lines, "\n") + "\n"))
	enc := base64.StdEncoding.EncodeToString(data)
	cut := len(enc)/2/4*4 + 2 // mid-quad, about half way
	var b bytes.Buffer
	for s := enc[:cut]; len(s) > 0; {
		k := min(76, len(s))
		b.WriteString(s[:k] + "\r\n")
		s = s[k:]
	}
	// Whole lines inside the decodable prefix.
	good := string(data[:cut/4*3])
	keep := strings.Split(strings.ReplaceAll(good, "\r\n", "\n"), "\n")
	keep = keep[:len(keep)-1]
	m.expect(ExpectPart{Location: locBody, ContentType: "text/plain", Charset: "UTF-8", Contains: []string{keep[0], keep[len(keep)-1]}})
	m.exp.MinErrors = 1
	body := &part{body: b.Bytes()}
	body.add("Content-Type", textType("plain", "UTF-8")).add("Content-Transfer-Encoding", "base64")
	m.plainFinish(sender, "途中で切れたBase64", body)
}

// unclosedMultipart: the close delimiter never comes; both parts must
// still decode.
func (g *gen) unclosedMultipart() {
	m, sender := g.hostileMsg("hostile-unclosed-multipart")
	first := m.text(locBody).add("一つ目のパートは完全です。\n")
	signature(first, m.r, sender)
	p1 := m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", first)
	second := "二つ目のパートの後に終端がありません。\nunclosed-multipart-marker\n"
	p2 := leaf(textType("plain", "UTF-8"), "8bit", csUTF8.mustEncode(second))
	m.expect(ExpectPart{Location: locBody, ContentType: "text/plain", Charset: "UTF-8", Contains: strings.Split(strings.TrimSpace(second), "\n")})
	mp := newMultipart("mixed", m.boundary(7), p1, p2)
	mp.unclosed = true
	m.exp.MinErrors = 1
	m.plainFinish(sender, "終端のないマルチパート", mp)
}

// nestedMultipart: nestDepth levels of multipart/mixed around one text.
func (g *gen) nestedMultipart() {
	m, sender := g.hostileMsg(fmt.Sprintf("hostile-nested-multipart-%d", nestDepth))
	t := m.text(locBody).add("最も内側の本文です。nested-multipart-marker\n", "連絡先：", tel(sender.mobile, psDash), "\n")
	p := m.textLeaf("plain", csUTF8, "UTF-8", "8bit", t)
	for i := nestDepth; i >= 1; i-- {
		p = newMultipart("mixed", fmt.Sprintf("nest-%02d-%08x", i, m.r.Uint32()), p)
	}
	m.plainFinish(sender, fmt.Sprintf("%d段の入れ子マルチパート", nestDepth), p)
}

// nestedRFC822: nestDepth levels of message/rfc822 around one text.
func (g *gen) nestedRFC822() {
	m, sender := g.hostileMsg(fmt.Sprintf("hostile-nested-rfc822-%d", nestDepth))
	loc := "attachment:" + strings.Repeat("message.eml/", nestDepth) + "body"
	t := m.text(loc).add("最も内側の転送メールです。nested-rfc822-marker\n", "連絡先：", emailAddr(sender.email, esPlain), "\n")
	p := m.textLeaf("plain", csUTF8, "UTF-8", "8bit", t)
	p.hdr = append([]field{{"Subject", fmt.Sprintf("level %d", nestDepth)}, {"MIME-Version", "1.0"}}, p.hdr...)
	for i := nestDepth - 1; i >= 0; i-- {
		wrap := &part{inner: p}
		if i > 0 {
			wrap.add("Subject", fmt.Sprintf("level %d", i)).add("MIME-Version", "1.0")
		}
		wrap.add("Content-Type", "message/rfc822")
		p = wrap
	}
	m.plainFinish(sender, fmt.Sprintf("%d段の入れ子転送", nestDepth), p)
}

// headerWithoutColon: a line without a colon in the middle of the header;
// the headers after it and the body must still be read.
func (g *gen) headerWithoutColon() {
	m, sender := g.hostileMsg("hostile-header-without-colon")
	t := m.text(locBody).add("ヘッダーの途中にコロンのない行があります。\n")
	signature(t, m.r, sender)
	body := m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", t)
	m.exp.Subject = "コロンのないヘッダー行"
	h := m.headers(m.from(of(sender, nsJIS)), m.addrs("header:To", of(g.w.owner, nsJIS)), "", bWord(csJIS, m.exp.Subject))
	h = slices.Insert(h, 2, field{"", "X-Broken header line without a colon"})
	m.exp.MinErrors = 1
	m.finish(h, body)
}

// invalidUTF8Headers: raw 8-bit Subject and From display name with bytes
// that are neither UTF-8 nor Shift_JIS nor EUC-JP.
func (g *gen) invalidUTF8Headers() {
	m, sender := g.hostileMsg("hostile-invalid-utf8-headers")
	t := m.text(locBody).add("件名と差出人名に不正なバイト列があります。\n")
	body := m.textLeaf("plain", csUTF8, "UTF-8", "8bit", t)
	m.exp.SubjectContains = []string{"請求書", "のご確認"}
	m.exp.FromNameContains = []string{sender.family}
	m.exp.FromAddr = sender.email
	m.label("email", sender.email, "header:From")
	from := "\"" + sender.family + "\xff\xfe" + sender.given + "\" <" + sender.email + ">"
	m.exp.MinErrors = 1
	m.finish(m.headers(from, m.addrs("header:To", of(g.w.owner, nsRaw)), "", "請求書\xff\xfe\xc0のご確認"), body)
}

// unknownCTE: three parts, the middle one in an unknown transfer
// encoding; the other two must decode.
func (g *gen) unknownCTE() {
	m, sender := g.hostileMsg("hostile-unknown-cte")
	p1 := m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", m.text(locBody).add("一つ目のパートです。\n"))
	mid := "unknown-cte-marker\n未知の転送エンコーディングです。\n"
	m.expect(ExpectPart{Location: locBody, ContentType: "text/plain", Charset: "UTF-8", Contains: []string{"unknown-cte-marker"}, Optional: true})
	p2 := leaf(textType("plain", "UTF-8"), "x-mailgen-unknown", csUTF8.mustEncode(mid))
	t3 := m.text(locBody).add("三つ目のパートです。\n")
	signature(t3, m.r, sender)
	p3 := m.textLeaf("plain", csSJIS, "Shift_JIS", "base64", t3)
	m.exp.MinErrors = 1
	m.plainFinish(sender, "未知の転送エンコーディング", newMultipart("mixed", m.boundary(8), p1, p2, p3))
}

// unknownCharset: a part labelled with a charset nobody knows; its bytes
// are UTF-8.
func (g *gen) unknownCharset() {
	m, sender := g.hostileMsg("hostile-unknown-charset")
	s := "unknown-charset-marker\n未知の文字コード名が付いています。\n"
	m.expect(ExpectPart{Location: locBody, ContentType: "text/plain", Charset: "UTF-8", Contains: []string{"unknown-charset-marker"}})
	body := leaf(textType("plain", "x-unknown-charset"), "8bit", csUTF8.mustEncode(s))
	m.exp.MinErrors = 1
	m.plainFinish(sender, "未知の文字コード", body)
}

// missingBoundary: multipart/mixed without a boundary parameter.
func (g *gen) missingBoundary() {
	m, sender := g.hostileMsg("hostile-missing-boundary")
	raw := "--frontier\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nmissing-boundary-marker\r\n\r\n--frontier--\r\n"
	m.expect(ExpectPart{Location: locBody, ContentType: "text/plain", Contains: []string{"missing-boundary-marker"}})
	body := &part{body: []byte(raw)}
	body.add("Content-Type", "multipart/mixed")
	m.exp.MinErrors = 1
	m.plainFinish(sender, "boundary のないマルチパート", body)
}

// bigPart: a 30 MiB text part in base64 with markers at both ends.
func (g *gen) bigPart() {
	m, sender := g.hostileMsg("hostile-big-30mb")
	const size = 30 << 20
	const start, end = "BIG-PART-START-MARKER\n", "BIG-PART-END-MARKER\n"
	line := "大きな本文の行です。0123456789 abcdefghijklmnopqrstuvwxyz\r\n"
	var b bytes.Buffer
	b.Grow(size + len(line))
	b.WriteString(toCRLF(start))
	for b.Len() < size-len(end)-len(line) {
		b.WriteString(line)
	}
	b.WriteString(toCRLF(end))
	m.expect(ExpectPart{Location: locBody, ContentType: "text/plain", Charset: "UTF-8", Contains: []string{strings.TrimSpace(start), strings.TrimSpace(end)}})
	body := leaf(textType("plain", "UTF-8"), "base64", b.Bytes())
	m.plainFinish(sender, "30MBの本文", body)
}
