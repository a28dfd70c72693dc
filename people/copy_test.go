package people

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tree returns every file under dir (relative name → content), and every
// directory as name/ → "".
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			m[rel+"@"] = target
			return err
		case d.IsDir():
			m[rel+"/"] = ""
		default:
			b, err := os.ReadFile(p)
			m[rel] = string(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// people returns the categories' people, for comparing a copy with its
// original regardless of where the files are.
func peopleOf(c *Categories) map[string][]KnownPerson {
	m := map[string][]KnownPerson{}
	for _, cat := range c.Categories {
		m[cat.ID] = cat.People
	}
	return m
}

func TestCopy(t *testing.T) {
	src := t.TempDir()
	files := map[string]string{
		"categories.yaml": goodYAML,
		"customers.csv":   customersCSV,
		"lists/staff.csv": cp932(t, "name,email\n佐々木一郎,sasaki@example.co.jp\n"),
	}
	writeTree(t, src, files)
	c, err := LoadCategories(filepath.Join(src, "categories.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "case", "categories")
	if err := Copy(c, dest); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"./": "", "lists/": ""}
	for name, content := range files {
		want[name] = content
	}
	if d := cmp.Diff(want, tree(t, dest)); d != "" {
		t.Errorf("copy (-want +got):\n%s", d)
	}
	// Copying again over the first copy is fine.
	if err := Copy(c, dest); err != nil {
		t.Fatal(err)
	}
	cc, err := LoadCategories(filepath.Join(dest, "categories.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(peopleOf(c), peopleOf(cc)); d != "" {
		t.Errorf("people of the copy (-want +got):\n%s", d)
	}
}

func TestCopyPathsOutside(t *testing.T) {
	top := t.TempDir()
	abs := filepath.Join(top, "elsewhere", "staff.csv")
	yaml := "default: other\n" +
		"categories:\n" +
		"  - id: customer # the customers\n" +
		"    label: 顧客\n" +
		"    people_file: ../shared/customers.csv\n" +
		"  - id: vip\n" +
		"    label: 重要顧客\n" +
		"    people_file: ../shared/../shared/customers.csv\n" + // same file, other spelling
		"  - id: staff\n" +
		"    label: 役職員\n" +
		"    people_file: " + abs + "\n" +
		"  - id: local\n" +
		"    label: 地元\n" +
		"    people_file: local.csv\n"
	writeTree(t, top, map[string]string{
		"conf/categories.yaml": yaml,
		"conf/local.csv":       "name\n地元太郎\n",
		"shared/customers.csv": customersCSV,
		"elsewhere/staff.csv":  "name\n佐々木一郎\n",
	})
	c, err := LoadCategories(filepath.Join(top, "conf", "categories.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(top, "case", "categories")
	before := tree(t, top)
	if err := Copy(c, dest); err != nil {
		t.Fatal(err)
	}

	after := tree(t, top)
	for name := range after {
		if strings.HasPrefix(name, filepath.Join("case", "categories")) || name == "case/" {
			delete(after, name)
		}
	}
	if d := cmp.Diff(before, after); d != "" {
		t.Errorf("Copy changed files outside %s (-before +after):\n%s", dest, d)
	}

	got := tree(t, dest)
	for _, name := range []string{"categories.yaml", "categories.yaml.orig", "local.csv",
		"external/customer-customers.csv", "external/staff-staff.csv"} {
		if _, ok := got[name]; !ok {
			t.Errorf("copy lacks %s; has %v", name, got)
		}
	}
	if len(got) != 7 { // the five files, ./ and external/
		t.Errorf("copy has %d entries, want 7: %v", len(got), got)
	}
	t.Logf("rewritten:\n%s", got["categories.yaml"])
	if got["categories.yaml.orig"] != yaml {
		t.Errorf("categories.yaml.orig is not the original")
	}
	if !strings.Contains(got["categories.yaml"], "# the customers") {
		t.Errorf("rewritten categories.yaml lost its comment:\n%s", got["categories.yaml"])
	}
	cc, err := LoadCategories(filepath.Join(dest, "categories.yaml"))
	if err != nil {
		t.Fatalf("the copy does not load: %v\n%s", err, got["categories.yaml"])
	}
	if d := cmp.Diff(peopleOf(c), peopleOf(cc)); d != "" {
		t.Errorf("people of the copy (-want +got):\n%s", d)
	}
	for _, cat := range cc.Categories {
		if !strings.HasPrefix(cat.PeoplePath, dest) {
			t.Errorf("the copy's category %s reads %s, outside the copy", cat.ID, cat.PeoplePath)
		}
	}
}

// TestCopySymlinkInDest: a link planted in destDir must not lead the copy
// outside it.
func TestCopySymlinkInDest(t *testing.T) {
	src, outside, dest := t.TempDir(), t.TempDir(), t.TempDir()
	writeTree(t, src, map[string]string{
		"categories.yaml": "default: other\ncategories:\n  - id: c\n    label: C\n    people_file: lists/c.csv\n",
		"lists/c.csv":     "name\n田中\n",
	})
	if err := os.Symlink(outside, filepath.Join(dest, "lists")); err != nil {
		t.Skip("no symlinks:", err)
	}
	c, err := LoadCategories(filepath.Join(src, "categories.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := Copy(c, dest); err == nil {
		t.Error("Copy through a link out of destDir succeeded")
	}
	if got := tree(t, outside); len(got) != 1 {
		t.Errorf("Copy wrote outside destDir: %v", got)
	}
}
