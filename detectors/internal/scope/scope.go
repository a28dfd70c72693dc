// Package scope decides whose a phone number or a postal address is (the
// Scope of a detectors.Match): a person's own or a company's, from the
// words that label it and the block of lines it stands in. The phone and
// address detectors share it; each has its own words.
package scope

import (
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/signature"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// Words are the words that say a scope: Personal ones (携帯, 自宅, Home)
// and Business ones (代表, 勤務先, Office). Gap is what may stand between
// such a word and the value it labels besides the runes of Separators:
// the value's own label words ("電話番号", "住所").
type Words struct {
	Personal, Business *textscan.Words
	Separators         string
	Gap                []string
}

// Last returns the scope of the word that ends last in s, the longer one
// at one end ("会社携帯" is business where "携帯" is personal), and where
// it ends; "", -1 if s holds none.
func (ws *Words) Last(s string) (string, int) {
	ps, pe := ws.Personal.Last(s)
	bs, be := ws.Business.Last(s)
	switch {
	case pe < 0 && be < 0:
		return "", -1
	case be > pe || be == pe && bs <= ps:
		return detectors.ScopeBusiness, be
	}
	return detectors.ScopePersonal, pe
}

// Label returns the scope of the word that labels a value which window
// (the text before the value) ends with: the last scope word of window,
// followed only by separators and gap words. When lines is 1 the word
// must stand on the value's line; when 2, it may stand on the line
// before ("現住所\n東京都…").
func (ws *Words) Label(window string, lines int) string {
	w := window
	if lines > 1 {
		w = strings.TrimRight(w, " \t\r\n")
	}
	if k := strings.LastIndexByte(w, '\n'); k >= 0 {
		window = window[k+1:]
	}
	v, end := ws.Last(window)
	if v == "" || !ws.gap(window[end:]) {
		return ""
	}
	return v
}

// gap reports whether g holds only separators and gap words.
func (ws *Words) gap(g string) bool {
	for g != "" {
		r, size := utf8.DecodeRuneInString(g)
		if strings.ContainsRune(ws.Separators, r) {
			g = g[size:]
			continue
		}
		n := 0
		for _, w := range ws.Gap {
			if textscan.HasPrefixFold(g, w) {
				n = len(w)
				break
			}
		}
		if n == 0 {
			return false
		}
		g = g[n:]
	}
	return true
}

// Bounds of a block around a value, in bytes, inside
// detectors.MaxContext.
const (
	blockAbove = 600 // lines that start this far before the value
	blockBelow = 300 // lines that end this far after it
)

// CompanyBlock reports whether the value s[start:end] stands in a block
// of short lines (a signature, an address block: at most
// signature.MaxLine bytes each, no blank line or "--" delimiter between)
// of which a line names a company (signature.FindCompany): "株式会社サンプル
// 営業部\n田中 太郎\nTEL: 03-1234-5678".
func CompanyBlock(s string, start, end int) bool {
	ls := strings.LastIndexByte(s[:start], '\n') + 1
	le := len(s)
	if k := strings.IndexByte(s[end:], '\n'); k >= 0 {
		le = end + k
	}
	if le-ls > signature.MaxLine {
		return false // prose
	}
	if hasCompany(s[ls:le]) {
		return true
	}
	for a := ls; a > 0; { // the lines above
		ps := strings.LastIndexByte(s[:a-1], '\n') + 1
		if ps < start-blockAbove || !blockLine(s[ps:a-1]) {
			break
		}
		if hasCompany(s[ps : a-1]) {
			return true
		}
		a = ps
	}
	for b := le; b < len(s); { // the lines below
		ne := len(s)
		if k := strings.IndexByte(s[b+1:], '\n'); k >= 0 {
			ne = b + 1 + k
		}
		if ne > end+blockBelow || !blockLine(s[b+1:ne]) {
			break
		}
		if hasCompany(s[b+1 : ne]) {
			return true
		}
		b = ne
	}
	return false
}

// blockLine reports whether l may belong to a block: not blank, not a
// delimiter ("--", "====="), not longer than a signature line and not a
// sentence ("…株式会社サンプルの田中です。").
func blockLine(l string) bool {
	t := strings.TrimSpace(l)
	return t != "" && len(l) <= signature.MaxLine && strings.Trim(t, "-=_*~#ー―") != "" && !sentence(t)
}

// sentence reports whether the line t is prose: it holds "。", or it is
// eight words or more that end with a full stop, '?' or '!'.
func sentence(t string) bool {
	if strings.Contains(t, "。") {
		return true
	}
	last := t[len(t)-1]
	return (last == '.' || last == '?' || last == '!') && strings.Count(t, " ") >= 7
}

func hasCompany(l string) bool {
	_, ok := signature.FindCompany(l)
	return ok
}

// Of returns the scopes of what d finds in the text in (as in mail, to be
// normalized) under the column header column, in order: what the tests of
// the phone and address detectors compare.
func Of(d detectors.Detector, in, column string) []string {
	tx := detectors.Normalize(in)
	tx.Column = column
	var out []string
	for _, m := range d.Detect(tx) {
		out = append(out, m.Scope)
	}
	return out
}
