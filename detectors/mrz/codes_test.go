package mrz

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestNationalityCode(t *testing.T) {
	tests := []struct {
		code, want string
		ok         bool
	}{
		{"JPN", "JPN", true},
		{"D", "DEU", true}, // Germany's ICAO code
		{"DEU", "DEU", true},
		{"GBN", "GBN", true},
		{"XXA", "XXA", true}, // stateless, as package nationality reports it
		{"XXB", "XXB", true},
		{"RKS", "RKS", true},
		{"UTO", "UTO", true},
		{"XXX", "", false}, // unspecified
		{"UNO", "", false}, // an organisation
		{"EUE", "", false},
		{"XPO", "", false},
		{"SPN", "", false}, // an OCR garble
		{"0EU", "", false},
		{"JP", "", false},
		{"", "", false},
		{"ROM", "", false}, // withdrawn in 2002
		{"jpn", "", false},
		{"PN ", "", false},
	}
	for _, tt := range tests {
		got, ok := NationalityCode(tt.code)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NationalityCode(%q) = %q, %v; want %q, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
}

func TestReadCode(t *testing.T) {
	tests := []struct {
		field, want   string
		corrected, ok bool
	}{
		{"JPN", "JPN", false, true},
		{"D<<", "D", false, true},
		{"UTO", "UTO", false, true},
		{"0EU", "DEU", true, true}, // 0 is O, D or Q: only DEU is a code
		{"0<<", "D", true, true},
		{"1ND", "IND", true, true},
		{"8RA", "BRA", true, true},
		{"GB0", "", false, false}, // GBO or GBD: ambiguous
		{"A1A", "", false, false}, // AIA or ALA
		{"SPN", "", false, false}, // letters not in the list are not guessed at
		{"JQN", "", false, false},
		{"J<N", "", false, false},
		{"<JP", "", false, false},
		{"<<<", "", false, false},
		{"JP<", "", false, false},
		{"J?N", "", false, false},
		{"999", "", false, false},
	}
	for _, tt := range tests {
		got, corrected, ok := readCode(lex(tt.field, 0, len(tt.field), false))
		if got != tt.want || corrected != tt.corrected || ok != tt.ok {
			t.Errorf("readCode(%q) = %q, %v, %v; want %q, %v, %v", tt.field, got, corrected, ok, tt.want, tt.corrected, tt.ok)
		}
	}
}

// notAssigned are the regions CLDR counts as countries that ISO 3166-1
// has not (or no longer) assigned: exceptionally reserved (AC, CP, DG,
// EA, EZ, IC, TA, UN), withdrawn (AN, CS, NT, PC, SU, YU), CQ and XK,
// which ICAO writes RKS.
var notAssigned = map[string]bool{
	"AC": true, "CP": true, "DG": true, "EA": true, "EZ": true, "IC": true, "TA": true, "UN": true,
	"AN": true, "CS": true, "NT": true, "PC": true, "SU": true, "YU": true, "CQ": true, "XK": true,
}

// TestISO3166 checks the table against the CLDR region data of
// golang.org/x/text: every current country code and no other.
func TestISO3166(t *testing.T) {
	codes := strings.Fields(iso3166)
	if len(codes) != 249 {
		t.Errorf("%d ISO 3166-1 codes, want 249", len(codes))
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if seen[c] {
			t.Errorf("%s twice", c)
		}
		seen[c] = true
		r, err := language.ParseRegion(c)
		if err != nil || r.ISO3() != c || !r.IsCountry() {
			t.Errorf("%s: not an ISO 3166-1 country code of CLDR (%v)", c, err)
		}
	}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() || r.Canonicalize() != r || len(r.ISO3()) != 3 {
				continue
			}
			if !seen[r.ISO3()] && !notAssigned[r.String()] {
				t.Errorf("%s (%s) missing", r.ISO3(), r)
			}
		}
	}
}
