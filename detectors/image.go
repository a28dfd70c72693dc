package detectors

import (
	"context"
	"image"
)

// ImageDetector finds personal data shown in a picture: a face
// (face_photo), an identity document (id_document). Unlike text detectors
// it may be slow, so the scanner runs it once per distinct image, under a
// time limit, and it must return when ctx is done. Implementations are
// safe for concurrent use.
type ImageDetector interface {
	Name() string    // unique snake_case, e.g. "face"
	Types() []string // finding types it can emit (see package pii)
	DetectImage(ctx context.Context, img *Image) ([]ImageMatch, error)
}

// Image is a picture taken from a message: an image attachment, a picture
// embedded in a document, a rendered PDF page.
type Image struct {
	Location    string // "attachment:scan.jpg", "attachment:cv.docx/word/media/image1.png"
	Name        string // file name, e.g. "パスポートの写し.jpg" (a signal for id_document)
	ContentType string
	Data        []byte
	// Text is what else the message says (subject and body, possibly
	// truncated) and, when OCR ran, the OCR text of this image: keywords
	// such as 本人確認書類 or 免許証のコピー support an id_document finding.
	Text string
	OCR  string
	// Decode, when set, returns Data's picture, decoded once for every
	// reader of the image (OCR read it before): an image detector calls
	// it instead of decoding Data, after checking the size in the header.
	Decode func() (image.Image, error)
}

// ImageMatch is one finding in an image. Value identifies the image
// (lower-case hex SHA-256 of Data), so the same photo in many messages is
// one item of one person.
type ImageMatch struct {
	Type       string
	Value      string
	Confidence float64 // in (0, 1]
	// Detail says why, for the finding's context (never raw PII):
	// "1 face, q=341", "passport MRZ", "file name 免許証".
	Detail string
}
