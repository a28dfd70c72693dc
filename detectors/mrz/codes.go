package mrz

import "strings"

// iso3166 holds the ISO 3166-1 alpha-3 codes, which ICAO 9303 Part 3 §5
// uses for issuing states and nationalities.
const iso3166 = "" +
	"ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE " +
	"BDI BEL BEN BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA " +
	"CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE " +
	"DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM " +
	"GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY " +
	"HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN " +
	"KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA " +
	"MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT " +
	"NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN " +
	"PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA " +
	"SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR " +
	"TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB " +
	"VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE"

// A code's kind says what it may stand for in the nationality field.
type codeKind uint8

const (
	// kindState: a state or territory, or one of ICAO's nationality
	// classes (British ones, stateless, refugee): a person's nationality.
	kindState codeKind = iota + 1
	// kindOrganisation: an organisation that issues travel documents
	// (UNO, EUE, XPO …). Printed in the nationality field of its
	// laissez-passer, it says who issued it, not the holder's nationality.
	kindOrganisation
	// kindUnspecified: XXX, a person of unspecified nationality.
	kindUnspecified
)

// icaoCodes are the codes ICAO 9303 Part 3 §5 adds to ISO 3166-1, the
// Kosovo code its documents use, and the specimen state of Doc 9303's
// examples, whose specimens are quoted in mail about travel documents.
var icaoCodes = map[string]codeKind{
	"D":   kindState, // Germany, printed "D<<"
	"GBD": kindState, // British Overseas Territories Citizen
	"GBN": kindState, // British National (Overseas)
	"GBO": kindState, // British Overseas Citizen
	"GBP": kindState, // British Protected Person
	"GBS": kindState, // British Subject
	"RKS": kindState, // Kosovo
	"UNK": kindState, // resident of Kosovo, documents of UNMIK
	"XXA": kindState, // stateless (1954 Convention)
	"XXB": kindState, // refugee (1951 Convention)
	"XXC": kindState, // refugee, other
	"XXX": kindUnspecified,
	"UTO": kindState, // Utopia, ICAO's specimen state
	"EUE": kindOrganisation,
	"UNO": kindOrganisation,
	"UNA": kindOrganisation,
	"XBA": kindOrganisation, // African Development Bank
	"XIM": kindOrganisation, // African Export-Import Bank
	"XCC": kindOrganisation, // Caribbean Community
	"XCE": kindOrganisation, // Council of Europe
	"XCO": kindOrganisation, // COMESA
	"XEC": kindOrganisation, // ECOWAS
	"XPO": kindOrganisation, // Interpol
	"XES": kindOrganisation, // Organisation of Eastern Caribbean States
	"XMP": kindOrganisation, // Parliamentary Assembly of the Mediterranean
	"XOM": kindOrganisation, // Sovereign Military Order of Malta
	"XDC": kindOrganisation, // SADC
}

// kindOf returns the kind of an issuer or nationality code without
// fillers ("JPN", "D"), or 0 for a code not in the ICAO 9303 list.
func kindOf(code string) codeKind {
	if k, ok := icaoCodes[code]; ok {
		return k
	}
	if len(code) == 3 && isUpperCode(code) && strings.Contains(iso3166, code) {
		// The table's codes are separated by blanks, so a match of three
		// capitals is one of its codes and never straddles two.
		return kindState
	}
	return 0
}

func isUpperCode(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// NationalityCode returns the ISO 3166-1 alpha-3 form of the nationality
// code of a zone, as package nationality reports nationalities: Germany's
// "D" becomes "DEU"; ICAO's other nationality codes (GBN, XXA, RKS …)
// stay as they are. ok is false for a code that names no nationality of
// the holder: an organisation's (the issuer of a laissez-passer), XXX
// (unspecified) or one not in the ICAO 9303 list.
func NationalityCode(code string) (iso string, ok bool) {
	if kindOf(code) != kindState {
		return "", false
	}
	if code == "D" {
		return "DEU", true
	}
	return code, true
}

// codeReadings are the letters OCR may have misread as a character of a
// letters-only field: a digit there is certainly a misread, but of which
// letter only the code list can tell (0 is O, D or Q).
func codeReadings(c byte) string {
	switch c {
	case '0':
		return "ODQ"
	case '1':
		return "IL"
	case '2':
		return "Z"
	case '4':
		return "A"
	case '5':
		return "S"
	case '6':
		return "G"
	case '7':
		return "T"
	case '8':
		return "B"
	}
	return ""
}

// readCode reads a 3-character code field (issuing state, nationality):
// letters and trailing fillers. A code that is in the ICAO 9303 list as
// read is taken. Otherwise only the characters that cannot stand in a
// code are re-read — digits, as OCR reads O, D, I, S, B — and the code is
// taken when exactly one reading is in the list (0EU → DEU; 0<< → D),
// with corrected set. A field of letters that is not in the list (SPN,
// an OCR garble) is not guessed at: changing a letter for another would
// make one of the 250-odd codes out of most garbles (SPN → SPM), and no
// check digit covers the field to tell. ok is false when no code is read.
func readCode(cells []cell) (code string, corrected, ok bool) {
	b := make([]byte, len(cells))
	var alts []int // positions of characters to re-read
	for i, c := range cells {
		switch {
		case c.c >= 'A' && c.c <= 'Z' || c.c == '<':
			b[i] = c.c
		case codeReadings(c.c) != "":
			b[i] = codeReadings(c.c)[0]
			alts = append(alts, i)
		default:
			return "", false, false
		}
	}
	if len(alts) == 0 {
		if code = trimCode(b); code == "" || kindOf(code) == 0 {
			return "", false, false
		}
		return code, false, true
	}
	found := ""
	var try func(k int) bool // false once a second reading is found
	try = func(k int) bool {
		if k == len(alts) {
			if c := trimCode(b); c != "" && kindOf(c) != 0 {
				if found != "" && found != c {
					return false
				}
				found = c
			}
			return true
		}
		i := alts[k]
		for _, l := range []byte(codeReadings(cells[i].c)) {
			b[i] = l
			if !try(k + 1) {
				return false
			}
		}
		return true
	}
	if !try(0) || found == "" {
		return "", false, false
	}
	return found, true, true
}

// trimCode returns a code field without its trailing fillers, or "" when
// a filler stands before a letter ("J<N") or the field is all fillers.
func trimCode(b []byte) string {
	s := strings.TrimRight(string(b), "<")
	if s == "" || strings.IndexByte(s, '<') >= 0 {
		return ""
	}
	return s
}
