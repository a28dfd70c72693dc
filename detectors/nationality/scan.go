package nationality

import (
	"strings"

	"github.com/mailsift/mailsift/detectors/internal/textscan"
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
			k := textscan.IndexFold(s[off:], w)
			if k < 0 {
				break
			}
			k += off
			off = k + len(w)
			if textscan.IsLetter(w[0]) && ((k > 0 && textscan.IsLetter(s[k-1])) || (off < len(s) && textscan.IsLetter(s[off]))) {
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
var nationalityColumn = textscan.NewWordPrefixes("国籍", "nationality", "citizenship")

func isNationalityColumn(col string) bool {
	return col != "" && nationalityColumn.LastEnd(strings.ReplaceAll(col, " ", "")) >= 0
}
