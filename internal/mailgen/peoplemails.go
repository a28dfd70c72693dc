package mailgen

import (
	"fmt"
	"strings"
	"time"
)

// mails writes the mailbox, scenario by scenario; the dates follow the
// order of the calls.
func (pg *pgen) mails() {
	pg.customerList()
	pg.accountCSV()
	for ci, c := range pg.counterCos {
		pg.counterparty(ci, c)
	}
	pg.roleNotices()
	pg.vendors()
	pg.regulatorMails()
	pg.applicantMails()
	pg.customerMails()
	pg.mailingList()
	pg.familyForms()
	pg.internalMails()
}

// ownerSig appends the owner's signature.
func (m *pmsg) ownerSig(t *text) {
	t.add("\n以上、よろしくお願いいたします。\n\n")
	m.sig(t, m.pg.owner, sigFull)
}

// customerList: a colleague sends the owner the customer list, one row
// per customer; some rows hold a passport or My Number, some no address.
func (pg *pgen) customerList() {
	m := pg.msg("customer-list", FolderInbox)
	from, boss := pg.colleagues[0], pg.colleagues[2]
	const name, sheet = "顧客名簿_2024年3月末.xlsx", "顧客名簿"
	link := "same row of " + name
	header := []string{"No.", "氏名", "フリガナ", "生年月日", "住所", "電話番号", "メールアドレス", "旅券番号", "個人番号", "備考"}
	var rows [][]string
	for i, p := range pg.customers {
		loc := func(col int) string { return "attachment:" + name + "#" + sheet + "!" + cellRef(col, i+3) }
		row := []string{fmt.Sprint(i + 1), m.name(p, fKanji, link), m.name(p, fKana, link), birthText(m.r, p.birth), p.address,
			m.cell(loc(5), m.tel(p, p.phone(), psDash)), "", p.passport, p.myNumber, ""}
		m.touch(p, "birth_date")
		m.touch(p, "address")
		if len(p.emails) > 0 {
			row[6] = m.cell(loc(6), m.mail(p, p.email(), esPlain))
		}
		if p.passport != "" {
			m.touch(p, "passport")
		}
		if p.myNumber != "" {
			m.touch(p, "my_number")
		}
		if m.r.IntN(10) == 0 {
			row[9] = pick(m.r, []string{"DM不要", "郵送希望", "代理人あり", "要確認"})
		}
		rows = append(rows, row)
	}
	rows = append(rows, []string{"", "合計", fmt.Sprintf("%d名", len(pg.customers))})
	data := xlsxFile(sheet, "顧客名簿（2024年3月末時点）", header, rows)
	t := m.text(locBody).add(pg.owner.fam.kanji, "さん\n\nお疲れさまです。営業部の", from.fam.kanji, "です。\n\n",
		"監査対応用に、3月末時点の顧客名簿をお送りします。\n取扱いにはご注意ください。\n\n")
	m.sig(t, from, sigShort)
	m.send(m.hdr(from, fKanji, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, []addr{m.hdr(boss, fKanji, 0)}, "顧客名簿の送付（3月末）",
		m.with(m.leaf(t), m.file(name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data)))
}

// accountCSV: another 佐藤 sends a CSV of 25 customers of the list (the
// same people again), Cc the first 佐藤; "佐藤です" names neither.
func (pg *pgen) accountCSV() {
	m := pg.msg("account-csv", FolderInbox)
	from, cc := pg.colleagues[1], pg.colleagues[0]
	const name = "口座開設者一覧_202404.csv"
	link := "same row of " + name
	var b strings.Builder
	b.WriteString("氏名,メールアドレス,携帯電話,口座開設日\r\n")
	n := 0
	for i := 3; n < 25 && i < len(pg.customers); i += 11 {
		p := pg.customers[i]
		if len(p.emails) == 0 || p.mobile == (phone{}) {
			continue
		}
		n++
		loc := func(col int) string { return "attachment:" + name + "#" + cellRef(col, n+1) }
		fmt.Fprintf(&b, "%s,%s,%s,2024/04/%02d\r\n", m.name(p, fKanjiTight, link), m.cell(loc(1), m.mail(p, p.email(), esPlain)), m.cell(loc(2), m.tel(p, p.mobile, psPlain)), 1+n)
	}
	t := m.text(locBody).add(pg.owner.fam.kanji, "さん\n\n経理部の", from.fam.kanji, "です。\n4月の口座開設者一覧をお送りします。\n\n")
	m.sig(t, from, sigShort)
	m.send(m.hdr(from, fKanji, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, []addr{m.hdr(cc, fKanji, 0)}, "4月 口座開設者一覧",
		m.with(m.leaf(t), m.file(name, "text/csv", csCP932.mustEncode(b.String()))))
}

// counterparty: the staff of one company write to the owner with their
// signatures, copy each other (by name, or by bare address), and the owner
// replies quoting them.
func (pg *pgen) counterparty(ci int, c *pcompany) {
	staff := pg.staff[c]
	topics := []struct{ subject, body string }{
		{"打合せ日程のご相談", "先日お話しした件につきまして、打合せの日程をご相談させてください。\n来週火曜か水曜の午後はいかがでしょうか。\n"},
		{"お見積りのご送付", "ご依頼いただきました件のお見積りをお送りします。\nご確認のほどよろしくお願いいたします。\n"},
		{"契約書のご確認", "契約書のドラフトをお送りします。\n修正点がございましたらご指摘ください。\n"},
		{"担当変更のお知らせ", "このたび担当が変更となりましたのでお知らせいたします。\n今後ともよろしくお願いいたします。\n"},
	}
	for k, p := range staff {
		if k == 5 {
			continue // appears in Cc only
		}
		sends := 1 + (k+ci)%2
		for s := 0; s < sends; s++ {
			m := pg.msg(fmt.Sprintf("cp%d-%d-%d", ci, k, s), FolderInbox)
			top := topics[(k+s+ci)%len(topics)]
			t := m.text(locBody)
			english := c.english
			if english {
				t.add("Dear ", pg.owner.giv.romaji, ",\n\n", "Thank you for your time last week. Please find our proposal attached.\n", "\nBest regards,\n")
			} else {
				greeting(t, pg.owner, p)
				t.add(top.body)
				t.add("\n何卒よろしくお願いいたします。\n\n")
			}
			m.sig(t, p, (k+s+ci)%numSigStyles)
			var cc []addr
			switch {
			case s == 0 && k < 4 && len(staff) > 5:
				// The sixth person: in Cc only, by name at some companies,
				// as a bare address at others.
				form := fKanji
				if ci%2 == 0 {
					form = ""
				}
				if staff[5].latin != "" {
					form = fLatin
				}
				cc = append(cc, m.hdr(staff[5], form, 0))
			case s == 1:
				cc = append(cc, m.hdr(staff[(k+1)%4], fKanji, 0))
			}
			form := fKanji
			if english {
				form = fLatin
			}
			subject := top.subject
			if english {
				subject = "Proposal for the next phase"
			}
			m.send(m.hdr(p, form, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, cc, subject, m.leaf(t))
			if s == 0 && k%2 == 0 {
				pg.ownerReply(p, subject, top.body, (k+s+ci)%numSigStyles, english)
			}
		}
	}
	pg.counterpartyHard(ci, c)
}

// ownerReply: the owner answers p, quoting p's mail and signature.
func (pg *pgen) ownerReply(p *pperson, subject, said string, style int, english bool) {
	m := pg.msg(fmt.Sprintf("re-%s-%d", p.id, len(pg.g.out)), FolderSent)
	t := m.text(locBody)
	form := fKanji
	if english {
		form = fLatin
		t.add("Dear ", p.giv.romaji, ",\n\nThank you. We will review it and come back to you.\n\nBest regards,\n")
		m.sigEn(t, pg.owner)
	} else {
		t.add(p.co.name, "\n", p.fam.kanji, " 様\n\nご連絡ありがとうございます。\n内容を確認のうえ、改めてご連絡いたします。\n")
		m.ownerSig(t)
	}
	m.quote(t, p, said, style, english)
	m.send(m.hdr(pg.owner, fKanji, 0), []addr{m.hdr(p, form, 0)}, nil, "Re: "+subject, m.leaf(t))
}

// counterpartyHard writes the hard cases that live at a counterparty.
func (pg *pgen) counterpartyHard(ci int, c *pcompany) {
	staff := pg.staff[c]
	switch ci {
	case 0:
		// Two 鈴木 of one company in one message: "鈴木です" is neither.
		a, b := staff[0], staff[1]
		m := pg.msg("cp-two-suzuki", FolderInbox)
		t := m.text(locBody).add(c.name, "の鈴木です。\n\n来月の定例会には、弊社から鈴木が2名出席いたします。\n\n")
		m.sig(t, a, sigFull)
		m.send(m.hdr(a, fKanji, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, []addr{m.hdr(b, fKanji, 0)}, "定例会の出席者について", m.leaf(t))
		a.addCase("same-surname")
		b.addCase("same-surname")
	case 1:
		// One person, work and private address: the private mail's
		// signature gives the same name and mobile.
		p := staff[0]
		local := strings.ToLower(p.giv.romaji[:1] + p.fam.romaji + ".home")
		i := len(p.emails)
		pg.address(p, local, "mail.example.jp")
		m := pg.msg("cp-private-address", FolderInbox)
		t := m.text(locBody).add(pg.owner.fam.kanji, "様\n\n休日に私用のアドレスから失礼します。\n明日の件、資料を確認しました。問題ありません。\n\n",
			"--\n", m.name(p, fKanji, "signature with the same mobile as the work signature"), "\n携帯：", m.tel(p, p.mobile, psDash), "\n")
		m.send(m.hdr(p, fKanji, i), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "明日の件", m.leaf(t))
		p.addCase("work-and-private-address")
	case 2:
		// The customer list's namesake works here: same full name, other
		// person.
		p := staff[0]
		p.addCase("namesake")
	case 3:
		// Two staff print the team's shared mobile in their signatures; a
		// customer works here too, with the mobile of the customer list.
		shared := staff[1].mobile
		staff[2].mobile = shared
		for k, p := range staff[1:3] {
			m := pg.msg(fmt.Sprintf("cp-shared-mobile-%d", k), FolderInbox)
			t := m.text(locBody)
			greeting(t, pg.owner, p)
			t.add("納品物の件、本日発送いたしました。\n\n")
			m.sig(t, p, sigFull)
			m.send(m.hdr(p, fKanji, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "納品物発送のご連絡", m.leaf(t))
			p.addCase("shared-mobile")
		}
		cust := pg.customers[20]
		pg.employ(cust, c, false)
		m := pg.msg("cp-customer-at-work", FolderInbox)
		t := m.text(locBody)
		greeting(t, pg.owner, cust)
		t.add("私事ですが、貴社の口座も利用させていただいております。\n今後ともよろしくお願いいたします。\n\n")
		m.sig(t, cust, sigFull)
		m.send(m.hdr(cust, fKanji, cust.at()), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "ご挨拶", m.leaf(t))
		cust.addCase("customer-and-counterparty")
	case 4:
		// A Japanese manager of the English-speaking company: Latin name
		// in English mail, kanji in Japanese, one address.
		p := staff[0]
		m := pg.msg("cp-kanji-latin", FolderInbox)
		t := m.text(locBody)
		greeting(t, pg.owner, p)
		t.add("日本語で失礼いたします。来期の体制についてご相談させてください。\n\n")
		m.sigJa(t, p, sigFull)
		m.send(m.hdr(p, fKanji, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "来期の体制について", m.leaf(t))
		m2 := pg.msg("cp-latin-upper", FolderInbox)
		t2 := m2.text(locBody).add("Dear ", pg.owner.giv.romaji, ",\n\nAs discussed, I attach the agenda.\n\nRegards,\n",
			m2.name(p, fLatinUpper, "signature of the same address"), "\n", c.nameEn, "\n")
		m2.touch(p, "company")
		m2.send(m2.hdr(p, fLatinComma, 0), []addr{m2.hdr(pg.owner, fLatin, 0)}, nil, "Agenda", m2.leaf(t2))
		p.addCase("kanji-and-latin")
	}
}

// roleNotices: mail from role mailboxes, which are nobody.
func (pg *pgen) roleNotices() {
	c := pg.counterCos[0]
	m := pg.msg("role-info", FolderInbox)
	t := m.text(locBody).add("お取引先各位\n\n年末年始の営業日についてお知らせいたします。\n12月29日から1月3日まで休業いたします。\n\n--\n", c.name, " 営業部\nTEL ", tel(c.main, psDash), "\n", emailAddr("info@"+c.domain, esPlain), "\n")
	m.send(m.role(c.name, "info@"+c.domain, "role"), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "年末年始休業のお知らせ", m.leaf(t))

	v := pg.vendorCos[0]
	m = pg.msg("role-support", FolderInbox)
	t = m.text(locBody).add(pg.own.name, "\n", pg.owner.fam.kanji, " 様\n\nお問い合わせいただいた件、対応が完了しました。\n\n", v.name, " サポートデスク\n担当：伊藤\n")
	m.send(m.role(v.name+" サポート", "support@"+v.domain, "role"), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "【対応完了】お問い合わせの件", m.leaf(t))

	m = pg.msg("role-team", FolderInbox)
	var to []addr
	to = append(to, m.hdr(pg.owner, fKanji, 0))
	for _, p := range pg.colleagues[5:8] {
		to = append(to, m.hdr(p, fKanji, 0))
	}
	t = m.text(locBody).add("各位\n\n健康診断の日程が決まりましたのでお知らせします。\n詳細は社内ポータルをご覧ください。\n\n人事部\n")
	m.send(m.role("人事部", "jinji@"+pg.own.domain, "team"), to, nil, "健康診断のお知らせ", m.leaf(t))

	m = pg.msg("role-noreply", FolderInbox)
	t = m.text(locBody).add("本メールは送信専用です。\n\n金融庁ウェブサイトの更新情報をお知らせします。\n")
	m.send(m.role("", "noreply@sample-fsa.go.jp", "role"), []addr{m.hdr(pg.owner, "", 0)}, nil, "更新情報のお知らせ", m.leaf(t))
}

// vendors: each vendor's staff write once; the agency introduces a
// candidate without personal data; the translator invoices with her bank
// account in her signature.
func (pg *pgen) vendors() {
	for vi, c := range pg.vendorCos {
		for k, p := range pg.staff[c] {
			m := pg.msg(fmt.Sprintf("vendor%d-%d", vi, k), FolderInbox)
			t := m.text(locBody)
			greeting(t, pg.owner, p)
			subject := "作業報告のご送付"
			switch {
			case c.domain == "sample-jinzai.example.jp":
				subject = "候補者のご紹介"
				t.add("ご依頼のポジションについて、候補者をご紹介いたします。\n職務経歴書（匿名版）は別途お送りします。\n\n")
			case c.domain == "honyaku-sample.example.jp":
				subject = "請求書送付のご案内"
				t.add("翻訳作業の請求書をお送りします。\n下記口座へお振込みをお願いいたします。\n\n")
				t.add("--\n", c.name, "\n", m.name(p, fKanji, "signature block"), "（", m.name(p, fKana, "reading after the kanji name in the signature block"), "）\n",
					"携帯：", m.tel(p, p.mobile, psDash), "\n", "E-mail：", m.mail(p, p.email(), esPlain), "\n",
					"振込先：三井住友銀行 渋谷支店 普通 ", fmt.Sprintf("%07d", 1000000+m.r.IntN(9000000)), "\n")
				m.touch(p, "company")
				m.touch(p, "bank_account")
				p.addCase("bank-account-in-signature")
				m.send(m.hdr(p, fKanji, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, subject, m.leaf(t))
				continue
			default:
				t.add("今月の作業報告をお送りします。\nご確認をお願いいたします。\n\n")
			}
			m.sig(t, p, (vi+k)%numSigStyles)
			m.send(m.hdr(p, fKanji, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, subject, m.leaf(t))
		}
	}
}

// regulatorMails: each office writes with its staff in Cc; the owner
// answers everyone.
func (pg *pgen) regulatorMails() {
	for ri, c := range pg.regCos {
		staff := pg.staff[c]
		from := staff[0]
		m := pg.msg(fmt.Sprintf("regulator-%d", ri), FolderInbox)
		t := m.text(locBody).add(pg.own.name, "\n総務部 ", pg.owner.fam.kanji, " 様\n\n",
			"標記の件について、下記の資料を今月末までにご提出ください。\n・顧客情報の管理体制\n・直近の内部監査報告書\n\n",
			"--\n", c.name, "\n", from.title, " ", m.name(from, fKanji, "signature block"), "\n")
		// An agency is no company; the association is an organisation
		// with a legal name.
		if !strings.HasSuffix(c.domain, ".go.jp") {
			m.touch(from, "company")
		}
		m.touch(from, "title")
		t.add(neg{"phone", c.postal}, " ", c.address, "\n")
		m.touch(from, "address")
		t.add("TEL：", m.tel(from, from.direct, psDash), "（直通）\n", "E-mail：", m.mail(from, from.email(), esPlain), "\n")
		cc := []addr{m.hdr(staff[1], fKanji, 0), m.hdr(staff[2], fKanji, 0)}
		m.send(m.hdr(from, fKanji, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, cc, "資料提出のお願い", m.leaf(t))

		r := pg.msg(fmt.Sprintf("regulator-%d-reply", ri), FolderSent)
		rt := r.text(locBody).add(c.name, "\n", from.fam.kanji, " 様\n\nご連絡ありがとうございます。\n期限までに提出いたします。\n")
		r.ownerSig(rt)
		r.send(r.hdr(pg.owner, fKanji, 0), []addr{r.hdr(from, fKanji, 0)}, []addr{r.hdr(staff[1], fKanji, 0), r.hdr(staff[2], fKanji, 0)}, "Re: 資料提出のお願い", r.leaf(rt))
	}
}

// resume is the Word résumé of an applicant.
func (m *pmsg) resume(p *pperson) (string, []byte) {
	link := "same form (résumé) as the sender's name and address"
	name := "履歴書_" + p.kanjiTight() + ".docx"
	birth := birthText(m.r, p.birth)
	m.touch(p, "birth_date")
	m.touch(p, "address")
	return name, docxFile([]string{"履歴書", "下記のとおり応募いたします。"}, [][]string{
		{"氏名", m.name(p, fKanji, link)},
		{"フリガナ", m.name(p, fKana, link)},
		{"生年月日", birth},
		{"現住所", p.address},
		{"携帯電話", m.cell("attachment:"+name, m.tel(p, p.mobile, psDash))},
		{"メール", m.cell("attachment:"+name, m.mail(p, p.email(), esPlain))},
	})
}

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// applicantMails: applicants send résumés (most as Word files, two in the
// body); the owner invites each; the hard cases: a +tag address, a second
// address, a résumé the owner forwards.
func (pg *pgen) applicantMails() {
	for i, p := range pg.applicants {
		m := pg.msg(fmt.Sprintf("applicant-%d", i), FolderInbox)
		t := m.text(locBody).add("採用ご担当者様\n\n", "求人を拝見し、応募いたしました", m.name(p, fKanji, "signature of the sender"), "と申します。\n")
		var body *part
		if i%9 == 8 {
			// The résumé in the body: no attachment name to tell.
			t.add("以下、履歴書の内容です。\n\n氏名：", m.name(p, fKanji, "form in the body"), "\nフリガナ：", m.name(p, fKana, "form in the body"),
				"\n生年月日：", birthText(m.r, p.birth), "\n現住所：", p.address, "\n携帯電話：", m.tel(p, p.mobile, psDash), "\n\nよろしくお願いいたします。\n")
			m.touch(p, "birth_date")
			m.touch(p, "address")
			body = m.leaf(t)
			p.addCase("resume-in-body")
		} else {
			t.add("履歴書を添付いたします。\nご検討のほどよろしくお願いいたします。\n\n", m.name(p, fKanji, "signature of the sender"), "\n", m.mail(p, p.email(), esPlain), "\n")
			name, data := m.resume(p)
			body = m.with(m.leaf(t), m.file(name, docxType, data))
		}
		m.send(m.hdr(p, fKanji, 0), []addr{m.role("採用担当", "recruit@"+pg.own.domain, "role"), m.hdr(pg.owner, "", 0)}, nil, "応募書類の送付", body)

		r := pg.msg(fmt.Sprintf("applicant-%d-invite", i), FolderSent)
		rt := r.text(locBody).add(r.name(p, fKanji, "salutation to the address"), " 様\n\nご応募ありがとうございます。\n書類選考の結果、面接にお越しいただきたくご連絡しました。\n")
		r.ownerSig(rt)
		r.send(r.hdr(pg.owner, fKanji, 0), []addr{r.hdr(p, fKanji, 0)}, nil, "面接のご案内", r.leaf(rt))
	}
	// A +tag address is the same mailbox.
	p := pg.applicants[3]
	local, domain, _ := strings.Cut(p.email(), "@")
	tagged := local + "+job@" + domain
	p.emails = append(p.emails, tagged)
	m := pg.msg("applicant-tag", FolderInbox)
	t := m.text(locBody).add("面接日程のご連絡ありがとうございます。\n当日はよろしくお願いいたします。\n\n", m.name(p, fKanji, "signature of the sender"), "\n")
	m.send(m.hdr(p, fKanji, 1), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "Re: 面接のご案内", m.leaf(t))
	p.addCase("plus-tag-address")

	// A second address: the signature's name and mobile link it.
	p = pg.applicants[4]
	i := len(p.emails)
	pg.address(p, privateLocal(m.r, p)+"m", "mobile.example.ne.jp")
	m = pg.msg("applicant-second-address", FolderInbox)
	t = m.text(locBody).add("携帯から失礼いたします。\n面接の時間を変更していただくことは可能でしょうか。\n\n",
		m.name(p, fKanji, "signature with the mobile of the résumé"), "\n携帯 ", m.tel(p, p.mobile, psDash), "\n")
	m.send(m.hdr(p, fKanji, i), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "面接時間の変更のお願い", m.leaf(t))
	p.addCase("second-address")

	// The owner forwards a résumé to the hiring manager: the owner sent a
	// message with 履歴書 in it and is still the owner.
	p = pg.applicants[5]
	m = pg.msg("applicant-forward", FolderSent)
	boss := pg.colleagues[2]
	t = m.text(locBody).add(boss.fam.kanji, "部長\n\n営業部の募集に応募がありました。履歴書を転送しますのでご確認ください。\n")
	m.ownerSig(t)
	name, data := m.resume(p)
	m.send(m.hdr(pg.owner, fKanji, 0), []addr{m.hdr(boss, fKanji, 0)}, nil, "Fw: 応募書類の送付", m.with(m.leaf(t), m.file(name, docxType, data)))
	pg.owner.addCase("owner-forwards-resume")
}

// customerMails: customers write from the listed address (kanji or Latin
// display name), from a new address, through the web form, and with their
// licence number; the owner answers some.
func (pg *pgen) customerMails() {
	cs := pg.customers // the rows used here have an address and a mobile (cast)
	// From the listed address, one of a namesake pair among them.
	for k, i := range []int{150, 31, 57, 88, 123, 201} {
		p := cs[i]
		m := pg.msg(fmt.Sprintf("customer-change-%d", k), FolderInbox)
		newAddr := homeAddress(m.r)
		t := m.text(locBody).add(pg.own.name, " 御中\n\n", m.name(p, fKanji, "signature of the sender"), "です。\n引っ越しのため、登録住所の変更をお願いします。\n\n新住所：", newAddr, "\n電話：", m.tel(p, p.phone(), psDash), "\n")
		m.touch(p, "address")
		m.send(m.hdr(p, fKanji, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "住所変更のお願い", m.leaf(t))
		r := pg.msg(fmt.Sprintf("customer-change-%d-reply", k), FolderSent)
		rt := r.text(locBody).add(r.name(p, fKanji, "salutation to the address"), " 様\n\n住所変更を承りました。\n")
		r.ownerSig(rt)
		r.send(r.hdr(pg.owner, fKanji, 0), []addr{r.hdr(p, fKanji, 0)}, nil, "Re: 住所変更のお願い", r.leaf(rt))
	}
	// Latin display name on the listed address; the body signs in kanji
	// with the address again.
	for k, i := range []int{42, 97, 260} {
		p := cs[i]
		m := pg.msg(fmt.Sprintf("customer-latin-%d", k), FolderInbox)
		t := m.text(locBody).add("お世話になっております。\n取引報告書の再発行をお願いできますでしょうか。\n\n",
			m.name(p, fKanji, "signature with the same address"), "\n", m.mail(p, p.email(), esPlain), "\n")
		m.send(m.hdr(p, []string{fLatin, fLatinUpper, fLatinComma}[k], 0), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "取引報告書の再発行", m.leaf(t))
		p.addCase("kanji-kana-latin")
	}
	// A new private address: the signature's name and listed mobile link
	// it to the row.
	for k, i := range []int{64, 177} {
		p := cs[i]
		j := len(p.emails)
		pg.address(p, privateLocal(pg.r, p)+"x", "freemail.example.com")
		m := pg.msg(fmt.Sprintf("customer-new-address-%d", k), FolderInbox)
		t := m.text(locBody).add("メールアドレスを変更しましたのでご連絡します。\n\n",
			m.name(p, fKanji, "signature with the listed mobile"), "\n携帯：", m.tel(p, p.mobile, psDash), "\nE-mail：", m.mail(p, p.emails[j], esPlain), "\n")
		m.send(m.hdr(p, fLatin, j), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "メールアドレス変更のお知らせ", m.leaf(t))
		p.addCase("new-address")
	}
	// The web form, sent by a noreply address.
	for k, i := range []int{12, 75, 140, 233} {
		p := cs[i]
		m := pg.msg(fmt.Sprintf("customer-form-%d", k), FolderInbox)
		t := m.text(locBody).add("お問い合わせフォームから以下の内容で送信されました。\n\n",
			"お名前：", m.name(p, fKanji, "web form with the address"), "\n",
			"フリガナ：", m.name(p, fKana, "web form with the address"), "\n",
			"メールアドレス：", m.mail(p, p.email(), esPlain), "\n",
			"電話番号：", m.tel(p, p.phone(), psDash), "\n",
			"お問い合わせ内容：NISAの口座について相談したいです。\n")
		m.send(m.role("みらいアセット お問い合わせフォーム", "noreply@"+pg.own.domain, "role"), []addr{m.role("", "info@"+pg.own.domain, "role"), m.hdr(pg.owner, "", 0)}, nil, "【お問い合わせ】Webフォーム", m.leaf(t))
	}
	// Identity documents by mail.
	for k, i := range []int{5, 111, 190} {
		p := cs[i]
		m := pg.msg(fmt.Sprintf("customer-kyc-%d", k), FolderInbox)
		p.licence = licenceNo(m.r)
		t := m.text(locBody).add("本人確認書類の件でご連絡します。\n運転免許証番号：", p.licence, "\n\n", m.name(p, fKanji, "signature of the sender"), "\n", m.tel(p, p.phone(), psDash), "\n")
		m.touch(p, "drivers_license")
		m.send(m.hdr(p, fKanji, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "本人確認書類について", m.leaf(t))
	}
}

// mailingList: posts of a mailing list. The list's address is in To and in
// its footer and is nobody; the posters are people; one of them is a
// counterparty's.
func (pg *pgen) mailingList() {
	const list, domain = "fintech-jp", "lists.example.org"
	listAddr := list + "@" + domain
	posters := append([]*pperson{}, pg.posters...)
	posters = append(posters, pg.staff[pg.counterCos[1]][1])
	subjects := []string{"勉強会のご案内", "資料を公開しました", "次回の開催日程", "アンケートのお願い", "懇親会のお知らせ", "発表者募集", "議事メモ", "書籍の紹介", "イベント報告", "新メンバーのご紹介", "資料の訂正", "年次総会のご案内"}
	for i := 0; i < 12; i++ {
		p := posters[i%len(posters)]
		m := pg.msg(fmt.Sprintf("list-%d", i), FolderInbox)
		m.extra = append(m.extra,
			field{"List-Id", "<" + list + "." + domain + ">"},
			field{"List-Post", "<mailto:" + listAddr + ">"},
			field{"List-Unsubscribe", "<mailto:" + list + "-request@" + domain + "?subject=unsubscribe>"},
			field{"Sender", list + "-bounces@" + domain},
			field{"Precedence", "list"})
		t := m.text(locBody).add("みなさま\n\n", subjects[i], "の件でご連絡します。詳細は下記をご覧ください。\n\n")
		if p.co.cat == catCounterparty {
			m.sig(t, p, sigShort)
		} else {
			m.sig(t, p, []int{sigBoxed, sigFull, sigShort}[i%3])
		}
		t.add("\n_______________________________________________\n", list, " mailing list\n", emailAddr(listAddr, esPlain), "\n配信停止: ",
			emailAddr(list+"-request@"+domain, esPlain), "\n")
		form := fKanji
		if i%2 == 1 {
			form = fLatin
		}
		m.role(list, listAddr, "list")
		m.role("", list+"-request@"+domain, "list")
		m.role("", list+"-bounces@"+domain, "list")
		m.send(m.hdr(p, form, 0), []addr{{name: list, email: listAddr, style: nsASCII}}, nil, fmt.Sprintf("[%s:%05d] %s", list, 120+i, subjects[i]), m.leaf(t))
		p.addCase("mailing-list-poster")
	}
}

// familyForms: two colleagues send their dependents' details, one in the
// body and one as a spreadsheet. The family members are people of their
// own; the employee's own row or block is the employee.
func (pg *pgen) familyForms() {
	link := "same block of the form"
	emp := pg.colleagues[3]
	m := pg.msg("family-body", FolderInbox)
	emp.birth, emp.myNumber = birthAfter(m.r, time.Date(1965, 1, 1, 0, 0, 0, 0, time.UTC), 25), myNumber(m.r)
	spouse, child := pg.relative(emp), pg.relative(emp)
	spouse.birth, spouse.myNumber = birthAfter(m.r, emp.birth.AddDate(-3, 0, 0), 6), myNumber(m.r)
	child.birth = birthAfter(m.r, emp.birth.AddDate(26, 0, 0), 10)
	t := m.text(locBody).add(pg.owner.fam.kanji, "さん\n\nお疲れさまです。", emp.fam.kanji, "です。\n扶養控除等申告書の内容をお送りします。\n\n",
		"【申告者】\n氏名：", m.name(emp, fKanji, "the form's 申告者 is the sender"), "\n生年月日：", birthText(m.r, emp.birth), "\n個人番号：", fourGroups(emp.myNumber), "\n\n",
		"【控除対象配偶者】\n氏名：", m.name(spouse, fKanji, link), "\n生年月日：", birthText(m.r, spouse.birth), "\n個人番号：", fourGroups(spouse.myNumber), "\n\n",
		"【扶養親族】\n氏名：", m.name(child, fKanji, link), "\n続柄：子\n生年月日：", birthText(m.r, child.birth), "\n\n")
	for _, p := range []*pperson{emp, spouse, child} {
		m.touch(p, "birth_date")
	}
	m.touch(emp, "my_number")
	m.touch(spouse, "my_number")
	m.touch(emp, "family") // 家族の個人名・続柄 are the employee's item
	emp.addCase("family-form-sender")
	spouse.addCase("family-member")
	child.addCase("family-member")
	m.sig(t, emp, sigShort)
	m.send(m.hdr(emp, fKanji, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "扶養控除等申告書", m.leaf(t))

	// As a spreadsheet: one row each, the employee's first.
	emp = pg.colleagues[4]
	m = pg.msg("family-xlsx", FolderInbox)
	const name, sheet = "家族状況届.xlsx", "家族"
	rlink := "same row of " + name
	emp.birth, emp.myNumber = birthAfter(m.r, time.Date(1965, 1, 1, 0, 0, 0, 0, time.UTC), 25), myNumber(m.r)
	fam := []*pperson{emp, pg.relative(emp), pg.relative(emp), pg.relative(emp)}
	var rows [][]string
	for i, p := range fam {
		if i > 0 {
			from, span := emp.birth.AddDate(-3, 0, 0), 6 // the spouse
			if i > 1 {
				from, span = emp.birth.AddDate(25+3*(i-2), 0, 0), 3 // the children
			}
			p.birth, p.myNumber = birthAfter(m.r, from, span), myNumber(m.r)
			p.addCase("family-member")
		}
		l := rlink
		if i == 0 {
			l = "the form's 本人 row is the sender"
		}
		rows = append(rows, []string{[]string{"本人", "配偶者", "子", "子"}[i], m.name(p, fKanji, l), m.name(p, fKana, l), birthText(m.r, p.birth), p.myNumber})
		m.touch(p, "birth_date")
		m.touch(p, "my_number")
	}
	m.touch(emp, "family") // 家族の個人名・続柄 are the employee's item
	emp.addCase("family-form-sender")
	data := xlsxFile(sheet, "家族状況届", []string{"続柄", "氏名", "フリガナ", "生年月日", "個人番号"}, rows)
	t = m.text(locBody).add(pg.owner.fam.kanji, "さん\n\n家族状況届を添付します。ご確認をお願いします。\n\n")
	m.sig(t, emp, sigShort)
	m.send(m.hdr(emp, fKanji, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "家族状況届の提出", m.with(m.leaf(t), m.file(name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data)))
}

// relative makes a family member of p: same family name, another given
// name.
func (pg *pgen) relative(p *pperson) *pperson {
	for {
		g := givenNamesKana[pg.r.IntN(len(givenNamesKana))]
		if !pg.full[p.fam.kanji+g.kanji] {
			return pg.newPerson(catOther, &[2]jname{p.fam, g})
		}
	}
}

// internalMails: memos between colleagues, a lawyer's mail, the owner's
// own notes.
func (pg *pgen) internalMails() {
	// A memo naming a customer of the list (no new person) and a former
	// colleague known by the name alone.
	from := pg.colleagues[5]
	cust := pg.customers[45]
	former := pg.newPerson(catOther, &[2]jname{{"小松", "コマツ", "Komatsu"}, {"健二", "ケンジ", "Kenji"}})
	former.addCase("name-only")
	cust.addCase("name-only-mention")
	m := pg.msg("memo-names", FolderInbox)
	t := m.text(locBody).add(pg.owner.fam.kanji, "さん\n\n本日、顧客の", m.name(cust, fKanji, "the same full name as the list's row, nothing else"),
		"様からお電話があり、折り返しを希望されています。\n\nなお、前任の", m.name(former, fKanji, "a full name alone"), "さんは3月末で退職されました。\n\n")
	m.sig(t, from, sigShort)
	m.send(m.hdr(from, fKanji, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "お電話のメモ", m.leaf(t))

	// The owner writes to two colleagues.
	m = pg.msg("owner-internal", FolderSent)
	a, b := pg.colleagues[6], pg.colleagues[7]
	t = m.text(locBody).add(a.fam.kanji, "さん\n\n来週の監査対応の会議室を予約しました。\n資料の準備をお願いします。\n")
	m.ownerSig(t)
	m.send(m.hdr(pg.owner, fKanji, 0), []addr{m.hdr(a, fKanji, 0)}, []addr{m.hdr(b, fKanji, 0)}, "監査対応の会議室", m.leaf(t))

	// A colleague's trip report.
	c := pg.colleagues[8]
	m = pg.msg("colleague-report", FolderInbox)
	t = m.text(locBody).add(pg.owner.fam.kanji, "課長\n\n大阪出張の報告書をお送りします。\n\n")
	m.sig(t, c, sigFull)
	m.send(m.hdr(c, fKanji, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "出張報告", m.leaf(t))

	// The firm's lawyer.
	l := pg.lawyer
	m = pg.msg("lawyer", FolderInbox)
	t = m.text(locBody)
	greeting(t, pg.owner, l)
	t.add("ご相談の件につき、意見書をお送りします。\n\n")
	m.sig(t, l, sigFull)
	m.send(m.hdr(l, fKanji, 0), []addr{m.hdr(pg.owner, fKanji, 0)}, nil, "意見書の送付", m.leaf(t))
}
