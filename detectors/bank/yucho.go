package bank

import (
	"strings"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// yuchoWords, within blockRunes before a 記号-番号 pair, say it is a
// ゆうちょ account.
var yuchoWords = textscan.NewWords("ゆうちょ", "郵便局", "郵便貯金", "振替口座", "貯金", "記号")

// yuchoScan finds 記号-番号 written with hyphens: 通常貯金 "12345-12345671"
// and 振替 "00120-3-123456".
var yuchoScan = rule.Digits("-",
	[]int{5, 8}, []int{5, 7}, []int{5, 6}, []int{5, 5},
	[]int{5, 1, 7}, []int{5, 1, 6}, []int{5, 1, 5}, []int{5, 1, 4})

// yucho returns the ゆうちょ accounts in t: 記号-番号 pairs after a
// ゆうちょ word, and "記号 12345 番号 12345671" with both labels.
func yucho(t *detectors.Text) []detectors.Match {
	s := t.Norm
	var ms []detectors.Match
	yuchoScan(s, func(start, end int) bool {
		w := rule.Before(t, start, blockRunes)
		if !yuchoWords.Contains(w) {
			return true
		}
		if _, ve := vetoWords.Last(w); ve >= 0 {
			if _, ye := yuchoWords.Last(w); ve > ye {
				return true
			}
		}
		p := strings.Split(s[start:end], "-")
		kigo, bango := p[0], p[len(p)-1]
		if len(p) == 3 {
			kigo = p[0] + p[1]
		}
		if acc, ok := Yucho(kigo, bango); ok {
			ms = append(ms, detectors.Match{Type: pii.BankAccount, Start: start, End: end, Value: acc.Value(), Confidence: FullConfidence})
		}
		return true
	})
	for from := 0; ; {
		k := strings.Index(s[from:], "記号")
		if k < 0 {
			break
		}
		start := from + k
		from = start + len("記号")
		i := skip(s, from, " :")
		ke := digitsEnd(s, i)
		if ke-i != 5 && ke-i != 6 {
			continue
		}
		kigo := s[i:ke]
		j := skip(s, ke, " ,、/")
		if !strings.HasPrefix(s[j:], "番号") {
			continue
		}
		j = skip(s, j+len("番号"), " :")
		be := digitsEnd(s, j)
		if be == j || be-j > 8 || !rule.StandsAlone(s, j, be) {
			continue
		}
		acc, ok := Yucho(kigo, s[j:be])
		if !ok {
			continue
		}
		conf := PartConfidence
		if yuchoWords.Contains(strings.ReplaceAll(rule.Before(t, start, blockRunes), "記号", "")) {
			conf = FullConfidence
		}
		ms = append(ms, detectors.Match{Type: pii.BankAccount, Start: start, End: be, Value: acc.Value(), Confidence: conf})
		from = be
	}
	return sortByStart(ms)
}

// Yucho converts a ゆうちょ 記号 and 番号 to the account other banks
// transfer to (pii-formats B5): for a 通常貯金 記号 1xxxx, the branch is
// digits 2–3 of the 記号 and "8", named in kanji ("11940" → 一九八店), the
// type 普通, and the number the 番号 without its final 1, padded to 7
// digits; for a 振替 記号 0xxxx (its 6th digit, if written, is a check
// digit), the branch is digits 2–3 and "9", the type 当座 and the number
// the 番号 padded to 7 digits.
func Yucho(kigo, bango string) (Account, bool) {
	if !isDigits(kigo) || !isDigits(bango) {
		return Account{}, false
	}
	acc := Account{Bank: yuchoBank}
	switch {
	case len(kigo) == 5 && kigo[0] == '1':
		if len(bango) < 2 || len(bango) > 8 || bango[len(bango)-1] != '1' {
			return Account{}, false
		}
		acc.Branch = kanjiDigits(kigo[1:3]+"8") + "店"
		acc.Type = "普通"
		acc.Number = pad7(bango[:len(bango)-1])
	case (len(kigo) == 5 || len(kigo) == 6) && kigo[0] == '0':
		if len(bango) > 7 {
			return Account{}, false
		}
		acc.Branch = kanjiDigits(kigo[1:3]+"9") + "店"
		acc.Type = "当座"
		acc.Number = pad7(bango)
	default:
		return Account{}, false
	}
	if strings.Trim(acc.Number, "0") == "" {
		return Account{}, false
	}
	return acc, true
}

func pad7(s string) string {
	if len(s) >= 7 {
		return s
	}
	return strings.Repeat("0", 7-len(s)) + s
}

// skip returns the first offset at or after i whose byte is not in set.
func skip(s string, i int, set string) int {
	for i < len(s) && strings.IndexByte(set, s[i]) >= 0 {
		i++
	}
	return i
}

// digitsEnd returns the end of the ASCII digit run at s[i:].
func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// sortByStart orders matches by start (insertion sort: lists are short).
func sortByStart(ms []detectors.Match) []detectors.Match {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Start < ms[j-1].Start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
	return ms
}
