package jdate

import (
	"errors"
	"fmt"
	"strings"
)

// Find returns every date in s, in order, without overlaps. s is meant to
// be detectors.Normalize output (NFKC), but full-width digits, U+3000
// spaces and the era ligatures ㍾㍽㍼㍻㋿ are read as well, so raw text
// works too. Offsets are bytes into s.
//
// Only complete dates (year, month and day) are found, and only if they
// exist: 昭和64年2月1日, 平成32年1月1日 and 2月30日 are rejected. A date must
// not be glued to other digits ("12019/03/12") or, for the letter and
// English forms, to other letters. Western years outside
// [MinYear, MaxYear] are ignored: such numbers are rarely dates.
func Find(s string) []Span {
	var spans []Span
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if i > 0 && isDigitBefore(s, i) {
				i = skipDigits(s, i)
				continue
			}
		case c < 0x80:
			if !isStartLetter(c) || (i > 0 && isAlnum(s[i-1])) {
				i++
				continue
			}
		default:
			if !mayStartRune(s, i) {
				i += runeLen(c)
				continue
			}
			if i > 0 && isDigitBefore(s, i) {
				// A full-width digit glued to a number before it.
				i += runeLen(c)
				continue
			}
		}
		if sp, ok := ParseAt(s, i); ok {
			spans = append(spans, sp)
			i = sp.End
			continue
		}
		if c >= '0' && c <= '9' {
			i = skipDigits(s, i)
			continue
		}
		if c < 0x80 {
			i++
			for i < len(s) && isAlnum(s[i]) {
				i++
			}
			continue
		}
		i += runeLen(c)
	}
	return spans
}

// Span is a date found in text.
type Span struct {
	Start, End int  // byte offsets of the date in the text
	Date       Date // the date, or its month-first reading when Ambiguous
	Form       Form
	Era        Era // the era of an era date; NoEra otherwise
	// Ambiguous marks a numeric date like 03/04/1985 whose day and month
	// can be read both ways. Date is then the reading the separator
	// suggests (month first after '/' or '-', as in the US; day first
	// after '.', as in Europe) and Alt the other one.
	Ambiguous bool
	Alt       Date
	// DayFirst says that Date is the day-first reading of an ambiguous
	// date (and Alt the month-first one).
	DayFirst bool
}

// Form is how a date was written.
type Form uint8

// Forms of dates.
const (
	FormEra        Form = iota + 1 // 昭和60年3月12日, 平成2.5.3, ㍼60年3月12日
	FormEraLetter                  // S60.3.12, H2/5/3, R1年5月1日 (JIS X 0301 letters)
	FormKanji                      // 1985年3月12日, 一九八五年三月十二日
	FormISO                        // 1985-03-12, 1985/3/12, 1985.3.12
	FormCompact                    // 19850312 (ParseAt and Parse only; Find skips it)
	FormNumericDMY                 // 12/03/1985, 3-12-1985: day and month in front
	FormEnglish                    // 12 March 1985, March 12, 1985, 12-Mar-1985
)

var formNames = [...]string{"", "era", "era-letter", "kanji", "iso", "compact", "numeric-dmy", "english"}

func (f Form) String() string {
	if int(f) < len(formNames) && f != 0 {
		return formNames[f]
	}
	return fmt.Sprintf("Form(%d)", f)
}

// Western years outside this range are not taken for dates.
const (
	MinYear = 1800
	MaxYear = 2199
)

// Errors of Parse.
var (
	ErrNoDate    = errors.New("jdate: no date")
	ErrAmbiguous = errors.New("jdate: day and month order is ambiguous")
)

// Parse parses s, which must hold exactly one date and nothing else but
// surrounding spaces, and returns it. Unlike Find it also accepts the
// compact form 19850312. An ambiguous numeric date (03/04/1985) yields
// ErrAmbiguous: use ParseAt to get both readings.
func Parse(s string) (Date, error) {
	t := strings.TrimSpace(strings.Trim(s, "\u3000"))
	t = strings.TrimSpace(t)
	if t == "" {
		return Date{}, ErrNoDate
	}
	sp, ok := parseAt(t, 0, true)
	if !ok || sp.End != len(t) {
		return Date{}, fmt.Errorf("jdate: %q: %w", s, ErrNoDate)
	}
	if sp.Ambiguous {
		return Date{}, fmt.Errorf("jdate: %q: %w", s, ErrAmbiguous)
	}
	return sp.Date, nil
}

// ParseAt parses the date that starts at byte i of s, if there is one.
// It does not look at s[:i]: the caller checks what precedes the date.
// The compact form 19850312 is not taken here (see Parse).
func ParseAt(s string, i int) (Span, bool) {
	return parseAt(s, i, false)
}

func parseAt(s string, i int, compact bool) (Span, bool) {
	if i < 0 || i >= len(s) {
		return Span{}, false
	}
	p := cursor{s: s, i: i}
	if era, ok := p.era(); ok {
		return p.eraDate(i, era)
	}
	if p.i = i; isStartLetter(s[i]) {
		return p.englishMonthFirst(i)
	}
	p.i = i
	n, ok := p.number(8)
	if !ok {
		return Span{}, false
	}
	switch {
	case n.digits == 4:
		if sp, ok := p.westernYearFirst(i, n); ok {
			return sp, true
		}
	case n.digits == 8 && compact && !n.kanji:
		return compactDate(s, i, p.i, n.value)
	case n.digits <= 2 && !n.kanji:
		return p.dayFirst(i, n)
	}
	return Span{}, false
}

