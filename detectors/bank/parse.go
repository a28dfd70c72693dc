package bank

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// part is a bank or branch name found in a block: where it starts in the
// block and its normalized form.
type part struct {
	start int
	name  string
}

const (
	maxNameRunes = 16 // runes of a bank or branch name before its suffix
	maxHiragana  = 6  // runes of a hiragana run inside a name
)

// bankSuffixes end the names of financial institutions that hold
// accounts (pii-formats B5; the kinds the 統一金融機関コード covers).
var bankSuffixes = []string{
	"銀行", "信用金庫", "信金", "信用組合", "信組", "労働金庫", "労金", "農業協同組合", "農協",
	"漁業協同組合", "漁協", "JAバンク",
}

// hiraganaNames are the hiragana parts of bank names ("みずほ銀行",
// "埼玉りそな銀行", "auじぶん銀行", "GMOあおぞらネット銀行"); other hiragana
// before a suffix is a particle ("当社の銀行").
var hiraganaNames = map[string]bool{
	"みずほ": true, "りそな": true, "ゆうちょ": true, "きらぼし": true, "あおぞら": true, "じぶん": true,
	"きらやか": true, "もみじ": true, "ちば": true, "とちぎ": true, "おかやま": true, "しずおか": true,
	"いちい": true, "あぶくま": true, "のと": true, "かながわ": true, "ひびき": true,
}

// bankAliases are names written without "銀行" in 振込先 blocks.
var bankAliases = [][2]string{
	{"みずほ", "みずほ銀行"}, {"三菱UFJ", "三菱UFJ銀行"}, {"MUFG", "三菱UFJ銀行"}, {"三井住友", "三井住友銀行"},
	{"SMBC", "三井住友銀行"}, {"りそな", "りそな銀行"}, {"ゆうちょ", yuchoBank},
}

// labelPrefixes are labels glued to a name ("振込先三井住友銀行").
var labelPrefixes = []string{
	"お振込先", "振込先", "振込口座", "お振込み先", "振込", "金融機関名", "金融機関", "銀行名", "支店名", "口座",
	"下記", "当社", "弊社", "取引", "指定", "受取", "支払", "名義",
}

// genericBanks and genericBranches are words that end like a name but
// name none ("各銀行", "ネット銀行", "最寄りの支店").
var (
	genericBanks = map[string]bool{
		"": true, "各": true, "同": true, "当": true, "本": true, "他": true, "全": true, "主要": true,
		"ネット": true, "地方": true, "第二地方": true, "都市": true, "取引": true, "指定": true, "海外": true,
		"外国": true, "中央": true, "信託": true, "民間": true, "大手": true, "地元": true, "一部": true,
		"複数": true, "市中": true, "普通": true, "外資": true, "邦": true, "国内": true, "政府系": true,
		"各種": true, "投資": true, "商業": true, "提携": true, "メガ": true, "ご利用": true, "利用": true,
	}
	genericBranches = map[string]bool{
		"各": true, "同": true, "当": true, "他": true, "全": true, "本支": true, "主要": true, "海外": true,
		"国内": true, "各営業": true, "最寄": true, "担当": true, "取引": true, "近く": true,
	}
)

// branchSuffixes end branch names; "本店" may stand alone.
var branchSuffixes = []string{"支店", "出張所", "営業部", "支所", "本店"}

// findBank returns the last bank name in the block w.
func findBank(w string) (part, bool) {
	for end := len(w); end > 0; {
		i, suffix := lastSuffix(w[:end], bankSuffixes)
		if i < 0 {
			break
		}
		start := nameStart(w, i, false)
		name := stripLabels(w[start:i])
		if name == "" && suffix == "JAバンク" {
			return part{i, suffix}, true
		}
		if !genericBanks[name] {
			if suffix == "銀行" && name == "ゆうちょ" {
				return part{start, yuchoBank}, true
			}
			return part{i - len(name), name + suffix}, true
		}
		end = i
	}
	// "銀行名：みずほ", "振込先：みずほ 渋谷支店", "ゆうちょ 記号…": a short
	// name.
	best := part{start: -1}
	for _, a := range bankAliases {
		if k := strings.LastIndex(w, a[0]); k > best.start && isNameBoundary(w, k, k+len(a[0])) {
			best = part{k, a[1]}
		}
	}
	if best.start >= 0 {
		return best, true
	}
	return labelledName(w, "銀行名", "銀行", bankSuffixes)
}

// isNameBoundary reports whether w[i:j] is not glued to other name
// characters.
func isNameBoundary(w string, i, j int) bool {
	if i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(w[:i]); isNameRune(r) {
			return false
		}
	}
	if j < len(w) {
		if r, _ := utf8.DecodeRuneInString(w[j:]); isNameRune(r) && !strings.HasPrefix(w[j:], "銀行") {
			return false
		}
	}
	return true
}

// findBranch returns the last branch in the block w: a name that ends in a
// branch suffix, or ゆうちょ's "一九八店".
func findBranch(w string) (part, bool) {
	for end := len(w); end > 0; {
		i, suffix := lastSuffix(w[:end], branchSuffixes)
		if i < 0 {
			break
		}
		start := nameStart(w, i, true)
		name := stripLabels(w[start:i])
		if _, after := lastSuffix(name, bankSuffixes); after != "" {
			// "三井住友銀行渋谷支店": the branch starts after the bank.
			k, _ := lastSuffix(name, bankSuffixes)
			name = name[k+len(after):]
		}
		if (name != "" || suffix == "本店") && !genericBranches[name] {
			return part{i - len(name), name + suffix}, true
		}
		end = i
	}
	if k := strings.LastIndex(w, "店"); k >= 3*3 {
		if d := w[k-9 : k]; isKanjiDigits(d) {
			return part{k - 9, d + "店"}, true
		}
	}
	return labelledName(w, "支店名", "支店", append(branchSuffixes, "店"))
}

