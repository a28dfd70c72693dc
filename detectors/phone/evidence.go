package phone

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// Evidence of a region in the text around a number, beyond the number's
// own shape (shape.go). A number without a country code is read in the
// region of the nearest evidence where it is valid and written as that
// region writes numbers:
//
//   - the script: kana → JP, hangul → KR (kanji alone is also Chinese);
//   - the language of the phone keyword before it (電話, 携帯 → JP; 电话,
//     手机 → CN; Tél → FR; 전화 → KR), or of the table column header;
//   - country and city names ("France", "Paris", "USA", "東京"), a US state
//     with a ZIP code ("MA 02139");
//   - the country-code top-level domain of e-mail addresses and web sites
//     (".fr", ".co.jp", ".ie");
//   - the country codes of numbers written with '+' ("+353 1 …": the
//     signature's other numbers are Irish too).

// evidence is a region named by the text at s[pos:end].
type evidence struct {
	pos, end int
	region   string
}

// The Runner lets a detector look MaxContext bytes around a match and no
// further (detectors.Detector); evidence is taken from that window less a
// margin, so that what decides it (word boundaries) lies inside too.
const (
	evidenceMargin = 8
	evidenceReach  = detectors.MaxContext - evidenceMargin
)

// places maps country and city names (lower case) to their region.
var places = map[string]string{
	"japan": "JP", "tokyo": "JP", "osaka": "JP", "yokohama": "JP", "nagoya": "JP",
	"usa": "US", "united states": "US", "new york": "US", "california": "US", "san francisco": "US",
	"canada": "CA", "toronto": "CA", "vancouver": "CA", "montreal": "CA",
	"united kingdom": "GB", "uk": "GB", "england": "GB", "scotland": "GB", "london": "GB",
	"ireland": "IE", "dublin": "IE", "éire": "IE",
	"france": "FR", "paris": "FR",
	"germany": "DE", "deutschland": "DE", "berlin": "DE", "münchen": "DE", "munich": "DE",
	"netherlands": "NL", "nederland": "NL", "amsterdam": "NL",
	"belgium": "BE", "belgique": "BE", "belgië": "BE", "brussels": "BE", "bruxelles": "BE",
	"switzerland": "CH", "schweiz": "CH", "suisse": "CH", "zürich": "CH", "zurich": "CH", "genève": "CH", "geneva": "CH",
	"austria": "AT", "österreich": "AT", "wien": "AT", "vienna": "AT",
	"italy": "IT", "italia": "IT", "roma": "IT", "milano": "IT", "milan": "IT",
	"spain": "ES", "españa": "ES", "madrid": "ES", "barcelona": "ES",
	"sweden": "SE", "sverige": "SE", "stockholm": "SE",
	"norway": "NO", "norge": "NO", "oslo": "NO", "denmark": "DK", "danmark": "DK", "copenhagen": "DK", "københavn": "DK",
	"finland": "FI", "helsinki": "FI", "poland": "PL", "polska": "PL", "warszawa": "PL", "warsaw": "PL",
	"australia": "AU", "sydney": "AU", "melbourne": "AU", "new zealand": "NZ", "auckland": "NZ",
	"china": "CN", "beijing": "CN", "shanghai": "CN", "shenzhen": "CN", "guangzhou": "CN",
	"中国": "CN", "北京": "CN", "上海": "CN", "广州": "CN", "深圳": "CN",
	"联系": "CN", "电话": "CN", "手机": "CN", "传真": "CN", "地址": "CN", "邮箱": "CN", "邮编": "CN", "咨询": "CN",
	"hong kong": "HK", "香港": "HK", "taiwan": "TW", "taipei": "TW", "台灣": "TW", "台北": "TW",
	"korea": "KR", "seoul": "KR", "한국": "KR", "서울": "KR",
	"singapore": "SG", "india": "IN", "mumbai": "IN", "new delhi": "IN", "bangalore": "IN",
	"brazil": "BR", "brasil": "BR", "são paulo": "BR", "mexico": "MX", "méxico": "MX",
	"israel": "IL", "tel aviv": "IL", "south africa": "ZA", "johannesburg": "ZA", "nigeria": "NG", "lagos": "NG",
	"russia": "RU", "moscow": "RU", "philippines": "PH", "manila": "PH", "thailand": "TH", "bangkok": "TH",
	"vietnam": "VN", "indonesia": "ID", "jakarta": "ID", "malaysia": "MY", "kuala lumpur": "MY",
	// Foreign places in Japanese.
	"アメリカ": "US", "米国": "US", "ニューヨーク": "US", "カナダ": "CA", "イギリス": "GB", "英国": "GB", "ロンドン": "GB",
	"フランス": "FR", "パリ": "FR", "ドイツ": "DE", "ベルリン": "DE", "韓国": "KR", "ソウル": "KR", "台湾": "TW",
	"シンガポール": "SG", "オーストラリア": "AU",
	// French words: the language of the text ("Vous souhaitez plus
	// d'informations ? 01 44 54 32 82").
	"vous": "FR", "votre": "FR", "nous": "FR", "notre": "FR", "avec": "FR", "merci": "FR", "bonjour": "FR",
	"cordialement": "FR", "société": "FR", "également": "FR", "très": "FR", "téléphone": "FR",
}

