package mailgen

import (
	"fmt"

	"github.com/mailsift/mailsift/internal/piigen"
)

// piiCases adds messages whose bodies come from the labelled accuracy
// generator (internal/piigen): every kind of personal data the interface
// lists, so that the bundled sample shows passports, licences, My
// Numbers, bank accounts, birth dates and names. Labels with a value are
// copied; types labelled without one (gender, age, nationality) are not.
func (g *gen) piiCases(n int) {
	docs := piigen.Generate(uint64(g.opts.Seed)+100, n*3)
	k := 0
	for _, d := range docs {
		if k == n {
			break
		}
		if d.Negative || d.Field != locBody {
			continue
		}
		m := g.newMsg(fmt.Sprintf("pii-%02d", k), FolderInbox)
		k++
		w := g.w
		sender := w.pickJa(m.r, w.owner)
		body := m.text(locBody).add(d.Text)
		for _, l := range d.Labels {
			if l.Value != "" {
				m.label(l.Type, l.Value, locBody)
			}
		}
		m.exp.Subject = "ご登録内容の確認"
		m.finish(m.headers(m.from(of(sender, nsJIS)), m.addrs("header:To", of(w.owner, nsJIS)), "", bWord(csJIS, m.exp.Subject)),
			m.textLeaf("plain", csUTF8, "UTF-8", "base64", body))
	}
}
