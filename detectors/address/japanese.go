package address

import (
	"strings"
	"unicode/utf8"
)

// japanese finds the Japanese addresses of s that start at an anchor: 〒,
// a prefecture or a big city not preceded by other place characters
// ("中央区" in "大阪市中央区" is read with 大阪市).
func japanese(s string, as []anchor) []span {
	var out []span
	last := 0 // end of the last address: anchors inside it are skipped
	for _, a := range as {
		if a.kind == labelWord || a.start < last {
			continue
		}
		if a.kind == bigCityName {
			if r, _ := utf8.DecodeLastRuneInString(s[:a.start]); isPlaceRune(r) {
				continue
			}
		}
		if sp, ok := parseJapanese(s, a.start, false); ok {
			out = append(out, sp)
			last = sp.end
		}
	}
	return out
}

// address is what parseJapanese found.
type address struct {
	postal, prefecture, municipality, town bool
	numbers                                int // numbers of the block (1-2-3 has 3)
	bigCity                                bool
}

// parseJapanese reads a Japanese address at s[i:]: [〒ddd-dddd]
// [prefecture] municipality [town] [block [building]]. labelled is set
// after a label, which makes a shorter address acceptable.
func parseJapanese(s string, i int, labelled bool) (span, bool) {
	var a address
	p := i
	if strings.HasPrefix(s[p:], "〒") {
		q, ok := postalCode(s, p+len("〒"))
		if !ok {
			return span{}, false
		}
		a.postal = true
		p = skipSpaces(s, q, true)
	} else if q, ok := postalCode(s, p); ok && labelled {
		// "住所: 100-0001 東京都…"
		a.postal = true
		p = skipSpaces(s, q, true)
	}
	for _, pref := range prefectures {
		if strings.HasPrefix(s[p:], pref) {
			a.prefecture = true
			p = skipSpaces(s, p+len(pref), false)
			break
		}
	}
	if !a.prefecture {
		for _, c := range bigCities {
			if strings.HasPrefix(s[p:], c) {
				a.bigCity = true
				break
			}
		}
	}
	muniEnd := municipality(s, p)
	if muniEnd > p {
		a.municipality = true
		p = skipSpaces(s, muniEnd, false)
	}
	if !a.municipality {
		return span{}, false
	}
	end := muniEnd
	townEnd := town(s, p)
	blockStart := townEnd
	if blockStart < len(s) && s[blockStart] == ' ' {
		blockStart++ // "丸の内 1-2-3"
	}
	blockEnd, n := block(s, blockStart)
	if n > 0 && townEnd > p {
		a.town, a.numbers = true, n
		end = blockEnd
		end = building(s, end)
	} else if n > 0 {
		// Block number right after the municipality: "港区1-2-3" is rare
		// but exists in rural addresses (大字 omitted).
		a.numbers = n
		end = building(s, blockEnd)
	} else if townEnd > p && townBoundary(s, townEnd) {
		a.town = true
		end = townEnd
	}
	conf := a.confidence(labelled)
	if conf == 0 || end-i > MaxLen {
		return span{}, false
	}
	return span{i, end, conf}, true
}

// confidence returns how sure the parts make an address, or 0 if they do
// not make one.
func (a address) confidence(labelled bool) float64 {
	switch {
	case a.postal && a.numbers > 0:
		return PostalConfidence
	case a.prefecture && a.numbers > 0:
		return FullConfidence
	case labelled:
		return PartialConfidence
	case a.postal:
		return PartialConfidence
	case a.bigCity && a.town && a.numbers >= 2:
		return CityConfidence
	}
	return 0
}

