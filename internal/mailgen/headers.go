package mailgen

import "slices"

// headerCases adds messages whose headers are encoded in the ways mailers
// do: RFC 2047 B and Q words in several charsets, folded words, encoded
// display names, words inside quotes, and raw 8-bit UTF-8 and Shift_JIS.
func (g *gen) headerCases() {
	w := g.w
	subjects := []struct {
		slug, raw, decoded string
	}{
		{"hdr-subject-jis-folded", bWords(csJIS, "【重要】来期予算案の最終確認と承認手続きのお願い", 12), "【重要】来期予算案の最終確認と承認手続きのお願い"},
		{"hdr-subject-jis-long", bWords(csJIS, "【議事録】第３回　基幹システム刷新プロジェクト定例会議（要確認事項あり）のご報告", 10), "【議事録】第３回　基幹システム刷新プロジェクト定例会議（要確認事項あり）のご報告"},
		{"hdr-subject-jis-q", qWord(csJIS, "打合せ議事録の送付"), "打合せ議事録の送付"},
		{"hdr-subject-utf8-b", bWord(csUTF8, "【ご案内】新サービス開始のお知らせ"), "【ご案内】新サービス開始のお知らせ"},
		{"hdr-subject-utf8-q", qWord(csUTF8low, "Re: 見積 No. 42 の件"), "Re: 見積 No. 42 の件"},
		{"hdr-subject-sjis-b", bWord(csSJIS, "請求書送付のご連絡"), "請求書送付のご連絡"},
		{"hdr-subject-mixed", "Re: " + bWord(csJIS, "見積のご依頼") + "\r\n " + bWord(csJIS, "（至急）") + " [ID:1234]", "Re: 見積のご依頼（至急） [ID:1234]"},
		{"hdr-subject-raw-utf8", "【速報】売上報告（４月分）", "【速報】売上報告（４月分）"},
		{"hdr-subject-raw-sjis", string(csSJIS.encodeRaw("【速報】在庫報告（５月分）")), "【速報】在庫報告（５月分）"},
	}
	for _, s := range subjects {
		m := g.newMsg(s.slug, FolderInbox)
		sender := w.pickJa(m.r, w.owner)
		style := nsJIS
		if s.slug == "hdr-subject-raw-utf8" {
			style = nsRaw
		}
		m.exp.Subject = s.decoded
		body := m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", m.text(locBody).add("件名のみ確認用のメールです。\n"))
		m.finish(m.headers(m.from(of(sender, style)), m.addrs("header:To", of(w.owner, nsJIS)), "", s.raw), body)
	}

	// Encoded display names in From, To and Cc, an address in mixed case,
	// and an encoded-word inside a quoted string.
	m := g.newMsg("hdr-addresses-encoded", FolderInbox)
	p := []*person{w.pickJa(m.r, w.owner)}
	for len(p) < 6 {
		p = append(p, w.pickJa(m.r, slices.Concat(p, []*person{w.owner})...))
	}
	mixed := of(p[2], nsASCII)
	mixed.email = titleDots(mixed.email)
	to := m.addrs("header:To", of(w.owner, nsJIS), of(p[1], nsUTF8B), mixed, of(p[3], nsBare))
	cc := m.addrs("header:Cc", of(p[4], nsSJISB), of(p[5], nsUTF8Q))
	m.exp.Subject = "宛先の表示名テスト"
	body := m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", m.text(locBody).add("宛先と差出人の表示名を確認してください。\n"))
	m.finish(m.headers(m.from(of(p[0], nsJIS)), to, cc, bWord(csJIS, m.exp.Subject)), body)

	m = g.newMsg("hdr-quoted-encoded-word", FolderInbox)
	sender := w.pickJa(m.r, w.owner)
	m.exp.Subject = "表示名が引用符で囲まれた例"
	body = m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", m.text(locBody).add("古いメーラーの書き方です。\n"))
	m.finish(m.headers(m.from(of(sender, nsQuotedJIS)), m.addrs("header:To", of(w.owner, nsQuotedJIS)), "", bWord(csJIS, m.exp.Subject)), body)

	m = g.newMsg("hdr-raw-utf8-names", FolderInbox)
	sender = w.pickJa(m.r, w.owner)
	m.exp.Subject = "生のUTF-8ヘッダー"
	body = m.textLeaf("plain", csUTF8, "UTF-8", "8bit", m.text(locBody).add("RFC 6532 形式のヘッダーです。\n"))
	m.finish(m.headers(m.from(of(sender, nsRaw)), m.addrs("header:To", of(w.owner, nsRaw)), "", m.exp.Subject), body)
}
