package source

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCanonicalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "\r\n"},
		{"\n\n", "\r\n"},
		{"\r\r", "\r\n"},
		{"a", "a\r\n"},
		{"a\n", "a\r\n"},
		{"a\r\n", "a\r\n"},
		{"a\r", "a\r\n"}, // no LF: the CR ends a line
		{"a\nb\n\n\n", "a\r\nb\r\n"},
		{"a\r\nb\r\n\r\n", "a\r\nb\r\n"},
		{"a\rb\r\r", "a\r\nb\r\n"},
		{"\n\na\n", "\r\n\r\na\r\n"}, // leading blank lines stay
		{"a\n\nb", "a\r\n\r\nb\r\n"},
		{"a\rb\nc\n", "a\rb\r\nc\r\n"},       // LF present: a lone CR is content
		{"a\nb\r", "a\r\nb\r\r\n"},           // ... even at the end
		{"a\nb\r\r\n", "a\r\nb\r\r\n"},       // CR then CRLF
		{"a\r\r\nb\n", "a\r\r\nb\r\n"},       // content CR before a CRLF
		{"a\n\r\n\n\r\n", "a\r\n"},           // mixed trailing endings
		{"x\r\ny\nz\r\n", "x\r\ny\r\nz\r\n"}, // mixed
		{"  \n\t\n", "  \r\n\t\r\n"},         // whitespace is content
		{"a\n \n", "a\r\n \r\n"},             // a line of spaces is not blank
		{"\x00\xff\n", "\x00\xff\r\n"},       // bytes pass as they are
		{"a\n\r", "a\r\n\r\r\n"},             // LF present: last CR is content
		{"\r\n\r\n\r\nb\r\n", "\r\n\r\n\r\nb\r\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := Canonicalize(&buf, []byte(tt.in)); err != nil {
			t.Fatal(err)
		}
		if buf.String() != tt.want {
			t.Errorf("Canonicalize(%q) = %q, want %q", tt.in, buf.String(), tt.want)
		}
		want := sha256.Sum256([]byte(tt.want))
		if got := CanonicalHash([]byte(tt.in)); got != want {
			t.Errorf("CanonicalHash(%q) is not the hash of %q", tt.in, tt.want)
		}
		checkStreaming(t, []byte(tt.in), want)
	}
}

// checkStreaming writes data to a CanonicalHasher split at every point,
// and in single bytes, and compares with want.
func checkStreaming(t *testing.T, data []byte, want [32]byte) {
	t.Helper()
	h := NewCanonicalHasher()
	for i := 0; i <= len(data); i++ {
		h.Reset()
		h.Write(data[:i])
		h.Write(nil)
		h.Write(data[i:])
		if h.Sum256() != want {
			t.Errorf("streaming %q split at %d: wrong hash", data, i)
		}
	}
	h.Reset()
	for i := range data {
		h.Write(data[i : i+1])
	}
	if h.Sum256() != want {
		t.Errorf("streaming %q byte by byte: wrong hash", data)
	}
}

func TestCanonicalHashSameMessage(t *testing.T) {
	lf := "From: a@example.com\nSubject: hi\n\nline 1\n\nline 3\n"
	variants := map[string]string{
		"LF":                  lf,
		"CRLF":                strings.ReplaceAll(lf, "\n", "\r\n"),
		"CR":                  strings.ReplaceAll(lf, "\n", "\r"),
		"no final newline":    strings.TrimSuffix(lf, "\n"),
		"extra blank lines":   lf + "\n\n",
		"CRLF extra blank":    strings.ReplaceAll(lf, "\n", "\r\n") + "\r\n",
		"CR no final newline": strings.TrimSuffix(strings.ReplaceAll(lf, "\n", "\r"), "\r"),
		"mixed":               "From: a@example.com\r\nSubject: hi\n\r\nline 1\n\nline 3\r\n\n",
	}
	want := CanonicalHash([]byte(lf))
	for name, v := range variants {
		if CanonicalHash([]byte(v)) != want {
			t.Errorf("%s: hash differs from the LF form", name)
		}
	}
	if CanonicalHash([]byte(strings.Replace(lf, "line 1", "line\r1", 1))) == want {
		t.Error("a lone CR in an LF message must count as content")
	}
}

// TestCanonicalAcrossSources writes one message as mbox (mboxrd-quoted,
// CRLF), Maildir (LF) and EML (CR only) and expects one message_sha256.
func TestCanonicalAcrossSources(t *testing.T) {
	body := "From: a@example.com\nSubject: same\n\nFrom the start\n>From quoted\n\nend\n"
	quoted := strings.NewReplacer("\nFrom ", "\n>From ", "\n>From ", "\n>>From ").Replace(body)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "box.mbox"), env1+strings.ReplaceAll(quoted, "\n", "\r\n")+"\r\n"+env2+"Subject: other\n")
	write(t, filepath.Join(dir, "md", "cur", "1:2,S"), body)
	write(t, filepath.Join(dir, "one.eml"), strings.ReplaceAll(body, "\n", "\r"))

	want := CanonicalHash([]byte(body))
	var sums [][32]byte
	for _, p := range []string{"box.mbox", "md", "one.eml"} {
		s, err := Open(filepath.Join(dir, p), Options{})
		if err != nil {
			t.Fatal(err)
		}
		err = s.Messages(context.Background(), func(m *Message, err error) error {
			if err != nil {
				t.Errorf("%s: %v", p, err)
				return nil
			}
			if m.Index == 1 {
				sums = append(sums, m.CanonicalSHA256)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(sums) != 3 {
		t.Fatalf("got %d messages, want 3", len(sums))
	}
	for i, s := range sums {
		if s != want {
			t.Errorf("source %d: CanonicalSHA256 differs", i)
		}
	}
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
