package personname

import (
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors/internal/names"
	"github.com/mailsift/mailsift/detectors/internal/signature"
)

type cueKind int

const (
	cueHonorific  cueKind = iota // 様, さん … after a name
	cueTitle                     // 部長, 課長 … after a surname
	cueLabel                     // 氏名：, Name: … before a name
	cueKanaLabel                 // フリガナ： before a reading
	cueSalutation                // Dear, Hi … before a Latin name
	cuePrefix                    // Mr., Ms. … before a Latin name
	cueSignature                 // delimiters and contact labels: a signature may be near
	cueSignoff                   // "Best regards," at a line start: a name may follow
)

// cues are the keywords that start candidates (lower-case).
var cues = []struct {
	word string
	kind cueKind
}{
	{"様", cueHonorific}, {"さま", cueHonorific}, {"さん", cueHonorific}, {"殿", cueHonorific},
	{"氏", cueHonorific}, {"先生", cueHonorific}, {"君", cueHonorific}, {"くん", cueHonorific},
	{"ちゃん", cueHonorific},
	{"部長", cueTitle}, {"課長", cueTitle}, {"社長", cueTitle}, {"係長", cueTitle}, {"主任", cueTitle},
	{"専務", cueTitle}, {"常務", cueTitle}, {"室長", cueTitle}, {"支店長", cueTitle},
	{"氏名", cueLabel}, {"名前", cueLabel}, {"担当", cueLabel}, {"顧客名", cueLabel}, {"契約者", cueLabel},
	{"申込者", cueLabel}, {"代表者", cueLabel}, {"受取人", cueLabel}, {"宛名", cueLabel}, {"name", cueLabel},
	// pii-formats B13 (5): the account holder of a bank transfer, usually
	// in kana ("口座名義：ヤマダ タロウ").
	{"口座名義", cueLabel}, {"名義人", cueLabel},
	{"フリガナ", cueKanaLabel}, {"ふりがな", cueKanaLabel}, {"カナ", cueKanaLabel}, {"よみがな", cueKanaLabel},
	{"dear ", cueSalutation}, {"hi ", cueSalutation}, {"hi,", cueSalutation}, {"hello ", cueSalutation},
	{"hello,", cueSalutation},
	{"mr.", cuePrefix}, {"ms.", cuePrefix}, {"mrs.", cuePrefix}, {"dr.", cuePrefix}, {"prof.", cuePrefix},
	{"--", cueSignature}, {"━━", cueSignature}, {"==", cueSignature}, {"__", cueSignature}, {"**", cueSignature},
	{"──", cueSignature}, {"regards", cueSignoff}, {"sincerely", cueSignoff}, {"thanks", cueSignoff},
	{"cheers", cueSignoff}, {"best", cueSignoff}, {"thank you", cueSignoff},
	{"tel", cueSignature}, {"phone", cueSignature}, {"mobile", cueSignature}, {"fax", cueSignature},
	{"mail", cueSignature}, {"@", cueSignature}, {"携帯", cueSignature}, {"電話", cueSignature},
	{"〒", cueSignature}, {"メール", cueSignature},
}

// Windows. Signature lines use those of package signature.
const (
	honorificBack = 14 // runes before an honorific that may hold the name
)

// body finds names in running text.
func (f *finder) body() {
	s := f.t.Norm
	// Every occurrence of every cue, overlapping ones too; the order does
	// not matter: add keeps the best of each span, result() decides.
	cueSet.FindAll(s, func(start, k int) {
		c := cues[k]
		end := start + len(c.word)
		switch c.kind {
		case cueHonorific, cueTitle:
			f.honorific(start, end, c.kind == cueTitle)
		case cueLabel:
			f.label(start, end, false)
		case cueKanaLabel:
			f.label(start, end, true)
		case cueSalutation, cuePrefix:
			if wordStart(s, start) {
				if c.kind == cueSalutation {
					end-- // the space or comma after the word
				}
				f.latinAfter(start, end, c.kind)
			}
		case cueSignature:
			f.signatureNear(start)
		case cueSignoff:
			if lineStart(s, start) {
				f.signatureNear(start)
			}
		}
	})
}

