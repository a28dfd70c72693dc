package mailgen

import (
	"math/rand/v2"
	"strings"
	"time"
)

// pmsg is one message of the people corpus: a msgb that also records, for
// every person it writes about, what it reveals.
type pmsg struct {
	*msgb
	pg  *pgen
	enc sendEncoding
}

// msg starts a message; dates advance through a year of office hours.
func (pg *pgen) msg(slug, folder string) *pmsg {
	r := pg.g.rand("people/" + slug)
	d := pg.clock.Add(time.Duration(2+r.IntN(30))*time.Hour + time.Duration(r.IntN(3600))*time.Second)
	if d.Hour() < 8 || d.Hour() >= 19 || d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = time.Date(d.Year(), d.Month(), d.Day()+1, 8+r.IntN(3), r.IntN(60), r.IntN(60), 0, jst)
		for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			d = d.AddDate(0, 0, 1)
		}
	}
	pg.clock = d
	m := &pmsg{msgb: pg.g.start(r, slug, folder, d), pg: pg}
	m.enc = pickEncoding(r, japaneseEncodings)
	return m
}

// touch records that the message reveals an item of p.
func (m *pmsg) touch(p *pperson, typ string) {
	p.items[typ] = true
	p.msgs[m.exp.MessageID] = true
}

// Name forms.
const (
	fKanji      = "kanji"       // 西村 直人
	fKanjiTight = "kanji-tight" // 西村直人
	fKana       = "kana"        // ニシムラ ナオト
	fLatin      = "latin"       // Naoto Nishimura
	fLatinUpper = "latin-upper" // NISHIMURA Naoto
	fLatinComma = "latin-comma" // Nishimura, Naoto
)

// name writes p's name in a form and records it with what links it.
func (m *pmsg) name(p *pperson, form, link string) string {
	var s, class string
	switch form {
	case fKanji:
		s, class = p.kanji(), "kanji"
	case fKanjiTight:
		s, class = p.kanjiTight(), "kanji"
	case fKana:
		s, class = p.kana(), "kana"
	case fLatin:
		s, class = p.roman(), "latin"
	case fLatinUpper:
		s, class = p.romanUpper(), "latin"
	case fLatinComma:
		s, class = p.fam.romaji+", "+p.giv.romaji, "latin"
	default:
		panic("mailgen: name form " + form)
	}
	if p.latin != "" {
		class = "latin"
	}
	m.touch(p, "person_name")
	known := false
	for _, n := range p.names {
		known = known || (n.Form == class && n.Text == s)
	}
	if !known {
		p.names = append(p.names, TruthName{Form: class, Text: s, Link: link})
	}
	return s
}

// mail writes one of p's addresses in text.
func (m *pmsg) mail(p *pperson, addr string, s emailStyle) pii {
	m.touchEmail(p, addr)
	return emailAddr(addr, s)
}

func (m *pmsg) touchEmail(p *pperson, addr string) {
	m.touch(p, "email")
	p.items["email:"+addr] = true
}

// tel writes a number in text as one of p's.
func (m *pmsg) tel(p *pperson, ph phone, s phoneStyle) pii {
	m.touch(p, "phone")
	p.items["phone:"+ph.e164()] = true
	return tel(ph, s)
}

// cell is a labelled value written outside a text part (a table cell,
// a form field of a document) at loc.
func (m *pmsg) cell(loc string, v pii) string {
	m.label(v.typ, v.value, loc)
	return v.text
}

// hdr is p as an address in a header: display name in form ("" for a
// bare address) and the address emails[i].
func (m *pmsg) hdr(p *pperson, form string, i int) addr {
	a := addr{email: p.emails[i], style: m.enc.names}
	m.touchEmail(p, p.emails[i])
	if form == "" {
		a.style = nsBare
		return a
	}
	a.name = m.name(p, form, "display name of "+p.emails[i])
	if form != fKanji && form != fKanjiTight && form != fKana {
		a.style = nsASCII
	}
	return a
}

// role is an address that is no person.
func (m *pmsg) role(name, email, kind string) addr {
	known := false
	for _, r := range m.pg.roles {
		known = known || r.Email == email
	}
	if !known {
		m.pg.roles = append(m.pg.roles, TruthRole{Email: email, Kind: kind})
	}
	st := m.enc.names
	if name == "" {
		st = nsBare
	} else if isASCII(name) {
		st = nsASCII
	}
	return addr{name: name, email: email, style: st}
}

// leaf is the text part in the message's encoding.
func (m *pmsg) leaf(t *text) *part { return m.ordinaryLeaf(m.enc, t) }

// send writes the headers and finishes the message.
func (m *pmsg) send(from addr, to, cc []addr, subject string, body *part) {
	m.exp.Subject = subject
	var ccs string
	if len(cc) > 0 {
		ccs = m.addrs("header:Cc", cc...)
	}
	m.finish(m.headers(m.from(from), m.addrs("header:To", to...), ccs, m.subjectHeader(m.enc, subject)), body)
}

// with attaches parts to a body.
func (m *pmsg) with(body *part, atts ...*part) *part {
	return newMultipart("mixed", m.boundary(m.r.IntN(3)), append([]*part{body}, atts...)...)
}

// file is a binary attachment with an RFC 2231 file name.
func (m *pmsg) file(name, contentType string, data []byte) *part {
	return m.binary("attachment:"+name, contentType, "attachment;\r\n "+param2231("filename", csUTF8, name), data)
}

