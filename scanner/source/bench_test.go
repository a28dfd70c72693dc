package source

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

// genMbox builds an mbox of about n bytes: messages of 1 to 40 KiB of
// 72-column text, some with ">From " lines, all with newline ending nl.
func genMbox(n int, nl string) []byte {
	var b bytes.Buffer
	b.Grow(n + 64<<10)
	line := strings.Repeat("The quick brown fox jumps over the lazy dog. 0123456789 ", 2)[:72] + nl
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "From user%d@example.com Mon Jan  2 15:04:05 2006%s", i, nl)
		fmt.Fprintf(&b, "From: user%d@example.com%sTo: x@example.jp%sSubject: message %d%s%s", i, nl, nl, i, nl, nl)
		for j := 0; j < 14+(i*7919)%560; j++ {
			if j%97 == 50 {
				b.WriteString(">From the archive" + nl)
			}
			b.WriteString(line)
		}
		b.WriteString(nl)
	}
	return b.Bytes()
}

func BenchmarkMbox(b *testing.B) {
	for _, nl := range []string{"\n", "\r\n"} {
		name := map[string]string{"\n": "LF", "\r\n": "CRLF"}[nl]
		data := genMbox(50<<20, nl)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				r := NewMboxReader(bytes.NewReader(data), "bench", Options{})
				n := 0
				for {
					_, err := r.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				if n == 0 {
					b.Fatal("no messages")
				}
			}
		})
	}
}

func BenchmarkCanonical(b *testing.B) {
	lf := genMbox(8<<20, "\n")
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"LF", lf},
		{"CRLF", bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))},
		{"CR", bytes.ReplaceAll(lf, []byte("\n"), []byte("\r"))},
	} {
		b.Run("Hash/"+c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			for b.Loop() {
				CanonicalHash(c.data)
			}
		})
		b.Run("Canonicalize/"+c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			for b.Loop() {
				Canonicalize(io.Discard, c.data)
			}
		})
		b.Run("Hasher/"+c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			h := NewCanonicalHasher()
			for b.Loop() {
				h.Reset()
				for p := c.data; len(p) > 0; p = p[min(len(p), 64<<10):] {
					h.Write(p[:min(len(p), 64<<10)])
				}
				h.Sum256()
			}
		})
	}
}
