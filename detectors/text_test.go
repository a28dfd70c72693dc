package detectors

import "testing"

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
