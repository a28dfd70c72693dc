package signature

import (
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors/email"
	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

type lineKind int

const (
	kindBlank   lineKind = iota
	kindDelim            // "--", "━━━━", "=====": opens or closes a signature
	kindSignoff          // "Best regards,": a name follows
	kindContact          // holds a phone/fax/mail/URL label, an address or 〒
	kindShort            // a short line: name, company, title, address …
	kindProse            // sentences: not part of a signature
	kindBreak            // "-----Original Message-----", a quote header
)

// line is one line of text: [start, end) without the newline; content
// starts at cstart, after quote marks ("> ") and box edges ("┃").
type line struct {
	start, end, cstart int
	depth              int // quote depth
	kind               lineKind
}

func (l line) inBlock() bool           { return l.kind == kindShort || l.kind == kindContact }
func (l line) content(s string) string { return s[l.cstart:l.end] }

// splitLines splits s into classified lines.
func splitLines(s string) []line {
	var out []line
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		out = append(out, newLine(s, start, end))
		if end == len(s) {
			break
		}
		start = end + 1
	}
	return out
}

// newLine classifies the line s[start:end] (end at its newline or the
// end of s).
func newLine(s string, start, end int) line {
	l := line{start: start, end: end}
	for l.end > l.start && (s[l.end-1] == '\r' || s[l.end-1] == ' ' || s[l.end-1] == '\t') {
		l.end--
	}
	l.cstart = l.start
	for l.cstart < l.end {
		c := s[l.cstart]
		if c == '>' {
			l.depth++
			l.cstart++
			continue
		}
		if c == ' ' || c == '\t' {
			l.cstart++
			continue
		}
		if r, size := utf8.DecodeRuneInString(s[l.cstart:l.end]); r == '┃' || r == '│' || r == '┣' || r == '┗' || r == '┏' {
			l.cstart += size
			continue
		}
		break
	}
	// Trailing box edges.
	for l.end > l.cstart {
		r, size := utf8.DecodeLastRuneInString(s[l.cstart:l.end])
		if r != '┃' && r != '│' && r != ' ' {
			break
		}
		l.end -= size
	}
	l.kind = classify(s[l.cstart:l.end])
	return l
}

// classify tells what kind of line c (without quote marks) is.
func classify(c string) lineKind {
	if c == "" {
		return kindBlank
	}
	if containsFold(c, "original message") || containsFold(c, "forwarded message") ||
		strings.Contains(c, "元のメッセージ") || strings.Contains(c, "転送メッセージ") {
		return kindBreak
	}
	if isDelim(c) {
		return kindDelim
	}
	if isSignoff(c) {
		return kindSignoff
	}
	n := utf8.RuneCountInString(c)
	if strings.Contains(c, "。") || n > 2*maxLineRunes {
		return kindProse
	}
	if contactStart(c) >= 0 {
		return kindContact
	}
	if n > maxLineRunes || strings.Count(c, " ") >= 7 || strings.HasSuffix(c, "wrote:") || strings.HasSuffix(c, "書きました:") {
		return kindProse
	}
	return kindShort
}

// isDelim: two or more of the same drawing/punctuation characters and
// nothing else ("--", "━━━━", "=-=-=", "******", "＿＿"); "-- " is the
// usenet signature delimiter.
func isDelim(c string) bool {
	n := 0
	for _, r := range c {
		if !strings.ContainsRune("-=_*~#+━─═–—・.:/\\<>|☆★◆◇■□●○▼▽※ ", r) {
			return false
		}
		if r != ' ' {
			n++
		}
	}
	return n >= 2
}

var signoffs = []string{
	"regards", "best regards", "kind regards", "warm regards", "warmest regards", "with regards",
	"best", "all the best", "sincerely", "sincerely yours", "yours sincerely", "yours truly",
	"yours faithfully", "respectfully", "thanks", "thank you", "many thanks", "thanks and regards",
	"thanks & regards", "thanks again", "cheers", "best wishes", "with best wishes", "take care",
}

