package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bytes to the MIME layer: it must never panic,
// must return valid UTF-8 text, and must account for every part it made.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add(crlf(nest(5, "Content-Type: text/plain; charset=iso-2022-jp\n\n\x1b$B$\"\x1b(B")))
	f.Add([]byte("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Transfer-Encoding: base64\r\n\r\nZm9v!\r\n--b"))
	f.Add([]byte("Content-Type: message/rfc822\r\n\r\nContent-Type: text/html\r\n\r\n<p>x&amp;</p>"))
	f.Add([]byte("Content-Type: text/plain; name*0*=utf-8''%E3; name*1*=%81%82\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=E3=81=82=\r\n"))
	f.Add([]byte("From: a@x\r\nTo: " + strings.Repeat(`"N, M" <b@x>, g: c@x, d@x;, `, 12) + "e@x\r\nCc: f@x\r\n\r\nbody"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m := Parse(raw, Options{MaxMIMEDepth: 20, MaxParts: 200, MaxAddresses: 20})
		if len(m.Parts) > 200 {
			t.Fatalf("%d parts over the limit", len(m.Parts))
		}
		if n := len(m.From) + len(m.To) + len(m.Cc); n > 20 {
			t.Fatalf("%d addresses over the limit", n)
		}
		for _, p := range m.Parts {
			if !utf8.ValidString(p.Text) {
				t.Fatalf("part %s: invalid UTF-8 text", p.Path)
			}
			if strings.Contains(p.Text, "\r") {
				t.Fatalf("part %s: CR left in text", p.Path)
			}
			if p.Status != StatusText && p.Status != StatusBinary {
				t.Fatalf("part %s: status %q", p.Path, p.Status)
			}
			if p.Location == "" || p.Path == "" {
				t.Fatalf("part without location or path: %+v", p)
			}
		}
		for _, fl := range m.Fields {
			if !utf8.ValidString(fl.Text) {
				t.Fatalf("field %s: invalid UTF-8", fl.Location)
			}
		}
	})
}
