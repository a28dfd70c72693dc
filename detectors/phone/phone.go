package phone

import (
	"fmt"
	"strings"
	"sync"

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

// Detector finds telephone numbers. Candidates come from a hand-written
// scanner over the normalized text (digit groups with separators, an
// optional +country code); libphonenumber (nyaruka/phonenumbers) then
// decides whether a candidate is a valid number. A number written without
// a country code is read in the region the evidence names (validate.go):
// the text around it, then its own shape; with no evidence it is not
// reported. A Detector is read-only after New (but for the per-region
// tables it builds on first use) and safe for concurrent use.
type Detector struct {
	// home is the region read when the text holds no evidence of one
	// (WithRegion); "" reads none.
	home string
	// regions holds every region libphonenumber knows, its tables built
	// on first use.
	regions map[string]*regionInfo
}

// regionInfo is what validating national numbers of one region takes.
type regionInfo struct {
	once sync.Once
	// trunk is the national prefix every number of the region written
	// without a country code starts with: "0" in Japan. Checking it first
	// saves most calls into libphonenumber. It is "" elsewhere: NANP has
	// none, and in China (mobiles) and other regions some numbers are
	// written without it.
	trunk string
	nanp  bool
	// plan validates numbers of the region quickly; nil for regions that
	// share their calling code (NANP, GB with JE/GG/IM) or whose plan
	// failed to build (then Parse decides).
	plan *plan
}

// Option configures a Detector.
type Option func(*Detector)

// WithRegion sets a region (ISO 3166-1 alpha-2, e.g. "JP", "US") whose
// national numbers the detector recognizes where the text holds no
// evidence of a region: for a mailbox known to be a company's of that
// country. By default there is none.
func WithRegion(region string) Option {
	return func(d *Detector) { d.home = strings.ToUpper(region) }
}

// New returns a phone detector.
func New(opts ...Option) (*Detector, error) {
	d := &Detector{regions: map[string]*regionInfo{}}
	for _, o := range opts {
		o(d)
	}
	for r := range phonenumbers.GetSupportedRegions() {
		d.regions[r] = &regionInfo{}
	}
	if d.home != "" && d.regions[d.home] == nil {
		return nil, fmt.Errorf("phone: unknown region %q", d.home)
	}
	if _, err := newPlan("JP"); err != nil {
		return nil, err // the metadata is broken
	}
	return d, nil
}

// info returns the tables of region, or nil for an unknown region.
func (d *Detector) info(region string) *regionInfo {
	ri := d.regions[region]
	if ri == nil {
		return nil
	}
	ri.once.Do(func() {
		ri.nanp = phonenumbers.IsNANPACountry(region)
		if region == "JP" {
			ri.trunk = "0"
		}
		ri.plan, _ = newPlan(region) // on an error Parse decides
	})
	return ri
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
		ev textEvidence
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
		if m, ok := d.match(t, &r, &ev); ok {
			ms = append(ms, m)
		}
	}
	return ms
}

// match returns the number in run r, if there is one: the whole run or,
// failing that, its longest valid leading groups, with its scope.
func (d *Detector) match(t *detectors.Text, r *run, ev *textEvidence) (detectors.Match, bool) {
	c, ok := r.whole()
	var prefixes []candidate
	if !ok {
		// Leading groups are only read as Japanese numbers (resolve).
		if prefixes = r.prefixes(); len(prefixes) == 0 || prefixes[0].digits[0] != '0' {
			return detectors.Match{}, false // most runs: too short for a number
		}
	}
	hopeless := ok && d.hopeless(&c)
	if hopeless && len(c.digits) > 10 {
		// No region without trunk prefix has national numbers so long:
		// My Number's 12 digits, card numbers.
		return detectors.Match{}, false
	}
	ctx, labelRegion := classify(t, r.start)
	if ctx == vetoed || hopeless && (ctx != phoneContext || !d.foreignEvidence(t, &c, ev)) {
		return detectors.Match{}, false
	}
	e164 := ""
	if ok {
		e164, ok = d.resolve(t, &c, ctx == phoneContext, labelRegion, ev)
	}
	if !ok {
		if prefixes == nil {
			prefixes = r.prefixes()
		}
		for _, p := range prefixes {
			if e164, ok = d.resolve(t, &p, ctx == phoneContext, labelRegion, ev); ok {
				c = p
				break
			}
		}
	}
	if !ok {
		return detectors.Match{}, false
	}
	conf := BareConfidence
	switch {
	case ctx == phoneContext:
		conf = ContextConfidence
	case c.international:
		conf = InternationalConfidence
	}
	return detectors.Match{
		Type: pii.Phone, Start: c.start, End: c.end, Value: e164, Confidence: conf, Scope: scopeOf(t, c, e164),
	}, true
}

// hopeless reports whether c can only be a phone number with a phone
// keyword before it and a region other than Japan named nearby (resolve):
// without a trunk 0 it is no NANP number nor Chinese mobile, and only
// those let a region without trunk prefix (Denmark, Hong Kong …) read
// it. My Number's 12 digits, account numbers and dates are the usual such
// runs: turned away here before the text's evidence is gathered.
func (d *Detector) hopeless(c *candidate) bool {
	return !c.international && c.digits[0] != '0' && !nanpPossible(c.digits) && !cnMobile(c.digits) && d.home == ""
}

// foreignEvidence reports whether the text names a region other than
// Japan (whose national numbers all start with 0) within reach of c.
func (d *Detector) foreignEvidence(t *detectors.Text, c *candidate, ev *textEvidence) bool {
	lo, hi := c.start-evidenceReach, c.end+evidenceReach
	for _, e := range ev.get(t.Norm) {
		if e.region != "JP" && e.pos >= lo && e.end <= hi {
			return true
		}
	}
	_, hangul := ev.nearestScript(t.Norm, c.start, c.end)
	return hangul >= 0
}
