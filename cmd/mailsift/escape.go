package main

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// termSafe makes text from mail or file names safe to print on a terminal:
// control characters (C0, DEL, C1), bidirectional overrides and invalid
// UTF-8 are shown escaped (\n, \t, \x1b, \u202e), so a hostile name can
// neither move the cursor, recolour the screen nor fake a line of output.
func termSafe(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r < 0xa0, isBidiControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		case r == '\\':
			b.WriteString(`\\`)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidiControl(r) || r == '\\' {
			return true
		}
		i += size
	}
	return false
}

// isBidiControl reports the characters that reorder text on screen
// (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C).
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// csvSafe makes a CSV cell safe to open in a spreadsheet: control
// characters are escaped as on a terminal, and a cell that a spreadsheet
// would take for a formula (starting with = + - @, a tab or a carriage
// return) is prefixed with a single quote, as OWASP recommends against CSV
// injection.
func csvSafe(s string) string {
	s = termSafe(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
