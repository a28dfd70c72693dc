package phone

import (
	"strings"

	"github.com/nyaruka/phonenumbers"

	"github.com/mailsift/mailsift/detectors"
)

// resolve returns the candidate's number in E.164 form if it is a valid
// number of a region the evidence names, in this order:
//
//  1. written with '+' or the international prefix 00: its country code;
//  2. the region of the phone keyword's language, and of the script
//     nearby (kana, hangul), nearest first;
//  3. the shapes only NANP numbers and Chinese mobiles have;
//  4. the other regions the text names (evidence.go), nearest first, then
//     WithRegion's. Gathering them costs a pass over the text, so only a
//     number that looks like one gets there: next to a phone keyword, or
//     grouped after a trunk 0;
//  5. the Japanese and French shapes (shapeRegions).
//
// In 2 and 4 the number must be valid in the region and written as
// numbers there are (fits); outside Japan a run of digits also needs a
// phone keyword: an Italian text's 11-digit tax numbers are valid Italian
// numbers. The leading groups of a longer run ("080 1234 5678 2024年")
// are only read as Japanese numbers: elsewhere a run of groups is a number
// of its own ("+ 45 45 94 55 00").
//
// A number none of these place is not reported: "0925021429" in English
// text is not a Japanese number for want of another reading.
func (d *Detector) resolve(t *detectors.Text, c *candidate, labelled bool, labelRegion string, ev *textEvidence) (string, bool) {
	digits := c.digits
	if c.international {
		return d.validInternational(digits)
	}
	// "0081 3 1234 5678": the international prefix 00, as written in
	// Japan for callers from abroad and in most of the world.
	if strings.HasPrefix(digits, "00") && !strings.HasPrefix(digits, "000") {
		if e164, ok := d.validInternational(digits[2:]); ok {
			return e164, true
		}
	}
	if !c.whole {
		return d.resolveJP(t, c, labelled, labelRegion, ev)
	}
	var near regionList
	if labelRegion != "" {
		near.add(labelRegion, -1)
	}
	kana, hangul := ev.nearestScript(t.Norm, c.start, c.end)
	if kana >= 0 {
		near.add("JP", kana)
	}
	if hangul >= 0 {
		near.add("KR", hangul)
	}
	var tried regionList // each region once
	if e164, ok := d.tryRegions(c, near.sorted(), labelled, &tried); ok {
		return e164, true
	}
	shapes := shapeRegions(c, labelled)
	if e164, ok := d.tryShapes(digits, shapes&(shapeUS|shapeCN), &tried); ok {
		return e164, true
	}
	var far regionList
	if labelled || c.ng >= 2 && digits[0] == '0' {
		lo, hi := c.start-evidenceReach, c.end+evidenceReach
		for _, e := range ev.get(t.Norm) {
			if e.pos < lo || e.end > hi {
				continue
			}
			dist := c.start - e.end
			if e.pos >= c.end {
				dist = e.pos - c.end
			}
			far.add(e.region, max(dist, 0))
		}
	}
	if d.home != "" {
		far.add(d.home, 1<<30)
	}
	if e164, ok := d.tryRegions(c, far.sorted(), labelled, &tried); ok {
		return e164, true
	}
	return d.tryShapes(digits, shapes&(shapeJP|shapeFR), &tried)
}

// tryShapes returns digits as a number of the first region of the shape
// bits where it is valid, but for regions tried before.
func (d *Detector) tryShapes(digits string, shapes int, tried *regionList) (string, bool) {
	for _, s := range shapeRegionCodes {
		// A region's own shape fits it, so a region tried by evidence
		// failed on validity: it is not tried again.
		if shapes&s.bit != 0 && tried.first(s.region) {
			if e164, ok := d.validIn(digits, s.region); ok {
				return e164, true
			}
		}
	}
	return "", false
}

// tryRegions returns c as a number of the first of regions where it is
// valid and written as numbers there are; tried lists the regions tried
// before, which are not tried again.
func (d *Detector) tryRegions(c *candidate, regions []string, labelled bool, tried *regionList) (string, bool) {
	for _, r := range regions {
		if c.ng == 1 && !labelled && r != "JP" || !tried.first(r) {
			continue
		}
		if e164, ok := d.validIn(c.digits, r); ok && fits(c, r, e164) {
			return e164, true
		}
	}
	return "", false
}

// resolveJP is resolve for the leading groups of a run: a Japanese number
// by shape, keyword or kana nearby.
func (d *Detector) resolveJP(t *detectors.Text, c *candidate, labelled bool, labelRegion string, ev *textEvidence) (string, bool) {
	kana, _ := ev.nearestScript(t.Norm, c.start, c.end)
	if !(labelRegion == "JP" || kana >= 0 || d.home == "JP" || jpShape(c, false) || labelled && jpMobile(c.digits)) {
		return "", false
	}
	e164, ok := d.validIn(c.digits, "JP")
	if !ok || !fits(c, "JP", e164) {
		return "", false
	}
	return e164, true
}

// regionList is the regions of the evidence with the distance of the
// nearest evidence of each.
type regionList struct {
	n    int
	r    [16]string
	dist [16]int
}

func (l *regionList) add(region string, dist int) {
	for i := range l.n {
		if l.r[i] == region {
			l.dist[i] = min(l.dist[i], dist)
			return
		}
	}
	if l.n < len(l.r) {
		l.r[l.n], l.dist[l.n] = region, dist
		l.n++
	}
}

// first adds region and reports whether it was not there yet.
func (l *regionList) first(region string) bool {
	for i := range l.n {
		if l.r[i] == region {
			return false
		}
	}
	l.add(region, 0)
	return true
}

// sorted returns the regions, nearest first.
func (l *regionList) sorted() []string {
	for i := 1; i < l.n; i++ { // insertion sort: a handful of regions
		for j := i; j > 0 && l.dist[j] < l.dist[j-1]; j-- {
			l.r[j], l.r[j-1] = l.r[j-1], l.r[j]
			l.dist[j], l.dist[j-1] = l.dist[j-1], l.dist[j]
		}
	}
	return l.r[:l.n]
}

// validIn returns digits, a number written in national form, in E.164
// form if it is a valid number of region: through the region's plan when
// it has an answer, else through Parse.
func (d *Detector) validIn(digits, region string) (string, bool) {
	ri := d.info(region)
	switch {
	case ri == nil:
		return "", false
	case ri.nanp:
		if !nanpPossible(digits) {
			return "", false
		}
	case !strings.HasPrefix(digits, ri.trunk):
		return "", false // 20240502, 1234-5678-9012: no trunk prefix
	}
	if ri.plan != nil {
		if e164, ok, handled := ri.plan.national(digits); handled {
			return e164, ok
		}
	}
	return Valid(digits, region)
}

// validInternational validates digits written after a '+'.
func (d *Detector) validInternational(digits string) (string, bool) {
	if rest, ok := strings.CutPrefix(digits, "81"); ok {
		return d.info("JP").plan.international(rest)
	}
	return Valid("+"+digits, phonenumbers.UNKNOWN_REGION)
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
