package jdate

import (
	"strings"
	"unicode/utf8"
)

// cursor reads a date from s at byte i.
type cursor struct {
	s string
	i int
}

// num is a number read from the text.
type num struct {
	value  int
	digits int  // decimal digits of the value as written (positional) or of the value
	kanji  bool // written in kanji numerals
}

// eraToken is an era name, ligature or letter.
type eraToken struct {
	era    Era
	letter bool // JIS X 0301 letter form: H2.5.3
}

// eraNames are the era names and their ligatures (NFKC turns the ligatures
// into the names; raw text may still hold them).
var eraNames = [...]struct {
	text string
	era  Era
}{
	{"令和", Reiwa}, {"平成", Heisei}, {"昭和", Showa}, {"大正", Taisho}, {"明治", Meiji},
	{"\u32FF", Reiwa}, {"\u337B", Heisei}, {"\u337C", Showa}, {"\u337D", Taisho}, {"\u337E", Meiji},
}

// era reads an era name, ligature, or letter directly followed by a digit.
func (p *cursor) era() (eraToken, bool) {
	s := p.s[p.i:]
	if s == "" {
		return eraToken{}, false
	}
	if c := s[0]; c < utf8.RuneSelf {
		var e Era
		switch c {
		case 'R':
			e = Reiwa
		case 'H':
			e = Heisei
		case 'S':
			e = Showa
		case 'T':
			e = Taisho
		case 'M':
			e = Meiji
		default:
			return eraToken{}, false
		}
		if len(s) < 2 || s[1] < '0' || s[1] > '9' {
			return eraToken{}, false
		}
		p.i++
		return eraToken{era: e, letter: true}, true
	}
	for _, n := range eraNames {
		if strings.HasPrefix(s, n.text) {
			p.i += len(n.text)
			return eraToken{era: n.era}, true
		}
	}
	return eraToken{}, false
}

// maxNumberRunes bounds a number's length: 8 digits (19850312) or a kanji
// numeral like 千九百八十五.
const maxNumberRunes = 8

// number reads a number of at most maxDigits decimal digits: ASCII or
// full-width digits, or kanji numerals, positional (一九八五, 二〇〇五) or
// with units (六十, 二十三, 十二, 千九百八十五). It does not move on failure.
func (p *cursor) number(maxDigits int) (num, bool) {
	start := p.i
	n, ok := p.digits()
	if !ok {
		n, ok = p.kanjiNumber()
	}
	if !ok || n.digits > maxDigits {
		p.i = start
		return num{}, false
	}
	return n, true
}

// digits reads ASCII and full-width digits.
func (p *cursor) digits() (num, bool) {
	var n num
	j := p.i
	for j < len(p.s) {
		d, size := digitAt(p.s, j)
		if size == 0 {
			break
		}
		if n.digits == maxNumberRunes {
			return num{}, false
		}
		n.value = n.value*10 + d
		n.digits++
		j += size
	}
	if n.digits == 0 {
		return num{}, false
	}
	p.i = j
	return n, true
}

// digitAt returns the ASCII or full-width digit at s[j] and its size, or
// size 0.
func digitAt(s string, j int) (int, int) {
	if j >= len(s) {
		return 0, 0
	}
	if c := s[j]; c >= '0' && c <= '9' {
		return int(c - '0'), 1
	}
	// U+FF10..U+FF19 is EF BC 90..99.
	if j+2 < len(s) && s[j] == 0xEF && s[j+1] == 0xBC && s[j+2] >= 0x90 && s[j+2] <= 0x99 {
		return int(s[j+2] - 0x90), 3
	}
	return 0, 0
}

// kanjiDigit returns the value of a kanji numeral: 0..9 for digits, 10,
// 100 or 1000 for units, -1 otherwise.
func kanjiDigit(r rune) int {
	switch r {
	case '〇', '零':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	}
	return -1
}

// kanjiNumber reads kanji numerals.
func (p *cursor) kanjiNumber() (num, bool) {
	v, size, digits, ok := KanjiNumber(p.s[p.i:])
	if !ok {
		return num{}, false
	}
	p.i += size
	return num{value: v, digits: digits, kanji: true}, true
}

