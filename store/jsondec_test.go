package store

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzDecodeFinding checks that DecodeFinding's fast path decodes exactly
// as encoding/json does, and that every finding AppendFinding writes takes
// the fast path.
func FuzzDecodeFinding(f *testing.F) {
	for _, fd := range []Finding{
		{ID: "a", Type: "email", Value: "taro@example.jp", Masked: "t***@example.jp", Confidence: 0.99, Start: 3, End: 18, Context: "連絡先 \"t***\" \\ \n\t\u2028 end"},
		{ID: "b", Written: "田中 太郎", PasswordFrom: "investigator", Scope: "personal", Person: "p-1", Date: "2024-05-01T10:00:00+09:00"},
		{},
	} {
		b, err := AppendFinding(nil, &fd)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{`{"id":"\ud83d\ude00\ud800x\u00e9"}`, `{"start":1.5}`, `{"confidence":1e400}`, `{"ID":"x"}`, `{"id":"a","id":"b"}`, "{\"id\":\"\xff\xfe\"}", `{"start":-0}`, `{"confidence":01}`, `{"id":null}`, ` { } `} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var fast Finding
		if !decodeFlat(b, &fast) {
			return
		}
		var want Finding
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatalf("fast path took %q, which encoding/json refuses: %v", b, err)
		}
		if d := cmp.Diff(want, fast); d != "" {
			t.Fatalf("%q (-json +fast):\n%s", b, d)
		}
	})
}

func TestDecodeFindingTakesTheFastPath(t *testing.T) {
	fd := Finding{ID: "x", Type: "phone", Value: "+81312345678", Masked: "+81******78", Confidence: 0.9, Context: "電話 <b>&amp;</b>", Start: 1, End: 2, Location: "attachment:名簿.xlsx"}
	b, err := AppendFinding(nil, &fd)
	if err != nil {
		t.Fatal(err)
	}
	var got Finding
	if !decodeFlat(b, &got) {
		t.Fatalf("fast path refused %s", b)
	}
	if d := cmp.Diff(fd, got); d != "" {
		t.Error(d)
	}
}
