package phone

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestPlanMatchesLibphonenumber checks the plan against Parse and
// IsValidNumber on many generated digit strings of Japanese shape.
func TestPlanMatchesLibphonenumber(t *testing.T) {
	d := MustNew()
	if d.info("JP").plan == nil {
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
			var got, want string
			var gotOK, wantOK bool
			if intl {
				in = "81" + digits[1:] // as written after '+'
				got, gotOK = d.validInternational(in)
				want, wantOK = Valid("+"+in, "JP")
			} else {
				got, gotOK = d.validIn(in, "JP")
				want, wantOK = referenceValidIn(in, "JP")
			}
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

// TestPlansOfOtherRegions checks validIn for the regions evidence most
// often names against Parse, on national numbers of random digits.
func TestPlansOfOtherRegions(t *testing.T) {
	d := MustNew()
	rng := rand.New(rand.NewPCG(5, 6))
	for _, region := range []string{"FR", "IE", "DE", "CN", "KR", "GB", "US", "NL", "IT", "AU", "TW", "SE"} {
		valid := 0
		for range 3000 {
			var b strings.Builder
			if rng.IntN(4) > 0 {
				b.WriteByte('0')
			} else {
				b.WriteByte(byte('1' + rng.IntN(9)))
			}
			for l := 7 + rng.IntN(6); b.Len() < l; {
				b.WriteByte(byte('0' + rng.IntN(10)))
			}
			in := b.String()
			got, gotOK := d.validIn(in, region)
			want, wantOK := referenceValidIn(in, region)
			if wantOK {
				valid++
			}
			if got != want || gotOK != wantOK {
				t.Fatalf("validIn(%q, %s) = %q, %v; libphonenumber says %q, %v", in, region, got, gotOK, want, wantOK)
			}
		}
		if valid == 0 {
			t.Errorf("%s: no generated number valid: the test says nothing", region)
		}
	}
}

// referenceValidIn is validIn with Parse for every step, after the same
// cheap filters (the trunk prefix; NANP's NXX NXX XXXX).
func referenceValidIn(digits, region string) (string, bool) {
	if phonenumbers.IsNANPACountry(region) {
		d := strings.TrimPrefix(digits, "1")
		if len(digits) == 11 && digits[0] != '1' || len(d) != 10 || d[0] < '2' || d[3] < '2' {
			return "", false
		}
	} else if region == "JP" && !strings.HasPrefix(digits, "0") {
		return "", false
	}
	return Valid(digits, region)
}

func BenchmarkValidate(b *testing.B) {
	d := MustNew()
	c := candidate{digits: "0312345678"}
	b.Run("plan", func(b *testing.B) {
		for b.Loop() {
			d.validIn(c.digits, "JP")
		}
	})
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			Valid(c.digits, "JP")
		}
	})
}
