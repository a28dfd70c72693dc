package resolve

import (
	"context"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/store"
)

// FuzzNameKey: any text gives a key of the right form or none, the key of
// a key's text is stable, and FullName does not panic.
func FuzzNameKey(f *testing.F) {
	for _, s := range []string{"山田 太郎様", "YAMADA, Taro", "ﾔﾏﾀﾞﾀﾛｳ", "髙橋", "様", "", "O'Brien-Smith", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := NameKey(s)
		if k != "" && !strings.HasPrefix(k, "j:") && !strings.HasPrefix(k, "l:") {
			t.Fatalf("NameKey(%q) = %q", s, k)
		}
		FullName(k)
		EmailKey(s)
		IsRoleAddress(s)
	})
}

// FuzzResolve: findings with arbitrary locations, offsets and values
// resolve without panic, and every finding is about one person or nobody.
func FuzzResolve(f *testing.F) {
	f.Add("header:From", "person_name", "山田太郎", 0, "email", "taro@example.jp", 10)
	f.Add("attachment:a.xlsx#S!A2", "person_name", "田中一郎", 0, "phone", "+819011112222", 0)
	f.Add("body", "company", "株式会社X", 0, "person_name", "佐藤", 5)
	f.Add("#!", "email", "info@x", -5, "title", "", 1<<30)
	f.Fuzz(func(t *testing.T, loc, t1, v1 string, s1 int, t2, v2 string, s2 int) {
		fs := []store.Finding{
			{ID: "a", MessageSHA256: "m", Location: loc, Type: t1, Value: v1, Start: s1, End: s1 + 3},
			{ID: "b", MessageSHA256: "m", Location: loc, Type: t2, Value: v2, Start: s2, End: s2 + 3},
			{ID: "c", MessageSHA256: "n", Location: "body", Type: t1, Value: v1, Start: 0, End: 3},
		}
		res, err := Resolve(context.Background(), func(fn func(*store.Finding) error) error {
			for i := range fs {
				if err := fn(&fs[i]); err != nil {
					return err
				}
			}
			return nil
		}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Person)+res.Unattributed != len(fs) {
			t.Fatalf("%d attributed + %d unattributed of %d", len(res.Person), res.Unattributed, len(fs))
		}
	})
}