// placeTable is places arranged for one pass over a text: Latin words
// (lower case) and pairs of them, and CJK names by their first rune,
// behind a bit set that turns away most runes at once.
type placeTable struct {
	words, pairs map[string]string
	// wordLens and pairLens say, by the first two letters (a-z, lower
	// case), which lengths words and the first words of pairs have, so
	// that most words of a text are passed over without a map lookup.
	wordLens, pairLens [26 * 26]uint64
	// cjk lists CJK names (kana, kanji, hangul) by their first rune;
	// cjkAt indexes it by the rune's low 12 bits (0: none), so that most
	// runes of a text are passed over at once.
	cjk   [][]string
	cjkAt [4096]uint8
}

var placeIndex = func() *placeTable {
	t := &placeTable{words: map[string]string{}, pairs: map[string]string{}, cjk: [][]string{nil}}
	names := make([]string, 0, len(places))
	for w := range places {
		names = append(names, w)
	}
	sort.Strings(names) // the same table every run
	for _, w := range names {
		region := places[w]
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case r >= 0x2E80: // CJK, kana, hangul
			k := r & 0xFFF
			if t.cjkAt[k] == 0 {
				t.cjkAt[k] = uint8(len(t.cjk))
				t.cjk = append(t.cjk, nil)
			}
			t.cjk[t.cjkAt[k]] = append(t.cjk[t.cjkAt[k]], w)
		case strings.Contains(w, " "):
			t.pairs[w] = region
			if k, ok := prefixKey(w); ok {
				t.pairLens[k] |= 1 << min(strings.IndexByte(w, ' '), 63)
			}
		default:
			t.words[w] = region
			if k, ok := prefixKey(w); ok {
				t.wordLens[k] |= 1 << min(len(w), 63)
			}
		}
	}
	return t
}()

// prefixKey returns the index of the first two letters of w (ASCII,
// either case) in the length masks, or false if they are not a-z.
func prefixKey(w string) (int, bool) {
	if len(w) < 2 {
		return 0, false
	}
	a, b := textscan.LowerByte(w[0]), textscan.LowerByte(w[1])
	if a < 'a' || a > 'z' || b < 'a' || b > 'z' {
		return 0, false
	}
	return int(a-'a')*26 + int(b-'a'), true
}

// isLatin reports whether s[i] starts a letter of a Latin word: ASCII, or
// a Latin-1 or Latin Extended-A letter ("é", "ü", "ø").
func isLatin(s string, i int) bool {
	c := s[i]
	return textscan.IsLetter(c) || (c >= 0xC3 && c <= 0xC5 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0xBF)
}

// latinEnd returns the end of the Latin word at s[i:].
func latinEnd(s string, i int) int {
	for i < len(s) {
		if textscan.IsLetter(s[i]) {
			i++
		} else if isLatin(s, i) {
			i += 2
		} else {
			break
		}
	}
	return i
}

// lower appends s in lower case (ASCII letters) to buf.
func lower(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		buf = append(buf, textscan.LowerByte(s[i]))
	}
	return buf
}

// mayBe reports whether a word of n bytes at w may be in the table with
// lengths lens: false means surely not.
func mayBe(lens *[26 * 26]uint64, w string, n int) bool {
	k, ok := prefixKey(w)
	return !ok || lens[k]&(1<<min(n, 63)) != 0
}

