package people

import (
	"context"
	"fmt"
	"slices"

	"github.com/mailsift/mailsift/people/resolve"
	"github.com/mailsift/mailsift/pii"
	"github.com/mailsift/mailsift/report"
	"github.com/mailsift/mailsift/store"
)

// Access is what scan --scope recorded about the cases: which messages
// the attacker accessed.
type Access struct {
	Read     func(messageSHA256 string) bool
	Messages int      // messages accessed (by Message-ID or folder sync)
	Synced   int      // of those, by folder sync only
	Missing  int      // messages and folders the exports name that the cases lack
	Files    []string // the exports, "file (sha256 …)"
	// Headline makes the accessed view the report's headline; the whole
	// mailbox's counts are then the other view.
	Headline bool
}

// Views of a count: every message of the case(s), or the messages the
// attacker accessed (scan --scope).
const (
	ViewAll      = "all"
	ViewAccessed = "accessed"
)

// accessedView returns the people of res as the accessed messages show
// them: a person counts when a finding about them is in an accessed
// message, with the items of those findings only. People are resolved
// over the whole mailbox first (more evidence links identities better),
// so a person has the same id in both views.
func accessedView(ctx context.Context, cases []string, res *resolve.Result, accessed func(string) bool) (*resolve.Result, error) {
	items := map[string]map[string]bool{} // person → types
	msgs := map[string]map[string]bool{}  // person → messages
	out := &resolve.Result{Person: map[string]string{}, Conflicts: res.Conflicts}
	for _, dir := range cases {
		err := store.EachFinding(dir, func(f *store.Finding) error {
			if !accessed(f.MessageSHA256) {
				return nil
			}
			id, ok := res.Person[f.ID]
			if !ok {
				out.Unattributed++
				return ctx.Err()
			}
			out.Person[f.ID] = id
			if items[id] == nil {
				items[id], msgs[id] = map[string]bool{}, map[string]bool{}
			}
			items[id][f.Type] = true
			msgs[id][f.MessageSHA256] = true
			return ctx.Err()
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
	}
	for _, p := range res.People {
		if items[p.ID] == nil {
			continue
		}
		q := *p
		q.Items = nil
		for _, t := range pii.Names() {
			if items[p.ID][t] {
				q.Items = append(q.Items, t)
			}
		}
		q.Messages = slices.DeleteFunc(slices.Clone(p.Messages), func(m string) bool { return !msgs[p.ID][m] })
		out.People = append(out.People, &q)
	}
	return out, nil
}

// viewCount is the short form of a report for the other view.
func viewCount(view string, r *report.Report) report.ViewCount {
	v := report.ViewCount{View: view, PeopleTotal: r.PeopleTotal, Messages: r.Scope.Messages}
	for _, c := range r.Categories {
		v.Categories = append(v.Categories, report.CategoryCount{ID: c.ID, Label: c.Label, People: c.People})
	}
	return v
}
