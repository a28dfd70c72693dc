package passport

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/detectors"
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

// TestDetectOCR: in text read from pixels (Text.OCR) a machine-readable
// zone nearby decides, and without one a number must have a known
// national format.
func TestDetectOCR(t *testing.T) {
	const (
		label   = LabelConfidence
		foreign = ForeignConfidence
	)
	// A data page as tesseract reads it: the fields, junk from the
	// photo, and the zone, whose number TK1234567 passed its check digit.
	page := func(field string) string {
		return "日本国 JAPAN 旅券 PASSPORT\n型/Type P 発行国 / Issuing country JPN\n" + field +
			"\nee » 姓 / Surname TANAKA\n国籍 / Nationality JAPAN\n" +
			"P<JPNTANAKA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTK12345671JPN8512246M2906302<<<<<<<<<<<<<<02\n"
	}
	// misread: OCR misread the zone's number (TK1294567), which fails
	// its check digit 1; the birth date and expiry pass theirs.
	misread := func(field string) string {
		return strings.Replace(page(field), "TK12345671JPN", "TK12945671JPN", 1)
	}
	tests := []struct {
		name, in string
		want     []found
	}{
		{"japanese", "旅券番号 / Passport No. TK1234567", []found{{"TK1234567", "TK1234567", label}}},
		{"zone misread, the field passes its check digit", misread("旅券番号 / Passport No. TK1234567"), []found{{"TK1234567", "TK1234567", label}}},
		{"zone misread, the field fails its check digit", misread("旅券番号 / Passport No. TK1234557"), nil},
		{"us", "Passport No. 123456789", []found{{"123456789", "123456789", foreign}}},
		{"germany", "Passport No. C01X00T47", []found{{"C01X00T47", "C01X00T47", foreign}}},
		{"france", "Passport No. 12AB34567", []found{{"12AB34567", "12AB34567", foreign}}},
		{"philippines", "Passport No. P1234567A", []found{{"P1234567A", "P1234567A", foreign}}},
		{"lower-case x looks like X", "Passport No. x7747612", []found{{"x7747612", "X7747612", foreign}}},
		{"page", page("旅券番号 / Passport No. TK1234567"), []found{{"TK1234567", "TK1234567", label}}},
		{"lower case, the zone confirms", page("旅券番号 / Passport No. Tk1234567"), []found{{"Tk1234567", "TK1234567", label}}},
		{"field misread, zone repairs it", page("旅券番号 / Passport No. TKI234567"), []found{{"TKI234567", "TK1234567", foreign}}},
		{"field misread T as 7", page("旅券番号 / Passport No. 7K1234567"), []found{{"7K1234567", "TK1234567", foreign}}},

		{"mixed junk after the title", "日本国 JAPAN 旅券 PASSPORT 8A1O2345X", nil},
		{"misread field, no zone", "旅券番号 / Passport No. TK1234S67", nil},
		{"misread field, no known format", "Passport No. 7K1234567", nil},
		{"german alphabet has no vowels", "Passport No. C01O00T47", nil},
		{"lower case is a misread", "Passport: Te310318", nil},
		{"lower case is a misread, japanese", "旅券番号 / Passport No. tr1234567", nil},
		{"field misread past repair", page("旅券番号 / Passport No. 7R1234567"), nil},
		{"another number than the zone's", page("旅券番号 / Passport No. MU7654321"), nil},
		{"digits the zone does not confirm", page("旅券番号 / Passport No. 123456789"), nil},
	}
	d := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx := detectors.Normalize(tt.in)
			tx.OCR = true
			var got []found
			for _, m := range d.Detect(tx) {
				got = append(got, found{tx.Norm[m.Start:m.End], m.Value, m.Confidence})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Detect(%q) in OCR text (-want +got):\n%s", tt.in, diff)
			}
		})
	}
	// Typed text is not OCR's: the same lines keep what they had.
	for _, in := range []string{"旅券番号 / Passport No. TK1234S67", page("旅券番号 / Passport No. MU7654321")} {
		if got := detectortest.Detect[found](d, in, "body", ""); len(got) != 1 {
			t.Errorf("Detect(%q) in typed text = %v, want one match", in, got)
		}
	}
}

// TestOCRChunks: in OCR text the zone a match is checked against is
// looked for only within MaxContext bytes of it, so that chunks find what
// the whole text does wherever their edges fall.
func TestOCRChunks(t *testing.T) {
	d := New()
	dets := []detectors.Detector{d}
	whole, err := detectors.NewRunner(dets, detectors.Options{})
	if err != nil {
		t.Fatal(err)
	}
	small, err := detectors.NewRunner(dets, detectors.Options{ChunkSize: 2 * detectors.Overlap(dets)})
	if err != nil {
		t.Fatal(err)
	}
	zone := "P<JPNTANAKA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTK12345671JPN8512246M2906302<<<<<<<<<<<<<<02\n"
	fields := []string{"旅券番号 / Passport No. TK1234567\n", "Passport No. TKI234567\n", "旅券番号 MU7654321\n", "Passport No. 123456789\n"}
	ctx := context.Background()
	for gap := 0; gap < 1400; gap += 37 {
		var b strings.Builder
		for k := 0; k < 30; k++ {
			b.WriteString(fields[k%len(fields)])
			b.WriteString(strings.Repeat("ee ", (gap+k*53)%400) + "\n")
			if k%3 == 0 {
				b.WriteString(zone)
			}
		}
		tx := detectors.Normalize(b.String())
		tx.OCR = true
		one, err1 := whole.RunText(ctx, tx)
		chunked, err2 := small.RunText(ctx, tx)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if len(one) == 0 || len(tx.Norm) < 4*detectors.Overlap(dets) {
			t.Fatalf("gap %d: %d matches in %d bytes: the test checks nothing", gap, len(one), len(tx.Norm))
		}
		if diff := cmp.Diff(one, chunked); diff != "" {
			t.Fatalf("gap %d: chunks find other results (-one +chunked):\n%s", gap, diff)
		}
	}
}

func TestKnownFormat(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"TK1234567", true},
		{"123456789", true},
		{"12345678", true},
		{"A1234567", true},
		{"E12345678", true},
		{"AB123456", true},
		{"PAA123456", true},
		{"12AB34567", true},
		{"P1234567A", true},
		{"M123A4567", true},
		{"C01X00T47", true},
		{"CFGHJK123", true},
		{"C01O00T47", false}, // O is not in the German alphabet
		{"A01X00T47", false}, // nor A first
		{"TK1234S67", false},
		{"7K1234567", false},
		{"8A1O2345X", false},
		{"1A2B3C4D5", false},
		{"TK0O1I23", false},
	}
	for _, tt := range tests {
		if got := KnownFormat(tt.in); got != tt.want {
			t.Errorf("KnownFormat(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
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
