package mynumber

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/rule/ruletest"
)

// found is a match as the tests compare it.
type found struct {
	Text       string
	Value      string
	Confidence float64
}

func TestDetect(t *testing.T) {
	const (
		label  = LabelConfidence
		nearby = NearbyConfidence
	)
	far := strings.Repeat("ご確認ください。", 8) // 64 runes
	tests := []struct {
		name, in, column string
		want             []found
	}{
		{"label", "個人番号：621498320257", "", []found{{"621498320257", "621498320257", label}}},
		{"card layout", "マイナンバー 5260 1815 9084", "", []found{{"5260 1815 9084", "526018159084", label}}},
		{"full-width dashes", "マイナンバー：５２６０－１８１５－９０８４", "", []found{{"5260-1815-9084", "526018159084", label}}},
		{"dots", "My Number: 9139.0996.0300", "", []found{{"9139.0996.0300", "913909960300", label}}},
		{"english", "Individual Number 621498320257", "", []found{{"621498320257", "621498320257", label}}},
		{"in a sentence", "個人番号カードの番号は824628194826です。", "", []found{{"824628194826", "824628194826", label}}},
		{"keyword after", "3786 5797 5438（マイナンバー）", "", []found{{"3786 5797 5438", "378657975438", label}}},
		{"keyword far before", "マイナンバーの提出をお願いします。" + far + "621498320257", "", []found{{"621498320257", "621498320257", nearby}}},
		{"column", "621498320257", "個人番号", []found{{"621498320257", "621498320257", label}}},
		{"column english", "5260-1815-9084", "My Number", []found{{"5260-1815-9084", "526018159084", label}}},
		{"two", "マイナンバー：621498320257、配偶者のマイナンバー：526018159084", "", []found{
			{"621498320257", "621498320257", label}, {"526018159084", "526018159084", label},
		}},
		{"my number nearer than licence", "運転免許証と、マイナンバー 301661318600", "", []found{{"301661318600", "301661318600", label}}},

		// Hard negatives.
		{"no keyword", "621498320257", "", nil},
		{"no keyword, passes check digit", "ご注文 202610160001 を承りました", "", nil},
		{"order number nearer", "マイナンバーカードをお持ちください。注文番号 202610160001", "", nil},
		{"order in column", "202610160001", "注文番号", nil},
		{"other column", "202610160001", "備考", nil},
		{"check digit fails", "個人番号：621498320258", "", nil},
		{"same digits", "個人番号：000000000000", "", nil},
		{"11 digits", "マイナンバー 62149832025", "", nil},
		{"13 digits", "マイナンバー 6214983202577", "", nil},
		{"card number", "マイナンバー 1234-5678-9012-3456", "", nil},
		{"mixed separators", "マイナンバー 5260-1815 9084", "", nil},
		{"invoice token", "個人番号 INV-621498320257", "", nil},
		{"licence keyword nearer", "マイナンバーカードまたは運転免許証番号 301661318600", "", nil},
		{"licence column", "301661318600", "免許証番号", nil},
		{"too far", "マイナンバー" + strings.Repeat(far, 3) + "621498320257", "", nil},
		{"price", "マイナンバーについて ¥621498320257", "", nil},
		{"yen", "マイナンバー 621498320257円", "", nil},
		{"jan code", "マイナンバー対応 JAN 4901234567894", "", nil},
		{"timestamp", "個人番号 更新 1714608000000", "", nil},
		{"date serial in path", "マイナンバー https://example.jp/a/202610160001", "", nil},
		{"postal and dates", "〒100-0001 マイナンバー 2024年5月2日 10:00", "", nil},
		{"number row", "マイナンバー 1 621498320257 2", "", nil},
		{"decimal", "個人番号 0.621498320257", "", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestValid(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"621498320257", true}, // pii-formats B1 test vector
		{"621498320258", false},
		{"526018159084", true},
		{"202610160001", true}, // an order number that passes (FluxGuard)
		{"202405020001", false},
		{"123456789012", false},
		{"000000000000", false}, // passes the formula, never issued
		{"111111111111", false},
		{"62149832025", false},
		{"6214983202570", false},
		{"62149832025a", false},
		{"6214-9832-0257", false}, // digits only
		{"", false},
	}
	for _, tt := range tests {
		if got := Valid(tt.in); got != tt.want {
			t.Errorf("Valid(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestCheckDigitRate checks the 10% that the doc and pii-formats B1 cite:
// that is why a number is never reported without context.
func TestCheckDigitRate(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pass := 0
	const n = 100000
	for range n {
		if Valid(fmt.Sprintf("%012d", rng.Int64N(1e12))) {
			pass++
		}
	}
	if rate := float64(pass) / n; rate < 0.095 || rate > 0.105 {
		t.Errorf("%.3f of random 12-digit numbers pass, want about 0.10", rate)
	}
}

func TestConformance(t *testing.T) {
	detectortest.AcceptExamples(t, New())
	if !cmp.Equal(New().Examples(), Examples()) {
		t.Error("the detector's Examples are not the package's")
	}
}

func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetectChunked(f, New(), detectortest.Rules{Valid: func(v, _ string) bool {
		return Valid(v)
	}}, [2]string{"621498320257", "個人番号"})
}

func BenchmarkDetect(b *testing.B) {
	text := ruletest.MailText(4<<20, 200,
		"お客様のマイナンバー：5260 1815 9084",
		"注文番号 202610160001 の件",
		"マイナンバーカードの写しを添付します。",
	)
	ruletest.Bench(b, New(), text)
}
