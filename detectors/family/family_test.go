package family

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

// det is shared by the tests: its dictionary loads once.
var det = New()

func TestDetect(t *testing.T) {
	const (
		full  = FullNameConfidence
		given = NameConfidence
		latin = LatinConfidence
		shape = ShapeConfidence
		rel   = RelationConfidence
	)
	tests := []struct {
		in   string
		want []found
	}{
		{"配偶者 山田花子", []found{{"配偶者 山田花子", "配偶者:山田花子", full}}},
		{"配偶者：山田 花子", []found{{"配偶者:山田 花子", "配偶者:山田花子", full}}},
		{"妻：花子", []found{{"妻:花子", "妻:花子", given}}},
		{"■配偶者\n山田花子", []found{{"配偶者\n山田花子", "配偶者:山田花子", full}}},
		{"配偶者の氏名：鈴木花子", []found{{"配偶者の氏名:鈴木花子", "配偶者:鈴木花子", full}}},
		{"配偶者氏名：鈴木花子", []found{{"配偶者氏名:鈴木花子", "配偶者:鈴木花子", full}}},
		{"配偶者名 鈴木花子", []found{{"配偶者名 鈴木花子", "配偶者:鈴木花子", full}}},
		{"長男（一郎）", []found{{"長男(一郎)", "長男:一郎", given}}},
		{"妻：花子さん", []found{{"妻:花子", "妻:花子", given}}},
		{"扶養家族：妻 花子、長男 一郎", []found{
			{"妻 花子", "妻:花子", given}, {"長男 一郎", "長男:一郎", given}}},
		{"扶養家族：山田花子（妻）、山田一郎（長男）", []found{
			{"山田花子(妻)", "妻:山田花子", full}, {"山田一郎(長男)", "長男:山田一郎", full}}},
		{"山田 花子（妻・45歳）", []found{{"山田 花子(妻・45歳)", "妻:山田花子", full}}},
		{"連絡先は山田花子（妻）です", []found{{"山田花子(妻)", "妻:山田花子", full}}},
		{"緊急連絡先：父 山田太郎 090-1234-5678", []found{{"父 山田太郎", "父:山田太郎", full}}},
		{"続柄：長男 氏名：山田一郎", []found{{"長男 氏名:山田一郎", "長男:山田一郎", full}}},
		{"氏名：山田一郎 続柄：長男", []found{{"山田一郎 続柄:長男", "長男:山田一郎", full}}},
		{"氏名：山田一郎\n続柄：長男", []found{{"山田一郎\n続柄:長男", "長男:山田一郎", full}}},
		{"続柄：長男\n氏名：山田一郎", []found{{"長男\n氏名:山田一郎", "長男:山田一郎", full}}},
		{"氏名：山田花子\n続柄：妻\n氏名：山田一郎\n続柄：長男", []found{
			{"山田花子\n続柄:妻", "妻:山田花子", full}, {"山田一郎\n続柄:長男", "長男:山田一郎", full}}},
		{"続柄：長女(山田桜子)", []found{{"長女(山田桜子)", "長女:山田桜子", full}}},
		{"続柄：長女", []found{{"長女", "長女", rel}}},
		{"| 続柄 | 次男 |", []found{{"次男", "次男", rel}}},
		{"Spouse: Jane Doe", []found{{"Spouse: Jane Doe", "spouse:Jane Doe", latin}}},
		{"Spouse's name: Mary Smith", []found{{"Spouse's name: Mary Smith", "spouse:Mary Smith", latin}}},
		{"Spouse Name: Ngozi Okafor", []found{{"Spouse Name: Ngozi Okafor", "spouse:Ngozi Okafor", shape}}},
		{"Name of spouse: Mrs. Jane Doe", []found{{"spouse: Mrs. Jane Doe", "spouse:Jane Doe", latin}}},
		{"Dependents: John Smith (son), Emily Smith (daughter)", []found{
			{"John Smith (son)", "son:John Smith", latin}, {"Emily Smith (daughter)", "daughter:Emily Smith", latin}}},
		{"Dependent: Emily Smith", []found{{"Dependent: Emily Smith", "dependent:Emily Smith", latin}}},
		{"Relationship: Wife", []found{{"Wife", "wife", rel}}},

		{"家族経営の会社です", nil},
		{"ご家族の皆様によろしく", nil},
		{"長男が今春大学に入学しました", nil},
		{"長男 誕生のお知らせ", nil},
		{"昨年、長男 誕生", nil},
		{"妻と子供と旅行に行きました", nil},
		{"子会社：株式会社サンプル", nil},
		{"夫婦で参加します", nil},
		{"父の日のギフト", nil},
		{"母校：サンプル大学", nil},
		{"工夫：資料の見直し", nil},
		{"続柄：本人", nil},
		{"続柄：世帯主 氏名：山田太郎", nil},
		{"扶養家族：2名", nil},
		{"扶養家族：あり", nil},
		{"配偶者：有", nil},
		{"配偶者：なし", nil},
		{"妻：会社員", nil},
		{"Spouse: N/A", nil},
		{"Spouse: Not Applicable", nil},
		{"Spouse: none", nil},
		{"his son was born in May", nil},
		{"Father's Day sale", nil},
		{"Children: 2", nil},
		{"Mother board: ASUS", nil},
		{"Son: Of A Gun", nil},
		{"person: Jane Doe", nil},
	}
	detectortest.Table(t, det, tests)
}

func TestColumn(t *testing.T) {
	tests := []struct {
		in, column string
		want       []found
	}{
		{"長男", "続柄", []found{{"長男", "長男", RelationConfidence}}},
		{"spouse", "Relationship", []found{{"spouse", "spouse", RelationConfidence}}},
		{"山田花子", "配偶者氏名", []found{{"山田花子", "配偶者:山田花子", FullNameConfidence}}},
		{"Jane Doe", "Spouse Name", []found{{"Jane Doe", "spouse:Jane Doe", LatinConfidence}}},
		{"山田花子（妻）", "扶養家族", []found{{"山田花子(妻)", "妻:山田花子", FullNameConfidence}}},
		{"本人", "続柄", nil},
		{"長男です", "続柄", nil},
		{"山田花子", "氏名", nil},
		{"会社員", "配偶者職業", nil},
	}
	detectortest.Table(t, det, tests)
}

func TestLongText(t *testing.T) {
	in := strings.Repeat("いつもお世話になっております。\n", 200) + "配偶者：山田花子\n" + strings.Repeat("よろしくお願いします。\n", 200)
	got := detectortest.Detect[found](det, in, "body", "")
	if len(got) != 1 || got[0].Value != "配偶者:山田花子" {
		t.Errorf("got %+v", got)
	}
}

func TestAccept(t *testing.T) { detectortest.AcceptExamples(t, det) }

func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetect(f, det, detectortest.Rules{Ordered: true, Valid: func(v, span string) bool {
		return v != "" && !strings.HasSuffix(v, ":")
	}}, [2]string{"長男", "続柄"}, [2]string{"山田花子", "配偶者氏名"}, [2]string{"続柄：長男 氏名：山田一郎", ""})
}

// BenchmarkDetect measures the detector through a Runner and on its own
// (ruletest.Bench).
func BenchmarkDetect(b *testing.B) {
	ruletest.Bench(b, det, ruletest.MailText(8<<20, 200, "配偶者：山田花子", "扶養家族：山田一郎（長男）", "Spouse: Jane Doe"))
}
