package bank

import (
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/rule/ruletest"
)

func TestIBANDetect(t *testing.T) {
	const (
		kw   = IBANKeywordConfidence
		none = IBANConfidence
	)
	tests := []struct {
		name, in string
		want     []found
	}{
		{"grouped with keyword", "IBAN: DE89 3704 0044 0532 0130 00", []found{{"DE89 3704 0044 0532 0130 00", "DE89370400440532013000", kw}}},
		{"contiguous", "GB82WEST12345698765432", []found{{"GB82WEST12345698765432", "GB82WEST12345698765432", none}}},
		{"japanese keyword", "振込先 IBAN FR1420041010050500013M02606", []found{{"FR1420041010050500013M02606", "FR1420041010050500013M02606", kw}}},
		{"full-width", "ＩＢＡＮ：ＮＬ９１ＡＢＮＡ０４１７１６４３００", []found{{"NL91ABNA0417164300", "NL91ABNA0417164300", kw}}},
		{"full groups then word", "BE68 5390 0754 7034 Bank of X", []found{{"BE68 5390 0754 7034", "BE68539007547034", kw}}},
		{"partial group then word", "DE89 3704 0044 0532 0130 00 Deutsche", []found{{"DE89 3704 0044 0532 0130 00", "DE89370400440532013000", none}}},

		{"check fails", "DE89 3704 0044 0532 0130 01", nil},
		{"letter after", "DE89370400440532013000X", nil},
		{"unknown country", "XX89370400440532013000", nil},
		{"too short", "GB82 WEST 1234 5698 7654 3", nil},
		{"lower case", "de89370400440532013000", nil},
		{"too long", "NL91ABNA04171643001", nil},
		{"group after", "BE68 5390 0754 7034 2024", nil},
		{"in a token", "ID-DE89370400440532013000", nil},
		{"bban format", "GB82WEST1234569876543A", nil},
		{"order", "ORDER AB12 3456 7890", nil},
	}
	detectortest.Table(t, NewIBAN(), tests)
}

func TestValidIBAN(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		// The examples of the SWIFT registry, as Wikipedia and Presidio's
		// tests quote them.
		{"DE89370400440532013000", true},
		{"GB82WEST12345698765432", true},
		{"FR1420041010050500013M02606", true},
		{"NL91ABNA0417164300", true},
		{"BE68539007547034", true},
		{"CH9300762011623852957", true},
		{"ES9121000418450200051332", true},
		{"IT60X0542811101000000123456", true},
		{"AT611904300234573201", true},
		{"BR1800360305000010009795493C1", true},
		{"DE89370400440532013001", false}, // check
		{"DE8937040044053201300", false},  // length
		{"GB82WEST1234569876543A", false}, // BBAN format: 14 digits
		{"IT60105428111010000001234567", false},
		{"QQ89370400440532013000", false},
		{"DE89 3704 0044 0532 0130 00", false}, // no spaces
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidIBAN(tt.in); got != tt.want {
			t.Errorf("ValidIBAN(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIBANConformance(t *testing.T) { detectortest.AcceptExamples(t, NewIBAN()) }

func FuzzIBAN(f *testing.F) {
	detectortest.FuzzDetectChunked(f, NewIBAN(), detectortest.Rules{Valid: func(v, _ string) bool { return ValidIBAN(v) }})
}

func BenchmarkIBAN(b *testing.B) {
	text := ruletest.MailText(4<<20, 200, "IBAN: DE89 3704 0044 0532 0130 00", "ORDER AB12 3456 7890")
	ruletest.Bench(b, NewIBAN(), text)
}
