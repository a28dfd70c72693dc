package phone

import (
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/detectortest"
)

// found is a match as the tests compare it: the normalized span's text,
// the value and the confidence.
type found struct {
	Text       string
	Value      string
	Confidence float64
}

func TestDetect(t *testing.T) {
	const (
		bare = BareConfidence
		intl = InternationalConfidence
		ctx  = ContextConfidence
	)
	tests := []struct {
		name, in string
		want     []found
	}{
		{"mobile", "090-1234-5678", []found{{"090-1234-5678", "+819012345678", bare}}},
		{"mobile digits only", "携帯 09012345678", []found{{"09012345678", "+819012345678", ctx}}},
		{"full-width", "０９０－１２３４－５６７８", []found{{"090-1234-5678", "+819012345678", bare}}},
		{"katakana choon as dash", "090ー1234ー5678", []found{{"090-1234-5678", "+819012345678", bare}}},
		{"tokyo", "03-1234-5678", []found{{"03-1234-5678", "+81312345678", bare}}},
		{"area code in parentheses", "(03)1234-5678", []found{{"(03)1234-5678", "+81312345678", bare}}},
		{"area code in parentheses and space", "(03) 1234-5678", []found{{"(03) 1234-5678", "+81312345678", bare}}},
		{"local part in parentheses", "03(1234)5678", []found{{"03(1234)5678", "+81312345678", bare}}},
		{"international dashes", "+81-90-1234-5678", []found{{"+81-90-1234-5678", "+819012345678", intl}}},
		{"international spaces", "+81 3 1234 5678", []found{{"+81 3 1234 5678", "+81312345678", intl}}},
		{"international mixed", "+81 90-1234-5678", []found{{"+81 90-1234-5678", "+819012345678", intl}}},
		{"international with trunk 0", "+81 (0)3 1234 5678", []found{{"+81 (0)3 1234 5678", "+81312345678", intl}}},
		{"international prefix 00", "0081-3-1234-5678", []found{{"0081-3-1234-5678", "+81312345678", bare}}},
		{"toll free", "0120-123-456", []found{{"0120-123-456", "+81120123456", bare}}},
		{"yokohama", "045-123-4567", []found{{"045-123-4567", "+81451234567", bare}}},
		{"dots", "03.1234.5678", []found{{"03.1234.5678", "+81312345678", bare}}},
		{"tel full-width colon", "TEL：03-1234-5678", []found{{"03-1234-5678", "+81312345678", ctx}}},
		{"tel glued", "TEL03-1234-5678", []found{{"03-1234-5678", "+81312345678", ctx}}},
		{"tel sign", "℡ 03-1234-5678", []found{{"03-1234-5678", "+81312345678", ctx}}},
		{"keitai", "携帯:080 1234 5678", []found{{"080 1234 5678", "+818012345678", ctx}}},
		{"keyword 30 runes away", "電話" + "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへ" + "03-1234-5678", []found{{"03-1234-5678", "+81312345678", bare}}},
		{"us", "+1 415-555-2671", []found{{"+1 415-555-2671", "+14155552671", intl}}},
		{"uk mobile", "Mobile: +44 7911 123456", []found{{"+44 7911 123456", "+447911123456", ctx}}},
		{"two numbers", "TEL 03-1234-5678 FAX 03-1234-5679", []found{
			{"03-1234-5678", "+81312345678", ctx},
			{"03-1234-5679", "+81312345679", ctx},
		}},
		{"sentence end", "携帯は090-1234-5678です。", []found{{"090-1234-5678", "+819012345678", ctx}}},
		{"extension", "03-1234-5678(代表)", []found{{"03-1234-5678", "+81312345678", bare}}},
		{"leading groups of a spaced run", "お電話は080 1234 5678 2024年まで", []found{{"080 1234 5678", "+818012345678", ctx}}},
		{"phone nearer than order", "注文番号 1234、TEL 03-1234-5678", []found{{"03-1234-5678", "+81312345678", ctx}}},

		{"date", "2024-05-02", nil},
		{"date slashes", "2024/05/02", nil},
		{"date digits", "20240502", nil},
		{"postal code", "〒100-0001", nil},
		{"postal code bare", "100-0001", nil},
		{"postal code with 0", "〒060-0001", nil},
		{"order number", "注文番号 1234-5678-9012", nil},
		{"order no", "Order No. 1234-5678", nil},
		{"invoice number", "INV-2024-000123", nil},
		{"price", "¥12,345", nil},
		{"price yen", "12,345円", nil},
		{"time range", "10:00-12:00", nil},
		{"ip address", "192.168.0.1", nil},
		{"version", "1.2.3", nil},
		{"card number", "4111 1111 1111 1111", nil},
		{"12 digits", "123456789012", nil},
		{"letters before", "ABC0312345678", nil},
		{"letters after", "0312345678XYZ", nil},
		{"longer digit run", "00000312345678901", nil},
		{"digits before", "9903-1234-5678", nil},
		{"extra group", "090-1234-5678-9", nil},
		{"number before", "1234-03-1234-5678", nil},
		{"order keyword", "注文番号 0312345678", nil},
		{"invoice keyword", "請求書番号: 03-1234-5678", nil},
		{"slip keyword", "伝票番号 090-1234-5678", nil},
		{"inquiry number", "お問い合わせ番号 0120-123-456", nil},
		{"order english", "Order 0312345678", nil},
		{"invoice english", "invoice: 03-1234-5678", nil},
		{"tracking", "Tracking no. 090 1234 5678", nil},
		{"too short", "03-1234-567", nil},
		{"single digit row", "0 3 1 2 3 4 5 6 7 8", nil},
		{"in a word", "hotel03-1234-5678", nil},
		{"circled digits", "①②③④⑤⑥⑦⑧⑨⑩", nil},
		{"mixed separators", "03-1234.5678", nil},
		{"after a number and space", "1234 03-1234-5678", nil},
	}
	detectortest.Table(t, MustNew(), tests)
}