// lineStart reports whether only spaces or quote marks stand between
// s[i] and the start of its line.
func lineStart(s string, i int) bool {
	for i > 0 {
		switch s[i-1] {
		case '\n':
			return true
		case ' ', '>', '\t':
			i--
		default:
			return false
		}
	}
	return true
}

func wordStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	c := s[i-1]
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
}

// honorific looks for a name right before the honorific (or title) at
// s[start:end]: kagome must tag the honorific 名詞,接尾,人名 (so 仕様,
// 様々, お客様 and 皆様 are not honorifics) and the words before it as 人名.
func (f *finder) honorific(start, end int, title bool) {
	s := f.t.Norm
	ws := start
	for n := 0; n < honorificBack && ws > 0; n++ {
		r, size := utf8.DecodeLastRuneInString(s[:ws])
		if r == '\n' || r == '。' || r == '、' || r == '」' || r == '「' || r == ':' || r == '(' || r == ')' {
			break
		}
		ws -= size
	}
	if ws == start {
		return
	}
	// A Latin name before the honorific: "Smith様", "John さん".
	if j := strings.TrimRight(s[ws:start], " "); j != "" && j[len(j)-1] < utf8.RuneSelf {
		f.latinBefore(ws, ws+len(j), title)
		return
	}
	// Two runes of what follows too: at the very end of its input
	// kagome reads "愛さん" as the verb 愛す ("愛さ" + "ん"), with the の after
	// it as the name 愛 and the honorific さん.
	we := end
	for n := 0; n < 2 && we < len(s); n++ {
		r, size := utf8.DecodeRuneInString(s[we:])
		if r == '\n' {
			break
		}
		we += size
	}
	window := s[ws:we]
	toks := f.d.lex.Tokens(window)
	// The token that ends at the honorific's start must be followed by it.
	k := -1
	for i, tk := range toks {
		if ws+tk.Start == start {
			k = i
			break
		}
	}
	if k <= 0 {
		return
	}
	if !title && !toks[k].Honorific && toks[k].Surface != "先生" {
		// After a space kagome may tag 様 as a common noun: accept it
		// when a name precedes the space.
		p := k - 1
		for p >= 0 && toks[p].Space {
			p--
		}
		if p == k-1 || p < 0 || toks[p].Kind == 0 {
			return // e.g. the さん of たくさん split oddly
		}
	}
	first, last := -1, -1
	var kinds names.Kind
	for i := k - 1; i >= 0; i-- {
		tk := toks[i]
		if tk.Kind == 0 && (tk.Place || tk.Org) {
			// Out of context kagome may take 太郎 for a place or 清水
			// for an organisation; the dictionary knows them as names.
			tk.Kind = f.d.lex.Kind(tk.Surface)
		}
		switch {
		case tk.Kind != 0:
			kinds |= tk.Kind
			first = i
			if last < 0 {
				last = i
			}
			continue
		case tk.Space, tk.Surface == "・" && last >= 0:
			continue
		case last < 0 && !title && kanjiOnly(tk.Surface) && len(signature.FindTitles(tk.Surface)) == 0:
			// 鬼頭奏汰様, 吉田 愛さん: the given name is unknown to the
			// dictionary (or a common word to it); take up to three kanji
			// after a surname, with or without a space between.
			tail := i
			for tail > 0 && kanjiOnly(toks[tail-1].Surface) && toks[tail-1].Kind == 0 && !toks[tail-1].Space {
				tail--
			}
			sur := tail - 1
			if sur > 0 && toks[sur].Space {
				sur--
			}
			if sur >= 0 && toks[sur].Kind&names.Surname != 0 && utf8.RuneCountInString(window[toks[tail].Start:toks[i].End]) <= 3 {
				last, first, kinds = i, sur, names.Surname|names.Given
				i = sur
				continue
			}
		}
		break
	}
	if first < 0 {
		return
	}
	if title && kinds&names.Surname == 0 {
		return // "新部長" and the like: a title after a surname only
	}
	nstart, nend := ws+toks[first].Start, ws+toks[last].End
	if s[nstart:nend] == "" || names.IsRole(s[nstart:nend]) {
		return
	}
	f.add(nstart, nend, confidence(kinds))
}

