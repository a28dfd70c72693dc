package signature

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors/internal/rule"
)

// Span is a byte range [Start, End) of a string.
type Span struct{ Start, End int }

// companyPrefixes start a Japanese legal-entity name ("株式会社サンプル").
// Longest first, so that "医療法人社団" wins over "医療法人".
var companyPrefixes = []string{
	"特定非営利活動法人", "社会保険労務士法人", "国立研究開発法人", "地方独立行政法人", "有限責任監査法人",
	"独立行政法人", "国立大学法人", "公益社団法人", "公益財団法人", "一般社団法人", "一般財団法人", "医療法人社団",
	"医療法人財団", "社会福祉法人", "司法書士法人", "行政書士法人", "弁理士法人", "医療法人", "学校法人",
	"宗教法人", "監査法人", "税理士法人", "弁護士法人", "NPO法人", "株式会社", "有限会社",
	"合同会社", "合資会社", "合名会社", "(株)", "(有)", "(同)", "(一社)", "(一財)", "(公社)", "(公財)",
}

// companySuffixes end a Japanese organisation name ("サンプル株式会社",
// "みずほ銀行"). The offices of licensed professions (士業) end in
// 士事務所 ("山田司法書士事務所", "佐藤社会保険労務士事務所"); a bare 事務所
// also ends branch names ("大阪事務所"), so only trades that name a
// business are listed with it. An association (協会) is the organisation
// its staff sign for.
var companySuffixes = []string{
	"株式会社", "有限会社", "合同会社", "(株)", "(有)", "信用金庫", "信用組合", "銀行", "証券",
	"生命保険", "損害保険", "法律事務所", "会計事務所", "士事務所", "特許事務所", "翻訳事務所", "設計事務所",
	"デザイン事務所", "監査法人", "税理士法人", "弁護士法人", "司法書士法人", "行政書士法人", "労働金庫",
	"協同組合", "商工会議所", "協会",
}

// orgWords are companyPrefixes and then companySuffixes; orgCues finds
// them in one pass, folding ASCII case (read-only).
var (
	orgWords = append(append([]string(nil), companyPrefixes...), companySuffixes...)
	orgCues  = rule.NewCues(orgWords...)
)

// maxOrgWords bounds len(orgWords), so that FindCompany keeps its
// per-word state on the stack (TestOrgWords checks it).
const maxOrgWords = 80

// latinCompany finds an English legal-form suffix; the name is the
// capitalized words before it.
var latinCompany = regexp.MustCompile(`(?i)(?:^|[\s,])(co\.?,?\s?ltd\.?|co\.,?\s?inc\.?|inc\.|inc\b|incorporated|corporation|corp\.|llc\b|l\.l\.c\.|ltd\.|ltd\b|limited\b|k\.k\.|gmbh\b|llp\b|plc\b|pte\.?\s?ltd\.?|s\.a\.|ag\b|holdings\b)`)

// FindCompany returns the first organisation name in s: a Japanese
// legal-entity prefix or suffix with the name it belongs to, or
// capitalized words with an English legal form ("Sample Trading Co.,
// Ltd."). s is normalized text (NFKC: "㈱" is "(株)"), typically a line.
func FindCompany(s string) (Span, bool) {
	// For each prefix and suffix (in list order), its first occurrence
	// that has a name with it is a candidate; the candidate that starts
	// first wins, the earlier word on a tie. One pass finds them all.
	best, bestWord := Span{-1, -1}, -1
	var next [maxOrgWords]int  // per word: where its next occurrence may start
	var done [maxOrgWords]bool // per word: candidate found
	orgCues.FindAll(s, func(i, k int) {
		w := orgWords[k]
		if done[k] || i < next[k] || !strings.HasPrefix(s[i:], w) {
			return // the cues fold ASCII case: "npo法人" is no NPO法人
		}
		next[k] = i + len(w)
		var sp Span
		if k < len(companyPrefixes) {
			j := i + len(w)
			for j < len(s) && s[j] == ' ' {
				j++
			}
			end := nameRunForward(s, j)
			if end <= j {
				return
			}
			sp = Span{i, end}
		} else {
			if !suffixEnds(s, i+len(w)) {
				return // "日本証券業協会": 証券 is inside a longer name
			}
			start := nameRunBackward(s, i)
			if start >= i {
				// "株式会社サンプル" is found as a prefix form; a suffix
				// form whose name is itself a prefix word is not a name.
				return
			}
			sp = Span{start, i + len(w)}
		}
		done[k] = true
		if best.Start < 0 || sp.Start < best.Start || sp.Start == best.Start && k < bestWord {
			best, bestWord = sp, k
		}
	})
	if mayLatinCompany(s) {
		if loc := latinCompany.FindStringSubmatchIndex(s); loc != nil {
			sufStart, sufEnd := loc[2], loc[3]
			if start := latinNameBackward(s, sufStart); start < sufStart && (best.Start < 0 || start < best.Start) {
				best = Span{start, sufEnd}
			}
		}
	}
	if best.Start < 0 {
		return Span{}, false
	}
	return best, true
}

