package detectortest

import "github.com/mailsift/mailsift/detectors"

// Found is the shape of a match as a detector's test compares it outside a
// table (tables use Table): the normalized text it covers, its value and
// its confidence. Each test package declares its own type of this shape
// (so that it may use unkeyed literals) and passes it to Detect.
type Found interface {
	~struct {
		Text       string
		Value      string
		Confidence float64
	}
}

// Detect normalizes in, sets its field and column, and returns what d
// finds in it (nil for nothing).
func Detect[F Found](d detectors.Detector, in, field, column string) []F {
	tx := detectors.Normalize(in)
	tx.Field, tx.Column = field, column
	var got []F
	for _, m := range d.Detect(tx) {
		got = append(got, F{Text: tx.Norm[m.Start:m.End], Value: m.Value, Confidence: m.Confidence})
	}
	return got
}
