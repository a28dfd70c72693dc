package names

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// isRoleRef is IsRole as first written (a scan of every word list):
// the set and the one-pass scan must say the same.
func isRoleRef(name string) bool {
	lower := strings.ToLower(name)
	if strings.ContainsAny(lower, "@0123456789") || strings.Contains(lower, ".com") ||
		strings.Contains(lower, ".jp") || strings.Contains(lower, ".net") || strings.Contains(lower, ".org") ||
		strings.Contains(lower, "http") {
		return true
	}
	for _, w := range roleWordsJA {
		if strings.Contains(name, w) {
			return true
		}
	}
	for _, f := range strings.FieldsFunc(lower, func(r rune) bool {
		return r == ' ' || r == ',' || r == '(' || r == ')' || r == '/' || r == '|' || r == '"' || r == '\'' || r == ':'
	}) {
		for _, w := range roleWords {
			if f == w {
				return true
			}
		}
	}
	return false
}

func TestIsRoleRef(t *testing.T) {
	roleParts := append(append([]string{}, roleWords...), roleWordsJA...)
	parts := []string{"Taro", "Smith", "田中", "花子", "Teamwork", "Ito", " ", ",", "(", "/", "Team", "SUPPORT", "DES\u212a",
		"株", "会社", "\xe6", "\xff", "ー", "セン", "ター"}
	rng := rand.New(rand.NewPCG(15, 6))
	roles := 0
	for range 50000 {
		var b strings.Builder
		for k := rng.IntN(4); k >= 0; k-- {
			if rng.IntN(6) == 0 {
				b.WriteString(roleParts[rng.IntN(len(roleParts))])
			} else {
				b.WriteString(parts[rng.IntN(len(parts))])
			}
			if rng.IntN(2) == 0 {
				b.WriteByte(' ')
			}
		}
		s := b.String()
		want := isRoleRef(s)
		if got := IsRole(s); got != want {
			t.Fatalf("IsRole(%q) = %v, want %v", s, got, want)
		}
		if want {
			roles++
		}
	}
	if roles < 5000 || roles > 45000 {
		t.Fatalf("%d role names of 50000: the test compares little", roles)
	}
}
