package mailgen

import (
	"bytes"
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/unicode/norm"
)

// testOptions is the corpus most tests look at: the committed sample's.
var testOptions = SampleOptions()

func TestDeterministic(t *testing.T) {
	a, b := Generate(testOptions), Generate(testOptions)
	if len(a.Messages) != len(b.Messages) {
		t.Fatalf("message counts differ: %d, %d", len(a.Messages), len(b.Messages))
	}
	for i := range a.Messages {
		if a.Messages[i].Name != b.Messages[i].Name || !bytes.Equal(a.Messages[i].Raw, b.Messages[i].Raw) {
			t.Errorf("message %d differs between two runs with the same seed", i)
		}
		if diff := cmp.Diff(a.Messages[i].Expect, b.Messages[i].Expect); diff != "" {
			t.Errorf("%s: expectations differ (-a +b):\n%s", a.Messages[i].Name, diff)
		}
	}
}

func TestSeedMatters(t *testing.T) {
	for _, opts := range []Options{testOptions, {}} {
		other := opts
		other.Seed = 2
		a, b := Generate(opts), Generate(other)
		same := 0
		for i := range min(len(a.Messages), len(b.Messages)) {
			if bytes.Equal(a.Messages[i].Raw, b.Messages[i].Raw) {
				same++
			}
		}
		if same > 0 {
			t.Errorf("%+v: %d messages identical for seeds 1 and 2", opts, same)
		}
	}
}

func TestCounts(t *testing.T) {
	base := len(Generate(Options{Seed: 1, Attachments: testOptions.Attachments, PII: testOptions.PII}).Messages)
	c := Generate(testOptions)
	hostile := 0
	for _, m := range c.Messages {
		if m.Expect.Hostile {
			hostile++
		}
	}
	if want := base + testOptions.Messages + hostile; len(c.Messages) != want {
		t.Errorf("got %d messages, want %d fixed + %d ordinary + %d hostile", len(c.Messages), base, testOptions.Messages, hostile)
	}
	if hostile < 9 {
		t.Errorf("only %d hostile messages", hostile)
	}
	names := map[string]bool{}
	ids := map[string]bool{}
	for _, m := range c.Messages {
		if names[m.Name] || ids[m.Expect.MessageID] {
			t.Errorf("%s: duplicate name or Message-ID", m.Name)
		}
		names[m.Name], ids[m.Expect.MessageID] = true, true
		switch m.Folder {
		case FolderInbox, FolderSent, FolderArchive:
		default:
			t.Errorf("%s: folder %q", m.Name, m.Folder)
		}
	}
}

func TestLineEndings(t *testing.T) {
	for _, m := range Generate(testOptions).Messages {
		checkLineEndings(t, m)
	}
}

// checkLineEndings checks that Raw has only CRLF line endings and ends
// with exactly one.
func checkLineEndings(t *testing.T, m *Message) {
	t.Helper()
	r := m.Raw
	if !bytes.HasSuffix(r, []byte("\r\n")) || bytes.HasSuffix(r, []byte("\r\n\r\n")) {
		t.Errorf("%s: does not end with exactly one CRLF", m.Name)
	}
	if bytes.Count(r, []byte("\r")) != bytes.Count(r, []byte("\r\n")) || bytes.Count(r, []byte("\n")) != bytes.Count(r, []byte("\r\n")) {
		t.Errorf("%s: bare CR or LF", m.Name)
	}
	for _, line := range bytes.Split(r, []byte("\r\n")) {
		if len(line) > 998 {
			t.Errorf("%s: line of %d bytes", m.Name, len(line))
			break
		}
	}
}

func TestNetMailParses(t *testing.T) {
	for _, m := range Generate(testOptions).Messages {
		if m.Expect.Hostile {
			continue
		}
		msg, err := mail.ReadMessage(bytes.NewReader(m.Raw))
		if err != nil {
			t.Errorf("%s: %v", m.Name, err)
			continue
		}
		if _, err := msg.Header.Date(); err != nil {
			t.Errorf("%s: Date: %v", m.Name, err)
		}
		if got := msg.Header.Get("Message-Id"); got != "<"+m.Expect.MessageID+">" {
			t.Errorf("%s: Message-ID %q", m.Name, got)
		}
	}
}

// TestDecodeClean decodes every clean message with the reference decoder
// and compares with the expectations.
func TestDecodeClean(t *testing.T) {
	checkDecodeClean(t, Generate(testOptions))
}

