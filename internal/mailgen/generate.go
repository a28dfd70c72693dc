package mailgen

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"time"
)

// Folders used by the generator.
const (
	FolderInbox   = "INBOX"
	FolderSent    = "Sent"
	FolderArchive = "Archive.2023"
)

// locBody is the location of inline text.
const locBody = "body"

// jst is Japan Standard Time; every generated date is in it.
var jst = time.FixedZone("JST", 9*60*60)

// Generate builds the corpus for opts. It is deterministic: the same opts
// give the same messages, byte for byte.
func Generate(opts Options) *Corpus {
	g := &gen{opts: opts, slugs: map[string]bool{}}
	g.w = newWorld(g.rand("world"))
	g.matrix()
	g.headerCases()
	g.structures()
	if opts.Attachments {
		g.officeCases()
	}
	if opts.Bombs {
		g.bombs()
	}
	if opts.PII > 0 {
		g.piiCases(opts.PII)
	}
	if opts.Scans > 0 {
		g.scans(opts.Scans)
	}
	if opts.Hostile {
		g.hostile()
	}
	for i := 0; i < opts.Messages; i++ {
		g.ordinary(i)
	}
	width := max(4, len(fmt.Sprint(len(g.out))))
	for i, m := range g.out {
		m.Name = fmt.Sprintf("%0*d-%s.eml", width, i+1, m.Name)
	}
	return &Corpus{Messages: g.out}
}

// gen holds one Generate run.
type gen struct {
	opts  Options
	w     *world
	out   []*Message
	slugs map[string]bool
}

// rand returns the random stream named stream: each message draws from its
// own stream, so adding a case does not change the others.
func (g *gen) rand(stream string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(stream))
	return rand.New(rand.NewPCG(uint64(g.opts.Seed), h.Sum64()))
}

// msgb builds one message.
type msgb struct {
	g      *gen
	r      *rand.Rand
	slug   string
	folder string
	date   time.Time
	exp    Expect
	seen   map[Label]bool
	extra  []field // headers added after the standard ones
}

// fixedDate places the fixed cases a day apart from March 2024 (2023 for
// the archive), in office hours.
func (g *gen) fixedDate(r *rand.Rand, folder string) time.Time {
	year := 2024
	if folder == FolderArchive {
		year = 2023
	}
	t := time.Date(year, 3, 1, 9, 0, 0, 0, jst).AddDate(0, 0, len(g.out))
	return t.Add(time.Duration(r.IntN(10*3600)) * time.Second)
}

// newMsg starts a fixed-case message; slug becomes part of its name.
func (g *gen) newMsg(slug, folder string) *msgb {
	r := g.rand("case/" + slug)
	return g.start(r, slug, folder, g.fixedDate(r, folder))
}

// start starts a message with its own random stream and date.
func (g *gen) start(r *rand.Rand, slug, folder string, date time.Time) *msgb {
	if g.slugs[slug] {
		panic("mailgen: duplicate case " + slug)
	}
	g.slugs[slug] = true
	m := &msgb{g: g, r: r, slug: slug, folder: folder, date: date, seen: map[Label]bool{}}
	m.exp.MessageID = fmt.Sprintf("%s.%016x@mailgen.example.jp", date.Format("20060102150405"), r.Uint64())
	m.exp.Date = date.Format(time.RFC3339)
	m.exp.Parts = []ExpectPart{}
	m.exp.Labels = []Label{}
	return m
}

// label records a piece of PII once per type, value and location.
func (m *msgb) label(typ, value, loc string) {
	l := Label{Type: typ, Value: value, Location: loc}
	if !m.seen[l] {
		m.seen[l] = true
		m.exp.Labels = append(m.exp.Labels, l)
	}
}

// negative records a planted look-alike.
func (m *msgb) negative(typ, text, loc string) {
	m.exp.Negatives = append(m.exp.Negatives, Negative{Type: typ, Text: text, Location: loc})
}

// text starts a text part at loc.
func (m *msgb) text(loc string) *text { return &text{m: m, loc: loc} }

// expect appends an expected leaf.
func (m *msgb) expect(p ExpectPart) { m.exp.Parts = append(m.exp.Parts, p) }

