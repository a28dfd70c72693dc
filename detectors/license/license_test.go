package license

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/rule/ruletest"
	"github.com/mailsift/mailsift/detectors/mynumber"
	"github.com/mailsift/mailsift/pii"
)

type found struct {
	Text       string
	Value      string
	Confidence float64
}

func detect(d detectors.Detector, in, column string) []found {
	return detectortest.Detect[found](d, in, "", column)
}

func TestDetect(t *testing.T) {
	const (
		label  = LabelConfidence
		nearby = NearbyConfidence
	)
	far := strings.Repeat("ご確認ください。", 5) // 40 runes
	tests := []struct {
		name, in, column string
		want             []found
	}{
		{"label", "運転免許証番号：629948826900", "", []found{{"629948826900", "629948826900", label}}},
		{"groups", "免許証番号 9757-5325-1000", "", []found{{"9757-5325-1000", "975753251000", label}}},
		{"card layout", "運転免許証 第１０７５１９９１２６１０号", "", []found{{"107519912610", "107519912610", label}}},
		{"english", "Driver's License No. 542384295040", "", []found{{"542384295040", "542384295040", label}}},
		{"english curly apostrophe", "Driver’s licence: 542384295040", "", []found{{"542384295040", "542384295040", label}}},
		{"sentence", "本人確認書類：運転免許証（番号 301661318600）", "", []found{{"301661318600", "301661318600", label}}},
		{"far", "運転免許証の写しを添付します。" + far + "629948826900", "", []found{{"629948826900", "629948826900", nearby}}},
		{"column", "629948826900", "免許証番号", []found{{"629948826900", "629948826900", label}}},
		{"check digit soft", "運転免許証番号：629948826910", "", []found{{"629948826910", "629948826910", label * unverifiedFactor}}},
		{"bare 免許", "免許：457189848510", "", []found{{"457189848510", "457189848510", label * bareWordFactor}}},
		{"licence nearer than my number", "マイナンバーカードまたは運転免許証番号 301661318600", "", []found{{"301661318600", "301661318600", label}}},

		{"no keyword", "629948826900", "", nil},
		{"unknown commission", "運転免許証番号：999948826900", "", nil},
		{"code 15", "運転免許証番号：159948826900", "", nil},
		{"11 digits", "運転免許証番号：62994882690", "", nil},
		{"13 digits", "運転免許証番号：6299488269001", "", nil},
		{"same digits", "運転免許証番号：111111111111", "", nil},
		{"my number nearer", "運転免許証またはマイナンバー：301661318600", "", nil},
		{"my number nearer, check fails", "運転免許証またはマイナンバー：629948826900", "", nil},
		{"my number column", "301661318600", "個人番号", nil},
		{"teacher", "教員免許 629948826900", "", nil},
		{"real estate", "宅建業免許 第629948826900号", "", nil},
		{"order nearer", "運転免許証をご持参ください。注文番号 629948826900", "", nil},
		{"invoice token", "免許証 INV-629948826900", "", nil},
		{"license key", "ソフトウェアの license key 629948826900", "", nil},
		{"software license word", "license 629948826900", "", nil},
		{"too far", "運転免許証" + strings.Repeat(far, 3) + "629948826900", "", nil},
		{"jan", "運転免許 JAN 4901234567894", "", nil},
		{"dates and postal", "運転免許の更新 2024年5月2日 〒100-0001", "", nil},
	}
	detectortest.Table(t, New(), tests)
}

// TestTieWithMyNumber checks that a number which passes both validators is
// claimed by one detector only, the one whose keyword is nearest.
func TestTieWithMyNumber(t *testing.T) {
	const num = "301661318600" // Tokyo code, licence and My Number check digits both pass
	if !Valid(num) || !CheckDigitOK(num) || !mynumber.Valid(num) {
		t.Fatal("test number does not pass both validators")
	}
	lic, mn := New(), mynumber.New()
	tests := []struct {
		in, column string
		want       string // type claimed, "" for none
	}{
		{"運転免許証番号 " + num, "", pii.DriversLicense},
		{"マイナンバー " + num, "", pii.MyNumber},
		{"マイナンバーカードまたは運転免許証 " + num, "", pii.DriversLicense},
		{"運転免許証またはマイナンバーカード " + num, "", pii.MyNumber},
		{"運転免許証番号 " + num + "（マイナンバーカードも可）", "", ""},
		{num, "免許証番号", pii.DriversLicense},
		{num, "マイナンバー", pii.MyNumber},
		{num, "", ""},
	}
	for _, tt := range tests {
		var claimed []string
		if len(detect(lic, tt.in, tt.column)) > 0 {
			claimed = append(claimed, pii.DriversLicense)
		}
		if len(detect(mn, tt.in, tt.column)) > 0 {
			claimed = append(claimed, pii.MyNumber)
		}
		var want []string
		if tt.want != "" {
			want = []string{tt.want}
		}
		if diff := cmp.Diff(want, claimed); diff != "" {
			t.Errorf("%q column %q (-want +got):\n%s", tt.in, tt.column, diff)
		}
	}
}

func TestValid(t *testing.T) {
	tests := []struct {
		in          string
		valid, cdOK bool
	}{
		{"629948826900", true, true},
		{"459803358720", true, true}, // the worked example of kojima-yutaka.main.jp: check digit 2
		{"459803358710", true, false},
		{"301661318600", true, true},
		{"309156789011", true, true}, // benricho.org's illustration
		{"000000000000", false, false},
		{"999948826900", false, true},
		{"159948826900", false, false},
		{"98", false, false},
		{"62994882690a", false, false},
	}
	for _, tt := range tests {
		if got := Valid(tt.in); got != tt.valid {
			t.Errorf("Valid(%q) = %v, want %v", tt.in, got, tt.valid)
		}
		if got := CheckDigitOK(tt.in); tt.valid && got != tt.cdOK {
			t.Errorf("CheckDigitOK(%q) = %v, want %v", tt.in, got, tt.cdOK)
		}
	}
}

func TestConformance(t *testing.T) { detectortest.AcceptExamples(t, New()) }

func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetectChunked(f, New(), detectortest.Rules{Valid: func(v, _ string) bool {
		return Valid(v)
	}}, [2]string{"629948826900", "免許証番号"})
}

func BenchmarkDetect(b *testing.B) {
	text := ruletest.MailText(4<<20, 200,
		"運転免許証番号：629948826900",
		"教員免許の更新講習のご案内",
		"注文番号 629948826900 の件",
	)
	ruletest.Bench(b, New(), text)
}
