package mrz

import (
	"unicode/utf8"
)

// cell is one character of an MRZ line as read: c is 'A'–'Z', '0'–'9',
// '<', or '?' for a character that cannot be in an MRZ (an OCR misread
// such as '@'). start and end locate it in the source text; the two '<'
// read from one '«' share its span.
type cell struct {
	c          byte
	start, end int
}

// Line lengths: the standard ones, and how far an OCR'd line may be off
// before fit repairs it.
const (
	td1Len  = 30
	td2Len  = 36
	td3Len  = 44
	minLine = td1Len - 4
	maxLine = td3Len + 5
	// maxUnknown is how many unreadable characters a line may hold.
	maxUnknown = 3
	// maxLineBytes bounds the bytes of a text line worth lexing (a line
	// of 'く' read for '<' takes 3 bytes a character).
	maxLineBytes = 3 * (maxLine + 4)
)

// lex turns the text line s[start:end] into cells. Letters are
// upper-cased (OCR sometimes reads 'o' for 'O'); the readings OCR makes of
// the filler become '<': '«' (two fillers), '‹', '＜', '〈' and 'く', which
// Tesseract's Japanese model reads for '<'. Blanks inside the line are
// dropped or, with blankFiller, read as '<' (OCR of faint filler runs).
// It gives up, returning nil, as soon as the line cannot be plausible:
// most text lines fail within a few characters.
func lex(s string, start, end int, blankFiller bool) []cell {
	var cells []cell
	unknown := 0
	for i := start; i < end; {
		if unknown > maxUnknown || len(cells) > maxLine {
			return nil
		}
		if cells == nil {
			cells = make([]cell, 0, maxLine+2)
		}
		r, size := utf8.DecodeRuneInString(s[i:end])
		j := i + size
		switch {
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '<':
			cells = append(cells, cell{byte(r), i, j})
		case r >= 'a' && r <= 'z':
			cells = append(cells, cell{byte(r) - 'a' + 'A', i, j})
		case r == '«':
			cells = append(cells, cell{'<', i, j}, cell{'<', i, j})
		case r == '‹' || r == '＜' || r == '〈' || r == 'く':
			cells = append(cells, cell{'<', i, j})
		case r == ' ' || r == '\t' || r == '\u3000':
			if blankFiller {
				cells = append(cells, cell{'<', i, j})
			}
		default:
			cells = append(cells, cell{'?', i, j})
			unknown++
		}
		i = j
	}
	return cells
}

// plausible reports whether cells may be an MRZ line: of about a
// standard length, with few unreadable characters.
func plausible(cells []cell) bool {
	if len(cells) < minLine || len(cells) > maxLine {
		return false
	}
	unknown := 0
	for _, c := range cells {
		if c.c == '?' {
			unknown++
		}
	}
	return unknown <= maxUnknown
}

// fit returns cells with exactly n characters, repaired the way OCR
// errors of an MRZ are: unreadable characters are dropped, then the
// longest run of fillers at or after index from is lengthened or
// shortened (OCR often drops or doubles a '<' in a long run). ok is false
// when no such repair gives n characters.
func fit(cells []cell, n, from int) ([]cell, bool) {
	if len(cells) == n {
		return cells, true
	}
	if len(cells) > n {
		kept := make([]cell, 0, len(cells))
		for _, c := range cells {
			if c.c != '?' {
				kept = append(kept, c)
			}
		}
		cells = kept
		if len(cells) == n {
			return cells, true
		}
	}
	// The longest filler run starting at or after from.
	best, bestLen := -1, 0
	for i := from; i < len(cells); {
		if cells[i].c != '<' {
			i++
			continue
		}
		j := i
		for j < len(cells) && cells[j].c == '<' {
			j++
		}
		if j-i > bestLen {
			best, bestLen = i, j-i
		}
		i = j
	}
	diff := n - len(cells)
	if best < 0 || bestLen+diff < 1 {
		return nil, false
	}
	out := make([]cell, 0, n)
	out = append(out, cells[:best]...)
	if diff > 0 {
		out = append(out, cells[best:best+bestLen]...)
		for k := 0; k < diff; k++ {
			out = append(out, cell{'<', cells[best].start, cells[best].end})
		}
	} else {
		out = append(out, cells[best:best+bestLen+diff]...)
	}
	out = append(out, cells[best+bestLen:]...)
	return out, true
}

// str returns the characters of cells.
func str(cells []cell) string {
	b := make([]byte, len(cells))
	for i, c := range cells {
		b[i] = c.c
	}
	return string(b)
}

// digitFor maps a character to the digit OCR confuses it with, for fields
// that hold only digits (dates, check digits). The filler counts as 0.
func digitFor(c byte) (byte, bool) {
	switch c {
	case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return c, true
	case 'O', 'Q', 'D', 'U', '<':
		return '0', true
	case 'I', 'L', 'T', 'J':
		return '1', true
	case 'Z':
		return '2', true
	case 'S':
		return '5', true
	case 'G':
		return '6', true
	case 'B':
		return '8', true
	}
	return 0, false
}

// letterFor maps a character to the letter OCR confuses it with, for
// fields that hold only letters and fillers (codes, names).
func letterFor(c byte) (byte, bool) {
	switch {
	case c >= 'A' && c <= 'Z', c == '<':
		return c, true
	}
	switch c {
	case '0':
		return 'O', true
	case '1':
		return 'I', true
	case '2':
		return 'Z', true
	case '5':
		return 'S', true
	case '6':
		return 'G', true
	case '8':
		return 'B', true
	}
	return 0, false
}
