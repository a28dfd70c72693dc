package mailgen

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
)

// hostileByName returns the hostile messages of the test corpus by case.
func hostileByName(t *testing.T) map[string]*Message {
	t.Helper()
	out := map[string]*Message{}
	for _, m := range Generate(testOptions).Messages {
		if m.Expect.Hostile {
			out[m.Name[strings.IndexByte(m.Name, '-')+1:strings.LastIndexByte(m.Name, '.')]] = m
		}
	}
	return out
}

// TestHostileExpectations checks the shape of every hostile expectation:
// inexact leaves use Contains, and the cases that are errors say so.
func TestHostileExpectations(t *testing.T) {
	noError := map[string]bool{"hostile-nested-multipart-50": true, "hostile-nested-rfc822-50": true}
	hs := hostileByName(t)
	if len(hs) != 9 {
		t.Errorf("%d hostile cases, want 9", len(hs))
	}
	for name, m := range hs {
		if noError[name] != (m.Expect.MinErrors == 0) {
			t.Errorf("%s: MinErrors %d", name, m.Expect.MinErrors)
		}
		if len(m.Expect.Parts) == 0 {
			t.Errorf("%s: no expected parts", name)
		}
		for _, p := range m.Expect.Parts {
			if p.Text == "" && len(p.Contains) == 0 {
				t.Errorf("%s: part %s has neither Text nor Contains", name, p.Location)
			}
		}
	}
}

// TestHostileNoErrorCases decodes the hostile cases that are valid MIME
// (deep nesting) with the strict reference decoder.
func TestHostileNoErrorCases(t *testing.T) {
	for name, m := range hostileByName(t) {
		if m.Expect.MinErrors != 0 {
			continue
		}
		rm, err := refDecode(m.Raw)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(rm.parts) != 1 || rm.parts[0].loc != m.Expect.Parts[0].Location {
			t.Errorf("%s: got %+v", name, rm.parts)
			continue
		}
		got, err := refText(rm.parts[0], m.Expect.Parts[0].Charset)
		if err != nil || got != m.Expect.Parts[0].Text {
			t.Errorf("%s: text %q, %v", name, got, err)
		}
		checkLabels(t, m, rm, map[string][]string{rm.parts[0].loc: {got}})
	}
}

// TestHostileErrorCasesAreErrors checks that the strict decoder does fail
// on every case that expects errors, so the cases are really broken.
func TestHostileErrorCasesAreErrors(t *testing.T) {
	for name, m := range hostileByName(t) {
		if m.Expect.MinErrors == 0 {
			continue
		}
		rm, err := refDecode(m.Raw)
		if err != nil {
			continue
		}
		broken := strings.ContainsRune(rm.subject, '\uFFFD')
		for i, p := range rm.parts {
			if _, err := refText(p, m.Expect.Parts[min(i, len(m.Expect.Parts)-1)].Charset); err != nil {
				broken = true
			}
		}
		if !broken {
			t.Errorf("%s: the strict decoder finds nothing wrong", name)
		}
	}
}

