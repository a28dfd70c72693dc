package phone

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// validate returns the candidate's number in E.164 form if libphonenumber
// finds it valid: through the detector's plan when it has an answer, else
// through Parse.
func (d *Detector) validate(c candidate) (string, bool) {
	digits := c.digits
	if c.international {
		return d.validInternational(digits)
	}
	// "0081 3 1234 5678": the international prefix 00, as written in
	// Japan for callers from abroad.
	if strings.HasPrefix(digits, "00") && !strings.HasPrefix(digits, "000") {
		if e164, ok := d.validInternational(digits[2:]); ok {
			return e164, true
		}
	}
	if !strings.HasPrefix(digits, d.trunk) {
		return "", false // 20240502, 1234-5678-9012: no trunk prefix
	}
	if d.plan != nil {
		if e164, ok, handled := d.plan.national(digits); handled {
			return e164, ok
		}
	}
	return Valid(digits, d.region)
}

// validInternational validates digits written after a '+'.
func (d *Detector) validInternational(digits string) (string, bool) {
	if d.plan != nil {
		if rest, ok := strings.CutPrefix(digits, d.plan.cc); ok {
			return d.plan.international(rest)
		}
	}
	return Valid("+"+digits, d.region)
}

// Valid parses number (digits, optionally with '+' and separators) as a
// number of region and returns it in E.164 form if libphonenumber says it
// is a valid number.
func Valid(number, region string) (e164 string, ok bool) {
	n, err := phonenumbers.Parse(number, region)
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return "", false
	}
	return phonenumbers.Format(n, phonenumbers.E164), true
}
