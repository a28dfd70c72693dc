package title

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/names"
	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/detectors/internal/signature"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match.
const (
	// SignatureConfidence: department and title of a signature block that
	// has a name or contacts.
	SignatureConfidence = 0.9
	// LabelConfidence: after a 役職/所属/部署 label or in such a column.
	LabelConfidence = 0.85
)

const maxTitle = 150

// Detector finds departments and job titles in a person context only
// (signature block, label, column): "部長会議" in a body is no finding. A
// Detector keeps what it learns about signature lines across calls (see
// signature.Cache). The zero value is ready to use (without that cache)
// and safe for concurrent use.
type Detector struct {
	sig *signature.Cache
}

// New returns a title detector.
func New() *Detector { return &Detector{sig: signature.NewCache()} }

// NewUncached returns a detector that keeps nothing across Detect calls:
// it finds what New's detector finds, more slowly.
func NewUncached() *Detector { return &Detector{} }

// Name implements detectors.Detector.
func (*Detector) Name() string { return "title" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.Title} }

// sigCues are where signature blocks are looked for; labels announce a
// title. Both are the keywords.
var (
	sigCues = []string{"tel", "phone", "mobile", "fax", "mail", "@", "携帯", "電話", "〒", "--", "━━", "==", "──"}
	labels  = []string{"役職", "所属", "部署", "肩書", "職位", "title", "position", "department", "job"}
)

// cueSet finds the sigCues and the labels in one pass: word k is
// sigCues[k] below len(sigCues), a label above (read-only).
var cueSet = rule.NewCues(append(append([]string(nil), sigCues...), labels...)...)

// labelAt is an occurrence of labels[word] at pos.
type labelAt struct{ word, pos int }

// Keywords implements detectors.Detector: the title words. Every match
// holds one (signature.TitleKeywords), in a signature, after a label or
// in a column alike, so a text without them needs no look. The signature
// cues the scan starts from ("@", "mail", "tel") are in nearly every
// mail; title words are not (many bodies lack them).
func (*Detector) Keywords() []string { return signature.TitleKeywords() }

// MaxLen implements detectors.Detector.
func (*Detector) MaxLen() int { return maxTitle }

// Detect implements detectors.Detector. A department and a title on one
// line are one match ("第二営業部 課長").
func (d *Detector) Detect(t *detectors.Text) []detectors.Match {
	s := t.Norm
	if isTitleColumn(t.Column) {
		start, end := textscan.TrimSpan(s, 0, len(s))
		if end > start && end-start <= maxTitle && !strings.ContainsRune(s[start:end], '\n') && len(signature.FindTitles(s[start:end])) > 0 {
			return []detectors.Match{match(s, start, end, LabelConfidence)}
		}
		return nil
	}
	var ms []detectors.Match
	add := func(m detectors.Match) {
		for _, o := range ms {
			if o.Start < m.End && m.Start < o.End {
				return
			}
		}
		ms = append(ms, m)
	}
	// A title in a header display name ("Marketing Manager <info@…>",
	// "ISC Mailing List Manager <…>") names a role mailbox far more often
	// than a person's title (seen on SpamAssassin): headers give titles
	// only after a label.
	header := strings.HasPrefix(t.Field, "header:")
	sig := signature.For(t, d.sig) // parses each line and block once, shared
	// One pass: the lines near signature cues are the candidates (which
	// cue proposes a line first does not matter); labels are read after.
	var found []labelAt
	cueSet.Find(s, func(i, k int) {
		if k >= len(sigCues) {
			found = append(found, labelAt{k - len(sigCues), i})
			return
		}
		sig.LinesNear(i, func(ls, le int) {
			if header || !signature.MayHoldTitle(s[ls:le]) || headerLine(s[ls:le]) || !sig.MayHold(ls, le).Title {
				return // no block item on this line can be a title
			}
			for _, b := range sig.On(ls, le) {
				if b.Name.Text == "" && len(b.Phones)+len(b.Mobile)+len(b.Emails) == 0 || formBlock(s, b) {
					continue
				}
				d, tt := b.Department, b.Title
				switch {
				case d.In(ls, le) && tt.In(ls, le):
					add(match(s, min(d.Start, tt.Start), max(d.End, tt.End), SignatureConfidence))
				case d.In(ls, le):
					if teamDept(b) {
						continue
					}
					add(match(s, d.Start, d.End, SignatureConfidence))
				case tt.In(ls, le):
					add(match(s, tt.Start, tt.End, SignatureConfidence))
				}
			}
		})
	})
	// Labels one word after the other: where two values overlap, the
	// first label in that order wins.
	slices.SortStableFunc(found, func(a, b labelAt) int { return a.word - b.word })
	for _, l := range found {
		if m, ok := labelValue(s, l.pos, l.pos+len(labels[l.word])); ok {
			add(m)
		}
	}
	for i := 1; i < len(ms); i++ {
		for k := i; k > 0 && ms[k].Start < ms[k-1].Start; k-- {
			ms[k], ms[k-1] = ms[k-1], ms[k]
		}
	}
	return ms
}