// findPlaces appends the places named in s to out, and US state codes
// before a ZIP code ("MA 02139").
func findPlaces(s string, out []evidence) []evidence {
	t := placeIndex
	var buf [64]byte
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case isLatin(s, i):
			j := latinEnd(s, i)
			if mayBe(&t.wordLens, s[i:j], j-i) && j-i <= len(buf) {
				if region, ok := t.words[string(lower(buf[:0], s[i:j]))]; ok {
					out = append(out, evidence{i - 1, j + 1, region})
				}
			}
			switch {
			case j-i == 1 && (c == 'u' || c == 'U'): // U.S.A., U.K.
				if strings.HasPrefix(s[j:], ".S.A") || strings.HasPrefix(s[j:], ".s.a") {
					out = append(out, evidence{i - 1, j + 5, "US"})
				} else if strings.HasPrefix(s[j:], ".K") || strings.HasPrefix(s[j:], ".k") {
					out = append(out, evidence{i - 1, j + 3, "GB"})
				}
			case j-i == 2 && usStates[s[i:j]] && j+6 <= len(s) && s[j] == ' ':
				k := j + 1
				for k < len(s) && isDigit(s[k]) {
					k++
				}
				if k-j-1 == 5 {
					out = append(out, evidence{i - 1, k + 1, "US"})
				}
			}
			if j+1 < len(s) && s[j] == ' ' && mayBe(&t.pairLens, s[i:j], j-i) && isLatin(s, j+1) {
				k := latinEnd(s, j+1)
				if k-i <= len(buf) {
					if region, ok := t.pairs[string(lower(buf[:0], s[i:k]))]; ok {
						out = append(out, evidence{i - 1, k + 1, region})
					}
				}
			}
			i = j
		case c >= 0xE0 && c < 0xF0 && i+2 < len(s): // a 3-byte rune: CJK, kana, hangul
			k := rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F) // the low 12 bits
			if at := t.cjkAt[k]; at != 0 {
				for _, w := range t.cjk[at] {
					if strings.HasPrefix(s[i:], w) {
						out = append(out, evidence{i, i + len(w), places[w]})
					}
				}
			}
			i += 3
		default:
			i++
		}
	}
	return out
}

// usStates are the US state codes that, before a ZIP code, make an
// address American ("Cambridge, MA 02139").
var usStates = func() map[string]bool {
	m := map[string]bool{}
	// ID is left out: "ID 12345" is more often an identifier.
	for _, s := range strings.Fields(`AL AK AZ AR CA CO CT DE DC FL GA HI IL IN IA KS KY LA ME MD MA MI MN MS MO
		MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY`) {
		m[s] = true
	}
	return m
}()

// vanityTLDs are country-code domains used for their letters, not their
// country.
var vanityTLDs = map[string]bool{
	"ai": true, "am": true, "cc": true, "co": true, "fm": true, "gg": true, "io": true, "la": true, "ly": true,
	"me": true, "nu": true, "sh": true, "tk": true, "to": true, "tv": true, "ws": true, "im": true, "ac": true,
}

// textEvidence collects, once per text and only when a number needs it,
// the evidence of regions in the text other than its script.
type textEvidence struct {
	done  bool
	items []evidence
	// script: 0 not looked at yet, else 1 | 2 if the text has kana | 4 if
	// it has hangul.
	script int
}

// nearestScript is nearestScript(s, start, end), quick for text without
// kana and hangul.
func (e *textEvidence) nearestScript(s string, start, end int) (kana, hangul int) {
	if e.script == 0 {
		e.script = 1
		for i := 0; i < len(s); {
			k := strings.IndexByte(s[i:], 0xE3)
			if k < 0 {
				break
			}
			if i += k; i+1 < len(s) && s[i+1] >= 0x81 && s[i+1] <= 0x83 {
				e.script |= 2
				break
			}
			i++
		}
		for _, lead := range []byte{0xEA, 0xEB, 0xEC, 0xED} {
			if strings.IndexByte(s, lead) >= 0 {
				e.script |= 4 // hangul, or rarer characters: nearestScript tells
				break
			}
		}
	}
	if e.script == 1 {
		return -1, -1
	}
	return nearestScript(s, start, end)
}

func (e *textEvidence) get(s string) []evidence {
	if !e.done {
		e.done = true
		e.items = collectEvidence(s, e.items[:0])
	}
	return e.items
}