// TestDecodeCleanSeeds runs the same check on other seeds and a bigger
// corpus, so that no drawn combination breaks the expectations.
func TestDecodeCleanSeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("many corpora")
	}
	for _, seed := range []int64{0, 2, 3, 42, 1234, -7} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			checkDecodeClean(t, Generate(Options{Seed: seed, Messages: 150, Hostile: true}))
		})
	}
}

// checkDecodeClean compares the reference decoding of every clean message
// of c with its expectations.
func checkDecodeClean(t *testing.T, c *Corpus) {
	for _, m := range c.Messages {
		if m.Expect.Hostile {
			continue
		}
		t.Run(m.Name, func(t *testing.T) {
			rm, err := refDecode(m.Raw)
			if err != nil {
				t.Fatal(err)
			}
			e := m.Expect
			if rm.subject != e.Subject || rm.fromName != e.FromName || rm.fromAddr != e.FromAddr {
				t.Errorf("headers: got %q %q %q, want %q %q %q", rm.subject, rm.fromName, rm.fromAddr, e.Subject, e.FromName, e.FromAddr)
			}
			if diff := cmp.Diff(e.Binary, rm.binary); diff != "" {
				t.Errorf("binary leaves (-want +got):\n%s", diff)
			}
			if len(rm.parts) != len(e.Parts) {
				t.Fatalf("got %d text leaves, want %d", len(rm.parts), len(e.Parts))
			}
			texts := map[string][]string{}
			for i, p := range rm.parts {
				want := e.Parts[i]
				if p.loc != want.Location || p.mediaType != want.ContentType {
					t.Errorf("leaf %d: got %s %s, want %s %s", i, p.loc, p.mediaType, want.Location, want.ContentType)
				}
				got, err := refText(p, want.Charset)
				if err != nil {
					t.Errorf("leaf %d: %v", i, err)
					continue
				}
				if p.mediaType == "text/html" {
					got = htmlText(got)
				}
				if want.Contains == nil {
					if got != want.Text {
						t.Errorf("leaf %d (%s) text (-want +got):\n%s", i, want.Location, cmp.Diff(want.Text, got))
					}
				} else if want.Text != "" {
					t.Errorf("leaf %d: both Text and Contains", i)
				}
				for _, s := range want.Contains {
					if !strings.Contains(got, s) {
						t.Errorf("leaf %d: %q not in %q", i, s, got)
					}
				}
				for _, s := range want.NotContains {
					if strings.Contains(got, s) {
						t.Errorf("leaf %d: %q in %q", i, s, got)
					}
				}
				texts[p.loc] = append(texts[p.loc], got)
			}
			checkLabels(t, m, rm, texts)
		})
	}
}

