package source

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A message file with a BOM or a leftover mbox envelope line hashes like
// the bare message; the raw hash still covers the file as it is.
func TestFileLeadIsNotPartOfTheMessage(t *testing.T) {
	msg := "From: a@example.jp\r\nSubject: x\r\n\r\nbody\r\n"
	want := CanonicalHash([]byte(msg))
	for name, content := range map[string]string{
		"plain":    msg,
		"bom":      "\xef\xbb\xbf" + msg,
		"envelope": "From a@example.jp Thu May  2 10:11:12 2024\n" + msg,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for _, d := range []string{"cur", "new"} {
				os.MkdirAll(filepath.Join(dir, d), 0o755)
			}
			p := filepath.Join(dir, "cur", "1.mailgen:2,S")
			os.WriteFile(p, []byte(content), 0o644)
			s, err := Open(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got *Message
			s.Messages(context.Background(), func(m *Message, err error) error {
				if err != nil {
					t.Fatal(err)
				}
				got = m
				return nil
			})
			if got == nil || got.CanonicalSHA256 != want || string(got.Data) != msg || got.RawSize != int64(len(content)) || got.Truncated {
				t.Fatalf("got %+v", got)
			}
		})
	}
}
