package jdate

// months are English month names and abbreviations, lower-case.
var months = [...]struct {
	name  string
	month int
}{
	{"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
	{"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
	{"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8},
	{"sept", 9}, {"sep", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
}

// month reads an English month name (a whole word, any case, an
// abbreviation optionally followed by '.').
func (p *cursor) month() (int, bool) {
	j := p.i
	for j < len(p.s) && isLetter(p.s[j]) && j-p.i < 10 {
		j++
	}
	if j < len(p.s) && isLetter(p.s[j]) {
		return 0, false
	}
	word := p.s[p.i:j]
	for _, m := range months {
		if len(m.name) == len(word) && equalFold(word, m.name) {
			p.i = j
			if len(word) <= 4 && word != "june" && word != "july" {
				p.byte('.')
			}
			return m.month, true
		}
	}
	return 0, false
}

// equalFold compares ASCII s with lower-case t, ignoring case.
func equalFold(s, t string) bool {
	for k := 0; k < len(s); k++ {
		if s[k]|0x20 != t[k] {
			return false
		}
	}
	return true
}

// ordinal skips an English ordinal suffix: 1st, 2nd, 3rd, 12th.
func (p *cursor) ordinal() {
	if p.i+2 > len(p.s) {
		return
	}
	switch suf := p.s[p.i : p.i+2]; {
	case equalFold(suf, "st"), equalFold(suf, "nd"), equalFold(suf, "rd"), equalFold(suf, "th"):
		if p.i+2 == len(p.s) || !isLetter(p.s[p.i+2]) {
			p.i += 2
		}
	}
}

// englishSpaces skips at least min spaces (at most three).
func (p *cursor) englishSpaces(min int) bool {
	start := p.i
	for p.i < len(p.s) && p.s[p.i] == ' ' && p.i-start < 3 {
		p.i++
	}
	return p.i-start >= min
}

// englishMonthFirst parses "March 12, 1985", "Mar. 12th 1985".
func (p *cursor) englishMonthFirst(start int) (Span, bool) {
	m, ok := p.month()
	if !ok {
		return Span{}, false
	}
	dotted := p.s[p.i-1] == '.'
	if !p.englishSpaces(1) && !dotted {
		return Span{}, false
	}
	d, ok := p.number(2)
	if !ok || d.kanji {
		return Span{}, false
	}
	p.ordinal()
	comma := p.byte(',')
	if !p.englishSpaces(1) && !comma {
		return Span{}, false
	}
	return p.englishYear(start, m, d.value)
}

// englishDayFirst parses the rest of "12 March 1985", "12th of March,
// 1985", "12-Mar-1985", "12/Mar/1985" after the day.
func (p *cursor) englishDayFirst(start int, d num) (Span, bool) {
	p.ordinal()
	var sep byte
	switch {
	case p.byte('-'):
		sep = '-'
	case p.byte('/'):
		sep = '/'
	case p.englishSpaces(1):
		if p.i+3 <= len(p.s) && equalFold(p.s[p.i:p.i+3], "of ") {
			p.i += 3
		}
	default:
		return Span{}, false
	}
	m, ok := p.month()
	if !ok {
		return Span{}, false
	}
	if sep != 0 {
		if !p.byte(sep) {
			return Span{}, false
		}
	} else {
		comma := p.byte(',')
		if !p.englishSpaces(1) && !comma {
			return Span{}, false
		}
	}
	return p.englishYear(start, m, d.value)
}

func (p *cursor) englishYear(start, m, d int) (Span, bool) {
	y, ok := p.number(4)
	if !ok || y.kanji || y.digits != 4 || y.value < MinYear || y.value > MaxYear {
		return Span{}, false
	}
	date := Date{y.value, m, d}
	if !date.Valid() || !p.rightBoundary() || (p.i < len(p.s) && isLetter(p.s[p.i])) {
		return Span{}, false
	}
	return Span{Start: start, End: p.i, Date: date, Form: FormEnglish}, true
}
