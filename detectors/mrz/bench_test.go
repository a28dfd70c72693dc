package mrz

import (
	"context"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/detectortest"
)

// benchText is about 4 MB of mixed Japanese/English mail with a passport
// MRZ every ~200 KB.
func benchText() string {
	var b strings.Builder
	zone := td3("P", "JPN", "TANAKA", "TARO", "TR8765432", "JPN", "851224", "M", "290630", "")
	for b.Len() < 4<<20 {
		b.WriteString(detectortest.MailText(200 << 10))
		b.WriteString("\n旅券の写し:\n" + zone + "\n")
	}
	return b.String()
}

// BenchmarkRunner is the detector as the scanner runs it: the keyword
// prefilter lets it see only the chunks with "<<".
func BenchmarkRunner(b *testing.B) {
	text := benchText()
	r, err := detectors.NewRunner([]detectors.Detector{New()}, detectors.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.Run(context.Background(), text, "body"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDetect is the worst case: Detect over all the text, as if
// every chunk held a keyword.
func BenchmarkDetect(b *testing.B) {
	tx := detectors.Normalize(benchText())
	d := New()
	b.SetBytes(int64(len(tx.Norm)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if ms := d.Detect(tx); len(ms) == 0 {
			b.Fatal("no match")
		}
	}
}
