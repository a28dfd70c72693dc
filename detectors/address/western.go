package address

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// Western addresses are anchored on their postcodes, the one part with a
// fixed shape: a US ZIP after a state code, an Australian postcode after
// a state, a Dutch "1234 AB", a French "75008" before a town, a British
// "SW1A 1AA". A postcode is only a candidate: the rule of its country
// then reads the street (number, name, street word, unit) and town around
// it with a regular expression over a few lines, so the expensive part
// runs only where a postcode already stands where it should. Numbers
// alone (prices, dates, versions, "2 Main points") never start a match.

// usStates maps the US state codes (and DC, PR) to the first digits
// their ZIP codes may have (USPS ZIP prefixes): "IN 46204" is Indiana,
// "IN 12345" is no address.
var usStates = map[string]string{
	"AL": "3", "AK": "9", "AZ": "8", "AR": "7", "CA": "9", "CO": "8", "CT": "0", "DE": "1", "DC": "2",
	"FL": "3", "GA": "3", "HI": "9", "ID": "8", "IL": "6", "IN": "4", "IA": "5", "KS": "6", "KY": "4",
	"LA": "7", "ME": "0", "MD": "2", "MA": "0", "MI": "4", "MN": "5", "MS": "3", "MO": "6", "MT": "5",
	"NE": "6", "NV": "8", "NH": "0", "NJ": "0", "NM": "8", "NY": "1", "NC": "2", "ND": "5", "OH": "4",
	"OK": "7", "OR": "9", "PA": "1", "RI": "0", "SC": "2", "SD": "5", "TN": "3", "TX": "7", "UT": "8",
	"VT": "0", "VA": "2", "WA": "9", "WV": "2", "WI": "5", "WY": "8", "PR": "0",
}

// auStates maps the Australian states and territories to the postcode
// ranges they use (Australia Post), as [lo, hi] pairs.
var auStates = map[string][]int{
	"NSW": {1000, 2599, 2619, 2899, 2921, 2999},
	"ACT": {200, 299, 2600, 2618, 2900, 2920},
	"VIC": {3000, 3999, 8000, 8999},
	"QLD": {4000, 4999, 9000, 9999},
	"SA":  {5000, 5999},
	"WA":  {6000, 6999},
	"TAS": {7000, 7999},
	"NT":  {800, 999},
}

// Street words that end a street's name, by country. The British and
// Dutch ones, and the French street types, are prefilter keywords too:
// an address of those countries always holds one (or a Dutch "Postbus"
// or country name), so the Runner's rule that a keyword stands near every
// match holds.
const (
	usStreetWords = `Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Place|Pl|Way|Wy|Parkway|Pkwy|` +
		`Highway|Hwy|Circle|Cir|Terrace|Ter|Square|Sq|Trail|Trl|Plaza|Plz|Pike|Turnpike|Tpke|Row|Loop|Alley|Broadway|` +
		`Center|Ctr|Crossing|Expressway|Expy|Freeway|Fwy|Point|Pt|Ridge|Run|Path|Walk|Park|Pass|Commons|Green|Hill|` +
		`Heights|Hts|Landing|Cove|Crescent|Close|Bend|Glen|Harbor|Manor|Mall|Route|Rte`
	auStreetWords = `Street|St|Road|Rd|Avenue|Ave|Parade|Pde|Terrace|Tce|Highway|Hwy|Lane|Ln|Place|Pl|Drive|Dr|Crescent|` +
		`Cres|Court|Ct|Close|Cl|Boulevard|Blvd|Bvd|Way|Circuit|Cct|Esplanade|Grove|Gr|Square|Sq|Quay|Mall|Arcade|Promenade|Walk|Row`
	frStreetWords = `rue|avenue|av\.|boulevard|bd|place|pl\.|allée|allee|chemin|quai|impasse|cours|route|square|passage|` +
		`faubourg|esplanade|promenade|villa|cité|cite|sentier|parvis|rond-point|voie|résidence`
)

// ukStreetWords end a British street's name; written out in full, they
// are the prefilter keywords of British addresses.
var ukStreetWords = []string{
	"Street", "Road", "Lane", "Avenue", "Drive", "Close", "Place", "Square", "Gardens", "Crescent", "Terrace",
	"Court", "Mews",
}

// nlStreetSuffixes end a Dutch street's name ("Keizersgracht",
// "Stationsplein", "Prins Hendrikkade").
var nlStreetSuffixes = []string{
	"straat", "laan", "weg", "gracht", "plein", "kade", "singel", "dijk", "markt", "steeg", "dreef", "hof",
	"park", "plantsoen", "pad", "wal", "baan", "haven", "kanaal", "boulevard",
}

