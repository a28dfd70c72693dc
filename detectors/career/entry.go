package career

import (
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// markers name a school, an employer, a position or a career event.
// Short English words must be whole words ("inc" is not in "including").
var markers = textscan.NewWords(
	"大学", "高校", "高等学校", "中学", "小学校", "学校", "学院", "学部", "学科", "研究科", "専攻", "短大",
	"株式会社", "有限会社", "合同会社", "(株)", "(有)", "会社", "銀行", "証券", "省", "庁", "事務所", "法人",
	"病院", "研究所", "入社", "退社", "入学", "卒業", "修了", "中退", "退学", "入行", "入庁", "入省", "入所",
	"就職", "退職", "転職", "勤務", "配属", "着任", "就任", "出向", "異動", "昇進", "留学", "在籍", "取得",
	"独立", "開業", "創業", "部長", "課長", "係長", "取締役", "社長", "理事", "教授", "講師", "研究員",
	"university", "college", "school", "institute", "academy", "inc", "ltd", "llc", "llp", "plc", "gmbh",
	"corp", "co.", "k.k.", "bank", "joined", "graduated", "graduate", "bachelor", "master", "mba", "ph.d",
	"phd", "b.a.", "b.s.", "b.sc", "m.a.", "m.s.", "m.sc", "manager", "director", "engineer", "analyst",
	"officer", "consultant", "intern", "associate", "president", "founder", "professor", "lecturer",
	"researcher", "present",
)

// postingWords mark the requirements of a job posting, not a person's
// history: "2025年3月卒業見込みの方", "学歴不問", "経験者歓迎".
var postingWords = textscan.NewWordPrefixes(
	"の方", "不問", "歓迎", "募集", "予定者", "見込者", "以降に", "求める", "required", "preferred",
	"applicants", "candidates", "must have",
)

// isEntry reports whether seg is an entry of a history: a date and a
// marker, and no job-posting words. after says an entry came before, so
// that 同年 ("the same year") dates one.
func isEntry(seg string, after bool) bool {
	return utf8.RuneCountInString(seg) >= 4 && hasDate(seg, after) && hasMarker(seg) && !posting(seg)
}

func hasMarker(v string) bool { return markers.Contains(v) }

func posting(v string) bool { return postingWords.Contains(v) }

// hasDate reports whether v holds a year: four digits 1900–2099 (not the
// middle group of a phone number), a Japanese era year (平成22年, 令和元年,
// H22.4), or, when same is set, 同年.
func hasDate(v string, same bool) bool {
	if same && strings.Contains(v, "同年") {
		return true
	}
	for i := 0; i < len(v); {
		c := v[i]
		if c < '0' || c > '9' {
			i++
			continue
		}
		j := i
		for j < len(v) && v[j] >= '0' && v[j] <= '9' {
			j++
		}
		if j-i == 4 && (v[i:i+2] == "19" || v[i:i+2] == "20") && !phoneGroup(v, i, j) {
			return true
		}
		i = j
	}
	for _, era := range []string{"昭和", "平成", "令和"} {
		for off := 0; ; {
			k := strings.Index(v[off:], era)
			if k < 0 {
				break
			}
			off += k + len(era)
			r, _ := utf8.DecodeRuneInString(v[off:])
			if r >= '0' && r <= '9' || r == '元' || strings.ContainsRune("一二三四五六七八九十", r) {
				return true
			}
		}
	}
	return eraLetter(v)
}

// phoneGroup reports whether the digits v[i:j] are a middle group of a
// phone number: "-" and digits on both sides.
func phoneGroup(v string, i, j int) bool {
	return i >= 2 && v[i-1] == '-' && isDigit(v[i-2]) && j+1 < len(v) && v[j] == '-' && isDigit(v[j+1])
}

// eraLetter reports whether v holds an abbreviated era year: H22.4,
// S60年, R3/4, not inside a word.
func eraLetter(v string) bool {
	for i := 0; i+2 < len(v); i++ {
		if c := v[i]; c != 'H' && c != 'S' && c != 'R' || i > 0 && textscan.IsLetter(v[i-1]) {
			continue
		}
		j := i + 1
		for j < len(v) && j-i <= 2 && isDigit(v[j]) {
			j++
		}
		if j == i+1 || j-i > 3 || j >= len(v) {
			continue
		}
		if v[j] == '.' || v[j] == '/' || strings.HasPrefix(v[j:], "年") {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
