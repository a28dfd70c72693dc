package formfield

import (
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// MaxHead is how many bytes may stand between the start of a line and a
// label that heads it: indentation, bullets, brackets, an enumerator.
const MaxHead = 24

// headRunes may stand before a label at the head of its line: spaces,
// bullets, opening brackets and the digits and marks of an enumerator
// ("1.", "(2)", "①", which NFKC has made "1").
const headRunes = " \t・･■□●○◆◇▪▫▶►▼▽★☆※*#>-+•◎|(.)[<【《〈「『〔"

// Heads reports whether the label at s[start:] heads its line: only
// indentation, bullets, opening brackets or a short enumerator (at most
// two digits) stand between the line start and the label, at most MaxHead
// bytes.
func Heads(s string, start int) bool {
	digits := 0
	for i := start; i > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if r == '\n' {
			return true
		}
		if start-i+size > MaxHead {
			return false
		}
		switch {
		case r >= '0' && r <= '9':
			if digits++; digits > 2 {
				return false
			}
		case !strings.ContainsRune(headRunes, r):
			return false
		}
		i -= size
	}
	return true
}

// closing brackets end a label: "【職歴】", "[Education]".
const closing = ")]>】》〉」』〕"

// Value returns where the value of a label ending at s[end] starts and
// whether it stands on the label's line: Rest, and when the label ends
// its line, the start of the next line, which must not be blank.
func Value(s string, end int, strict bool) (start int, sameLine, ok bool) {
	j, ok := Rest(s, end, strict)
	switch {
	case !ok:
		return 0, false, false
	case j < len(s) && s[j] != '\n':
		return j, true, true
	}
	return nextLine(s, j)
}

// Rest returns where the text after a label ending at s[end] starts on
// its line, or the end of the line ('\n' or the end of s) when nothing
// follows on it. A separator must follow the label: a colon, '=', '|', a
// tab, a closing bracket or the end of the line, or, unless strict, a
// space. Without one the label runs on into a word ("趣味の悪い",
// "Careers") and ok is false.
func Rest(s string, end int, strict bool) (int, bool) {
	sep := false
	for j := end; j < len(s) && j-end <= MaxHead; {
		r, size := utf8.DecodeRuneInString(s[j:])
		switch {
		case r == '\n':
			return j, true
		case r == ':' || r == '=' || r == '|' || r == '\t' || r == '\r' || strings.ContainsRune(closing, r):
			sep = true
		case r == ' ':
			sep = sep || !strict
		default:
			return j, sep
		}
		j += size
	}
	return len(s), len(s)-end <= MaxHead
}

// nextLine returns the start of the text on the line after the one that
// ends at s[j] ('\n' or the end of s), if that line is not blank.
func nextLine(s string, j int) (int, bool, bool) {
	if j >= len(s) {
		return 0, false, false
	}
	j++
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
		j++
	}
	if j == len(s) || s[j] == '\n' {
		return 0, false, false
	}
	return j, false, true
}

// placeholders are values that say there is no value.
var placeholders = map[string]bool{
	"なし": true, "無し": true, "特になし": true, "特に無し": true, "特にありません": true, "ありません": true,
	"無": true, "未記入": true, "未定": true, "不問": true, "該当なし": true, "-": true, "ー": true, "―": true,
	"none": true, "n/a": true, "na": true, "nil": true, "tbd": true, "same as above": true, "see above": true,
	"see below": true, "上記": true, "下記": true, "別紙": true, "別紙参照": true, "省略": true,
}

// Placeholder reports whether v, trimmed, says there is no value ("なし",
// "特になし", "N/A", "-").
func Placeholder(v string) bool {
	v = strings.Trim(v, " \t\r.。、,")
	return v == "" || placeholders[textscan.ASCIILower(v)]
}

// Summary returns v with whitespace collapsed to single spaces and cut to
// at most n runes.
func Summary(v string, n int) string {
	v = strings.Join(strings.Fields(v), " ")
	if utf8.RuneCountInString(v) <= n {
		return v
	}
	i := 0
	for k := 0; k < n; k++ {
		_, size := utf8.DecodeRuneInString(v[i:])
		i += size
	}
	return strings.TrimRight(v[:i], " ")
}

// Cut returns the end of the longest prefix of s[start:end] that is at
// most n bytes long and ends at a rune boundary.
func Cut(s string, start, end, n int) int {
	if end-start <= n {
		return end
	}
	end = start + n
	for end > start && !utf8.RuneStart(s[end]) {
		end--
	}
	return end
}