// Signature styles.
const (
	sigFull  = iota // company, department and title, name, address, phones, mail
	sigBoxed        // company and department, name (romaji), switchboard, direct line, mail
	sigStars        // company, title and name, address, switchboard, mobile, mail
	sigShort        // name (company), mobile, mail
	numSigStyles
)

// sig appends p's signature in a style; English speakers and English mail
// get the English one.
func (m *pmsg) sig(t *text, p *pperson, style int) {
	if p.latin != "" || p.co.english {
		m.sigEn(t, p)
		return
	}
	m.sigJa(t, p, style)
}

// sigJa appends a Japanese signature.
func (m *pmsg) sigJa(t *text, p *pperson, style int) {
	c := p.co
	link := "signature block"
	own := p.phone()
	switch style {
	case sigFull:
		t.add("--\n")
		m.org(t, p, "\n")
		t.add(m.name(p, fKanji, link), "\n", neg{"phone", c.postal}, " ", c.address, "\n")
		m.touch(p, "address")
		t.add("TEL: ", m.tel(p, p.direct, psDash), " / FAX: ", m.tel(p, c.fax, psDash), "\n")
		if p.mobile != (phone{}) {
			t.add("携帯: ", m.tel(p, p.mobile, pickStyle(m.r)), "\n")
		}
		t.add("E-mail: ", m.mail(p, p.work(), esPlain), "\n")
	case sigBoxed:
		t.add("━━━━━━━━━━━━━━━━━━━━━━━━\n", " ", c.name)
		m.touch(p, "company")
		if p.dept != "" {
			t.add(" ", p.dept)
			m.touch(p, "title")
		}
		t.add("\n ", m.name(p, fKanji, link), "（", m.name(p, fLatin, "same signature block as the kanji name"), "）\n",
			" ＴＥＬ：", m.tel(p, c.main, psFullWidth), "（代表）\n",
			" 直通：", m.tel(p, p.direct, psParen), "\n",
			" Mail：", m.mail(p, p.work(), pickEmailStyle(m.r)), "\n",
			"━━━━━━━━━━━━━━━━━━━━━━━━\n")
	case sigStars:
		t.add("****************************\n")
		m.org(t, p, "　")
		t.add(m.name(p, fKanji, link), "\n", neg{"phone", c.postal}, "\n", c.address, "\n")
		m.touch(p, "address")
		t.add("Tel ", m.tel(p, c.main, psIntlSpace), "\n")
		if p.mobile != (phone{}) {
			t.add("Mobile ", m.tel(p, p.mobile, psIntlDash), "\n")
		}
		t.add(m.mail(p, p.work(), esPlain), "\n", "****************************\n")
	default:
		t.add("--\n", m.name(p, fKanji, link), "（", c.name, "）\n")
		m.touch(p, "company")
		label := "携帯 "
		if own == p.direct {
			label = "TEL "
		}
		t.add(label, m.tel(p, own, psFullChoon), " ／ ", m.mail(p, p.work(), esPlain), "\n")
	}
}

// org writes p's company on a line and, when p has them, department and
// title followed by sep.
func (m *pmsg) org(t *text, p *pperson, sep string) {
	t.add(p.co.name, "\n")
	m.touch(p, "company")
	if role := strings.TrimSpace(p.dept + " " + p.title); role != "" {
		t.add(role, sep)
		m.touch(p, "title")
	}
}

// sigEn appends an English signature.
func (m *pmsg) sigEn(t *text, p *pperson) {
	c := p.co
	t.add("--\n", m.name(p, fLatin, "signature block"), "\n")
	if p.titleEn != "" {
		t.add(p.titleEn, ", ")
		m.touch(p, "title")
	}
	t.add(c.nameEn, "\n")
	m.touch(p, "company")
	if c.addressEn != "" {
		// An English address without a label: not what the address
		// detector reports.
		t.add(c.addressEn, " ", neg{"phone", c.postal[len("〒"):]}, "\n")
	}
	t.add("Tel: ", m.tel(p, p.direct, psIntlSpace))
	if p.mobile != (phone{}) {
		t.add(" | Mobile: ", m.tel(p, p.mobile, psIntlDash))
	}
	t.add("\n", "Email: ", m.mail(p, p.work(), esPlain), "\n")
}

// quote appends a quoted earlier message of p (with p's signature) to t.
func (m *pmsg) quote(t *text, p *pperson, said string, style int, english bool) {
	q := m.text(t.loc)
	q.add(said)
	m.sig(q, p, style)
	prev := m.date.Add(-time.Duration(2+m.r.IntN(48)) * time.Hour)
	if english {
		t.add("\nOn ", prev.Format("Mon, Jan 2, 2006 at 15:04"), ", ", m.name(p, fLatin, "quoted header line with the address"), " <", m.mail(p, p.work(), esPlain), "> wrote:\n")
	} else {
		t.add("\n", prev.Format("2006年1月2日 15:04"), " ", m.name(p, fKanji, "quoted header line with the address"), " <", m.mail(p, p.work(), esPlain), ">:\n")
	}
	for _, l := range strings.SplitAfter(strings.TrimSuffix(q.String(), "\n"), "\n") {
		t.add("> ", l)
	}
	t.add("\n")
}

// greeting opens a Japanese business mail to p from sender.
func greeting(t *text, to *pperson, from *pperson) {
	if to.co != nil {
		t.add(to.co.name, "\n")
	}
	t.add(to.fam.kanji, " 様\n\nいつもお世話になっております。\n")
	if from.co != nil && from.latin == "" {
		t.add(from.co.name, "の", from.fam.kanji, "です。\n\n")
	}
}

// pick returns one of xs.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
