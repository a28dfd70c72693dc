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

func (d runnerDetector) Detect(ctx context.Context, text, field string) ([]scanner.Hit, error) {
	res, err := d.r.Run(ctx, text, field)
	hits := make([]scanner.Hit, 0, len(res))
	for _, m := range res {
		hits = append(hits, scanner.Hit{
			Type: m.Type, Detector: m.Detector, Value: m.Value, Masked: detectors.Mask(m.Type, m.Value),
			Confidence: m.Confidence, Start: m.OrigStart, End: m.OrigEnd,
		})
	}
	return hits, err
}
