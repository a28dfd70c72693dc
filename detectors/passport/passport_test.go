package passport

import (
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/rule/ruletest"
)

type found struct {
	Text       string
	Value      string
	Confidence float64
}

func TestDetect(t *testing.T) {
	const (
		label   = LabelConfidence
		nearby  = NearbyConfidence
		foreign = ForeignConfidence
	)
	far := strings.Repeat("ご確認ください。", 5) // 40 runes
	tests := []struct {
		name, in, column string
		want             []found
	}{
		{"label", "旅券番号：TK1234567", "", []found{{"TK1234567", "TK1234567", label}}},
		{"full-width", "パスポート番号 ＭＵ７６５４３２１", "", []found{{"MU7654321", "MU7654321", label}}},
		{"lower case", "Passport No. tr9876543", "", []found{{"tr9876543", "TR9876543", label}}},
		{"in parentheses", "パスポート（番号：TZ1122334）のコピー", "", []found{{"TZ1122334", "TZ1122334", label}}},
		{"keyword after", "TK7654321（パスポート）", "", []found{{"TK7654321", "TK7654321", label}}},
		{"other series", "旅券番号：AB1234567", "", []found{{"AB1234567", "AB1234567", label * otherSeriesFactor}}},
		{"far", "パスポートの写しをお送りします。" + far + "TK1234567", "", []found{{"TK1234567", "TK1234567", nearby}}},
		{"column", "TK1234567", "旅券番号", []found{{"TK1234567", "TK1234567", label}}},
		{"column english", "tk1234567", "Passport No", []found{{"tk1234567", "TK1234567", label}}},
		{"us", "Passport Number: 123456789", "", []found{{"123456789", "123456789", foreign}}},
		{"china", "旅券番号 E12345678", "", []found{{"E12345678", "E12345678", foreign}}},
		{"germany", "Passport No. C01X00T47", "", []found{{"C01X00T47", "C01X00T47", foreign}}},
		{"india", "passport#A1234567", "", []found{{"A1234567", "A1234567", foreign}}},
		{"two", "旅券番号：TK1234567、同行者の旅券番号：123456789", "", []found{
			{"TK1234567", "TK1234567", label}, {"123456789", "123456789", foreign},
		}},

		{"no keyword", "TK1234567", "", nil},
		{"no keyword foreign", "No. 123456789", "", nil},
		{"order", "注文番号 TK1234567", "", nil},
		{"tracking nearer", "パスポートのコピーと、追跡番号 AB1234567 をお送りします", "", nil},
		{"order column", "TK1234567", "注文番号", nil},
		{"eight digits", "パスポート番号：TK12345678", "", nil},
		{"canada", "パスポート番号：AB123456", "", []found{{"AB123456", "AB123456", foreign}}},
		{"letter after", "パスポート番号：TK1234567A", "", nil},
		{"three letters", "パスポート ABC1234567", "", nil},
		{"joined token", "パスポート INV-TK1234567", "", nil},
		{"expiry date", "パスポートの有効期限 20300101", "", nil},
		{"expiry label", "Passport expiry: 2030-01-01", "", nil},
		{"date digits after label", "Passport No. 20300101", "", nil},
		{"same digits", "Passport No.: 111111111", "", nil},
		{"word after label", "Passport Nothing 1234567", "", nil},
		{"too far", "パスポート" + strings.Repeat(far, 3) + "TK1234567", "", nil},
		{"foreign not right after the label", "パスポートの番号は 123456789", "", nil},
		{"mrz line", "P<JPNYAMADA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<\nTK12345671JPN8001014M3001012<<<<<<<<<<<<<<02 passport", "", nil},
		{"sku", "パスポートケース 品番 PC1234567", "", nil},
		{"phone after label", "Passport 090-1234-5678", "", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestValidForeign(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"123456789", true},
		{"C01X00T47", true},
		{"12AB34567", true},
		{"E12345678", true},
		{"A1234567", true},
		{"1234567", false}, // too short
		{"AB123456", true},
		{"123456", false},     // too short
		{"1234567890", false}, // too long
		{"ABCD12345", false},  // four letters
		{"AB1234", false},
		{"111111111", false},
		{"20300101", false}, // a date
		{"19800101", false},
		{"12345678", true},
		{"12-345678", false},
		{"tk1234567", false}, // callers upper-case first
	}
	for _, tt := range tests {
		if got := ValidForeign(tt.in); got != tt.want {
			t.Errorf("ValidForeign(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestConformance(t *testing.T) { detectortest.AcceptExamples(t, New()) }

func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetectChunked(f, New(), detectortest.Rules{Valid: func(v, _ string) bool {
		return isJapanese(v) || ValidForeign(v)
	}}, [2]string{"TK1234567", "旅券番号"})
}

func BenchmarkDetect(b *testing.B) {
	text := ruletest.MailText(4<<20, 200,
		"旅券番号：TK1234567",
		"パスポートの有効期限をご確認ください。",
		"追跡番号 AB1234567",
	)
	ruletest.Bench(b, New(), text)
}
