package ruletest

import (
	"context"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/detectortest"
)

// MailText returns about n bytes of mixed Japanese/English mail-like text
// (detectortest.MailText) with one of records, in turn, after every
// every-th line: the PII a detector looks for, at a realistic density.
func MailText(n int, every int, records ...string) string {
	lines := strings.SplitAfter(detectortest.MailText(n), "\n")
	var b strings.Builder
	b.Grow(n + n/every*32)
	k := 0
	for i, l := range lines {
		b.WriteString(l)
		if len(records) > 0 && every > 0 && i%every == every-1 {
			b.WriteString(records[k%len(records)])
			b.WriteByte('\n')
			k++
		}
	}
	return b.String()
}

// Bench measures d on text: "runner" through a Runner (normalization,
// keyword prefilter, chunks), as the scanner calls it, and "detect"
// calling Detect on the normalized text in 1 MiB chunks, which is the
// cost of a text in which the prefilter finds a keyword everywhere.
func Bench(b *testing.B, d detectors.Detector, text string) {
	b.Run("runner", func(b *testing.B) {
		r, err := detectors.NewRunner([]detectors.Detector{d}, detectors.Options{})
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.Run(ctx, text, "body"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("detect", func(b *testing.B) {
		norm := detectors.Normalize(text).Norm
		var chunks []*detectors.Text
		for i := 0; i < len(norm); {
			j := min(i+detectors.DefaultChunkSize, len(norm))
			for j < len(norm) && norm[j]&0xC0 == 0x80 {
				j++
			}
			chunks = append(chunks, &detectors.Text{Norm: norm[i:j], Field: "body"})
			i = j
		}
		b.SetBytes(int64(len(norm)))
		b.ReportAllocs()
		for b.Loop() {
			for _, c := range chunks {
				d.Detect(c)
			}
		}
	})
}
