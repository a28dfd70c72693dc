package birthdate

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/rule/ruletest"
)

// ref is the fixed reference date of the tests.
var ref = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

func newTest(opts ...Option) *Detector {
	return New(append([]Option{WithReference(ref)}, opts...)...)
}

type found struct {
	Text, Value string
	Confidence  float64
}

func detect(d *Detector, in, field, column string) []found {
	return detectortest.Detect[found](d, in, field, column)
}

func TestDetect(t *testing.T) {
	const (
		label = LabelConfidence
		near  = NearConfidence
		weak  = WeakConfidence
		amb   = AmbiguousConfidence
	)
	tests := []struct {
		name, in string
		want     []found
	}{
		{"era label", "生年月日：昭和60年3月12日", []found{{"昭和60年3月12日", "1985-03-12", label}}},
		{"western label", "生年月日 1985/03/12", []found{{"1985/03/12", "1985-03-12", label}}},
		{"full-width", "生年月日：１９８５年３月１２日", []found{{"1985年3月12日", "1985-03-12", label}}},
		{"letter era", "生年月日: S60.3.12", []found{{"S60.3.12", "1985-03-12", label}}},
		{"era with age", "生年月日　平成２年５月３日（満３４歳）", []found{{"平成2年5月3日", "1990-05-03", label}}},
		{"kanji numerals, umare after", "昭和六十年十二月三日生まれ", []found{{"昭和六十年十二月三日", "1985-12-03", label}}},
		{"sei after", "1985年3月12日生", []found{{"1985年3月12日", "1985-03-12", label}}},
		{"sei after slash date", "1985/03/12生", nil}, // no keyword: the prefilter would not see it
		{"umare after slash date", "1985/03/12生まれ", []found{{"1985/03/12", "1985-03-12", label}}},
		{"ligature", "㍼60年3月12日生", []found{{"昭和60年3月12日", "1985-03-12", label}}},
		{"age after", "1985/03/12 (39歳)", []found{{"1985/03/12", "1985-03-12", label}}},
		{"english age after", "12 March 1985 (age 40)", []found{{"12 March 1985", "1985-03-12", label}}},
		{"dob", "DOB: 12 March 1985", []found{{"12 March 1985", "1985-03-12", label}}},
		{"date of birth", "Date of Birth: March 12, 1985", []found{{"March 12, 1985", "1985-03-12", label}}},
		{"d.o.b.", "D.O.B. 12-Mar-1985", []found{{"12-Mar-1985", "1985-03-12", label}}},
		{"born", "He was born on 12 March 1985 in Osaka.", []found{{"12 March 1985", "1985-03-12", weak}}},
		{"birthday", "誕生日は1990年7月7日です", []found{{"1990年7月7日", "1990-07-07", weak}}},
		{"compact after label", "生年月日:19850312", []found{{"19850312", "1985-03-12", label}}},
		{"label on the line above", "生年月日\n1985-03-12", []found{{"1985-03-12", "1985-03-12", near}}},
		{"label far", "生年月日（西暦でご記入ください、和暦も可）：1985-03-12", []found{{"1985-03-12", "1985-03-12", near}}},
		{"ambiguous slash", "DOB: 03/04/1985", []found{{"03/04/1985", "1985-03-04", amb}}},
		{"ambiguous dot", "DOB: 03.04.1985", []found{{"03.04.1985", "1985-04-03", amb}}},
		{"unambiguous dmy", "DOB: 25/12/1985", []found{{"25/12/1985", "1985-12-25", label}}},
		{"birth then issue date", "生年月日 1985/03/12 発行日 2020/01/01", []found{{"1985/03/12", "1985-03-12", label}}},
		{"two dates after one label", "生年月日：1985年3月12日（昭和60年3月12日）", []found{{"1985年3月12日", "1985-03-12", label}}},
		{"infant", "生年月日：令和7年1月5日", []found{{"令和7年1月5日", "2025-01-05", label}}},
		{"age 120", "生年月日：1905年6月1日", []found{{"1905年6月1日", "1905-06-01", label}}},

		{"date alone", "1985年3月12日", nil},
		{"meeting", "2024年5月2日（木）10:00から会議を行います。", nil},
		{"date header line", "Date: Thu, 2 May 2024 10:11:12 +0900", nil},
		{"timestamp after label", "生年月日：1985/03/12 10:00", nil},
		{"issue date", "発行日：2020年1月1日", nil},
		{"expiry nearer", "生年月日 有効期限 2030年3月12日", nil},
		{"expiry before label", "有効期限：令和12年3月12日 生年月日欄は空欄", nil},
		{"showa 64 february", "生年月日：昭和64年2月1日", nil},
		{"heisei 32", "生年月日：平成32年1月1日", nil},
		{"february 30", "生年月日：1985年2月30日", nil},
		{"future", "生年月日：2030年1月1日", nil},
		{"older than 120", "生年月日：1904年6月1日", nil},
		{"birthday party", "お誕生日おめでとうございます！誕生日会は2024年5月2日です。", nil},
		{"birthday this year", "誕生日おめでとう 2025年3月1日", nil},
		{"order number", "注文番号 19850312", nil},
		{"long digit run", "生年月日 19850312345", nil},
		{"compact far from label", "生年月日の確認をお願いします。受付 19850312", nil},
		{"seisan", "2024年5月2日生産終了", nil},
		{"checkup", "3歳児健診 2024年5月2日", nil},
		{"checkup after date", "2024年5月2日 3歳児健診", nil},
		{"meeting about birth", "Meeting on March 12, 1985 about the birth rate.", nil},
		{"year only", "born in 1985", nil},
		{"month only", "生年月日：昭和60年3月", nil},
		{"table header row", "氏名 生年月日 入社日\n田中 1985/03/12 2010/04/01", nil},
		{"keyword too far", "生年月日" + strings.Repeat("あ", 41) + "1985/03/12", nil},
	}
	detectortest.Table(t, newTest(), tests)
}

