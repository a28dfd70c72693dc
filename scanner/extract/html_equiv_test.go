package extract

import (
	"math/rand"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// htmlToTextStrings is the former htmlToText: htmlToText must give the
// same text.
func htmlToTextStrings(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var sb strings.Builder
	skip := 0
	newline := func() {
		str := sb.String()
		if len(str) > 0 && !strings.HasSuffix(str, "\n") {
			sb.WriteByte('\n')
		}
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			lines := strings.Split(sb.String(), "\n")
			out := lines[:0]
			for _, l := range lines {
				if l = strings.Trim(l, " \t\f\r"); l != "" {
					out = append(out, l)
				}
			}
			if len(out) == 0 {
				return ""
			}
			return strings.Join(out, "\n") + "\n"
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case tag == "script" || tag == "style":
				skip++
			case tag == "td" || tag == "th":
				str := sb.String()
				if len(str) > 0 && !strings.HasSuffix(str, "\n") && !strings.HasSuffix(str, "\t") {
					sb.WriteByte('\t')
				}
			case blockTags[tag]:
				newline()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if tag == "script" || tag == "style" {
				if skip > 0 {
					skip--
				}
			} else if blockTags[tag] {
				newline()
			}
		case html.TextToken:
			if skip > 0 {
				continue
			}
			raw := strings.ReplaceAll(string(z.Text()), "\u00a0", " ")
			t := strings.Join(strings.FieldsFunc(raw, isHTMLSpace), " ")
			str := sb.String()
			atLineStart := len(str) == 0 || strings.HasSuffix(str, "\n") || strings.HasSuffix(str, "\t")
			if t == "" {
				if raw != "" && !atLineStart && !strings.HasSuffix(str, " ") {
					sb.WriteByte(' ')
				}
				continue
			}
			if !atLineStart && !strings.HasSuffix(str, " ") && startsSpace(raw) {
				sb.WriteByte(' ')
			}
			sb.WriteString(t)
			if endsSpace(raw) {
				sb.WriteByte(' ')
			}
		}
	}
}

var htmlPieces = []string{"<p>", "</p>", "<br>", "<br/>", "<td>", "</td>", "<th>", "<tr>", "<b>", "</b>", "田中", "様",
	" ", "  ", "\t", "\n", "\r\n", "\r", "\f", "&nbsp;", "\u00a0", "\xc2", "\xa0", "\xc2\xc2\xa0", "&amp;", "&lt;x&gt;",
	"<script>var a = '<p>';</script>", "<style>p{}</style>", "</script>", "<!-- c -->", "<!DOCTYPE html>", "word",
	"a@b.jp", "03-1234-5678", "<div class=\"x\">", "</div>", "<title>T &amp; t</title>", "<textarea>x<p>y</textarea>",
	"\u3000", "<", ">", "&", "&#12354;", "\xff", "<li>", "<TABLE>", "</Td>", "<img src=x alt='a b'>", "<SCRIPT>",
	"<h1>", "</h1>", "x\u00a0y", "<pre>  a\n  b</pre>"}

func TestHTMLToTextMatchesFormer(t *testing.T) {
	for _, p := range htmlPieces {
		if got, want := htmlToText(p), htmlToTextStrings(p); got != want {
			t.Fatalf("%q: got %q, want %q", p, got, want)
		}
	}
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := r.Intn(16); n > 0; n-- {
			b.WriteString(htmlPieces[r.Intn(len(htmlPieces))])
		}
		s := b.String()
		if got, want := htmlToText(s), htmlToTextStrings(s); got != want {
			t.Fatalf("%q: got %q, want %q", s, got, want)
		}
	}
}

func FuzzHTMLToTextMatchesFormer(f *testing.F) {
	for _, p := range htmlPieces {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := htmlToText(s), htmlToTextStrings(s); got != want {
			t.Fatalf("%q: got %q, want %q", s, got, want)
		}
	})
}

func isHTMLSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '\f' }

func startsSpace(s string) bool { return s != "" && isHTMLSpace(rune(s[0])) }

func endsSpace(s string) bool { return s != "" && isHTMLSpace(rune(s[len(s)-1])) }
