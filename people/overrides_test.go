package people

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/people/resolve"
)

func TestParseOverrides(t *testing.T) {
	dir := t.TempDir()
	good := "# decisions\nmerge p-0123456789 p-abcdefabcd # same person\n\nsplit p-0123456789 taro@example.jp\ncategory p-0123456789 customer\nnot-person p-abcdefabcd\nfalse-positive 0123456789abcdef0123456789abcdef\n"
	p := filepath.Join(dir, "o.txt")
	os.WriteFile(p, []byte(good), 0o600)
	ovs, err := ParseOverrides(p)
	if err != nil || len(ovs) != 5 || ovs[0].Note != "same person" || ovs[0].Line != 2 || ovs[4].Verb != VerbFalsePositive {
		t.Fatalf("%+v, %v", ovs, err)
	}
	if ovs, err := ParseOverrides(filepath.Join(dir, "none.txt")); err != nil || ovs != nil {
		t.Errorf("a missing file: %v, %v", ovs, err)
	}
	bad := []struct{ line, want string }{
		{"merge p-0123456789", "two or more"},
		{"merge p-0123456789 SECRET-山田太郎", "argument 2"},
		{"split p-0123456789", "split needs"},
		{"category p-0123456789 SECRET顧客", "category id"},
		{"not-person SECRET@example.jp", "argument 1"},
		{"false-positive SECRET", "finding id"},
		{"SECRET p-0123456789", "unknown verb"},
	}
	for _, b := range bad {
		os.WriteFile(p, []byte("category p-0123456789 x\n"+b.line+"\n"), 0o600)
		_, err := ParseOverrides(p)
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Line != 2 || !strings.Contains(err.Error(), b.want) || strings.Contains(err.Error(), "SECRET") {
			t.Errorf("%q: %v (want line 2 about %q, quoting nothing)", b.line, err, b.want)
		}
	}
}

func TestApplyOverrides(t *testing.T) {
	res := &resolve.Result{Person: map[string]string{"f1": "p-0000000001", "f2": "p-0000000002", "f3": "p-0000000003"}}
	res.People = []*resolve.Person{
		{ID: "p-0000000001", Names: []string{"山田太郎"}, Items: []string{"person_name"}, Findings: []string{"f1"}},
		{ID: "p-0000000002", Emails: []string{"t@example.jp"}, Items: []string{"email"}, Findings: []string{"f2"}},
		{ID: "p-0000000003", Names: []string{"Support"}, Items: []string{"person_name"}, Findings: []string{"f3"}},
	}
	ovs := []Override{
		{Verb: VerbMerge, Args: []string{"p-0000000001", "p-0000000002"}},
		{Verb: VerbNotPerson, Args: []string{"p-0000000003"}},
		{Verb: VerbCategory, Args: []string{"p-0000000001", "customer"}},
		{Verb: VerbCategory, Args: []string{"p-0000000009", "customer"}}, // gone: not applied
	}
	cats, applied := applyPeople(res, ovs)
	if len(res.People) != 1 || res.Person["f2"] != "p-0000000001" || res.Person["f3"] != "" || res.Unattributed != 1 {
		t.Fatalf("people %+v, map %v", res.People, res.Person)
	}
	if p := res.People[0]; strings.Join(p.Items, ",") != "person_name,email" || len(p.Emails) != 1 {
		t.Errorf("merged person %+v", p)
	}
	if applied != 3 || cats["p-0000000001"] != "customer" {
		t.Errorf("applied %d, categories %v", applied, cats)
	}
}
