package phone

import (
	"fmt"
	"strings"

	"github.com/nyaruka/phonenumbers"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match.
const (
	// ContextConfidence is for a number with a phone keyword (TEL, 電話,
	// 携帯, Mobile …) shortly before it, or in its table column header.
	ContextConfidence = 0.9
	// InternationalConfidence is for a number written with '+' and a
	// country code but without a keyword.
	InternationalConfidence = 0.75
	// BareConfidence is for a number in national form without a keyword.
	BareConfidence = 0.6
)

// DefaultRegion is the region whose national numbers are recognized
// unless WithRegion says otherwise.
const DefaultRegion = "JP"

// Detector finds telephone numbers. Candidates come from a hand-written
// scanner over the normalized text (digit groups with separators, an
// optional +country code); libphonenumber (nyaruka/phonenumbers) then
// decides whether a candidate is a valid number. Numbers in national form
// are read as numbers of the detector's region. A Detector is read-only
// after New and safe for concurrent use.
type Detector struct {
	region string
	// trunk is the national prefix a number of the region written without
	// a country code starts with ("0" in Japan); "" when numbers there
	// need none (NANP, Italy). Checking it first saves most calls into
	// libphonenumber.
	trunk string
	// plan validates numbers of the region and its country code quickly;
	// nil for regions that share their country code (NANP).
	plan *plan
}

// Option configures a Detector.
type Option func(*Detector)

// WithRegion sets the region (ISO 3166-1 alpha-2, e.g. "JP", "US") whose
// national numbers the detector recognizes.
func WithRegion(region string) Option {
	return func(d *Detector) { d.region = strings.ToUpper(region) }
}

// New returns a phone detector for DefaultRegion or the region of the
// options.
func New(opts ...Option) (*Detector, error) {
	d := &Detector{region: DefaultRegion}
	for _, o := range opts {
		o(d)
	}
	if !phonenumbers.GetSupportedRegions()[d.region] {
		return nil, fmt.Errorf("phone: unknown region %q", d.region)
	}
	if !phonenumbers.IsNANPACountry(d.region) {
		d.trunk = phonenumbers.GetNddPrefixForRegion(d.region, true)
	}
	p, err := newPlan(d.region)
	if err != nil {
		return nil, err
	}
	d.plan = p
	return d, nil
}

// MustNew is New for options known to be valid; it panics on an error.
func MustNew(opts ...Option) *Detector {
	d, err := New(opts...)
	if err != nil {
		panic(err)
	}
	return d
}

// Name implements detectors.Detector.
func (*Detector) Name() string { return "phone" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.Phone} }

// Keywords implements detectors.Detector. Numbers often stand without a
// keyword, so the detector runs on every text; its scanner skips text
// without digits quickly.
func (*Detector) Keywords() []string { return nil }

// MaxLen implements detectors.Detector.
func (*Detector) MaxLen() int { return maxCandidate }

// Detect implements detectors.Detector.
func (d *Detector) Detect(t *detectors.Text) []detectors.Match {
	var (
		ms []detectors.Match
		r  run
	)
	s := t.Norm
	for i := 0; i < len(s); {
		if !startByte[s[i]] {
			i++
			continue
		}
		ok, next := scan(s, i, &r)
		i = next
		if !ok {
			continue
		}
		if m, ok := d.match(t, &r); ok {
			ms = append(ms, m)
		}
	}
	return ms
}

// match returns the number in run r, if there is one: the whole run or,
// failing that, its longest valid leading groups, with its scope.
func (d *Detector) match(t *detectors.Text, r *run) (detectors.Match, bool) {
	c, ok := r.whole()
	e164 := ""
	if ok {
		e164, ok = d.validate(c)
	}
	if !ok {
		for _, p := range r.prefixes() {
			if e164, ok = d.validate(p); ok {
				c = p
				break
			}
		}
	}
	if !ok {
		return detectors.Match{}, false
	}
	conf := BareConfidence
	switch classify(t, c.start) {
	case vetoed:
		return detectors.Match{}, false
	case phoneContext:
		conf = ContextConfidence
	default:
		if c.international {
			conf = InternationalConfidence
		}
	}
	return detectors.Match{
		Type: pii.Phone, Start: c.start, End: c.end, Value: e164, Confidence: conf, Scope: scopeOf(t, c, e164),
	}, true
}
