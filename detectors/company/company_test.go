package company

import (
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
)

// found is a match as the tests compare it. A company's value is the text
// of its span, as found (Text and Value are the same).
type found struct {
	Text, Value string
	Confidence  float64
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, in, column string
		want             []found
	}{
		{"signature ja", "--\n株式会社サンプル 営業部\n田中 太郎\nTEL: 03-1234-5678", "", []found{{"株式会社サンプル", "株式会社サンプル", SignatureConfidence}}},
		{"signature suffix", "--\nサンプル商事株式会社\n田中 太郎\nTEL: 03-1234-5678", "", []found{{"サンプル商事株式会社", "サンプル商事株式会社", SignatureConfidence}}},
		{"signature kabu", "--\n㈱サンプル　田中\nTEL：03-1234-5678", "", []found{{"(株)サンプル", "(株)サンプル", SignatureConfidence}}},
		{"signature en", "Best regards,\nJohn Smith\nSales Manager | Sample Trading Co., Ltd.\nMobile: +81 90 1234 5678", "", []found{{"Sample Trading Co., Ltd.", "Sample Trading Co., Ltd.", SignatureConfidence}}},
		{"signature bank", "━━━━\nみずほ銀行 渋谷支店\n鈴木 一郎\nTEL：03-1234-5678\n━━━━", "", []found{{"みずほ銀行", "みずほ銀行", SignatureConfidence}}},
		{"label", "会社名：一般社団法人サンプル協会", "", []found{{"一般社団法人サンプル協会", "一般社団法人サンプル協会", LabelConfidence}}},
		{"label en", "Company: Acme Widgets Inc.", "", []found{{"Acme Widgets Inc.", "Acme Widgets Inc.", LabelConfidence}}},
		{"column legal", "株式会社サンプル", "勤務先", []found{{"株式会社サンプル", "株式会社サンプル", LabelConfidence}}},
		{"column plain", "サンプル商店", "会社名", []found{{"サンプル商店", "サンプル商店", ColumnConfidence}}},

		{"prose", "株式会社サンプルの新製品が発売されました。", "", nil},
		{"prose en", "Sample Inc. announced record profits this quarter.", "", nil},
		{"bank prose", "銀行の営業時間は15時までです。", "", nil},
		{"label no value", "会社名を入力してください", "", nil},
		{"no person context", "株式会社サンプル\n営業部", "", nil},
		{"email domain", "E-mail: taro@example.co.jp", "", nil},
		{"column number", "12345", "会社名", nil},
		{"other column", "株式会社サンプル", "備考", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestAccept(t *testing.T) { detectortest.AcceptExamples(t, New()) }

func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetect(f, New(), detectortest.Rules{Valid: func(v, span string) bool { return v == span }},
		[2]string{"株式会社", "会社名"})
}