// eraDate parses what follows an era name: year 年 month 月 day 日, or year
// sep month sep day.
func (p *cursor) eraDate(start int, era eraToken) (Span, bool) {
	p.spaces()
	var y num
	if p.has("元") {
		p.i += len("元")
		y = num{value: 1, digits: 1, kanji: true}
	} else {
		var ok bool
		if y, ok = p.number(2); !ok || y.value == 0 {
			return Span{}, false
		}
	}
	p.spaces()
	if p.i < len(p.s) && p.s[p.i] == '(' {
		// 昭和60(1985)年: the Western year in parentheses must agree.
		save := p.i
		p.i++
		p.spaces()
		w, ok := p.number(4)
		p.spaces()
		if !ok || w.digits != 4 || !p.byte(')') {
			p.i = save
		} else if w.value != era.era.info().first+y.value-1 {
			return Span{}, false
		}
		p.spaces()
	}
	var m, d num
	var ok bool
	if p.has("年") {
		p.i += len("年")
		if m, d, ok = p.monthDayKanji(); !ok {
			return Span{}, false
		}
	} else {
		if y.kanji {
			return Span{}, false
		}
		if m, d, ok = p.monthDaySep(); !ok {
			return Span{}, false
		}
	}
	date, err := FromEra(era.era, y.value, m.value, d.value)
	if err != nil {
		return Span{}, false
	}
	form := FormEra
	if era.letter {
		form = FormEraLetter
		if p.i < len(p.s) && isAlnum(p.s[p.i]) {
			return Span{}, false
		}
	}
	if !p.rightBoundary() {
		return Span{}, false
	}
	return Span{Start: start, End: p.i, Date: date, Form: form, Era: era.era}, true
}

// westernYearFirst parses the rest of 1985年3月12日 or 1985-03-12.
func (p *cursor) westernYearFirst(start int, y num) (Span, bool) {
	if y.value < MinYear || y.value > MaxYear {
		return Span{}, false
	}
	save := p.i
	p.spaces()
	var m, d num
	var ok bool
	form := FormKanji
	switch {
	case p.has("年"):
		p.i += len("年")
		m, d, ok = p.monthDayKanji()
	case !y.kanji:
		p.i = save
		m, d, ok = p.monthDaySep()
		form = FormISO
	}
	if !ok {
		return Span{}, false
	}
	date := Date{y.value, m.value, d.value}
	if !date.Valid() || !p.rightBoundary() {
		return Span{}, false
	}
	return Span{Start: start, End: p.i, Date: date, Form: form}, true
}

// monthDayKanji parses "M月D日" (after 年), with optional spaces.
func (p *cursor) monthDayKanji() (m, d num, ok bool) {
	p.spaces()
	if m, ok = p.number(2); !ok {
		return
	}
	p.spaces()
	if !p.has("月") {
		return m, d, false
	}
	p.i += len("月")
	p.spaces()
	if d, ok = p.number(2); !ok {
		return
	}
	p.spaces()
	if !p.has("日") {
		return m, d, false
	}
	p.i += len("日")
	return m, d, true
}

// monthDaySep parses "-MM-DD" with one separator of '-', '/' or '.' used
// twice, and ASCII digits.
func (p *cursor) monthDaySep() (m, d num, ok bool) {
	sep, ok := p.sep()
	if !ok {
		return
	}
	if m, ok = p.number(2); !ok || m.kanji {
		return m, d, false
	}
	if !p.byte(sep) {
		return m, d, false
	}
	if d, ok = p.number(2); !ok || d.kanji {
		return m, d, false
	}
	return m, d, true
}

// dayFirst parses 12/03/1985 (either order), or 12 March 1985.
func (p *cursor) dayFirst(start int, a num) (Span, bool) {
	save := p.i
	if sep, ok := p.sep(); ok {
		b, ok := p.number(2)
		if !ok || b.kanji || !p.byte(sep) {
			// A month name may follow "12-", as in 12-Mar-1985.
			p.i = save
			return p.englishDayFirst(start, a)
		}
		y, ok := p.number(4)
		if !ok || y.kanji || y.digits != 4 || y.value < MinYear || y.value > MaxYear || !p.rightBoundary() {
			return Span{}, false
		}
		return numericDMY(start, p.i, a.value, b.value, y.value, sep)
	}
	return p.englishDayFirst(start, a)
}

// numericDMY resolves the order of day and month.
func numericDMY(start, end, a, b, y int, sep byte) (Span, bool) {
	mdy := Date{y, a, b}
	dmy := Date{y, b, a}
	sp := Span{Start: start, End: end, Form: FormNumericDMY}
	switch {
	case mdy.Valid() && dmy.Valid() && a != b:
		sp.Ambiguous = true
		sp.Date, sp.Alt = mdy, dmy
		if sep == '.' {
			sp.Date, sp.Alt, sp.DayFirst = dmy, mdy, true
		}
	case mdy.Valid():
		sp.Date = mdy
	case dmy.Valid():
		sp.Date = dmy
	default:
		return Span{}, false
	}
	return sp, true
}

func compactDate(s string, start, end, v int) (Span, bool) {
	d := Date{v / 10000, v / 100 % 100, v % 100}
	if d.Year < MinYear || d.Year > MaxYear || !d.Valid() {
		return Span{}, false
	}
	return Span{Start: start, End: end, Date: d, Form: FormCompact}, true
}
