package detectors

import (
	"testing"
	"unicode/utf8"
)

func TestMask(t *testing.T) {
	tests := []struct {
		typ, value, want string
	}{
		{TypePassport, "TK1234567", "TK*****67"},
		{TypeMyNumber, "621498320257", "62********57"},
		{TypeDriversLicense, "301234567890", "30********90"},
		{TypePassport, "12345678", "1******8"},
		{TypePassport, "12345", "1***5"},
		{TypePassport, "1234", "****"},
		{TypePassport, "1", "*"},
		{TypePassport, "", ""},
		{TypePersonName, "田中太郎", "****"},
		{TypePersonName, "やまだたろうさま", "や******ま"},
		{TypeEmail, "taro@example.jp", "t***@e******.jp"},
		{TypeEmail, "a@example.co.jp", "*@e*********.jp"},
		{TypeEmail, "hanako.yamada@mail.example.com", "h************@m***********.com"},
		{TypeEmail, "not-an-address", "no**********ss"},
		{TypePhone, "+819012345678", "+81********78"},
		{TypePhone, "+14155552671", "+1********71"},
		{TypePhone, "+447911123456", "+44********56"},
		{TypePhone, "+8525551234", "+852*****34"},
		{TypePhone, "090-1234-5678", "09*********78"},
		{TypeBankAccount, "みずほ銀行/渋谷支店/普通/1234567", "みず*****************67"},
	}
	for _, tt := range tests {
		got := Mask(tt.typ, tt.value)
		if got != tt.want {
			t.Errorf("Mask(%q, %q) = %q, want %q", tt.typ, tt.value, got, tt.want)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(tt.value) {
			t.Errorf("Mask(%q, %q) = %q: rune count changed", tt.typ, tt.value, got)
		}
	}
}
