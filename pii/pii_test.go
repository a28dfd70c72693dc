package pii

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestTypesMatchInterface checks the list against the interface's table of
// finding types, so the spec and the code cannot drift apart silently.
func TestTypesMatchInterface(t *testing.T) {
	b, err := os.ReadFile("../../shared/spec/interface.md")
	if err != nil {
		t.Skipf("no shared/spec beside the repository: %v", err)
	}
	spec := string(b)
	start := strings.Index(spec, "## Finding types")
	if start < 0 {
		t.Fatal("interface.md has no Finding types section")
	}
	section := spec[start:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	row := regexp.MustCompile("(?m)^\\| ([a-z_, ]+) \\|")
	inSpec := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		for _, n := range strings.Split(m[1], ",") {
			if n = strings.TrimSpace(n); n != "type" {
				inSpec[n] = true
			}
		}
	}
	for _, typ := range Types() {
		if !inSpec[typ.Name] {
			t.Errorf("%s is not a finding type of interface.md", typ.Name)
		}
	}
}

func TestTypes(t *testing.T) {
	seen := map[string]bool{}
	for _, typ := range Types() {
		if typ.Name == "" || typ.Label == "" || typ.English == "" {
			t.Errorf("%+v: every type needs a name and both labels", typ)
		}
		if seen[typ.Name] {
			t.Errorf("%s listed twice", typ.Name)
		}
		seen[typ.Name] = true
		if !Known(typ.Name) {
			t.Errorf("Known(%q) = false", typ.Name)
		}
	}
	for _, bad := range []string{"", "Email", "career ", "person"} {
		if Known(bad) {
			t.Errorf("Known(%q) = true", bad)
		}
	}
	if got := strings.Join(Names()[:6], " "); got != "person_name passport drivers_license bank_account phone birth_date" {
		t.Errorf("the mission's six types come first: %s", got)
	}
	ts := Types()
	ts[0].Name = "changed"
	if Types()[0].Name != PersonName {
		t.Error("Types returned the table itself")
	}
}
