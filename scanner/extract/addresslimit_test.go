package extract

import (
	"fmt"
	"net/mail"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// bigTo is a message whose To: holds n addresses `"Name I" <userI@example.jp>`.
func bigTo(n int) []byte {
	var b strings.Builder
	b.WriteString("From: sender@example.jp\r\nSubject: many\r\nTo: ")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `"Name %d" <user%d@example.jp>`, i, i)
	}
	b.WriteString("\r\n\r\nbody\r\n")
	return []byte(b.String())
}

// allocated returns the bytes Parse allocates for raw.
func allocated(raw []byte) (uint64, *Message) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m := Parse(raw, Options{})
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, m
}

// TestAddressListMemoryIsBounded: issue 12, a 40 MB To: of two million
// addresses took 914 MB. Past Options.MaxAddresses (100000 by default) an
// address costs nothing more than its bytes in the copies of the header
// (it cost some 400 bytes of garbage, about 13 times its size), and the
// message as a whole stays within a few copies of itself plus the parsed
// addresses.
func TestAddressListMemoryIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 15 MB of header")
	}
	small, large := bigTo(200000), bigTo(400000) // 7.6 and 15.4 MB
	allocSmall, m := allocated(small)
	if len(m.To) != 99999 || len(m.Errors) != 1 {
		t.Errorf("%d To addresses, %d errors; want 99999 (From took one of 100000) and the cut counted", len(m.To), len(m.Errors))
	}
	allocLarge, m := allocated(large)
	extra := uint64(len(large) - len(small))
	t.Logf("%d header bytes: %d MB allocated; %d: %d MB", len(small), allocSmall>>20, len(large), allocLarge>>20)
	if allocLarge > allocSmall && allocLarge-allocSmall > 3*extra {
		t.Errorf("200000 addresses more (%d bytes) cost %d bytes more, want at most 3 copies of them", extra, allocLarge-allocSmall)
	}
	if limit := 3*uint64(len(large)) + 400*100000; allocLarge > limit {
		t.Errorf("a %d-byte header allocated %d bytes, want at most %d", len(large), allocLarge, limit)
	}
	if len(m.To) != 99999 {
		t.Errorf("%d To addresses, want 99999", len(m.To))
	}
}

// TestAddressLimit: the addresses of a message past the limit are neither
// parsed nor given to the detectors, and the cut is counted where it
// happened; the fields before it are whole, and nested messages share
// the limit of their message.
func TestAddressLimit(t *testing.T) {
	raw := "From: a@example.jp\nTo: b@example.jp, \"C, D\" <c@example.jp>\nCc: e@example.jp, f@example.jp, g@example.jp\nCc: h@example.jp\n" +
		"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\n\nFrom: i@example.jp\nTo: j@example.jp\n\nfwd\n--b--\n"
	m := Parse(crlf(raw), Options{MaxAddresses: 5})
	// From and To parse 3 addresses, so Cc is cut after 2; its second
	// line and the nested message get none.
	if diff := cmp.Diff([]Field{
		{Location: "header:From", Text: "a@example.jp", Part: "header"},
		{Location: "header:To", Text: "b@example.jp, C, D <c@example.jp>", Part: "header"},
		{Location: "header:Cc", Text: "e@example.jp, f@example.jp", Part: "header"},
	}, m.Fields); diff != "" {
		t.Errorf("fields (-want +got)\n%s", diff)
	}
	if len(m.From) != 1 || len(m.To) != 2 || len(m.Cc) != 2 {
		t.Errorf("from %v to %v cc %v", m.From, m.To, m.Cc)
	}
	var errs []string
	for _, e := range m.Errors {
		errs = append(errs, e.Error())
	}
	want := []string{
		"part header (header): header Cc: over the limit of 5 addresses per message: its last 26 bytes were neither parsed nor scanned",
		"part 1 (attachment:message.eml/header): header From: over the limit of 5 addresses per message: its last 12 bytes were neither parsed nor scanned",
		"part 1 (attachment:message.eml/header): header To: over the limit of 5 addresses per message: its last 12 bytes were neither parsed nor scanned",
	}
	if diff := cmp.Diff(want, errs); diff != "" {
		t.Errorf("errors (-want +got)\n%s", diff)
	}
	// Under the limit nothing changes.
	m = Parse(crlf(raw), Options{})
	if len(m.Errors) != 0 || len(m.Cc) != 4 || len(m.Fields) != 5 {
		t.Errorf("default limit: errors %v cc %v fields %v", m.Errors, m.Cc, m.Fields)
	}
}

// TestCutAddressList: the head of a list holds at most limit addresses
// whichever parser reads it, quotes, escapes, comments and groups
// notwithstanding ("C, D" <c@x> may count as two: the cut comes early,
// never late); trailing separators are no cut.
func TestCutAddressList(t *testing.T) {
	lists := []string{
		"a@x, b@x, c@x, d@x",
		`"x\"" <a@x>, b@x, c@x, d@x`, // unbalanced for splitAddressList
		`"a, b" <a@x>, "c, d" <c@x>, e@x`,
		"(a, comment) a@x, (b) b@x, c@x",
		"g: a@x, b@x, c@x;, d@x, h: e@x;",
		"a@x,,,, b@x, c@x",
		"a@x, b@x,  ,\t, ",
		`"unclosed, a@x, b@x, c@x`,
		"<a@x, b@x>, c@x, d@x",
	}
	for _, v := range lists {
		for limit := 0; limit <= 5; limit++ {
			head, cut := cutAddressList(v, limit)
			if !strings.HasPrefix(v, head) {
				t.Fatalf("%q limit %d: head %q not a prefix", v, limit, head)
			}
			if n := strings.Count(head, ","); cut && head != "" && n+1 > limit {
				t.Errorf("%q limit %d: head %q has %d commas", v, limit, head, n)
			}
			if list, err := (&mail.AddressParser{}).ParseList(head); err == nil && len(list) > limit {
				t.Errorf("%q limit %d: net/mail reads %d addresses in %q", v, limit, len(list), head)
			}
			if n := len(splitAddressList(head)); n > limit {
				t.Errorf("%q limit %d: %d pieces in %q", v, limit, n, head)
			}
			if !cut && head != v {
				t.Errorf("%q limit %d: not cut but head %q", v, limit, head)
			}
			if got := len(newHeaderDecoder().parseList("To", head)); got > limit {
				t.Errorf("%q limit %d: parseList made %d addresses", v, limit, got)
			}
		}
	}
	if head, cut := cutAddressList("a@x, b@x,  ,\t, ", 2); cut || head != "a@x, b@x,  ,\t, " {
		t.Errorf("trailing separators: %q %v", head, cut)
	}
	if head, cut := cutAddressList("a@x, b@x, c@x", 2); !cut || head != "a@x, b@x" {
		t.Errorf("cut: %q %v", head, cut)
	}
}
