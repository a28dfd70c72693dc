package scanner

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mailsift/mailsift/detectors/registry"
	"github.com/mailsift/mailsift/pii"
	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/archive"
	"github.com/mailsift/mailsift/scanner/extract/office"
	"github.com/mailsift/mailsift/scanner/source"
	"github.com/mailsift/mailsift/store"
)

// listWord is a word listDetector reports, with its type and mask. Where
// it is reported: in every text and name (""), in attachment names only
// ("names"), or at its first or last occurrence in a text, and in no name
// ("first", "last": a detector that sees a name in the signature and
// misses it in the body).
type listWord struct{ word, typ, masked, where string }

type listDetector []listWord

func (d listDetector) Detect(_ context.Context, in Input) ([]Hit, error) {
	var hits []Hit
	for _, w := range d {
		if names := in.Field == nameField; w.where == "names" && !names || (w.where == "first" || w.where == "last") && names {
			continue
		}
		var at []int
		for i := 0; ; {
			j := strings.Index(in.Text[i:], w.word)
			if j < 0 {
				break
			}
			at = append(at, i+j)
			i += j + len(w.word)
		}
		switch {
		case len(at) == 0:
			continue
		case w.where == "first":
			at = at[:1]
		case w.where == "last":
			at = at[len(at)-1:]
		}
		for _, s := range at {
			hits = append(hits, Hit{Type: w.typ, Detector: "list", Value: w.word, Masked: w.masked, Confidence: 0.9, Start: s, End: s + len(w.word)})
		}
	}
	return hits, nil
}

// attachment is one MIME part of mailWith: a file, base64-encoded.
type attachment struct{ name, contentType, data string }

