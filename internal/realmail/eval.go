package realmail

import (
	"fmt"
	"sort"
	"strings"
)

// Row is the tally of one finding type on the labelled sample.
type Row struct {
	Type string
	// Findings counts the findings in the sample (in partial messages only
	// the labelled ones); TP + FP + Unjudged == Findings.
	Findings, TP, FP, Unjudged int
	// TPGone and FPGone count labels no finding matches any more: a lost
	// true positive, or a false positive a detector no longer makes.
	TPGone, FPGone int
	// MissedFound of MissedTotal known misses are now found.
	MissedFound, MissedTotal int
	// FPReasons counts the false positives by the reason of their label.
	FPReasons map[string]int
}

// Judged is how many findings of the type have a verdict.
func (r Row) Judged() int { return r.TP + r.FP }

// Precision is TP / (TP + FP), or 1 when nothing is judged.
func (r Row) Precision() float64 {
	if r.Judged() == 0 {
		return 1
	}
	return float64(r.TP) / float64(r.Judged())
}

// Evaluation is the labelled sample matched with a scan of its messages.
type Evaluation struct {
	Rows []Row // by type name
	// Unjudged are the findings of fully judged messages with no label.
	Unjudged []Finding
	// Outside counts the unlabelled findings of partially judged messages.
	Outside int
	// Missing are sampled messages the scan did not read.
	Missing []Ref
}

// Total sums the rows.
func (e *Evaluation) Total() Row {
	t := Row{Type: "all"}
	for _, r := range e.Rows {
		t.Findings += r.Findings
		t.TP += r.TP
		t.FP += r.FP
		t.Unjudged += r.Unjudged
		t.TPGone += r.TPGone
		t.FPGone += r.FPGone
		t.MissedFound += r.MissedFound
		t.MissedTotal += r.MissedTotal
	}
	return t
}

type labelKey struct {
	sha, part, location, typ, hash string
}

func keyOf(l Label) labelKey { return labelKey{l.SHA256, l.Part, l.Location, l.Type, l.Hash} }

// Evaluate matches the findings of a scan of the sample's messages with
// the labels. A finding takes the verdict of the label of the same
// message, part, location, type and value; of several such labels, the
// one nearest its offsets.
func Evaluate(msgs []Message, labels []Label, fs []Finding) *Evaluation {
	ev := &Evaluation{}
	mode := map[string]string{}
	drawn := map[string]bool{}
	for _, m := range msgs {
		mode[m.SHA256] = m.Mode
		for _, id := range m.Drawn {
			drawn[id] = true
		}
	}
	byKey := map[labelKey][]int{}
	for i, l := range labels {
		if l.Verdict != Missed {
			byKey[keyOf(l)] = append(byKey[keyOf(l)], i)
		}
	}
	rows := map[string]*Row{}
	row := func(t string) *Row {
		if rows[t] == nil {
			rows[t] = &Row{Type: t, FPReasons: map[string]int{}}
		}
		return rows[t]
	}
	used := make([]bool, len(labels))
	seen := map[string]bool{}
	for i := range fs {
		f := &fs[i]
		m, ok := mode[f.MessageSHA256]
		if !ok {
			continue // a message read beside a sampled one (same mbox)
		}
		seen[f.MessageSHA256] = true
		l := nearest(labels, byKey[keyOf(LabelOf(f))], f.Start)
		if l < 0 && m == Partial && !drawn[f.ID] {
			ev.Outside++
			continue
		}
		r := row(f.Type)
		r.Findings++
		switch {
		case l < 0:
			r.Unjudged++
			ev.Unjudged = append(ev.Unjudged, *f)
		case labels[l].Verdict == TP:
			r.TP++
			used[l] = true
		default:
			r.FP++
			r.FPReasons[labels[l].Reason]++
			used[l] = true
		}
	}
	for _, m := range msgs {
		if !seen[m.SHA256] && m.Findings > 0 {
			ev.Missing = append(ev.Missing, m.Ref)
		}
	}
	for i, l := range labels {
		r := row(l.Type)
		switch {
		case l.Verdict == Missed:
			r.MissedTotal++
			if found(l, fs) {
				r.MissedFound++
			}
		case used[i]:
		case l.Verdict == TP:
			r.TPGone++
		default:
			r.FPGone++
		}
	}
	for _, r := range rows {
		ev.Rows = append(ev.Rows, *r)
	}
	sort.Slice(ev.Rows, func(i, j int) bool { return ev.Rows[i].Type < ev.Rows[j].Type })
	return ev
}

// nearest is the label of idx whose start is nearest start, or -1.
func nearest(labels []Label, idx []int, start int) int {
	best, dist := -1, 0
	for _, i := range idx {
		d := labels[i].Start - start
		if d < 0 {
			d = -d
		}
		if best < 0 || d < dist {
			best, dist = i, d
		}
	}
	return best
}

// found reports whether a finding of fs is the miss l: same message and
// type, and the same value or, when l has offsets, a span of the same part
// covering at least 80% of l's.
func found(l Label, fs []Finding) bool {
	for i := range fs {
		f := &fs[i]
		if f.MessageSHA256 != l.SHA256 || f.Type != l.Type {
			continue
		}
		if ValueHash(f.Value) == l.Hash {
			return true
		}
		// The same place read with another normalization: the finding must
		// cover most of the span, so that a cut value (an address cut at
		// an apostrophe) does not count as the whole.
		if l.End > l.Start && f.Part == l.Part && f.Location == l.Location &&
			5*(min(f.End, l.End)-max(f.Start, l.Start)) >= 4*(l.End-l.Start) {
			return true
		}
	}
	return false
}

// Table renders the evaluation as a fixed-width table, one type a line,
// then the false positives by reason.
func (e *Evaluation) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-18s %6s %5s %5s %8s %9s %7s %7s %12s\n", "type", "n", "tp", "fp", "unjudged", "precision", "tp-gone", "fp-gone", "missed-found")
	line := func(r Row) {
		p := "-"
		if r.Judged() > 0 {
			p = fmt.Sprintf("%.3f", r.Precision())
		}
		fmt.Fprintf(&b, "%-18s %6d %5d %5d %8d %9s %7d %7d %12s\n", r.Type, r.Findings, r.TP, r.FP, r.Unjudged, p, r.TPGone, r.FPGone, fmt.Sprintf("%d/%d", r.MissedFound, r.MissedTotal))
	}
	for _, r := range e.Rows {
		line(r)
	}
	line(e.Total())
	for _, r := range e.Rows {
		if len(r.FPReasons) == 0 {
			continue
		}
		reasons := make([]string, 0, len(r.FPReasons))
		for k := range r.FPReasons {
			reasons = append(reasons, k)
		}
		sort.Slice(reasons, func(i, j int) bool {
			a, b := r.FPReasons[reasons[i]], r.FPReasons[reasons[j]]
			return a > b || a == b && reasons[i] < reasons[j]
		})
		fmt.Fprintf(&b, "false positives of %s:\n", r.Type)
		for _, k := range reasons {
			fmt.Fprintf(&b, "  %4d  %s\n", r.FPReasons[k], k)
		}
	}
	return b.String()
}
