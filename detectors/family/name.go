package family

import (
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors/internal/names"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// maxNameRunes bounds a Japanese name; maxLatinWords a Latin one.
const (
	maxNameRunes  = 12
	maxLatinWords = 3
)

// name is a family member's name found in the text.
type name struct {
	start, end int
	value      string
	confidence float64
}

// isNameRune reports whether r may be part of a Japanese name: kanji,
// kana, 々, ヶ, ー.
func isNameRune(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3041 && r <= 0x3096 || r >= 0x30A1 && r <= 0x30FA ||
		r == '々' || r == 'ヶ' || r == 'ー' || r == '〆'
}

func isHiragana(r rune) bool { return r >= 0x3041 && r <= 0x3096 }

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// nameAt reads the name that starts at s[i]: Latin or Japanese by its
// first letter.
func (d *Detector) nameAt(s string, i int) (name, bool) {
	if i >= len(s) {
		return name{}, false
	}
	if textscan.IsLetter(s[i]) {
		return latinNameAt(s, i)
	}
	return d.jaNameAt(s, i)
}

// jaNameAt reads a Japanese name at s[i]: a run of name runes, with one
// space between family and given name at most ("山田 花子"), of which the
// dictionary knows the leading words as names. An honorific or a
// particle may follow the name ("花子さん", "花子より"); another word may
// not ("花子長男"), except after the space ("花子 長男 一郎" reads "花子").
func (d *Detector) jaNameAt(s string, i int) (name, bool) {
	end, gap, runes := i, -1, 0
	for end < len(s) && runes < maxNameRunes {
		r, size := utf8.DecodeRuneInString(s[end:])
		if isNameRune(r) {
			end += size
			runes++
			continue
		}
		if r == ' ' && gap < 0 && runes > 0 && runes <= 5 && isNameRune(firstRune(s[end+1:])) {
			gap = end
			end += size
			continue
		}
		break
	}
	if runes == 0 {
		return name{}, false
	}
	if n, k := d.analyse(s[i:end]); k != 0 {
		return d.jaName(s, i, i+n, k)
	}
	if gap > 0 {
		if n, k := d.analyse(s[i:gap]); k != 0 {
			return d.jaName(s, i, i+n, k)
		}
	}
	return name{}, false
}

// jaNameBefore reads the Japanese name that ends at s[end] (before "(妻)"):
// the longest run of name words that ends there, in the name runes and
// one space before it ("連絡先は山田花子" reads "山田花子"). A trailing
// honorific is dropped ("花子さん").
func (d *Detector) jaNameBefore(s string, end int) (name, bool) {
	start, runes, gap := end, 0, false
	for start > 0 && runes < maxNameRunes {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if isNameRune(r) {
			start -= size
			runes++
			continue
		}
		if r == ' ' && !gap && runes > 0 && start > 1 && isNameRune(lastRune(s[:start-1])) {
			gap = true
			start -= size
			continue
		}
		break
	}
	if runes == 0 {
		return name{}, false
	}
	v := s[start:end]
	if len(v) > 0 && v[0] == ' ' {
		start++
		v = v[1:]
	}
	toks := d.lex.Tokens(v)
	last := len(toks) - 1
	for last >= 0 && (toks[last].Honorific || toks[last].Space) {
		last--
	}
	first, k := -1, names.Kind(0)
	for i := last; i >= 0; i-- {
		tk := toks[i]
		if tk.Space {
			continue
		}
		kind := d.tokenKind(tk)
		if kind == 0 && i == last && kanjiOnly(tk.Surface) && utf8.RuneCountInString(tk.Surface) <= 3 && i > 0 &&
			d.tokenKind(toks[prevWord(toks, i)])&names.Surname != 0 {
			kind = names.Given // a rare given name after a surname: "山田 翔"
		}
		if kind == 0 {
			break
		}
		k |= kind
		first = i
	}
	if first < 0 {
		return name{}, false
	}
	return d.jaName(s, start+toks[first].Start, start+toks[last].End, k)
}

// prevWord returns the index of the token before toks[i] that is not a
// space (0 if none).
func prevWord(toks []names.Token, i int) int {
	for i--; i > 0 && toks[i].Space; i-- {
	}
	return max(i, 0)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// jaName returns the name s[start:end] of kinds k. A name of one rune
// is rather a form's answer ("配偶者：有", "続柄：子").
func (d *Detector) jaName(s string, start, end int, k names.Kind) (name, bool) {
	v := strings.ReplaceAll(s[start:end], " ", "")
	if utf8.RuneCountInString(v) < 2 || names.IsRole(v) {
		return name{}, false
	}
	conf := NameConfidence
	if k&names.Surname != 0 && k&names.Given != 0 {
		conf = FullNameConfidence
	}
	return name{start, end, v, conf}, true
}

// analyse returns the length of the name that v starts with and its
// kinds: the leading words of v that the dictionary knows as names (a
// surname followed by up to three unknown kanji counts as surname and
// given name), up to the end of v, an honorific or a particle; else 0.
func (d *Detector) analyse(v string) (n int, k names.Kind) {
	toks := d.lex.Tokens(v)
	for i, tk := range toks {
		kind := d.tokenKind(tk)
		switch {
		case kind != 0:
			k |= kind
			n = tk.End
		case tk.Space:
		case i > 0 && k == names.Surname && kanjiOnly(tk.Surface) && utf8.RuneCountInString(v[tk.Start:]) <= 3:
			k |= names.Given
			n = tk.End
		case tk.Honorific || isHiragana(firstRune(tk.Surface)) && i > 0:
			return n, k
		default:
			return 0, 0
		}
	}
	return n, k
}

// tokenKind is the name kinds of a token; out of context kagome may tag
// a surname as a place (松本) or an organisation (清水).
func (d *Detector) tokenKind(tk names.Token) names.Kind {
	if tk.Kind == 0 && (tk.Place || tk.Org) {
		return d.lex.Kind(tk.Surface)
	}
	return tk.Kind
}

// kanjiOnly reports whether s is a word of kanji (and 々) only.
func kanjiOnly(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !(r >= 0x4E00 && r <= 0x9FFF || r == '々') }) < 0
}

