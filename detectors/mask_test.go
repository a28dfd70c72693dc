package detectors

import (
	"testing"
	"unicode/utf8"

	"github.com/mailsift/mailsift/pii"
)

func TestMask(t *testing.T) {
	tests := []struct {
		typ, value, want string
	}{
		{pii.Passport, "TK1234567", "TK*****67"},
		{pii.MyNumber, "621498320257", "62********57"},
		{pii.DriversLicense, "301234567890", "30********90"},
		{pii.Passport, "12345678", "1******8"},
		{pii.Passport, "12345", "1***5"},
		{pii.Passport, "1234", "****"},
		{pii.Passport, "1", "*"},
		{pii.Passport, "", ""},
		{pii.PersonName, "田中太郎", "****"},
		{pii.PersonName, "やまだたろうさま", "や******ま"},
		{pii.Email, "taro@example.jp", "t***@e******.jp"},
		{pii.Email, "a@example.co.jp", "*@e*********.jp"},
		{pii.Email, "hanako.yamada@mail.example.com", "h************@m***********.com"},
		{pii.Email, "not-an-address", "no**********ss"},
		{pii.Phone, "+819012345678", "+81********78"},
		{pii.Phone, "+14155552671", "+1********71"},
		{pii.Phone, "+447911123456", "+44********56"},
		{pii.Phone, "+8525551234", "+852*****34"},
		{pii.Phone, "090-1234-5678", "09*********78"},
		{pii.BankAccount, "みずほ銀行/渋谷支店/普通/1234567", "みず*****************67"},
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
