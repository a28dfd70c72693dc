package detectors

import "testing"

func TestKeywordsLastEnd(t *testing.T) {
	k := NewKeywords("TEL", "電話", "phone")
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
		if got := k.LastEnd(tt.window); got != tt.want {
			t.Errorf("LastEnd(%q) = %d, want %d", tt.window, got, tt.want)
		}
	}
}

func TestTextWindows(t *testing.T) {
	tx := Normalize("電話番号は03")
	if got, want := tx.Before(len("電話番号は"), 3), "番号は"; got != want {
		t.Errorf("Before = %q, want %q", got, want)
	}
	if got, want := tx.Before(3, 10), "電"; got != want {
		t.Errorf("Before at start = %q, want %q", got, want)
	}
	if got, want := tx.After(0, 2), "電話"; got != want {
		t.Errorf("After = %q, want %q", got, want)
	}
	if got, want := tx.After(len(tx.Norm)-1, 5), "3"; got != want {
		t.Errorf("After at end = %q, want %q", got, want)
	}
}
