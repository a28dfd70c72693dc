package gender

import (
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// values are the gender words, longest first so that 男性 wins over 男.
var values = []struct {
	word, value string
	ascii       bool
}{
	{"ノンバイナリー", Other, false}, {"ノンバイナリ", Other, false}, {"その他", Other, false},
	{"男性", Male, false}, {"女性", Female, false}, {"男子", Male, false}, {"女子", Female, false},
	{"男", Male, false}, {"女", Female, false},
	{"non-binary", Other, true}, {"nonbinary", Other, true}, {"female", Female, true}, {"male", Male, true},
	{"woman", Female, true}, {"man", Male, true}, {"other", Other, true}, {"f", Female, true}, {"m", Male, true},
}

// value reads a gender word at the start of s. An ASCII word must end
// there; a Japanese one must not run on into another word ("男女", "女優").
func value(s string) (v string, n int, ok bool) {
	for _, w := range values {
		if w.ascii {
			if textscan.HasPrefixFold(s, w.word) && (len(s) == len(w.word) || !textscan.IsLetter(s[len(w.word)])) {
				return w.value, len(w.word), true
			}
			continue
		}
		if strings.HasPrefix(s, w.word) {
			r, _ := utf8.DecodeRuneInString(s[len(w.word):])
			if isWordRune(r) {
				return "", 0, false
			}
			return w.value, len(w.word), true
		}
	}
	return "", 0, false
}

// isWordRune reports whether r would continue a Japanese word: kanji,
// katakana, or hiragana other than particles that may follow a value.
func isWordRune(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x30A1 && r <= 0x30FA:
		return true
	case r >= 0x3041 && r <= 0x3096:
		return !strings.ContainsRune("ですでの、。", r)
	}
	return false
}

// label is a label found in the text: [start, end).
type label struct{ start, end int }

// labels are the label words; ASCII ones must be whole words.
var labelWords = []string{"性別", "性 別", "sex", "gender"}

// findLabels returns the labels of s in order.
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
			ls = append(ls, label{k, off})
		}
	}
	return ls
}

// marks tick a form option; blanks leave it unticked.
const (
	marks  = "■☑✓✔●◉☒"
	blanks = "□☐○◯"
)

// afterLabel reads the value after a label: "性別：男", "Sex: M",
// "性別\n女性", "Sex (M/F): F", "性別：■男 □女".
func afterLabel(s string, lb label) (detectors.Match, bool) {
	j := textscan.SkipLabelSeparators(s, lb.end, true)
	if j == lb.end && j < len(s) && s[j] != '(' && !startsMark(s[j:]) {
		// "性別による", "gendered": no separator, no value.
		if _, _, ok := value(s[j:]); !ok || textscan.IsLetter(s[j]) {
			return detectors.Match{}, false
		}
	}
	// A hint in parentheses before the value: "Sex (M/F): F".
	if j < len(s) && s[j] == '(' {
		if k := strings.IndexByte(s[j:], ')'); k > 0 && k <= 24 {
			after := textscan.SkipLabelSeparators(s, j+k+1, false)
			if after > j+k+1 {
				if _, n, ok := value(s[after:]); ok && !isOptionList(s, after, after+n) {
					j = after
				}
			}
		}
	}
	end := textscan.LineEnd(s, j, 40)
	if j >= end {
		return detectors.Match{}, false
	}
	if m, ok := options(s, j, end); ok {
		return m, true
	}
	v, n, ok := value(s[j:end])
	if !ok || isOptionList(s, j, j+n) {
		return detectors.Match{}, false
	}
	return detectors.Match{Type: pii.Gender, Start: j, End: j + n, Value: v, Confidence: LabelConfidence}, true
}

// isOptionList reports whether the value at s[start:end] is the first of a
// list of options ("男・女", "M/F", "男性 / 女性", "(男・女)"), which a blank
// form shows.
func isOptionList(s string, start, end int) bool {
	// Web forms pad options with tabs and runs of spaces ("Male\t\tFemale").
	rest := s[end:textscan.LineEnd(s, end, 24)]
	rest = strings.TrimLeft(rest, " \t・/|,、")
	rest = strings.TrimPrefix(rest, "or ")
	rest = strings.TrimLeft(rest, " \t")
	for _, m := range []string{blanks, marks} {
		for _, r := range m {
			rest = strings.TrimPrefix(rest, string(r))
		}
	}
	_, _, ok := value(strings.TrimLeft(rest, " "))
	return ok
}

// options reads a list of options of which exactly one is ticked:
// "■男 □女", "☐Male ☑Female". It returns the ticked one.
func options(s string, start, end int) (detectors.Match, bool) {
	var (
		found  detectors.Match
		ticked int
		seen   int
	)
	for j := start; j < end; {
		r, size := utf8.DecodeRuneInString(s[j:])
		switch {
		case strings.ContainsRune(marks, r) || strings.ContainsRune(blanks, r):
			k := j + size
			for k < end && s[k] == ' ' {
				k++
			}
			v, n, ok := value(s[k:end])
			if !ok {
				return detectors.Match{}, false
			}
			seen++
			if strings.ContainsRune(marks, r) {
				ticked++
				found = detectors.Match{Type: pii.Gender, Start: k, End: k + n, Value: v, Confidence: MarkedConfidence}
			}
			j = k + n
		case r == ' ' || r == '/' || r == '・' || r == '、' || r == ',':
			j += size
		default:
			j = end
		}
	}
	return found, seen >= 2 && ticked == 1
}

func startsMark(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(marks, r) || strings.ContainsRune(blanks, r)
}

// tuples finds a gender that shares parentheses with an age: "(35歳・男性)",
// "（男性、35歳）", "(35歳男性)".
func tuples(s string) []detectors.Match {
	var ms []detectors.Match
	for off := 0; ; {
		k := strings.Index(s[off:], "歳")
		if k < 0 {
			break
		}
		k += off
		off = k + len("歳")
		open := strings.LastIndexByte(s[max(0, k-24):k], '(')
		if open < 0 {
			continue
		}
		open += max(0, k-24)
		closeRel := strings.IndexByte(s[k:min(len(s), k+24)], ')')
		if closeRel < 0 || strings.ContainsAny(s[open+1:k], "()") {
			continue
		}
		inner := s[open+1 : k+closeRel]
		if !hasAge(inner) {
			continue
		}
		for _, part := range splitParts(inner, open+1) {
			p := s[part.start:part.end]
			if i := strings.Index(p, "歳"); i >= 0 {
				part.start += i + len("歳")
				p = s[part.start:part.end]
			}
			if v, n, ok := value(p); ok && n == len(p) && !textscan.IsLetter(p[0]) {
				ms = append(ms, detectors.Match{Type: pii.Gender, Start: part.start, End: part.start + n, Value: v, Confidence: TupleConfidence})
			}
		}
	}
	return ms
}

// hasAge reports whether s holds digits followed by 歳.
func hasAge(s string) bool {
	k := strings.Index(s, "歳")
	return k > 0 && s[k-1] >= '0' && s[k-1] <= '9'
}

// splitParts splits s (at offset base of the text) at ・、, / and spaces.
func splitParts(s string, base int) []label {
	var parts []label
	start := 0
	for i, r := range s {
		if r == '・' || r == '、' || r == ',' || r == '/' || r == ' ' {
			if i > start {
				parts = append(parts, label{base + start, base + i})
			}
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(s) {
		parts = append(parts, label{base + start, base + len(s)})
	}
	return parts
}