// confidence for a structural signal plus the dictionary kinds found.
func confidence(k names.Kind) float64 {
	if k&names.Surname != 0 && k&names.Given != 0 {
		return FullConfidence
	}
	return ConfirmedConfidence
}

func kanjiOnly(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 0x4E00 && r <= 0x9FFF || r == '々') {
			return false
		}
	}
	return true
}

// latinBefore checks Latin words in s[ws:we] before an honorific: the
// last one or two capitalized words.
func (f *finder) latinBefore(ws, we int, title bool) {
	s := f.t.Norm
	i := we
	words := 0
	for words < 2 {
		j := i
		for j > ws && s[j-1] == ' ' {
			j--
		}
		k := j
		for k > ws && isLatinLetter(s[k-1]) {
			k--
		}
		if k == j || !(s[k] >= 'A' && s[k] <= 'Z') {
			break
		}
		i = k
		words++
	}
	if words == 0 {
		return
	}
	f.latinName(i, we, false)
}

func isLatinLetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '\''
}

// latinName reports the capitalized words in s[start:end] if the name
// lists know one of them (structure is already given by the caller);
// strong marks a structural signal that is enough alone.
func (f *finder) latinName(start, end int, strong bool) {
	s := f.t.Norm
	text := s[start:end]
	if names.IsRole(text) {
		return
	}
	var k names.Kind
	n := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == ',' }) {
		if !capitalized(w) {
			return
		}
		k |= names.LatinKind(strings.TrimSuffix(w, "."))
		n++
	}
	switch {
	case n == 0:
	case k != 0:
		f.add(start, end, confidence(k))
	case strong && n >= 2:
		f.add(start, end, StructureConfidence)
	}
}

// capitalized reports whether w can be a word of a Latin name: a capital
// and letters, maybe a final dot. Capitals inside the word are fine after
// a prefix ("McKee", "DeVore", "O'Brien"), but not two in a row after a
// small letter: that is a brand or a list's name ("FoRK", "SpamAssassinML").
func capitalized(w string) bool {
	if w == "" || w[0] < 'A' || w[0] > 'Z' || len(w) > 20 {
		return false
	}
	lower := false
	for i := 1; i < len(w); i++ {
		c := w[i]
		if !isLatinLetter(c) && !(c == '.' && i == len(w)-1) {
			return false
		}
		if lower && c >= 'A' && c <= 'Z' && i+1 < len(w) && w[i+1] >= 'A' && w[i+1] <= 'Z' {
			return false
		}
		if c >= 'a' && c <= 'z' {
			lower = true
		}
	}
	return true
}

// latinAfter takes up to three capitalized words after a salutation or a
// Mr./Ms. prefix ("Dear Mr. John Smith,", "Hi Taro,").
func (f *finder) latinAfter(start, end int, kind cueKind) {
	s := f.t.Norm
	i := end
	if kind == cueSalutation {
		if i < len(s) && s[i] != ' ' && s[i] != ',' {
			return // "Hiroshi", "Dearborn"
		}
	}
	for i < len(s) && (s[i] == ' ' || s[i] == ',') {
		i++
	}
	if kind == cueSalutation { // skip a title: Dear Mr. Smith
		for _, p := range []string{"Mr. ", "Ms. ", "Mrs. ", "Dr. ", "Prof. ", "Mr ", "Ms ", "Mrs "} {
			if strings.HasPrefix(s[i:], p) {
				i += len(p)
				break
			}
		}
	}
	nstart, j := i, i
	for words := 0; words < 3; words++ {
		k := j
		for k < len(s) && (isLatinLetter(s[k]) || s[k] == '.' && k > j && k+1 < len(s) && s[k+1] == ' ') {
			k++
		}
		if k == j || !capitalized(s[j:k]) {
			break
		}
		j = k
		if j+1 < len(s) && s[j] == ' ' && s[j+1] >= 'A' && s[j+1] <= 'Z' {
			j++
			continue
		}
		break
	}
	nend := j
	for nend > nstart && (s[nend-1] == ' ' || s[nend-1] == '.') {
		nend--
	}
	if nend <= nstart {
		return
	}
	f.latinName(nstart, nend, false)
}
