package registry_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/registry"
)

// accuracyFloors are the F1 floors of issue 4 on the labelled corpus.
var accuracyFloors = map[string]float64{
	"passport": 0.95, "drivers_license": 0.95, "my_number": 0.95, "bank_account": 0.95,
	"phone": 0.95, "email": 0.95, "birth_date": 0.95, "person_name": 0.90,
}

type accDoc struct {
	ID       string `json:"id"`
	Field    string `json:"field"`
	Column   string `json:"column"`
	Text     string `json:"text"`
	Negative bool   `json:"negative"`
	OCR      bool   `json:"ocr"` // text read from pixels (Text.OCR)
	Labels   []struct {
		Type  string `json:"type"`
		Value string `json:"value"`
	} `json:"labels"`
}

func readDocs(t *testing.T, name string) []accDoc {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "accuracy", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []accDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d accDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, d)
	}
	return out
}

// fold compares values: NFKC, no spaces, lower case.
func fold(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == '\t' || r == '\n' {
			return -1
		}
		return r
	}, s)
}

// matches says whether a finding's value is the labelled one. An empty
// label value (gender, age ...) accepts any value; bank accounts compare
// their account numbers (the bank and branch parts found vary with the
// text); free-text types (address, company, title) accept containment
// either way, since where such a span ends is a matter of taste.
func matches(typ, label, got string) bool {
	if label == "" {
		return true
	}
	l, g := fold(label), fold(got)
	switch typ {
	case "bank_account":
		return last(l) == last(g)
	case "address", "company", "title", "accountant_number":
		return l == g || strings.Contains(g, l) || strings.Contains(l, g) && len(g) >= len(l)/2
	}
	return l == g
}

func last(s string) string { return s[strings.LastIndexByte(s, '/')+1:] }

type counts struct{ tp, fp, fn int }

func (c counts) prf() (p, r, f float64) {
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	} else {
		p = 1
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	} else {
		r = 1
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// TestAccuracy runs the whole registry over the labelled corpus (generated
// by internal/piigen plus hand-written hard cases), prints precision,
// recall and F1 per type, and fails below the floors or on any finding in
// a hard negative.
func TestAccuracy(t *testing.T) {
	r, err := detectors.NewRunner(registry.Default(), detectors.Options{})
	if err != nil {
		t.Fatal(err)
	}
	registered := map[string]bool{}
	for _, d := range registry.Default() {
		for _, typ := range d.Types() {
			registered[typ] = true
		}
	}
	per := map[string]*counts{}
	get := func(typ string) *counts {
		if per[typ] == nil {
			per[typ] = &counts{}
		}
		return per[typ]
	}
	negFindings := 0
	labelled := map[string]int{} // documents with a label of the type
	docs := append(readDocs(t, "generated.jsonl"), readDocs(t, "hard.jsonl")...)
	for _, d := range docs {
		seen := map[string]bool{}
		for _, l := range d.Labels {
			if !seen[l.Type] {
				seen[l.Type] = true
				labelled[l.Type]++
			}
		}
		text := detectors.Normalize(d.Text)
		text.Field, text.OCR = d.Field, d.OCR
		if d.Column != "" {
			text.Column = detectors.Normalize(d.Column).Norm
		}
		res, err := r.RunText(context.Background(), text)
		if err != nil {
			t.Errorf("%s: %v", d.ID, err)
		}
		used := make([]bool, len(d.Labels))
		for _, m := range res {
			if !registered[m.Type] {
				continue
			}
			if d.Negative {
				negFindings++
				t.Errorf("hard negative %s: %s finding %q (%s)", d.ID, m.Type, detectors.Mask(m.Type, m.Value), m.Detector)
			}
			hit := false
			for i, l := range d.Labels {
				if !used[i] && l.Type == m.Type && matches(l.Type, l.Value, m.Value) {
					used[i], hit = true, true
					break
				}
			}
			if hit {
				get(m.Type).tp++
				continue
			}
			// A second finding of an already matched label (e.g. the
			// same name twice) is not a false positive.
			dup := false
			for i, l := range d.Labels {
				if used[i] && l.Type == m.Type && matches(l.Type, l.Value, m.Value) {
					dup = true
				}
			}
			if !dup {
				get(m.Type).fp++
				if testing.Verbose() {
					t.Logf("FP %s %s: %q (%s) in %q", d.ID, m.Type, m.Value, m.Detector, d.Text)
				}
			}
		}
		for i, l := range d.Labels {
			if !used[i] && registered[l.Type] {
				get(l.Type).fn++
				if testing.Verbose() {
					t.Logf("FN %s %s: %q in %q", d.ID, l.Type, l.Value, d.Text)
				}
			}
		}
	}
	types := make([]string, 0, len(per))
	for typ := range per {
		types = append(types, typ)
	}
	sort.Strings(types)
	var b strings.Builder
	fmt.Fprintf(&b, "%-18s %5s %5s %5s %9s %6s %6s\n", "type", "tp", "fp", "fn", "precision", "recall", "F1")
	for _, typ := range types {
		c := *per[typ]
		p, rc, f := c.prf()
		fmt.Fprintf(&b, "%-18s %5d %5d %5d %9.3f %6.3f %6.3f\n", typ, c.tp, c.fp, c.fn, p, rc, f)
		if floor, ok := accuracyFloors[typ]; ok && f < floor {
			t.Errorf("%s: F1 %.3f below the floor %.2f", typ, f, floor)
		}
	}
	t.Logf("accuracy over %d documents (hard-negative findings: %d):\n%s", len(docs), negFindings, b.String())
	// A floor must have something to measure: a type that no detector
	// emits or no document labels would pass it unchecked.
	floored := make([]string, 0, len(accuracyFloors))
	for typ := range accuracyFloors {
		floored = append(floored, typ)
	}
	sort.Strings(floored)
	for _, typ := range floored {
		switch {
		case !registered[typ]:
			t.Errorf("%s: no detector registered", typ)
		case labelled[typ] == 0:
			t.Errorf("%s: F1 floor %.2f but no labelled document of that type in the corpus, so the floor checks nothing", typ, accuracyFloors[typ])
		}
	}
}