// Regular expression parts shared by the countries.
const (
	// sep separates parts of an address: a comma, a line break (with the
	// quote marks of a reply), spaces, a bar or bullet.
	sep = `(?:,[ \t]*(?:\r?\n[ \t>]*)?|[ \t]*\r?\n[ \t>]*|[ \t]{1,3}|[ \t]*[|•·][ \t]*)`
	// reTown is 1–4 capitalised words: "Boston", "St. Petersburg", "LYNN
	// HAVEN", "Winston-Salem".
	reTown = `[A-Z][A-Za-z.'-]*(?:[ ][A-Z][A-Za-z.'-]*){0,3}`
	// boundary is where a town without a street may start.
	boundary = `(?:^|[,|>*:;(\t•]|[ ]{2})[ \t]*`
	unit     = `(?:(?:,?[ ]|,?[ \t]*\r?\n[ \t>]*)(?:(?i:Suite|Ste|Apt|Unit|Floor|Fl|Room|Rm|Bldg|Building|Dept)\.?[ ]?#?|#[ ]?)[A-Z0-9-]{1,6})`
	poBox    = `(?i:P\.?[ ]?O\.?[ ]?Box|Post Office Box|GPO Box|Locked Bag|Box)[ ]\d{1,7}`
	reNumber = `\d{1,6}[A-Z]?(?:[-/]\d{1,5}[A-Z]?|-[A-Z])?`
	// townState is a town and what separates it from the state after
	// it: a comma ("Ashburn,VA"), spaces or both. Its groups are the
	// town and the comma.
	townState = `(` + reTown + `)(?:(,)[ \t]{0,2}|[ \t]{1,2})`
)

var (
	// usBefore reads what stands before a US state code: [street sep]
	// town. A street is a number, up to four words and a street word
	// ("44 Farquhar Street", "6822 22nd Avenue North"), or a number and
	// a name with a unit ("19600 Fairchild, Suite 350"), or a PO box.
	usBefore = regexp.MustCompile(`(?m)(?:\b(` +
		reNumber + `[ ](?:[A-Z0-9][A-Za-z0-9'.-]*[ ]){0,4}(?i:` + usStreetWords + `)\.?` +
		`(?:,?[ ](?:[NS][EW]?|[EW]|[NS]\.[EW]\.|North|South|East|West)\.?)?` + unit + `?` +
		`|` + reNumber + `[ ](?:[A-Z0-9][A-Za-z0-9'.-]*[ ]?){1,4}` + unit +
		`|` + poBox + `)` + sep + `(?:` + townState + `)?|` + boundary + townState + `)\z`)
	// auBefore reads what stands before an Australian state: [street sep]
	// suburb. A street may start with a level or unit ("Level 5, 1 Martin
	// Place", "3/12 Smith St").
	auBefore = regexp.MustCompile(`(?m)(?:\b(` +
		`(?:(?i:Level|Lvl|Suite|Unit|Shop|Floor)[ ]\d{1,3}[A-Z]?,?[ ])?(?:\d{1,4}[A-Z]?/)?` + reNumber +
		`[ ](?:[A-Z][A-Za-z'-]*[ ]){1,3}(?i:` + auStreetWords + `)\.?` +
		`|` + poBox + `)` + sep + `(?:` + townState + `)?|` + boundary + townState + `)\z`)
	// nlBefore reads the street before a Dutch postcode: name and number
	// ("Keizersgracht 123", "Jan van Goyenkade 10-2", "Postbus 1234").
	nlBefore = regexp.MustCompile(`\b((?:(?:[A-Z'][\p{L}'.-]*|van|de|der|den|het|ten|ter|te|op|aan|bij)[ ]){0,3}([A-Z][\p{L}'.-]*)[ ]\d{1,5}(?:[ ]?[a-zA-Z]\b|[ ]?-[ ]?\d{1,4}|[ ]?[A-Z]{1,2}\b)?|(?i:Postbus)[ ]\d{1,6})` + sep + `\z`)
	// frBefore reads the street before a French postcode: number, street
	// type and name, and an optional BP/CS line ("8 rue de la Paix",
	// "12 bis avenue Foch").
	frBefore = regexp.MustCompile(`\b(\d{1,4}(?:[ ]?(?i:bis|ter|quater)|[A-D])?,?[ ](?i:` + frStreetWords + `)[ ][^\n,;|]{1,60}?` +
		`(?:` + sep + `(?:BP|CS|TSA|B\.P\.)[ ]?\d{1,6})?)` + sep + `\z`)
	// ukBefore reads the street and town before a British postcode:
	// "221B Baker Street, London".
	ukBefore = regexp.MustCompile(`\b((?:(?i:Flat|Unit|Suite|Apartment)[ ]\d{1,4}[A-Z]?,?[ ])?` + reNumber +
		`[ ](?:[A-Z][A-Za-z'-]*[ ]){1,3}(?:` + strings.Join(ukStreetWords, "|") + `))` + sep +
		`(?:` + reTown + `(?:,?[ \t]{1,2}|` + sep + `))?\z`)
)

