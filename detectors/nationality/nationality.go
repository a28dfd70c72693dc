package nationality

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// Stateless is the value for 無国籍 / stateless: the code ICAO Doc 9303
// gives stateless persons in travel documents.
const Stateless = "XXA"

// Confidence of a match.
const (
	// LabelConfidence is for a country after a nationality label or in a
	// nationality column.
	LabelConfidence = 0.9
	// CodeConfidence is for an ISO code after a label ("Nationality: JPN"),
	// which forms use but which is also an abbreviation of other things.
	CodeConfidence = 0.85
)

// Detector finds nationalities. pii-formats has no nationality section;
// ours: a country name alone is a place, not a nationality, so a value is
// only taken after a label (国籍, 国籍・地域, Nationality, Citizenship) or
// in a column with such a header. Values are normalized to ISO 3166-1
// alpha-3 (JPN, VNM, CHN …), which is what passports and residence cards
// print and what merges 米国, アメリカ, USA and American into one value.
// Country names come from CLDR via golang.org/x/text (English and
// Japanese), plus the short forms, formal names and demonyms of mail
// (米国, 英国, ベトナム社会主義共和国, Vietnamese, 中国人). 朝鮮 on a
// residence card is not a nationality of any state and is not reported.
// A Detector is read-only after New and safe for concurrent use.
type Detector struct {
	names   map[string]string // lower-case name → alpha-3
	codes   map[string]string // ISO alpha-2 and alpha-3 code → alpha-3
	longest int               // longest name in bytes
}

// New returns a nationality detector. It builds its name table from the
// CLDR data of golang.org/x/text once.
func New() *Detector {
	d := &Detector{names: make(map[string]string, 1200), codes: make(map[string]string, 600)}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			// Deprecated codes (DD, VD …) share names with their successors.
			if err != nil || !r.IsCountry() || len(r.ISO3()) != 3 || r.Canonicalize() != r {
				continue
			}
			iso3 := r.ISO3()
			d.codes[r.String()], d.codes[iso3] = iso3, iso3
			for _, name := range []string{display.English.Regions().Name(r), display.Japanese.Regions().Name(r)} {
				d.add(name, iso3)
			}
		}
	}
	for name, iso3 := range extraNames {
		d.add(name, iso3)
	}
	return d
}

func (d *Detector) add(name, iso3 string) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return
	}
	if _, ok := d.names[name]; !ok {
		d.names[name] = iso3
	}
	// "Myanmar (Burma)", "ミャンマー (ビルマ)": the name before the
	// parentheses alone, too.
	if i := strings.IndexAny(name, "(（"); i > 0 {
		d.add(name[:i], iso3)
	}
	d.longest = max(d.longest, len(name))
}

// extraNames are names CLDR does not give: short and formal Japanese
// names, English short forms and demonyms for the nationalities most
// often met in Japan (法務省 在留外国人統計) and in business mail.
var extraNames = map[string]string{
	"日本国": "JPN", "japanese": "JPN", "日本人": "JPN",
	"中華人民共和国": "CHN", "chinese": "CHN", "prc": "CHN",
	"大韓民国": "KOR", "korean": "KOR", "south korean": "KOR", "korea": "KOR", "republic of korea": "KOR",
	"朝鮮民主主義人民共和国": "PRK", "north korean": "PRK",
	"ベトナム社会主義共和国": "VNM", "ヴェトナム": "VNM", "vietnamese": "VNM", "viet nam": "VNM",
	"フィリピン共和国": "PHL", "filipino": "PHL", "filipina": "PHL", "philippine": "PHL",
	"ブラジル連邦共和国": "BRA", "brazilian": "BRA",
	"ネパール連邦民主共和国": "NPL", "nepalese": "NPL", "nepali": "NPL",
	"インドネシア共和国": "IDN", "indonesian": "IDN",
	"米国": "USA", "アメリカ": "USA", "american": "USA", "us": "USA", "u.s.": "USA", "u.s.a.": "USA",
	"united states of america": "USA",
	"英国":                       "GBR", "british": "GBR", "uk": "GBR", "u.k.": "GBR", "great britain": "GBR", "britain": "GBR",
	"台湾人": "TWN", "taiwanese": "TWN", "中華民国": "TWN",
	"タイ王国": "THA", "thai": "THA",
	"ミャンマー連邦共和国": "MMR", "burmese": "MMR", "myanmar": "MMR",
	"ペルー共和国": "PER", "peruvian": "PER",
	"インド共和国": "IND", "indian": "IND",
	"スリランカ民主社会主義共和国": "LKA", "sri lankan": "LKA",
	"バングラデシュ人民共和国": "BGD", "bangladeshi": "BGD",
	"パキスタン・イスラム共和国": "PAK", "pakistani": "PAK",
	"モンゴル国": "MNG", "mongolian": "MNG",
	"カンボジア王国": "KHM", "cambodian": "KHM",
	"ラオス人民民主共和国": "LAO", "laotian": "LAO",
	"豪州": "AUS", "australian": "AUS",
	"カナダ人": "CAN", "canadian": "CAN",
	"french": "FRA", "german": "DEU", "italian": "ITA", "spanish": "ESP", "russian": "RUS", "ロシア連邦": "RUS",
	"mexican": "MEX", "singaporean": "SGP", "malaysian": "MYS", "iranian": "IRN", "turkish": "TUR",
	"egyptian": "EGY", "nigerian": "NGA", "ghanaian": "GHA", "kenyan": "KEN", "ukrainian": "UKR",
	"polish": "POL", "dutch": "NLD", "swiss": "CHE", "swedish": "SWE", "norwegian": "NOR", "danish": "DNK",
	"finnish": "FIN", "irish": "IRL", "new zealander": "NZL", "south african": "ZAF", "argentine": "ARG",
	"argentinian": "ARG", "chilean": "CHL", "colombian": "COL", "bolivian": "BOL", "paraguayan": "PRY",
	"uzbek": "UZB", "kazakh": "KAZ", "saudi": "SAU", "emirati": "ARE", "israeli": "ISR", "portuguese": "PRT",
	"greek": "GRC", "belgian": "BEL", "austrian": "AUT", "czech": "CZE", "hungarian": "HUN", "romanian": "ROU",
	"香港": "HKG", "hong konger": "HKG", "マカオ": "MAC",
	"無国籍": Stateless, "stateless": Stateless,
}

