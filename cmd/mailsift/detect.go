package main

import (
	"context"
	"fmt"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/registry"
	"github.com/mailsift/mailsift/scanner"
)

// runnerDetector adapts the detector registry to the scanner.
type runnerDetector struct{ r *detectors.Runner }

func newDetector() (scanner.Detector, error) {
	r, err := detectors.NewRunner(registry.Default(), detectors.Options{})
	if err != nil {
		return nil, fmt.Errorf("detectors: %w", err)
	}
	return runnerDetector{r}, nil
}

// ocrFactor lowers the confidence of findings in OCR text: characters
// read from pixels are often wrong. MRZ lines carry check digits, so their
// findings keep theirs.
const ocrFactor = 0.8

func (d runnerDetector) Detect(ctx context.Context, in scanner.Input) ([]scanner.Hit, error) {
	t := detectors.Normalize(in.Text)
	t.Field = in.Field
	if in.Column != "" {
		t.Column = detectors.Normalize(in.Column).Norm
	}
	res, err := d.r.RunText(ctx, t)
	hits := make([]scanner.Hit, 0, len(res))
	for _, m := range res {
		conf := m.Confidence
		if in.OCR && m.Detector != "mrz" {
			conf *= ocrFactor
		}
		hits = append(hits, scanner.Hit{
			Type: m.Type, Detector: m.Detector, Value: m.Value, Masked: detectors.Mask(m.Type, m.Value),
			Confidence: conf, Start: m.OrigStart, End: m.OrigEnd,
		})
	}
	return hits, err
}

// noDetector finds nothing: --ingest-only measures reading and decoding.
type noDetector struct{}

func (noDetector) Detect(context.Context, scanner.Input) ([]scanner.Hit, error) { return nil, nil }
