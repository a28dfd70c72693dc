package age

import (
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors/internal/jdate"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// personWords in front of "NN歳" make it a person's age: 満35歳, 当時35歳.
var personWords = textscan.NewWordPrefixes("満", "当時", "現在", "享年", "年齢", "数え")

// notPersonBefore in front of an age make it a rule, an average or the
// age of something else: 対象年齢, 平均年齢, 定年60歳, 肌年齢 25歳.
var notPersonBefore = textscan.NewWordPrefixes(
	"対象", "推奨", "定年", "上限", "下限", "平均", "制限", "最低", "最高", "目安", "適正",
	"肌", "精神", "血管", "骨", "脳", "体内", "実年齢",
)

// thresholdAfter follow an age that is a threshold or the end of a range.
var thresholdAfter = []string{"以上", "以下", "未満", "超", "から", "まで", "より", "~", "〜", "-", "代", "前後", "程度", "くらい", "児"}

// notPersonAfter follow a unit (歳/才) that is not a person's age:
// thresholds, ranges, age groups, words with 歳.
var notPersonAfter = []string{
	"児", "以上", "以下", "未満", "超", "から", "まで", "より", "~", "〜", "-", "代", "前後", "程度",
	"くらい", "ぐらい", "位", "向け", "用", "頃", "ごろ", "以降", "以前", "入", "出", "末", "月", "差", "暮",
	"刻み", "毎", "ごと", "の方", "の子", "のお子", "のこども", "の子ども", "の子供", "前", "上", "下",
}

// rangeBefore end the text in front of the second age of a range:
// "3〜5歳", "3歳から5歳".
var rangeBefore = []string{"~", "〜", "-", "から", "より", "・", "/"}

// unitAges finds "NN歳" and "NN才".
func unitAges(s string, cs []candidate) []candidate {
	for _, unit := range []string{"歳", "才"} {
		for off := 0; ; {
			k := strings.Index(s[off:], unit)
			if k < 0 {
				break
			}
			k += off
			off = k + len(unit)
			if c, ok := unitAge(s, k, unit); ok {
				cs = append(cs, c)
			}
		}
	}
	return cs
}

// unitAge judges the unit at s[k:].
func unitAge(s string, k int, unit string) (candidate, bool) {
	end := k + len(unit)
	numEnd := k
	if numEnd > 0 && s[numEnd-1] == ' ' {
		numEnd--
	}
	numStart, value, ok := numberBefore(s, numEnd)
	if !ok {
		return candidate{}, false
	}
	rest := s[end:]
	for _, w := range notPersonAfter {
		if strings.HasPrefix(rest, w) {
			// "3歳の子ども" is still a child's age; these lists of the
			// young mark programmes: "3歳の方から", "3歳の子から".
			if strings.HasPrefix(w, "の") && !strings.Contains(firstRunes(rest, 12), "から") &&
				!strings.Contains(firstRunes(rest, 12), "まで") && !strings.Contains(firstRunes(rest, 12), "以上") {
				continue
			}
			return candidate{}, false
		}
	}
	before := before(s, numStart, 8)
	trimmed := strings.TrimRight(before, " ")
	for _, w := range rangeBefore {
		if strings.HasSuffix(trimmed, w) {
			return candidate{}, false
		}
	}
	if notPersonBefore.LastEnd(before) >= 0 {
		return candidate{}, false
	}
	c := candidate{start: numStart, end: end, value: value, confidence: BareConfidence}
	if kw := personWords.LastEnd(before); kw >= 0 && onlySeparators(before[kw:]) {
		c.confidence = LabelConfidence
	} else if personNear(s, numStart, end) {
		c.confidence = PersonConfidence
	}
	return c, true
}

// personNear reports whether a gender word or parentheses around the age
// say it is a person's: "(35歳)", "35歳・男性", "女性 42歳".
func personNear(s string, start, end int) bool {
	b := strings.TrimRight(before(s, start, 4), " ・、,/")
	a := strings.TrimLeft(firstRunes(s[end:], 4), " ・、,/")
	if strings.HasSuffix(b, "(") && (strings.HasPrefix(a, ")") || strings.HasPrefix(a, "男") || strings.HasPrefix(a, "女")) {
		return true
	}
	return strings.HasSuffix(b, "男") || strings.HasSuffix(b, "女") || strings.HasSuffix(b, "男性") ||
		strings.HasSuffix(b, "女性") || strings.HasPrefix(a, "男") || strings.HasPrefix(a, "女")
}

// labelAges finds "年齢: 42", "年齢(満)42歳".
func labelAges(s string, cs []candidate) []candidate {
	const label = "年齢"
	for off := 0; ; {
		k := strings.Index(s[off:], label)
		if k < 0 {
			break
		}
		k += off
		off = k + len(label)
		if notPersonBefore.LastEnd(before(s, k, 3)) >= 0 {
			continue
		}
		j := skipSeparators(s, off)
		if strings.HasPrefix(s[j:], "(満)") {
			j = skipSeparators(s, j+len("(満)"))
		}
		if strings.HasPrefix(s[j:], "満") {
			j += len("満")
		}
		if c, ok := numberAfter(s, j); ok && c.start-off <= 12 {
			c.confidence = LabelConfidence
			cs = append(cs, c)
		}
	}
	return cs
}

// numberAfter reads an age at s[j:]: a number, optionally with 歳/才, not
// part of a range, threshold or decimal.
func numberAfter(s string, j int) (candidate, bool) {
	v, size, digits, ok := readNumber(s[j:])
	if !ok || digits > 3 {
		return candidate{}, false
	}
	end := j + size
	rest := s[end:]
	if r := strings.TrimLeft(rest, " "); strings.HasPrefix(r, "歳") || strings.HasPrefix(r, "才") {
		unitEnd := end + len(rest) - len(r) + len("歳")
		for _, w := range thresholdAfter {
			if strings.HasPrefix(s[unitEnd:], w) {
				return candidate{}, false
			}
		}
		return candidate{start: j, end: unitEnd, value: v}, true
	}
	if rest != "" {
		c := rest[0]
		switch {
		case c >= '0' && c <= '9', c == '%', c == '+', c == '-', c == '~', c == '/', c == ':':
			return candidate{}, false
		case (c == '.' || c == ',') && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9':
			return candidate{}, false // 35.5, 1,234
		case textscan.IsLetter(c):
			if !startsWord(rest, "years") && !startsWord(rest, "yrs") && !startsWord(rest, "y") {
				return candidate{}, false
			}
		}
		for _, w := range []string{"〜", "代", "以上", "以下", "未満", "から", "まで", "ヶ月", "か月", "カ月", "年", "月", "日", "人", "名", "円", "件", "回"} {
			if strings.HasPrefix(rest, w) {
				return candidate{}, false
			}
		}
		if r := strings.TrimLeft(rest, " "); strings.HasPrefix(r, "to ") || strings.HasPrefix(r, "-") || strings.HasPrefix(r, "~") {
			return candidate{}, false
		}
	}
	return candidate{start: j, end: end, value: v}, true
}

// readNumber reads ASCII digits or kanji numerals at the start of s.
func readNumber(s string) (value, size, digits int, ok bool) {
	n := 0
	v := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		if n < 4 {
			v = v*10 + int(s[n]-'0')
		}
		n++
	}
	if n > 0 {
		return v, n, n, true
	}
	return jdate.KanjiNumber(s)
}

