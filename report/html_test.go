package report

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// parseHTML parses a rendered page and indexes its elements by id.
func parseHTML(t *testing.T, page []byte) (*html.Node, map[string]*html.Node) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	ids := map[string]*html.Node{}
	for n := range doc.Descendants() {
		if id := attr(n, "id"); n.Type == html.ElementNode && id != "" {
			if ids[id] != nil {
				t.Errorf("id %q twice", id)
			}
			ids[id] = n
		}
	}
	return doc, ids
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestHTMLSelfContained: the page fetches nothing, every link goes to an
// element of the page, and it is Japanese and A4.
func TestHTMLSelfContained(t *testing.T) {
	for _, lang := range Langs {
		t.Run(lang, func(t *testing.T) { checkSelfContained(t, render(t, testReport(), "html", lang), lang) })
	}
	// An empty report is a page too.
	checkSelfContained(t, render(t, &Report{}, "html", "ja"), "ja")
}

func checkSelfContained(t *testing.T, page []byte, lang string) {
	t.Helper()
	for _, s := range []string{"http://", "https://", "//cdn", "@import", "url("} {
		if bytes.Contains(page, []byte(s)) {
			t.Errorf("the page holds %q", s)
		}
	}
	for _, s := range []string{`<html lang="` + lang + `">`, "@page { size: A4;", "@media print", "default-src 'none'"} {
		if !bytes.Contains(page, []byte(s)) {
			t.Errorf("the page lacks %q", s)
		}
	}
	doc, ids := parseHTML(t, page)
	links := 0
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "script", "link", "img", "iframe", "object", "embed", "image", "use", "foreignObject":
			t.Errorf("the page has a <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			if a.Key == "src" || a.Key == "srcset" || strings.HasPrefix(a.Key, "on") || a.Key == "xlink:href" {
				t.Errorf("<%s> has %s=%q", n.Data, a.Key, a.Val)
			}
		}
		if href := attr(n, "href"); href != "" {
			links++
			if !strings.HasPrefix(href, "#") {
				t.Errorf("<%s href=%q> leaves the page", n.Data, href)
			} else if ids[href[1:]] == nil {
				t.Errorf("<%s href=%q> goes to no element", n.Data, href)
			}
		}
	}
	if links < 12 {
		t.Errorf("only %d links", links)
	}
}

// TestHTMLCategoryLinks: the categories table has a row per category, and
// each count links to the list of what it counts.
func TestHTMLCategoryLinks(t *testing.T) {
	r := testReport()
	doc, ids := parseHTML(t, render(t, r, "html", "ja"))
	_ = doc
	table := ids["categories"]
	if table == nil {
		t.Fatal("no #categories table")
	}
	var rows []*html.Node
	for n := range table.Descendants() {
		if n.Type == html.ElementNode && n.Data == "tr" && n.Parent.Data == "tbody" {
			rows = append(rows, n)
		}
	}
	if len(rows) != len(r.Categories) {
		t.Fatalf("%d rows, want %d", len(rows), len(r.Categories))
	}
	for i, row := range rows {
		c := r.Categories[i]
		if got := attr(row, "data-category"); got != c.ID {
			t.Errorf("row %d is category %q, want %q", i, got, c.ID)
		}
		var people *html.Node
		for n := range row.Descendants() {
			if n.Type == html.ElementNode && n.Data == "td" && strings.Contains(attr(n, "class"), "people") {
				people = n
				break
			}
		}
		if people == nil || people.FirstChild == nil || people.FirstChild.Data != "a" {
			t.Errorf("row %d: the people count is not a link", i)
			continue
		}
		a := people.FirstChild
		if text := a.FirstChild.Data; text != comma(c.People) {
			t.Errorf("row %d shows %q people, want %d", i, text, c.People)
		}
		target := ids[strings.TrimPrefix(attr(a, "href"), "#")]
		if target == nil {
			t.Fatalf("row %d links to %q: no such element", i, attr(a, "href"))
		}
		// The target heads the category's people: the table after it has
		// one row per person of the category.
		var list *html.Node
		for n := target.NextSibling; n != nil; n = n.NextSibling {
			if n.Type == html.ElementNode {
				list = n
				break
			}
		}
		persons := 0
		for n := range list.Descendants() {
			if n.Type == html.ElementNode && n.Data == "tr" && strings.HasPrefix(attr(n, "id"), "person-") {
				persons++
			}
		}
		if persons != c.People {
			t.Errorf("category %s: the link leads to %d people, want %d", c.ID, persons, c.People)
		}
	}
	// A person's message count leads to the person's Message-IDs.
	msgs := ids["msgs-p-0001"]
	if msgs == nil {
		t.Fatal("no #msgs-p-0001")
	}
	var codes []string
	for n := range msgs.Descendants() {
		if n.Type == html.TextNode && n.Parent.Data == "code" {
			codes = append(codes, n.Data)
		}
	}
	if strings.Join(codes, " ") != strings.Join(r.People[0].MessageIDs, " ") {
		t.Errorf("#msgs-p-0001 lists %q", codes)
	}
}

// TestHTMLEscapes: text from mail and from the categories file is text.
func TestHTMLEscapes(t *testing.T) {
	r := testReport()
	r.Categories[0].Label = `<img src=x onerror=alert(1)>顧客`
	r.People[0].Names = []string{`<script>alert("x")</script>`}
	r.People[0].MessageIDs = []string{`<a href="javascript:alert(1)">`}
	r.Definition.Rules = append(r.Definition.Rules, `</li><script>1</script>`)
	page := render(t, r, "html", "ja")
	for _, s := range []string{"<script", "<img", "<b>Evil", `href="javascript`} {
		if bytes.Contains(page, []byte(s)) {
			t.Errorf("%q reached the page unescaped", s)
		}
	}
	doc, _ := parseHTML(t, page)
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "img") {
			t.Errorf("a <%s> element", n.Data)
		}
	}
}

// TestAnchorKey: keys that are not plain words still give distinct ids
// without "--".
func TestAnchorKey(t *testing.T) {
	seen := map[string]string{}
	for _, k := range []string{"customer", "p-0001", "a--b", "-x", "x-", "顧客", "a b", "~61", "a_b"} {
		got := anchorKey(k)
		if strings.Contains(got, "--") || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") {
			t.Errorf("anchorKey(%q) = %q", k, got)
		}
		if prev, ok := seen[got]; ok {
			t.Errorf("anchorKey(%q) = anchorKey(%q) = %q", k, prev, got)
		}
		seen[got] = k
	}
}