// labelledName returns the name after the last label in w ("支店名：渋谷"),
// with suffix added unless it ends with one of suffixes.
func labelledName(w, label, suffix string, suffixes []string) (part, bool) {
	k := strings.LastIndex(w, label)
	if k < 0 {
		return part{}, false
	}
	i := k + len(label)
	for i < len(w) && (w[i] == ' ' || w[i] == ':') {
		i++
	}
	j, n := i, 0
	for j < len(w) && n < maxNameRunes {
		r, size := utf8.DecodeRuneInString(w[j:])
		if !isNameRune(r) && !unicode.Is(unicode.Hiragana, r) {
			break
		}
		j += size
		n++
	}
	name := w[i:j]
	if name == "" || genericBanks[name] || genericBranches[name] {
		return part{}, false
	}
	for _, x := range suffixes {
		if strings.HasSuffix(name, x) {
			return part{i, name}, true
		}
	}
	return part{i, name + suffix}, true
}

// lastSuffix returns where the last (then longest) of suffixes occurs in
// s, and which, or -1, "".
func lastSuffix(s string, suffixes []string) (int, string) {
	best, which := -1, ""
	for _, x := range suffixes {
		if k := strings.LastIndex(s, x); k >= 0 && (k+len(x) > best+len(which) || k+len(x) == best+len(which) && len(x) > len(which)) {
			best, which = k, x
		}
	}
	return best, which
}

// nameStart walks back from w[:i] over the characters of a name: kanji,
// katakana, ASCII letters and digits, and the hiragana runs that are
// parts of names. For a branch, a hiragana run that starts the name
// after a space or a bank name also counts ("PayPay銀行 すずめ支店").
func nameStart(w string, i int, branch bool) int {
	n := 0
	for i > 0 && n < maxNameRunes {
		r, size := utf8.DecodeLastRuneInString(w[:i])
		if isNameRune(r) {
			i -= size
			n++
			continue
		}
		if !unicode.Is(unicode.Hiragana, r) {
			break
		}
		j, k := i, 0
		for j > 0 && k < maxHiragana {
			r, size := utf8.DecodeLastRuneInString(w[:j])
			if !unicode.Is(unicode.Hiragana, r) {
				break
			}
			j -= size
			k++
		}
		run := w[j:i]
		if hiraganaNames[run] {
			i, n = j, n+k
			continue
		}
		if branch && n == 0 {
			r, _ := utf8.DecodeLastRuneInString(w[:j])
			_, bankEnd := lastSuffix(w[:j], bankSuffixes)
			if j == 0 || !isNameRune(r) || (bankEnd != "" && strings.HasSuffix(w[:j], bankEnd)) {
				return j
			}
		}
		break
	}
	return i
}

// isNameRune reports whether r may be part of a bank or branch name.
func isNameRune(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Katakana, r) || r == 'ー' || r == '・' ||
		r < utf8.RuneSelf && (isDigit(byte(r)) || (byte(r)|0x20) >= 'a' && (byte(r)|0x20) <= 'z' || r == '&')
}

// stripLabels removes labels glued to the front of a name.
func stripLabels(name string) string {
	for again := true; again; {
		again = false
		for _, p := range labelPrefixes {
			if strings.HasPrefix(name, p) {
				name, again = name[len(p):], true
			}
		}
	}
	return name
}

var (
	bankCodeLabels   = []string{"金融機関コード", "銀行コード", "銀行番号", "金融機関番号"}
	branchCodeLabels = []string{"支店番号", "支店コード", "店番号", "店舗番号", "店番", "店舗コード"}
)

// codeAfterLabel returns the n-digit code that follows the last of labels
// in w, after at most a few separators, and where the label starts.
func codeAfterLabel(w string, labels []string, n int) (code string, start int, ok bool) {
	k, label := lastSuffix(w, labels)
	if k < 0 {
		return "", 0, false
	}
	rest := strings.TrimLeft(w[k+len(label):], " :#(")
	if len(rest) < n || !isDigits(rest[:n]) || (len(rest) > n && isDigit(rest[n])) {
		return "", 0, false
	}
	return rest[:n], k, true
}

// yuchoBank is ゆうちょ銀行's name in values.
const yuchoBank = "ゆうちょ銀行"

// bankCodes are the 統一金融機関コード of the banks most accounts are in
// (city, net and ゆうちょ banks); other codes stay codes in values.
var bankCodes = map[string]string{
	"0001": "みずほ銀行", "0005": "三菱UFJ銀行", "0009": "三井住友銀行", "0010": "りそな銀行",
	"0017": "埼玉りそな銀行", "0033": "PayPay銀行", "0034": "セブン銀行", "0035": "ソニー銀行",
	"0036": "楽天銀行", "0038": "住信SBIネット銀行", "0039": "auじぶん銀行", "0040": "イオン銀行",
	"0310": "GMOあおぞらネット銀行", "9900": yuchoBank,
}

// bankByCode returns the bank name for a bank code, or the code.
func bankByCode(code string) string {
	if name, ok := bankCodes[code]; ok {
		return name
	}
	return code
}

var kanjiDigit = [10]string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// kanjiDigits writes ASCII digits as kanji numerals: "198" → "一九八".
func kanjiDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteString(kanjiDigit[s[i]-'0'])
	}
	return b.String()
}

// isKanjiDigits reports whether s is made of kanji numerals only.
func isKanjiDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("〇一二三四五六七八九", r) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// runesAfter returns the runes in w after byte offset end, or a large
// number when end < 0.
func runesAfter(w string, end int) int {
	if end < 0 {
		return 1 << 30
	}
	return utf8.RuneCountInString(w[end:])
}