// numberBefore reads the number that ends at s[end]: 1–3 ASCII digits, or
// kanji numerals. It fails when more digits, a decimal point or a letter
// precede it.
func numberBefore(s string, end int) (start, value int, ok bool) {
	i := end
	for i > 0 && end-i < 4 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	if i < end {
		if end-i > 3 || (i > 0 && (textscan.IsLetter(s[i-1]) || s[i-1] == '.' || s[i-1] == ',' || (s[i-1] >= '0' && s[i-1] <= '9'))) {
			return 0, 0, false
		}
		v := 0
		for _, c := range []byte(s[i:end]) {
			v = v*10 + int(c-'0')
		}
		return i, v, true
	}
	// Kanji numerals: walk back over them, then read forward.
	i = end
	for n := 0; i > 0 && n < 6; n++ {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !isKanjiNumeral(r) {
			break
		}
		i -= size
	}
	if i == end {
		return 0, 0, false
	}
	v, size, _, ok := jdate.KanjiNumber(s[i:end])
	if !ok || i+size != end {
		return 0, 0, false
	}
	return i, v, true
}

func isKanjiNumeral(r rune) bool {
	return strings.ContainsRune("〇一二三四五六七八九十百", r)
}

// englishAges finds "age 35", "Age: 35", "aged 35", "at the age of 35",
// "35 years old", "35-year-old", "35 y/o".
func englishAges(s string, cs []candidate) []candidate {
	for i := 0; i+3 <= len(s); i++ {
		c := s[i]
		if c|0x20 != 'a' || (i > 0 && textscan.IsLetter(s[i-1])) || !textscan.HasPrefixFold(s[i:], "age") {
			continue
		}
		j := i + 3
		if j < len(s) && s[j]|0x20 == 'd' {
			j++
		}
		if j < len(s) && textscan.IsLetter(s[j]) {
			continue
		}
		if englishNotPerson(s, i) {
			continue
		}
		j = skipSeparators(s, j)
		for _, w := range []string{"of ", "is ", "was "} {
			if textscan.HasPrefixFold(s[j:], w) {
				j = skipSeparators(s, j+len(w))
			}
		}
		if j >= len(s) || s[j] < '0' || s[j] > '9' || j-i > 16 || generalAge(s, i) {
			continue
		}
		if c, ok := numberAfter(s, j); ok && !openEnded(s[c.end:]) && !otherUnit(s[c.end:]) {
			c.confidence = LabelConfidence
			cs = append(cs, c)
		}
	}
	return yearsOld(s, cs)
}

