package people

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// mark is in every cell, value, key and line of the hostile files below:
// no error may quote it (issue 12: a people file without a header row
// printed row 1, name, e-mail and phone, on stderr; a people_file naming
// /etc/shadow quoted its first line).
const mark = "zq7"

// shadow is an /etc/shadow-like file.
const shadow = "root:$6$zq7salt$zq7hashzq7hashzq7hash:19000:0:99999:7:::\n" +
	"zq7user:$y$j9T$zq7$zq7:19000:0:99999:7:::\n" +
	"daemon:*:19000:0:99999:7:::\n"

func TestErrorsQuoteNoContent(t *testing.T) {
	const head = "default: other\ncategories:\n  - id: c\n    label: C\n    people_file: p.csv\n"
	peopleFile := func(csv string) map[string]string {
		return map[string]string{"categories.yaml": head, "p.csv": csv}
	}
	yamlFile := func(yaml string) map[string]string { return map[string]string{"categories.yaml": yaml} }
	const cat = "default: x\ncategories:\n  - id: r\n    label: R\n" // category r on line 3
	tests := []struct {
		name  string
		files map[string]string
		want  string // the error contains this (it stays useful)
	}{
		{"people: no header row", peopleFile("田中zq7太郎,zq7taro@example.jp,090-zq7-1234\n山田zq7,zq7hanako@example.jp,03-1234-5678\n"),
			"p.csv:1: no header row naming the columns name, email or phone (found 3 columns)"},
		{"people: /etc/shadow", peopleFile(shadow), "p.csv:1: no header row naming the columns name, email or phone (found 1 column)"},
		{"people: one cell", peopleFile("zq7\n"), "p.csv:1: no header row"},
		{"people: header quote", peopleFile("zq7\"x,zq7\nname\n"), `p.csv:1: CSV: bare " in non-quoted-field`},
		{"people: column twice", peopleFile("zq7a,Name,zq7b, name ,zq7c\n"), "p.csv:1: header row: column name twice (columns 2 and 4)"},
		{"people: bad email", peopleFile("name,email,zq7\nzq7田中,zq7-at-example.jp,zq7\n"), "p.csv:2: email (column 2): not an e-mail address"},
		{"people: two @", peopleFile("email\nzq7@zq7@example.jp\n"), "p.csv:2: email (column 1): more than one @"},
		{"people: email with a space", peopleFile("email\nzq7 x@example.jp\n"), "p.csv:2: email (column 1): contains a space"},
		{"people: bad phone", peopleFile("phone,name\nzq7内線12,zq7\n"), "p.csv:2: phone (column 1): fewer than 6 digits"},
		{"people: field count", peopleFile("name,email\nzq7,zq7@example.jp\nzq7, Ichiro,zq7@example.jp\n"),
			"p.csv:3: CSV: wrong number of fields; want 2, as in the header row"},
		{"people: bad quote", peopleFile("name\n\"zq7\"zq7\n"), `p.csv:2: CSV: extraneous or missing " in quoted-field`},
		{"people: not text", peopleFile("name\nzq7\xff\xfe\xfd\x80\n"), `categories.yaml:5: category on line 3: people_file "p.csv": neither UTF-8 nor CP932`},
		{"people: utf-16", peopleFile("\xff\xfez\x00q\x007\x00"), `people_file "p.csv": UTF-16 text`},
		{"categories: /etc/shadow", yamlFile(shadow), "categories.yaml:1: unknown key (known: default, categories)"},
		{"categories: a people file", yamlFile("name,email\nzq7,zq7@example.jp\n"), "categories.yaml:1: want a mapping"},
		{"categories: a text of key: value lines", yamlFile("zq7 name: zq7 value\nzq7phone: 090-zq7\n"),
			"categories.yaml:1: unknown key (known: default, categories)"},
		{"categories: bad default", yamlFile("default: Zq7 田中\n"), "categories.yaml:1: default: want an ID"},
		{"categories: unknown anchor", yamlFile("default: *zq7anchor\n"), "categories.yaml: YAML: unknown anchor referenced"},
		{"categories: unknown anchor in a list", yamlFile("default: x\ncategories:\n  - *zq7\n"), "YAML: unknown anchor referenced"},
		{"categories: syntax", yamlFile("default: zq7\n  zq7: [zq7\n"), "categories.yaml:2: YAML: "},
		{"categories: tab", yamlFile("default: x\n\tzq7: y\n"), "categories.yaml:"},
		{"categories: bad id", yamlFile("default: x\ncategories:\n  - id: Zq7\n"), "categories.yaml:3: category id: want"},
		{"categories: unknown category key", yamlFile("default: x\ncategories:\n  - id: zq7\n    label: zq7\n    zq7: zq7\n"),
			"categories.yaml:5: category on line 3: unknown key (known: id, label, people_file, domains, keywords)"},
		{"categories: duplicate id", yamlFile("default: x\ncategories:\n  - id: zq7\n    label: A\n    keywords: [zq7]\n  - id: zq7\n    label: B\n    keywords: [zq7]\n"),
			"categories.yaml:6: category: its id is already that of the category on line 3"},
		{"categories: no rule", yamlFile("default: x\ncategories:\n  - id: zq7\n    label: zq7\n"), "categories.yaml:3: category: no rule"},
		{"categories: domain is an address", yamlFile(cat + "    domains: [a.jp, zq7@fsa.go.jp]\n"),
			"categories.yaml:5: category on line 3: domains item 2: want a domain"},
		{"categories: domain labels", yamlFile(cat + "    domains: [zq7..jp]\n"), "domains item 1: a label"},
		{"categories: domain single label", yamlFile(cat + "    domains: [zq7]\n"), "domains item 1: a single label"},
		{"categories: domain idna", yamlFile(cat + "    domains: [zq7_x.jp]\n"), "domains item 1: not a domain name"},
		{"categories: domain too long", yamlFile(cat + "    domains: [" + strings.Repeat("zq7abcdefg.", 24) + "jp]\n"),
			"domains item 1: longer than 253"},
		{"categories: keyword a list", yamlFile(cat + "    keywords: [[zq7]]\n"), "keywords item 1: want a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, tt.files)
			t.Chdir(dir)
			_, err := LoadCategories("categories.yaml")
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("LoadCategories = %v, want a *ConfigError", err)
			}
			for e := error(err); e != nil; e = errors.Unwrap(e) {
				if strings.Contains(strings.ToLower(e.Error()), mark) {
					t.Errorf("error quotes the file: %q", e.Error())
				}
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err.Error(), tt.want)
			}
		})
	}
}

// TestPeopleFileShadowPath: a people_file naming a file outside, as
// /etc/shadow, is named in the error (it is what the user wrote) and its
// content is not.
func TestPeopleFileShadowPath(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"etc/shadow":           shadow,
		"case/categories.yaml": "default: x\ncategories:\n  - id: c\n    label: C\n    people_file: " + filepath.Join(dir, "etc", "shadow") + "\n",
	})
	_, err := LoadCategories(filepath.Join(dir, "case", "categories.yaml"))
	if err == nil || strings.Contains(err.Error(), mark) || strings.Contains(err.Error(), "root") ||
		!strings.HasPrefix(err.Error(), filepath.Join(dir, "etc", "shadow")+":1: no header row") {
		t.Errorf("error = %v", err)
	}
}