// emailRE finds e-mail addresses in NFKC-normalized text.
var emailRE = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`)

// checkLabels checks that every label is where it says, that every
// address in the text and headers is labelled, and that phones are valid
// and negatives are not.
func checkLabels(t *testing.T, m *Message, rm *refMessage, texts map[string][]string) {
	t.Helper()
	want := map[Label]bool{}
	for _, l := range m.Expect.Labels {
		if want[l] {
			t.Errorf("duplicate label %+v", l)
		}
		want[l] = true
	}
	found := map[Label]bool{}
	for loc, list := range texts {
		for _, s := range list {
			for _, a := range emailRE.FindAllString(norm.NFKC.String(s), -1) {
				found[Label{"email", strings.ToLower(a), loc}] = true
			}
		}
	}
	for h, list := range rm.addrs {
		loc := h
		if !strings.HasPrefix(h, "attachment:") {
			loc = "header:" + h
		}
		for _, a := range list {
			found[Label{"email", a, loc}] = true
		}
	}
	for l := range found {
		if !want[l] {
			t.Errorf("unlabelled %+v", l)
		}
	}
	inBinary := func(loc string) bool {
		for _, b := range m.Expect.Binary {
			if strings.HasPrefix(loc, b+"#") || strings.HasPrefix(loc, b+"/") || loc == b {
				return true
			}
		}
		return false
	}
	for _, l := range m.Expect.Labels {
		if inBinary(l.Location) {
			// In an Excel/PDF/ZIP attachment: checked by the extractors'
			// tests and end to end.
			continue
		}
		switch l.Type {
		case "email":
			if !found[l] {
				t.Errorf("label %+v not found", l)
			}
		case "phone":
			num, err := phonenumbers.Parse(l.Value, "JP")
			if err != nil || !phonenumbers.IsValidNumberForRegion(num, "JP") || phonenumbers.Format(num, phonenumbers.E164) != l.Value {
				t.Errorf("label %+v: not a valid JP number in E.164", l)
			}
			if !slices.ContainsFunc(texts[l.Location], func(s string) bool { return slices.Contains(phonesIn(s), l.Value) }) {
				t.Errorf("label %+v not found in its text", l)
			}
		}
	}
	for _, n := range m.Expect.Negatives {
		if !slices.ContainsFunc(texts[n.Location], func(s string) bool { return strings.Contains(s, n.Text) }) {
			t.Errorf("negative %+v not found in its text", n)
		}
		if p := phonesIn(n.Text); len(p) > 0 {
			t.Errorf("negative %+v holds phone numbers %v", n, p)
		}
	}
	for loc, list := range texts {
		for _, s := range list {
			for _, p := range phonesIn(s) {
				if !want[Label{"phone", p, loc}] {
					t.Errorf("unlabelled phone %s in %s", p, loc)
				}
			}
		}
	}
}

// phoneRE finds candidates for phone numbers written the Japanese way:
// a leading 0 (or +81), digits and separators.
var phoneRE = regexp.MustCompile(`(?:^|[^0-9])(\(?(?:\+81[ -]?|0)[0-9](?:[0-9() .-]*[0-9])?)`)

// phonesIn returns the valid JP numbers (E.164) written in s, after NFKC
// and with the hyphen look-alikes Japanese text uses made hyphens.
func phonesIn(s string) []string {
	s = strings.NewReplacer("ー", "-", "‐", "-", "―", "-", "−", "-").Replace(norm.NFKC.String(s))
	var out []string
	for _, m := range phoneRE.FindAllStringSubmatch(s, -1) {
		num, err := phonenumbers.Parse(m[1], "JP")
		if err == nil && phonenumbers.IsValidNumberForRegion(num, "JP") {
			out = append(out, phonenumbers.Format(num, phonenumbers.E164))
		}
	}
	return out
}

// TestMatrixDetails checks properties of the matrix that the decoding
// test cannot see.
func TestMatrixDetails(t *testing.T) {
	by := map[string]*Message{}
	for _, m := range Generate(testOptions).Messages {
		by[m.Name[strings.IndexByte(m.Name, '-')+1:strings.LastIndexByte(m.Name, '.')]] = m
	}
	// A soft line break inside a UTF-8 sequence: the next line starts
	// with a continuation byte.
	if !regexp.MustCompile(`=\r\n=[89AB][0-9A-F]`).Match(by["utf8-qp"].Raw) {
		t.Error("utf8-qp: no soft line break inside a multibyte character")
	}
	// CP932-only characters: ① is 0x8740, ㈱ 0x878A, 髙 0xFBFC/0xEEE0.
	for _, name := range []string{"cp932-8bit"} {
		for _, seq := range []string{"\x87\x40", "\x87\x8a", "\xee\xe0"} {
			if !bytes.Contains(by[name].Raw, []byte(seq)) {
				t.Errorf("%s: no % x", name, seq)
			}
		}
	}
	// The folded subject is two encoded-words on two lines.
	subj := regexp.MustCompile(`\r\nSubject: .*\r\n(?: .*\r\n)*`).Find(by["hdr-subject-jis-folded"].Raw)
	if n := bytes.Count(subj, []byte("=?ISO-2022-JP?B?")); n != 2 || bytes.Count(subj, []byte("\r\n")) != 3 {
		t.Errorf("hdr-subject-jis-folded: %d encoded words in %q", n, subj)
	}
	// The RFC 2231 continuation is cut inside a UTF-8 sequence.
	if !regexp.MustCompile(`filename\*0\*=UTF-8''[^;]*%E[0-9A-F];`).Match(by["struct-mixed-attachments"].Raw) &&
		!regexp.MustCompile(`filename\*0\*=UTF-8''[^;]*%E[0-9A-F]%[89AB][0-9A-F];`).Match(by["struct-mixed-attachments"].Raw) {
		t.Error("struct-mixed-attachments: continuation not cut inside a character")
	}
}
