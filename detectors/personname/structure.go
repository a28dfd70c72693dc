package personname

import (
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors/email"
	"github.com/mailsift/mailsift/detectors/internal/names"
	"github.com/mailsift/mailsift/detectors/internal/signature"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// strongLabels may be followed by a space instead of a colon ("氏名 田中太郎"
// in forms); other labels need a separator.
var strongLabels = []string{"氏名", "名前", "フリガナ", "ふりがな", "口座名義", "名義人"}

// label reads the value after a label at s[start:end]: "氏名：田中 太郎",
// "お名前: 山田花子 様", "担当：営業部 佐藤", "Name: John Smith",
// "フリガナ：タナカ タロウ". The label must start its line (after bullets)
// or follow a separator, and be followed by a separator.
func (f *finder) label(start, end int, kana bool) {
	s := f.t.Norm
	lab := strings.ToLower(s[start:end])
	// Start: line start, bullet or separator; "お名前", "ご氏名", "カナ氏名"
	// and "Full name" are fine.
	ls := start
	for _, p := range []string{"お", "ご", "full ", "contact ", "customer ", "カナ", "漢字"} {
		if ls >= len(p) && strings.EqualFold(s[ls-len(p):ls], p) {
			ls -= len(p)
		}
	}
	if ls > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:ls])
		if !strings.ContainsRune("\n \t■□◆◇●○・*[【|/>:", r) {
			return
		}
	}
	i := end
	// "氏名(漢字)", "氏名（カナ）", "担当者", "Name (Kanji)".
	if strings.HasPrefix(s[i:], "者") {
		i += len("者")
	}
	if strings.HasPrefix(s[i:], "(") {
		if j := strings.IndexByte(s[i:], ')'); j > 0 && j < 20 {
			if strings.Contains(s[i:i+j], "カナ") || strings.Contains(s[i:i+j], "かな") || strings.Contains(strings.ToLower(s[i:i+j]), "kana") {
				kana = true
			}
			i += j + 1
		}
	}
	sep := false
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == ':' || r == '】' || r == ']' || r == '\t' || r == '=' {
			sep = true
		} else if r != ' ' {
			break
		}
		i += size
	}
	spaced := i > end && s[i-1] == ' '
	if !sep && !(spaced && containsAny(lab, strongLabels)) {
		return
	}
	// The value: to the end of the line, at most 40 runes, cut at a
	// second label or a separator.
	j, n := i, 0
	for j < len(s) && n < 40 {
		r, size := utf8.DecodeRuneInString(s[j:])
		if r == '\n' || r == '/' || r == '|' || r == '、' || r == '。' || r == '(' || r == '<' || r == '\t' ||
			(r == ' ' && j+1 < len(s) && s[j+1] == ' ') {
			break
		}
		j += size
		n++
	}
	if n >= 40 {
		return
	}
	vs, ve := textscan.TrimSpan(s, i, j)
	if vs >= ve {
		return
	}
	v := s[vs:ve]
	// An honorific after the value is found by its own cue; drop it here.
	for _, h := range []string{"様", "さま", "さん", "殿"} {
		if strings.HasSuffix(v, h) {
			ve -= len(h)
			vs, ve = textscan.TrimSpan(s, vs, ve)
			v = s[vs:ve]
		}
	}
	if kana || isKana(v) {
		if containsAny(lab, []string{"フリガナ", "ふりがな", "カナ", "よみがな", "名義"}) || kana {
			f.kana(vs, ve, ReadingConfidence)
		}
		return
	}
	strong := containsAny(lab, []string{"氏名", "名前", "name", "顧客名", "契約者", "申込者", "受取人", "名義"})
	// "担当：営業部 佐藤": drop departments, titles and companies.
	vs, ve = stripOrg(s, vs, ve)
	f.candidate(vs, ve, strong)
}

// candidate decides a name proposed by structure at s[start:end]:
// confirmed by the dictionary (kagome or the Latin lists) it is reported
// with high confidence; else only a strong structure (header, 氏名 label or
// column) reports it, with StructureConfidence.
func (f *finder) candidate(start, end int, strong bool) {
	s := f.t.Norm
	start, end = textscan.TrimSpan(s, start, end)
	if start >= end || end-start > maxName {
		return
	}
	v := s[start:end]
	if names.IsRole(v) {
		return
	}
	if isLatinText(v) {
		f.latinName(start, end, strong)
		return
	}
	if !jaNameShape(v) {
		return
	}
	if isKana(v) {
		// A name in kana only ("たなか たろう") is a reading; without a
		// kana label only a strong structure reports it.
		if strong {
			f.kana(start, end, StructureConfidence)
		}
		return
	}
	if k := f.jaKinds(v); k != 0 {
		f.add(start, end, confidence(k))
		return
	}
	if strong {
		f.add(start, end, StructureConfidence)
	}
}

