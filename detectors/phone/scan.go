package phone

import (
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

const (
	// maxCandidate bounds a number's length in bytes: "+81 (0)90 1234
	// 5678" is 19, "0081-90-1234-5678" 17. A longer run is rejected whole,
	// except that a space-separated run may yield its leading groups.
	maxCandidate = 40
	// E.164 numbers have at most 15 digits; 17 leaves room for an "00"
	// prefix and a "(0)".
	minDigits, maxDigits = 8, 17
	// maxGroups is how many digit groups of a run are remembered.
	maxGroups = 8
)

// run is a phone-number-shaped run of the text: an optional '+', then
// digit groups separated by single '-', '.' or ' ' (one kind per number,
// except that a space or '-' may follow the country code or a closing
// parenthesis, as in "+81 90-1234-5678" and "(03) 1234-5678"), with at
// most one group in parentheses, as in "(03)1234-5678" and "03(1234)5678".
type run struct {
	start, end    int
	international bool // written with '+'
	style         byte // the separator between groups; 0 if none
	paren         bool // has a group in parentheses
	rightOK       bool // what follows the run may follow a number
	nd            int  // number of digits
	digits        [maxCandidate]byte
	groups        int
	singles       int            // groups of a single digit
	groupEnd      [maxGroups]int // end offset of each group in the text
	groupDigits   [maxGroups]int // digits up to the end of each group
	parenGroup    int            // index of the group in parentheses
}

// candidate is a possible number: a run or the leading groups of one.
type candidate struct {
	start, end    int
	digits        string // without separators or '+'
	international bool
	// How the number is written, its own evidence of a region: the
	// separator between groups (0 if none), the digits of each group (ng
	// > maxGroups: too many to tell) and which group is in parentheses
	// (-1: none), as in "(03)1234-5678".
	style byte
	ng    int
	glen  [maxGroups]uint8
	paren int
	// whole: the candidate is its run, not the leading groups of a
	// longer one.
	whole bool
}

// startByte marks the bytes a run may start with.
var startByte = [256]bool{
	'0': true, '1': true, '2': true, '3': true, '4': true,
	'5': true, '6': true, '7': true, '8': true, '9': true,
	'+': true, '(': true,
}

// scan reads the run that starts at s[i] into r and reports whether there
// is one, with the offset to go on from: after the whole run, so that a
// number is never carved out of a longer digit run.
func scan(s string, i int, r *run) (ok bool, next int) {
	if (s[i] == '+' || s[i] == '(') && (i+1 >= len(s) || !isDigit(s[i+1])) {
		return false, i + 1
	}
	if !leftBoundary(s, i) {
		return false, skipToken(s, i)
	}
	*r = run{start: i}
	j := i
	if s[j] == '+' {
		r.international = true
		j++
	}
	afterHead := false // just after the country code or ')': a free separator
	for j < len(s) {
		digitsBefore := r.nd
		switch {
		case s[j] == '(' && !r.paren:
			k := j + 1
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			if k == j+1 || k >= len(s) || s[k] != ')' {
				goto end
			}
			r.addDigits(s[j+1 : k])
			r.paren, afterHead, r.parenGroup = true, true, r.groups
			j = k + 1
		case isDigit(s[j]):
			k := j
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			r.addDigits(s[j:k])
			afterHead = r.international && r.groups == 0
			j = k
		default:
			goto end
		}
		if r.groups < maxGroups {
			r.groupEnd[r.groups], r.groupDigits[r.groups] = j, r.nd
		}
		if r.nd-digitsBefore == 1 && s[j-1] != ')' {
			r.singles++ // a "(0)" trunk prefix does not count
		}
		r.groups++
		if j >= len(s) {
			break
		}
		switch sep := s[j]; {
		case (sep == '(' && !r.paren) || isDigit(sep): // "03(1234)", ")5678"
			continue
		case sep != '-' && sep != '.' && sep != ' ':
			goto end
		case j+1 >= len(s) || !(isDigit(s[j+1]) || (s[j+1] == '(' && !r.paren)):
			goto end
		case afterHead && sep != '.':
			afterHead = false
		case r.style == 0:
			r.style = sep
		case sep != r.style:
			goto end
		}
		j++
	}
end:
	r.end = j
	r.rightOK = rightBoundary(s, j)
	return true, max(j, i+1)
}

func (r *run) addDigits(d string) {
	for k := 0; k < len(d); k++ {
		if r.nd < len(r.digits) {
			r.digits[r.nd] = d[k]
		}
		r.nd++
	}
}

// whole returns the run as a candidate, if it has a number's size and
// ends where a number may end. Of its groups one at most may be a single
// digit (Tokyo's 3 in "+81 3 1234 5678"): "0 3 1 2 3 4 5 6 7 8" is a row
// of digits, not a number.
func (r *run) whole() (candidate, bool) {
	if !r.rightOK || r.singles > 1 || r.end-r.start > maxCandidate || r.nd < minDigits || r.nd > maxDigits {
		return candidate{}, false
	}
	return r.candidate(r.groups, r.end, r.nd), true
}

// candidate returns the first groups of the run, ending at end after nd
// digits, as a candidate.
func (r *run) candidate(groups, end, nd int) candidate {
	c := candidate{start: r.start, end: end, digits: string(r.digits[:nd]), international: r.international,
		style: r.style, ng: groups, paren: -1, whole: groups == r.groups}
	if r.paren && r.parenGroup < groups {
		c.paren = r.parenGroup
	}
	if groups <= maxGroups {
		prev := 0
		for g := range groups {
			c.glen[g] = uint8(r.groupDigits[g] - prev)
			prev = r.groupDigits[g]
		}
	}
	return c
}

// prefixes returns the leading groups of a space-separated run, longest
// first, as candidates: "080 1234 5678 2024年" holds "080 1234 5678". Each
// group but a country code must have two digits or more, so that a row of
// single digits ("0 1 2 3 4 5 6 7 8 9") yields nothing.
func (r *run) prefixes() []candidate {
	if r.style != ' ' || r.paren || r.groups > maxGroups {
		return nil
	}
	var cs []candidate
	for g := r.groups - 2; g >= 1; g-- {
		end, nd := r.groupEnd[g], r.groupDigits[g]
		if end-r.start > maxCandidate || nd < minDigits || nd > maxDigits || !r.groupsLong(g) {
			continue
		}
		cs = append(cs, r.candidate(g+1, end, nd))
	}
	return cs
}

// groupsLong reports whether groups 0..g have two digits or more, the
// country code excepted.
func (r *run) groupsLong(g int) bool {
	prev := 0
	for k := 0; k <= g; k++ {
		if r.groupDigits[k]-prev < 2 && !(k == 0 && r.international) {
			return false
		}
		prev = r.groupDigits[k]
	}
	return true
}

// leftBoundary reports whether a number may start at s[i]: not inside a
// word, a longer number, a decimal, a date, a time or an address, nor
// after a currency sign or the postal mark.
func leftBoundary(s string, i int) bool {
	if i == 0 {
		return true
	}
	p := s[i-1]
	switch {
	case textscan.IsLetter(p):
		return afterPhoneWord(s, i) // "TEL03-1234-5678"
	case isDigit(p) || p == '+' || p == '@':
		return false
	case p == '-' || p == '_':
		return i < 2 || !isAlnum(s[i-2]) // INV-2024-000123, ABC-0312345678
	case p == '.' || p == ',' || p == '/' || p == ':' || p == ' ':
		// 192.168.0.1, 1,234, 2024/05/02, 10:00, and the groups of a run
		// that did not start a number ("4111 1111 1111 1111").
		return i < 2 || !isDigit(s[i-2])
	}
	switch r, _ := utf8.DecodeLastRuneInString(s[:i]); r {
	case '〒', '¥', '$', '€', '£', '#', '№':
		return false
	}
	return true
}

// afterPhoneWord reports whether the letters right before s[i] are a
// phone word on its own, as in "TEL03-1234-5678" or "Fax03…".
func afterPhoneWord(s string, i int) bool {
	k := i
	for k > 0 && i-k < 6 && textscan.IsLetter(s[k-1]) {
		k--
	}
	if k > 0 && isAlnum(s[k-1]) {
		return false
	}
	switch strings.ToLower(s[k:i]) {
	case "tel", "fax", "phone", "mobile", "cell":
		return true
	}
	return false
}

// rightBoundary reports whether a number may end at s[j].
func rightBoundary(s string, j int) bool {
	if j >= len(s) {
		return true
	}
	q := s[j]
	if isAlnum(q) || q == '@' {
		return false
	}
	if j+1 < len(s) && isAlnum(s[j+1]) {
		switch q {
		case '-', '.', ',', '/', ':', '_':
			return false // 1234-5678-ABCD, 192.168.0.1, 10:00, 1,234
		}
	}
	return true
}

// skipToken returns the end of the word-like run at s[i], so that the
// scan does not restart inside it.
func skipToken(s string, i int) int {
	j := i + 1
	for j < len(s) && (isAlnum(s[j]) || isJoiner(s[j])) {
		j++
	}
	return j
}

func isJoiner(c byte) bool {
	switch c {
	case '-', '.', '_', ',', '/', ':', '+', '(', ')':
		return true
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool { return isDigit(c) || textscan.IsLetter(c) }
