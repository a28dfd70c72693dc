package realmail

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
)

// SampleOptions choose the labelled messages.
type SampleOptions struct {
	Seed uint64
	// PerType findings are drawn at random of every type.
	PerType int
	// MaxFull is the most findings a message may have to be judged in full;
	// a message with more is judged on its drawn findings only (Partial).
	MaxFull int
}

// Sample draws, for every finding type of res, up to PerType findings at
// random (fixed seed; the candidates are ordered by finding id first, so
// the draw depends only on the findings, not on the scan's order) and
// returns their messages: judged in full when they have at most MaxFull
// findings, else on their drawn findings only (Message.Drawn).
func Sample(res *Result, o SampleOptions) []Message {
	byType := map[string][]*Finding{}
	for i := range res.Findings {
		f := &res.Findings[i]
		byType[f.Type] = append(byType[f.Type], f)
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	sort.Strings(types)
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	msgs := map[string]*Message{}
	var order []string
	for _, t := range types {
		c := byType[t]
		sort.Slice(c, func(i, j int) bool { return c[i].ID < c[j].ID })
		rng.Shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
		for _, f := range c[:min(o.PerType, len(c))] {
			m := msgs[f.MessageSHA256]
			if m == nil {
				n := res.PerMessage[f.MessageSHA256]
				m = &Message{Ref: f.Ref, Mode: Full, Findings: n}
				if n > o.MaxFull {
					m.Mode = Partial
				}
				msgs[f.MessageSHA256] = m
				order = append(order, f.MessageSHA256)
			}
			if m.Mode == Partial && !slices.Contains(m.Drawn, f.ID) {
				m.Drawn = append(m.Drawn, f.ID)
			}
		}
	}
	out := make([]Message, 0, len(order))
	for _, s := range order {
		m := *msgs[s]
		sort.Strings(m.Drawn)
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool {
		return strings.Compare(out[i].Path, out[j].Path) < 0 || out[i].Path == out[j].Path && out[i].Index < out[j].Index
	})
	return out
}

// ToJudge are the findings of res a judge must see: those of the sample's
// messages (in partial messages only the drawn ones) that no label
// matches.
func ToJudge(msgs []Message, labels []Label, res *Result) []Finding {
	return Evaluate(msgs, labels, res.Findings).Unjudged
}
