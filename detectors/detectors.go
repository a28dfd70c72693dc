package detectors

// Detector finds one kind of personal data in normalized text. Detectors
// are pure (no I/O) and safe for concurrent use.
//
// A detector's decision about a match may depend on the text up to
// MaxContext bytes before and after the match, but no further: the Runner
// relies on that to split long text into overlapping chunks without
// losing, duplicating or changing any match. For the same reason, when a
// detector has keywords, one of them must occur within MaxContext bytes of
// every match it reports.
type Detector interface {
	Name() string       // unique snake_case, e.g. "email"
	Types() []string    // finding types it can emit (see package pii)
	Keywords() []string // lower-case prefilter keywords; nil/empty = run on every text
	MaxLen() int        // longest match in bytes, for chunk overlap
	Detect(t *Text) []Match
}

// Match is one finding reported by a Detector.
type Match struct {
	Type       string  // one of the detector's Types
	Start, End int     // byte offsets in t.Norm
	Value      string  // normalized value (interface.md "Normalized forms")
	Confidence float64 // in (0, 1]
	// Scope says whose a phone number or postal address is, when the text
	// says so: ScopePersonal (携帯, 自宅, Home, an application form) or
	// ScopeBusiness (代表, 勤務先, Office, a company's signature block).
	// "" is unknown, and the only value of other types.
	Scope string
}

// The scopes of a Match.
const (
	ScopePersonal = "personal"
	ScopeBusiness = "business"
)

// MaxContext is how many bytes of text on each side of a match a detector
// may look at (context keywords, token boundaries). It covers a 300-rune
// keyword window of Japanese text.
const MaxContext = 1024

// Examples are a detector's own true positives and hard negatives, in the
// spirit of gitleaks rules: texts as they appear in mail (before
// normalization). Every positive must yield at least one match and no
// negative may yield any.
type Examples struct {
	Positives []string
	Negatives []string
}

// Exampler is implemented by detectors that carry their own Examples. The
// registry test requires it of every registered detector and runs the
// conformance suite (package detectortest) over them.
type Exampler interface {
	Examples() Examples
}

// OCRFactor scales the confidence of matches in OCR text (Text.OCR):
// characters read from pixels are often wrong.
const OCRFactor = 0.8

// OCRProof is implemented by detectors whose matches keep their confidence
// in OCR text: they read a zone made for OCR in which check digits cover
// every field (a passport's MRZ), so a misread fails the check instead of
// giving a wrong value.
type OCRProof interface {
	OCRProof()
}
