package people

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseOverrides: any file parses or fails with a ConfigError naming a
// line, never panics, and what parses writes back to the same decisions.
func FuzzParseOverrides(f *testing.F) {
	f.Add("merge p-0123456789 p-abcdefabcd # same\nnot-person p-0123456789\n")
	f.Add("split p-0123456789 taro@example.jp\ncategory p-0123456789 customer\n")
	f.Add("false-positive 0123456789abcdef0123456789abcdef\n\n# note only\n")
	f.Add("merge\tp-0123456789\tp-abcdefabcd-2\r\n")
	f.Add("\xff\xfe m\x00erge")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, text string) {
		p := filepath.Join(dir, "o.txt")
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		ovs, err := ParseOverrides(p)
		if err != nil {
			if ce, ok := err.(*ConfigError); !ok || ce.Line < 0 {
				t.Fatalf("error %T %v", err, err)
			}
			return
		}
		var b strings.Builder
		for _, o := range ovs {
			b.WriteString(o.String() + "\n")
		}
		os.WriteFile(p, []byte(b.String()), 0o600)
		again, err := ParseOverrides(p)
		if err != nil || len(again) != len(ovs) {
			t.Fatalf("written back: %d decisions, %v; want %d", len(again), err, len(ovs))
		}
		for i := range ovs {
			if again[i].Verb != ovs[i].Verb || strings.Join(again[i].Args, " ") != strings.Join(ovs[i].Args, " ") {
				t.Fatalf("decision %d: %+v, then %+v", i, ovs[i], again[i])
			}
		}
	})
}
