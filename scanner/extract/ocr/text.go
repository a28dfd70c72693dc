package ocr

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// clean tidies tesseract's output: valid UTF-8, no form feeds or trailing
// blanks, at most one blank line in a row, and Japanese lines that came
// out letter-spaced ("運 転 免 許 証", as some Japanese models write
// them) closed up, so that keywords match.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\f", "\n")
	s = strings.ReplaceAll(s, "\r", "")
	var b strings.Builder
	blank := 0
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if l == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
			if blank > 0 {
				b.WriteString("\n")
			}
		}
		blank = 0
		b.WriteString(closeUp(l))
	}
	return b.String()
}

// closeUp removes the blanks between two CJK characters of a line when
// most of its CJK neighbours are blank-separated: then the blanks are
// tesseract's letter-spacing, not the words' spaces ("氏名 山田 花子"
// keeps its spaces).
func closeUp(l string) string {
	runes := []rune(l)
	spaced, joined := 0, 0
	for i := 1; i < len(runes); i++ {
		switch {
		case isCJK(runes[i-1]) && isCJK(runes[i]):
			joined++
		case runes[i] == ' ' && i+1 < len(runes) && isCJK(runes[i-1]) && isCJK(runes[i+1]):
			spaced++
		}
	}
	if spaced < 2 || spaced <= joined {
		return l
	}
	out := runes[:0:0]
	for i, r := range runes {
		if r == ' ' && i > 0 && i+1 < len(runes) && isCJK(runes[i-1]) && isCJK(runes[i+1]) {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF01 && r <= 0xFF60) || r == 'ー'
}

// hasFillerRun reports whether text shows MRZ fillers as OCR reads them.
func hasFillerRun(text string) bool {
	return strings.Contains(text, "<<<") || strings.Contains(text, "くくく") || strings.Contains(text, "«")
}

// mrzLines returns the lines of text that look like MRZ lines: at least
// 25 characters, nearly all of them A–Z, 0–9 or '<'.
func mrzLines(text string) string {
	var keep []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.ReplaceAll(strings.TrimSpace(l), " ", "")
		n := utf8.RuneCountInString(l)
		if n < 25 {
			continue
		}
		good := 0
		for _, r := range l {
			if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r == '<' {
				good++
			}
		}
		if good*10 >= n*9 {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// mrzChecked reports whether lines (from mrzLines) hold an MRZ line whose
// check digits all hold: the second line of a passport (TD3, 44
// characters) or a TD2 card (36), or the number of a TD1 card's first
// line (30). A line read short or with a misread digit fails.
func mrzChecked(lines string) bool {
	for _, l := range strings.Split(lines, "\n") {
		switch n := len(l); {
		case n == 44 || n == 36:
			if checkDigit(l[0:9]) == l[9] && checkDigit(l[13:19]) == l[19] && checkDigit(l[21:27]) == l[27] &&
				checkDigit(l[0:10]+l[13:20]+l[21:n-1]) == l[n-1] {
				return true
			}
		case n == 30:
			if checkDigit(l[5:14]) == l[14] {
				return true
			}
		}
	}
	return false
}

// checkDigit is the ICAO 9303 check digit of s: weights 7, 3, 1; '<' is
// 0, A–Z are 10–35. Other characters make it fail.
func checkDigit(s string) byte {
	w := [3]int{7, 3, 1}
	sum := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		v := 0
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'A' && c <= 'Z':
			v = int(c-'A') + 10
		case c == '<':
		default:
			return 0
		}
		sum += v * w[i%3]
	}
	return byte('0' + sum%10)
}
