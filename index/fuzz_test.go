package index

import "testing"

// FuzzParseQuery checks that no query string makes the parser or the
// rewriting panic.
func FuzzParseQuery(f *testing.F) {
	for _, q := range []string{
		`type:passport date:>="2024-01-01"`, `+type:bank_account location:xlsx`,
		`person_name:田中`, `context:口座番号 -source:Sent^2`, `value:a~2`, `part:1.2`,
		`context:/.*番号/`, `location:*.xlsx`, `"完全 一致"`, `confidence:<0.5`, `田`,
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		_, _ = parseQuery(q)
	})
}