// jaKinds returns the name kinds kagome gives the words of v, if v is
// made only of names (a surname followed by up to three unknown kanji
// counts as surname and given name: rare given names). Else 0.
func (f *finder) jaKinds(v string) names.Kind {
	// Signatures repeat the same names: analyse each once per Detect,
	// and once in many with the Detector's cache.
	if k, ok := f.kinds[v]; ok {
		return k
	}
	k, ok := f.d.kinds.Get(v)
	if !ok {
		k = f.analyse(v)
		f.d.kinds.Put(v, k)
	}
	if f.kinds == nil {
		f.kinds = make(map[string]names.Kind)
	}
	f.kinds[v] = k
	return k
}

// analyse is jaKinds without the caches.
func (f *finder) analyse(v string) names.Kind {
	toks := f.d.lex.Tokens(v)
	var k names.Kind
	for i, tk := range toks {
		if tk.Kind == 0 && (tk.Place || tk.Org) {
			tk.Kind = f.d.lex.Kind(tk.Surface)
		}
		switch {
		case tk.Kind != 0:
			k |= tk.Kind
		case tk.Space || tk.Surface == "・":
		case i > 0 && k&names.Surname != 0 && kanjiOnly(tk.Surface) && utf8.RuneCountInString(v[tk.Start:]) <= 3:
			k |= names.Given
		default:
			return 0
		}
	}
	if k == 0 && len(toks) > 0 {
		// Out of context kagome may tag a surname as a place (松本) or an
		// organisation (清水): ask the dictionary for the first word.
		if f.d.lex.Kind(toks[0].Surface)&names.Surname != 0 && len(toks) <= 3 {
			return names.Surname
		}
	}
	return k
}

// kana reports a reading.
func (f *finder) kana(start, end int, conf float64) {
	s := f.t.Norm
	start, end = textscan.TrimSpan(s, start, end)
	v := s[start:end]
	n := utf8.RuneCountInString(strings.ReplaceAll(v, " ", ""))
	if n < 2 || n > 20 || !isKana(v) || strings.Count(v, " ") > 1 || corporateKana(v) {
		return
	}
	f.add(start, end, conf)
}

// corporateKana reports a company's name in kana, as bank accounts hold
// it ("口座名義 カブシキガイシャ サンプル"): no person's reading.
func corporateKana(v string) bool {
	// ガイシャ: 株式/有限/合同/合資/合名会社; ホウジン: every 法人.
	return containsAny(v, []string{"ガイシャ", "ホウジン"})
}

// signatureNear proposes the short lines near a signature cue at pos as
// name lines.
func (f *finder) signatureNear(pos int) {
	s := f.t.Norm
	f.sig.LinesNear(pos, func(ls, le int) {
		if nameLine(s[ls:le]) && f.mayHoldName(ls, le) && f.sig.MayHold(ls, le).Name {
			f.signatureLine(ls, le)
		}
	})
}

