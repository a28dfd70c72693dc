package family

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/formfield"
	"github.com/mailsift/mailsift/detectors/internal/names"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match.
const (
	// FullNameConfidence is for a relationship with a Japanese family and
	// given name the dictionary knows ("配偶者：山田花子").
	FullNameConfidence = 0.9
	// LatinConfidence is for a relationship with a Latin name of which a
	// word is a known name ("Spouse: Jane Doe").
	LatinConfidence = 0.85
	// NameConfidence is for a relationship with a Japanese given or
	// family name alone ("妻：花子").
	NameConfidence = 0.8
	// ShapeConfidence is for a relationship with capitalized words that
	// are no known name ("Spouse: Ngozi Okafor").
	ShapeConfidence = 0.7
	// RelationConfidence is for a labelled relationship without a name:
	// "続柄：長男", a cell of a 続柄 column.
	RelationConfidence = 0.6
)

// maxLen bounds a match: a relationship, a label and a name, on one line
// or two.
const maxLen = 200

// maxLine bounds the lines searched for a name next to a 続柄.
const maxLine = 200

// Detector finds family members. Decisions:
//
//   - A relationship (配偶者, 妻, 長男, 扶養家族, spouse, dependents ...) is
//     a family member when a name stands next to it in a form's way: the
//     relationship starts a field (heads its line, or follows a colon,
//     、, a comma, '|' or a tab), then an optional name label (の氏名, 名,
//     's name), a separator and the name ("配偶者 山田花子",
//     "扶養家族：妻 花子、長男 一郎", "Spouse: Jane Doe"); or it stands in
//     parentheses after the name ("山田花子（妻）", "John Doe (son)").
//   - A 続柄 label (Relationship:) with a relationship pairs it with the
//     name of a 氏名 (Name) label on the same line, else on the line just
//     before or after it ("続柄：長男 氏名：山田一郎"); without one, the
//     labelled relationship is reported alone, at RelationConfidence, as
//     is a cell of a 続柄 column. 本人 and 世帯主 are the person, not
//     family.
//   - Names are confirmed by the dictionary (kagome's IPA entries for
//     Japanese, the committed lists for Latin names; two capitalized words
//     that do not fill forms, "Not Applicable", pass at ShapeConfidence).
//     So "長男 誕生", "妻と子供", "家族経営", "子会社：…" and a relationship
//     in prose ("長男が入学しました") are not found.
//
// The value is "relationship:name": the relationship as written in
// Japanese (長男, 配偶者), lower-case and singular in English (spouse,
// dependent), and the name NFKC with spaces removed for Japanese, as
// written for Latin names ("配偶者:山田花子", "spouse:Jane Doe"); a
// relationship alone is its value ("長男"). A Detector is read-only after
// New and safe for concurrent use.
type Detector struct {
	lex  *names.Lexicon
	cues *cues
}

// New returns a family detector with its own name dictionary.
func New() *Detector { return NewWithLexicon(names.NewLexicon()) }

// NewWithLexicon returns a family detector that shares lex (and its
// loaded dictionary) with other detectors.
func NewWithLexicon(lex *names.Lexicon) *Detector { return &Detector{lex: lex, cues: newCues()} }

// Name implements detectors.Detector.
func (*Detector) Name() string { return "family" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.Family} }

// Keywords implements detectors.Detector: the relationships and labels.
func (*Detector) Keywords() []string {
	kws := append([]string(nil), jaRelations...)
	for w := range enRelations {
		kws = append(kws, w)
	}
	slices.Sort(kws[len(jaRelations):])
	return append(kws, relationLabels...)
}

// MaxLen implements detectors.Detector.
func (*Detector) MaxLen() int { return maxLen }

