package signature

import (
	"strings"

	"github.com/mailsift/mailsift/detectors/internal/rule"
)

// The regular expressions for English companies, titles and departments
// are the slowest part of parsing a block line, and most lines (all
// Japanese ones) cannot match them. These checks are necessary
// conditions, each implied by every alternative of its expression: when
// one says no, the expression cannot match and is not run; when it says
// yes, the expression decides. TestLatinPrefilters and
// FuzzLatinPrefilters hold them to that.

// companyStarts are prefixes of the alternatives of latinCompany; each
// match of it starts with one of them at a word start: at the start of
// the text or after \s ([\t\n\f\r ]) or a comma.
var companyStarts = []string{
	"co.", "co,", "co ", "co\t", "co\n", "co\f", "co\r", "col", "corp", "inc", "llc", "l.l.c.", "ltd",
	"limited", "k.k.", "gmbh", "llp", "plc", "pte", "s.a.", "holdings",
}

// companyStartCues finds them, and "ag" (ag\b), in one pass (read-only).
var companyStartCues = rule.NewCues(append(append([]string(nil), companyStarts...), "ag")...)

// mayLatinCompany reports whether latinCompany may match s.
func mayLatinCompany(s string) bool {
	if hasFoldRunes(s) {
		return true
	}
	return companyStartCues.AnyFunc(s, func(p, k int) bool {
		if p > 0 {
			switch s[p-1] {
			case ' ', '\t', '\n', '\f', '\r', ',':
			default:
				return false
			}
		}
		w := companyStartCues.Word(k)
		return w != "ag" || len(s) == p+2 || !isWordByte(s[p+2])
	})
}

// titleAnchors: each alternative of latinTitle contains one of them.
var titleAnchors = []string{
	"officer", "ceo", "cfo", "cto", "coo", "cio", "ciso", "president", "vp", "chairman", "director",
	"manager", "head of", "engineer", "consultant", "analyst", "specialist", "associate", "partner",
	"attorney", "accountant", "secretary", "representative", "coordinator", "lead", "assistant",
	"executive", "administrator",
}

// titleAnchorCues finds them (read-only).
var titleAnchorCues = rule.NewCues(titleAnchors...)

// mayLatinTitle reports whether latinTitle may match s.
func mayLatinTitle(s string) bool {
	return hasFoldRunes(s) || titleAnchorCues.Any(s)
}

// hasFoldRunes reports whether s holds KELVIN SIGN or LONG S, the only
// non-ASCII runes that (?i) matches to ASCII letters (k, s). NFKC text
// has neither, but FindCompany and FindTitles may see raw text.
func hasFoldRunes(s string) bool {
	return strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f")
}

// mayLatinDept reports whether latinDept (case-sensitive) may match s:
// each match holds "Dept", "Department", "Division" or "Div.".
func mayLatinDept(s string) bool {
	return strings.Contains(s, "Dep") || strings.Contains(s, "Div")
}

// TitleKeywords returns lower-case words of which every department or
// title that FindTitles finds in normalized (NFKC) text holds one, ASCII
// case aside: the Japanese title words and department suffixes, the
// anchors of the English titles, and "dep" and "div" for the English
// departments. A detector that reports only such finds may use them as
// its keywords. A word that holds another is left out (部長 holds 部),
// and some katakana titles are given by a part that starts with a rarer
// rune (ジデント for プレジデント): a cue's first rune decides how often
// the scan stops to compare, and katakana like プ or ア start many words.
func TitleKeywords() []string {
	var words []string
	for _, w := range titleWords {
		if c, ok := titleWordCues[w]; ok {
			w = c
		}
		words = append(words, w)
	}
	words = append(words, deptSuffixes...)
	words = append(words, titleAnchors...)
	words = append(words, "dep", "div")
	var out []string
	for i, w := range words {
		redundant := false
		for j, o := range words {
			if j != i && strings.Contains(w, o) && (o != w || j < i) {
				redundant = true // w holds o, or repeats an earlier word
				break
			}
		}
		if !redundant {
			out = append(out, w)
		}
	}
	return out
}

// titleWordCues give some titleWords by a part of them (see
// TitleKeywords).
var titleWordCues = map[string]string{
	"ヴァイスプレジデント": "ジデント", "バイスプレジデント": "ジデント", "プレジデント": "ジデント",
	"アソシエイト": "ソシエ", "アソシエート": "ソシエ", "プリンシパル": "シパル", "アドバイザー": "バイザー",
	"スーパーバイザー": "バイザー", "オフィサー": "ィサー", "エグゼクティブ": "ゼクティブ", "アシスタント": "シスタント",
	"フェロー": "ェロー", "エコノミスト": "ノミスト", "ストラテジスト": "ジスト", "トレーダー": "レーダー",
	"カウンセル": "ウンセル",
}

// titleCues hold what FindTitles needs to find anything: TitleKeywords,
// and the runes of hasFoldRunes, which NFKC text has not (read-only).
var titleCues = rule.NewCues(append(TitleKeywords(), "\u212a", "\u017f")...)

// MayHoldTitle reports whether FindTitles may find a department or title
// in line or in any part of it: false is sure. Every Japanese find ends
// with a title word or department suffix, which line then holds, and
// the English ones need what mayLatinDept or mayLatinTitle look for; one
// pass looks for all of them. A detector uses it to skip lines before
// parsing their signature blocks.
func MayHoldTitle(line string) bool {
	return titleCues.Any(line)
}
