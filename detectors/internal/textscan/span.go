package textscan

import (
	"strings"
	"unicode/utf8"
)

// Span helpers for detectors that read a value after a label or a
// signature item off a line.

// TrimSpan narrows s[start:end] past spaces and tabs at both ends, and
// carriage returns at the end.
func TrimSpan(s string, start, end int) (int, int) {
	for start < end && (s[start] == ' ' || s[start] == '\t') {
		start++
	}
	for end > start && (s[end-1] == ' ' || s[end-1] == '\t' || s[end-1] == '\r') {
		end--
	}
	return start, end
}

// LineEnd returns the end of the line at j, at most n bytes on, on a rune
// boundary.
func LineEnd(s string, j, n int) int {
	end := min(len(s), j+n)
	if k := strings.IndexByte(s[j:end], '\n'); k >= 0 {
		end = j + k
	}
	for end > j && end < len(s) && !utf8.RuneStart(s[end]) {
		end--
	}
	return end
}

// SkipLabelSeparators skips what separates a label from its value
// (spaces, ":", "=", "|", tabs, "は"; at most 8 of them) and, if newline
// is set, one line break: "性別：\n男性".
func SkipLabelSeparators(s string, j int, newline bool) int {
	for n := 0; j < len(s) && n < 8; n++ {
		switch c := s[j]; {
		case c == ' ' || c == ':' || c == '=' || c == '|' || c == '\t' || c == '\r':
			j++
		case c == '\n' && newline:
			j++
			newline = false
		case strings.HasPrefix(s[j:], "は"):
			j += len("は")
		default:
			return j
		}
	}
	return j
}
