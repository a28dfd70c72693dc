// Package layering holds the test of the project's package layering, as
// ARCHITECTURE.md draws it: who may import whom.
package layering

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/mailsift/mailsift"

// imports lists, for every package of the module, the packages of the
// module it imports directly (test files excluded).
func imports(t *testing.T) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, module+"/...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	m := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg := strings.TrimPrefix(f[0], module+"/")
		m[pkg] = nil
		for _, imp := range f[1:] {
			if strings.HasPrefix(imp, module+"/") {
				m[pkg] = append(m[pkg], strings.TrimPrefix(imp, module+"/"))
			}
		}
	}
	return m
}

func under(pkg, dir string) bool { return pkg == dir || strings.HasPrefix(pkg, dir+"/") }

func TestLayering(t *testing.T) {
	all := imports(t)
	if len(all) < 20 {
		t.Fatalf("go list found only %d packages", len(all))
	}
	rules := []struct {
		name string
		from func(string) bool
		bad  func(string) bool
	}{
		{"cmd reads attachments only through the extractor list (scanner/extract/formats)",
			func(p string) bool { return under(p, "cmd/mailsift") },
			func(i string) bool {
				return under(i, "scanner/extract") && i != "scanner/extract" && i != "scanner/extract/formats"
			}},
		{"cmd reaches detectors only through the registry",
			func(p string) bool { return under(p, "cmd/mailsift") },
			func(i string) bool { return under(i, "detectors") && i != "detectors/registry" }},
		{"detectors never import scanner, index, store or people",
			func(p string) bool { return under(p, "detectors") },
			func(i string) bool {
				return under(i, "scanner") || under(i, "index") || under(i, "store") || under(i, "people")
			}},
		{"pii is a leaf",
			func(p string) bool { return p == "pii" },
			func(string) bool { return true }},
		{"store imports only pii",
			func(p string) bool { return p == "store" },
			func(i string) bool { return i != "pii" }},
		{"index imports only store and pii",
			func(p string) bool { return p == "index" },
			func(i string) bool { return i != "store" && i != "pii" }},
		{"caseindex joins index and people, and nothing of the scan",
			func(p string) bool { return p == "index/caseindex" },
			func(i string) bool { return under(i, "scanner") || under(i, "cmd") || under(i, "review") }},
		{"the review page renders what its Backend answers: no index, people or store reading",
			func(p string) bool { return p == "review" },
			func(i string) bool { return under(i, "index") || under(i, "people") || under(i, "scanner") }},
		{"scanner's sources, extractors and IMAP do not import the pipeline",
			func(p string) bool {
				return under(p, "scanner/source") || under(p, "scanner/extract") || under(p, "scanner/imapsrc")
			},
			func(i string) bool { return i == "scanner" || under(i, "index") || under(i, "detectors") }},
		{"report renders what it is given: it imports only pii",
			func(p string) bool { return under(p, "report") },
			func(i string) bool { return i != "pii" }},
		{"people counts from the case: no scanner, no index",
			func(p string) bool { return under(p, "people") },
			func(i string) bool { return under(i, "scanner") || under(i, "index") || under(i, "cmd") }},
		{"only cmd imports cmd",
			func(p string) bool { return !under(p, "cmd") },
			func(i string) bool { return under(i, "cmd") }},
	}
	for _, r := range rules {
		for pkg, imps := range all {
			if !r.from(pkg) {
				continue
			}
			for _, i := range imps {
				if r.bad(i) {
					t.Errorf("%s: %s imports %s", r.name, pkg, i)
				}
			}
		}
	}
}
