package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// metaCharset finds a charset declared inside an HTML document, used when
// the MIME header declares none.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)`)

func htmlCharset(b []byte) string {
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	if m := metaCharset.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	return ""
}

var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "tr": true, "li": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "table": true, "ul": true, "ol": true, "blockquote": true,
	"pre": true, "hr": true, "title": true, "section": true, "article": true, "header": true, "footer": true,
	"dt": true, "dd": true, "address": true,
}

// htmlToText returns the visible text of an HTML document: entities
// decoded, script and style dropped, block elements on their own lines,
// table cells separated by tabs (so a later detector can see columns).
func htmlToText(s string) string {
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
			return tidyLines(sb.String())
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
			// Keep inline markup from splitting words (<b>田中</b>様 stays 田中様),
			// but fold runs of white space as a browser does.
			// Only ASCII white space folds (U+3000 is text in Japanese mail).
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

// tidyLines trims each line and drops empty ones that markup produced.
func tidyLines(s string) string {
	lines := strings.Split(s, "\n")
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
}

func isHTMLSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '\f' }

func startsSpace(s string) bool { return s != "" && isHTMLSpace(rune(s[0])) }

func endsSpace(s string) bool { return s != "" && isHTMLSpace(rune(s[len(s)-1])) }