// nameRunForward returns the end of the organisation name that starts at
// s[i]: kanji, katakana, Latin letters, digits and a few joiners, at most
// 30 runes. It stops at spaces, punctuation and hiragana (particles: in
// "株式会社サンプルの田中です" the name is サンプル). A name may start with
// hiragana ("株式会社みほん物流", "株式会社ひまわり") when the whole name
// then ends where a word ends (a space, punctuation, the end), not at a
// particle, and does not start with a one-rune particle ("株式会社の").
func nameRunForward(s string, i int) int {
	j, n := i, 0
	if r, _ := utf8.DecodeRuneInString(s[i:]); isHiragana(r) && !strings.ContainsRune("のはがをにでともへやか", r) {
		for j < len(s) && n < 30 {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isHiragana(r) {
				break
			}
			j += size
			n++
		}
		if n < 2 {
			return i
		}
	}
	kana := j
	for j < len(s) && n < 30 {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !orgRune(r) {
			break
		}
		j += size
		n++
	}
	if kana > i {
		if r, _ := utf8.DecodeRuneInString(s[j:]); j < len(s) && (isHiragana(r) || n >= 30) {
			return i // "株式会社からの連絡": a particle, not a name
		}
		if j == kana {
			return j
		}
	}
	return trimJoiners(s, i, j)
}

// suffixEnds reports whether an organisation suffix that ends at s[end]
// ends the name: what follows is no kanji or katakana, or a department,
// branch or title ("みずほ銀行渋谷支店", "サンプル株式会社代表取締役"), not
// the rest of a longer word ("日本証券業協会", "銀行員").
func suffixEnds(s string, end int) bool {
	j := end
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !(isKanji(r) || isKatakana(r) || r == '・') {
			break
		}
		j += size
	}
	if j == end {
		return true
	}
	w := s[end:j]
	for _, t := range endingWith(titlesByLast, w) {
		if strings.HasSuffix(w, t) {
			return true
		}
	}
	for _, d := range endingWith(deptsByLast, w) {
		if strings.HasSuffix(w, d) {
			return true
		}
	}
	return false
}

// nameRunBackward returns where the organisation name that ends at s[i]
// starts. Hiragana is allowed only when the run reaches the start of the
// text or a space ("みずほ銀行"), not after a particle ("弊社は三菱銀行").
func nameRunBackward(s string, i int) int {
	j, n := i, 0
	for j > 0 && n < 30 {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if !orgRune(r) {
			break
		}
		j -= size
		n++
	}
	k := j
	for k > 0 && n < 30 {
		r, size := utf8.DecodeLastRuneInString(s[:k])
		if !isHiragana(r) {
			break
		}
		k -= size
		n++
	}
	if k < j {
		if r, _ := utf8.DecodeLastRuneInString(s[:k]); k == 0 || unicode.IsSpace(r) || strings.ContainsRune("|/([「『【:", r) {
			j = k
		}
	}
	for j < i && (s[j] == '-' || s[j] == '.' || s[j] == '&') {
		j++
	}
	return j
}

func trimJoiners(s string, i, j int) int {
	for j > i && (s[j-1] == '-' || s[j-1] == '.' || s[j-1] == '&') {
		j--
	}
	return j
}

// orgRune reports whether r may be part of an organisation name.
func orgRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '&' || r == '-' || r == '.'
	case isKanji(r), isKatakana(r):
		return true
	}
	return r == '・' || r == 'ー'
}

