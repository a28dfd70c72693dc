package people

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/text/encoding/japanese"
)

// writeTree writes files (name → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func cp932(t *testing.T, s string) string {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const goodYAML = `# who is who
default: other
categories:
  - id: customer
    label: 顧客
    people_file: customers.csv     # CSV with a header
  - id: regulator
    label: 監督省庁・行政機関・協会等
    domains: ["FSA.go.jp", "*.go.jp", "jsda.or.jp.", "例え.jp"]
  - id: applicant
    label: 採用申込者
    keywords: ["履歴書", " 応募 ", "職務経歴書"]
  - id: staff
    label: 役職員
    people_file: lists/staff.csv
    domains: [example.co.jp]
  - id: other
    label: その他
`

const customersCSV = "Name,Email,Phone,company\r\n" +
	"田中太郎,Taro.Tanaka@Example.JP,090-1234-5678,A社\r\n" +
	",,,\r\n" +
	"山田花子,ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ,,B社\r\n" +
	"\"Suzuki, Ichiro\",,03-1234-5678,\r\n" +
	"\"複数\n行\",multi@example.jp,,\r\n"

func TestLoadCategories(t *testing.T) {
	wantCustomers := []KnownPerson{
		{Name: "田中太郎", Email: "taro.tanaka@example.jp", Phone: "090-1234-5678", Line: 2},
		{Name: "山田花子", Email: "hanako@example.jp", Line: 4},
		{Name: "Suzuki, Ichiro", Phone: "03-1234-5678", Line: 5},
		{Name: "複数\n行", Email: "multi@example.jp", Line: 6},
	}
	staff := []KnownPerson{{Name: "佐々木一郎", Email: "sasaki@example.co.jp", Line: 2}}
	tests := []struct {
		name     string
		yaml     string
		staffCSV string
	}{
		{"utf-8", goodYAML, "email,name\n sasaki@example.co.jp ,佐々木一郎\n"},
		{"utf-8 with BOM", goodYAML, "\xEF\xBB\xBFemail,name\nsasaki@example.co.jp,佐々木一郎\n"},
		{"cp932", cp932(t, goodYAML), cp932(t, "EMAIL,氏名,name\r\nsasaki@example.co.jp,佐々木,佐々木一郎\r\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{
				"categories.yaml": tt.yaml,
				"customers.csv":   customersCSV,
				"lists/staff.csv": tt.staffCSV,
			})
			path := filepath.Join(dir, "categories.yaml")
			got, err := LoadCategories(path)
			if err != nil {
				t.Fatal(err)
			}
			want := &Categories{
				Path:    path,
				Default: "other",
				Categories: []Category{
					{ID: "customer", Label: "顧客", Line: 4, PeopleFile: "customers.csv",
						PeoplePath: filepath.Join(dir, "customers.csv"), People: wantCustomers},
					{ID: "regulator", Label: "監督省庁・行政機関・協会等", Line: 7,
						Domains: []string{"fsa.go.jp", "*.go.jp", "jsda.or.jp", "xn--r8jz45g.jp"}},
					{ID: "applicant", Label: "採用申込者", Line: 10, Keywords: []string{"履歴書", "応募", "職務経歴書"}},
					{ID: "staff", Label: "役職員", Line: 13, PeopleFile: "lists/staff.csv",
						PeoplePath: filepath.Join(dir, "lists/staff.csv"), People: staff, Domains: []string{"example.co.jp"}},
					{ID: "other", Label: "その他", Line: 17},
				},
			}
			if d := cmp.Diff(want, got, cmpopts.IgnoreUnexported(Categories{}, Category{})); d != "" {
				t.Errorf("LoadCategories (-want +got):\n%s", d)
			}
			wantFiles := []string{path, filepath.Join(dir, "customers.csv"), filepath.Join(dir, "lists/staff.csv")}
			if d := cmp.Diff(wantFiles, got.Files()); d != "" {
				t.Errorf("Files (-want +got):\n%s", d)
			}
			if l := got.Label("customer"); l != "顧客" {
				t.Errorf("Label(customer) = %q", l)
			}
		})
	}
}

func TestLoadCategoriesOnlyDefault(t *testing.T) {
	for _, yaml := range []string{"default: other\n", "default: other\ncategories:\n", "default: other\ncategories: []\n"} {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{"c.yaml": yaml})
		c, err := LoadCategories(filepath.Join(dir, "c.yaml"))
		if err != nil {
			t.Errorf("%q: %v", yaml, err)
			continue
		}
		if c.Default != "other" || len(c.Categories) != 0 || c.Label("other") != "other" {
			t.Errorf("%q: got %+v", yaml, c)
		}
	}
}

func TestLoadCategoriesErrors(t *testing.T) {
	const head = "default: other\ncategories:\n" // so categories start on line 3
	tests := []struct {
		name  string
		yaml  string
		files map[string]string
		want  string // the whole message, or its start if it ends with "…"
	}{
		{"empty", "", nil, "categories.yaml: empty file; want at least `default: ID`"},
		{"comments only", "# nothing\n", nil, "categories.yaml: empty file; want at least `default: ID`"},
		// yaml.v3 names the line where the broken block starts.
		{"syntax", "default: other\ncategories:\n  - id: a\n   label: b\n", nil, "categories.yaml:2: YAML: did not find expected '-' indicator"},
		{"syntax in flow", "default: other\ncategories: [\n", nil, "categories.yaml:2: YAML: did not find expected node content"},
		{"two documents", "default: other\n---\ndefault: x\n", nil, "categories.yaml:2: a second YAML document; want one"},
		{"not a mapping", "- default\n", nil, "categories.yaml:1: want a mapping with default and categories"},
		{"unknown top key", "default: other\ndefaults: x\n", nil, "categories.yaml:2: unknown key; did you mean default? (known: default, categories)"},
		{"repeated key", "default: other\ndefault: x\n", nil, `categories.yaml:2: key "default" already given on line 1`},
		{"no default", "categories: []\n", nil, "categories.yaml:1: default is missing; want `default: ID` (the category of people no rule matches)"},
		{"null default", "default:\n", nil, "categories.yaml:1: default: want a string"},
		{"bad default", "default: Other\n", nil, "categories.yaml:1: default: want an ID of lower-case letters, digits, _ and - (at most 64)"},
		{"categories not a list", head[:15] + "categories: {a: b}\n", nil, "categories.yaml:2: categories: want a list of categories (- id: ...)"},
		{"category not a mapping", head + "  - customer\n", nil, "categories.yaml:3: category: want a mapping (id, label, people_file, domains, keywords)"},
		{"no id", head + "  - label: 顧客\n    keywords: [a]\n", nil, "categories.yaml:3: category without id"},
		{"bad id", head + "  - id: 顧客\n", nil, "categories.yaml:3: category id: want lower-case letters, digits, _ and - (at most 64)"},
		{"unknown category key", head + "  - id: customer\n    label: 顧客\n    peoplefile: c.csv\n", nil,
			"categories.yaml:5: category on line 3: unknown key; did you mean people_file? (known: id, label, people_file, domains, keywords)"},
		{"no label", head + "  - id: customer\n    keywords: [a]\n", nil, "categories.yaml:3: category: label is missing"},
		{"empty label", head + "  - id: customer\n    label: \" \"\n    keywords: [a]\n", nil, "categories.yaml:4: category on line 3: label is empty"},
		{"label a list", head + "  - id: customer\n    label: [a]\n", nil, "categories.yaml:4: category on line 3: label: want a string"},
		{"no rule", head + "  - id: customer\n    label: 顧客\n", nil, "categories.yaml:3: category: no rule; want people_file, domains or keywords"},
		{"duplicate id", head + "  - id: a\n    label: A\n    keywords: [x]\n  - id: a\n    label: B\n    keywords: [y]\n", nil,
			"categories.yaml:6: category: its id is already that of the category on line 3"},
		{"domains not a list", head + "  - id: r\n    label: R\n    domains: fsa.go.jp\n", nil,
			`categories.yaml:5: category on line 3: domains: want a list, like ["a", "b"]`},
		{"domains empty", head + "  - id: r\n    label: R\n    domains: []\n", nil, "categories.yaml:5: category on line 3: domains: empty list"},
		{"domain is an address", head + "  - id: r\n    label: R\n    domains:\n      - fsa.go.jp\n      - someone@fsa.go.jp\n", nil,
			"categories.yaml:7: category on line 3: domains item 2: want a domain like fsa.go.jp, or *.go.jp for the domains below one"},
		{"domain single label", head + "  - id: r\n    label: R\n    domains: [jp]\n", nil,
			"categories.yaml:5: category on line 3: domains item 1: a single label; …"},
		{"domain empty label", head + "  - id: r\n    label: R\n    domains: [fsa..go.jp]\n", nil, "categories.yaml:5: category on line 3: domains item 1: a label (between dots) empty, …"},
		{"domain inner wildcard", head + "  - id: r\n    label: R\n    domains: [\"*.*.jp\"]\n", nil, "categories.yaml:5: category on line 3: domains item 1: want a domain …"},
		{"domain underscore", head + "  - id: r\n    label: R\n    domains: [a_b.jp]\n", nil, "categories.yaml:5: category on line 3: domains item 1: not a domain name …"},
		{"empty keyword", head + "  - id: a\n    label: A\n    keywords: [履歴書, \"\"]\n", nil, "categories.yaml:5: category on line 3: keywords item 2: empty; want a word or phrase"},
		{"null keyword", head + "  - id: a\n    label: A\n    keywords: [履歴書, ~]\n", nil, "categories.yaml:5: category on line 3: keywords item 2: want a string"},
		{"people_file missing", head + "  - id: customer\n    label: 顧客\n    people_file: customers.csv\n", nil,
			`categories.yaml:5: category on line 3: people_file "customers.csv": open: no such file or directory`},
		{"people_file null", head + "  - id: customer\n    label: 顧客\n    people_file:\n", nil,
			"categories.yaml:5: category on line 3: people_file: want a string"},
		{"people_file a directory", head + "  - id: customer\n    label: 顧客\n    people_file: lists\n", map[string]string{"lists/x": ""},
			`categories.yaml:5: category on line 3: people_file "lists": read: is a directory`},
		{"people_file empty", head + "  - id: c\n    label: C\n    people_file: c.csv\n", map[string]string{"c.csv": ""},
			"c.csv: empty; want a CSV header with name, email or phone"},
		{"people_file no column", head + "  - id: c\n    label: C\n    people_file: c.csv\n", map[string]string{"c.csv": "氏名,住所\n田中,東京\n"},
			"c.csv:1: no header row naming the columns name, email or phone (found 2 columns); the first row must name them, like name,email,phone"},
		{"people_file column twice", head + "  - id: c\n    label: C\n    people_file: c.csv\n", map[string]string{"c.csv": "name,Name\n"},
			"c.csv:1: header row: column name twice (columns 1 and 2)"},
		{"people_file bad email", head + "  - id: c\n    label: C\n    people_file: c.csv\n", map[string]string{"c.csv": "name,email\n田中,taro@example.jp\n山田,hanako-at-example.jp\n"},
			"c.csv:3: email (column 2): not an e-mail address; want one address like name@example.jp"},
		{"people_file bad phone", head + "  - id: c\n    label: C\n    people_file: c.csv\n", map[string]string{"c.csv": "name,phone\n田中,内線12\n"},
			"c.csv:2: phone (column 2): fewer than 6 digits"},
		{"people_file field count", head + "  - id: c\n    label: C\n    people_file: c.csv\n", map[string]string{"c.csv": "name,email\n田中,t@example.jp\nSuzuki, Ichiro,s@example.jp\n"},
			"c.csv:3: CSV: wrong number of fields; want 2, as in the header row (quote a field that holds a comma)"},
		{"people_file bad quote", head + "  - id: c\n    label: C\n    people_file: c.csv\n", map[string]string{"c.csv": "name,email\n\"田中\"太郎,t@example.jp\n"},
			`c.csv:2: CSV: extraneous or missing " in quoted-field`},
		{"people_file not text", head + "  - id: c\n    label: C\n    people_file: c.csv\n", map[string]string{"c.csv": "name\n\xff\xfe\xfd\x80\n"},
			`categories.yaml:5: category on line 3: people_file "c.csv": neither UTF-8 nor CP932 (Shift_JIS) text`},
		{"people_file utf-16", head + "  - id: c\n    label: C\n    people_file: c.csv\n", map[string]string{"c.csv": "\xff\xfen\x00a\x00"},
			`categories.yaml:5: category on line 3: people_file "c.csv": UTF-16 text; save it as UTF-8 (Excel: CSV UTF-8)`},
		{"people_file in a subdirectory", head + "  - id: c\n    label: C\n    people_file: lists/c.csv\n", map[string]string{"lists/c.csv": "name\n\"x\n"},
			filepath.Join("lists", "c.csv") + `:2: CSV: extraneous or missing " in quoted-field`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{"categories.yaml": tt.yaml}
			for k, v := range tt.files {
				files[k] = v
			}
			writeTree(t, dir, files)
			t.Chdir(dir)
			_, err := LoadCategories("categories.yaml")
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("LoadCategories = %v, want a *ConfigError", err)
			}
			got := err.Error()
			if prefix, ok := strings.CutSuffix(tt.want, "…"); ok {
				if !strings.HasPrefix(got, prefix) {
					t.Errorf("error = %q, want it to start with %q", got, prefix)
				}
			} else if got != tt.want {
				t.Errorf("error = %q\n          want %q", got, tt.want)
			}
		})
	}
}

func TestLoadCategoriesMissingFile(t *testing.T) {
	_, err := LoadCategories(filepath.Join(t.TempDir(), "nope.yaml"))
	var ce *ConfigError
	if !errors.As(err, &ce) || !errors.Is(err, fs.ErrNotExist) || !strings.HasSuffix(err.Error(), "nope.yaml: open: no such file or directory") {
		t.Errorf("LoadCategories(missing) = %v, want a *ConfigError wrapping fs.ErrNotExist", err)
	}
}