func TestDetectColumn(t *testing.T) {
	tests := []struct {
		in, column string
		want       []found
	}{
		{"03-1234-5678", "電話番号", []found{{"03-1234-5678", "+81312345678", ContextConfidence}}},
		{"03-1234-5678", "", []found{{"03-1234-5678", "+81312345678", BareConfidence}}},
		{"03-1234-5678", "注文番号", nil},
	}
	detectortest.Table(t, MustNew(), tests)
}

func TestWithRegion(t *testing.T) {
	us, err := New(WithRegion("US"))
	if err != nil {
		t.Fatal(err)
	}
	detectortest.Table(t, us, []struct {
		name, in string
		want     []found
	}{
		{"US national number", "(415) 555-2671", []found{{"(415) 555-2671", "+14155552671", BareConfidence}}},
	})
	if _, err := New(WithRegion("XX")); err == nil {
		t.Error("New(WithRegion(XX)) succeeded, want an error")
	}
}

// TestValid checks the validator, and that the examples' numbers really
// are valid per libphonenumber.
func TestValid(t *testing.T) {
	tests := []struct {
		number, want string
	}{
		{"090-1234-5678", "+819012345678"},
		{"09012345678", "+819012345678"},
		{"03-1234-5678", "+81312345678"},
		{"0120-123-456", "+81120123456"},
		{"045-123-4567", "+81451234567"},
		{"+81 3 1234 5678", "+81312345678"},
		{"+14155552671", "+14155552671"},
		{"+447911123456", "+447911123456"},
		{"03-1234-567", ""},
		{"20240502", ""},
		{"0312345678901", ""},
	}
	for _, tt := range tests {
		got, ok := Valid(tt.number, "JP")
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Valid(%q, JP) = %q, %v, want %q", tt.number, got, ok, tt.want)
		}
	}
}

// BenchmarkDetect runs the detector over generated mixed Japanese and
// English mail (detectortest.MailText) in 4 KiB parts, as the Runner hands
// it message parts.
func BenchmarkDetect(b *testing.B) {
	text := detectortest.MailText(4 << 20)
	var parts []*detectors.Text
	for len(text) > 0 {
		n := min(len(text), 4096)
		if k := strings.LastIndexByte(text[:n], '\n'); k > 0 && n < len(text) {
			n = k + 1
		}
		parts = append(parts, detectors.Normalize(text[:n]))
		text = text[n:]
	}
	d := MustNew()
	b.SetBytes(4 << 20)
	for b.Loop() {
		for _, t := range parts {
			d.Detect(t)
		}
	}
}