// westernKeywords are the prefilter keywords of Western addresses: a
// state code with a space (or two) and the first digit of its postcodes
// ("ma 0"), and the street words of the countries whose postcodes have
// no state before them.
func westernKeywords() []string {
	var kws []string
	add := func(state, digit string) {
		st := strings.ToLower(state)
		kws = append(kws, st+" "+digit, st+"  "+digit)
	}
	for _, st := range slices.Sorted(maps.Keys(usStates)) {
		for _, d := range usStates[st] {
			add(st, string(d))
		}
	}
	for _, st := range slices.Sorted(maps.Keys(auStates)) {
		ranges := auStates[st]
		seen := ""
		for k := 0; k < len(ranges); k += 2 {
			d := string(rune('0' + ranges[k]/1000))
			if !strings.Contains(seen, d) {
				seen += d
				add(st, d)
			}
		}
	}
	for _, w := range ukStreetWords {
		kws = append(kws, strings.ToLower(w))
	}
	kws = append(kws, nlStreetSuffixes...)
	kws = append(kws, "postbus", "nederland", "netherlands")
	for _, w := range strings.Split(frStreetWords, "|") {
		w = strings.ReplaceAll(w, `\.`, ".")
		if len(w) <= 5 && !strings.HasSuffix(w, ".") {
			w += " " // "rue ", "bd ", "cours ": not inside other words
		}
		kws = append(kws, w)
	}
	return kws
}

// Confidence of a Western address.
const (
	// WesternConfidence is for street, town and postcode.
	WesternConfidence = 0.85
	// WesternTownConfidence is for town, state and postcode without a
	// street: "Pittsburg, KS 66762".
	WesternTownConfidence = 0.6
)

// westernWindow is how far before a postcode its street is looked for,
// in bytes: three lines of a signature.
const westernWindow = 240

// western finds the Western addresses of s.
func western(s string) []span {
	var out []span
	for i := rule.NextDigit(s, 0); i < len(s); i = rule.NextDigit(s, i+1) {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if i > 0 && isAlnum(s[i-1]) {
			i = j
			continue
		}
		var sp span
		ok := false
		switch j - i {
		case 5:
			if sp, ok = usAddress(s, i, j); !ok {
				sp, ok = frAddress(s, i, j)
			}
		case 4:
			if sp, ok = auAddress(s, i, j); !ok {
				sp, ok = nlAddress(s, i, j)
			}
		case 1:
			sp, ok = ukAddress(s, i, j)
		}
		if ok && (len(out) == 0 || sp.start >= out[len(out)-1].end) && sp.end-sp.start <= MaxLen {
			out = append(out, sp)
			j = max(j, sp.end)
		}
		i = j
	}
	return out
}

// stateBefore returns the state code of 2–3 capital letters that ends
// 1–2 spaces before the postcode at s[z:], and where it starts.
func stateBefore(s string, z int) (string, int, bool) {
	k := z
	for n := 0; n < 2 && k > 0 && s[k-1] == ' '; n++ {
		k--
	}
	if k == z {
		return "", 0, false
	}
	a := k
	for a > 0 && k-a < 4 && s[a-1] >= 'A' && s[a-1] <= 'Z' {
		a--
	}
	if k-a < 2 || k-a > 3 || (a > 0 && isAlnum(s[a-1])) {
		return "", 0, false
	}
	return s[a:k], a, true
}

// usAddress reads a US address whose ZIP code is s[z:e]: [street] town,
// ST 12345[-6789] [USA].
func usAddress(s string, z, e int) (span, bool) {
	st, a, ok := stateBefore(s, z)
	if !ok || len(st) != 2 || !strings.Contains(usStates[st], s[z:z+1]) {
		return span{}, false
	}
	if e+5 <= len(s) && s[e] == '-' && isDigits(s[e+1:e+5]) {
		e += 5
	}
	if e < len(s) && (isAlnum(s[e]) || s[e] == '-') {
		return span{}, false
	}
	return beforeState(s, a, e, usBefore, "USA", "U.S.A.", "United States of America", "United States", "U.S.")
}

