package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/internal/mailgen"
	"github.com/mailsift/mailsift/store"
)

func TestCategoriesFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("customers.csv", "name,email\n田中太郎,taro@example.jp\n")
	good := write("good.yaml", `default: other
categories:
  - id: customer
    label: 顧客
    people_file: customers.csv
  - id: regulator
    label: 監督省庁・行政機関・協会等
    domains: ["fsa.go.jp", "*.go.jp"]
  - id: applicant
    label: 採用申込者
    keywords: ["履歴書", "応募"]
`)
	src := filepath.Join(sampleDir, mailgen.BundleMbox)
	caseDir := filepath.Join(dir, "case")
	scanJSON(t, "--case", caseDir, "--categories", good, src)
	for _, f := range []string{"good.yaml", "customers.csv"} {
		st, err := os.Stat(filepath.Join(caseDir, store.ConfigDir, f))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s not copied into the case: %v", f, err)
		}
	}

	bad := []struct{ name, body, want string }{
		{"missing-file.yaml", "default: other\ncategories:\n  - id: customer\n    label: 顧客\n    people_file: nope.csv\n", "missing-file.yaml:5"},
		{"unknown-key.yaml", "default: other\ncategories:\n  - id: customer\n    label: 顧客\n    colour: red\n    domains: [\"a.jp\"]\n", "unknown-key.yaml:5"},
		{"no-rule.yaml", "default: other\ncategories:\n  - id: vendor\n    label: 取引先\n", "no-rule.yaml:3"},
		{"bad-yaml.yaml", "default: [\n", "bad-yaml.yaml"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			p := write(tc.name, tc.body)
			r := mailsift(t, "scan", "--case", filepath.Join(dir, "case-"+tc.name), "--categories", p, src)
			if r.code != 2 || !strings.Contains(r.stderr, tc.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("exit %d, stderr %q, want exit 2 and one line with %q", r.code, r.stderr, tc.want)
			}
		})
	}
}
