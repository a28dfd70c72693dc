package birthdate

import (
	"strings"
	"time"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/jdate"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match.
const (
	// LabelConfidence is for a date right after a birth label on the same
	// line (生年月日: …, DOB …), in a birth column, or followed by 生/生まれ
	// or an age ("1985年3月12日生", "1985/03/12 (39歳)").
	LabelConfidence = 0.95
	// NearConfidence is for a birth keyword further away in the window.
	NearConfidence = 0.85
	// WeakConfidence is for the weaker keywords 誕生日, birthday, born.
	WeakConfidence = 0.8
	// AmbiguousConfidence caps a numeric date whose day and month can be
	// read both ways (03/04/1985): the value may be the wrong reading.
	AmbiguousConfidence = 0.6
)

// maxAge is the oldest plausible age (pii-formats B7: age 0–120).
const maxAge = 120

// Detector finds birth dates. pii-formats B7: a date alone is never a
// birth date; it needs a birth keyword within windowRunes before it with
// no nearer keyword of another kind of date (発行日, 有効期限, 会議 …) and no
// other date in between, a birth table column, or a birth marker right
// after it. The date must be plausible: not after the reference date and
// at most 120 years before it. A Detector is read-only after New and safe
// for concurrent use.
type Detector struct {
	ref   jdate.Date // reference date for plausible ages
	order Order      // how to read ambiguous numeric dates
}

// Option configures a Detector.
type Option func(*Detector)

// WithReference sets the date ages are computed at (default: the day New
// was called). A scan of an old mailbox may set it to the acquisition
// date; tests set it to a fixed day.
func WithReference(t time.Time) Option {
	return func(d *Detector) { d.ref = jdate.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()} }
}

// Order says how to read a numeric date whose day and month can be read
// both ways (03/04/1985).
type Order uint8

// Orders of ambiguous dates.
const (
	// BySeparator reads 03/04/1985 and 03-04-1985 month first, as in the
	// US, and 03.04.1985 day first, as in Europe.
	BySeparator Order = iota
	MonthFirst
	DayFirst
)

// WithOrder sets how ambiguous numeric dates are read (default
// BySeparator). An investigator who knows the mailbox is British sets
// DayFirst.
func WithOrder(o Order) Option {
	return func(d *Detector) { d.order = o }
}

// New returns a birth date detector.
func New(opts ...Option) *Detector {
	d := &Detector{}
	WithReference(time.Now())(d)
	for _, o := range opts {
		o(d)
	}
	return d
}

// Name implements detectors.Detector.
func (*Detector) Name() string { return "birth_date" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.BirthDate} }

// Keywords implements detectors.Detector: the birth keywords, "日生" for
// "…12日生", and "歳", "才", "(age" for "1985/03/12 (39歳)".
func (*Detector) Keywords() []string {
	return []string{
		"生年月日", "生年", "誕生", "生まれ", "生れ", "出生", "日生", "歳", "才", "(age",
		"dob", "d.o.b", "birth", "born", "bday", "b-day",
	}
}

// maxLen bounds a date's length: "平成二十三年十一月二十日" is 36 bytes,
// "昭和 60 (1985) 年 12 月 31 日" about 40.
const maxLen = 64

// MaxLen implements detectors.Detector.
func (*Detector) MaxLen() int { return maxLen }

// Detect implements detectors.Detector.
func (d *Detector) Detect(t *detectors.Text) []detectors.Match {
	if skipField(t.Field) {
		return nil
	}
	column := classifyColumn(t.Column)
	if column == vetoed {
		return nil
	}
	var ms []detectors.Match
	prevEnd := -1
	for _, sp := range d.candidates(t, column) {
		c := d.judge(t, sp, prevEnd, column)
		prevEnd = sp.End
		if c == 0 {
			continue
		}
		date := sp.Date
		if sp.Ambiguous {
			c = min(c, AmbiguousConfidence)
			if (d.order == DayFirst && !sp.DayFirst) || (d.order == MonthFirst && sp.DayFirst) {
				date = sp.Alt
			}
		}
		if !d.plausible(date) {
			continue
		}
		ms = append(ms, detectors.Match{
			Type: pii.BirthDate, Start: sp.Start, End: sp.End,
			Value: date.String(), Confidence: c,
		})
	}
	return ms
}

func (d *Detector) plausible(date jdate.Date) bool {
	age := date.YearsTo(d.ref)
	return date.Compare(d.ref) <= 0 && age <= maxAge
}

// skipField reports whether text of this location cannot hold a birth
// date: mail headers (Date, Received, Message-ID …) other than Subject.
func skipField(field string) bool {
	return strings.HasPrefix(field, "header:") && !strings.EqualFold(field, "header:Subject")
}