// collectEvidence returns the evidence in s but its script: country-code
// domains, +country codes, US state ZIP codes, place names.
func collectEvidence(s string, out []evidence) []evidence {
	for from := 0; ; {
		k := strings.IndexByte(s[from:], '@')
		if k < 0 {
			break
		}
		k += from
		if r, end := tldRegion(s, k+1); r != "" {
			out = append(out, evidence{k, end, r})
		}
		from = k + 1
	}
	for from := 0; ; {
		k := strings.IndexByte(s[from:], '+')
		if k < 0 {
			break
		}
		k += from
		if r, end := ccRegion(s, k); r != "" {
			out = append(out, evidence{k - 1, end, r})
		}
		from = k + 1
	}
	for _, prefix := range []string{"://", "www."} {
		for from := 0; ; {
			k := strings.Index(s[from:], prefix)
			if k < 0 {
				break
			}
			k += from
			host := k + len(prefix)
			if prefix == "www." {
				host = k
			}
			if r, end := tldRegion(s, host); r != "" {
				out = append(out, evidence{k, end, r})
			}
			from = k + len(prefix)
		}
	}
	return findPlaces(s, out)
}

// nearestScript returns how far from s[start:end] the nearest kana and
// hangul are within the evidence window (-1: none); hangul further than
// the nearest kana is not looked for. Kana make text Japanese; kanji alone
// do not (Chinese has them too).
func nearestScript(s string, start, end int) (kana, hangul int) {
	kana, hangul = -1, -1
	lo, hi := max(0, start-evidenceReach), min(len(s), end+evidenceReach)
	// Before the number, nearest first. A rune's lead byte is never a
	// continuation byte, so stepping back byte by byte is safe.
	for i := start - 1; i >= lo; i-- {
		if c := s[i]; c == 0xE3 && i+2 < hi && s[i+1] >= 0x81 && s[i+1] <= 0x83 { // U+3040–U+30FF
			kana = start - i
			break
		} else if c >= 0xEA && c <= 0xED && hangul < 0 && isHangul(s, i, hi) {
			hangul = start - i
		}
	}
	// After it, up to the kana found before.
	for i := end; i < hi && (kana < 0 || i-end+1 < kana); i++ {
		if c := s[i]; c == 0xE3 && i+2 < hi && s[i+1] >= 0x81 && s[i+1] <= 0x83 {
			kana = i - end + 1
			break
		} else if c >= 0xEA && c <= 0xED && (hangul < 0 || i-end+1 < hangul) && isHangul(s, i, hi) {
			hangul = i - end + 1
		}
	}
	return kana, hangul
}

// isHangul reports whether s[i:hi] starts with a hangul syllable.
func isHangul(s string, i, hi int) bool {
	if i+2 >= hi {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:hi])
	return r >= 0xAC00 && r <= 0xD7A3
}

// tldRegion returns the region of the country-code top-level domain of
// the host name at s[i:], or "", and where the host name ends.
func tldRegion(s string, i int) (string, int) {
	j, dot := i, -1
	for j < len(s) {
		c := s[j]
		if c == '.' {
			dot = j
		} else if !(textscan.IsLetter(c) || isDigit(c) || c == '-') {
			break
		}
		j++
	}
	if j > i && s[j-1] == '.' { // a sentence's full stop
		j--
		dot = strings.LastIndexByte(s[i:j], '.')
		if dot >= 0 {
			dot += i
		}
	}
	if dot < 0 || j-dot-1 != 2 {
		return "", j
	}
	tld := textscan.ASCIILower(s[dot+1 : j])
	if vanityTLDs[tld] {
		return "", j
	}
	if tld == "uk" {
		return "GB", j + 1
	}
	r := strings.ToUpper(tld)
	if !phonenumbers.GetSupportedRegions()[r] {
		return "", j
	}
	return r, j + 1
}

// ccRegion returns the main region of the country code of the number
// written with '+' at s[i], or "": "+353 1 6188428" is Irish. It must be a
// number, eight digits or more. It also returns the end of what it read.
func ccRegion(s string, i int) (string, int) {
	if i > 0 && (isAlnum(s[i-1]) || s[i-1] == '+') || i+1 >= len(s) || !isDigit(s[i+1]) {
		return "", i + 1
	}
	nd, j := 0, i+1
	for ; j < len(s) && j < i+24; j++ {
		if c := s[j]; isDigit(c) {
			nd++
		} else if c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' {
			break
		}
	}
	if nd < 8 {
		return "", j
	}
	end := j + 1
	// Country codes are prefix-free: the first prefix that is one is it.
	code := 0
	for j := i + 1; j < len(s) && j < i+4 && isDigit(s[j]); j++ {
		code = code*10 + int(s[j]-'0')
		if r := phonenumbers.GetRegionCodeForCountryCode(code); r != phonenumbers.UNKNOWN_REGION && r != "001" {
			return r, end
		}
	}
	return "", end
}
