package report

import (
	"bytes"
	"encoding/json"
	"io"
	"time"
)

// The JSON document: the keys of the interface (people_total, categories,
// combinations, special, people) in its order, then the extra keys. Keys
// are never renamed; new ones are added at the end of their object.
type jsonReport struct {
	PeopleTotal  int               `json:"people_total"`
	Categories   []jsonCategory    `json:"categories"`
	Combinations []jsonCombination `json:"combinations"`
	Special      jsonSpecial       `json:"special"`
	People       []jsonPerson      `json:"people"`

	Lang       string         `json:"lang"`
	Generated  string         `json:"generated,omitempty"`
	View       string         `json:"view"`
	ItemLabels ordered        `json:"item_labels"`
	Scope      jsonScope      `json:"scope"`
	Review     jsonReview     `json:"review"`
	Unmatched  []jsonDomain   `json:"unmatched"`
	Definition jsonDefinition `json:"definition"`
	// With scan --scope: both views (the headline's first) and what the
	// audit log said.
	Views  []jsonView  `json:"views,omitempty"`
	Access *jsonAccess `json:"access,omitempty"`
}

type jsonView struct {
	View        string  `json:"view"`
	PeopleTotal int     `json:"people_total"`
	Messages    int     `json:"messages"`
	Categories  ordered `json:"categories"`
}

type jsonAccess struct {
	Files       []string `json:"files"`
	Accessed    int      `json:"accessed"`
	Synced      int      `json:"accessed_synced"`
	Missing     int      `json:"accessed_missing"`
	AllMessages int      `json:"messages"`
}

type jsonCategory struct {
	ID        string   `json:"id"`
	Label     string   `json:"label"`
	People    int      `json:"people"`
	Items     ordered  `json:"items"`
	PersonIDs []string `json:"person_ids"`
}

type jsonCombination struct {
	Items     []string `json:"items"`
	People    int      `json:"people"`
	PersonIDs []string `json:"person_ids"`
}

type jsonSpecial struct {
	MyNumberPeople   int      `json:"my_number_people"`
	IDDocumentPeople int      `json:"id_document_people"`
	FinancialPeople  int      `json:"financial_people"`
	MyNumberIDs      []string `json:"my_number_ids"`
	IDDocumentIDs    []string `json:"id_document_ids"`
	FinancialIDs     []string `json:"financial_ids"`
}

type jsonPerson struct {
	ID         string   `json:"id"`
	Category   string   `json:"category"`
	Names      []string `json:"names"`
	Emails     []string `json:"emails"`
	Phones     []string `json:"phones"`
	Items      []string `json:"items"`
	Messages   int      `json:"messages"`
	Companies  []string `json:"companies"`
	MessageIDs []string `json:"message_ids"`
	First      string   `json:"first"`
	Last       string   `json:"last"`
	Internal   bool     `json:"internal"`
	Reasons    []string `json:"reasons"`
}

type jsonScope struct {
	Cases      []string `json:"cases"`
	Sources    []string `json:"sources"`
	First      string   `json:"first"`
	Last       string   `json:"last"`
	Messages   int      `json:"messages"`
	Duplicates int      `json:"duplicates"`
	Findings   int      `json:"findings"`
	Errors     int      `json:"errors"`
	Locked     int      `json:"locked"`
}

type jsonReview struct {
	Conflicts        int `json:"conflicts"`
	NameOnly         int `json:"name_only"`
	OverridesApplied int `json:"overrides_applied"`
	Unattributed     int `json:"unattributed"`
}

type jsonDomain struct {
	Domain string `json:"domain"`
	People int    `json:"people"`
}

type jsonDefinition struct {
	Rules []string `json:"rules"`
}

// ordered is a JSON object whose keys are written in the order given
// (pii order for item types), not sorted as a Go map's would be.
type ordered struct {
	keys   []string
	values []any
}

