package textscan

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWords(t *testing.T) {
	w := NewWords("card", "cc", "カード番号", "カード", "Visa")
	tests := []struct {
		in                    string
		first, last           string
		firstStart, lastStart int
	}{
		{"Card: 1", "Card", "Card", 0, 0},
		{"VISA カード番号 x", "VISA", "カード番号", 0, 5},
		{"scard cca cc", "cc", "cc", 10, 10},
		{"discard", "", "", -1, -1},
		{"カード カード番号", "カード", "カード番号", 0, 10},
		{"", "", "", -1, -1},
	}
	for _, tt := range tests {
		s, e := w.First(tt.in)
		got := ""
		if s >= 0 {
			got = tt.in[s:e]
		}
		if got != tt.first || s != tt.firstStart {
			t.Errorf("First(%q) = %q at %d, want %q at %d", tt.in, got, s, tt.first, tt.firstStart)
		}
		s, e = w.Last(tt.in)
		got = ""
		if s >= 0 {
			got = tt.in[s:e]
		}
		if got != tt.last || s != tt.lastStart {
			t.Errorf("Last(%q) = %q at %d, want %q at %d", tt.in, got, s, tt.last, tt.lastStart)
		}
	}
	var none *Words
	if s, e := none.Last("card"); s != -1 || e != -1 || none.Contains("card") {
		t.Error("nil Words matched")
	}
	if got := w.List(); len(got) != 5 || got[4] != "visa" {
		t.Errorf("List() = %q", got)
	}
}

func TestWordsAll(t *testing.T) {
	w := NewWords("passport", "パスポート", "旅券番号", "旅券")
	in := "Passport: x, パスポート と 旅券番号; apassport PASSPORT"
	var got []string
	w.All(in, func(s, e int) bool {
		got = append(got, in[s:e])
		return true
	})
	want := []string{"Passport", "パスポート", "旅券番号", "PASSPORT"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("All (-want +got):\n%s", diff)
	}
	n := 0
	w.All(in, func(int, int) bool { n++; return false })
	if n != 1 {
		t.Errorf("All went on after yield returned false: %d calls", n)
	}
}

// TestWordPrefixes checks the sets of NewWordPrefixes, whose words may run
// on into longer words of the text.
func TestWordPrefixes(t *testing.T) {
	w := NewWordPrefixes("TEL", "電話", "phone")
	tests := []struct {
		window string
		want   int
	}{
		{"", -1},
		{"TEL: ", 3},
		{"Tel.", 3},
		{"お電話は", 9},
		{"hotel ", -1},
		{"hotel tel ", 9},
		{"phone: x tel", 12},
		{"Smartphone", -1},
		{"ご連絡は電話で", 18},
		{"telephone", 3},
	}
	for _, tt := range tests {
		if got := w.LastEnd(tt.window); got != tt.want {
			t.Errorf("LastEnd(%q) = %d, want %d", tt.window, got, tt.want)
		}
	}
}

// TestBoundaries compares the two kinds of set on the same words: they
// differ only where a short word runs on into a longer word of the text.
func TestBoundaries(t *testing.T) {
	words := []string{"tel", "cc", "age", "card", "passport", "電話"}
	whole, prefixes := NewWords(words...), NewWordPrefixes(words...)
	tests := []struct {
		in              string
		whole, prefixes string // what First finds; "" for nothing
	}{
		{"tel: 1", "tel", "tel"},
		{"telephone", "", "tel"},
		{"hotel", "", ""},
		{"ccc", "", "cc"},
		{"aged 35", "", "age"},
		{"Cards", "", "Card"},
		{"scard", "", ""},
		{"passports", "passport", "passport"},
		{"電話番号", "電話", "電話"},
		{"CC: x", "CC", "CC"},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			w    *Words
			want string
		}{{whole, tt.whole}, {prefixes, tt.prefixes}} {
			s, e := c.w.First(tt.in)
			got := ""
			if s >= 0 {
				got = tt.in[s:e]
			}
			if got != c.want {
				t.Errorf("prefixes %v: First(%q) = %q, want %q", c.w.prefixes, tt.in, got, c.want)
			}
			if _, le := c.w.Last(tt.in); c.w.LastEnd(tt.in) != le {
				t.Errorf("prefixes %v: LastEnd(%q) = %d, Last ends at %d", c.w.prefixes, tt.in, c.w.LastEnd(tt.in), le)
			}
		}
	}
	var none *Words
	if none.LastEnd("tel") != -1 || none.MaxRunes() != 0 || none.List() != nil {
		t.Error("nil Words matched")
	}
	if got := whole.MaxRunes(); got != len("passport") {
		t.Errorf("MaxRunes() = %d, want %d", got, len("passport"))
	}
}
