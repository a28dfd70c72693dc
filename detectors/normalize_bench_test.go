package detectors

import (
	"strings"
	"testing"
)

var (
	benchJapanese = strings.Repeat("お世話になっております。株式会社サンプルの田中です。先日のお打ち合わせの件、コーヒーを飲みながら検討いたしました。（株）ＡＢＣ　ＴＥＬ：０３－１２３４－５６７８\n", 4000)
	benchPlainJP  = strings.Repeat("お世話になっております。株式会社サンプルの田中です。先日のお打ち合わせの件、コーヒーを飲みながら検討いたしました。\n", 4000)
	benchASCII    = strings.Repeat("Thank you for your message. Please call me at 03-1234-5678 or write to taro@example.jp.\n", 4000)
)

func benchmarkNormalize(b *testing.B, s string) {
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Normalize(s)
	}
}

// BenchmarkNormalizeJapanese: Japanese prose with full-width ASCII and
// ideographic spaces in every line, so the output is rebuilt.
func BenchmarkNormalizeJapanese(b *testing.B) { benchmarkNormalize(b, benchJapanese) }

// BenchmarkNormalizeJapaneseUnchanged: Japanese prose NFKC leaves alone.
func BenchmarkNormalizeJapaneseUnchanged(b *testing.B) { benchmarkNormalize(b, benchPlainJP) }

func BenchmarkNormalizeASCII(b *testing.B) { benchmarkNormalize(b, benchASCII) }
