package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mailsift/mailsift/internal/mailgen"
)

// TestGeneratedMailDecodesExactly decodes every message of the seeded
// generator and compares the text of every part with the text that was
// put in: every charset, transfer encoding, header form and hostile case.
func TestGeneratedMailDecodesExactly(t *testing.T) {
	opts := mailgen.SampleOptions()
	opts.Messages = 200
	opts.Big = !testing.Short()
	for _, seed := range []int64{1, 2, 3} {
		opts.Seed = seed
		for _, gm := range mailgen.Generate(opts).Messages {
			t.Run(gm.Name, func(t *testing.T) { checkGenerated(t, gm) })
		}
	}
}

func checkGenerated(t *testing.T, gm *mailgen.Message) {
	m := Parse(gm.Raw, Options{})
	exp := gm.Expect
	if exp.Subject != "" && m.Subject != exp.Subject {
		t.Errorf("subject = %q, want %q", m.Subject, exp.Subject)
	}
	for _, s := range exp.SubjectContains {
		if !strings.Contains(m.Subject, s) {
			t.Errorf("subject %q lacks %q", m.Subject, s)
		}
	}
	if exp.FromAddr != "" && (len(m.From) == 0 || !strings.EqualFold(m.From[0].Addr, exp.FromAddr)) {
		t.Errorf("from = %v, want %s", m.From, exp.FromAddr)
	}
	if exp.FromName != "" && (len(m.From) == 0 || m.From[0].Name != exp.FromName) {
		t.Errorf("from name = %v, want %q", m.From, exp.FromName)
	}
	byLoc := map[string][]*Part{}
	for _, p := range m.Parts {
		byLoc[p.Location] = append(byLoc[p.Location], p)
	}
	used := map[*Part]bool{}
	take := func(loc string) *Part {
		for _, p := range byLoc[loc] {
			if !used[p] {
				used[p] = true
				return p
			}
		}
		return nil
	}
	for _, ep := range exp.Parts {
		p := take(ep.Location)
		if p == nil {
			if !ep.Optional {
				t.Errorf("part %s missing; have %v", ep.Location, locations(m))
			}
			continue
		}
		if ep.Text != "" {
			if diff := cmp.Diff(ep.Text, p.Text); diff != "" {
				t.Errorf("part %s text (-want +got)\n%s", ep.Location, diff)
			}
		}
		for _, s := range ep.Contains {
			if !strings.Contains(p.Text, s) {
				t.Errorf("part %s lacks %q", ep.Location, s)
			}
		}
		for _, s := range ep.NotContains {
			if strings.Contains(p.Text, s) {
				t.Errorf("part %s must not contain %q", ep.Location, s)
			}
		}
	}
	for _, loc := range exp.Binary {
		if p := take(loc); p == nil || p.Status != StatusBinary || len(p.Data) == 0 {
			t.Errorf("binary part %s missing or empty", loc)
		}
	}
	if len(m.Errors) < exp.MinErrors {
		t.Errorf("errors = %d (%v), want at least %d", len(m.Errors), m.Errors, exp.MinErrors)
	}
	if !exp.Hostile && len(m.Errors) != 0 {
		t.Errorf("clean message has errors: %v", m.Errors)
	}
	// A part is never dropped silently: every part decoded or was counted.
	for _, p := range m.Parts {
		if p.Status != StatusText && p.Status != StatusBinary {
			t.Errorf("part %s status %q", p.Path, p.Status)
		}
	}
}

func locations(m *Message) []string {
	var out []string
	for _, p := range m.Parts {
		out = append(out, p.Location)
	}
	return out
}
