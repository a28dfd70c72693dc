package mutf7

import (
	"testing"
	"unicode/utf8"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Sent", "Sent", true},
		{"&ZeVnLIqe-", "日本語", true},
		{"R&-D", "R&D", true},
		{"~peter/mail/&U,BTFw-/&ZeVnLIqe-", "~peter/mail/台北/日本語", true},
		{"&2D3eAA-", "😀", true}, // surrogate pair
		{"&bad", "", false},
		{"&AGE-", "", false},    // ASCII must not be encoded
		{"&2D0-", "", false},    // lone surrogate
		{"&3gDYPQ-", "", false}, // low surrogate first
		{"&ZeX-", "", false},    // non-zero padding bits
		{"&ZeU-", "日", true},
		{"日本語", "", false}, // raw UTF-8 is not modified UTF-7
		{"a&", "", false},
	}
	for _, tt := range tests {
		got, err := Decode(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("Decode(%q) = %q, %v; want %q ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// TestEncode: the names Dovecot writes on disk, and every name back
// through Decode.
func TestEncode(t *testing.T) {
	for in, want := range map[string]string{
		"Sent": "Sent", "日本語": "&ZeVnLIqe-", "R&D": "R&-D", "😀": "&2D3eAA-",
		"送信済み/2023": "&kAFP4W4IMH8-/2023", "": "", "\uFFFD": "&,,0-",
	} {
		got := Encode(in)
		if got != want {
			t.Errorf("Encode(%q) = %q, want %q", in, got, want)
		}
		if back, err := Decode(got); err != nil || back != in {
			t.Errorf("Decode(Encode(%q)) = %q, %v", in, back, err)
		}
	}
}

// FuzzRoundTrip: Decode undoes Encode for every valid UTF-8 name without
// control characters, and Decode never panics.
func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"Sent", "日本語", "R&D", "&ZeVnLIqe-", "&bad", "😀x&-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		Decode(s)
		if !utf8.ValidString(s) {
			return
		}
		for _, r := range s {
			if r < 0x20 || r == 0x7f {
				return
			}
		}
		if back, err := Decode(Encode(s)); err != nil || back != s {
			t.Errorf("Decode(Encode(%q)) = %q, %v", s, back, err)
		}
	})
}
