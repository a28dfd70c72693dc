package jdate

import (
	"errors"
	"fmt"
)

// Date is a date of the proleptic Gregorian calendar.
type Date struct {
	Year, Month, Day int
}

// String returns the date as YYYY-MM-DD, the normalized form of
// interface.md.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Valid reports whether d exists: year 1..9999, month 1..12, and a day of
// that month (29 February only in leap years).
func (d Date) Valid() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= 1 && d.Month <= 12 &&
		d.Day >= 1 && d.Day <= DaysIn(d.Year, d.Month)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(d.Month - e.Month)
	}
	return sign(d.Day - e.Day)
}

// YearsTo returns the number of full years from d to e (an age on date e
// for someone born on d); negative if e is before d.
func (d Date) YearsTo(e Date) int {
	n := e.Year - d.Year
	if e.Month < d.Month || (e.Month == d.Month && e.Day < d.Day) {
		n--
	}
	return n
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// DaysIn returns the number of days of month (1..12) in year, or 0.
func DaysIn(year, month int) int {
	switch month {
	case 1, 3, 5, 7, 8, 10, 12:
		return 31
	case 4, 6, 9, 11:
		return 30
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 0
}

// Era is a Japanese era (元号) since the adoption of one era per reign.
type Era uint8

// Eras, oldest first.
const (
	NoEra Era = iota
	Meiji
	Taisho
	Showa
	Heisei
	Reiwa
)

// eraInfo holds an era's range (pii-formats B7: 大正 1912-07-30…1926-12-25,
// 昭和 1926-12-25…1989-01-07, 平成 1989-01-08…2019-04-30, 令和 2019-05-01–).
// On the days an emperor died (1912-07-30, 1926-12-25) both eras are
// right, and both are accepted. Meiji dates are mapped year by year as
// if Gregorian: before 明治6年 (1873) Japan used the lunisolar calendar, so
// such a date is off by about a month; no living person is concerned.
type eraInfo struct {
	name, letter string
	first        int // Western year of 元年
	start, end   Date
}

var eraTable = [...]eraInfo{
	NoEra:  {},
	Meiji:  {"明治", "M", 1868, Date{1868, 1, 1}, Date{1912, 7, 30}},
	Taisho: {"大正", "T", 1912, Date{1912, 7, 30}, Date{1926, 12, 25}},
	Showa:  {"昭和", "S", 1926, Date{1926, 12, 25}, Date{1989, 1, 7}},
	Heisei: {"平成", "H", 1989, Date{1989, 1, 8}, Date{2019, 4, 30}},
	Reiwa:  {"令和", "R", 2019, Date{2019, 5, 1}, Date{9999, 12, 31}},
}

func (e Era) info() eraInfo {
	if int(e) < len(eraTable) {
		return eraTable[e]
	}
	return eraInfo{}
}

// String returns the era's name in kanji ("昭和"), or "" for NoEra.
func (e Era) String() string { return e.info().name }

// Letter returns the era's JIS X 0301 letter ("S" for 昭和).
func (e Era) Letter() string { return e.info().letter }

// Range returns the first and last day of the era; the last day of 令和
// is open and given as 9999-12-31.
func (e Era) Range() (first, last Date) {
	i := e.info()
	return i.start, i.end
}

// Errors of FromEra.
var (
	ErrInvalidDate = errors.New("jdate: no such date")
	ErrOutOfEra    = errors.New("jdate: date outside its era")
)

// FromEra converts a date of era e (year 1 is 元年) to the Gregorian
// calendar. It fails for dates that do not exist (2月30日) and for dates
// outside the era (昭和64年2月1日, 平成32年1月1日, 令和元年4月1日).
func FromEra(e Era, year, month, day int) (Date, error) {
	i := e.info()
	if i.name == "" {
		return Date{}, fmt.Errorf("jdate: era %d: %w", e, ErrInvalidDate)
	}
	if year < 1 || year > 9999-i.first {
		return Date{}, fmt.Errorf("jdate: %s%d年: %w", i.name, year, ErrOutOfEra)
	}
	d := Date{i.first + year - 1, month, day}
	if !d.Valid() {
		return Date{}, fmt.Errorf("jdate: %s%d年%d月%d日: %w", i.name, year, month, day, ErrInvalidDate)
	}
	if d.Compare(i.start) < 0 || d.Compare(i.end) > 0 {
		return Date{}, fmt.Errorf("jdate: %s%d年%d月%d日: %w", i.name, year, month, day, ErrOutOfEra)
	}
	return d, nil
}

// ToEra returns the era and era year of d (on the two days that belong to
// two eras, the newer one).
func ToEra(d Date) (Era, int, bool) {
	for e := Reiwa; e >= Meiji; e-- {
		i := e.info()
		if d.Compare(i.start) >= 0 && d.Compare(i.end) <= 0 {
			return e, d.Year - i.first + 1, true
		}
	}
	return NoEra, 0, false
}
