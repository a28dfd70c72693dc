package rule

import (
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// Context says which words around a candidate support or veto it, within
// how many runes (Purview/Macie style: by characters, not tokens), and the
// confidence that follows. The column header of a table cell (t.Column)
// counts as a word right in front of the text, as in Macie.
//
// The nearest word decides: a veto word nearer to the candidate than every
// support word drops it ("注文番号" after "マイナンバー" in the same
// sentence), and so does one as near (a veto word often ends with a
// support word). Context windows never reach further than
// detectors.MaxContext bytes from the candidate.
type Context struct {
	Support *textscan.Words // words that announce the kind of value
	Veto    *textscan.Words // words that announce another kind of value of the same shape
	// Before is how many runes may stand between the end of a word and
	// the candidate; After, between the candidate and the start of a word.
	Before, After int
	// Near is the distance in runes within which a support word counts as
	// a label of the candidate.
	Near int
	// Confidence for a support word within Near runes or in the column
	// header, for one further away within the window, and for none. 0
	// drops the candidate.
	NearConfidence, FarConfidence, NoneConfidence float64
}

// Evidence is what a Context found about one candidate.
type Evidence struct {
	Support  bool   // a support word is in the window or the column header
	Column   bool   // the support word is in the column header
	Vetoed   bool   // a veto word is at least as near as any support word
	Distance int    // runes between the candidate and the nearest support word
	Word     string // that support word as it is in the text (or column)
	// WordStart is where that word starts in t.Norm; -1 for the column.
	WordStart int
}

// Judge weighs the words around the span [start, end) of t.Norm.
func (c *Context) Judge(t *detectors.Text, start, end int) Evidence {
	ev := Evidence{Distance: -1, WordStart: -1}
	vetoDist := -1
	closer := func(d, best int) bool { return d >= 0 && (best < 0 || d < best) }
	// Windows reach as far as a word that ends (before) or starts
	// (after) within the distance, so they hold the longest word as well.
	reach := max(c.Support.MaxRunes(), c.Veto.MaxRunes())
	if c.Before > 0 {
		w := clampBefore(t.Before(start, c.Before+reach))
		base := start - len(w)
		if s, e := c.Support.Last(w); s >= 0 {
			if d := utf8.RuneCountInString(w[e:]); d <= c.Before {
				ev.Support, ev.Distance, ev.Word, ev.WordStart = true, d, w[s:e], base+s
			}
		}
		if _, e := c.Veto.Last(w); e >= 0 {
			if d := utf8.RuneCountInString(w[e:]); d <= c.Before {
				vetoDist = d
			}
		}
	}
	if c.After > 0 {
		w := clampAfter(t.After(end, c.After+reach))
		if s, e := c.Support.First(w); s >= 0 {
			if d := utf8.RuneCountInString(w[:s]); d <= c.After && closer(d, ev.Distance) {
				ev.Support, ev.Distance, ev.Word, ev.WordStart = true, d, w[s:e], end+s
			}
		}
		if s, _ := c.Veto.First(w); s >= 0 {
			if d := utf8.RuneCountInString(w[:s]); d <= c.After && closer(d, vetoDist) {
				vetoDist = d
			}
		}
	}
	switch {
	case vetoDist >= 0 && (!ev.Support || vetoDist <= ev.Distance):
		ev.Vetoed = true
	case !ev.Support && t.Column != "":
		// The window says nothing: the column header decides.
		sS, sE := c.Support.Last(t.Column)
		vS, vE := c.Veto.Last(t.Column)
		switch {
		case vS >= 0 && vE >= sE:
			ev.Vetoed = true
		case sS >= 0:
			ev.Support, ev.Column, ev.Distance, ev.Word = true, true, 0, t.Column[sS:sE]
		}
	}
	return ev
}

// Confidence returns the confidence that the evidence gives, 0 to drop.
func (c *Context) Confidence(ev Evidence) float64 {
	switch {
	case ev.Vetoed:
		return 0
	case ev.Support && ev.Distance <= c.Near:
		return c.NearConfidence
	case ev.Support:
		return c.FarConfidence
	}
	return c.NoneConfidence
}

// clampBefore keeps the last detectors.MaxContext bytes of a window that
// ends at a candidate, cut at a rune start.
func clampBefore(w string) string {
	if len(w) <= detectors.MaxContext {
		return w
	}
	i := len(w) - detectors.MaxContext
	for i < len(w) && !utf8.RuneStart(w[i]) {
		i++
	}
	return w[i:]
}

// clampAfter keeps the first detectors.MaxContext bytes of a window that
// starts after a candidate, cut at a rune start.
func clampAfter(w string) string {
	if len(w) <= detectors.MaxContext {
		return w
	}
	i := detectors.MaxContext
	for i > 0 && !utf8.RuneStart(w[i]) {
		i--
	}
	return w[:i]
}

// Before returns at most n runes of t.Norm that end at byte offset pos,
// and at most detectors.MaxContext bytes, the reach a detector's decision
// may have (see detectors.Detector).
func Before(t *detectors.Text, pos, n int) string { return clampBefore(t.Before(pos, n)) }

// After returns at most n runes of t.Norm that start at byte offset pos,
// and at most detectors.MaxContext bytes.
func After(t *detectors.Text, pos, n int) string { return clampAfter(t.After(pos, n)) }