// latinNameBackward returns the start of the capitalized words (at most
// six) that end before s[i]: the name of an English company.
func latinNameBackward(s string, i int) int {
	start := i
	for words := 0; words < 6; words++ {
		j := start
		comma := false
		for j > 0 && (s[j-1] == ' ' || s[j-1] == ',') {
			comma = comma || s[j-1] == ','
			j--
		}
		if comma && words > 0 {
			break // "Software Architect, Panasas Inc": only "Panasas, Inc." has one
		}
		k := j
		for k > 0 && isLatinNameByte(s[k-1]) {
			k--
		}
		if k == j {
			break
		}
		w := s[k:j]
		if !(w[0] >= 'A' && w[0] <= 'Z' || w[0] >= '0' && w[0] <= '9' || w == "&" || w == "and" || w == "of") {
			break
		}
		if strings.Trim(w, "0123456789-.") == "" {
			break // a year or a number: "(c) 1997-2001 NIM Corporation"
		}
		if labelWord(strings.ToLower(strings.TrimRight(w, ":."))) {
			break // "Company: Sample Inc." names Sample Inc.
		}
		start = k
	}
	for start < i && (s[start] == ' ' || s[start] == ',') {
		start++
	}
	// A name cannot start with a connector.
	for _, c := range []string{"and ", "of ", "& "} {
		if strings.HasPrefix(s[start:i], c) {
			start += len(c)
		}
	}
	return start
}

func isLatinNameByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '&' || c == '-' || c == '\'' || c == '.'
}

func labelWord(w string) bool {
	switch w {
	case "company", "organization", "organisation", "employer", "from", "at", "to", "the":
		return true
	}
	return false
}

func isKanji(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x2FFFF || r == '々' || r == '〆' || r == 'ヶ'
}

func isKatakana(r rune) bool { return r >= 0x30A1 && r <= 0x30FA || r == 'ー' }

func isHiragana(r rune) bool { return r >= 0x3041 && r <= 0x3096 }

// titleWords are job titles, Japanese and English, longest first within
// each shared prefix so that the scan takes the longest.
var titleWords = []string{
	"代表取締役社長", "代表取締役会長", "代表取締役副社長", "代表取締役専務", "代表取締役", "取締役副社長",
	"取締役社長", "取締役会長", "専務取締役", "常務取締役", "社外取締役", "取締役", "上席執行役員",
	"常務執行役員", "執行役員", "監査役", "副社長", "社長", "会長", "専務", "常務", "理事長", "副理事長",
	"理事", "事務局長", "本部長", "副本部長", "事業部長", "部長代理", "副部長", "担当部長", "部長", "次長",
	"課長代理", "課長補佐", "担当課長", "課長", "係長", "主任", "主査", "主幹", "室長", "所長", "支店長",
	"副支店長", "店長", "工場長", "センター長", "グループ長", "グループリーダー", "チームリーダー",
	"リーダー", "シニアマネージャー", "ゼネラルマネージャー", "マネージャー", "マネジャー",
	"アシスタントマネージャー", "ディレクター", "プロデューサー", "チーフ", "スーパーバイザー",
	"エンジニア", "コンサルタント", "アナリスト", "スペシャリスト", "プランナー", "デザイナー",
	"セールス", "弁護士", "税理士", "公認会計士", "司法書士", "行政書士", "社会保険労務士", "弁理士",
	"医師", "看護師", "薬剤師", "教授", "准教授", "講師", "助教", "研究員", "主任研究員", "秘書",
	// Foreign-style ranks of banks, funds and consultancies, written in
	// katakana (ヴァイスプレジデント = VP); see jaTitles for their modifiers.
	"ヴァイスプレジデント", "バイスプレジデント", "プレジデント", "アソシエイト", "アソシエート", "プリンシパル",
	"パートナー", "アドバイザー", "オフィサー", "エグゼクティブ", "アシスタント", "フェロー", "エコノミスト",
	"ストラテジスト", "トレーダー", "カウンセル",
	// Public offices and boards.
	"専門官", "調査官", "審議官", "検査官", "代表理事", "顧問",
}

// latinTitle finds English job titles.
var latinTitle = regexp.MustCompile(`(?i)\b(chief [a-z]+ officer|ceo|cfo|cto|coo|cio|ciso|(?:executive |senior )?vice president|svp|evp|vp|president|chairman|(?:managing |executive |senior |associate )?director|(?:general |senior |sales |account |project |product |marketing |office |regional |country )?manager|head of [a-z]+|(?:senior |lead |software |sales |systems? )?engineer|(?:senior )?consultant|(?:senior )?analyst|specialist|(?:senior )?associate|partner|attorney|accountant|secretary|(?:sales )?representative|coordinator|(?:team )?lead(?:er)?|officer|assistant|(?:account|sales|marketing|client|business development) executive|(?:system|systems|network|database|it) administrator)\b`)

// latinDept finds English department names ("Sales Dept.", "Human
// Resources Department").
var latinDept = regexp.MustCompile(`(?:[A-Z][A-Za-z&]*\s+){1,3}(?:Dept\.?|Department|Division|Div\.)|(?:Department|Division) of(?:\s+[A-Z][A-Za-z&]*){1,3}`)