// mailWith is a message of a plain-text body and attachments.
func mailWith(body string, atts ...attachment) string {
	var b strings.Builder
	b.WriteString("From: a@example.jp\r\nSubject: test\r\nDate: Thu, 2 May 2024 10:00:00 +0900\r\nMessage-ID: <k@example.jp>\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		base64.StdEncoding.EncodeToString([]byte(body)) + "\r\n")
	for _, a := range atts {
		fmt.Fprintf(&b, "--b\r\nContent-Type: %s\r\nContent-Disposition: attachment; filename=\"%s\"\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n",
			a.contentType, a.name, base64.StdEncoding.EncodeToString([]byte(a.data)))
	}
	b.WriteString("--b--\r\n")
	return b.String()
}

// scanned is what a scan of one message shows: findings, the manifest
// line's problems and parts, and the warnings (stderr and scan.log).
type scanned struct {
	findings []store.Finding
	entry    store.Entry
	warnings []string
}

func scanOne(t *testing.T, det Detector, raw string) scanned {
	t.Helper()
	c, _, err := store.Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var out scanned
	warn := func(msg string, attrs ...any) {
		out.warnings = append(out.warnings, fmt.Sprint(append([]any{msg}, attrs...)...))
	}
	opts := Options{Workers: 1, Warn: warn, Extractors: []extract.Extractor{office.CSV(), archive.Zip()}}
	if _, err := Scan(context.Background(), c, det, []source.Source{fakeSource{[]string{raw}}}, opts); err != nil {
		t.Fatal(err)
	}
	store.EachFinding(c.Dir, func(f *store.Finding) error { out.findings = append(out.findings, *f); return nil })
	store.EachEntry(c.Dir, nil, func(e *store.Entry) error {
		if e.Kind == store.KindMessage {
			out.entry = *e
		}
		return nil
	})
	return out
}

// The values a message holds are masked wherever it shows them: in the
// locations of its findings, in the contexts of other findings and in its
// problems, wherever they were found.
func TestKnownValuesAreMaskedEverywhere(t *testing.T) {
	const file = "passport_TK1234567_x@example.jp"
	fileWords := listDetector{
		{"TK1234567", pii.Passport, "TK*****67", "names"},
		{"x@example.jp", pii.Email, "x***@e******.jp", "names"},
		{"secret", pii.Email, "s****t", ""},
	}
	real, err := NewDetector(registry.Default())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		det  Detector
		raw  string
		// Every string of hidden is nowhere: not in locations, contexts,
		// problems or warnings.
		hidden []string
		// Some location, context, problem of the manifest and warning
		// holds each of these.
		locs, contexts, problems []string
	}{
		{
			name: "passport and e-mail in an attachment's name",
			det:  fileWords,
			raw: mailWith("添付の "+file+".csv の secret をご確認ください。",
				attachment{file + ".csv", "text/csv", "氏名,secret\r\n"},
				attachment{file + ".zip", "application/zip", "not a zip"}),
			hidden:   []string{"TK1234567", "x@example.jp"},
			locs:     []string{"attachment:passport_TK*****67_x***@e******.jp.csv#B1"},
			contexts: []string{"_*********_************.csv の s****t をご確認ください"},
			problems: []string{"attachment:passport_TK*****67_x***@e******.jp.zip"},
		},
		{
			name: "passport and e-mail in an attachment's name, real detectors",
			det:  real,
			raw: mailWith("添付の資料をご確認ください。担当 090-1234-5678",
				attachment{file + ".csv", "text/csv", "旅券番号,電話\r\nTK1234567,03-1234-5678\r\n"},
				attachment{file + ".zip", "application/zip", "not a zip"}),
			hidden:   []string{"TK1234567", "x@example.jp"},
			locs:     []string{"attachment:p*******************@e*********.csv#B2"},
			problems: []string{"attachment:p*******************@e*********.zip"},
		},
		{
			name: "a name found in the signature, in the body",
			det: listDetector{
				{"田中一郎", pii.PersonName, "****", "last"},
				{"090-1234-5678", pii.Phone, "+81*******78", ""},
			},
			raw:      mailWith("田中一郎さんと田中次郎さんへ 電話 090-1234-5678 まで\r\n--\r\n田中一郎\r\n"),
			hidden:   []string{"田中一郎"},
			contexts: []string{"****さんと田中次郎さんへ 電話 +81*******78 まで"},
		},
		{
			name: "a postcode next to an address, other numbers",
			det:  listDetector{{"東京都千代田区千代田1-1", pii.Address, "東**********-1", ""}},
			raw:  mailWith("住所：〒100-0001 東京都千代田区千代田1-1 第2回 12月 会員番号１２３４５"),
			// Digits of 2 stay, as does a full-width one.
			hidden:   []string{"100", "0001", "１２３４５"},
			contexts: []string{"住所：〒***-**** 東**********-1 第2回 12月 会員番号*****"},
		},
		{
			name: "age, gender, nationality and one-rune values are masked where found only",
			det: listDetector{
				{"35歳", pii.Age, "**", "first"},
				{"男性", pii.Gender, "****", "first"},
				{"日本", pii.Nationality, "***", "first"},
				{"林", pii.PersonName, "*", "first"},
				{"secret", pii.Email, "s****t", ""},
			},
			raw:      mailWith("林 35歳 男性 日本\r\n" + strings.Repeat("あ", 40) + "\r\nsecret 林 35歳 男性 日本"),
			contexts: []string{"* ** **** ***", "s****t 林 35歳 男性 日本"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := scanOne(t, tc.det, tc.raw)
			if len(got.findings) == 0 {
				t.Fatal("no findings")
			}
			var locs, contexts []string
			for _, f := range got.findings {
				locs = append(locs, f.Location)
				contexts = append(contexts, f.Context)
			}
			shown := map[string][]string{"location": locs, "context": contexts, "problem": got.entry.Errors, "warning": got.warnings}
			for what, all := range shown {
				for _, s := range all {
					for _, h := range tc.hidden {
						if strings.Contains(s, h) {
							t.Errorf("%s %q shows %q", what, s, h)
						}
					}
				}
			}
			for _, p := range got.entry.Parts {
				for _, e := range p.Errors {
					for _, h := range tc.hidden {
						if strings.Contains(e, h) {
							t.Errorf("problem of part %s %q shows %q", p.Path, e, h)
						}
					}
				}
			}
			holds := func(what string, all, want []string) {
				for _, w := range want {
					found := false
					for _, s := range all {
						found = found || strings.Contains(s, w)
					}
					if !found {
						t.Errorf("no %s holds %q; %ss:\n%s", what, w, what, strings.Join(all, "\n"))
					}
				}
			}
			holds("location", locs, tc.locs)
			holds("context", contexts, tc.contexts)
			holds("problem", got.entry.Errors, tc.problems)
			holds("warning", got.warnings, tc.problems)
		})
	}
}