func TestColumnAndField(t *testing.T) {
	tests := []struct {
		in, field, column string
		want              []found
	}{
		{"1985/03/12", "attachment:社員.xlsx#Sheet1!C2", "生年月日", []found{{"1985/03/12", "1985-03-12", LabelConfidence}}},
		{"19850312", "attachment:社員.csv", "Birth Date", []found{{"19850312", "1985-03-12", LabelConfidence}}},
		{"S60.3.12", "attachment:a.xlsx", "DOB", []found{{"S60.3.12", "1985-03-12", LabelConfidence}}},
		{"1985/03/12", "attachment:社員.xlsx", "入社日", nil},
		{"1985/03/12", "attachment:社員.xlsx", "発行日", nil},
		{"1985/03/12", "attachment:社員.xlsx", "備考", nil},
		{"生年月日 1985/03/12", "header:Date", "", nil},
		{"生年月日 1985/03/12", "header:Subject", "", []found{{"1985/03/12", "1985-03-12", LabelConfidence}}},
	}
	detectortest.Table(t, newTest(), tests)
}

func TestOrder(t *testing.T) {
	for _, tt := range []struct {
		order     Order
		in, value string
	}{
		{BySeparator, "DOB: 03/04/1985", "1985-03-04"},
		{BySeparator, "DOB: 03.04.1985", "1985-04-03"},
		{DayFirst, "DOB: 03/04/1985", "1985-04-03"},
		{DayFirst, "DOB: 03.04.1985", "1985-04-03"},
		{MonthFirst, "DOB: 03.04.1985", "1985-03-04"},
		{MonthFirst, "DOB: 03/04/1985", "1985-03-04"},
		{DayFirst, "DOB: 25/12/1985", "1985-12-25"},
	} {
		got := detect(newTest(WithOrder(tt.order)), tt.in, "body", "")
		if len(got) != 1 || got[0].Value != tt.value {
			t.Errorf("order %d, %q: got %+v, want value %s", tt.order, tt.in, got, tt.value)
		}
	}
}

func TestBirthMarkerAfter(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"生", true}, {"生まれ", true}, {" 生れ", true}, {"生誕", true}, {"(39歳)", true}, {"満39歳", true},
		{" (age 39)", true}, {"(39才)", true}, {"生です", true},
		{"生産終了", false}, {"生活", false}, {"(木)", false}, {"3歳児", false}, {"(1234歳)", false}, {"", false},
		{" 生", false}, {", age 39", false},
	} {
		if got := birthMarkerAfter(tt.in, true); got != tt.want {
			t.Errorf("birthMarkerAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestTimeFollows(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{" 10:00", true}, {"(木)10:00", true}, {"T10:11:12", true}, {" 9:05", true},
		{"生", false}, {"", false}, {" 10", false}, {" 123:00", false},
	} {
		if got := timeFollows(tt.in); got != tt.want {
			t.Errorf("timeFollows(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestAccept(t *testing.T) { detectortest.AcceptExamples(t, newTest()) }

// FuzzDetect checks that Detect never panics and keeps the Detector
// contract on arbitrary text, with and without a birth column, and that
// every value is a date in the form 2006-01-02, not after the reference.
func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetect(f, newTest(), detectortest.Rules{Valid: func(v, _ string) bool {
		return len(v) == 10 && v[4] == '-' && v[7] == '-' && v <= ref.Format("2006-01-02")
	}}, [2]string{"1985/03/12", "生年月日"})
}

// BenchmarkDetect measures the detector through a Runner and on its own
// (ruletest.Bench), over mixed mail text with a birth date form every few
// paragraphs.
func BenchmarkDetect(b *testing.B) {
	ruletest.Bench(b, newTest(), benchText(8<<20))
}

func benchText(n int) string {
	base := detectortest.MailText(n)
	rng := rand.New(rand.NewPCG(5, 6))
	var sb strings.Builder
	for i, para := range strings.SplitAfter(base, "\n") {
		sb.WriteString(para)
		if i%200 == 0 {
			fmt.Fprintf(&sb, "氏名：山田花子 生年月日：昭和%d年%d月%d日 発行日：2020年1月1日\n", 40+rng.IntN(20), 1+rng.IntN(12), 1+rng.IntN(28))
		}
	}
	return sb.String()
}
