package phone

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPlanMatchesLibphonenumber checks the plan against Parse and
// IsValidNumber on many generated digit strings of Japanese shape.
func TestPlanMatchesLibphonenumber(t *testing.T) {
	d := MustNew()
	if d.plan == nil {
		t.Fatal("no plan for JP")
	}
	prefixes := []string{
		"0", "03", "06", "090", "080", "070", "060", "050", "020", "0120", "0800", "0570", "0990",
		"00", "000", "0037", "0066", "0077", "0088", "001", "010", "081", "045", "011", "0123", "01456",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	valid := 0
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		var b strings.Builder
		b.WriteString(prefixes[rng.IntN(len(prefixes))])
		for l := 6 + rng.IntN(10); b.Len() < l; {
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
		digits := b.String()
		for _, intl := range []bool{false, true} {
			in := digits
			if intl {
				in = "81" + digits[1:] // as written after '+'
			}
			c := candidate{digits: in, international: intl}
			got, gotOK := d.validate(c)
			ref := in
			if intl {
				ref = "+" + in
			}
			want, wantOK := referenceValidate(d, c, ref)
			if wantOK {
				valid++
			}
			if got != want || gotOK != wantOK {
				t.Fatalf("validate(%q, intl=%v) = %q, %v; libphonenumber says %q, %v", in, intl, got, gotOK, want, wantOK)
			}
		}
	}
	if valid < n/10 {
		t.Errorf("only %d of %d generated numbers are valid: the test says little", valid, 2*n)
	}
	t.Logf("%d of %d generated numbers valid", valid, 2*n)
}

// referenceValidate is validate with Parse for every step.
func referenceValidate(d *Detector, c candidate, ref string) (string, bool) {
	if c.international {
		return Valid(ref, d.region)
	}
	if strings.HasPrefix(c.digits, "00") && !strings.HasPrefix(c.digits, "000") {
		if e, ok := Valid("+"+c.digits[2:], d.region); ok {
			return e, true
		}
	}
	if !strings.HasPrefix(c.digits, d.trunk) {
		return "", false
	}
	return Valid(c.digits, d.region)
}

func BenchmarkValidate(b *testing.B) {
	d := MustNew()
	c := candidate{digits: "0312345678"}
	b.Run("plan", func(b *testing.B) {
		for b.Loop() {
			d.validate(c)
		}
	})
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			Valid(c.digits, "JP")
		}
	})
}
