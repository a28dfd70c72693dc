package mailgen

import "math/rand/v2"

// signature appends a Japanese mail signature for p, in one of several
// house styles, with its numbers written in varied forms.
func signature(t *text, r *rand.Rand, p *person) {
	c := p.company
	if p.english {
		signatureEn(t, r, p)
		return
	}
	name := p.family + " " + p.given
	role := p.dept
	if p.title != "" {
		role += " " + p.title
	}
	switch r.IntN(4) {
	case 0:
		t.add("--\n", c.name, "\n", role, "\n", name, "\n",
			neg{"phone", c.postal}, " ", c.address, "\n",
			"TEL: ", tel(p.direct, psDash), " / FAX: ", tel(c.fax, psDash), "\n",
			"携帯: ", tel(p.mobile, pickStyle(r)), "\n",
			"E-mail: ", emailAddr(p.email, esPlain), "\n")
	case 1:
		t.add("━━━━━━━━━━━━━━━━━━━━━━━━\n",
			" ", c.name, " ", p.dept, "\n",
			" ", name, "（", p.romaji(), "）\n",
			" ＴＥＬ：", tel(c.main, psFullWidth), "（代表）\n",
			" 直通：", tel(p.direct, psParen), "\n",
			" Mail：", emailAddr(p.email, pickEmailStyle(r)), "\n",
			"━━━━━━━━━━━━━━━━━━━━━━━━\n")
	case 2:
		t.add("****************************\n",
			c.name, "\n", role, "　", name, "\n",
			neg{"phone", c.postal}, "\n", c.address, "\n",
			"Tel ", tel(c.main, psIntlSpace), "\n",
			"Mobile ", tel(p.mobile, psIntlDash), "\n",
			emailAddr(p.email, esPlain), "\n",
			"****************************\n")
	default:
		t.add("--\n", name, "（", c.name, "）\n",
			"携帯 ", tel(p.mobile, psFullChoon), " ／ ", emailAddr(p.email, esPlain), "\n")
	}
}

// signatureEn appends an English signature.
func signatureEn(t *text, r *rand.Rand, p *person) {
	c := p.company
	t.add("--\n", p.romaji(), "\n")
	if p.titleEn != "" {
		t.add(p.titleEn, ", ")
	}
	t.add(c.nameEn, "\n")
	if r.IntN(2) == 0 {
		t.add(c.addressEn, " ", neg{"phone", c.postal[len("〒"):]}, "\n")
	}
	t.add("Tel: ", tel(p.direct, psIntlSpace), " | Mobile: ", tel(p.mobile, []phoneStyle{psIntlDash, psDash, psDots, psSpaces}[r.IntN(4)]), "\n",
		"Email: ", emailAddr(p.email, esPlain), "\n")
}

// pickStyle draws any phone style.
func pickStyle(r *rand.Rand) phoneStyle { return phoneStyle(r.IntN(int(numPhoneStyles))) }

// pickEmailStyle draws any e-mail style.
func pickEmailStyle(r *rand.Rand) emailStyle { return emailStyle(r.IntN(int(numEmailStyles))) }
