package nationality

import (
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors"
)

// labelWords are the labels of a nationality; longest first so that
// "国籍・地域" is read whole.
var labelWords = []string{
	"国籍・地域", "国籍/地域", "国籍(地域)", "国籍", "国 籍",
	"country of citizenship", "country of nationality", "nationality", "citizenship",
}

type label struct{ start, end int }

// findLabels returns the labels of s.
func findLabels(s string) []label {
	var ls []label
	for _, w := range labelWords {
		for off := 0; ; {
			k := detectors.IndexFold(s[off:], w)
			if k < 0 {
				break
			}
			k += off
			off = k + len(w)
			if isLetter(w[0]) && ((k > 0 && isLetter(s[k-1])) || (off < len(s) && isLetter(s[off]))) {
				continue
			}
			covered := false
			for _, l := range ls {
				if k >= l.start && k < l.end {
					covered = true
				}
			}
			if !covered {
				ls = append(ls, label{k, off})
			}
		}
	}
	return ls
}

// nationalityColumn holds the words of a nationality column header.
var nationalityColumn = detectors.NewKeywords("国籍", "nationality", "citizenship")

func isNationalityColumn(col string) bool {
	return col != "" && nationalityColumn.LastEnd(strings.ReplaceAll(col, " ", "")) >= 0
}

// skipSeparators skips spaces, colons and the like after a label, and one
// line break.
func skipSeparators(s string, j int) int {
	newline := true
	for n := 0; j < len(s) && n < 8; n++ {
		switch c := s[j]; {
		case c == ' ' || c == ':' || c == '=' || c == '|' || c == '\t' || c == '\r':
			j++
		case c == '\n' && newline:
			j++
			newline = false
		case strings.HasPrefix(s[j:], "は"):
			j += len("は")
		default:
			return j
		}
	}
	return j
}

// lineEnd returns the end of the line at j, at most n bytes on, on a rune
// boundary.
func lineEnd(s string, j, n int) int {
	end := min(len(s), j+n)
	if k := strings.IndexByte(s[j:end], '\n'); k >= 0 {
		end = j + k
	}
	for end > j && end < len(s) && !utf8.RuneStart(s[end]) {
		end--
	}
	return end
}
