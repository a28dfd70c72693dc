package phone

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// plan decides, for numbers of one region, what phonenumbers.Parse
// followed by IsValidNumber decide, from the same libphonenumber metadata,
// but with its regular expressions compiled once: Parse and IsValidNumber
// build and run regexps on every call, an order of magnitude slower, too
// slow for mail with a signature in every message. It handles the common
// cases (digits only, national form or the region's own country code) and
// leaves the rest to Parse. TestPlanMatchesLibphonenumber holds the two
// equal.
type plan struct {
	cc        string         // calling code, "81"
	idd       *regexp.Regexp // international prefix ("010"), anchored
	npfp      *regexp.Regexp // national prefix for parsing, anchored; nil if none
	transform string         // national prefix transform rule
	general   desc
	types     []desc // every number type, as getNumberTypeHelper tries them
	lengths   []int32
	local     []int32 // lengths of numbers only dialable locally
}

// desc is a libphonenumber PhoneNumberDesc: possible lengths and pattern.
type desc struct {
	lengths []int32
	re      *regexp.Regexp
}

func (d desc) match(nsn string) bool {
	if len(d.lengths) > 0 && !slices.Contains(d.lengths, int32(len(nsn))) {
		return false
	}
	return d.re.MatchString(nsn)
}

// newPlan returns the plan for region, or nil if its calling code is
// shared by several regions (NANP: +1), where the region of a number
// takes more than one table.
func newPlan(region string) (*plan, error) {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return nil, fmt.Errorf("phone: metadata: %w", err)
	}
	i := slices.IndexFunc(coll.GetMetadata(), func(m *phonenumbers.PhoneMetadata) bool { return m.GetId() == region })
	if i < 0 {
		return nil, fmt.Errorf("phone: no metadata for region %q", region)
	}
	m := coll.GetMetadata()[i]
	if len(phonenumbers.GetRegionCodesForCountryCode(int(m.GetCountryCode()))) != 1 {
		return nil, nil
	}
	p := &plan{
		cc:        strconv.Itoa(int(m.GetCountryCode())),
		transform: m.GetNationalPrefixTransformRule(),
		lengths:   m.GetGeneralDesc().GetPossibleLength(),
		local:     m.GetGeneralDesc().GetPossibleLengthLocalOnly(),
	}
	if p.idd, err = regexp.Compile("^(?:" + m.GetInternationalPrefix() + ")"); err != nil {
		return nil, fmt.Errorf("phone: %s international prefix: %w", region, err)
	}
	if npfp := m.GetNationalPrefixForParsing(); npfp != "" {
		if p.npfp, err = regexp.Compile("^(?:" + npfp + ")"); err != nil {
			return nil, fmt.Errorf("phone: %s national prefix: %w", region, err)
		}
	}
	if p.general, err = newDesc(m.GetGeneralDesc()); err != nil {
		return nil, fmt.Errorf("phone: %s: %w", region, err)
	}
	types := []*phonenumbers.PhoneNumberDesc{
		m.GetPremiumRate(), m.GetTollFree(), m.GetSharedCost(), m.GetVoip(),
		m.GetPersonalNumber(), m.GetPager(), m.GetUan(), m.GetVoicemail(), m.GetFixedLine(),
	}
	if !m.GetSameMobileAndFixedLinePattern() {
		types = append(types, m.GetMobile())
	}
	for _, t := range types {
		if t == nil {
			continue
		}
		d, err := newDesc(t)
		if err != nil {
			return nil, fmt.Errorf("phone: %s: %w", region, err)
		}
		p.types = append(p.types, d)
	}
	return p, nil
}

func newDesc(d *phonenumbers.PhoneNumberDesc) (desc, error) {
	re, err := regexp.Compile("^(?:" + d.GetNationalNumberPattern() + ")$")
	if err != nil {
		return desc{}, fmt.Errorf("number pattern: %w", err)
	}
	return desc{lengths: d.GetPossibleLength(), re: re}, nil
}

// national returns the E.164 form of digits, a number written in national
// form, and whether it is valid. handled is false when Parse may read the
// digits otherwise (as an international number after the IDD prefix, or
// after the country code without '+'): then the plan has no answer.
func (p *plan) national(digits string) (e164 string, ok, handled bool) {
	if p.idd.MatchString(digits) || strings.HasPrefix(digits, p.cc) {
		return "", false, false
	}
	e164, ok = p.check(p.stripNationalPrefix(digits))
	return e164, ok, true
}

// international is national for the digits after "+" and the country code.
func (p *plan) international(rest string) (e164 string, ok bool) {
	return p.check(p.stripNationalPrefix(rest))
}

// stripNationalPrefix ports libphonenumber's
// maybeStripNationalPrefixAndCarrierCode and the length test Parse
// applies to its result.
func (p *plan) stripNationalPrefix(n string) string {
	if n == "" || p.npfp == nil {
		return n
	}
	loc := p.npfp.FindStringSubmatchIndex(n)
	if loc == nil {
		return n
	}
	viable := p.general.re.MatchString(n)
	last := len(loc)/2 - 1 // the last capturing group
	stripped := n[loc[1]:]
	if p.transform != "" && loc[2*last] >= 0 {
		stripped = p.npfp.ReplaceAllString(n, p.transform)
	}
	if viable && !p.general.re.MatchString(stripped) {
		return n
	}
	if !p.possibleLength(stripped) {
		return n
	}
	return stripped
}

// possibleLength ports the test Parse makes before it keeps a stripped
// number: testNumberLength is not TOO_SHORT, IS_POSSIBLE_LOCAL_ONLY nor
// INVALID_LENGTH.
func (p *plan) possibleLength(n string) bool {
	l := int32(len(n))
	switch {
	case len(p.lengths) == 0 || p.lengths[0] == -1:
		return false
	case slices.Contains(p.local, l):
		return false
	case l < p.lengths[0]:
		return false
	case l > p.lengths[len(p.lengths)-1]: // TOO_LONG: kept
		return true
	}
	return slices.Contains(p.lengths, l)
}

// check ports IsValidNumber for a national significant number.
func (p *plan) check(nsn string) (string, bool) {
	const minNSN, maxNSN = 2, 17 // MIN_LENGTH_FOR_NSN, MAX_LENGTH_FOR_NSN
	if len(nsn) < minNSN || len(nsn) > maxNSN || !p.general.match(nsn) {
		return "", false
	}
	for _, t := range p.types {
		if t.match(nsn) {
			return "+" + p.cc + nsn, true
		}
	}
	return "", false
}
