package hobby

import (
	"testing"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/rule/ruletest"
)

type found struct {
	Text, Value string
	Confidence  float64
}

func TestDetect(t *testing.T) {
	const (
		label = LabelConfidence
		en    = EnglishConfidence
		space = SpaceConfidence
	)
	tests := []struct {
		in   string
		want []found
	}{
		{"趣味：読書、映画鑑賞", []found{{"読書、映画鑑賞", "読書、映画鑑賞", label}}},
		{"趣味：読書、映画鑑賞。", []found{{"読書、映画鑑賞", "読書、映画鑑賞", label}}},
		{"趣味・特技: テニス", []found{{"テニス", "テニス", label}}},
		{"趣味/特技：将棋", []found{{"将棋", "将棋", label}}},
		{"特技・趣味：ギター", []found{{"ギター", "ギター", label}}},
		{"【趣味】登山", []found{{"登山", "登山", label}}},
		{"【趣味】\n登山、写真", []found{{"登山、写真", "登山、写真", label}}},
		{"趣味\n  ランニング", []found{{"ランニング", "ランニング", label}}},
		{"■趣味　ピアノ", []found{{"ピアノ", "ピアノ", space}}},
		{"1. 趣味: 園芸", []found{{"園芸", "園芸", label}}},
		{"・趣味：カメラ", []found{{"カメラ", "カメラ", label}}},
		{"氏名：山田太郎\n趣味：釣り\n特技：書道", []found{{"釣り", "釣り", label}}},
		{"趣味：料理 特技：水泳", []found{{"料理", "料理", label}}},
		{"| 趣味 | ゴルフ |", []found{{"ゴルフ", "ゴルフ", label}}},
		{"趣味\t読書\t特技\t水泳", []found{{"読書", "読書", label}}},
		{"趣味：  旅行   と   温泉巡り  ", []found{{"旅行   と   温泉巡り", "旅行 と 温泉巡り", label}}},
		{"Hobbies: hiking, photography", []found{{"hiking, photography", "hiking, photography", en}}},
		{"Hobby: fishing.", []found{{"fishing", "fishing", en}}},
		{"Interests: jazz piano and marathon running", []found{{"jazz piano and marathon running", "jazz piano and marathon running", en}}},
		{"HOBBIES & INTERESTS:\nSailing, chess", []found{{"Sailing, chess", "Sailing, chess", en}}},
		{"Personal interests: cooking", []found{{"cooking", "cooking", en}}},
		{"[Hobbies] Tennis", []found{{"Tennis", "Tennis", en}}},
		{"趣味：読書\n趣味：映画", []found{{"読書", "読書", label}, {"映画", "映画", label}}},

		{"趣味の悪いネクタイですね", nil},
		{"悪趣味な冗談", nil},
		{"趣味で始めた写真が仕事になりました", nil},
		{"私の趣味は読書です", nil},
		{"趣味：特になし", nil},
		{"趣味：なし", nil},
		{"趣味: -", nil},
		{"趣味：", nil},
		{"趣味：\n\n読書", nil},
		{"ご趣味は何ですか？", nil},
		{"趣味・特技を活かせる仕事", nil},
		{"趣味：123", nil},
		{"【趣味】の時間です", nil},
		{"■趣味・教養講座のご案内", nil},
		{"Hobbies: N/A", nil},
		{"Hobbies: none", nil},
		{"Interests: 5% per annum", nil},
		{"Interests: $1,200 accrued", nil},
		{"in the interests of all parties", nil},
		{"Conflict of interests: none declared", nil},
		{"Research interests: machine learning", nil},
		{"hobby shop opens on Monday", nil},
		{"Hobbies reading the news", nil},
		{"Hobbyist: John", nil},
		{"Interests: see https://example.com/interests", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestColumn(t *testing.T) {
	tests := []struct {
		in, column string
		want       []found
	}{
		{"読書、映画鑑賞", "趣味", []found{{"読書、映画鑑賞", "読書、映画鑑賞", LabelConfidence}}},
		{" Golf ", "Hobbies", []found{{"Golf", "Golf", LabelConfidence}}},
		{"なし", "趣味", nil},
		{"読書", "備考", nil},
		{"", "趣味", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestValueCut(t *testing.T) {
	long := "趣味：" + string([]rune("読書がとても長い趣味の説明がここに続きますとても長い趣味の説明がここに続きますとても長い趣味の説明がここに続きますとても長い趣味の説明がここに続きます"))
	ms := New().Detect(detectors.Normalize(long))
	if len(ms) != 1 {
		t.Fatalf("got %d matches, want 1", len(ms))
	}
	if n := utf8.RuneCountInString(ms[0].Value); n != MaxValueRunes {
		t.Errorf("value has %d runes, want %d", n, MaxValueRunes)
	}
}

func TestAccept(t *testing.T) { detectortest.AcceptExamples(t, New()) }

func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetect(f, New(), detectortest.Rules{Ordered: true, Valid: func(v, span string) bool {
		return utf8.RuneCountInString(v) <= MaxValueRunes
	}}, [2]string{"読書", "趣味"}, [2]string{"趣味：読書 特技：水泳", ""})
}

// BenchmarkDetect measures the detector through a Runner and on its own
// (ruletest.Bench).
func BenchmarkDetect(b *testing.B) {
	ruletest.Bench(b, New(), ruletest.MailText(8<<20, 200, "趣味：読書、映画鑑賞", "Hobbies: hiking"))
}
