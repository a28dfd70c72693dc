package rule

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

func scanAll(sc Scanner, s string) []string {
	var got []string
	sc(s, func(start, end int) bool {
		got = append(got, s[start:end])
		return true
	})
	return got
}

func TestDigits(t *testing.T) {
	sc := Digits(" -.", []int{12}, []int{4, 4, 4})
	tests := []struct {
		in   string
		want []string
	}{
		{"123456789012", []string{"123456789012"}},
		{"番号123456789012です", []string{"123456789012"}},
		{"1234-5678-9012", []string{"1234-5678-9012"}},
		{"1234 5678 9012", []string{"1234 5678 9012"}},
		{"1234.5678.9012", []string{"1234.5678.9012"}},
		{"No:123456789012,", []string{"123456789012"}},
		{"a,123456789012,b", []string{"123456789012"}},
		{"(123456789012)", []string{"123456789012"}},
		{"123456789012 と 2222-3333-4444", []string{"123456789012", "2222-3333-4444"}},

		{"1234-5678 9012", nil},                 // mixed separators
		{"1234-5678-9012-3456", nil},            // four groups
		{"1234 5678 9012 3456", nil},            // four groups
		{"12345678901", nil},                    // 11 digits
		{"1234567890123", nil},                  // 13 digits
		{"ABC123456789012", nil},                // letters before
		{"123456789012X", nil},                  // letters after
		{"INV-123456789012", nil},               // joined token
		{"123456789012-A1", nil},                // joined token
		{"https://x.jp/item/123456789012", nil}, // path
		{"id=123456789012", nil},                // query
		{"0.123456789012", nil},                 // decimal
		{"123456789012.5", nil},                 // decimal
		{"¥123456789012", nil},                  // price
		{"$123456789012", nil},                  // price
		{"123456789012円", nil},                  // price
		{"2024 123456789012", nil},              // row of numbers
		{"123456789012 7", nil},                 // row of numbers
		{"1,234,567,890,123", nil},              // thousands
		{"１２３４５６７８９０１２", nil},                   // not normalized: not ASCII
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, scanAll(sc, tt.in)); diff != "" {
			t.Errorf("Digits on %q (-want +got):\n%s", tt.in, diff)
		}
	}
	// Stop when yield says so.
	n := 0
	sc("111111111111 と 222222222222", func(int, int) bool { n++; return false })
	if n != 1 {
		t.Errorf("scanner went on after yield returned false: %d calls", n)
	}
}

func TestContext(t *testing.T) {
	c := Context{
		Support: textscan.NewWords("個人番号", "マイナンバー"),
		Veto:    textscan.NewWords("注文番号", "order"),
		Before:  40, After: 10, Near: 10,
		NearConfidence: 0.9, FarConfidence: 0.7,
	}
	const num = "123456789018"
	tests := []struct {
		name, text, column string
		want               float64
		vetoed             bool
	}{
		{"label", "個人番号: " + num, "", 0.9, false},
		{"far", "マイナンバー" + strings.Repeat("あ", 20) + num, "", 0.7, false},
		{"out of window", "マイナンバー" + strings.Repeat("あ", 41) + num, "", 0, false},
		{"after", num + "（個人番号）", "", 0.9, false},
		{"none", "番号 " + num, "", 0, false},
		{"veto nearer", "マイナンバー、注文番号 " + num, "", 0, true},
		{"support nearer", "注文番号 1 マイナンバー " + num, "", 0.9, false},
		{"veto after nearer", "マイナンバー" + strings.Repeat("あ", 20) + num + " order", "", 0, true},
		{"column", num, "個人番号", 0.9, false},
		{"column veto", num, "注文番号", 0, true},
		{"window beats column", "注文番号 " + num, "個人番号", 0, true},
	}
	for _, tt := range tests {
		tx := detectors.Normalize(tt.text)
		tx.Column = tt.column
		start := strings.Index(tx.Norm, num)
		ev := c.Judge(tx, start, start+len(num))
		if got := c.Confidence(ev); got != tt.want || ev.Vetoed != tt.vetoed {
			t.Errorf("%s: confidence %v vetoed %v, want %v %v (%+v)", tt.name, got, ev.Vetoed, tt.want, tt.vetoed, ev)
		}
	}
	// The window never reaches past MaxContext bytes.
	long := "マイナンバー" + strings.Repeat("😀", 300) + num
	tx := detectors.Normalize(long)
	c.Before = 1000
	if ev := c.Judge(tx, len(tx.Norm)-len(num), len(tx.Norm)); ev.Support {
		t.Errorf("support word found %d bytes away, beyond MaxContext", len(tx.Norm)-len(num)-len("マイナンバー"))
	}
}

func testRule() Rule {
	return Rule{
		Name:     "test_number",
		Type:     pii.MyNumber,
		Keywords: []string{"個人番号"},
		MaxLen:   14,
		Scan:     Digits(" -", []int{12}, []int{4, 4, 4}),
		Validate: func(c string) (string, float64, bool) {
			d := DigitsOnly(c)
			return d, 1, !strings.HasPrefix(d, "0")
		},
		Context: Context{
			Support: textscan.NewWords("個人番号"), Veto: textscan.NewWords("注文番号"),
			Before: 50, Near: 10, NearConfidence: 0.9, FarConfidence: 0.8,
		},
		Also: []Context{{Support: textscan.NewWords("様"), After: 20}},
		Examples: detectors.Examples{
			Positives: []string{"個人番号 1234 5678 9012 山田様"},
			Negatives: []string{"個人番号 0234 5678 9012 山田様", "個人番号 1234 5678 9012", "注文番号 123456789012 様"},
		},
	}
}

func TestNew(t *testing.T) {
	d, err := New(testRule())
	if err != nil {
		t.Fatal(err)
	}
	e := d.Examples()
	detectortest.Accept(t, d, e.Positives, e.Negatives)

	bad := testRule()
	bad.Scan = nil
	if _, err := New(bad); !errors.Is(err, ErrIncomplete) {
		t.Errorf("New without Scan: %v, want ErrIncomplete", err)
	}
	bad = testRule()
	bad.Type = "nope"
	if _, err := New(bad); !errors.Is(err, ErrIncomplete) {
		t.Errorf("New with unknown type: %v, want ErrIncomplete", err)
	}
	bad = testRule()
	bad.Context.Support = textscan.NewWords("個人番号", "マイナンバー")
	if _, err := New(bad); !errors.Is(err, ErrKeywords) {
		t.Errorf("New with a support word outside the keywords: %v, want ErrKeywords", err)
	}
	bad.Context.NoneConfidence = 0.5 // reports without a word: any keywords do
	if _, err := New(bad); err != nil {
		t.Errorf("New with NoneConfidence: %v", err)
	}
}

func TestDetect(t *testing.T) {
	d := Must(testRule())
	tx := detectors.Normalize("個人番号：１２３４－５６７８－９０１２（山田様）")
	got := d.Detect(tx)
	want := []detectors.Match{{Type: pii.MyNumber, Start: 13, End: 27, Value: "123456789012", Confidence: 0.9}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Detect (-want +got):\n%s", diff)
	}
	if tx.Norm[13:27] != "1234-5678-9012" {
		t.Errorf("span %q", tx.Norm[13:27])
	}
}
