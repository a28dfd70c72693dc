package age

import (
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/rule/ruletest"
)

type found struct {
	Text, Value string
	Confidence  float64
}

func TestDetect(t *testing.T) {
	const (
		label  = LabelConfidence
		person = PersonConfidence
		bare   = BareConfidence
	)
	tests := []struct {
		in   string
		want []found
	}{
		{"35歳", []found{{"35歳", "35", bare}}},
		{"彼は35歳で入社した", []found{{"35歳", "35", bare}}},
		{"5歳の息子がいます", []found{{"5歳", "5", bare}}},
		{"0歳の娘", []found{{"0歳", "0", bare}}},
		{"満35歳", []found{{"35歳", "35", label}}},
		{"当時三十五歳の会社員", []found{{"三十五歳", "35", label}}},
		{"享年八十八歳", []found{{"八十八歳", "88", label}}},
		{"年齢：42", []found{{"42", "42", label}}},
		{"年齢: 42歳", []found{{"42歳", "42", label}}},
		{"年齢は42歳です", []found{{"42歳", "42", label}}},
		{"年齢(満)42歳", []found{{"42歳", "42", label}}},
		{"山田花子（２８歳）", []found{{"28歳", "28", person}}},
		{"田中太郎 35歳・男性", []found{{"35歳", "35", person}}},
		{"女性 42才", []found{{"42才", "42", person}}},
		{"３５歳", []found{{"35歳", "35", bare}}},
		{"35 歳", []found{{"35 歳", "35", bare}}},
		{"1歳6ヶ月", []found{{"1歳", "1", bare}}},
		{"Age: 35", []found{{"35", "35", label}}},
		{"age 35", []found{{"35", "35", label}}},
		{"aged 35", []found{{"35", "35", label}}},
		{"at the age of 35", []found{{"35", "35", label}}},
		{"His age is 35.", []found{{"35", "35", label}}},
		{"Age: 35 years", []found{{"35", "35", label}}},
		{"a 35-year-old engineer", []found{{"35-year-old", "35", bare}}},
		{"a 35-year-old Japanese woman", []found{{"35-year-old", "35", bare}}},
		{"She is a 35 year old, and she", []found{{"35 year old", "35", bare}}},
		{"the 14-year-old schoolgirl", []found{{"14-year-old", "14", bare}}},
		{"a 15-year-old made $71,000", []found{{"15-year-old", "15", bare}}},

		// Ages of things, limits, other units (issue 15's classes).
		{"a 112-year-old system", nil},
		{"we are a 14 year old company", nil},
		{"a 30-year-old building near the station", nil},
		{"Issued to Age 85", nil},
		{"coverage up to age 65", nil},
		{"Age: 21 months", nil},
		{"age 3 weeks", nil},
		{"He is 35 years old.", []found{{"35 years old", "35", bare}}},

		// Real-mail classes (issue 15): ages of no one. Hard negatives
		// first, then the persons' ages beside them that must stay.
		{"We are a 14 year old fortune 500 company, and we have grown", nil},
		{"We are a 14 year old Inc 500 company.  Are you", nil},
		{"a 25-year-old single family home", nil},
		{"The amount of GH after the age of 21 falls about 14% per decade", nil},
		{"its production is reduced in half by age 60. While GH is", nil},
		{"Humans produce 500 micrograms per year at age 20, 200 micrograms at age 40", nil},
		{"Policy expires at age 95.", nil},
		{"Benefits are payable at age 65", nil},
		{"* Assumes 55 year old making a maximum tax deductible contribution.", nil},
		{"Speeding Ticket goes to warrant for your 17-year-old son.", nil},
		{"22 Year Old Company - Leader in Industry!", nil},
		{"Not bad for a 27-year-old kid from Ukraine.", []found{{"27-year-old", "27", bare}}},
		{"My biological age is now that of a 40 year old!", nil},
		{"-->18 Year Old Girls Bare it ALL!<--", nil},
		{"a 19-year-old student becomes the first person", []found{{"19-year-old", "19", bare}}},
		{"a 17 year old mother-of-three said", []found{{"17 year old", "17", bare}}},
		{"a 24-year-old computer programmer", []found{{"24-year-old", "24", bare}}},
		{"a 16 year old high school student", []found{{"16 year old", "16", bare}}},
		{"a 40-year-old company director", []found{{"40-year-old", "40", bare}}},
		{"the ways an 8 year old can with a 39 year old.", []found{{"8 year old", "8", bare}, {"39 year old", "39", bare}}},
		{"my 5-year-old twins", []found{{"5-year-old", "5", bare}}},
		{"Diagnosed at age 23", []found{{"23", "23", label}}},
		{"died in 1979 at the age of 40.", []found{{"40", "40", label}}},
		{"who died a couple of years ago at the young age of 52.", []found{{"52", "52", label}}},
		{"I stopped smoking after the age of 30", []found{{"30", "30", label}}},
		{"John could read by age 4.", []found{{"4", "4", label}}},
		{"Dr. Richard Boyd, 78 years old, Harvard", []found{{"78 years old", "78", bare}}},
		{"patient, 35 y/o, male", []found{{"35 y/o", "35", bare}}},
		{"年齢：35歳、年齢：40歳", []found{{"35歳", "35", label}, {"40歳", "40", label}}},

		{"創業100年", nil},
		{"築30年のマンション", nil},
		{"3歳児健診のお知らせ", nil},
		{"20歳以上の方", nil},
		{"20歳未満の飲酒は禁止されています", nil},
		{"65歳から受給できます", nil},
		{"3〜5歳のお子様", nil},
		{"3歳から5歳まで", nil},
		{"30歳代の社員", nil},
		{"対象年齢 3歳以上", nil},
		{"対象年齢：3", nil},
		{"平均年齢 42歳", nil},
		{"定年60歳", nil},
		{"年齢制限: 18", nil},
		{"肌年齢 25歳", nil},
		{"精神年齢は5歳", nil},
		{"歳入歳出決算", nil},
		{"天才的な才能", nil},
		{"万歳三唱", nil},
		{"年齢：30代", nil},
		{"年齢：30〜40", nil},
		{"年齢不問", nil},
		{"Average age: 42", nil},
		{"minimum age 18", nil},
		{"ages 3-5", nil},
		{"age 18+", nil},
		{"age 18-25", nil},
		{"age 18 to 25", nil},
		{"under 18 years old", nil},
		{"3 to 5 years old", nil},
		{"3-5 years old", nil},
		{"more than 100 years old", nil},
		{"Page 35", nil},
		{"message 35", nil},
		{"age 35%", nil},
		{"Age: 1234", nil},
		{"年齢：1234", nil},
		{"150歳", nil},
		{"1.5歳", nil},
		{"1234歳", nil},
		{"2024年5月2日", nil},
		{"3歳の方から参加できます", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestColumn(t *testing.T) {
	tests := []struct {
		in, column string
		want       []found
	}{
		{"42", "年齢", []found{{"42", "42", LabelConfidence}}},
		{" 42歳 ", "年齢", []found{{"42歳", "42", LabelConfidence}}},
		{"42", "Age", []found{{"42", "42", LabelConfidence}}},
		{"42", "平均年齢", nil},
		{"42", "Average age", nil},
		{"42", "部署番号", nil},
		{"150", "年齢", nil},
		{"42歳", "備考", []found{{"42歳", "42", BareConfidence}}},
	}
	detectortest.Table(t, New(), tests)
}

func TestNumberBefore(t *testing.T) {
	for _, tt := range []struct {
		in       string
		start, v int
		ok       bool
	}{
		{"35", 0, 35, true}, {"x 35", 2, 35, true}, {"三十五", 0, 35, true}, {"八十八", 0, 88, true},
		{"1234", 0, 0, false}, {"1.5", 0, 0, false}, {"abc5", 0, 0, false}, {"", 0, 0, false}, {"歳", 0, 0, false},
	} {
		start, v, ok := numberBefore(tt.in, len(tt.in))
		if ok != tt.ok || (ok && (start != tt.start || v != tt.v)) {
			t.Errorf("numberBefore(%q) = %d, %d, %v; want %d, %d, %v", tt.in, start, v, ok, tt.start, tt.v, tt.ok)
		}
	}
}

func TestAccept(t *testing.T) { detectortest.AcceptExamples(t, New()) }

func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetect(f, New(), detectortest.Rules{Ordered: true, Valid: func(v, _ string) bool {
		return len(v) <= 3 && strings.Trim(v, "0123456789") == ""
	}}, [2]string{"42", "年齢"})
}

// BenchmarkDetect measures the detector through a Runner and on its own
// (ruletest.Bench).
func BenchmarkDetect(b *testing.B) {
	ruletest.Bench(b, New(), detectortest.MailText(8<<20)+"年齢：42歳\n")
}
