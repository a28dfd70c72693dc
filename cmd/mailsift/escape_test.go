package main

import "testing"

// TestEscaping checks what reaches a terminal and a spreadsheet: each
// input with its terminal form and its CSV cell.
func TestEscaping(t *testing.T) {
	for in, want := range map[string][2]string{
		"plain 日本語 text":           {"plain 日本語 text", "plain 日本語 text"},
		"a\nwarning: fake":         {`a\nwarning: fake`, `a\nwarning: fake`},
		"\x1b[31mred\x1b[0m":       {`\x1b[31mred\x1b[0m`, `\x1b[31mred\x1b[0m`},
		"tab\tand\rcr":             {`tab\tand\rcr`, `tab\tand\rcr`},
		"del\x7f":                  {`del\x7f`, `del\x7f`},
		"c1 \u009b2J":              {`c1 \u009b2J`, `c1 \u009b2J`},
		"bidi \u202eexe.pdf":       {`bidi \u202eexe.pdf`, `bidi \u202eexe.pdf`},
		"bad \xff utf8":            {`bad \xff utf8`, `bad \xff utf8`},
		`back\slash`:               {`back\\slash`, `back\\slash`},
		"=HYPERLINK(\"http://x\")": {"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		"+81312345678":             {"+81312345678", "'+81312345678"},
		"-1+2":                     {"-1+2", "'-1+2"},
		"@SUM(A1)":                 {"@SUM(A1)", "'@SUM(A1)"},
		"\tx":                      {`\tx`, `\tx`}, // escaped first: no longer starts with a tab
		"attachment:a.csv#B2":      {"attachment:a.csv#B2", "attachment:a.csv#B2"},
		"a=b":                      {"a=b", "a=b"},
		"":                         {"", ""},
	} {
		if got := [2]string{termSafe(in), csvSafe(in)}; got != want {
			t.Errorf("%q: terminal %q, csv %q; want %q, %q", in, got[0], got[1], want[0], want[1])
		}
	}
}
