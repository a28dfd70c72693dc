package formfield

import (
	"strings"
	"testing"
)

func TestHeads(t *testing.T) {
	for _, tt := range []struct {
		text string // the label is "LABEL"
		want bool
	}{
		{"LABEL", true}, {"x\nLABEL", true}, {"  LABEL", true}, {"■LABEL", true}, {"【LABEL", true},
		{"1. LABEL", true}, {"(2) LABEL", true}, {"| LABEL", true}, {"- LABEL", true},
		{"私のLABEL", false}, {"Research LABEL", false}, {"2010 LABEL", false},
		{strings.Repeat(" ", MaxHead+1) + "LABEL", false},
	} {
		if got := Heads(tt.text, strings.Index(tt.text, "LABEL")); got != tt.want {
			t.Errorf("Heads(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestValue(t *testing.T) {
	for _, tt := range []struct {
		text   string // after the label
		strict bool
		value  string // the text from the value's start; "" for none
		same   bool
	}{
		{":読書", false, "読書", true},
		{" : 読書", false, "読書", true},
		{"】登山", false, "登山", true},
		{" 読書", false, "読書", true},
		{" reading", true, "", false},
		{": reading", true, "reading", true},
		{"\treading", true, "reading", true},
		{"\n  読書", false, "読書", false},
		{"\n\n読書", false, "", false},
		{"の悪い", false, "", false},
		{"ist: x", true, "", false},
		{":", false, "", false},
		{"", false, "", false},
	} {
		s := "L" + tt.text
		j, same, ok := Value(s, 1, tt.strict)
		got := ""
		if ok {
			got = s[j:]
		}
		if got != tt.value || ok && same != tt.same {
			t.Errorf("Value(%q, strict %v) = %q, same line %v; want %q, %v", s, tt.strict, got, same, tt.value, tt.same)
		}
	}
}

func TestPlaceholder(t *testing.T) {
	for _, v := range []string{"なし", " 特になし。", "N/A", "-", "None", ""} {
		if !Placeholder(v) {
			t.Errorf("Placeholder(%q) = false", v)
		}
	}
	for _, v := range []string{"読書", "Nonetheless", "なしの実"} {
		if Placeholder(v) {
			t.Errorf("Placeholder(%q) = true", v)
		}
	}
}

func TestSummaryAndCut(t *testing.T) {
	if got := Summary("  a \n b\t c ", 60); got != "a b c" {
		t.Errorf("Summary = %q", got)
	}
	if got := Summary("あいうえお", 3); got != "あいう" {
		t.Errorf("Summary cut = %q", got)
	}
	s := "あいう"
	if got := Cut(s, 0, len(s), 4); got != 3 {
		t.Errorf("Cut = %d, want 3", got)
	}
	if got := Cut(s, 0, len(s), 100); got != len(s) {
		t.Errorf("Cut = %d, want %d", got, len(s))
	}
}
