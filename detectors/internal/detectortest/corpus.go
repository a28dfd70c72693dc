package detectortest

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// MailText returns about n bytes of deterministic mail-like text for
// benchmarks: mostly prose, about two thirds of it Japanese, with the
// numbers and addresses that mail holds: a signature with a phone number
// and an address every few paragraphs, dates, prices, order numbers,
// times and URLs, some of them in full-width characters.
func MailText(n int) string {
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.Grow(n + 1024)
	for i := 0; b.Len() < n; i++ {
		switch k := rng.IntN(20); {
		case k < 11:
			b.WriteString(corpusJA[rng.IntN(len(corpusJA))])
		case k < 17:
			b.WriteString(corpusEN[rng.IntN(len(corpusEN))])
		case k < 19:
			fmt.Fprintf(&b, corpusNumbers[rng.IntN(len(corpusNumbers))], rng.IntN(9000)+1000, rng.IntN(9000)+1000)
		default:
			fmt.Fprintf(&b, corpusSignatures[rng.IntN(len(corpusSignatures))], rng.IntN(9000)+1000, rng.IntN(9000)+1000, i)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

var corpusJA = []string{
	"いつもお世話になっております。株式会社サンプルの田中です。",
	"先日はお忙しいところお時間をいただき、誠にありがとうございました。",
	"ご依頼いただいておりました資料を添付にてお送りいたします。ご確認のほどよろしくお願いいたします。",
	"来週の打ち合わせについて、日程の候補をいくつかお送りしますので、ご都合のよい日時をお知らせください。",
	"本件につきましては、社内で検討のうえ、改めてご連絡させていただきます。",
	"お手数をおかけいたしますが、何卒よろしくお願い申し上げます。",
	"コーヒーブレイクの後、プロジェクトのスケジュールを見直しました。",
	"契約書の内容について、法務部門より以下の点について確認の依頼がありました。",
	"\u3000以上、取り急ぎご報告まで。",
	"ご不明な点がございましたら、お気軽にお問い合わせください。",
}

var corpusEN = []string{
	"Thank you for your email. I have attached the revised proposal for your review.",
	"Could you please confirm whether the meeting on Thursday still works for your team?",
	"As discussed, we will send the final version of the report by the end of next week.",
	"Please let me know if you have any questions or need further information.",
	"> On Monday, the project team reviewed the budget and agreed on the next steps.",
	"Best regards,",
}

var corpusNumbers = []string{
	"日時：2024年5月2日（木）10:00-12:00、場所：本社%d会議室（定員%d名）",
	"ご注文番号 %d-%d-2024 の商品は発送済みです。合計金額は¥12,345（税込）です。",
	"Invoice INV-2024-%d is due on 2024/05/31; the amount is USD %d.00.",
	"詳細は https://www.example.co.jp/news/%d/%d.html をご覧ください。",
	"〒100-0001 東京都千代田区千代田%d-%d",
	"ＴＥＬ：０３－%d－%d（代表）",
}

var corpusSignatures = []string{
	"--\n株式会社サンプル 営業部\n田中 太郎\nTEL: 03-%d-%d / 携帯: 090-1234-5678\nE-mail: taro.tanaka%d@example.co.jp",
	"--\nHanako Yamada\nSample Inc. | Mobile: +81 90 %d %d\nhanako.yamada+%d@example.com",
}