func (o ordered) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		key, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		value, err := json.Marshal(o.values[i])
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(key)
		b.WriteByte(':')
		b.Write(value)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func renderJSON(w io.Writer, m *model) error {
	r := m.r
	out := jsonReport{
		PeopleTotal:  r.PeopleTotal,
		Categories:   []jsonCategory{},
		Combinations: []jsonCombination{},
		People:       []jsonPerson{},
		Lang:         m.lang,
		View:         r.View,
		Special: jsonSpecial{
			MyNumberPeople:   r.Special.MyNumberPeople,
			IDDocumentPeople: r.Special.IDDocumentPeople,
			FinancialPeople:  r.Special.FinancialPeople,
			MyNumberIDs:      nz(r.Special.MyNumberIDs),
			IDDocumentIDs:    nz(r.Special.IDDocumentIDs),
			FinancialIDs:     nz(r.Special.FinancialIDs),
		},
		Scope: jsonScope{
			Cases: nz(r.Scope.Cases), Sources: nz(r.Scope.Sources),
			First: r.Scope.First, Last: r.Scope.Last,
			Messages: r.Scope.Messages, Duplicates: r.Scope.Duplicates,
			Findings: r.Scope.Findings, Errors: r.Scope.Errors, Locked: r.Scope.Locked,
		},
		Review: jsonReview{
			Conflicts: r.Review.Conflicts, NameOnly: r.Review.NameOnly,
			OverridesApplied: r.Review.OverridesApplied, Unattributed: r.Review.Unattributed,
		},
		Unmatched:  []jsonDomain{},
		Definition: jsonDefinition{Rules: nz(r.Definition.Rules)},
	}
	if !r.Generated.IsZero() {
		out.Generated = r.Generated.Format(time.RFC3339)
	}
	for _, v := range r.Views {
		jv := jsonView{View: v.View, PeopleTotal: v.PeopleTotal, Messages: v.Messages}
		for _, c := range v.Categories {
			jv.Categories.keys = append(jv.Categories.keys, c.ID)
			jv.Categories.values = append(jv.Categories.values, c.People)
		}
		out.Views = append(out.Views, jv)
	}
	if r.Views != nil {
		a := r.Access
		out.Access = &jsonAccess{Files: nz(a.Files), Accessed: a.Accessed, Synced: a.Synced, Missing: a.Missing, AllMessages: a.AllMessages}
	}
	for _, typ := range m.items {
		out.ItemLabels.keys = append(out.ItemLabels.keys, typ)
		out.ItemLabels.values = append(out.ItemLabels.values, m.itemLabel(typ))
	}
	for i := range r.Categories {
		c := &r.Categories[i]
		// Every item anyone has, zero included, in pii order.
		items := ordered{keys: m.items}
		for _, typ := range m.items {
			items.values = append(items.values, c.Items[typ])
		}
		out.Categories = append(out.Categories, jsonCategory{
			ID: c.ID, Label: c.Label, People: c.People, Items: items, PersonIDs: nz(c.PersonIDs),
		})
	}
	for _, c := range m.combos {
		out.Combinations = append(out.Combinations, jsonCombination{
			Items: nz(sortItems(c.Items)), People: c.People, PersonIDs: nz(c.PersonIDs),
		})
	}
	for i := range r.People {
		p := &r.People[i]
		out.People = append(out.People, jsonPerson{
			ID: p.ID, Category: p.Category,
			Names: nz(p.Names), Emails: nz(p.Emails), Phones: nz(p.Phones),
			Items: nz(sortItems(p.Items)), Messages: p.Messages,
			Companies: nz(p.Companies), MessageIDs: nz(p.MessageIDs),
			First: p.First, Last: p.Last, Internal: p.Internal, Reasons: nz(p.Reasons),
		})
	}
	for _, d := range r.Unmatched {
		out.Unmatched = append(out.Unmatched, jsonDomain(d))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// nz is s, or an empty slice for nil (JSON [] rather than null).
func nz(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
