package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type partSummary struct {
	Path, Location, Text string
	Status               string
}

func summarize(m *Message) []partSummary {
	var out []partSummary
	for _, p := range m.Parts {
		out = append(out, partSummary{p.Path, p.Location, p.Text, p.Status})
	}
	return out
}

func crlf(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }

func TestParseStructures(t *testing.T) {
	tests := []struct {
		name       string
		raw        string
		want       []partSummary
		wantErrors int
	}{
		{
			name: "single part with encoded subject",
			raw:  "Subject: =?ISO-2022-JP?B?GyRCOEQ/TT5wSnMbKEI=?=\nContent-Type: text/plain; charset=utf-8\n\nhello\n",
			want: []partSummary{{"1", "body", "hello\n", StatusText}},
		},
		{
			name: "mixed with rfc2231 names",
			raw: "Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain\n\nbody text\n" +
				"--b1\nContent-Type: text/plain; charset=utf-8\nContent-Disposition: attachment; filename*=UTF-8''%E3%83%A1%E3%83%A2.txt\n\nmemo\n" +
				"--b1\nContent-Type: application/octet-stream\nContent-Disposition: attachment;\n filename*0*=UTF-8''%E9%A1%A7%E5;\n filename*1*=%AE%A2.bin\nContent-Transfer-Encoding: base64\n\nAAEC\n" +
				"--b1\nContent-Type: text/plain\nContent-Disposition: attachment; filename*=ISO-2022-JP''%1B%24B%3BaL%3E%1B%28B.txt\n\nname\n--b1--\n",
			want: []partSummary{
				{"1", "body", "body text", StatusText},
				{"2", "attachment:メモ.txt", "memo", StatusText},
				{"3", "attachment:顧客.bin", "", StatusBinary},
				{"4", "attachment:氏名.txt", "name", StatusText},
			},
		},
		{
			name: "nested rfc822",
			raw: "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: text/plain\n\nouter\n--o\nContent-Type: message/rfc822\nContent-Disposition: attachment; filename=fwd.eml\n\n" +
				"From: =?UTF-8?B?55Sw5Lit?= <tanaka@example.jp>\nContent-Type: multipart/mixed; boundary=i\n\n--i\nContent-Type: text/plain\n\ninner\n--i\nContent-Type: text/csv; name=list.csv\n\na,b\n--i--\n--o--\n",
			want: []partSummary{
				{"1", "body", "outer", StatusText},
				{"2.1", "attachment:fwd.eml/body", "inner", StatusText},
				{"2.2", "attachment:fwd.eml/list.csv", "a,b", StatusText},
			},
		},
		{
			name: "closing boundary never comes",
			raw:  "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nfirst\n--b\nContent-Type: text/plain\n\nsecond, cut",
			want: []partSummary{
				{"1", "body", "first", StatusText},
				{"2", "body", "second, cut", StatusText},
			},
			wantErrors: 1,
		},
		{
			name:       "header line without colon",
			raw:        "Subject: s\nthis line is junk\nContent-Type: text/plain\n\nbody\n",
			want:       []partSummary{{"1", "body", "body\n", StatusText}},
			wantErrors: 1,
		},
		{
			name:       "multipart without boundary is read as text",
			raw:        "Content-Type: multipart/mixed\n\ntext anyway\n",
			want:       []partSummary{{"1", "body", "text anyway\n", StatusText}},
			wantErrors: 1,
		},
		{
			name: "unknown transfer encoding on one part of three",
			raw: "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\none\n--b\nContent-Type: text/plain\nContent-Transfer-Encoding: x-weird\n\ntwo\n" +
				"--b\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\ndGhyZWU=\n--b--\n",
			want: []partSummary{
				{"1", "body", "one", StatusText},
				{"2", "body", "two", StatusText},
				{"3", "body", "three", StatusText},
			},
			wantErrors: 1,
		},
		{
			name: "html to text",
			raw:  "Content-Type: text/html; charset=utf-8\n\n<html><head><style>p{}</style><script>secret()</script></head><body><p>A &amp; B</p><p><b>田中</b>様 &#x3042;</p><table><tr><td>氏名</td><td>電話</td></tr></table></body></html>\n",
			want: []partSummary{{"1", "body", "A & B\n田中様 あ\n氏名\t電話\n", StatusText}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := Parse(crlf(tc.raw), Options{})
			if diff := cmp.Diff(tc.want, summarize(m)); diff != "" {
				t.Errorf("parts (-want +got)\n%s", diff)
			}
			if len(m.Errors) != tc.wantErrors {
				t.Errorf("errors = %v, want %d", m.Errors, tc.wantErrors)
			}
		})
	}
}

func TestParseHeaderFields(t *testing.T) {
	raw := "From: =?ISO-2022-JP?B?GyRCRURDZhsoQiAbJEJCQE86GyhC?= <Taro@Example.jp>\nTo: a@example.com, \"B, C\" <b@example.com>\nCc: broken <<x@y\nSubject: =?UTF-8?B?5YCL?=\n =?UTF-8?B?5Lq6?=\nDate: Thu, 2 May 2024 10:11:12 +0900 (JST)\nMessage-ID: <abc@example.jp>\n\nbody\n"
	m := Parse(crlf(raw), Options{})
	if m.Subject != "個人" {
		t.Errorf("subject %q", m.Subject)
	}
	if diff := cmp.Diff([]Address{{"田中 太郎", "Taro@Example.jp"}}, m.From); diff != "" {
		t.Errorf("from (-want +got)\n%s", diff)
	}
	if len(m.To) != 2 || m.To[1].Name != "B, C" {
		t.Errorf("to %v", m.To)
	}
	if m.MessageID != "<abc@example.jp>" || m.Date.Format("2006-01-02T15:04:05-07:00") != "2024-05-02T10:11:12+09:00" {
		t.Errorf("id %q date %v", m.MessageID, m.Date)
	}
	var locs []string
	for _, f := range m.Fields {
		locs = append(locs, f.Location)
	}
	if diff := cmp.Diff([]string{"header:From", "header:To", "header:Cc", "header:Subject"}, locs); diff != "" {
		t.Errorf("fields (-want +got)\n%s", diff)
	}
}