// auAddress reads an Australian address whose postcode is s[z:e]:
// [street] suburb STATE 1234 [Australia].
func auAddress(s string, z, e int) (span, bool) {
	st, a, ok := stateBefore(s, z)
	ranges := auStates[st]
	if !ok || ranges == nil || (e < len(s) && (isAlnum(s[e]) || s[e] == '-')) {
		return span{}, false
	}
	pc := atoi(s[z:e])
	in := false
	for k := 0; k < len(ranges); k += 2 {
		in = in || (pc >= ranges[k] && pc <= ranges[k+1])
	}
	if !in {
		return span{}, false
	}
	return beforeState(s, a, e, auBefore, "Australia")
}

// beforeState reads the street and town before the state at s[a:] with
// re (usBefore, auBefore) and returns the address up to e and an
// optional country. A street may go without a town ("520 8th Ave #2300
// NY 10018"). Without a street, the town must be set off from the state
// by a comma or end its line ("Kirkland WA 98034" in a signature), not
// stand in a sentence.
func beforeState(s string, a, e int, re *regexp.Regexp, countries ...string) (span, bool) {
	lo := lineStartBefore(s, a, westernWindow)
	m := re.FindStringSubmatchIndex(s[lo:a])
	if m == nil {
		return span{}, false
	}
	e = countryAfter(s, e, countries)
	// Groups: 1 street, 2 and 3 town and comma after a street, 4 and 5
	// town and comma alone.
	if m[2] >= 0 {
		return span{lo + m[2], e, WesternConfidence}, true
	}
	comma := m[10] >= 0
	if rest := s[e:textscan.LineEnd(s, e, 64)]; !comma && strings.TrimRight(rest, " \t\r.") != "" {
		return span{}, false
	}
	return span{lo + m[8], e, WesternTownConfidence}, true
}

// nlAddress reads a Dutch address whose postcode starts with s[z:e]:
// street number, 1234 AB Town [Netherlands]. It needs a street word
// ("…straat", "…gracht"), a Postbus or the country.
func nlAddress(s string, z, e int) (span, bool) {
	if s[z] == '0' {
		return span{}, false
	}
	k := e
	if k < len(s) && s[k] == ' ' {
		k++
	}
	if k+2 > len(s) || !isUpper(s[k]) || !isUpper(s[k+1]) || (k+2 < len(s) && isAlnum(s[k+2])) {
		return span{}, false
	}
	if l := s[k : k+2]; l == "SA" || l == "SD" || l == "SS" {
		return span{}, false // not issued
	}
	end := townAfter(s, k+2)
	if end == k+2 {
		return span{}, false
	}
	lo := lineStartBefore(s, z, westernWindow)
	m := nlBefore.FindStringSubmatchIndex(s[lo:z])
	if m == nil {
		return span{}, false
	}
	withCountry := countryAfter(s, end, []string{"The Netherlands", "the Netherlands", "Netherlands", "Nederland"})
	if w := strings.ToLower(s[max(lo+m[4], 0):max(lo+m[5], 0)]); m[4] >= 0 && withCountry == end && w != "postbus" && !hasSuffixAny(w, nlStreetSuffixes) {
		return span{}, false // "Damrak 1, 1012 LG Amsterdam" needs its country
	}
	return span{lo + m[2], withCountry, WesternConfidence}, true
}

// frAddress reads a French address whose postcode is s[z:e]: number
// street type name, 75008 Town [CEDEX n] [France].
func frAddress(s string, z, e int) (span, bool) {
	if d := s[z : z+2]; d == "00" || d == "99" {
		return span{}, false
	}
	if e >= len(s) || s[e] != ' ' {
		return span{}, false
	}
	end := townAfter(s, e)
	if end == e {
		return span{}, false
	}
	if strings.HasPrefix(s[end:], " CEDEX") || strings.HasPrefix(s[end:], " Cedex") {
		end += len(" CEDEX")
		if end+1 < len(s) && s[end] == ' ' && s[end+1] >= '0' && s[end+1] <= '9' {
			end += 2
			if end < len(s) && s[end] >= '0' && s[end] <= '9' {
				end++
			}
		}
	}
	lo := lineStartBefore(s, z, westernWindow)
	m := frBefore.FindStringSubmatchIndex(s[lo:z])
	if m == nil {
		return span{}, false
	}
	return span{lo + m[2], countryAfter(s, end, []string{"France"}), WesternConfidence}, true
}

