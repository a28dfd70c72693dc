package creditcard

import (
	"fmt"
	"math/rand/v2"
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
		kw      = KeywordConfidence
		grouped = GroupedConfidence
		bare    = BareConfidence
		visa    = "4945807302157365"
	)
	tests := []struct {
		name, in, column string
		want             []found
	}{
		{"label", "カード番号：4945 8073 0215 7365", "", []found{{"4945 8073 0215 7365", visa, kw}}},
		{"grouped dashes", "4945-8073-0215-7365", "", []found{{"4945-8073-0215-7365", visa, grouped}}},
		{"grouped spaces", "お支払い 4945 8073 0215 7365 で", "", []found{{"4945 8073 0215 7365", visa, grouped}}},
		{"full-width with brand", "ＶＩＳＡ ４９４５８０７３０２１５７３６５", "", []found{{visa, visa, kw}}},
		{"bare", "4945807302157365", "", []found{{visa, visa, bare}}},
		{"amex groups", "Card: 3708 656907 02939", "", []found{{"3708 656907 02939", "370865690702939", kw}}},
		{"amex bare grouped", "3413 758584 71950", "", []found{{"3413 758584 71950", "341375858471950", grouped}}},
		{"jcb", "JCB 3528538323640561 有効期限 12/27", "", []found{{"3528538323640561", "3528538323640561", kw}}},
		{"mastercard 2-series", "Mastercard 2221-9722-0033-2244", "", []found{{"2221-9722-0033-2244", "2221972200332244", kw}}},
		{"diners 14", "Diners 3640 613589 5255", "", []found{{"3640 613589 5255", "36406135895255", kw}}},
		{"unionpay 19", "クレジットカード 6226520642792877578", "", []found{{"6226520642792877578", "6226520642792877578", kw}}},
		{"visa 13 with keyword", "VISA 4200753292616", "", []found{{"4200753292616", "4200753292616", kw}}},
		{"column", "4945807302157365", "カード番号", []found{{visa, visa, kw}}},
		{"csv row", "山田太郎,4945807302157365,12/27", "", []found{{visa, visa, bare}}},
		{"keyword after", "5279542205879152（VISA）", "", []found{{"5279542205879152", "5279542205879152", kw}}},

		{"luhn fails", "4945 8073 0215 7366", "", nil},
		{"test card histogram", "Visa 4111 1111 1111 1111", "", nil},
		{"two digits over four", "5105 1051 0510 5100", "", nil},
		{"pattern", "1234 5678 1234 5678", "", nil},
		{"no issuer", "9945 8073 0215 7365", "", nil},
		{"visa 13 without keyword (JAN shape)", "4200753292616", "", nil},
		{"jan passing luhn", "JANコード 4901234500044", "", nil},
		{"ms timestamp", "1714608000000", "", nil},
		{"order", "注文番号 4945807302157365", "", nil},
		{"order english", "Order #4945807302157365", "", nil},
		{"point card", "ポイントカード 4945 8073 0215 7365", "", nil},
		{"order column", "4945807302157365", "注文番号", nil},
		{"invoice token", "INV-4945-8073-0215-7365", "", nil},
		{"url", "https://example.com/item/4945807302157365", "", nil},
		{"decimal", "0.4945807302157365", "", nil},
		{"price", "¥4945807302157365", "", nil},
		{"row of numbers", "4945 8073 0215 7365 2024", "", nil},
		{"19 digits without keyword", "6226520642792877578", "", nil},
		{"hex", "deadbeef4945807302157365", "", nil},
		{"hex dashed", "deadbeef-4945-8073-0215-7365", "", nil},
		{"mixed separators", "4945 8073-0215 7365", "", nil},
		{"imei", "IMEI 353456789012348", "", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestValid(t *testing.T) {
	tests := []struct {
		in, issuer string
		valid      bool
	}{
		{"4945807302157365", "visa", true},
		{"4945807302157366", "visa", false}, // Luhn
		{"5279542205879152", "mastercard", true},
		{"2221972200332244", "mastercard", true},
		{"370865690702939", "amex", true},
		{"3528538323640561", "jcb", true},
		{"36406135895255", "diners", true},
		{"6011481454212479", "discover", true},
		{"6220198603954762", "unionpay", true},
		{"3589447621682752178", "jcb", true},
		{"4200753292616", "visa", true},
		{"4111111111111111", "visa", false},       // histogram: eight or more 1s
		{"4242424242424242", "visa", false},       // histogram
		{"5105105105105100", "mastercard", false}, // histogram: two digits over 4
		{"4000123440001234", "visa", false},       // pattern: b-a == c-d
		{"5819303642621294", "", false},           // 58: no issuer
		{"370865690702939" + "0", "", false},      // amex is 15 digits
		{"4945807302157", "visa", false},          // Luhn
		{"494580730215736", "", false},            // visa has no 15 digits
		{"49458073021573650000", "", false},       // too long
		{"4945-8073-0215-7365", "", false},        // digits only
	}
	for _, tt := range tests {
		if got := Valid(tt.in); got != tt.valid {
			t.Errorf("Valid(%q) = %v, want %v", tt.in, got, tt.valid)
		}
		if len(tt.in) <= 19 {
			if got := Issuer(tt.in); got != tt.issuer && tt.issuer != "" {
				t.Errorf("Issuer(%q) = %q, want %q", tt.in, got, tt.issuer)
			}
		}
	}
	for _, s := range []string{"79927398713", "4945807302157365"} {
		if !Luhn(s) {
			t.Errorf("Luhn(%q) = false", s)
		}
	}
	if Luhn("79927398710") {
		t.Error("Luhn(79927398710) = true")
	}
}

// TestRandomRate checks that random 16-digit numbers starting with 4 pass
// Valid about one time in ten (Luhn), a little less for the other tests:
// that is why a bare number gets BareConfidence only.
func TestRandomRate(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pass := 0
	const n = 50000
	for range n {
		if Valid(fmt.Sprintf("4%015d", rng.Int64N(1e15))) {
			pass++
		}
	}
	if rate := float64(pass) / n; rate < 0.08 || rate > 0.105 {
		t.Errorf("%.3f of random Visa-prefixed numbers pass, want 0.08..0.105", rate)
	}
}

func TestConformance(t *testing.T) { detectortest.AcceptExamples(t, New()) }

func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetectChunked(f, New(), detectortest.Rules{Valid: func(v, _ string) bool {
		return Valid(v)
	}}, [2]string{"4945807302157365", "カード番号"})
}

func BenchmarkDetect(b *testing.B) {
	text := ruletest.MailText(4<<20, 200,
		"カード番号：4945 8073 0215 7365",
		"注文番号 4945807302157365",
		"JANコード 4901234500044",
	)
	ruletest.Bench(b, New(), text)
}