// TestHeaderFieldPlaces: each Field names one place, so that a finding's
// part, location and offsets do. A field on several header lines is one
// Field, its address lists joined (spam repeats "Cc:" for every
// recipient); two forwarded messages with the same file name have the
// same header locations, and their Part (the IMAP section of their
// header) tells them apart.
func TestHeaderFieldPlaces(t *testing.T) {
	fwd := func(from string) string {
		return "--b\nContent-Type: message/rfc822\nContent-Disposition: attachment; filename=message.eml\n\nFrom: " + from + "\n\nhi\n"
	}
	for _, tc := range []struct {
		name, raw string
		want      []Field
	}{{
		name: "repeated field",
		raw:  "From: a@example.com\nCc: b@example.com\nCc: \"C\" <c@example.com>\nTo: d@example.com\nCc: b@example.com\n\nbody\n",
		want: []Field{
			{Location: "header:From", Text: "a@example.com", Part: "header"},
			{Location: "header:To", Text: "d@example.com", Part: "header"},
			{Location: "header:Cc", Text: "b@example.com, C <c@example.com>, b@example.com", Part: "header"},
		},
	}, {
		name: "forwarded messages of one name",
		raw: "From: top@example.com\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\ntext\n" +
			fwd("a@example.com") + fwd("b@example.com") + "--b--\n",
		want: []Field{
			{Location: "header:From", Text: "top@example.com", Part: "header"},
			{Location: "attachment:message.eml/header:From", Text: "a@example.com", Part: "2.header"},
			{Location: "attachment:message.eml/header:From", Text: "b@example.com", Part: "3.header"},
		},
	}} {
		m := Parse(crlf(tc.raw), Options{})
		if diff := cmp.Diff(tc.want, m.Fields); diff != "" {
			t.Errorf("%s: fields (-want +got)\n%s", tc.name, diff)
		}
	}
}

func TestRaw8BitHeaders(t *testing.T) {
	sjisSubject := []byte("Subject: \x8c\xc2\x90l\x8f\xee\x95\xf1\x82\xcc\x91\x97\x95t\r\n\r\nx\r\n") // 個人情報の送付 in Shift_JIS
	if m := Parse(sjisSubject, Options{}); m.Subject != "個人情報の送付" || len(m.Errors) != 0 {
		t.Errorf("sjis subject %q errors %v", m.Subject, m.Errors)
	}
	utf8Subject := []byte("Subject: 個人情報\r\n\r\nx\r\n")
	if m := Parse(utf8Subject, Options{}); m.Subject != "個人情報" {
		t.Errorf("utf-8 subject %q", m.Subject)
	}
	invalid := []byte("Subject: bad \xff\xfe bytes\r\nFrom: \xff\xfe <x@example.jp>\r\n\r\nbody\r\n")
	m := Parse(invalid, Options{})
	if len(m.Errors) == 0 {
		t.Error("invalid header bytes must be counted")
	}
	if len(m.From) != 1 || m.From[0].Addr != "x@example.jp" || len(m.Parts) != 1 {
		t.Errorf("salvage failed: from %v parts %d", m.From, len(m.Parts))
	}
}

func nest(depth int, inner string) string {
	s := inner
	for i := depth; i > 0; i-- {
		b := fmt.Sprintf("b%d", i)
		s = "Content-Type: multipart/mixed; boundary=" + b + "\n\n--" + b + "\n" + s + "\n--" + b + "--\n"
	}
	return s
}

func TestDeepNesting(t *testing.T) {
	inner := "Content-Type: text/plain\n\nmarker-deep"
	m := Parse(crlf(nest(50, inner)), Options{})
	if len(m.Parts) != 1 || !strings.Contains(m.Parts[0].Text, "marker-deep") || len(m.Errors) != 0 {
		t.Fatalf("50 levels: parts %+v errors %v", summarize(m), m.Errors)
	}
	// Beyond the limit the rest is salvaged as text and counted.
	m = Parse(crlf(nest(30, inner)), Options{MaxMIMEDepth: 10})
	if len(m.Parts) != 1 || !strings.Contains(m.Parts[0].Text, "marker-deep") || len(m.Errors) != 1 {
		t.Fatalf("limit: parts %+v errors %v", summarize(m), m.Errors)
	}
}

func TestPartLimit(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("Content-Type: multipart/mixed; boundary=b\n\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&sb, "--b\nContent-Type: text/plain\n\n%d\n", i)
	}
	sb.WriteString("--b--\n")
	m := Parse(crlf(sb.String()), Options{MaxParts: 10})
	if len(m.Parts) != 10 || len(m.Errors) != 1 {
		t.Fatalf("parts %d errors %v", len(m.Parts), m.Errors)
	}
}

func TestAttachmentNamesAreBaseNames(t *testing.T) {
	raw := "Content-Type: text/plain; name=\"../../etc/passwd\"\n\nx\n"
	m := Parse(crlf(raw), Options{})
	if m.Parts[0].Location != "attachment:passwd" {
		t.Errorf("location %q", m.Parts[0].Location)
	}
}