// isSignoff reports whether c is a sign-off line ("Best regards,"), in
// any ASCII case.
func isSignoff(c string) bool {
	w := strings.TrimRight(c, ",.!- ")
	for _, s := range signoffs {
		if len(w) == len(s) && textscan.HasPrefixFold(w, s) {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains the lower-case ASCII word w in
// any ASCII case (strings.Contains(textscan.ASCIILower(s), w) without a copy).
func containsFold(s, w string) bool {
	if containsFoldFrom(s, w, w[0]) {
		return true
	}
	c := w[0]
	return c >= 'a' && c <= 'z' && containsFoldFrom(s, w, c-'a'+'A')
}

// containsFoldFrom looks for w at the bytes b of s.
func containsFoldFrom(s, w string, b byte) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		k := strings.IndexByte(s[i:len(s)-len(w)+1], b)
		if k < 0 {
			return false
		}
		i += k
		if textscan.HasPrefixFold(s[i:], w) {
			return true
		}
	}
	return false
}

// contactLabels start the contact part of a signature line. A label
// made of letters must start a word ("tel" is not in "hotel").
var contactLabels = []struct {
	label string
	kind  contactKind
}{
	{"telephone", cPhone}, {"tel", cPhone}, {"phone", cPhone}, {"direct", cPhone}, {"office", cPhone},
	{"fax", cFax}, {"facsimile", cFax},
	{"mobile", cMobile}, {"mob", cMobile}, {"cell", cMobile}, {"携帯電話", cMobile}, {"携帯", cMobile},
	{"ケータイ", cMobile},
	{"電話", cPhone}, {"直通", cPhone}, {"代表", cPhone}, {"☎", cPhone}, {"℡", cPhone},
	{"ファックス", cFax}, {"ファクス", cFax},
	{"e-mail", cEmail}, {"email", cEmail}, {"mail", cEmail}, {"メール", cEmail}, {"✉", cEmail},
	{"url", cURL}, {"web", cURL}, {"http", cURL}, {"www.", cURL}, {"ホームページ", cURL},
	{"〒", cAddress}, {"住所", cAddress}, {"所在地", cAddress}, {"address", cAddress}, {"addr", cAddress},
}

// labelCues tells quickly where no contact label starts (read-only).
var labelCues = func() *rule.Cues {
	words := make([]string, len(contactLabels))
	for k, cl := range contactLabels {
		words[k] = cl.label
	}
	return rule.NewCues(words...)
}()

// labelsByFirst indexes contactLabels by first byte (a read-only table).
var labelsByFirst = func() (t [256][]int) {
	for k, cl := range contactLabels {
		t[cl.label[0]] = append(t[cl.label[0]], k)
	}
	return t
}()

// shortLabel returns the kind of a one-letter label ("T:", "m."), which
// counts only at the start of a line.
func shortLabel(c byte) (contactKind, bool) {
	switch textscan.LowerByte(c) {
	case 't', 'p', 'd':
		return cPhone, true
	case 'f':
		return cFax, true
	case 'm':
		return cMobile, true
	case 'e':
		return cEmail, true
	}
	return 0, false
}

type contactKind int

const (
	cPhone contactKind = iota
	cFax
	cMobile
	cEmail
	cURL
	cAddress
)

type label struct {
	at, end int
	kind    contactKind
}

// findLabels returns the contact labels in c, in order. A label must be
// followed by a separator, a digit or the end ("TEL:", "TEL 03", "携帯
// 090", "〒100"), so that "Phone calls are welcome" or "mobile app" in a
// short line is no label.
func findLabels(c string) []label {
	// ASCII case does not matter: labels are matched folded, and the
	// checks around them look at digits and punctuation only.
	// Only where a label may start: one pass of labelCues, whose words
	// start with no UTF-8 continuation byte, so that no rune is entered.
	var out []label
	for i := labelCues.Next(c, 0); i < len(c); {
		best := -1
		for _, k := range labelsByFirst[textscan.LowerByte(c[i])] {
			cl := contactLabels[k]
			if textscan.HasPrefixFold(c[i:], cl.label) && (best < 0 || len(cl.label) > len(contactLabels[best].label)) {
				best = k
			}
		}
		if best >= 0 {
			cl := contactLabels[best]
			end := i + len(cl.label)
			if labelStart(c, i, cl.label) && labelEnd(c, end, cl.kind) {
				out = append(out, label{i, end, cl.kind})
				i = labelCues.Next(c, end)
				continue
			}
		}
		i = labelCues.Next(c, i+1)
	}
	if len(c) >= 2 && (c[1] == ':' || c[1] == '.') {
		if k, ok := shortLabel(c[0]); ok {
			out = append([]label{{0, 2, k}}, out...)
		}
	}
	return out
}

// labelStart reports whether a label lab at c[i:] starts a word.
func labelStart(c string, i int, lab string) bool {
	if lab[0] >= utf8.RuneSelf || i == 0 {
		return true
	}
	b := textscan.LowerByte(c[i-1])
	return !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '.' || b == '@')
}

