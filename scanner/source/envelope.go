package source

import (
	"bytes"
	"strings"
)

// isMozillaFrom reports a From_ line of Netscape or Thunderbird: "From - "
// and an optional date. They write it without a blank line before it.
func isMozillaFrom(line []byte) bool {
	return bytes.HasPrefix(line, []byte("From -")) && (len(line) == 6 || line[6] == ' ' || line[6] == '\t' || line[6] == '\r' || line[6] == '\n')
}

// isEnvelope reports whether line (with or without its line ending) is an
// mbox From_ line: "From ", a sender, and a date that has a weekday, a
// month name, a day, a time and a four-digit year, optionally one or two
// time zones, and nothing else (asctime "Mon Jan  2 15:04:05 2006",
// Takeout's "Mon Jan 02 15:04:05 +0000 2006", RFC 5322 style). Text that
// happens to start with "From " almost never passes. Two forms need no
// date: Mozilla's "From -" and Google Takeout's "From 1234567890@xxx".
// UUCP's trailing "remote from host" is allowed.
func isEnvelope(line []byte) bool {
	if !bytes.HasPrefix(line, fromSpace) {
		return false
	}
	var f [12][]byte
	n := 0
	for _, t := range bytes.FieldsFunc(line[len(fromSpace):], isSpace) {
		if n == len(f) {
			return false
		}
		f[n] = t
		n++
	}
	if n >= 5 && string(f[n-3]) == "remote" && string(f[n-2]) == "from" {
		n -= 3 // UUCP: "From user DATE remote from host"
	}
	switch {
	case n == 0:
		return false
	case n == 1:
		return string(f[0]) == "-" || isTakeoutID(f[0])
	}
	for w := 1; w < n; w++ {
		if isDate(f[w:n]) {
			return true
		}
	}
	return false
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\r' || r == '\n'
}

// isTakeoutID matches the sender Google Takeout writes: a message number
// and "@xxx".
func isTakeoutID(b []byte) bool {
	d, ok := bytes.CutSuffix(b, []byte("@xxx"))
	if !ok || len(d) < 6 {
		return false
	}
	for _, c := range d {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isDate checks the date of a From_ line split into fields, weekday first.
func isDate(f [][]byte) bool {
	if len(f) < 5 || len(f) > 7 || !isName(f[0], weekdays) {
		return false
	}
	var month, day, clock, year, zones int
	for _, t := range f[1:] {
		t = bytes.TrimSuffix(t, []byte(","))
		switch {
		case isName(t, months):
			month++
		case isNumber(t, 1, 2, 1, 31):
			day++
		case isNumber(t, 4, 4, 1000, 9999):
			year++
		case isClock(t):
			clock++
		case isZone(t):
			zones++
		default:
			return false
		}
	}
	return month == 1 && day == 1 && clock == 1 && year == 1 && zones <= 2
}

const (
	weekdays = "sun mon tue wed thu fri sat"
	months   = "jan feb mar apr may jun jul aug sep oct nov dec"
)

// isName matches a three-letter English name, any case, an optional comma.
func isName(t []byte, names string) bool {
	t = bytes.TrimSuffix(t, []byte(","))
	if len(t) != 3 {
		return false
	}
	var lower [3]byte
	for i, c := range t {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	i := strings.Index(names, string(lower[:]))
	return i >= 0 && i%4 == 0
}

func isNumber(t []byte, minLen, maxLen, lo, hi int) bool {
	if len(t) < minLen || len(t) > maxLen {
		return false
	}
	v := 0
	for _, c := range t {
		if c < '0' || c > '9' {
			return false
		}
		v = v*10 + int(c-'0')
	}
	return v >= lo && v <= hi
}

// isClock matches h:mm, hh:mm and hh:mm:ss.
func isClock(t []byte) bool {
	parts := bytes.Split(t, []byte(":"))
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	if !isNumber(parts[0], 1, 2, 0, 24) || !isNumber(parts[1], 2, 2, 0, 59) {
		return false
	}
	return len(parts) == 2 || isNumber(parts[2], 2, 2, 0, 60)
}

// isZone matches +0900, -0700, and zone names such as UTC, JST, CEST,
// possibly in parentheses.
func isZone(t []byte) bool {
	if len(t) == 5 && (t[0] == '+' || t[0] == '-') {
		return isNumber(t[1:], 4, 4, 0, 2400)
	}
	if len(t) > 2 && t[0] == '(' && t[len(t)-1] == ')' {
		t = t[1 : len(t)-1]
	}
	if len(t) < 1 || len(t) > 5 {
		return false
	}
	for _, c := range t {
		if (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}
