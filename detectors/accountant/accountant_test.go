package accountant

import (
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/rule/ruletest"
)

type found struct {
	Text       string
	Value      string
	Confidence float64
}

func TestDetect(t *testing.T) {
	const (
		label = LabelConfidence
		title = TitleConfidence
	)
	tests := []struct {
		name, in, column string
		want             []found
	}{
		{"signature", "公認会計士 山田太郎（登録番号 第12345号）", "", []found{{"12345", "12345", label}}},
		{"compound label", "公認会計士登録番号：34567", "", []found{{"34567", "34567", label}}},
		{"tax accountant", "税理士 佐藤花子 登録番号 123456", "", []found{{"123456", "123456", label}}},
		{"title", "公認会計士（第２３４５６号）", "", []found{{"23456", "23456", title}}},
		{"title with spaces", "公認会計士 第 23456 号", "", []found{{"23456", "23456", title}}},
		{"english", "Certified Public Accountant, Registration No. 23456", "", []found{{"23456", "23456", label}}},
		{"profession after", "登録番号：45678\n公認会計士・税理士 鈴木一郎", "", []found{{"45678", "45678", label}}},
		{"leading zeros", "JICPA 登録番号 012345", "", []found{{"012345", "12345", label}}},
		{"column", "34567", "公認会計士登録番号", []found{{"34567", "34567", label}}},
		// Issue 15: signatures and other ways of writing the label.
		{"signature, label far below the title", "山田 太郎\n公認会計士・税理士\nサンプル会計事務所\n〒100-0001 東京都千代田区千代田1-1 サンプルビル5階\nTEL: 03-1234-5678 / FAX: 03-1234-5679\n登録番号: 12345", "", []found{{"12345", "12345", label}}},
		{"accountant number", "公認会計士番号 12345", "", []found{{"12345", "12345", label}}},
		{"tax accountant number", "税理士番号：123456", "", []found{{"123456", "123456", label}}},
		{"cpa no", "CPA No. 12345", "", []found{{"12345", "12345", label}}},
		{"registration no with a space", "公認会計士 山田太郎（登録 No.12345）", "", []found{{"12345", "12345", label}}},
		{"name and title", "公認会計士 山田太郎（第12345号）", "", []found{{"12345", "12345", title}}},
		{"name with a space and title", "公認会計士 山田 太郎 (第12345号)", "", []found{{"12345", "12345", title}}},

		{"no profession", "登録番号 12345", "", nil},
		{"column without profession", "12345", "登録番号", nil},
		{"no label", "公認会計士 山田 12345", "", nil},
		{"law article", "公認会計士法第2条第1項", "", nil},
		{"agenda", "公認会計士 第123号議案", "", nil},
		{"form", "公認会計士 第123号様式", "", nil},
		{"words between", "公認会計士試験合格者 第123号", "", nil},
		{"short title", "公認会計士 第12号", "", nil},
		{"member number", "公認会計士 山田太郎 会員番号 12345", "", nil},
		{"office address", "公認会計士事務所 〒100-0001 東京都千代田区1-2-3 TEL 03-1234-5678", "", nil},
		{"invoice number", "税理士法人 登録番号 T1234567890123", "", nil},
		{"corporate number", "税理士法人 法人番号 1234567890123", "", nil},
		{"date", "公認会計士 山田 2024年5月2日", "", nil},
		{"lawyer label", "弁護士登録番号 12345（公認会計士事務所と提携）", "", nil},
		{"lawyer nearer", "公認会計士と提携する弁護士 登録番号 12345", "", nil},
		{"seven digits", "公認会計士 登録番号 1234567", "", nil},
		{"zero", "公認会計士 登録番号 000", "", nil},
		{"trademark", "公認会計士 商標登録第12345号", "", nil},
		{"far, after a blank line", "公認会計士 山田太郎\nサンプル会計事務所\n〒100-0001 東京都千代田区千代田1-1 サンプルビル5階\nTEL: 03-1234-5678\n\nお客様ID・登録番号 12345 のご確認をお願いします。", "", nil},
		{"far member number", "公認会計士 山田太郎\nサンプル会計事務所\n〒100-0001 東京都千代田区千代田1-1 サンプルビル5階\nTEL: 03-1234-5678\n会員登録番号 12345", "", nil},
		{"far invoice number", "税理士 山田太郎\nサンプル税理士事務所\n〒100-0001 東京都千代田区千代田1-1 サンプルビル5階\nTEL: 03-1234-5678\n適格請求書発行事業者登録番号 T1234567890123", "", nil},
		{"lawyer in the block", "公認会計士 山田太郎\nサンプル会計事務所\n提携 弁護士 鈴木一郎\n登録番号 12345", "", nil},
		{"exam passer in parentheses", "公認会計士 試験合格者（第123号）", "", nil},
		{"postcode after the label", "公認会計士 山田太郎 登録番号 〒123-4567", "", nil},
		{"amount", "公認会計士事務所 お見積り 12,345円", "", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestConformance(t *testing.T) { detectortest.AcceptExamples(t, New()) }

func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetectChunked(f, New(), detectortest.Rules{Valid: func(v, _ string) bool {
		return len(v) <= maxDigits && v[0] != '0' && len(detectorsDigits(v)) == len(v)
	}}, [2]string{"34567", "公認会計士登録番号"})
}

func detectorsDigits(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			out = append(out, s[i])
		}
	}
	return string(out)
}

func BenchmarkDetect(b *testing.B) {
	text := ruletest.MailText(4<<20, 200,
		"公認会計士 山田太郎（登録番号 第12345号）",
		"公認会計士法第2条第1項に基づき",
		"税理士法人 登録番号 T1234567890123",
	)
	ruletest.Bench(b, New(), text)
}
