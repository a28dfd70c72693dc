package address

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// buildingWords end the name of a building: "〇〇スクエア", "第一ビル",
// "3号館", "A棟", "Daiwa Bldg.". Longest first where one ends another
// ("ビルディング" before "ビル" is not needed: both end the name).
var buildingWords = []string{
	"ビルディング", "ビル", "マンション", "ハイツ", "タワー", "コーポ", "レジデンス", "アパート", "荘", "館", "棟",
	"スクエア", "プラザ", "センター", "ヒルズ", "コート", "パレス", "ハウス", "テラス", "ガーデン", "ゲート",
	"シティ", "キューブ", "フォレスト", "ポート", "プレイス", "フロント", "パーク", "ハイム", "ヴィラ", "カーサ",
	"bldg.", "bldg", "building", "tower", "square", "plaza",
}

// strongBuildingWords name nothing but a building: a line of its own
// that ends in one continues the address on the line above ("〒… 丸の内
// 1-2-3\n丸の内ビルディング14階"). "センター" or "プラザ" alone on a line is
// as often an organisation ("国立がん研究センター") and does not.
var strongBuildingWords = []string{
	"ビルディング", "ビル", "マンション", "ハイツ", "タワー", "コーポ", "レジデンス", "アパート", "荘", "号館", "棟",
	"スクエア", "bldg.", "bldg", "building", "tower",
}

// stopWords in a token end an address before it: a company, a phone or
// mail field, an office name ("…1-2-3 株式会社サンプル", "…1-2-3 TEL 03-…").
var stopWords = []string{
	"株式会社", "有限会社", "合同会社", "合資会社", "(株)", "(有)", "(同)", "法人", "事務所", "営業所",
	"tel", "fax", "電話", "携帯", "mail", "メール", "http", "www", "@", "内線", "inc", "ltd", "co.", "corp",
}

// floorRE matches a whole token that is a floor or a room: "14階", "3F",
// "B1F", "地下1階", "1203号室", "A101号", "#1203", "1203" (a room only
// right after a building name).
var floorRE = regexp.MustCompile(`^(?:地下\d{1,2}階|B\d{1,2}F?|\d{1,3}(?:F|階)|[A-Z]?\d{1,5}(?:号室|号)?|#\d{1,5}|(?i:room|rm\.?|suite) ?#?\d{1,5})$`)

// floorSuffixRE matches a floor or room glued to a building name:
// "スクエア14階", "梅田ビル5F", "サンハイツ101".
var floorSuffixRE = regexp.MustCompile(`(?:地下\d{1,2}階|B\d{1,2}F?|\d{1,3}(?:F|階)|\d{1,5}(?:号室)?|#\d{1,5})$`)

// tokenKind is what a space-separated token after an address is.
type tokenKind uint8

const (
	stopToken     tokenKind = iota // not part of the address
	buildingToken                  // a name ending in a building word (maybe with a floor glued)
	floorToken                     // a floor or room
	nameToken                      // a word that may start a building's name ("大手町フィナンシャルシティ グランキューブ")
)

// maxBuildingRunes bounds one token of a building's name.
const maxBuildingRunes = 24

// building extends an address that ends at s[end:] by a building, floor
// and room: on the rest of its line ("2-17-1 〇〇スクエア14階", "1-2-3 JP
// タワー 3F", "1-2-3 #1203"), or on the next line when that line is a
// building and nothing else. It stops before anything else: a company,
// a phone, a name, a sentence.
func building(s string, end int) int {
	le := textscan.LineEnd(s, end, 4*maxBuildingRunes*4)
	best, _, _ := buildingRun(s, end, le)
	if strings.Trim(s[best:le], " \t\r") != "" || le == len(s) {
		return best
	}
	// The building on a line of its own under the address.
	ls := le + 1
	nle := textscan.LineEnd(s, ls, 4*maxBuildingRunes*4)
	line := strings.TrimRight(s[ls:nle], " \t\r")
	p := ls + len(line) - len(strings.TrimLeft(line, " \t"))
	if line == "" || utf8.RuneCountInString(line) > 2*maxBuildingRunes {
		return best
	}
	if e, strong, whole := buildingRun(s, p, ls+len(line)); strong && whole && e == ls+len(line) {
		return e
	}
	return best
}

// buildingRun reads tokens of a building at s[p:le] and returns where the
// last building or floor token ends (p if none), whether one of them was
// a strong building word or a floor, and whether the run read up to le.
// The first token may stand right at p, without a space ("2-17-1渋谷
// スクエア").
func buildingRun(s string, p, le int) (best int, strong, whole bool) {
	best = p
	prevBuilding := false
	names := 0
	for n := 0; n < 6; n++ {
		q, spaces := p, 0
		for q < le && s[q] == ' ' {
			q++
			spaces++
		}
		if q == le {
			return best, strong, true
		}
		if spaces > 2 || (spaces == 0 && n > 0) {
			return best, strong, false // a wide gap: another field
		}
		te := tokenEnd(s, q, le)
		if te == q {
			return best, strong, false
		}
		kind, str := classify(s[q:te], prevBuilding)
		switch kind {
		case stopToken:
			return best, strong, false
		case buildingToken, floorToken:
			best, names = te, 0
			strong = strong || str
		case nameToken:
			if names++; names > 2 {
				return best, strong, false
			}
		}
		prevBuilding = kind == buildingToken
		p = te
	}
	return best, strong, false
}

// tokenEnd returns the end of the token at s[q:le]: up to a space or
// punctuation.
func tokenEnd(s string, q, le int) int {
	for q < le {
		r, size := utf8.DecodeRuneInString(s[q:])
		if strings.ContainsRune(" \t\r\n、。,()（）「」【】[]<>|/:;", r) {
			break
		}
		q += size
	}
	return q
}

// classify says what a token after an address is, and whether it is a
// strong sign of a building (a strong building word, or a floor).
// prevBuilding is set right after a building's name, where a bare number
// is its room ("サンハイツ 101").
func classify(tok string, prevBuilding bool) (tokenKind, bool) {
	r, _ := utf8.DecodeRuneInString(tok)
	if r >= 0x3041 && r <= 0x3096 { // hiragana: a sentence goes on ("1-2-3にて")
		return stopToken, false
	}
	if utf8.RuneCountInString(tok) > maxBuildingRunes {
		return stopToken, false
	}
	l := strings.ToLower(tok)
	for _, w := range stopWords {
		if strings.Contains(l, w) {
			return stopToken, false
		}
	}
	if floorRE.MatchString(tok) {
		if isDigits(tok) && !prevBuilding {
			return stopToken, false // "1-2-3 201": a number, not a room
		}
		return floorToken, true
	}
	name := l
	if m := floorSuffixRE.FindStringIndex(tok); m != nil && m[0] > 0 {
		name = strings.ToLower(tok[:m[0]])
	}
	for _, w := range buildingWords {
		if strings.HasSuffix(name, w) {
			return buildingToken, hasSuffixAny(name, strongBuildingWords)
		}
	}
	if digits(tok) > 0 {
		// A phone number, an amount, a date, or the next address
		// ("…1-1\n東京都港区六本木6-10-1 …タワー"): a building's name has
		// its digits before a building word or a floor.
		return stopToken, false
	}
	return nameToken, false
}

func hasSuffixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	return s != "" && digits(s) == len(s)
}

func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}