// labelEnd reports whether what follows a label ending at c[end] makes it
// one.
func labelEnd(c string, end int, kind contactKind) bool {
	if kind == cURL && end >= 4 && (textscan.HasPrefixFold(c[end-4:end], "http") || textscan.HasPrefixFold(c[end-4:end], "www.")) {
		return true
	}
	if end == len(c) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(c[end:])
	switch {
	case r >= '0' && r <= '9', r == '+', r == '(':
		return true
	case strings.ContainsRune(":.)]】 ：/番号", r):
		// "Phone calls" is a sentence, "Phone: 03-…" a label: after a
		// space, a digit, '+' or '(' must come soon.
		if r == ' ' {
			rest := strings.TrimLeft(c[end:], " ")
			return rest != "" && (rest[0] >= '0' && rest[0] <= '9' || rest[0] == '+' || rest[0] == '(' || rest[0] == ':' ||
				strings.Contains(rest, "@") || kind == cAddress && rest[0] >= utf8.RuneSelf)
		}
		return true
	}
	// Japanese labels may be glued to digits ("携帯090-…", "〒100", see
	// above); an address label also to its text ("住所東京都…"), but not
	// "代表" to "代表取締役".
	return c[end-1] >= utf8.RuneSelf && kind == cAddress
}

// contactStart returns where the contact part of c starts (the first
// label, or an e-mail address), or -1 when c has none.
func contactStart(c string) int {
	if ls := findLabels(c); len(ls) > 0 {
		return backToBullet(c, ls[0].at)
	}
	if at := strings.IndexByte(c, '@'); at > 0 {
		if start, _, ok := email.Scan(c, at); ok {
			return start
		}
	}
	if phoneOnly(c) {
		return 0
	}
	return -1
}

// phoneOnly reports whether c is a bare phone number ("090-1234-5678").
func phoneOnly(c string) bool {
	digits := 0
	for i := 0; i < len(c); i++ {
		switch ch := c[i]; {
		case ch >= '0' && ch <= '9':
			digits++
		case strings.IndexByte(" -().+", ch) < 0:
			return false
		}
	}
	return digits >= 10 && digits <= 15
}

// backToBullet moves i back over a bullet or bracket right before a label
// ("■TEL", "【携帯】").
func backToBullet(c string, i int) int {
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(c[:i])
		if !strings.ContainsRune("■□◆◇●○・*[【(", r) {
			break
		}
		i -= size
	}
	return i
}

// contactParts is what the contact part of a line holds, by its text
// alone, with offsets into that text: what contacts adds to a block.
type contactParts struct {
	emails  []Span
	phones  []phoneSpan
	address Span // the first address (End > Start), if any
	// addressOpen: the address is the line's last item, so that the next
	// line may continue it.
	addressOpen bool
}

type phoneSpan struct {
	Span
	kind contactKind
}