// notNames are capitalized words that fill a name field without being a
// name.
var notNames = map[string]bool{
	"not": true, "none": true, "no": true, "yes": true, "n/a": true, "na": true, "applicable": true,
	"unknown": true, "single": true, "married": true, "divorced": true, "widowed": true, "same": true,
	"see": true, "above": true, "below": true, "the": true, "a": true, "tbd": true, "name": true,
	"please": true, "deceased": true, "nil": true, "and": true, "of": true, "information": true,
}

// titles may precede a Latin name.
var titles = []string{"Mr. ", "Mrs. ", "Ms. ", "Dr. ", "Mr ", "Mrs ", "Ms ", "Dr "}

// latinNameAt reads a Latin name at s[i]: one to maxLatinWords
// capitalized words or initials after an optional title. One of them
// must be a known name, or there must be two words at least, none of
// them a word that fills forms ("Not Applicable", "None").
func latinNameAt(s string, i int) (name, bool) {
	for _, t := range titles {
		if strings.HasPrefix(s[i:], t) {
			i += len(t)
			break
		}
	}
	start, end, words, known := i, i, 0, false
	for words < maxLatinWords && i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		j := i + 1
		for j < len(s) && (textscan.IsLetter(s[j]) || s[j] == '\'' || s[j] == '-') {
			j++
		}
		w := s[i:j]
		if j < len(s) && s[j] == '.' && j-i == 1 {
			j++ // an initial: "J."
		} else if len(w) < 2 || notNames[textscan.ASCIILower(w)] {
			return name{}, false
		}
		known = known || names.IsLatinName(w)
		words++
		end = j
		if j+1 < len(s) && s[j] == ' ' && s[j+1] >= 'A' && s[j+1] <= 'Z' {
			i = j + 1
			continue
		}
		break
	}
	if words == 0 || end < len(s) && (textscan.IsLetter(s[end]) || s[end] >= '0' && s[end] <= '9') {
		return name{}, false
	}
	conf := LatinConfidence
	switch {
	case known:
	case words >= 2:
		conf = ShapeConfidence
	default:
		return name{}, false
	}
	return name{start, end, s[start:end], conf}, true
}

// latinNameBefore reads the Latin name that ends at s[end] ("John Doe"
// before " (son)").
func latinNameBefore(s string, end int) (name, bool) {
	i := end
	for i > 0 && end-i < 60 && (textscan.IsLetter(s[i-1]) || strings.IndexByte(" .'-", s[i-1]) >= 0) {
		i--
	}
	for ; i < end; i++ {
		if (i == 0 || s[i-1] == ' ') && s[i] >= 'A' && s[i] <= 'Z' {
			if n, ok := latinNameAt(s, i); ok && n.end == end {
				return n, true
			}
		}
	}
	return name{}, false
}