// Two attachments whose names mask alike keep distinct ids: an id is
// computed from the location as it is, not as it is shown.
func TestIDsComeFromRawLocations(t *testing.T) {
	det := listDetector{
		{"TK1234567", pii.Passport, "TK*****67", "names"},
		{"TK9999967", pii.Passport, "TK*****67", "names"},
		{"secret", pii.Email, "s****t", ""},
	}
	raw := mailWith("本文",
		attachment{"passport_TK1234567.csv", "text/csv", "a,secret\r\n"},
		attachment{"passport_TK9999967.csv", "text/csv", "a,secret\r\n"})
	got := scanOne(t, det, raw)
	if len(got.findings) != 2 {
		t.Fatalf("%d findings, want 2", len(got.findings))
	}
	a, b := got.findings[0], got.findings[1]
	if a.Location != "attachment:passport_TK*****67.csv#B1" || b.Location != a.Location {
		t.Errorf("locations %q and %q, want both masked alike", a.Location, b.Location)
	}
	if a.ID == b.ID {
		t.Errorf("both findings have id %s", a.ID)
	}
	for i, f := range got.findings {
		rawLoc := []string{"attachment:passport_TK1234567.csv#B1", "attachment:passport_TK9999967.csv#B1"}[i]
		h := Hit{Type: f.Type, Detector: f.Detector, Start: f.Start, End: f.End}
		if want := findingID(f.MessageSHA256, f.Part, rawLoc, h); f.ID != want {
			t.Errorf("finding %d: id %s, want %s (from %s)", i, f.ID, want, rawLoc)
		}
	}
}

// TestContextMasking: the rules of a context window, rune by rune.
func TestContextMasking(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		hit   string // the finding's value; its mask is "[m]"
		known []string
		want  string
	}{
		{"postcode by a hit", "〒100-0001 東京都千代田区", "東京都千代田区", nil, "〒***-**** [m]"},
		{"two digits stay", "第2回 12月 TEL", "TEL", nil, "第2回 12月 [m]"},
		{"three do not", "第123回 2024年 TEL", "TEL", nil, "第***回 ****年 [m]"},
		{"full-width digits", "番号１２３ １２ TEL", "TEL", nil, "番号*** １２ [m]"},
		{"digits next to a hit belong to its number", "AB123 TEL 99", "AB12", nil, "[m]* TEL 99"},
		{"a number cut by a hit", "TEL12345", "TEL123", nil, "[m]**"},
		{"a known value", "山田太郎様 TEL 山田 太郎", "TEL", []string{"山田太郎"}, "****様 [m] 山田 太郎"},
		{"the longest known value", "abcdef TEL", "TEL", []string{"abc", "abcde"}, "*****f [m]"},
		{"overlapping known values", "abcdef TEL", "TEL", []string{"abcd", "cdef"}, "****** [m]"},
		{"no known value in a word's place", "abX TEL", "TEL", []string{"abc"}, "abX [m]"},
		{
			"a number cut by the window's edge", strings.Repeat("x", 40) + "1234" + strings.Repeat("い", 29) + "TEL",
			"TEL", nil, "*" + strings.Repeat("い", 29) + "[m]",
		},
		{
			"a known value cut by the window's edge", strings.Repeat("x", 40) + "山田太郎" + strings.Repeat("い", 28) + "TEL",
			"TEL", []string{"山田太郎"}, "**" + strings.Repeat("い", 28) + "[m]",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := strings.Index(tc.text, tc.hit)
			h := Hit{Type: "t", Masked: "[m]", Start: s, End: s + len(tc.hit)}
			var kv known
			for _, v := range tc.known {
				kv.add(v, "")
			}
			got, _ := maskedContextKnown(tc.text, h, []Hit{h}, mergeHits([]Hit{h}), &kv, nil)
			if got != tc.want {
				t.Errorf("context %q, want %q", got, tc.want)
			}
		})
	}
}

