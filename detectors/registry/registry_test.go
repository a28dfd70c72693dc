package registry

import (
	"regexp"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/pii"
)

var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// TestInvariants checks what every registered detector must keep.
func TestInvariants(t *testing.T) {
	seen := make(map[string]bool)
	for _, d := range Default() {
		name := d.Name()
		if !snakeCase.MatchString(name) {
			t.Errorf("name %q is not snake_case", name)
		}
		if seen[name] {
			t.Errorf("two detectors named %q", name)
		}
		seen[name] = true
		if len(d.Types()) == 0 {
			t.Errorf("%s: no types", name)
		}
		for _, typ := range d.Types() {
			if !pii.Known(typ) {
				t.Errorf("%s: type %q is not in pii.Names()", name, typ)
			}
		}
		for _, kw := range d.Keywords() {
			if kw == "" || kw != strings.ToLower(kw) {
				t.Errorf("%s: keyword %q is empty or not lower-case", name, kw)
			}
		}
		if d.MaxLen() <= 0 {
			t.Errorf("%s: MaxLen %d, want > 0", name, d.MaxLen())
		}
		if _, ok := d.(detectors.Exampler); !ok {
			t.Errorf("%s: does not carry its Examples", name)
		}
	}
	if _, err := detectors.NewRunner(Default(), detectors.Options{}); err != nil {
		t.Errorf("NewRunner(Default()): %v", err)
	}
}

// TestConformance runs the conformance suite over every registered
// detector with its own examples.
func TestConformance(t *testing.T) {
	for _, d := range Default() {
		t.Run(d.Name(), func(t *testing.T) {
			t.Parallel()
			ex, ok := d.(detectortest.ExampleDetector)
			if !ok {
				t.Skip("no examples; TestInvariants fails")
			}
			detectortest.AcceptExamples(t, ex)
		})
	}
}

// TestTypesCovered checks the registry against package pii, the one list
// of finding types: every type is emitted by a registered detector (text
// or image), and every type a detector emits is known.
func TestTypesCovered(t *testing.T) {
	emitted := map[string][]string{} // type -> detectors
	for _, d := range Default() {
		for _, typ := range d.Types() {
			emitted[typ] = append(emitted[typ], d.Name())
		}
	}
	images := Images()
	if len(images) == 0 {
		t.Error("Images() is empty")
	}
	names := map[string]bool{}
	for _, d := range images {
		if !snakeCase.MatchString(d.Name()) || names[d.Name()] {
			t.Errorf("image detector name %q is not snake_case or not unique", d.Name())
		}
		names[d.Name()] = true
		if len(d.Types()) == 0 {
			t.Errorf("image detector %s: no types", d.Name())
		}
		for _, typ := range d.Types() {
			emitted[typ] = append(emitted[typ], d.Name())
		}
	}
	for _, typ := range pii.Names() {
		if len(emitted[typ]) == 0 {
			t.Errorf("finding type %q: no detector of Default() or Images() emits it", typ)
		}
	}
	for typ, dets := range emitted {
		if !pii.Known(typ) {
			t.Errorf("type %q of %v is not in pii.Names()", typ, dets)
		}
	}
}
