package main

import "testing"

func TestTermSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain 日本語 text", "plain 日本語 text"},
		{"a\nwarning: fake", `a\nwarning: fake`},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"tab\tand\rcr", `tab\tand\rcr`},
		{"del\x7f", `del\x7f`},
		{"c1 \u009b2J", `c1 \u009b2J`},
		{"bidi \u202eexe.pdf", `bidi \u202eexe.pdf`},
		{"bad \xff utf8", `bad \xff utf8`},
		{`back\slash`, `back\\slash`},
		{"", ""},
	}
	for _, tt := range tests {
		if got := termSafe(tt.in); got != tt.want {
			t.Errorf("termSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCSVSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+81312345678", "'+81312345678"},
		{"-1+2", "'-1+2"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", `\tx`}, // escaped first: no longer starts with a tab
		{"attachment:a.csv#B2", "attachment:a.csv#B2"},
		{"山田太郎", "山田太郎"},
		{"a=b", "a=b"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := csvSafe(tt.in); got != tt.want {
			t.Errorf("csvSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
