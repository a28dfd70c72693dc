package people

import (
	"errors"
	"testing"
)

func FuzzParseCategories(f *testing.F) {
	f.Add(goodYAML)
	f.Add("default: other\n")
	f.Add("default: other\ncategories:\n  - id: a\n    label: A\n    domains: [\"*.go.jp\", 例え.jp]\n    keywords: [&k 応募, *k]\n")
	f.Add("default: &d other\ncategories: [{id: *d, label: x}]\n")
	f.Fuzz(func(t *testing.T, text string) {
		dir := t.TempDir()
		p := parser{file: "categories.yaml", dir: dir}
		c, err := p.parse([]byte(text))
		if err != nil {
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *ConfigError", err)
			}
			return
		}
		if c.Default == "" {
			t.Fatal("parsed without a default")
		}
	})
}

func FuzzParsePeople(f *testing.F) {
	f.Add([]byte(customersCSV))
	f.Add([]byte("\xEF\xBB\xBFemail,name\nsasaki@example.co.jp,佐々木一郎\n"))
	f.Add([]byte("name,phone\n\"a\nb\",090-1234-5678\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		text, err := decodeText(b)
		if err != nil {
			return
		}
		people, err := parsePeople("c.csv", text)
		if err != nil {
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *ConfigError", err)
			}
			return
		}
		for _, p := range people {
			if p.Name == "" && p.Email == "" && p.Phone == "" {
				t.Fatalf("empty person from line %d", p.Line)
			}
		}
	})
}
