package scanner

import (
	"context"
	"errors"
	"fmt"
	"image"

	"github.com/mailsift/mailsift/detectors"
)

// NewDetector returns the Detector that runs dets (a detectors.Runner) on
// every text: the text and its column header are normalized, OCR text is
// marked so that the Runner lowers the confidence of what it finds there,
// and hits carry masked values and offsets into the original text.
func NewDetector(dets []detectors.Detector) (Detector, error) {
	r, err := detectors.NewRunner(dets, detectors.Options{})
	if err != nil {
		return nil, err
	}
	return runnerDetector{r}, nil
}

type runnerDetector struct{ r *detectors.Runner }

func (d runnerDetector) Detect(ctx context.Context, in Input) ([]Hit, error) {
	t := detectors.Normalize(in.Text)
	t.Field = in.Field
	t.OCR = in.OCR
	if in.Column != "" {
		t.Column = detectors.Normalize(in.Column).Norm
	}
	res, err := d.r.RunText(ctx, t)
	hits := make([]Hit, 0, len(res))
	for _, m := range res {
		hits = append(hits, Hit{
			Type: m.Type, Detector: m.Detector, Value: m.Value, Masked: detectors.Mask(m.Type, m.Value),
			Confidence: m.Confidence, Start: m.OrigStart, End: m.OrigEnd, Scope: m.Scope,
		})
	}
	return hits, err
}

// NoDetector returns a Detector that finds nothing: for measuring reading
// and decoding alone (--ingest-only).
func NoDetector() Detector { return noDetector{} }

type noDetector struct{}

func (noDetector) Detect(context.Context, Input) ([]Hit, error) { return nil, nil }

// NewImageDetector returns the ImageDetector that runs every one of ds on
// a picture and joins their errors; a hit's context is the detector's
// Detail.
func NewImageDetector(ds ...detectors.ImageDetector) ImageDetector { return imageDetectors(ds) }

type imageDetectors []detectors.ImageDetector

func (ds imageDetectors) DetectImage(ctx context.Context, img Image) ([]Hit, error) {
	in := &detectors.Image{Location: img.Location, Name: img.Name, ContentType: img.ContentType, Data: img.Data, Text: img.Text, OCR: img.OCR}
	if img.Pixels != nil {
		in.Decode = func() (image.Image, error) { return img.Pixels.Decode(img.Data) }
	}
	var hits []Hit
	var errs []error
	for _, d := range ds {
		ms, err := d.DetectImage(ctx, in)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", d.Name(), err))
		}
		for _, m := range ms {
			hits = append(hits, Hit{Type: m.Type, Detector: d.Name(), Value: m.Value, Masked: detectors.Mask(m.Type, m.Value),
				Confidence: m.Confidence, Context: m.Detail})
		}
	}
	return hits, errors.Join(errs...)
}
