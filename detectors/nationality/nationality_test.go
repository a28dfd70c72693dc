package nationality

import (
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/rule/ruletest"
)

type found struct {
	Text, Value string
	Confidence  float64
}

var det = New()

func TestDetect(t *testing.T) {
	const (
		label = LabelConfidence
		code  = CodeConfidence
	)
	tests := []struct {
		in   string
		want []found
	}{
		{"国籍：日本", []found{{"日本", "JPN", label}}},
		{"国籍: ベトナム", []found{{"ベトナム", "VNM", label}}},
		{"国籍・地域　中国", []found{{"中国", "CHN", label}}},
		{"国籍(地域):台湾", []found{{"台湾", "TWN", label}}},
		{"国籍：フィリピン共和国", []found{{"フィリピン共和国", "PHL", label}}},
		{"国籍：ベトナム社会主義共和国", []found{{"ベトナム社会主義共和国", "VNM", label}}},
		{"国籍：アメリカ", []found{{"アメリカ", "USA", label}}},
		{"国籍：アメリカ合衆国", []found{{"アメリカ合衆国", "USA", label}}},
		{"国籍：米国", []found{{"米国", "USA", label}}},
		{"国籍：イギリス", []found{{"イギリス", "GBR", label}}},
		{"国籍：ブラジル", []found{{"ブラジル", "BRA", label}}},
		{"国籍 韓国", []found{{"韓国", "KOR", label}}},
		{"国籍は日本です", []found{{"日本", "JPN", label}}},
		{"国籍：日本人", []found{{"日本人", "JPN", label}}},
		{"国籍：日本国籍", []found{{"日本国籍", "JPN", label}}},
		{"国籍：日本/米国", []found{{"日本", "JPN", label}, {"米国", "USA", label}}},
		{"国籍：無国籍", []found{{"無国籍", Stateless, label}}},
		{"国籍\nネパール", []found{{"ネパール", "NPL", label}}},
		{"氏名：グエン・ヴァン・アン 国籍：ベトナム 在留資格：技術", []found{{"ベトナム", "VNM", label}}},
		{"Nationality: Japanese", []found{{"Japanese", "JPN", label}}},
		{"Nationality: Japan", []found{{"Japan", "JPN", label}}},
		{"Nationality: Viet Nam", []found{{"Viet Nam", "VNM", label}}},
		{"Nationality: United Kingdom", []found{{"United Kingdom", "GBR", label}}},
		{"Nationality: British", []found{{"British", "GBR", label}}},
		{"NATIONALITY: JPN", []found{{"JPN", "JPN", code}}},
		{"Nationality: JP", []found{{"JP", "JPN", code}}},
		{"Nationality: US", []found{{"US", "USA", label}}},
		{"Citizenship: United States", []found{{"United States", "USA", label}}},
		{"Country of citizenship: India", []found{{"India", "IND", label}}},
		{"Nationality: Chinese, Passport No: E12345678", []found{{"Chinese", "CHN", label}}},

		{"日本", nil},
		{"ベトナム出張の件", nil},
		{"国籍を問わず応募できます", nil},
		{"国籍：不問", nil},
		{"国籍: ", nil},
		{"国籍:", nil},
		{"国籍欄に記入してください", nil},
		{"国籍日本", nil},
		{"Nationality: N/A", nil},
		{"Nationality: TO BE CONFIRMED", nil},
		{"nationality-based discrimination", nil},
		{"Nationality: us", nil},
		{"多国籍企業", nil},
		{"国籍：中国語", nil},
		{"国籍：インドネシア語", nil},
		{"Nationality: Indiana", nil},
		{"Nationality: JPNX", nil},
		{"Nationality: JP and more", nil},
	}
	detectortest.Table(t, det, tests)
}

func TestColumn(t *testing.T) {
	tests := []struct {
		in, column string
		want       []found
	}{
		{"ベトナム", "国籍", []found{{"ベトナム", "VNM", LabelConfidence}}},
		{" 中国 ", "国籍・地域", []found{{"中国", "CHN", LabelConfidence}}},
		{"Japanese", "Nationality", []found{{"Japanese", "JPN", LabelConfidence}}},
		{"VNM", "Nationality", []found{{"VNM", "VNM", CodeConfidence}}},
		{"ベトナム", "出張先", nil},
		{"ベトナム支社", "国籍", nil},
	}
	detectortest.Table(t, det, tests)
}

// TestTable checks that the name table knows the nationalities most
// common in Japan under the names mail uses.
func TestTable(t *testing.T) {
	for name, want := range map[string]string{
		"中国": "CHN", "ベトナム": "VNM", "韓国": "KOR", "フィリピン": "PHL", "ブラジル": "BRA", "ネパール": "NPL",
		"インドネシア": "IDN", "米国": "USA", "台湾": "TWN", "ミャンマー": "MMR", "タイ": "THA", "ペルー": "PER",
		"インド": "IND", "スリランカ": "LKA", "バングラデシュ": "BGD", "パキスタン": "PAK", "北朝鮮": "PRK",
		"france": "FRA", "germany": "DEU", "vietnam": "VNM", "korean": "KOR",
	} {
		if got := det.names[name]; got != want {
			t.Errorf("names[%q] = %q, want %q", name, got, want)
		}
	}
	if len(det.names) < 400 || len(det.codes) < 400 {
		t.Errorf("table too small: %d names, %d codes", len(det.names), len(det.codes))
	}
}

func TestAccept(t *testing.T) { detectortest.AcceptExamples(t, det) }

func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetect(f, det, detectortest.Rules{Valid: func(v, _ string) bool {
		return len(v) == 3
	}}, [2]string{"ベトナム", "国籍"})
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		New()
	}
}

// BenchmarkDetect measures the detector through a Runner and on its own
// (ruletest.Bench).
func BenchmarkDetect(b *testing.B) {
	ruletest.Bench(b, det, detectortest.MailText(8<<20)+"国籍：ベトナム\n")
}
