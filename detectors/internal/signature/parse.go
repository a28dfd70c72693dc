package signature

import (
	"strings"

	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/names"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// Block is one signature block: the contact details a person signs a mail
// with, each item with where it is. Items are found by the structure of
// the block (labels, line order, delimiters), not checked against
// dictionaries: the person_name detector confirms Name with kagome.
type Block struct {
	Start, End int  // the block's lines (delimiters excluded)
	Name       Item // the person's name as written ("田中 太郎", "John Smith")
	Roman      Item // the name in Latin letters next to a Japanese one ("Taro Tanaka")
	Kana       Item // a kana reading ("たなか たろう", "タナカ タロウ")
	Company    Item // "株式会社サンプル", "Sample Inc."
	Department Item // "第二営業部"
	Title      Item // "課長", "Sales Manager"
	Phones     []Item
	Mobile     []Item
	Fax        []Item
	Emails     []Item
	Address    Item // from 〒 or an address label to the end of its line(s)
}

// Item is a piece of text with its byte offsets: text[Start:End] == Text.
// The zero Item (Text "") means "not found".
type Item struct {
	Text       string
	Start, End int
}

// Limits of what counts as a signature block.
const (
	maxBlockLines = 15  // longer runs of short lines are lists, not signatures
	maxLineRunes  = 60  // longer lines are prose
	maxBlockBytes = 900 // a block fits in a detector's context window
)

// Parse finds the signature blocks of a mail body. Offsets are byte
// offsets into text. text may be raw: Parse normalizes a copy (NFKC, dash
// folding; see detectors.Normalize) and maps offsets back, while the
// Items' Text is the normalized form ("ＴＥＬ" is read as "TEL").
func Parse(text string) []Block {
	t := detectors.Normalize(text)
	blocks := ParseNormalized(t.Norm)
	if t.Norm == text {
		return blocks
	}
	fix := func(it *Item) {
		if it.Text != "" {
			it.Start, it.End = t.Orig(it.Start, it.End)
		}
	}
	for i := range blocks {
		b := &blocks[i]
		b.Start, b.End = t.Orig(b.Start, b.End)
		for _, it := range []*Item{&b.Name, &b.Roman, &b.Kana, &b.Company, &b.Department, &b.Title, &b.Address} {
			fix(it)
		}
		for _, list := range [][]Item{b.Phones, b.Mobile, b.Fax, b.Emails} {
			for k := range list {
				fix(&list[k])
			}
		}
	}
	return blocks
}

// ParseNormalized is Parse for text already normalized (a detector's
// t.Norm): offsets point into s.
func ParseNormalized(s string) []Block {
	return parseLines(s, splitLines(s), 0, nil)
}

// parseLines finds the blocks in lines, a run of the lines of s that
// starts with line number base of s. A Parser p, if not nil, builds each
// block once for all calls.
func parseLines(s string, lines []line, base int, p *Parser) []Block {
	var blocks []Block
	for i := 0; i < len(lines); {
		if !lines[i].inBlock() {
			i++
			continue
		}
		b, _, ok, j := parseRun(s, lines, base, i, p)
		if ok {
			blocks = append(blocks, b)
		}
		i = j
	}
	return blocks
}

// parseRun reads the run of block lines that starts at lines[i] (an
// inBlock line): ok says whether it makes a block, hs is the first line
// of the block (above i when a head is part of it), j is where the run
// ends.
func parseRun(s string, lines []line, base, i int, p *Parser) (b Block, hs int, ok bool, j int) {
	j = i
	hasContact := false
	for j < len(lines) && lines[j].inBlock() && lines[j].depth == lines[i].depth {
		hasContact = hasContact || lines[j].kind == kindContact
		j++
	}
	run := lines[i:j]
	before := prevKind(lines, i)
	switch {
	case len(run) > maxBlockLines || run[len(run)-1].end-run[0].start > maxBlockBytes:
	case hasContact:
		hs = i
		if k := headAbove(lines, i); k >= 0 {
			hs = k
		}
		return blockAt(s, lines, base, hs, i, j, p), hs, true, j
	case (before == kindDelim || before == kindSignoff) && len(run) <= 4:
		return blockAt(s, lines, base, i, i, j, p), i, true, j
	}
	return Block{}, 0, false, j
}

// blockAt builds the block of the head lines[hs:i-1] (none if hs == i;
// line i-1 is the blank line below the head) and the run lines[i:j].
func blockAt(s string, lines []line, base, hs, i, j int, p *Parser) Block {
	key := [3]int{base + hs, base + i, base + j}
	if p != nil {
		if b, ok := p.blocks[key]; ok {
			return b
		}
	}
	ls := lines[i:j]
	if hs < i {
		ls = append(append(make([]line, 0, i-1-hs+j-i), lines[hs:i-1]...), ls...)
	}
	b := build(s, ls, p.cacheOf())
	if p != nil {
		if p.blocks == nil {
			p.blocks = make(map[[3]int]Block)
		}
		p.blocks[key] = b
	}
	return b
}

// headAbove returns where the short lines just above a contact run start
// when only a blank line separates them and the run starts with
// contacts, or -1:
//
//	田中 太郎
//	株式会社サンプル
//
//	TEL: 03-1234-5678
func headAbove(lines []line, i int) int {
	if lines[i].kind != kindContact || i < 2 || lines[i-1].kind != kindBlank {
		return -1
	}
	k := i - 1
	for k > 0 && lines[k-1].kind == kindShort && i-1-(k-1) <= 3 && lines[k-1].depth == lines[i].depth {
		k--
	}
	if k == i-1 || (k > 0 && lines[k-1].kind == kindShort) {
		return -1
	}
	return k
}

func prevKind(lines []line, i int) lineKind {
	for k := i - 1; k >= 0; k-- {
		if lines[k].kind != kindBlank {
			return lines[k].kind
		}
		if k < i-2 {
			break
		}
	}
	return kindBlank
}

// build assigns the lines of a block to its items. c, if not nil, keeps
// what each line holds across texts.
func build(s string, ls []line, c *Cache) Block {
	b := Block{Start: ls[0].start, End: ls[len(ls)-1].end}
	addressOpen := false
	for _, l := range ls {
		pt := c.parts(l.content(s), l.kind)
		off := l.cstart
		if l.kind == kindContact {
			pt.head.apply(s, &b, off)
			addressOpen = pt.contacts.apply(s, &b, off+pt.headEnd)
			continue
		}
		if addressOpen && pt.address && b.Address.Text != "" {
			b.Address.End = off + pt.trimmedEnd
			b.Address.Text = s[b.Address.Start:b.Address.End]
			continue
		}
		addressOpen = false
		pt.head.apply(s, &b, off)
	}
	return b
}

// lineParts is what a block line holds, by its content alone (offsets
// into it): the same content gives the same parts in any text, which is
// what Cache keeps.
type lineParts struct {
	head     headParts    // of the head: the line, or a contact line's part before its contacts
	headEnd  int          // where a contact line's contacts start
	contacts contactParts // of a contact line
	// A short line may continue an address: address says it looks like
	// one, trimmedEnd is where it ends without trailing spaces.
	address    bool
	trimmedEnd int
}

// readParts reads the content c of a block line of kind k.
func readParts(c string, k lineKind) *lineParts {
	pt := &lineParts{}
	if k == kindContact {
		head := contactStart(c)
		if head > 0 {
			pt.head = readHead(c[:head])
		}
		pt.headEnd = head
		pt.contacts = readContacts(c[head:])
		return pt
	}
	pt.address = looksAddress(c)
	pt.trimmedEnd = len(strings.TrimRight(c, " "))
	pt.head = readHead(c)
	return pt
}

// headParts is what headLine finds in a line above the contacts, with
// offsets into it.
type headParts struct {
	own                           bool // not after another label (see otherLabel)
	company, dept, title          Span
	hasCompany, hasDept, hasTitle bool
	names                         []nameSpan
}

// nameSpan is a run of text that can be a name, a reading or a Latin form.
type nameSpan struct {
	Span
	shape    shape
	inParens bool
}

// readHead finds the items of a head line above the contacts: company,
// department, title and name, in any order, as signatures write them
// ("株式会社サンプル 営業部 課長 田中 太郎", "Hanako Yamada", "Sample Inc."), by
// the text c alone.
func readHead(c string) headParts {
	var h headParts
	if isGreeting(c) {
		return h // "Hi Mary,": the start of a letter, not a signature line
	}
	used := make([]bool, len(c))
	mark := func(sp Span) {
		for k := sp.Start; k < sp.End; k++ {
			used[k] = true
		}
	}
	// "振込先：三井住友銀行 渋谷支店", "Attn: Marketing Department": an
	// organisation after another label is not the signer's own.
	h.own = !otherLabel(c)
	if sp, ok := FindCompany(c); ok {
		h.company, h.hasCompany = sp, true
		mark(sp)
	}
	var dept, title []Span
	for _, sp := range FindTitles(c) {
		if used[sp.Start] {
			continue
		}
		if isDept(c[sp.Start:sp.End]) {
			dept = append(dept, sp)
		} else {
			title = append(title, sp)
		}
		mark(sp)
	}
	if len(dept) > 0 {
		h.dept, h.hasDept = Span{dept[0].Start, dept[len(dept)-1].End}, true
	}
	if len(title) > 0 {
		h.title, h.hasTitle = Span{title[0].Start, title[len(title)-1].End}, true
	}
	// What is left are name candidates: runs of unused text between
	// separators; parentheses hold readings or Latin forms.
	for _, sp := range leftovers(c, used) {
		text := c[sp.Start:sp.End]
		if names.IsRole(text) {
			continue // "総務部 担当" leaves 担当 (in charge): the name is on the next line
		}
		if shape := nameShape(text); shape != shapeNone {
			inParens := sp.Start > 0 && strings.ContainsRune("(（[", rune(c[sp.Start-1]))
			h.names = append(h.names, nameSpan{sp, shape, inParens})
		}
	}
	return h
}

// apply assigns the items of a head line at offset off of s to b, where
// it has none of them yet.
func (h *headParts) apply(s string, b *Block, off int) {
	if h.own {
		if h.hasCompany && b.Company.Text == "" {
			b.Company = item(s, off+h.company.Start, off+h.company.End)
		}
		if h.hasDept && b.Department.Text == "" {
			b.Department = item(s, off+h.dept.Start, off+h.dept.End)
		}
		if h.hasTitle && b.Title.Text == "" {
			b.Title = item(s, off+h.title.Start, off+h.title.End)
		}
	}
	for _, n := range h.names {
		switch shape := n.shape; {
		case shape == shapeKana && (n.inParens || b.Name.Text != ""):
			if b.Kana.Text == "" {
				b.Kana = item(s, off+n.Start, off+n.End)
			}
		case shape == shapeLatin && b.Name.Text != "" && !isLatin(b.Name.Text):
			if b.Roman.Text == "" {
				b.Roman = item(s, off+n.Start, off+n.End)
			}
		case b.Name.Text == "":
			b.Name = item(s, off+n.Start, off+n.End)
		case shape == shapeJapanese && isLatin(b.Name.Text):
			// "Taro Tanaka / 田中 太郎": the Japanese form is the name.
			b.Roman, b.Name = b.Name, item(s, off+n.Start, off+n.End)
		}
	}
}

// ownLabels announce the signer's company or title on a labelled line.
var ownLabels = []string{
	"会社名", "法人名", "勤務先", "企業名", "所属会社", "事業者名", "社名", "会社", "団体名", "組織名", "事務所名",
	"役職", "所属", "部署", "所属部署", "肩書", "肩書き", "職位", "職名", "部門", "company", "organization",
	"organisation", "employer", "firm", "title", "job title", "position", "department", "dept", "division", "role",
}

// otherLabel reports whether line c starts with a label ("振込先：",
// "【会場】", "Attn:") that is none of ownLabels: what follows it is not
// about the signer's own company or title.
func otherLabel(c string) bool {
	c = strings.TrimLeft(c, " ■□◆◇●○・*[")
	end := strings.IndexByte(c, ':')
	start := 0
	if strings.HasPrefix(c, "【") {
		start = len("【")
		end = strings.Index(c, "】")
	}
	if end <= start {
		return false
	}
	l := strings.TrimSpace(c[start:end])
	if l == "" || utf8.RuneCountInString(l) > 12 || strings.Count(l, " ") > 2 || strings.ContainsAny(l, "0123456789/@.") {
		return false
	}
	for _, w := range ownLabels {
		if strings.EqualFold(l, w) {
			return false
		}
	}
	return true
}

func item(s string, start, end int) Item {
	for start < end && s[start] == ' ' {
		start++
	}
	for end > start && s[end-1] == ' ' {
		end--
	}
	return Item{Text: s[start:end], Start: start, End: end}
}

func isDept(w string) bool {
	for _, suf := range endingWith(deptsByLast, w) {
		if strings.HasSuffix(w, suf) {
			for _, t := range endingWith(titlesByLast, w) {
				if strings.HasSuffix(w, t) {
					return false
				}
			}
			return true
		}
	}
	return latinDept.MatchString(w)
}

// leftovers splits the unused bytes of c into runs at separators ("/",
// "|", "(", ")", ",", "、", tabs and two or more spaces; a single space
// stays inside a run: "田中 太郎").
func leftovers(c string, used []bool) []Span {
	var out []Span
	start := -1
	flush := func(end int) {
		if start >= 0 {
			sp := Span{start, end}
			for sp.Start < sp.End && c[sp.Start] == ' ' {
				sp.Start++
			}
			for sp.End > sp.Start && c[sp.End-1] == ' ' {
				sp.End--
			}
			if sp.End > sp.Start {
				out = append(out, sp)
			}
		}
		start = -1
	}
	for i := 0; i < len(c); {
		r, size := utf8.DecodeRuneInString(c[i:])
		sep := used[i] || strings.ContainsRune("/|()[]{}<>,、:;\t【】「」『』", r) ||
			(r == ' ' && i+1 < len(c) && c[i+1] == ' ')
		if sep {
			flush(i)
		} else if start < 0 {
			start = i
		}
		i += size
	}
	flush(len(c))
	return out
}

// Name shapes.
type shape int

const (
	shapeNone     shape = iota
	shapeJapanese       // 2–10 kanji/kana in one or two parts: "田中 太郎", "鬼頭奏汰"
	shapeKana           // hiragana or katakana only: "たなか たろう", "タナカ タロウ"
	shapeLatin          // 2–4 capitalized words: "Hanako Yamada", "TANAKA Taro"
)

// nameShape tells whether text can be a person's name by its letters alone.
func nameShape(text string) shape {
	parts := strings.Fields(text)
	if len(parts) == 0 || len(parts) > 4 {
		return shapeNone
	}
	if isLatin(text) {
		if len(parts) < 2 {
			return shapeNone
		}
		for _, p := range parts {
			if !latinNameWord(p) {
				return shapeNone
			}
		}
		return shapeLatin
	}
	if len(parts) > 2 {
		return shapeNone
	}
	n, kana, kanji := 0, 0, 0
	for _, r := range text {
		switch {
		case r == ' ':
			continue
		case isKanji(r):
			kanji++
		case isHiragana(r) || isKatakana(r) || r == '・':
			kana++
		default:
			return shapeNone
		}
		n++
	}
	switch {
	case n < 2 || n > 12:
		return shapeNone
	case kanji == 0:
		return shapeKana
	case n > 10 || looksAddress(text):
		return shapeNone
	}
	return shapeJapanese
}

// latinNameWord: "Taro", "TANAKA", "O'Brien", "Jean-Luc", "J."
func latinNameWord(w string) bool {
	if len(w) < 2 || len(w) > 20 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	if len(w) == 2 && w[1] == '.' {
		return true
	}
	for i := 1; i < len(w); i++ {
		c := w[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '\'') {
			return false
		}
	}
	return true
}

func isLatin(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// looksAddress reports whether s reads like a Japanese address line: a
// prefecture or municipality word followed by more, or a building floor.
func looksAddress(s string) bool {
	for _, w := range []string{"都", "道", "府", "県"} {
		if i := strings.Index(s, w); i >= 0 && strings.ContainsAny(s[i:], "市区町村郡") {
			return true
		}
	}
	for _, w := range []string{"市", "区", "町", "村"} {
		if i := strings.Index(s, w); i > 0 && strings.ContainsAny(s[i:], "0123456789丁目番地号") {
			return true
		}
	}
	return strings.Contains(s, "ビル") || strings.Contains(s, "丁目") || strings.Contains(s, "番地")
}

// isGreeting reports whether line c opens a letter ("Hi Mary,", "Dear
// Mr. Smith", "Hello team"): such a line names the reader, and the
// salutation is in no name.
func isGreeting(c string) bool {
	c = strings.TrimLeft(c, " \t>")
	for _, w := range []string{"hi", "hello", "hey", "dear", "greetings"} {
		if len(c) > len(w) && textscan.HasPrefixFold(c, w) && (c[len(w)] == ' ' || c[len(w)] == ',') {
			return true
		}
	}
	return false
}
