package rule

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/pii"
)

// Rule is a detector as data (style.md habit 4): Scan proposes candidate
// spans of the normalized text, Validate checks one and gives its
// normalized value, Context weighs the words around it and sets the
// confidence, and Also lists further contexts that must all agree.
type Rule struct {
	Name string // detector name, snake_case
	Type string // finding type, one of pii.Names()
	// Keywords are the Runner's prefilter keywords, lower-case. When the
	// rule reports nothing without a context word, they must include every
	// support word of Context (the Runner's contract: a keyword within
	// MaxContext bytes of every match). nil: the rule runs on every text.
	Keywords []string
	MaxLen   int // longest candidate in bytes
	Scan     Scanner
	// Validate checks the candidate text and returns its normalized value
	// and a strength in (0, 1] that scales the confidence (1 for a
	// candidate that passed every check, less for one whose only check is
	// soft), or ok false to drop it.
	Validate func(cand string) (value string, strength float64, ok bool)
	Context  Context
	// Also are further contexts that must each find a support word (at any
	// distance within their window) or the candidate is dropped; a veto
	// word nearer than their support word drops it too.
	Also     []Context
	Examples detectors.Examples
}

// Scanner calls yield with the candidate spans [start, end) of s in order,
// and stops when yield returns false.
type Scanner func(s string, yield func(start, end int) bool)

// Sentinel errors of New.
var (
	ErrIncomplete = errors.New("rule: incomplete rule")
	ErrKeywords   = errors.New("rule: context word is not a prefilter keyword")
)

// Detector is a detectors.Detector built from a Rule. It is read-only
// after New and safe for concurrent use.
type Detector struct {
	r Rule
}

// New returns the detector for r. It checks that r is complete and, when
// r needs a context word to report anything, that each of its support
// words contains a prefilter keyword.
func New(r Rule) (*Detector, error) {
	switch {
	case r.Name == "" || r.Type == "" || r.MaxLen <= 0 || r.Scan == nil || r.Validate == nil || r.Context.Support == nil:
		return nil, fmt.Errorf("rule %q: %w", r.Name, ErrIncomplete)
	case !pii.Known(r.Type):
		return nil, fmt.Errorf("rule %q: unknown type %q: %w", r.Name, r.Type, ErrIncomplete)
	}
	if err := CheckKeywords(r.Name, r.Keywords, r.Context); err != nil {
		return nil, err
	}
	r.Keywords = slices.Clone(r.Keywords)
	return &Detector{r: r}, nil
}

// CheckKeywords reports an error wrapping ErrKeywords when c reports
// nothing without a support word (NoneConfidence 0) and one of its support
// words holds none of the prefilter keywords: then the Runner could skip a
// text in which the rule would report a match.
func CheckKeywords(name string, keywords []string, c Context) error {
	if len(keywords) == 0 || c.NoneConfidence > 0 || c.Support == nil {
		return nil
	}
	for _, w := range c.Support.List() {
		if !slices.ContainsFunc(keywords, func(kw string) bool { return containsFold(w, kw) }) {
			return fmt.Errorf("rule %q: support word %q: %w", name, w, ErrKeywords)
		}
	}
	return nil
}

// Must is New for rules known to be valid; it panics on an error.
func Must(r Rule) *Detector {
	d, err := New(r)
	if err != nil {
		panic(err)
	}
	return d
}

// Name implements detectors.Detector.
func (d *Detector) Name() string { return d.r.Name }

// Types implements detectors.Detector.
func (d *Detector) Types() []string { return []string{d.r.Type} }

// Keywords implements detectors.Detector.
func (d *Detector) Keywords() []string { return slices.Clone(d.r.Keywords) }

// MaxLen implements detectors.Detector.
func (d *Detector) MaxLen() int { return d.r.MaxLen }

// Examples implements detectors.Exampler.
func (d *Detector) Examples() detectors.Examples { return d.r.Examples }

// Detect implements detectors.Detector.
func (d *Detector) Detect(t *detectors.Text) []detectors.Match {
	var ms []detectors.Match
	d.r.Scan(t.Norm, func(start, end int) bool {
		if end-start > d.r.MaxLen {
			return true
		}
		if m, ok := d.Judge(t, start, end); ok {
			ms = append(ms, m)
		}
		return true
	})
	return ms
}

// Judge validates the candidate t.Norm[start:end] and weighs its context;
// it is Detect for one candidate, for detectors that wrap a rule.
func (d *Detector) Judge(t *detectors.Text, start, end int) (detectors.Match, bool) {
	value, strength, ok := d.r.Validate(t.Norm[start:end])
	if !ok || value == "" {
		return detectors.Match{}, false
	}
	ev := d.r.Context.Judge(t, start, end)
	conf := d.r.Context.Confidence(ev) * min(strength, 1)
	if conf <= 0 {
		return detectors.Match{}, false
	}
	for i := range d.r.Also {
		if e := d.r.Also[i].Judge(t, start, end); e.Vetoed || !e.Support {
			return detectors.Match{}, false
		}
	}
	return detectors.Match{Type: d.r.Type, Start: start, End: end, Value: value, Confidence: conf}, true
}

// Evidence returns what the rule's main context says about the span
// [start, end) of t.Norm.
func (d *Detector) Evidence(t *detectors.Text, start, end int) Evidence {
	return d.r.Context.Judge(t, start, end)
}

// containsFold reports whether the lower-case kw occurs in s, ignoring
// ASCII case.
func containsFold(s, kw string) bool {
	return strings.Contains(strings.ToLower(s), kw)
}