// ukAddress reads a British address whose postcode's inward code starts
// at s[z:]: number street, [town] SW1A 1AA [UK].
func ukAddress(s string, z, e int) (span, bool) {
	if e+2 > len(s) || !isUpper(s[e]) || !isUpper(s[e+1]) || (e+2 < len(s) && isAlnum(s[e+2])) {
		return span{}, false
	}
	if strings.ContainsAny(s[e:e+2], "CIKMOV") {
		return span{}, false // letters the inward code does not use
	}
	// The outward code: A9, A9A, A99, AA9, AA9A, AA99, then one space.
	if z < 3 || s[z-1] != ' ' {
		return span{}, false
	}
	o := z - 1
	a := o
	for a > 0 && o-a < 4 && (isUpper(s[a-1]) || (s[a-1] >= '0' && s[a-1] <= '9')) {
		a--
	}
	if !ukOutward(s[a:o]) || (a > 0 && isAlnum(s[a-1])) {
		return span{}, false
	}
	lo := lineStartBefore(s, a, westernWindow)
	m := ukBefore.FindStringSubmatchIndex(s[lo:a])
	if m == nil {
		return span{}, false
	}
	return span{lo + m[2], countryAfter(s, e+2, []string{"United Kingdom", "UK", "England", "Scotland", "Wales"}), WesternConfidence}, true
}

// ukOutward reports whether o is the outward code of a British postcode.
func ukOutward(o string) bool {
	n := len(o)
	if n < 2 || n > 4 || !isUpper(o[0]) {
		return false
	}
	letters := 1
	if isUpper(o[1]) {
		letters = 2
	}
	if letters >= n || o[letters] < '0' || o[letters] > '9' {
		return false
	}
	rest := o[letters+1:]
	return len(rest) <= 1 && (rest == "" || isUpper(rest[0]) || (rest[0] >= '0' && rest[0] <= '9'))
}

// townAfter reads the town after a postcode at s[p:] (one space first):
// capitalised words, at most three, not a country or a contact label.
func townAfter(s string, p int) int {
	q := p
	for q < len(s) && s[q] == ' ' && q-p < 2 {
		q++
	}
	if q == p {
		return p
	}
	end := p
	for n := 0; n < 3; n++ {
		w := q
		if strings.HasPrefix(s[w:], "'s-") { // 's-Gravenhage
			w += 3
		}
		r, size := utf8.DecodeRuneInString(s[w:])
		if !unicode.IsUpper(r) {
			break
		}
		w += size
		for w < len(s) {
			r, size := utf8.DecodeRuneInString(s[w:])
			if !unicode.IsLetter(r) && r != '-' && r != '\'' {
				break
			}
			w += size
		}
		word := s[q:w]
		if n > 0 && isNotTown(word) {
			break
		}
		end = w
		if w >= len(s) || s[w] != ' ' {
			break
		}
		q = w + 1
	}
	return end
}

// isNotTown reports whether a capitalised word after a town starts
// something else: a country, CEDEX, a contact label.
func isNotTown(w string) bool {
	switch strings.ToLower(w) {
	case "cedex", "france", "the", "netherlands", "nederland", "holland", "tel", "tél", "fax", "phone", "mobile",
		"email", "e-mail", "mail", "web", "www", "t", "f", "e", "m", "p":
		return true
	}
	return false
}

// countryAfter extends an address that ends at s[e:] by a country name
// after a comma, spaces or a line break.
func countryAfter(s string, e int, countries []string) int {
	k := e
	if k < len(s) && s[k] == ',' {
		k++
	}
	gap := k
	for k < len(s) && (s[k] == ' ' || s[k] == '\t') && k-gap < 3 {
		k++
	}
	if k < len(s) && s[k] == '\n' {
		k++
	}
	if k == gap {
		return e // "02131USA" is no country
	}
	for _, c := range countries {
		if strings.HasPrefix(s[k:], c) {
			if f := k + len(c); f == len(s) || !isAlnum(s[f]) {
				return f
			}
		}
	}
	return e
}

// lineStartBefore returns where the line that is up to n bytes before a
// starts, or a-n moved to a rune start.
func lineStartBefore(s string, a, n int) int {
	lo := max(0, a-n)
	for lo < a && !utf8.RuneStart(s[lo]) {
		lo++
	}
	if k := strings.IndexByte(s[lo:a], '\n'); k >= 0 && lo > 0 {
		lo += k + 1
	}
	return lo
}

func isAlnum(c byte) bool { return textscan.IsLetter(c) || (c >= '0' && c <= '9') }

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
