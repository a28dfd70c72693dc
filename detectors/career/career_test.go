package career

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/rule/ruletest"
)

type found struct {
	Text, Value string
	Confidence  float64
}

func TestDetect(t *testing.T) {
	const (
		history = HistoryConfidence
		entry   = EntryConfidence
	)
	tests := []struct {
		in   string
		want []found
	}{
		{"【職歴】\n2010年4月 株式会社サンプル 入社\n2015年3月 同社 退社", []found{{
			"2010年4月 株式会社サンプル 入社\n2015年3月 同社 退社", "2010年4月 株式会社サンプル 入社", history}}},
		{"学歴\n平成20年3月　東京都立青山高校 卒業\n平成24年3月　早稲田大学政治経済学部 卒業", []found{{
			"平成20年3月 東京都立青山高校 卒業\n平成24年3月 早稲田大学政治経済学部 卒業", "平成20年3月 東京都立青山高校 卒業", history}}},
		{"略歴：1990年東京大学法学部卒業。同年株式会社サンプル入社。2010年より代表取締役社長。", []found{{
			"1990年東京大学法学部卒業。同年株式会社サンプル入社。2010年より代表取締役社長。", "1990年東京大学法学部卒業。", history}}},
		{"■職務経歴\n2018/04~現在 サンプル銀行 法人営業部", []found{{"2018/04~現在 サンプル銀行 法人営業部", "2018/04~現在 サンプル銀行 法人営業部", entry}}},
		{"経歴：H22.4 サンプル証券(株)入社", []found{{"H22.4 サンプル証券(株)入社", "H22.4 サンプル証券(株)入社", entry}}},
		{"学 歴：令和元年 サンプル大学 卒業", []found{{"令和元年 サンプル大学 卒業", "令和元年 サンプル大学 卒業", entry}}},
		{"1. 学歴・職歴\n\n2001年 サンプル高校 卒業\n2005年 サンプル大学 卒業\n2005年 株式会社サンプル 入社", []found{{
			"2001年 サンプル高校 卒業\n2005年 サンプル大学 卒業\n2005年 株式会社サンプル 入社", "2001年 サンプル高校 卒業", history}}},
		{"職歴\n2010年 株式会社A 入社\n営業として法人顧客を担当\n2015年 株式会社B 入社", []found{{
			"2010年 株式会社A 入社\n営業として法人顧客を担当\n2015年 株式会社B 入社", "2010年 株式会社A 入社", history}}},
		{"【学歴】\n2005年 サンプル大学 卒業\n【職歴】\n2005年 株式会社サンプル 入社", []found{
			{"2005年 サンプル大学 卒業", "2005年 サンプル大学 卒業", entry},
			{"2005年 株式会社サンプル 入社", "2005年 株式会社サンプル 入社", entry}}},
		{"【学歴】\n2005年 サンプル大学 卒業\n【資格】\n2006年 TOEIC 900点 取得", []found{
			{"2005年 サンプル大学 卒業", "2005年 サンプル大学 卒業", entry}}},
		{"EDUCATION\n2005 - 2009  University of Tokyo, B.A. in Economics", []found{{
			"2005 - 2009  University of Tokyo, B.A. in Economics", "2005 - 2009 University of Tokyo, B.A. in Economics", entry}}},
		{"Work Experience:\nApr 2015 - Present  Analyst, Sample Bank Ltd.\n2010 - 2015  Associate, Sample Securities Inc.", []found{{
			"Apr 2015 - Present  Analyst, Sample Bank Ltd.\n2010 - 2015  Associate, Sample Securities Inc.", "Apr 2015 - Present Analyst, Sample Bank Ltd.", history}}},
		{"Biography\nJohn Smith joined Sample Capital in 2005 after graduating from Keio University.", []found{{
			"John Smith joined Sample Capital in 2005 after graduating from Keio University.",
			"John Smith joined Sample Capital in 2005 after graduating fr", entry}}},

		{"沿革\n1990年 株式会社サンプル設立\n2000年 東証一部上場", nil},
		{"【会社沿革】\n2005年4月 大阪支店開設", nil},
		{"職務内容：法人営業（2024年4月より新規事業部に配属）", nil},
		{"【募集要項】\n職務内容：法人営業\n応募資格：2024年3月以降に大学を卒業された方", nil},
		{"応募資格：学歴不問", nil},
		{"学歴：不問", nil},
		{"学歴：2025年3月に大学卒業見込みの方", nil},
		{"・職歴：営業経験3年以上", nil},
		{"職歴の長い社員が担当します。2010年に入社しました。", nil},
		{"彼の経歴は2010年に株式会社Aに入社したところから始まる", nil},
		{"経歴：特になし", nil},
		{"職歴\n営業、企画", nil},
		{"学歴\n\n\n2005年 サンプル大学 卒業", nil},
		{"Education: we offer training programs in 2024", nil},
		{"Career opportunities at Sample Inc. since 2010", nil},
		{"Careers: join Sample Inc. in 2024", nil},
		{"Educational seminars: 2024 at Sample University", nil},
		{"経歴\nTEL 03-2010-5678 株式会社サンプル", nil},
		{"職歴\n株式会社サンプル\n株式会社テスト\n株式会社その他\n2010年 株式会社A 入社", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestColumn(t *testing.T) {
	tests := []struct {
		in, column string
		want       []found
	}{
		{"2010年 株式会社サンプル 入社", "職歴", []found{{"2010年 株式会社サンプル 入社", "2010年 株式会社サンプル 入社", ColumnConfidence}}},
		{" 東京大学 経済学部 卒業 ", "最終学歴", []found{{"東京大学 経済学部 卒業", "東京大学 経済学部 卒業", UndatedColumnConfidence}}},
		{"Keio University", "Education", []found{{"Keio University", "Keio University", UndatedColumnConfidence}}},
		{"なし", "職歴", nil},
		{"営業", "職歴", nil},
		{"2010年 株式会社サンプル 入社", "備考", nil},
		{"学歴不問（大学卒業者歓迎）", "学歴", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestLongEntry(t *testing.T) {
	in := "略歴：1990年" + strings.Repeat("東京大学", 200) + "卒業"
	ms := detectortest.Detect[found](New(), in, "body", "")
	if len(ms) != 1 || len(ms[0].Text) > maxLen || utf8.RuneCountInString(ms[0].Value) != MaxValueRunes {
		t.Errorf("got %+v, want one match of at most %d bytes, value of %d runes", ms, maxLen, MaxValueRunes)
	}
}

func TestHasDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		same bool
		want bool
	}{
		{"2010年4月", false, true}, {"1999", false, true}, {"2005 - 2009", false, true}, {"平成22年", false, true},
		{"令和元年", false, true}, {"昭和六十年", false, true}, {"H22.4", false, true}, {"S60年", false, true},
		{"同年", true, true}, {"同年", false, false}, {"12345", false, false}, {"1800年", false, false},
		{"03-2010-5678", false, false}, {"HTTP2.0", false, false}, {"3年", false, false},
	} {
		if got := hasDate(tt.in, tt.same); got != tt.want {
			t.Errorf("hasDate(%q, %v) = %v, want %v", tt.in, tt.same, got, tt.want)
		}
	}
}

func TestAccept(t *testing.T) { detectortest.AcceptExamples(t, New()) }

func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetect(f, New(), detectortest.Rules{Ordered: true, Valid: func(v, span string) bool {
		return utf8.RuneCountInString(v) <= MaxValueRunes
	}}, [2]string{"2010年 株式会社サンプル 入社", "職歴"}, [2]string{"職歴\n2010年 株式会社A 入社\n\n2011年 B大学 卒業", ""})
}

// BenchmarkDetect measures the detector through a Runner and on its own
// (ruletest.Bench).
func BenchmarkDetect(b *testing.B) {
	ruletest.Bench(b, New(), ruletest.MailText(8<<20, 200,
		"【職歴】\n2010年4月 株式会社サンプル 入社\n2015年3月 同社 退社", "Education\n2005 - 2009 University of Tokyo"))
}