// TestMaskingLocations: a known value in a location or problem shows as
// its mask, or '*' for every rune when it has none.
func TestMaskingLocations(t *testing.T) {
	var kv known
	kv.addHits("TK1234567 x@example.jp 山田太郎 35歳", []Hit{
		{Type: pii.Passport, Masked: "TK*****67", Start: 0, End: 9},
		{Type: pii.Email, Masked: "x***@e******.jp", Start: 10, End: 22},
		{Type: pii.PersonName, Start: 23, End: 35},
		{Type: pii.Age, Masked: "**", Start: 36, End: 41},
	})
	kv.add("x@exa", "")
	tests := []struct{ in, want string }{
		{"attachment:passport_TK1234567_x@example.jp.csv#B2", "attachment:passport_TK*****67_x***@e******.jp.csv#B2"},
		{"attachment:山田太郎.zip/35歳.csv", "attachment:****.zip/35歳.csv"},
		{"attachment:TK123456.csv", "attachment:TK123456.csv"},
		{"body", "body"},
	}
	for _, tc := range tests {
		if got := kv.mask(tc.in); got != tc.want {
			t.Errorf("mask(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestKnownValuesOfABigSpreadsheet: a message of 100,000 cells each with
// a value of its own, all known to every context, takes time linear in the
// cells.
func TestKnownValuesOfABigSpreadsheet(t *testing.T) {
	const n = 100000
	r := baseResult(&source.Message{})
	start := time.Now()
	for i := range n {
		v := fmt.Sprintf("name%d", i*7919%n) + strings.Repeat("x", i%40)
		text := "customer " + v + " tel 03-1234-0000"
		hits := []Hit{{Type: pii.PersonName, Detector: "d", Value: v, Masked: "****", Start: 9, End: 9 + len(v)}}
		r.record(text, fmt.Sprintf("attachment:big.csv#A%d", i+1), "2", "", hits, DefaultMaxFindings)
	}
	r.finish(context.Background(), NoDetector())
	if r.nFindings != n || len(r.names) != 1 {
		t.Fatalf("%d findings, %d names", r.nFindings, len(r.names))
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Fatalf("%d cells took %v", n, d)
	}
	line := string(r.findingLines[0][:strings.IndexByte(string(r.findingLines[0]), '\n')])
	if !strings.Contains(line, `"context":"customer **** tel 03-****-****"`) {
		t.Errorf("first finding %s", line)
	}
}

// TestKnownValuesMatchingIsBounded: values made to share their first
// bytes in a thousand lengths cost a bounded time per context, which is
// then masked whole; ordinary values sharing their first bytes in a few
// dozen lengths do not come near that bound.
func TestKnownValuesMatchingIsBounded(t *testing.T) {
	var hostile known
	for i := range 1000 {
		hostile.add("aaaaaaaa"+strings.Repeat("b", i), "")
	}
	text := strings.Repeat("aaaaaaaa ", 20000) + "TEL " + strings.Repeat("aaaaaaaa ", 20000)
	s := strings.Index(text, "TEL")
	h := Hit{Masked: "[m]", Start: s, End: s + 3}
	start := time.Now()
	var got string
	for range 10000 {
		got, _ = maskedContextKnown(text, h, []Hit{h}, mergeHits([]Hit{h}), &hostile, nil)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("10,000 contexts took %v", d)
	}
	if want := strings.Repeat("*", 30) + "[m]" + strings.Repeat("*", 30); got != want {
		t.Errorf("context %q, want %q", got, want)
	}

	// 2,000 addresses of 40 lengths, all beginning "customer", in a body.
	var ordinary known
	var body strings.Builder
	var hits []Hit
	for i := range 2000 {
		v := fmt.Sprintf("customer%d@%sexample.jp", i, strings.Repeat("x", i%40))
		ordinary.add(v, "c***@e******.jp")
		body.WriteString("to ")
		hits = append(hits, Hit{Masked: "c***@e******.jp", Start: body.Len(), End: body.Len() + len(v)})
		body.WriteString(v + ", ")
	}
	spans := mergeHits(hits)
	for _, h := range hits {
		got, _ := maskedContextKnown(body.String(), h, hits, spans, &ordinary, nil)
		if !strings.Contains(got, ", to c***@e******.jp") {
			t.Fatalf("context %q: masked whole", got)
		}
	}
}
