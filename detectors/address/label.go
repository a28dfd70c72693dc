package address

import (
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// labelled finds the addresses after labels: "住所：…", "Address: …".
// Of overlapping labels ("現住所" and "住所") the longest is used.
func labelled(s string, as []anchor) []span {
	var out []span
	last := -1
	for _, a := range as {
		if a.kind != labelWord || a.start < last {
			continue
		}
		last = a.end
		if textscan.IsLetter(s[a.start]) && ((a.start > 0 && textscan.IsLetter(s[a.start-1])) || (a.end < len(s) && textscan.IsLetter(s[a.end]))) {
			continue
		}
		if afterNotPostal(s, a.start) {
			continue
		}
		if sp, ok := afterLabel(s, a.end, textscan.IsLetter(s[a.start])); ok {
			out = append(out, sp)
		}
	}
	return out
}

// afterNotPostal reports whether the word before a label at s[k] makes
// it another kind of address: "E-mail address", "IP Address", "メール住所".
func afterNotPostal(s string, k int) bool {
	j := k
	for j > 0 && (s[j-1] == ' ' || s[j-1] == '_') {
		j--
	}
	i := j
	for i > 0 && (textscan.IsLetter(s[i-1]) || s[i-1] == '-' || (s[i-1] >= '0' && s[i-1] <= '9')) {
		i--
	}
	word := strings.ToLower(s[i:j])
	if word == "" {
		for _, w := range []string{"メール", "メアド"} {
			if strings.HasSuffix(s[:j], w) {
				return true
			}
		}
		return false
	}
	for _, w := range notPostalLabels {
		if word == w {
			return true
		}
	}
	return false
}

// afterLabel reads the address after a label ending at s[j]: a Japanese
// address if one starts there, else the rest of the line if it looks like
// an address. An English label needs a colon ("Address: …"): without one,
// "address" is a word of a sentence ("check the address for typos") or
// code ("addr = 0x1f").
func afterLabel(s string, j int, english bool) (span, bool) {
	if english {
		k := j
		for k < len(s) && s[k] == ' ' {
			k++
		}
		if k == len(s) || s[k] != ':' {
			return span{}, false
		}
	}
	k := j
	newline := true // the value may stand on the next line: "住所\n東京都…"
	for n := 0; k < len(s) && n < 8; n++ {
		c := s[k]
		if c == ' ' || c == ':' || c == '=' || c == '|' || c == '\t' || c == '\r' || (c == '\n' && newline) {
			newline = newline && c != '\n'
			k++
			continue
		}
		break
	}
	if k == j && !strings.HasPrefix(s[k:], "〒") {
		return span{}, false // "住所変更", "addressed": no separator
	}
	if a, ok := parseJapanese(s, k, true); ok {
		a.confidence = max(a.confidence, FullConfidence)
		return a, true
	}
	end := textscan.LineEnd(s, k, MaxLen)
	v := strings.TrimRight(s[k:end], " \t\r,;.")
	if v == "" || !looksLikeAddress(v) || utf8.RuneCountInString(v) < 6 {
		return span{}, false
	}
	if isASCII(v) && len(strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' })) < 3 {
		return span{}, false // "Address: 0x1f", "Address: 10.0.0.1"
	}
	return span{k, k + len(v), EnglishConfidence}, true
}