// KanjiNumber reads the kanji numeral at the start of s, positional
// (一九八五, 二〇〇五) or with units (六十, 二十三, 十二, 千九百八十五), of at
// most 8 characters. It returns the value, its size in bytes and its
// number of decimal digits as written (positional) or of the value
// (units). Units must decrease (百 after 十 is not a number).
func KanjiNumber(s string) (value, size, digits int, ok bool) {
	var (
		runes    int
		units    bool
		total    int
		cur      = -1 // pending digit
		lastUnit = 10000
		posVal   int
		posN     int
	)
	j := 0
	for j < len(s) && runes < maxNumberRunes+1 {
		r, sz := utf8.DecodeRuneInString(s[j:])
		d := kanjiDigit(r)
		if d < 0 {
			break
		}
		runes++
		if runes > maxNumberRunes {
			return 0, 0, 0, false
		}
		if d >= 10 {
			if d >= lastUnit {
				break
			}
			units, lastUnit = true, d
			if cur < 0 {
				cur = 1
			} else if cur == 0 {
				return 0, 0, 0, false
			}
			total += cur * d
			cur = -1
		} else {
			if cur >= 0 && units {
				break // two digits in a row after a unit: 二十三四
			}
			if cur >= 0 {
				cur = cur*10 + d // positional so far
			} else {
				cur = d
			}
			posVal, posN = posVal*10+d, posN+1
		}
		j += sz
	}
	if runes == 0 {
		return 0, 0, 0, false
	}
	if !units {
		return posVal, j, posN, true
	}
	if cur >= 10 {
		return 0, 0, 0, false // positional digits mixed with units
	}
	if cur > 0 {
		total += cur
	}
	return total, j, len(itoa(total)), true
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// spaces skips up to three spaces, tabs or ideographic spaces.
func (p *cursor) spaces() {
	for n := 0; n < 3 && p.i < len(p.s); n++ {
		switch {
		case p.s[p.i] == ' ' || p.s[p.i] == '\t':
			p.i++
		case strings.HasPrefix(p.s[p.i:], "\u3000"):
			p.i += len("\u3000")
		default:
			return
		}
	}
}

func (p *cursor) has(lit string) bool { return strings.HasPrefix(p.s[p.i:], lit) }

func (p *cursor) byte(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// sep reads a date separator: '-', '/' or '.'.
func (p *cursor) sep() (byte, bool) {
	if p.i < len(p.s) {
		switch c := p.s[p.i]; c {
		case '-', '/', '.':
			p.i++
			return c, true
		}
	}
	return 0, false
}

// rightBoundary reports whether a date may end at p.i: no digit follows,
// nor a separator and a digit (1985-03-12-5, 1985.3.12.1 are something
// else).
func (p *cursor) rightBoundary() bool {
	if _, size := digitAt(p.s, p.i); size > 0 {
		return false
	}
	if p.i+1 < len(p.s) {
		switch p.s[p.i] {
		case '-', '/', '.', ':':
			if _, size := digitAt(p.s, p.i+1); size > 0 {
				return false
			}
		}
	}
	return true
}

// isDigitBefore reports whether the rune before s[i] is a digit.
func isDigitBefore(s string, i int) bool {
	c := s[i-1]
	if c >= '0' && c <= '9' {
		return true
	}
	return i >= 3 && s[i-3] == 0xEF && s[i-2] == 0xBC && c >= 0x90 && c <= 0x99
}

func skipDigits(s string, i int) int {
	for i < len(s) {
		_, size := digitAt(s, i)
		if size == 0 {
			break
		}
		i += size
	}
	return i
}

// isStartLetter reports whether c may start a date: an English month
// name's initial or an era letter.
func isStartLetter(c byte) bool {
	switch c | 0x20 {
	case 'j', 'f', 'm', 'a', 's', 'o', 'n', 'd':
		return true
	}
	return c == 'R' || c == 'H' || c == 'T'
}

func isAlnum(c byte) bool {
	return (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// mayStartRune reports whether the non-ASCII rune at s[i] may start a
// date: an era name or ligature, a kanji numeral, a full-width digit.
func mayStartRune(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	switch r {
	case '令', '平', '昭', '大', '明', '\u32FF', '\u337B', '\u337C', '\u337D', '\u337E':
		return true
	}
	if r >= '０' && r <= '９' {
		return true
	}
	return kanjiDigit(r) >= 0
}

func runeLen(c byte) int {
	switch {
	case c < 0xC0:
		return 1
	case c < 0xE0:
		return 2
	case c < 0xF0:
		return 3
	}
	return 4
}