// Detect implements detectors.Detector.
func (d *Detector) Detect(t *detectors.Text) []detectors.Match {
	s := t.Norm
	var ms []detectors.Match
	if t.Column != "" {
		if m, ok := d.column(s, t.Column); ok {
			ms = append(ms, m)
		}
	}
	for _, c := range d.cues.find(s) {
		var m detectors.Match
		var ok bool
		switch {
		case c.kind == relationLabel:
			m, ok = d.labelled(s, c)
		case c.start > 0 && openParen(s, c.start):
			m, ok = d.inParens(s, c)
		default:
			m, ok = d.field(s, c)
		}
		if ok {
			ms = append(ms, m)
		}
	}
	if len(ms) < 2 {
		return ms
	}
	// Of overlapping matches keep the first, the longest at a start.
	slices.SortFunc(ms, func(a, b detectors.Match) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	out := ms[:1]
	for _, m := range ms[1:] {
		if m.Start >= out[len(out)-1].End {
			out = append(out, m)
		}
	}
	return out
}

// openParen reports whether "(" (and spaces) stand before s[i].
func openParen(s string, i int) bool {
	j := i
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	return j > 0 && s[j-1] == '('
}

// fieldStart reports whether a field may start at s[i]: it heads its
// line, or follows a colon, 、, a comma, a semicolon, '|', a tab or a
// closing bracket.
func fieldStart(s string, i int) bool {
	if formfield.Heads(s, i) {
		return true
	}
	j := i
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	r, _ := utf8.DecodeLastRuneInString(s[:j])
	return strings.ContainsRune(":、,;|\t】]", r)
}

// field reads "relationship [label] separator name" at the cue c.
func (d *Detector) field(s string, c cue) (detectors.Match, bool) {
	english := c.kind == enRelation
	if !fieldStart(s, c.start) && !(english && nameOfBefore(s, c.start)) {
		return detectors.Match{}, false
	}
	rend, rel, ok := relationAt(s, c.start)
	if !ok {
		return detectors.Match{}, false
	}
	j := skipNameLabel(s, rend, english)
	if j < len(s) && s[j] == '(' {
		// "長男（一郎）"
		n, ok := d.nameAt(s, j+1)
		if !ok || n.end >= len(s) || s[n.end] != ')' {
			return detectors.Match{}, false
		}
		return match(c.start, n.end+1, rel, n)
	}
	var vs int
	if formfield.Heads(s, c.start) {
		vs, _, ok = formfield.Value(s, j, english)
	} else {
		vs, ok = formfield.Rest(s, j, english)
		ok = ok && vs < len(s) && s[vs] != '\n'
	}
	if !ok {
		return detectors.Match{}, false
	}
	n, ok := d.nameAt(s, vs)
	if !ok || relationInParens(s, n.end) {
		return detectors.Match{}, false // "扶養家族：山田花子（妻）": inParens reports it
	}
	return match(c.start, n.end, rel, n)
}

// nameOfBefore reports whether "Name of " heads the line before s[i]:
// "Name of spouse: Jane Doe".
func nameOfBefore(s string, i int) bool {
	const p = "name of "
	return i >= len(p) && textscan.HasPrefixFold(s[i-len(p):], p) && formfield.Heads(s, i-len(p))
}

// skipNameLabel returns where the text after a relationship ending at
// s[j] goes on, past a name label: "配偶者の氏名", "配偶者名", "Spouse's
// name", "Spouse Name".
func skipNameLabel(s string, j int, english bool) int {
	k := j
	switch {
	case english && strings.HasPrefix(s[k:], "'s"):
		k += len("'s")
	case !english && strings.HasPrefix(s[k:], "の"):
		k += len("の")
	}
	if english && k < len(s) && s[k] == ' ' {
		k++
	}
	if a, e := nameLabels.First(s[k:min(len(s), k+16)]); a == 0 {
		return k + e
	}
	if !english && strings.HasPrefix(s[k:], "名") {
		return k + len("名")
	}
	return j
}

// relationInParens reports whether a relationship in parentheses follows
// s[i]: "山田花子（妻）".
func relationInParens(s string, i int) bool {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i >= len(s) || s[i] != '(' {
		return false
	}
	_, _, ok := relationAt(s, i+1)
	return ok
}

// inParens reads "name (relationship)" at the cue c, which follows "(".
func (d *Detector) inParens(s string, c cue) (detectors.Match, bool) {
	rend, rel, ok := relationAt(s, c.start)
	if !ok {
		return detectors.Match{}, false
	}
	k := rend
	for k < len(s) && s[k] == ' ' {
		k++
	}
	if k >= len(s) || !strings.ContainsRune(")・、,/", firstRune(s[k:])) {
		return detectors.Match{}, false
	}
	end := rend
	if i := strings.IndexByte(s[k:min(len(s), k+30)], ')'); i >= 0 && !strings.Contains(s[k:k+i], "\n") {
		end = k + i + 1
	}
	p := c.start
	for s[p-1] == ' ' {
		p--
	}
	p-- // the '('
	for p > 0 && s[p-1] == ' ' {
		p--
	}
	var n name
	if p > 0 && textscan.IsLetter(s[p-1]) {
		n, ok = latinNameBefore(s, p)
	} else {
		n, ok = d.jaNameBefore(s, p)
	}
	if !ok {
		return detectors.Match{}, false
	}
	return match(n.start, end, rel, n)
}

// labelled reads "続柄：relationship" at the label c and pairs it with a
// name.
func (d *Detector) labelled(s string, c cue) (detectors.Match, bool) {
	english := textscan.IsLetter(s[c.start])
	heads := formfield.Heads(s, c.start)
	if !heads && !fieldStart(s, c.start) && s[c.start-1] != ' ' {
		return detectors.Match{}, false
	}
	var vs int
	var ok bool
	if heads {
		vs, _, ok = formfield.Value(s, c.end, english)
	} else {
		vs, ok = formfield.Rest(s, c.end, english)
	}
	if !ok || vs >= len(s) {
		return detectors.Match{}, false
	}
	rend, rel, ok := relationAt(s, vs)
	if !ok || rend < len(s) && (isNameRune(firstRune(s[rend:])) || textscan.IsLetter(s[rend])) {
		return detectors.Match{}, false
	}
	if rend < len(s) && s[rend] == '(' {
		if n, ok := d.nameAt(s, rend+1); ok && n.end < len(s) && s[n.end] == ')' {
			return match(vs, n.end+1, rel, n)
		}
	}
	if n, ok := d.nameNear(s, vs, rend, heads); ok {
		start, end := min(vs, n.start), max(rend, n.end)
		if end-start <= maxLen {
			return match(start, end, rel, n)
		}
	}
	return detectors.Match{Type: pii.Family, Start: vs, End: rend, Value: rel, Confidence: RelationConfidence}, true
}

// nameNear finds the name of a 氏名 label for the relationship at
// s[rs:re]: on its line, nearest first; else, if the relationship's
// label heads its line, on the line before or after it, as the block of
// alternating 氏名 and 続柄 lines it stands in begins (layout).
func (d *Detector) nameNear(s string, rs, re int, heads bool) (name, bool) {
	ls, le := lineAround(s, rs)
	if n, ok := d.labelledName(s, ls, le, rs); ok {
		return n, true
	}
	if !heads {
		return name{}, false
	}
	if ls > 0 && d.namesFirst(s, ls, rs-maxBlock) {
		ps, pe := lineAround(s, ls-1)
		return d.labelledName(s, ps, pe, -1)
	}
	if le < len(s) {
		ns, ne := lineAround(s, le+1)
		return d.labelledName(s, ns, ne, -1)
	}
	return name{}, false
}

// maxBlock is how far before a 続柄 line its block is read.
const maxBlock = 600

// namesFirst reports whether the block of lines that alternate between a
// 氏名 label and a 続柄 label, and holds the 続柄 line that starts at
// s[ls], begins with a 氏名 line (each 続柄 follows its name) rather than
// a 続柄 line; lines that start before limit are not read.
func (d *Detector) namesFirst(s string, ls, limit int) bool {
	wantName, top := true, false
	for ls > 0 {
		ps, _ := lineAround(s, ls-1)
		if ps < limit || ps == ls {
			break
		}
		k := d.lineKind(s, ps)
		if wantName && k != nameLine || !wantName && k != relationLine {
			break
		}
		top = wantName
		wantName = !wantName
		ls = ps
	}
	return top
}

// Kinds of form lines.
const (
	otherLine = iota
	nameLine
	relationLine
)

// lineKind says whether the line that starts at s[ls] has a 氏名 or a 続柄
// label heading it.
func (d *Detector) lineKind(s string, ls int) int {
	_, le := lineAround(s, ls)
	line := s[ls:le]
	if a, _ := nameLabels.First(line); a >= 0 && formfield.Heads(s, ls+a) {
		return nameLine
	}
	for _, c := range d.cues.find(line) {
		if c.kind == relationLabel && formfield.Heads(s, ls+c.start) {
			return relationLine
		}
	}
	return otherLine
}

// lineAround returns the line that holds s[i], cut to maxLine bytes on
// either side.
func lineAround(s string, i int) (ls, le int) {
	ls = strings.LastIndexByte(s[max(0, i-maxLine):i], '\n') + 1 + max(0, i-maxLine)
	le = textscan.LineEnd(s, i, maxLine)
	return ls, le
}

// labelledName returns the name after a 氏名 label that starts a field of
// the line s[ls:le]: the one nearest to near (-1: the first).
func (d *Detector) labelledName(s string, ls, le, near int) (name, bool) {
	var best name
	found := false
	line := s[ls:le]
	for off := 0; off < len(line); {
		a, e := nameLabels.First(line[off:])
		if a < 0 {
			break
		}
		a, e = ls+off+a, ls+off+e
		off = e - ls
		if !fieldStart(s, a) && (a == 0 || s[a-1] != ' ') {
			continue
		}
		vs, ok := formfield.Rest(s, e, textscan.IsLetter(s[a]))
		if !ok || vs >= le {
			continue
		}
		n, ok := d.nameAt(s, vs)
		if !ok {
			continue
		}
		if !found || near >= 0 && dist(n, near) < dist(best, near) {
			best, found = n, true
		}
		if near < 0 {
			break
		}
	}
	return best, found
}

func dist(n name, i int) int {
	if n.start > i {
		return n.start - i
	}
	return i - n.end
}

// column reads a table cell under a header that names a relationship: a
// 続柄 column holds relationships, a 配偶者 (Spouse Name) column names.
func (d *Detector) column(s, col string) (detectors.Match, bool) {
	start, end := textscan.TrimSpan(s, 0, textscan.LineEnd(s, 0, maxLen))
	if start >= end {
		return detectors.Match{}, false
	}
	lower := textscan.ASCIILower(strings.ReplaceAll(col, " ", ""))
	if strings.Contains(lower, "続柄") || lower == "relationship" || lower == "relation" {
		if rend, rel, ok := relationAt(s, start); ok && rend == end {
			return detectors.Match{Type: pii.Family, Start: start, End: end, Value: rel, Confidence: RelationConfidence}, true
		}
		return detectors.Match{}, false
	}
	for _, c := range d.cues.find(col) {
		if c.kind == relationLabel {
			continue
		}
		_, rel, ok := relationAt(col, c.start)
		if !ok {
			continue
		}
		if n, ok := d.nameAt(s, start); ok && (n.end == end || relationInParens(s, n.end)) {
			return match(n.start, n.end, rel, n)
		}
		break
	}
	return detectors.Match{}, false
}

// match is the finding of relationship rel with name n over s[start:end].
func match(start, end int, rel string, n name) (detectors.Match, bool) {
	if end-start > maxLen {
		return detectors.Match{}, false
	}
	return detectors.Match{
		Type: pii.Family, Start: start, End: end, Value: rel + ":" + n.value, Confidence: n.confidence,
	}, true
}
