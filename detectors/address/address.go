package address

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match.
const (
	// PostalConfidence is for 〒 + municipality + block number.
	PostalConfidence = 0.95
	// FullConfidence is for prefecture + municipality + block number, or
	// any address after a label or in an address column.
	FullConfidence = 0.9
	// PartialConfidence is for 〒 + municipality without a block number,
	// and label + prefecture + municipality.
	PartialConfidence = 0.8
	// CityConfidence is for a Tokyo ward or designated city without
	// prefecture or 〒, with town and block number: 千代田区丸の内1-2-3.
	CityConfidence = 0.75
	// EnglishConfidence is for the line after an English label.
	EnglishConfidence = 0.85
)

// MaxLen bounds an address in bytes: about 130 Japanese characters.
const MaxLen = 400

// Detector finds postal addresses. A Japanese address is a prefecture
// (one of the 47), a Tokyo ward or designated city, or a 〒 postal code,
// followed by 市区町村, 町名, a block number (丁目/番地/号, 1-2-3) and an
// optional building, floor and room (building.go); a Western address is
// read around its postcode (western.go); a label (住所, 所在地, Address …) or an address
// column makes the rest of the line an address, whatever its form. A
// postal code alone is not an address, nor is a prefecture or city
// mentioned in a sentence ("東京都で開催"). Company addresses in
// signatures are addresses too: deciding whose address it is is left to
// the person-level logic. Values are the span with whitespace collapsed
// to single spaces. A Detector is read-only after New and safe for
// concurrent use.
type Detector struct {
	// anchors finds 〒, prefectures, big cities and labels in one pass.
	anchors  *rule.Cues
	kinds    []anchorKind // by word index
	keywords []string
}

// anchorKind is what an anchor pattern is.
type anchorKind uint8

const (
	postalMark anchorKind = iota
	prefectureName
	bigCityName
	labelWord
)

// New returns an address detector.
func New() *Detector {
	d := &Detector{}
	var patterns []string
	add := func(k anchorKind, ws ...string) {
		for _, w := range ws {
			patterns = append(patterns, w)
			d.kinds = append(d.kinds, k)
		}
	}
	add(postalMark, "〒")
	add(prefectureName, prefectures...)
	add(bigCityName, bigCities...)
	add(labelWord, labels...)
	d.anchors = rule.NewCues(patterns...)
	d.keywords = append([]string{"〒"}, prefectures...)
	d.keywords = append(d.keywords, bigCities...)
	d.keywords = append(d.keywords, labels...)
	d.keywords = append(d.keywords, westernKeywords()...)
	return d
}

// Name implements detectors.Detector.
func (*Detector) Name() string { return "address" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.Address} }

// Keywords implements detectors.Detector: 〒, the prefectures, the big
// cities, the labels and the Western postcode and street words
// (westernKeywords).
func (d *Detector) Keywords() []string { return slices.Clone(d.keywords) }

// MaxLen implements detectors.Detector.
func (*Detector) MaxLen() int { return MaxLen }

// span is a found address.
type span struct {
	start, end int
	confidence float64
}

// anchor is a place where an address may start or a label.
type anchor struct {
	start, end int
	kind       anchorKind
}

// Detect implements detectors.Detector.
func (d *Detector) Detect(t *detectors.Text) []detectors.Match {
	s := t.Norm
	var spans []span
	if isAddressColumn(t.Column) {
		if sp, ok := columnAddress(s); ok {
			spans = append(spans, sp)
		}
	}
	var as []anchor
	// Overlapping occurrences too ("京都" in "京都府" and "京都市").
	d.anchors.FindAll(s, func(start, k int) {
		as = append(as, anchor{start, start + len(d.anchors.Word(k)), d.kinds[k]})
	})
	slices.SortFunc(as, func(a, b anchor) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	spans = append(spans, japanese(s, as)...)
	spans = append(spans, labelled(s, as)...)
	spans = append(spans, western(s)...)
	if len(spans) == 0 {
		return nil
	}
	// Keep the longest of overlapping spans, with the best confidence.
	slices.SortFunc(spans, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	var ms []detectors.Match
	for _, sp := range spans {
		if n := len(ms); n > 0 && sp.start < ms[n-1].End {
			last := &ms[n-1]
			last.Confidence = max(last.Confidence, sp.confidence)
			if sp.end > last.End && sp.end-last.Start <= MaxLen {
				last.End = sp.end
				last.Value = normalize(s[last.Start:last.End])
			}
			continue
		}
		ms = append(ms, detectors.Match{
			Type: pii.Address, Start: sp.start, End: sp.end,
			Value: normalize(s[sp.start:sp.end]), Confidence: sp.confidence,
		})
	}
	for i := range ms {
		ms[i].Scope = scopeOf(t, ms[i].Start, ms[i].End)
	}
	return ms
}

// normalize collapses whitespace (line breaks too) to single spaces and
// drops the quote marks of a reply that stand between the lines of a
// Western address ("44 Farquhar Street,\n> Boston, MA 02131").
func normalize(s string) string {
	fs := strings.Fields(s)
	out := fs[:0]
	for _, f := range fs {
		if strings.Trim(f, ">") != "" {
			out = append(out, f)
		}
	}
	return strings.Join(out, " ")
}

// isAddressColumn reports whether a column header names addresses.
func isAddressColumn(col string) bool {
	if col == "" {
		return false
	}
	c := strings.ToLower(col)
	for _, l := range labels {
		if strings.Contains(c, l) {
			return !afterNotPostal(c, strings.Index(c, l))
		}
	}
	return false
}

// columnAddress takes a whole cell of an address column as an address if
// it has what an address has: a digit, a prefecture or a municipality.
func columnAddress(s string) (span, bool) {
	t := strings.TrimSpace(s)
	if t == "" || len(t) > MaxLen || !looksLikeAddress(t) {
		return span{}, false
	}
	start := strings.Index(s, t)
	return span{start, start + len(t), FullConfidence}, true
}

// looksLikeAddress reports whether the value of a label or cell may be an
// address: it holds a digit or a Japanese place, and no e-mail or URL.
func looksLikeAddress(v string) bool {
	l := strings.ToLower(v)
	if strings.ContainsAny(v, "@") || strings.Contains(l, "http") || strings.Contains(l, "www.") {
		return false
	}
	// Markup, not an address: HTML forms and entities in text parts
	// ("Address:&nbsp; <input type=\"text\" ...>", seen on SpamAssassin).
	if strings.ContainsAny(v, "<>{}") || strings.Contains(l, "&nbsp;") || strings.Contains(l, "&#") {
		return false
	}
	if strings.ContainsAny(v, "0123456789") {
		// An ASCII value needs a letter too: "10.0.0.1" is no address.
		return !isASCII(v) || strings.ContainsFunc(v, func(r rune) bool { return r|0x20 >= 'a' && r|0x20 <= 'z' })
	}
	for _, suf := range []string{"都", "道", "府", "県", "市", "区", "町", "村", "丁目"} {
		if strings.Contains(v, suf) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