// openEnded reports whether the text after an age makes it a threshold
// ("age 18 and up", "age 65+", "age 21 or older"), not a person's age.
func openEnded(rest string) bool {
	r := strings.ToLower(strings.TrimLeft(rest, " "))
	for _, p := range []string{"+", "and up", "and over", "and older", "and above", "or older", "or over", "or above", "or more"} {
		if strings.HasPrefix(r, p) {
			return true
		}
	}
	return false
}

// englishNotPerson reports whether the word before "age" at s[i] makes it
// an average, a limit or the age of something else.
func englishNotPerson(s string, i int) bool {
	j := i
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	k := j
	for k > 0 && textscan.IsLetter(s[k-1]) {
		k--
	}
	word := strings.ToLower(s[k:j])
	switch word {
	case "to", "until", "till", "through", // "issued to age 85", "up to age 65": a limit
		"average", "minimum", "min", "max", "maximum", "mean", "median", "retirement", "legal", "drinking",
		"voting", "target", "under", "over", "school", "gestational", "bone", "skin", "mental", "reading",
		"dark", "stone", "ice", "iron", "bronze", "golden", "new", "digital", "information", "space", "middle":
		return true
	}
	return false
}

// yearsOld finds "35 years old", "35-year-old", "35 yrs old", "35 y/o".
func yearsOld(s string, cs []candidate) []candidate {
	for _, tail := range []string{"years old", "year old", "year-old", "yrs old", "y/o"} {
		for off := 0; ; {
			k := textscan.IndexFold(s[off:], tail)
			if k < 0 {
				break
			}
			k += off
			off = k + len(tail)
			if off < len(s) && textscan.IsLetter(s[off]) && tail != "y/o" {
				continue
			}
			j := k
			if j > 0 && (s[j-1] == ' ' || s[j-1] == '-') {
				j--
			}
			start, v, ok := numberBefore(s, j)
			if !ok || start == j || s[start] < '0' || s[start] > '9' {
				continue
			}
			b := strings.TrimRight(before(s, start, 12), " ")
			lower := strings.ToLower(b)
			if strings.HasSuffix(b, "-") || strings.HasSuffix(b, "~") || strings.HasSuffix(lower, " to") ||
				strings.HasSuffix(lower, "under") || strings.HasSuffix(lower, "over") || strings.HasSuffix(lower, "than") ||
				strings.HasSuffix(lower, "least") || strings.HasSuffix(lower, "and") || strings.HasSuffix(lower, "or") ||
				strings.HasSuffix(lower, "from") {
				continue
			}
			if openEnded(s[off:]) {
				continue // "18 years old and up": a threshold, no one's age
			}
			if (tail == "year-old" || tail == "year old") && (thingAfter(s[off:]) || groupAfter(s, start, off)) {
				// The adjective of a thing: "a 112-year-old system",
				// "a 14 year old fortune 500 company"; or of a class of
				// people: "18 year old girls". (Allowing only person words
				// after it lost 40% of the real ages on SpamAssassin:
				// schoolgirl, psychiatrist, names, verbs.)
				continue
			}
			if hypothetical(s, start) {
				continue // "Assumes 55 year old …", "your 17-year-old son"
			}
			cs = append(cs, candidate{start: start, end: off, value: v, confidence: BareConfidence})
		}
	}
	return cs
}