// textLeaf encodes t in cs with the given label and transfer encoding, and
// expects its exact text. label "" omits the charset parameter.
func (m *msgb) textLeaf(subtype string, cs charset, label, cte string, t *text) *part {
	s := t.String()
	m.expect(ExpectPart{Location: t.loc, ContentType: "text/" + subtype, Charset: cs.name, Text: s})
	return leaf(textType(subtype, label), cte, cs.mustEncode(s))
}

// addr is a mailbox as written in an address header.
type addr struct {
	name  string // decoded display name, "" for none
	email string // as written in the header
	style nameStyle
}

// nameStyle is a way of writing a display name.
type nameStyle int

const (
	nsJIS       nameStyle = iota // =?ISO-2022-JP?B?...?= <a@b>
	nsUTF8B                      // =?UTF-8?B?...?= <a@b>
	nsUTF8Q                      // =?utf-8?Q?...?= <a@b>
	nsSJISB                      // =?Shift_JIS?B?...?= <a@b>
	nsQuotedJIS                  // "=?ISO-2022-JP?B?...?=" <a@b> (not allowed, common)
	nsRaw                        // "山田 太郎" <a@b>, raw UTF-8 (RFC 6532)
	nsASCII                      // "John Smith" <a@b>
	nsBare                       // a@b
)

// of makes an addr for a person, written in style ns. English speakers'
// names are written as plain ASCII phrases whatever ns says (except bare).
func of(p *person, ns nameStyle) addr {
	name := p.fullName()
	if p.english && ns != nsBare {
		ns = nsASCII
	}
	if ns == nsASCII {
		name = p.romaji()
	}
	return addr{name: name, email: p.email, style: ns}
}

// String writes the mailbox.
func (a addr) String() string {
	if a.name == "" || a.style == nsBare {
		return a.email
	}
	var n string
	switch a.style {
	case nsJIS:
		n = bWord(csJIS, a.name)
	case nsUTF8B:
		n = bWord(csUTF8, a.name)
	case nsUTF8Q:
		n = qWord(csUTF8low, a.name)
	case nsSJISB:
		n = bWord(csSJIS, a.name)
	case nsQuotedJIS:
		n = `"` + bWord(csJIS, a.name) + `"`
	default:
		n = `"` + a.name + `"`
	}
	return n + " <" + a.email + ">"
}

// addrs writes an address list and labels every address at loc
// ("header:To"; "attachment:X/header:To" inside a forwarded message).
func (m *msgb) addrs(loc string, list ...addr) string {
	var s []string
	for _, a := range list {
		s = append(s, a.String())
		m.label("email", strings.ToLower(a.email), loc)
	}
	return strings.Join(s, ",\r\n ")
}

// from writes the From header value and sets the expected sender.
func (m *msgb) from(a addr) string {
	m.exp.FromAddr = a.email
	if a.style != nsBare {
		m.exp.FromName = a.name
	}
	return m.addrs("header:From", a)
}

// headers returns the standard top-level header fields. cc may be empty.
func (m *msgb) headers(from, to, cc, subject string) []field {
	h := []field{
		{"Date", m.date.Format("Mon, 02 Jan 2006 15:04:05 -0700")},
		{"From", from},
		{"To", to},
	}
	if cc != "" {
		h = append(h, field{"Cc", cc})
	}
	h = append(h,
		field{"Subject", subject},
		field{"Message-ID", "<" + m.exp.MessageID + ">"},
	)
	h = append(h, m.extra...)
	h = append(h, field{"MIME-Version", "1.0"})
	return h
}

// finish puts the top-level header fields in front of the body entity's
// own and adds the message to the corpus.
func (m *msgb) finish(hdr []field, body *part) {
	top := *body
	top.hdr = append(append([]field{}, hdr...), body.hdr...)
	raw := top.bytes()
	if !bytes.HasSuffix(raw, []byte("\r\n")) || bytes.HasSuffix(raw, []byte("\r\n\r\n")) {
		panic("mailgen: " + m.slug + " does not end with exactly one CRLF")
	}
	m.g.out = append(m.g.out, &Message{
		Name:   m.slug,
		Folder: m.folder,
		Date:   m.date,
		Raw:    raw,
		Expect: m.exp,
	})
}
