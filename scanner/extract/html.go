package extract

import (
	"bytes"
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
	out := make([]byte, 0, len(s)/2+16)
	skip := 0
	last := func() byte {
		if len(out) == 0 {
			return 0
		}
		return out[len(out)-1]
	}
	newline := func() {
		if len(out) > 0 && last() != '\n' {
			out = append(out, '\n')
		}
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			return tidyLines(out)
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch tag := string(name); {
			case tag == "script" || tag == "style":
				skip++
			case tag == "td" || tag == "th":
				if len(out) > 0 && last() != '\n' && last() != '\t' {
					out = append(out, '\t')
				}
			case blockTags[tag]:
				newline()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if tag := string(name); tag == "script" || tag == "style" {
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
			// Only ASCII white space and U+00A0 fold (U+3000 is text in Japanese mail).
			raw := z.Text()
			if len(raw) == 0 {
				continue
			}
			lb := last()
			atLineStart := len(out) == 0 || lb == '\n' || lb == '\t'
			first, _ := htmlSpaceAt(raw, 0)
			// Words separated by single spaces, with a space before them when
			// raw starts with space and after them when it ends with space.
			wrote := false
			for i := 0; i < len(raw); {
				if sp, n := htmlSpaceAt(raw, i); sp {
					i += n
					continue
				}
				j := i
				for j < len(raw) {
					if sp, _ := htmlSpaceAt(raw, j); sp {
						break
					}
					j++
				}
				if !wrote {
					if !atLineStart && lb != ' ' && first {
						out = append(out, ' ')
					}
					wrote = true
				} else {
					out = append(out, ' ')
				}
				out = append(out, raw[i:j]...)
				i = j
			}
			if !wrote {
				if !atLineStart && lb != ' ' {
					out = append(out, ' ')
				}
				continue
			}
			if endsHTMLSpace(raw) {
				out = append(out, ' ')
			}
		}
	}
}

// htmlSpaceAt reports whether b[i:] starts with white space that folds
// (ASCII white space, or U+00A0 which counts as a space), and its length.
func htmlSpaceAt(b []byte, i int) (bool, int) {
	switch b[i] {
	case ' ', '\t', '\r', '\n', '\f':
		return true, 1
	case 0xC2:
		if i+1 < len(b) && b[i+1] == 0xA0 {
			return true, 2
		}
	}
	return false, 0
}

func endsHTMLSpace(b []byte) bool {
	n := len(b)
	switch b[n-1] {
	case ' ', '\t', '\r', '\n', '\f':
		return true
	case 0xA0:
		return n >= 2 && b[n-2] == 0xC2
	}
	return false
}

// tidyLines trims each line and drops empty ones that markup produced.
func tidyLines(b []byte) string {
	out := b[:0] // compacts in place: out never overtakes the line read
	for len(b) > 0 {
		var l []byte
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			l, b = b[:i], b[i+1:]
		} else {
			l, b = b, nil
		}
		if l = bytes.Trim(l, " \t\f\r"); len(l) > 0 {
			out = append(out, l...)
			out = append(out, '\n')
		}
	}
	return string(out)
}