// postalCode reads ddd-dddd or ddddddd at s[j:] (after optional spaces).
func postalCode(s string, j int) (int, bool) {
	j = skipSpaces(s, j, false)
	d := func(k, n int) bool {
		if k+n > len(s) {
			return false
		}
		for _, c := range []byte(s[k : k+n]) {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	var end int
	switch {
	case d(j, 3) && j+3 < len(s) && s[j+3] == '-' && d(j+4, 4):
		end = j + 8
	case d(j, 7):
		end = j + 7
	default:
		return 0, false
	}
	if end < len(s) && (s[end] >= '0' && s[end] <= '9' || s[end] == '-') {
		return 0, false
	}
	return end, true
}

// municipality reads 市区町村 at s[p:]: a name of 1–7 characters ending in
// 市, 区, 郡, 町 or 村; after 市 a ward (区) may follow, after 郡 a town
// or village. It returns p if there is none.
func municipality(s string, p int) int {
	end := p
	need := "市区郡町村"
	for part := 0; part < 2; part++ {
		q, suffix := placeName(s, end, need)
		if q == end {
			break
		}
		end = q
		switch suffix {
		case '市':
			need = "区"
		case '郡':
			need = "町村"
		default:
			return end
		}
	}
	return end
}

// placeName reads a place name at s[p:] that ends in one of suffixes, with
// at least one character before the suffix, at most 7 in all, and returns
// its end and suffix; or p.
func placeName(s string, p int, suffixes string) (int, rune) {
	q := p
	for n := 0; n < 7 && q < len(s); n++ {
		r, size := utf8.DecodeRuneInString(s[q:])
		if !isPlaceRune(r) || (n == 0 && isParticle(r)) {
			break
		}
		q += size
		if n > 0 && strings.ContainsRune(suffixes, r) {
			return q, r
		}
	}
	return p, 0
}

// town reads the town (町名, 大字, 字) at s[p:]: place characters up to a
// block number. Kanji numerals belong to the town ("三番町") unless a block
// unit follows them ("一丁目").
func town(s string, p int) int {
	q := p
	for n := 0; n < 16 && q < len(s); n++ {
		r, size := utf8.DecodeRuneInString(s[q:])
		if !isPlaceRune(r) || (n == 0 && isParticle(r)) {
			break
		}
		if isKanjiNumeral(r) && unitAfterNumber(s, q) {
			break
		}
		q += size
	}
	return q
}

// unitAfterNumber reports whether the number at s[q:] is followed by a
// block unit ("一丁目", "三番地"), not by the rest of a town name ("六本木",
// "二番町").
func unitAfterNumber(s string, q int) bool {
	v := number(s, q)
	if v == q || strings.HasPrefix(s[v:], "番町") {
		return false
	}
	for _, u := range []string{"丁目", "番", "号"} {
		if strings.HasPrefix(s[v:], u) {
			return true
		}
	}
	return false
}

// townBoundary reports whether a town without a block number ends the
// address: the line or the text ends, or a space or punctuation follows.
func townBoundary(s string, q int) bool {
	if q == len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[q:])
	return strings.ContainsRune(" \t\r\n、。,.()（）", r)
}

// units follow the numbers of a block. The ones that expect another
// number come first where they share a prefix ("番地の" before "番地").
var units = []struct {
	text string
	more bool // another number follows
	last bool // ends the block
}{
	{"丁目", true, false}, {"番地の", true, false}, {"番地", true, false}, {"番の", true, false}, {"番", true, false},
	{"号室", false, true}, {"号", false, true}, {"条", true, false}, {"線", true, false},
	{"-", true, false}, {"の", true, false},
}

// block reads a block number at s[p:]: "1-2-3", "1丁目2番3号", "123番地の4",
// "一丁目二番三号", "北1条西2丁目3-4" (after the town "北"). It returns its
// end and how many numbers it has.
func block(s string, p int) (int, int) {
	end, n := p, 0
	q := p
	for n < 6 {
		v := number(s, q)
		if v == q {
			break
		}
		n++
		q, end = v, v
		more := false
		for _, u := range units {
			if strings.HasPrefix(s[q:], u.text) {
				q += len(u.text)
				if u.text != "-" && u.text != "の" {
					end = q // a unit belongs to the block; a dangling '-' not
				}
				more = u.more
				break
			}
		}
		if !more {
			break
		}
		// "西2丁目" after "北1条": a direction before the next number.
		if r, size := utf8.DecodeRuneInString(s[q:]); strings.ContainsRune("東西南北", r) && number(s, q+size) > q+size {
			q += size
		}
	}
	if n > 0 && end < len(s) && (s[end] >= '0' && s[end] <= '9') {
		return p, 0
	}
	return end, n
}

// number reads 1–5 ASCII digits or 1–4 kanji numerals at s[q:].
func number(s string, q int) int {
	k := q
	for k < len(s) && k-q < 6 && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k > q {
		if k-q > 5 {
			return q
		}
		return k
	}
	for n := 0; n < 4 && k < len(s); n++ {
		r, size := utf8.DecodeRuneInString(s[k:])
		if !isKanjiNumeral(r) {
			break
		}
		k += size
	}
	return k
}

// skipSpaces skips spaces, and one line break if newline is set.
func skipSpaces(s string, j int, newline bool) int {
	for j < len(s) {
		switch {
		case s[j] == ' ' || s[j] == '\t' || s[j] == '\r':
			j++
		case s[j] == '\n' && newline:
			j++
			newline = false
		default:
			return j
		}
	}
	return j
}

// isPlaceRune reports whether r may be part of a Japanese place name.
func isPlaceRune(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF: // kanji
		return true
	case r >= 0x3041 && r <= 0x3096: // hiragana
		return true
	case r >= 0x30A1 && r <= 0x30FA, r == 'ー': // katakana
		return true
	case r == '々' || r == 'ヶ' || r == 'ケ' || r == 'ノ' || r == '〇':
		return true
	}
	return false
}

// isParticle reports whether r is a hiragana particle, which cannot start
// a place name: "東京都で", "東京都にある".
func isParticle(r rune) bool {
	return strings.ContainsRune("にでをがとへもやはのかよ", r)
}

func isKanjiNumeral(r rune) bool {
	return strings.ContainsRune("〇一二三四五六七八九十百千", r)
}
