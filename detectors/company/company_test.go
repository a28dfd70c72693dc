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

		// Issue 15: 士業 offices, audit firms, associations, names that
		// start with hiragana.
		{"shihoshoshi office", "--\n山田司法書士事務所\n司法書士 山田 花子\nTEL: 03-1234-5678", "", []found{{"山田司法書士事務所", "山田司法書士事務所", SignatureConfidence}}},
		{"sharoushi office", "--\n佐藤社会保険労務士事務所 所長\n佐藤 一郎\nTEL: 03-1234-5678", "", []found{{"佐藤社会保険労務士事務所", "佐藤社会保険労務士事務所", SignatureConfidence}}},
		{"audit firm prefix", "--\n有限責任監査法人サンプル\n公認会計士 山田 花子\nTEL: 03-1234-5678", "", []found{{"有限責任監査法人サンプル", "有限責任監査法人サンプル", SignatureConfidence}}},
		{"translation office", "--\nサンプル翻訳事務所\n大塚 浩二\nE-mail: koji@example.jp\n振込先：三井住友銀行 渋谷支店 普通 1234567", "", []found{{"サンプル翻訳事務所", "サンプル翻訳事務所", SignatureConfidence}}},
		{"association", "--\n日本証券業協会 自主規制本部\n課長補佐 山田 花子\nTEL: 03-1234-5678", "", []found{{"日本証券業協会", "日本証券業協会", SignatureConfidence}}},
		{"hiragana name prefix form", "--\n株式会社みほん物流\n山田 花子\nTEL: 03-1234-5678", "", []found{{"株式会社みほん物流", "株式会社みほん物流", SignatureConfidence}}},
		{"hiragana name in parens", "--\n佐藤 美咲（みらいアセット株式会社）\n携帯 090-1234-5678", "", []found{{"みらいアセット株式会社", "みらいアセット株式会社", SignatureConfidence}}},

		{"bank after label", "--\n大塚 浩二\nE-mail: koji@example.jp\n振込先：三井住友銀行 渋谷支店 普通 1234567", "", nil},
		{"bank in a sentence line", "--\n山田 花子\n【取引銀行】みずほ銀行\nTEL: 03-1234-5678", "", nil},
		{"particle after prefix", "--\n株式会社からの連絡\nTEL: 03-1234-5678", "", nil},
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
