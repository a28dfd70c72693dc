package phone

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// validate returns the candidate's number in E.164 form if libphonenumber
// finds it valid.
func (d *Detector) validate(c candidate) (string, bool) {
	digits := c.digits
	if c.international {
		return Valid("+"+digits, d.region)
	}
	// "0081 3 1234 5678": the international prefix 00, as written in
	// Japan for callers from abroad.
	if strings.HasPrefix(digits, "00") && !strings.HasPrefix(digits, "000") {
		if e164, ok := Valid("+"+digits[2:], d.region); ok {
			return e164, true
		}
	}
	if !strings.HasPrefix(digits, d.trunk) {
		return "", false // 20240502, 1234-5678-9012: no trunk prefix
	}
	return Valid(digits, d.region)
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
