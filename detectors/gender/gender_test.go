package gender

import (
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
		marked = MarkedConfidence
		tuple  = TupleConfidence
	)
	tests := []struct {
		in   string
		want []found
	}{
		{"性別：男", []found{{"男", Male, label}}},
		{"性別: 女性", []found{{"女性", Female, label}}},
		{"性別　男性", []found{{"男性", Male, label}}},
		{"性別男", []found{{"男", Male, label}}},
		{"性 別：女", []found{{"女", Female, label}}},
		{"性別\n女", []found{{"女", Female, label}}},
		{"性別は女性です", []found{{"女性", Female, label}}},
		{"性別：男性 年齢：35", []found{{"男性", Male, label}}},
		{"性別：その他", []found{{"その他", Other, label}}},
		{"Sex: M", []found{{"M", Male, label}}},
		{"Sex: F", []found{{"F", Female, label}}},
		{"Gender: Female", []found{{"Female", Female, label}}},
		{"GENDER: male", []found{{"male", Male, label}}},
		{"Gender: Non-binary", []found{{"Non-binary", Other, label}}},
		{"Sex (M/F): F", []found{{"F", Female, label}}},
		{"Name: Jane Doe, Sex: F, DOB: 1985-03-12", []found{{"F", Female, label}}},
		{"性別：■男 □女", []found{{"男", Male, marked}}},
		{"性別：☐男性 ☑女性", []found{{"女性", Female, marked}}},
		{"Sex: ☐ Male ☒ Female", []found{{"Female", Female, marked}}},
		{"山田花子様（35歳・女性）", []found{{"女性", Female, tuple}}},
		{"田中様(男性、42歳)", []found{{"男性", Male, tuple}}},
		{"被害者(35歳男性)", []found{{"男性", Male, tuple}}},
		{"性別：男\n性別：女", []found{{"男", Male, label}, {"女", Female, label}}},

		{"性別：男・女", nil},
		{"性別： 男 / 女", nil},
		{"性別(男・女)", nil},
		{"性別：□男 □女", nil},
		{"性別：■男 ■女", nil},
		{"Sex: M/F", nil},
		{"Sex: M or F", nil},
		{"Gender: Male / Female", nil},
		{"性別による差別は禁止されています", nil},
		{"性別不問", nil},
		{"性別：不問", nil},
		{"性別：男女", nil},
		{"性別欄", nil},
		{"男女共同参画", nil},
		{"男性用トイレ", nil},
		{"35歳男性", nil},
		{"gender equality", nil},
		{"Sex education", nil},
		{"Essex: M25", nil},
		{"Unisex: F", nil},
		{"Gender: N/A", nil},
		{"Gender: Manager", nil},
		{"sexual: M", nil},
		{"女性活躍推進", nil},
		{"(3歳児・男女)", nil},
		{"(35歳・女優)", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestColumn(t *testing.T) {
	tests := []struct {
		in, column string
		want       []found
	}{
		{"男", "性別", []found{{"男", Male, LabelConfidence}}},
		{" 女性 ", "性 別", []found{{"女性", Female, LabelConfidence}}},
		{"F", "Sex", []found{{"F", Female, LabelConfidence}}},
		{"Male", "Gender", []found{{"Male", Male, LabelConfidence}}},
		{"■男 □女", "性別", []found{{"男", Male, MarkedConfidence}}},
		{"男・女", "性別", nil},
		{"M", "Size", nil},
		{"男", "備考", nil},
		{"F", "", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestValue(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		n        int
	}{
		{"男", Male, 3}, {"男性です", Male, 6}, {"女子", Female, 6}, {"female", Female, 6}, {"F", Female, 1},
		{"M,", Male, 1}, {"その他", Other, 9}, {"男女", "", 0}, {"女優", "", 0}, {"Manager", "", 0}, {"x", "", 0},
	} {
		v, n, ok := value(tt.in)
		if v != tt.want || n != tt.n || ok != (tt.want != "") {
			t.Errorf("value(%q) = %q, %d, %v; want %q, %d", tt.in, v, n, ok, tt.want, tt.n)
		}
	}
}

func TestAccept(t *testing.T) { detectortest.AcceptExamples(t, New()) }

func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetect(f, New(), detectortest.Rules{Ordered: true, Valid: func(v, _ string) bool {
		return v == Male || v == Female || v == Other
	}}, [2]string{"男", "性別"})
}

// BenchmarkDetect measures the detector through a Runner and on its own
// (ruletest.Bench).
func BenchmarkDetect(b *testing.B) {
	ruletest.Bench(b, New(), detectortest.MailText(8<<20)+"性別：男\n")
}
