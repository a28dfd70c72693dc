package iddoc

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	_ "image/gif" // the formats of mail pictures, for their size
	_ "image/jpeg"
	_ "image/png"
	"math"
	"strings"
	"unicode"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/mrz"
	"github.com/mailsift/mailsift/pii"
)

// Threshold is the confidence from which a picture is reported.
const Threshold = 0.5

// Detector decides from three kinds of evidence whether a picture is an
// identity document, and reports one id_document match when their
// combined confidence reaches Threshold:
//
//   - its OCR text: a machine-readable zone whose check digits pass (a
//     passport, ID card or visa, near-certain), or the document's title
//     (運転免許証, 在留カード, PASSPORT …) together with the labels of its
//     fields (氏名, 生年月日, 公安委員会, Date of birth …); a title alone is
//     not enough, as flyers and notices print it too;
//   - its file name: パスポートの写し.jpg, 免許証.jpg, passport.png;
//   - what the message says: 本人確認書類, 免許証のコピー, copy of my
//     passport — counted only for pictures of document size and shape,
//     not logos, banners or icons.
//
// Evidence combines as independent: 1 − Π(1 − pᵢ), with the strongest
// item of each kind. It is pure and safe for concurrent use.
type Detector struct{}

// New returns an identity-document detector.
func New() *Detector { return &Detector{} }

// Name implements detectors.ImageDetector.
func (*Detector) Name() string { return "id_document" }

// Types implements detectors.ImageDetector.
func (*Detector) Types() []string { return []string{pii.IDDocument} }

// DetectImage implements detectors.ImageDetector.
func (d *Detector) DetectImage(ctx context.Context, img *detectors.Image) ([]detectors.ImageMatch, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	conf, why := d.Assess(img)
	if conf < Threshold {
		return nil, nil
	}
	sum := sha256.Sum256(img.Data)
	return []detectors.ImageMatch{{
		Type:       pii.IDDocument,
		Value:      hex.EncodeToString(sum[:]),
		Confidence: conf,
		Detail:     strings.Join(why, "; "),
	}}, nil
}

// Evidence is one reason to take a picture for an identity document.
type Evidence struct {
	Source string  // "ocr", "file name", "message"
	What   string  // what was seen, never personal data: "passport MRZ", "運転免許証 + 3 field labels"
	P      float64 // how sure it alone makes us
}

// Assess returns the combined confidence that img is an identity
// document and the reasons, strongest first.
func (*Detector) Assess(img *detectors.Image) (float64, []string) {
	var ev []Evidence
	if e, ok := fromOCR(img.OCR); ok {
		ev = append(ev, e)
	}
	if e, ok := fromName(img.Name); ok {
		ev = append(ev, e)
	}
	if e, ok := fromMessage(img.Text); ok && documentShaped(img.Data) {
		ev = append(ev, e)
	}
	miss := 1.0
	var why []string
	for _, e := range sortEvidence(ev) {
		miss *= 1 - e.P
		why = append(why, e.Source+": "+e.What)
	}
	return math.Min(0.99, 1-miss), why
}

func sortEvidence(ev []Evidence) []Evidence {
	for i := 1; i < len(ev); i++ {
		for j := i; j > 0 && ev[j].P > ev[j-1].P; j-- {
			ev[j], ev[j-1] = ev[j-1], ev[j]
		}
	}
	return ev
}

// Evidence weights.
const (
	pMRZ      = 0.97 // check digits passed
	pTitle    = 0.45 // a document title, alone: below Threshold
	pPerLabel = 0.15 // each field label with a title, up to maxLabels
	maxLabels = 3
)

// fromOCR weighs the OCR text of the picture.
func fromOCR(text string) (Evidence, bool) {
	if strings.TrimSpace(text) == "" {
		return Evidence{}, false
	}
	for _, doc := range mrz.Parse(detectors.Normalize(text).Norm) {
		kind := "ID card"
		switch {
		case doc.IsPassport():
			kind = "passport"
		case strings.HasPrefix(doc.Code, "V"):
			kind = "visa"
		}
		return Evidence{"ocr", kind + " MRZ", pMRZ}, true
	}
	s := squash(text)
	title := ""
	for _, t := range titles {
		if strings.Contains(s, t) {
			title = t
			break
		}
	}
	if title == "" {
		return Evidence{}, false
	}
	n := 0
	for _, l := range labels {
		if strings.Contains(s, l) {
			n++
		}
	}
	p := pTitle + pPerLabel*float64(min(n, maxLabels))
	return Evidence{"ocr", fmt.Sprintf("%s + %d field labels", title, n), p}, true
}

// fromName weighs the file name.
func fromName(name string) (Evidence, bool) {
	s := squash(name)
	best := Evidence{}
	for _, k := range nameWords {
		if strings.Contains(s, k.word) && k.p > best.P {
			best = Evidence{"file name", k.word, k.p}
		}
	}
	return best, best.P > 0
}

// fromMessage weighs the message text around the picture.
func fromMessage(text string) (Evidence, bool) {
	if text == "" {
		return Evidence{}, false
	}
	s := squash(text)
	best := Evidence{}
	for _, k := range messagePhrases {
		if strings.Contains(s, k.word) && k.p > best.P {
			best = Evidence{"message", k.word, k.p}
		}
	}
	if best.P == 0 {
		return best, false
	}
	for _, v := range attachVerbs {
		if strings.Contains(s, v) {
			best.P += pAttached
			best.What += " (attached)"
			break
		}
	}
	return best, true
}

// pAttached is added when the message says it sends something.
const pAttached = 0.1

// documentShaped reports whether the picture has the size and shape of a
// document scan or photo: at least 300×180 pixels and an aspect ratio
// within 1:2.5, which leaves out logos, banners, icons and spacers.
func documentShaped(data []byte) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return false
	}
	w, h := cfg.Width, cfg.Height
	long, short := max(w, h), min(w, h)
	return short >= 180 && long >= 300 && float64(long) <= 2.5*float64(short)
}

// squash normalizes text for keyword search: NFKC, lower case, without
// blanks, '_', '-' and '.', so that OCR's letter-spacing ("運 転 免 許 証"),
// file-name separators (drivers_license) and line breaks do not matter.
func squash(s string) string {
	s = detectors.Normalize(s).Norm
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r), r == '_', r == '-', r == '.', r == '・':
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}
