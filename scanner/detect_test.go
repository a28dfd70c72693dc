package scanner

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/pii"
)

// needleDetector reports every needle in the normalized text as an e-mail
// address and records the Field and Column it was given.
type needleDetector struct {
	name, needle  string
	field, column *string
}

func (d needleDetector) Name() string       { return d.name }
func (d needleDetector) Types() []string    { return []string{pii.Email} }
func (d needleDetector) Keywords() []string { return nil }
func (d needleDetector) MaxLen() int        { return len(d.needle) }

func (d needleDetector) Detect(t *detectors.Text) []detectors.Match {
	*d.field, *d.column = t.Field, t.Column
	var ms []detectors.Match
	for i := 0; ; {
		j := strings.Index(t.Norm[i:], d.needle)
		if j < 0 {
			return ms
		}
		ms = append(ms, detectors.Match{Type: pii.Email, Start: i + j, End: i + j + len(d.needle), Value: d.needle, Confidence: 0.5})
		i += j + len(d.needle)
	}
}

// checkDigits is a needleDetector whose matches OCR cannot get wrong.
type checkDigits struct{ needleDetector }

func (checkDigits) OCRProof() {}

func TestDetectorAdaptsTheRunner(t *testing.T) {
	var field, column, field2, column2 string
	det, err := NewDetector([]detectors.Detector{
		needleDetector{name: "plain", needle: "taro@example.jp", field: &field, column: &column},
		checkDigits{needleDetector{name: "proof", needle: "hanako@example.jp", field: &field2, column: &column2}},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Full-width letters before the values: normalized offsets differ from
	// the original ones, which hits must carry.
	text := "ＴＥＬ　taro@example.jp hanako@example.jp"
	a := strings.Index(text, "taro")
	b := strings.Index(text, "hanako")
	for _, ocr := range []bool{false, true} {
		hits, err := det.Detect(context.Background(), Input{Text: text, Field: "attachment:a.xlsx#S!B2", Column: "ｍａｉｌ", OCR: ocr})
		if err != nil {
			t.Fatal(err)
		}
		plain := 0.5
		if ocr {
			plain *= detectors.OCRFactor
		}
		want := []Hit{
			{Type: pii.Email, Detector: "plain", Value: "taro@example.jp", Masked: detectors.Mask(pii.Email, "taro@example.jp"),
				Confidence: plain, Start: a, End: a + len("taro@example.jp")},
			{Type: pii.Email, Detector: "proof", Value: "hanako@example.jp", Masked: detectors.Mask(pii.Email, "hanako@example.jp"),
				Confidence: 0.5, Start: b, End: b + len("hanako@example.jp")},
		}
		if diff := cmp.Diff(want, hits); diff != "" {
			t.Errorf("ocr=%v: hits (-want +got)\n%s", ocr, diff)
		}
		if field != "attachment:a.xlsx#S!B2" || column != "mail" {
			t.Errorf("detector saw field %q column %q, want the input's, column normalized", field, column)
		}
	}
	if _, err := NewDetector([]detectors.Detector{needleDetector{name: "Not Snake", needle: "x", field: &field, column: &column}}); err == nil {
		t.Error("NewDetector accepted a detector the Runner refuses")
	}
}

func TestNoDetectorFindsNothing(t *testing.T) {
	if hits, err := NoDetector().Detect(context.Background(), Input{Text: "taro@example.jp"}); hits != nil || err != nil {
		t.Errorf("%v %v", hits, err)
	}
}

// fakeImage reports a face in every picture, or fails.
type fakeImage struct {
	name string
	err  error
	got  *detectors.Image
}

func (d *fakeImage) Name() string    { return d.name }
func (d *fakeImage) Types() []string { return []string{pii.FacePhoto} }
func (d *fakeImage) DetectImage(_ context.Context, img *detectors.Image) ([]detectors.ImageMatch, error) {
	d.got = img
	if d.err != nil {
		return nil, d.err
	}
	return []detectors.ImageMatch{{Type: pii.FacePhoto, Value: "0123456789abcdef", Confidence: 0.7, Detail: "1 face"}}, nil
}

func TestImageDetectorRunsEveryDetector(t *testing.T) {
	ok := &fakeImage{name: "face"}
	bad := &fakeImage{name: "broken", err: errors.New("cannot decode")}
	det := NewImageDetector(ok, bad)
	img := Image{Location: "attachment:a.jpg", Name: "a.jpg", ContentType: "image/jpeg", Data: []byte("jpeg"), Text: "本人確認書類", OCR: "MRZ"}
	hits, err := det.DetectImage(context.Background(), img)
	want := []Hit{{Type: pii.FacePhoto, Detector: "face", Value: "0123456789abcdef", Masked: detectors.Mask(pii.FacePhoto, "0123456789abcdef"),
		Confidence: 0.7, Context: "1 face"}}
	if diff := cmp.Diff(want, hits); diff != "" {
		t.Errorf("hits (-want +got)\n%s", diff)
	}
	if err == nil || !strings.Contains(err.Error(), "broken: cannot decode") {
		t.Errorf("err = %v, want the failing detector's error, named", err)
	}
	in := detectors.Image{Location: img.Location, Name: img.Name, ContentType: img.ContentType, Data: img.Data, Text: img.Text, OCR: img.OCR}
	for _, d := range []*fakeImage{ok, bad} {
		if d.got == nil || !cmp.Equal(*d.got, in) {
			t.Errorf("%s got %+v, want %+v", d.name, d.got, in)
		}
	}
}