// TestHostileSalvage recovers, case by case, what the expectations say a
// salvaging decoder must still find.
func TestHostileSalvage(t *testing.T) {
	hs := hostileByName(t)

	// Truncated base64: decode the whole quads before the cut.
	m := hs["hostile-truncated-base64"]
	msg, err := mail.ReadMessage(bytes.NewReader(m.Raw))
	if err != nil {
		t.Fatal(err)
	}
	b64, _ := io.ReadAll(msg.Body)
	b64 = bytes.ReplaceAll(b64, []byte("\r\n"), nil)
	if len(b64)%4 == 0 {
		t.Error("truncated base64 is cut at a quad boundary")
	}
	if _, err := base64.StdEncoding.DecodeString(string(b64)); err == nil {
		t.Error("truncated base64 decodes without error")
	}
	dec, _ := base64.StdEncoding.DecodeString(string(b64[:len(b64)/4*4]))
	for _, s := range m.Expect.Parts[0].Contains {
		if !bytes.Contains(dec, []byte(s)) {
			t.Errorf("truncated base64: %q not in the decodable prefix", s)
		}
	}

	// Unclosed multipart: the first part is whole, the second runs to EOF.
	m = hs["hostile-unclosed-multipart"]
	msg, _ = mail.ReadMessage(bytes.NewReader(m.Raw))
	_, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if bytes.Contains(m.Raw, []byte("--"+params["boundary"]+"--")) {
		t.Error("unclosed multipart has a close delimiter")
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	p, err := mr.NextRawPart()
	if err != nil {
		t.Fatal(err)
	}
	first, _ := io.ReadAll(p)
	text, err := refText(refPart{label: "ISO-2022-JP", data: first}, m.Expect.Parts[0].Charset)
	if err != nil || text != m.Expect.Parts[0].Text {
		t.Errorf("unclosed multipart: first part %q, %v", text, err)
	}
	if p, err = mr.NextRawPart(); err != nil {
		t.Fatal(err)
	}
	second, err := io.ReadAll(p)
	if err == nil {
		t.Error("unclosed multipart: the last part ends without error")
	}
	for _, s := range m.Expect.Parts[1].Contains {
		if !bytes.Contains(second, []byte(s)) {
			t.Errorf("unclosed multipart: %q not in what was read", s)
		}
	}

	// Literal markers: 8-bit UTF-8 or ASCII text that any fallback keeps.
	for _, name := range []string{"hostile-unknown-cte", "hostile-unknown-charset", "hostile-missing-boundary"} {
		for _, part := range hs[name].Expect.Parts {
			for _, s := range part.Contains {
				if !bytes.Contains(hs[name].Raw, []byte(s)) {
					t.Errorf("%s: %q not in the raw message", name, s)
				}
			}
		}
	}

	// A header line without a colon, with headers after it.
	m = hs["hostile-header-without-colon"]
	head := string(m.Raw[:bytes.Index(m.Raw, []byte("\r\n\r\n"))])
	lines := strings.Split(head, "\r\n")
	bad := -1
	for i, l := range lines {
		if !strings.Contains(l, ":") && !strings.HasPrefix(l, " ") {
			bad = i
		}
	}
	if bad < 1 || !strings.HasPrefix(lines[bad+1], "To:") || !strings.Contains(head, "\r\nSubject: ") {
		t.Errorf("header without colon at line %d of %q", bad, lines)
	}

	// Invalid bytes in Subject and From display name.
	m = hs["hostile-invalid-utf8-headers"]
	msg, err = mail.ReadMessage(bytes.NewReader(m.Raw))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"Subject", "From"} {
		if v := msg.Header.Get(h); !strings.Contains(v, "\xff\xfe") {
			t.Errorf("%s %q has no invalid bytes", h, v)
		}
	}
	for _, s := range m.Expect.SubjectContains {
		if !strings.Contains(msg.Header.Get("Subject"), s) {
			t.Errorf("subject lacks %q", s)
		}
	}
	for _, s := range m.Expect.FromNameContains {
		if !strings.Contains(msg.Header.Get("From"), s) {
			t.Errorf("from lacks %q", s)
		}
	}
}

func TestBigDecodes(t *testing.T) {
	if testing.Short() {
		t.Skip("30 MiB message")
	}
	c := Generate(Options{Seed: 1, Hostile: true, Big: true})
	m := c.Messages[len(c.Messages)-1]
	if !strings.Contains(m.Name, "big") || len(m.Raw) < 30<<20 {
		t.Fatalf("last message %s has %d bytes", m.Name, len(m.Raw))
	}
	checkLineEndings(t, m)
	rm, err := refDecode(m.Raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(rm.parts) != 1 || len(rm.parts[0].data) < 30<<20-100 {
		t.Fatalf("big part: %d parts", len(rm.parts))
	}
	text, err := refText(rm.parts[0], "UTF-8")
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range m.Expect.Parts[0].Contains {
		if i == 0 && !strings.HasPrefix(text, s) || i == 1 && !strings.HasSuffix(strings.TrimSpace(text), s) {
			t.Errorf("big part: marker %q not at its end", s)
		}
	}
}
