package extract

import (
	"testing"

	"github.com/mailsift/mailsift/internal/mailgen"
)

// BenchmarkParse decodes the generated mailbox (every charset, transfer
// encoding and structure of the sample, without the hostile cases).
func BenchmarkParse(b *testing.B) {
	c := mailgen.Generate(mailgen.Options{Seed: 1, Messages: 400})
	var size int64
	for _, m := range c.Messages {
		size += int64(len(m.Raw))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range c.Messages {
			Parse(m.Raw, Options{})
		}
	}
	b.ReportMetric(float64(len(c.Messages))*float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}