// apply adds the items of the contact part at offset off of s to b, and
// returns whether the next line may continue the address.
func (cp *contactParts) apply(s string, b *Block, off int) bool {
	for _, e := range cp.emails {
		b.Emails = append(b.Emails, Item{Text: s[off+e.Start : off+e.End], Start: off + e.Start, End: off + e.End})
	}
	addressOpen := false
	if a := cp.address; a.End > a.Start && b.Address.Text == "" {
		b.Address = Item{Text: s[off+a.Start : off+a.End], Start: off + a.Start, End: off + a.End}
		addressOpen = cp.addressOpen
	}
	for _, ph := range cp.phones {
		it := Item{Text: s[off+ph.Start : off+ph.End], Start: off + ph.Start, End: off + ph.End}
		switch ph.kind {
		case cFax:
			b.Fax = append(b.Fax, it)
		case cMobile:
			b.Mobile = append(b.Mobile, it)
		default:
			b.Phones = append(b.Phones, it)
		}
	}
	return addressOpen
}

// readContacts finds the items of the contact part c.
func readContacts(c string) contactParts {
	var cp contactParts
	ls := findLabels(c)
	for from := 0; ; {
		i := strings.IndexByte(c[from:], '@')
		if i < 0 {
			break
		}
		at := from + i
		from = at + 1
		if start, end, ok := email.Scan(c, at); ok {
			cp.emails = append(cp.emails, Span{start, end})
			from = end
		}
	}
	// Only the first address counts: a block has one.
	for k, l := range ls {
		if l.kind != cAddress {
			continue
		}
		start := l.end
		if c[l.at:l.end] == "〒" {
			start = l.at
		}
		end := len(c)
		if k+1 < len(ls) {
			end = backToBullet(c, ls[k+1].at)
		}
		v := strings.TrimLeft(c[start:end], " :)]】")
		start = end - len(v)
		v = strings.TrimRight(v, " /|")
		if v != "" {
			cp.address = Span{start, start + len(v)}
			cp.addressOpen = k+1 == len(ls)
			break
		}
	}
	for i := 0; i < len(c); {
		ch := c[i]
		if !(ch >= '0' && ch <= '9' || ch == '+' || ch == '(') || (i > 0 && isWordByte(c[i-1])) {
			i++
			continue
		}
		j, digits := i, 0
		for j < len(c) && (c[j] >= '0' && c[j] <= '9' || strings.IndexByte(" -().+", c[j]) >= 0) {
			if c[j] >= '0' && c[j] <= '9' {
				digits++
			}
			j++
		}
		end := j
		for end > i && strings.IndexByte(" -(.+", c[end-1]) >= 0 {
			end--
		}
		if end > i && c[end-1] == ')' && strings.Count(c[i:end], "(") < strings.Count(c[i:end], ")") {
			end--
		}
		inside := false
		for _, sp := range cp.emails {
			if i >= sp.Start && i < sp.End {
				inside = true
			}
		}
		postal := i > 0 && strings.HasSuffix(c[:i], "〒")
		if digits >= 9 && digits <= 15 && !inside && !postal && (end == len(c) || !isWordByte(c[end])) {
			cp.phones = append(cp.phones, phoneSpan{Span{i, end}, phoneKind(ls, i, c[i:end])})
		}
		i = max(j, i+1)
	}
	return cp
}

// phoneKind is the kind of the nearest label before position i, or for
// an unlabelled number, mobile for Japanese mobile prefixes.
func phoneKind(ls []label, i int, num string) contactKind {
	k := contactKind(-1)
	for _, l := range ls {
		if l.at < i && (l.kind == cPhone || l.kind == cFax || l.kind == cMobile) {
			k = l.kind
		}
	}
	if k >= 0 {
		return k
	}
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, num)
	for _, p := range []string{"070", "080", "090", "8170", "8180", "8190"} {
		if strings.HasPrefix(d, p) {
			return cMobile
		}
	}
	return cPhone
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
