package detectors

import "testing"

func TestASCIIFold(t *testing.T) {
	for _, c := range []struct {
		s, sub string
		prefix bool
		index  int
	}{
		{"Years Old", "years", true, 0},
		{"35 YEARS OLD", "years old", false, 3},
		{"x\x00y", " ", false, -1}, // NUL is not a space
		{"İyears", "years", false, 2},
		{"a@B", "@b", false, 1},
		{"性別：☐男性 ☑女性", "☑", false, 19},
		{"", "a", false, -1},
		{"abc", "", true, 0},
	} {
		if got := HasPrefixFold(c.s, c.sub); got != c.prefix {
			t.Errorf("HasPrefixFold(%q, %q) = %v", c.s, c.sub, got)
		}
		if got := IndexFold(c.s, c.sub); got != c.index {
			t.Errorf("IndexFold(%q, %q) = %d, want %d", c.s, c.sub, got, c.index)
		}
	}
	if got := ASCIILower("TEL İ Ab"); got != "tel İ ab" || len(got) != len("TEL İ Ab") {
		t.Errorf("ASCIILower = %q", got)
	}
}