// mayHoldName is false when signatureLine cannot report a name on the
// line s[ls:le], cheaply: an ASCII line gives a Latin name only if one
// of its words is in the name lists or repeats in the local part of an
// e-mail address near it (see signatureLine). Most short lines of
// English mail fail both, and skipping them saves parsing the signature
// blocks around them (half of the detector's time on real mail).
func (f *finder) mayHoldName(ls, le int) bool {
	s := f.t.Norm
	l := s[ls:le]
	for i := 0; i < len(l); i++ {
		if l[i] >= utf8.RuneSelf {
			return true // a Japanese name is kagome's to judge
		}
	}
	// A name item's words are words of the line, cut at spaces and
	// punctuation; the lists hold letters and apostrophes only.
	for i := 0; i < len(l); {
		if !isNameByte(l[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(l) && isNameByte(l[j]) {
			j++
		}
		if names.IsLatinName(l[i:j]) {
			return true
		}
		i = j
	}
	return f.repeatedNear(ls, le)
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '\''
}

// repeatedNear reports whether three bytes of a word of the line s[ls:le]
// occur together, ignoring case, in the local part of an e-mail address
// of the lines around it (the local-part bytes before an "@", at most
// 64): emailRepeats can hold for no block there otherwise, since a word
// of three or more bytes inside a local part has its first three there.
func (f *finder) repeatedNear(ls, le int) bool {
	s := f.t.Norm
	lo := max(0, ls-signature.Window-signature.MaxLine)
	hi := min(len(s), le+signature.Window+signature.MaxLine)
	var local [64]byte
	for i := lo; i < hi; {
		at := strings.IndexByte(s[i:hi], '@')
		if at < 0 {
			return false
		}
		at += i
		i = at + 1
		// The local part as email.Scan reads it: those bytes only.
		start := at
		for start > max(lo, at-len(local)) && email.IsLocalByte(s[start-1]) {
			start--
		}
		n := copy(local[:], s[start:at])
		for k := range n {
			local[k] = textscan.LowerByte(local[k])
		}
		if n >= 3 && gramIn(s[ls:le], local[:n]) {
			return true
		}
	}
	return false
}

// gramIn reports whether a three-byte piece of line without spaces or
// commas, lower-cased, occurs in local.
func gramIn(line string, local []byte) bool {
	for i := 0; i+3 <= len(line); i++ {
		a, b, c := line[i], line[i+1], line[i+2]
		if a == ' ' || a == ',' || b == ' ' || b == ',' || c == ' ' || c == ',' {
			continue
		}
		a, b, c = textscan.LowerByte(a), textscan.LowerByte(b), textscan.LowerByte(c)
		for k := 0; k+3 <= len(local); k++ {
			if local[k] == a && local[k+1] == b && local[k+2] == c {
				return true
			}
		}
	}
	return false
}

// nameLine is a quick test that a line may hold a name: short, no
// digits, no address, some letters of a name.
func nameLine(l string) bool {
	for i := 0; i < len(l); i++ {
		if c := l[i]; c >= '0' && c <= '9' || c == '@' || c == ':' {
			return false
		}
	}
	if strings.Contains(l, "。") || utf8.RuneCountInString(l) > 60 {
		return false
	}
	for i := 0; i < len(l); i++ {
		if c := l[i]; c >= 'A' && c <= 'Z' || c >= 0xE3 {
			return true
		}
	}
	return false
}

// signatureLine parses the signature blocks around the line s[ls:le] and
// reports the name of the one whose name is on this line.
func (f *finder) signatureLine(ls, le int) {
	s := f.t.Norm
	for _, b := range f.sig.On(ls, le) {
		if b.Name.Text == "" || b.Name.Start < ls || b.Name.End > le {
			continue
		}
		start, end := b.Name.Start, b.Name.End
		v := s[start:end]
		if names.IsRole(v) {
			continue
		}
		var k names.Kind
		if isLatinText(v) {
			for _, w := range strings.Fields(v) {
				k |= names.LatinKind(w)
			}
			if k == 0 && emailRepeats(b, v) {
				k = names.Person
			}
		} else {
			k = f.jaKinds(v)
		}
		if k == 0 {
			continue // a signature line alone is one signal: not enough
		}
		f.add(start, end, confidence(k))
		if b.Kana.Text != "" && b.Kana.Start >= b.Name.End && b.Kana.Start-b.Name.End < 8 {
			f.kana(b.Kana.Start, b.Kana.End, ReadingConfidence)
		}
		if b.Roman.Text != "" && b.Roman.Start >= b.Name.End && b.Roman.Start-b.Name.End < 8 {
			f.add(b.Roman.Start, b.Roman.End, ReadingConfidence)
		}
	}
}

// emailRepeats reports whether an e-mail address of the block holds a
// word of the name ("Hanako Yamada" and hanako.yamada@…).
func emailRepeats(b signature.Block, name string) bool {
	for _, e := range b.Emails {
		local := strings.ToLower(e.Text)
		if at := strings.IndexByte(local, '@'); at > 0 {
			local = local[:at]
		}
		for _, w := range strings.Fields(strings.ToLower(name)) {
			if len(w) >= 3 && strings.Contains(local, w) {
				return true
			}
		}
	}
	return false
}

// header reads display names of an address header: `田中 太郎
// <taro@example.jp>, "Suzuki, Ichiro" <i.suzuki@example.com>`. A display
// name is one strong signal; the dictionary or the address is the second.
func (f *finder) header() {
	s := f.t.Norm
	prev := 0
	for i := 0; i < len(s); {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			break
		}
		lt += i
		gt := strings.IndexByte(s[lt:], '>')
		if gt < 0 {
			break
		}
		gt += lt
		addr := s[lt+1 : gt]
		ns, ne := prev, lt
		// Skip bare addresses before the name: "a@x.jp, 田中 <t@x.jp>".
		if k := strings.LastIndex(s[ns:ne], ", "); k >= 0 && strings.Contains(s[ns:ns+k], "@") {
			ns += k + 2
		}
		for ns < ne && (s[ns] == ',' || s[ns] == ' ') {
			ns++
		}
		ns, ne = textscan.TrimSpan(s, ns, ne)
		if ne-ns >= 2 && s[ns] == '"' && s[ne-1] == '"' {
			ns, ne = ns+1, ne-1
		}
		f.displayName(ns, ne, addr)
		prev, i = gt+1, gt+1
	}
}

// displayName decides the display name s[start:end] of address addr.
func (f *finder) displayName(start, end int, addr string) {
	s := f.t.Norm
	start, end = textscan.TrimSpan(s, start, end)
	if start >= end || utf8.RuneCountInString(s[start:end]) > 40 {
		return
	}
	// "田中太郎(営業部)", "Taro Tanaka (Sample Inc.)": the part before.
	if i := strings.IndexAny(s[start:end], "(/|"); i > 0 {
		end = start + i
		start, end = textscan.TrimSpan(s, start, end)
	}
	// "株式会社サンプル 田中太郎", "営業部 田中": drop the organisation.
	start, end = stripOrg(s, start, end)
	v := s[start:end]
	if v == "" || names.IsRole(v) || strings.EqualFold(v, addr) {
		return
	}
	if isLatinText(v) {
		local := strings.ToLower(addr)
		if at := strings.IndexByte(local, '@'); at > 0 {
			local = local[:at]
		}
		var k names.Kind
		n, repeated := 0, false
		words := strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' })
		for _, w := range words {
			if !capitalized(w) {
				return
			}
			k |= names.LatinKind(strings.TrimSuffix(w, "."))
			if len(w) >= 3 && strings.Contains(local, strings.ToLower(w)) {
				repeated = true
			}
			n++
		}
		if notPersonDisplay(words) {
			return
		}
		switch {
		case n > 4:
		case k != 0 && repeated:
			f.add(start, end, FullConfidence)
		case k != 0 || repeated && n >= 2:
			f.add(start, end, confidence(k))
		case n >= 2:
			f.add(start, end, StructureConfidence)
		}
		return
	}
	f.candidate(start, end, true)
}

// cell reads a table cell whose column is a name or a reading.
func (f *finder) cell() {
	s := f.t.Norm
	start, end := textscan.TrimSpan(s, 0, len(s))
	if end-start > maxName || strings.ContainsRune(s[start:end], '\n') {
		return
	}
	if nameColumn(f.t.Column) == colKana {
		f.kana(start, end, ReadingConfidence)
		return
	}
	f.candidate(start, end, true)
}

type column int

const (
	colNone column = iota
	colName
	colKana
)

// nameColumn classifies a table column header or form label.
func nameColumn(col string) column {
	c := strings.ToLower(strings.TrimSpace(col))
	if c == "" {
		return colNone
	}
	if containsAny(c, []string{"フリガナ", "ふりがな", "カナ", "かな", "よみ", "kana"}) {
		return colKana
	}
	if containsAny(c, []string{"氏名", "名前", "顧客名", "会員名", "担当者名", "契約者名", "申込者名", "受取人名", "姓名"}) {
		return colName
	}
	switch c {
	case "name", "full name", "fullname", "full_name", "customer name", "contact name", "contact",
		"person", "first name", "last name", "given name", "family name", "surname", "姓", "名":
		return colName
	}
	return colNone
}

// stripOrg removes companies, departments and titles at either end of
// s[start:end] ("営業部 佐藤", "株式会社サンプル 田中太郎", "田中 課長").
func stripOrg(s string, start, end int) (int, int) {
	for range 4 {
		v := s[start:end]
		var sp []signature.Span
		if c, ok := signature.FindCompany(v); ok {
			sp = append(sp, c)
		}
		sp = append(sp, signature.FindTitles(v)...)
		changed := false
		for _, x := range sp {
			switch {
			case x.Start == 0 && x.End < len(v):
				start += x.End
				changed = true
			case x.End == len(v) && x.Start > 0:
				end = start + x.Start
				changed = true
			}
			if changed {
				break
			}
		}
		start, end = textscan.TrimSpan(s, start, end)
		if !changed || start >= end {
			break
		}
	}
	return start, end
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func isLatinText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return s != ""
}

func isKana(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case r == ' ' || r == '・':
		case r >= 0x3041 && r <= 0x3096, r >= 0x30A1 && r <= 0x30FA, r == 'ー':
			n++
		default:
			return false
		}
	}
	return n > 0
}

// jaNameShape: 2–12 kanji/kana in at most two space-separated parts.
func jaNameShape(v string) bool {
	parts := strings.Fields(v)
	if len(parts) == 0 || len(parts) > 2 {
		return false
	}
	n := 0
	for _, r := range v {
		switch {
		case r == ' ':
			continue
		case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF, r >= 0xF900 && r <= 0xFAFF, r >= 0x20000 && r <= 0x2FFFF,
			r == '々', r >= 0x3041 && r <= 0x3096, r >= 0x30A1 && r <= 0x30FA, r == 'ー', r == '・':
		default:
			return false
		}
		n++
	}
	return n >= 2 && n <= 12
}
