package registry

import (
	"context"
	"testing"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/detectortest"
)

// benchSize is the size of the generated mail-like text: ~20 MB.
const benchSize = 20 << 20

// BenchmarkRunner runs all registered detectors over ~20 MB of mixed
// Japanese/English mail-like text in one call on one goroutine.
func BenchmarkRunner(b *testing.B) {
	text := detectortest.MailText(benchSize)
	r, err := detectors.NewRunner(Default(), detectors.Options{})
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
}

// BenchmarkRunnerMessages runs the registry over the same text cut into
// 4 KiB message parts, one Run each, as the scanner calls it.
func BenchmarkRunnerMessages(b *testing.B) {
	text := detectortest.MailText(benchSize)
	var parts []string
	for i := 0; i < len(text); {
		j := min(i+4096, len(text))
		for j < len(text) && text[j] != '\n' {
			j++
		}
		parts = append(parts, text[i:j])
		i = j
	}
	r, err := detectors.NewRunner(Default(), detectors.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range parts {
			if _, err := r.Run(ctx, p, "body"); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkDetector runs each detector alone on the normalized text, one
// chunk of 1 MiB at a time as the Runner hands them out.
func BenchmarkDetector(b *testing.B) {
	tx := detectors.Normalize(detectortest.MailText(benchSize))
	var chunks []*detectors.Text
	for i := 0; i < len(tx.Norm); i += detectors.DefaultChunkSize {
		j := min(i+detectors.DefaultChunkSize, len(tx.Norm))
		for j < len(tx.Norm) && tx.Norm[j]&0xC0 == 0x80 {
			j++
		}
		chunks = append(chunks, &detectors.Text{Norm: tx.Norm[i:j], Field: "body"})
		i = j - detectors.DefaultChunkSize
	}
	for _, d := range Default() {
		b.Run(d.Name(), func(b *testing.B) {
			b.SetBytes(int64(len(tx.Norm)))
			b.ReportAllocs()
			for b.Loop() {
				for _, c := range chunks {
					d.Detect(c)
				}
			}
		})
	}
}

// BenchmarkNormalizeMail normalizes the mail-like text.
func BenchmarkNormalizeMail(b *testing.B) {
	text := detectortest.MailText(benchSize)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		detectors.Normalize(text)
	}
}