// deptSuffixes end Japanese department names ("第二営業部", "経営企画室").
var deptSuffixes = []string{
	"事業本部", "事業部", "本部", "部門", "部", "課", "室", "局", "グループ", "チーム", "センター",
	"支店", "支社", "営業所", "事業所", "研究所", "工場", "係",
}

// titlesByLast and deptsByLast index titleWords and deptSuffixes by
// their last rune, so that a word is compared with the few that can end
// it (read-only).
var (
	titlesByLast = byLastRune(titleWords)
	deptsByLast  = byLastRune(deptSuffixes)
)

func byLastRune(words []string) map[rune][]string {
	m := make(map[rune][]string)
	for _, w := range words {
		r, _ := utf8.DecodeLastRuneInString(w)
		m[r] = append(m[r], w)
	}
	return m
}

// endingWith returns the words of index m that end with w's last rune.
func endingWith(m map[rune][]string, w string) []string {
	r, _ := utf8.DecodeLastRuneInString(w)
	return m[r]
}

// surnamesLikeDepartments are family names that end like a department.
var surnamesLikeDepartments = []string{"長谷部", "日下部", "矢田部", "丹治部", "阿部", "安部", "服部", "岡部", "渡部", "磯部", "矢部", "武部", "南部", "北部", "東部", "西部", "建部", "刑部", "卜部", "野室", "氷室", "小室", "大室", "葛西局"}

// FindTitles returns the department names and job titles in s, in order
// and not overlapping: Japanese words from the lists above and words that
// end in a department suffix (three runes at least, so that 阿部 and 服部
// are not departments), and English titles and departments.
func FindTitles(s string) []Span {
	var out []Span
	add := func(sp Span) {
		for _, o := range out {
			if sp.Start < o.End && o.Start < sp.End {
				return
			}
		}
		out = append(out, sp)
	}
	// Japanese: walk runs of kanji/katakana; each run is a word.
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !(isKanji(r) || isKatakana(r)) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !(isKanji(r) || isKatakana(r) || r == '・') {
				break
			}
			j += size
		}
		for _, sp := range jaTitles(s, i, j) {
			add(sp)
		}
		i = j
	}
	if mayLatinDept(s) {
		for _, loc := range latinDept.FindAllStringIndex(s, -1) {
			if sp, ok := latinDeptSpan(s, loc[0], loc[1]); ok {
				add(sp)
			}
		}
	}
	if mayLatinTitle(s) {
		for _, loc := range latinTitle.FindAllStringSubmatchIndex(s, -1) {
			if sp, ok := latinTitleSpan(s, loc[2], loc[3]); ok {
				add(sp)
			}
		}
	}
	sortSpans(out)
	return out
}

// jaTitles finds titles and departments in the word s[i:j]: a department
// suffix ends the department ("第二営業部課長": 第二営業部 + 課長), then titles.
func jaTitles(s string, i, j int) []Span {
	var out []Span
	w := s[i:j]
	// A title at the end of the word.
	titleStart := j
	for _, t := range endingWith(titlesByLast, w) {
		if strings.HasSuffix(w, t) && i+len(w)-len(t) < titleStart {
			titleStart = i + len(w) - len(t)
		}
	}
	if titleStart < j {
		// A katakana title takes the katakana words before it: its
		// modifiers ("マネージング"ディレクター, "シニア"アソシエイト,
		// "プロジェクト"マネージャー), not a department.
		if r, _ := utf8.DecodeRuneInString(s[titleStart:]); isKatakana(r) {
			for titleStart > i {
				r, size := utf8.DecodeLastRuneInString(s[i:titleStart])
				if !isKatakana(r) && r != '・' {
					break
				}
				titleStart -= size
			}
		}
		out = append(out, Span{titleStart, j})
		j = titleStart
		w = s[i:j]
	}
	if w == "" {
		return out
	}
	for _, sn := range surnamesLikeDepartments {
		if w == sn {
			return out
		}
	}
	for _, suf := range endingWith(deptsByLast, w) {
		if strings.HasSuffix(w, suf) && utf8.RuneCountInString(w) >= 3 {
			out = append(out, Span{i, j})
			break
		}
	}
	// "名前/氏名/部署名" hold 名, not a department; the checks above need
	// a suffix, so they do not match.
	return out
}

func sortSpans(sp []Span) {
	for i := 1; i < len(sp); i++ {
		for k := i; k > 0 && sp[k].Start < sp[k-1].Start; k-- {
			sp[k], sp[k-1] = sp[k-1], sp[k]
		}
	}
}
