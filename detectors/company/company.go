package company

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/detectors/internal/signature"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match.
const (
	// SignatureConfidence: a company line of a signature block.
	SignatureConfidence = 0.9
	// LabelConfidence: a legal-entity name after a 会社名/勤務先 label or in
	// such a column.
	LabelConfidence = 0.9
	// ColumnConfidence: a cell of a company column without a legal form.
	ColumnConfidence = 0.7
)

const maxCompany = 150

// Detector finds organisation names in a person context only: a signature
// block, a 会社名/法人名/勤務先/Company label, or such a table column. A
// company named in running text ("株式会社サンプルの新製品") is no finding:
// it says nothing about a person. A Detector keeps what it learns about
// signature lines across calls (see signature.Cache). The zero value is
// ready to use (without that cache) and safe for concurrent use.
type Detector struct {
	sig *signature.Cache
}

// New returns a company detector.
func New() *Detector { return &Detector{sig: signature.NewCache()} }

// NewUncached returns a detector that keeps nothing across Detect calls:
// it finds what New's detector finds, more slowly.
func NewUncached() *Detector { return &Detector{} }

// Name implements detectors.Detector.
func (*Detector) Name() string { return "company" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.Company} }

// legalWords mark an organisation name; each is a keyword, so that every
// match holds one (the match is the name with its legal form).
var legalWords = []string{
	"株式会社", "(株)", "有限会社", "合同会社", "合資会社", "合名会社", "(有)", "法人", "銀行", "信用金庫",
	"信用組合", "証券", "保険", "事務所", "協会", "inc", "ltd", "llc", "corp", "co.", "gmbh", "k.k.", "limited",
	"plc", "llp",
}

// labels announce the company of a person.
var labels = []string{"会社名", "法人名", "勤務先", "企業名", "所属会社", "事業者名", "company", "organization", "employer"}

// cueSet finds the legalWords and the labels in one pass: word k is
// legalWords[k] below len(legalWords), a label above (read-only).
var cueSet = rule.NewCues(append(append([]string(nil), legalWords...), labels...)...)

// labelAt is an occurrence of labels[word] at pos.
type labelAt struct{ word, pos int }

// Keywords implements detectors.Detector.
func (*Detector) Keywords() []string { return append(append([]string(nil), legalWords...), labels...) }

// MaxLen implements detectors.Detector.
func (*Detector) MaxLen() int { return maxCompany }

// Detect implements detectors.Detector.
func (d *Detector) Detect(t *detectors.Text) []detectors.Match {
	s := t.Norm
	if isCompanyColumn(t.Column) {
		start, end := textscan.TrimSpan(s, 0, len(s))
		if end-start == 0 || end-start > maxCompany || strings.ContainsRune(s[start:end], '\n') {
			return nil
		}
		if sp, ok := signature.FindCompany(s[start:end]); ok {
			return []detectors.Match{match(s, start+sp.Start, start+sp.End, LabelConfidence)}
		}
		if !strings.ContainsAny(s[start:end], "0123456789@") {
			return []detectors.Match{match(s, start, end, ColumnConfidence)}
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
	// One pass: the lines that hold a legal word are the candidates
	// (which word proposes a line first does not matter); labels are read
	// after.
	sig := signature.For(t, d.sig) // parses each line and block once, shared
	seen := -1                     // start of the last line looked at
	var found []labelAt
	cueSet.Find(s, func(i, k int) {
		if k >= len(legalWords) {
			found = append(found, labelAt{k - len(legalWords), i})
			return
		}
		ls, le := sig.Line(i)
		if ls == seen {
			return
		}
		seen = ls
		if le-ls > signature.MaxLine || !sig.MayHold(ls, le).Company {
			return
		}
		for _, b := range sig.On(ls, le) {
			if b.Company.In(ls, le) && (b.Name.Text != "" || len(b.Phones)+len(b.Mobile)+len(b.Emails) > 0) {
				add(match(s, b.Company.Start, b.Company.End, SignatureConfidence))
			}
		}
	})
	// Labels one word after the other: where two values overlap, the
	// first label in that order wins.
	slices.SortStableFunc(found, func(a, b labelAt) int { return a.word - b.word })
	for _, l := range found {
		if m, ok := labelValue(s, l.pos, l.pos+len(labels[l.word])); ok {
			add(m)
		}
	}
	sortMatches(ms)
	return ms
}

// labelValue reads "会社名：株式会社サンプル" after the label at s[start:end].
func labelValue(s string, start, end int) (detectors.Match, bool) {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:start])
		if !strings.ContainsRune("\n \t■□◆◇●○・*[【|", r) {
			return detectors.Match{}, false
		}
	}
	i := end
	sep := false
	for i < len(s) && (s[i] == ' ' || s[i] == ':' || s[i] == '\t' || strings.HasPrefix(s[i:], "】")) {
		if s[i] != ' ' {
			sep = true
		}
		if s[i] == 0xE3 {
			i += len("】")
			continue
		}
		i++
	}
	if !sep {
		return detectors.Match{}, false
	}
	j := i
	if k := strings.IndexByte(s[i:], '\n'); k >= 0 {
		j = i + k
	} else {
		j = len(s)
	}
	if j-i > maxCompany {
		return detectors.Match{}, false
	}
	vs, ve := textscan.TrimSpan(s, i, j)
	if vs >= ve {
		return detectors.Match{}, false
	}
	if sp, ok := signature.FindCompany(s[vs:ve]); ok {
		return match(s, vs+sp.Start, vs+sp.End, LabelConfidence), true
	}
	return detectors.Match{}, false
}

func match(s string, start, end int, conf float64) detectors.Match {
	start, end = textscan.TrimSpan(s, start, end)
	return detectors.Match{Type: pii.Company, Start: start, End: end, Value: s[start:end], Confidence: conf}
}

func isCompanyColumn(col string) bool {
	c := strings.ToLower(strings.TrimSpace(col))
	if c == "" {
		return false
	}
	for _, w := range []string{"会社名", "法人名", "勤務先", "企業名", "取引先名", "所属会社", "company", "organization", "organisation", "employer"} {
		if strings.Contains(c, w) {
			return true
		}
	}
	return false
}

func sortMatches(ms []detectors.Match) {
	for i := 1; i < len(ms); i++ {
		for k := i; k > 0 && ms[k].Start < ms[k-1].Start; k-- {
			ms[k], ms[k-1] = ms[k-1], ms[k]
		}
	}
}