// ageColumn holds the words of an age column header.
var ageColumn = textscan.NewWordPrefixes("年齢", "age")

func isAgeColumn(col string) bool {
	return col != "" && ageColumn.LastEnd(col) >= 0 && notPersonBefore.LastEnd(col) < 0 &&
		!strings.Contains(strings.ToLower(col), "average") && !strings.Contains(col, "制限")
}

// columnAge reads a cell of an age column: "42", "42歳".
func columnAge(s string) (candidate, bool) {
	t := strings.TrimSpace(s)
	start := strings.Index(s, t)
	if t == "" {
		return candidate{}, false
	}
	c, ok := numberAfter(s, start)
	if !ok || c.end != start+len(t) {
		return candidate{}, false
	}
	c.confidence = LabelConfidence
	return c, true
}

// before returns at most n runes of s that end at byte i.
func before(s string, i, n int) string {
	j := i
	for ; n > 0 && j > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:j])
		j -= size
	}
	return s[j:i]
}

// firstRunes returns at most n runes from the start of s.
func firstRunes(s string, n int) string {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// onlySeparators reports whether gap holds nothing but label separators.
func onlySeparators(gap string) bool {
	return strings.Trim(gap, " :=|()は、,\t") == ""
}

// skipSeparators skips spaces, colons and the like after a label.
func skipSeparators(s string, j int) int {
	for n := 0; j < len(s) && n < 6; n++ {
		switch {
		case s[j] == ' ' || s[j] == ':' || s[j] == '=' || s[j] == '|' || s[j] == '\t':
			j++
		case strings.HasPrefix(s[j:], "は"):
			j += len("は")
		default:
			return j
		}
	}
	return j
}

func startsWord(s, lower string) bool {
	return textscan.HasPrefixFold(s, lower) && (len(s) == len(lower) || !textscan.IsLetter(s[len(lower)]))
}

// otherUnit reports whether the number before rest is counted in another
// unit than years ("Age: 21 months"): its value is not the age in years.
func otherUnit(rest string) bool {
	w := nextWord(rest)
	switch w {
	case "month", "months", "mo", "mos", "week", "weeks", "wk", "wks", "day", "days":
		return true
	}
	return false
}

// nextWord returns the lower-cased ASCII word that starts rest after
// spaces (and a hyphen), "" if rest starts with something else.
func nextWord(rest string) string {
	r := strings.TrimLeft(rest, " -")
	k := 0
	for k < len(r) && textscan.IsLetter(r[k]) {
		k++
	}
	return strings.ToLower(r[:k])
}

// thingNoun are words after "N-year-old" that make it the age of a thing.
var thingNoun = wordSet(`company companies firm business corporation brand enterprise
		system systems software program programme code codebase database server network technology
		computer machine engine product products service services website site magazine newspaper
		building buildings house home church temple school university hospital bridge castle tower
		car truck boat ship plane tree forest dog cat horse animal pet snack recipe wine whisky whiskey
		bottle book song film movie record law tradition institution organization organisation group
		club band team party debate dispute problem mystery case policy practice standard tax treaty
		economy market industry game`)

// wordSet makes a set of the words of s.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
