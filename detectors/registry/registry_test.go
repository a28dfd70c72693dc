package registry

import (
	"regexp"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/detectortest"
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
			ex, ok := d.(detectors.Exampler)
			if !ok {
				t.Skip("no examples; TestInvariants fails")
			}
			e := ex.Examples()
			detectortest.Accept(t, d, e.Positives, e.Negatives)
		})
	}
}