// Name implements detectors.Detector.
func (*Detector) Name() string { return "nationality" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.Nationality} }

// Keywords implements detectors.Detector.
func (*Detector) Keywords() []string {
	return []string{"国籍", "国 籍", "nationality", "citizenship"}
}

// maxLen bounds a value: "スリランカ民主社会主義共和国" is 42 bytes; the
// longest CLDR names are about 50.
const maxLen = 96

// MaxLen implements detectors.Detector.
func (*Detector) MaxLen() int { return maxLen }

// Detect implements detectors.Detector.
func (d *Detector) Detect(t *detectors.Text) []detectors.Match {
	s := t.Norm
	var ms []detectors.Match
	if isNationalityColumn(t.Column) {
		start := len(s) - len(strings.TrimLeft(s, " \t\r\n"))
		ms = d.values(s, start, len(strings.TrimRight(s, " \t\r\n")))
		if len(ms) > 0 && ms[len(ms)-1].End < len(strings.TrimRight(s, " \t\r\n")) {
			ms = nil // the cell holds more than countries
		}
		if len(ms) > 0 {
			return ms
		}
	}
	for _, lb := range findLabels(s) {
		j := textscan.SkipLabelSeparators(s, lb.end, true)
		if j == lb.end {
			continue // 国籍を問わず, nationality-based: no value
		}
		ms = append(ms, d.values(s, j, textscan.LineEnd(s, j, maxLen*2))...)
	}
	return ms
}

// values reads one country name at s[j:end], or several joined by '/',
// '・', '、' or ',' (dual nationality: "日本/米国").
func (d *Detector) values(s string, j, end int) []detectors.Match {
	var ms []detectors.Match
	for n := 0; n < 3 && j < end; n++ {
		iso3, size, conf := d.lookup(s[j:end])
		if size == 0 {
			break
		}
		ms = append(ms, detectors.Match{Type: pii.Nationality, Start: j, End: j + size, Value: iso3, Confidence: conf})
		j += size
		k := j
		for k < end && s[k] == ' ' {
			k++
		}
		sepFound := false
		for _, sep := range []string{"/", "・", "、", ",", "&", "and "} {
			if strings.HasPrefix(s[k:end], sep) {
				k += len(sep)
				sepFound = true
				break
			}
		}
		if !sepFound {
			break
		}
		for k < end && s[k] == ' ' {
			k++
		}
		j = k
	}
	return ms
}

// lookup finds the longest country name at the start of s that ends at a
// word boundary, and takes a 人 or 国籍 after a Japanese name (日本人,
// 日本国籍). Failing a name, it takes an ISO alpha-3 code in capitals
// (JPN), or an alpha-2 code (JP) that is all that is left of the line:
// "TO BE CONFIRMED" is not Tonga.
func (d *Detector) lookup(s string) (iso3 string, size int, conf float64) {
	for e := min(len(s), d.longest); e > 0; e-- {
		if !boundaryAt(s, e) {
			continue
		}
		name := s[:e]
		v, ok := d.names[strings.ToLower(name)]
		if !ok {
			continue
		}
		if len(name) <= 3 && isASCII(name) && strings.ToUpper(name) != name {
			continue // "us", "uk": words, not codes
		}
		size = e
		for _, suf := range []string{"国籍", "人"} {
			if strings.HasPrefix(s[size:], suf) && boundaryAt(s, size+len(suf)) {
				size += len(suf)
				break
			}
		}
		return v, size, LabelConfidence
	}
	if len(s) >= 3 && isUpper(s[:3]) && boundaryAt(s, 3) {
		if v, ok := d.codes[s[:3]]; ok {
			return v, 3, CodeConfidence
		}
	}
	if len(s) >= 2 && isUpper(s[:2]) && strings.TrimSpace(s[2:]) == "" {
		if v, ok := d.codes[s[:2]]; ok {
			return v, 2, CodeConfidence
		}
	}
	return "", 0, 0
}

func isUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// boundaryAt reports whether a name may end at s[e]: the end of s, or a
// rune that does not continue the word (an ASCII name must not run on
// into letters, a Japanese one into kanji or katakana).
func boundaryAt(s string, e int) bool {
	if e == len(s) {
		return true
	}
	if e > len(s) || (s[e] >= 0x80 && s[e] < 0xC0) {
		return false
	}
	c := s[e]
	last := s[e-1]
	if last < 0x80 {
		return !textscan.IsLetter(c) && !(c >= '0' && c <= '9')
	}
	r := []rune(s[e:min(len(s), e+4)])
	if len(r) == 0 {
		return true
	}
	x := r[0]
	switch {
	case x >= 0x4E00 && x <= 0x9FFF, x >= 0x30A1 && x <= 0x30FA, x == 'ー':
		return x == '人' || x == '国' // 日本人, 日本国籍
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