// labelValue reads "役職：課長" after the label at s[start:end]; the value
// must hold a known department or title.
func labelValue(s string, start, end int) (detectors.Match, bool) {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:start])
		if !strings.ContainsRune("\n \t■□◆◇●○・*[【|", r) {
			return detectors.Match{}, false
		}
	}
	i := end
	if strings.HasPrefix(s[i:], "部署") { // 所属部署
		i += len("部署")
	}
	sep := false
	for i < len(s) {
		switch {
		case s[i] == ':' || s[i] == '\t':
			sep = true
			i++
		case s[i] == ' ':
			i++
		case strings.HasPrefix(s[i:], "】"):
			sep = true
			i += len("】")
		default:
			goto value
		}
	}
value:
	if !sep {
		return detectors.Match{}, false
	}
	j := len(s)
	if k := strings.IndexByte(s[i:], '\n'); k >= 0 {
		j = i + k
	}
	vs, ve := textscan.TrimSpan(s, i, j)
	if vs >= ve || ve-vs > maxTitle {
		return detectors.Match{}, false
	}
	sp := signature.FindTitles(s[vs:ve])
	if len(sp) == 0 {
		return detectors.Match{}, false
	}
	return match(s, vs+sp[0].Start, vs+sp[len(sp)-1].End, LabelConfidence), true
}

func match(s string, start, end int, conf float64) detectors.Match {
	start, end = textscan.TrimSpan(s, start, end)
	return detectors.Match{Type: pii.Title, Start: start, End: end, Value: s[start:end], Confidence: conf}
}

func isTitleColumn(col string) bool {
	c := strings.ToLower(strings.TrimSpace(col))
	if c == "" {
		return false
	}
	for _, w := range []string{"役職", "所属", "部署", "肩書", "職位", "title", "position", "department", "job"} {
		if strings.Contains(c, w) {
			return true
		}
	}
	return false
}

// headerLine reports a header line quoted in a text (a bounce's copy of
// the original header, a forwarded message): its display names name
// mailboxes, as in a header field, so it gives no title ("From:
// \"officer\" <officer@example.jp>", "To: Tax Division <tax@…>").
func headerLine(l string) bool {
	l = strings.TrimLeft(l, " \t>")
	for _, h := range []string{"from:", "to:", "cc:", "bcc:", "reply-to:", "sender:", "subject:", "sent:", "date:",
		"差出人:", "宛先:", "件名:", "送信者:", "送信日時:"} {
		if textscan.HasPrefixFold(l, h) {
			return true
		}
	}
	return false
}

// teamDept reports whether the department of block b, which has no
// title, is signed for by no one: there is no name nor personal address
// ("株式会社サンプル 営業部 / TEL … / info@…"), or an English block
// starts with it ("Best regards, / Sales Department / Cheap Smoking
// Spain"), where a person's signature starts with their name. A
// department is a person's only beside a person.
func teamDept(b signature.Block) bool {
	if b.Title.Text != "" {
		return false
	}
	if b.Name.Text == "" {
		// No name: a person's address still makes it someone's (an
		// author block whose name stands above a blank line).
		for _, e := range b.Emails {
			if at := strings.IndexByte(e.Text, '@'); at > 0 && !names.IsRole(strings.Trim(e.Text[:at], "0123456789")) {
				return false
			}
		}
		return true
	}
	d := b.Department
	return d.Text[0] < utf8.RuneSelf && d.Start == b.Start && b.Name.Start > d.Start
}

// formBlock reports whether block b of s is a form to fill in, not a
// signature: a contact label with nothing after it ("E-mail:", "Phone:
// "). Its titles are options to choose from ("Personal Producer /
// Manager").
func formBlock(s string, b signature.Block) bool {
	formLabels := [...]string{"e-mail", "email", "mail", "phone", "tel", "telephone", "fax", "mobile", "name", "full name",
		"company", "address", "メール", "電話", "電話番号", "携帯", "住所", "氏名", "お名前", "会社名"}
	for rest := s[b.Start:b.End]; rest != ""; {
		l := rest
		if k := strings.IndexByte(rest, '\n'); k >= 0 {
			l, rest = rest[:k], rest[k+1:]
		} else {
			rest = ""
		}
		l = strings.TrimRight(strings.TrimLeft(l, " \t>"), " \t")
		if len(l) < 3 || len(l) > 16 || l[len(l)-1] != ':' {
			continue
		}
		l = strings.TrimRight(l[:len(l)-1], " \t")
		for _, w := range formLabels {
			if strings.EqualFold(l, w) {
				return true
			}
		}
	}
	return false
}
