package store

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand"
	"strings"
	"testing"
)

var jsonStrings = []string{
	"", "plain", "田中 太郎 <taro@example.jp>", "電話: 03-1234-5678", `quote " and \ backslash`,
	"ctl \x00\x01\x07\x08\x09\x0a\x0b\x0c\x0d\x1b\x1f\x7f end", "line\u2028sep\u2029para", "<html> & 'x' > y",
	"bad \xff\xfe utf8 \xe3\x81", "\xe3\x81\x82\xe3", "emoji 😀 ok", "\ufffd real replacement", "a\u2027b\u202ac",
	"tab\tnewline\ncr\r", "／全角＠ｅｘａｍｐｌｅ．ｊｐ", "\xc0\xaf overlong", "\xed\xa0\x80 surrogate",
}

func stdLine(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func randString(r *rand.Rand) string {
	if r.Intn(3) == 0 {
		return jsonStrings[r.Intn(len(jsonStrings))]
	}
	var sb strings.Builder
	for n := r.Intn(12); n > 0; n-- {
		switch r.Intn(4) {
		case 0:
			sb.WriteByte(byte(r.Intn(256)))
		case 1:
			sb.WriteRune(rune(r.Intn(0x3000)))
		default:
			sb.WriteByte(byte(0x20 + r.Intn(0x60)))
		}
	}
	return sb.String()
}

func TestAppendMatchesEncodingJSON(t *testing.T) {
	floats := []float64{0, 1, 0.5, 0.95, 1e-7, 1.5e-9, 1e21, 123456789.125, -0.25, 1e20, 5e-324, math.MaxFloat64, -1e-6}
	for _, s := range jsonStrings {
		f := Finding{ID: s, Type: s, Value: s, Written: s, Masked: s, Scope: s, Detector: s, MessageID: s, MessageSHA256: s, Source: s,
			Date: s, Location: s, Part: s, Context: s, Person: s, Start: -1, End: 1 << 40}
		got, err := AppendFinding(nil, &f)
		if err != nil {
			t.Fatal(err)
		}
		if want := stdLine(t, &f); !bytes.Equal(got, want) {
			t.Errorf("finding %q:\n got %s\nwant %s", s, got, want)
		}
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		f := Finding{ID: randString(r), Type: randString(r), Value: randString(r), Written: randString(r), Masked: randString(r),
			Confidence: floats[r.Intn(len(floats))], Detector: randString(r), MessageID: randString(r),
			MessageSHA256: randString(r), Source: randString(r), Date: randString(r), Location: randString(r),
			Part: randString(r), Start: r.Intn(1e6), End: r.Intn(1e6), Context: randString(r), Person: randString(r),
			PasswordFrom: randString(r), Scope: randString(r)}
		if r.Intn(2) == 0 {
			f.Confidence = r.Float64() * math.Pow(10, float64(r.Intn(60)-30))
		}
		got, err := AppendFinding([]byte("prefix"), &f)
		if err != nil {
			t.Fatal(err)
		}
		if want := append([]byte("prefix"), stdLine(t, &f)...); !bytes.Equal(got, want) {
			t.Fatalf("finding:\n got %s\nwant %s", got, want)
		}
		e := Entry{Kind: randString(r), MessageSHA256: randString(r), RawSHA256: randString(r), SourceKind: randString(r),
			Source: randString(r), Path: randString(r), Offset: r.Int63() - r.Int63(), Index: r.Intn(100), MessageID: randString(r),
			Date: randString(r), DateRaw: randString(r), From: randString(r), Size: r.Int63(), Truncated: r.Intn(2) == 0,
			Findings: r.Intn(50), ErrorParts: r.Intn(3), ScannedAt: randString(r)}
		for n := r.Intn(4); n > 0; n-- {
			p := PartEntry{Path: randString(r), Location: randString(r), ContentType: randString(r), Charset: randString(r),
				Decoded: randString(r), Encoding: randString(r), Filename: randString(r), Size: r.Int63n(1 << 30), Status: randString(r)}
			for k := r.Intn(3); k > 0; k-- {
				p.Errors = append(p.Errors, randString(r))
			}
			e.Parts = append(e.Parts, p)
		}
		for k := r.Intn(3); k > 0; k-- {
			e.Errors = append(e.Errors, randString(r))
		}
		if r.Intn(5) == 0 {
			e.Parts, e.Errors = []PartEntry{}, []string{}
		}
		if r.Intn(3) == 0 {
			e.Locked = []Locked{{Part: randString(r), Location: randString(r)}}
			e.PasswordCandidates = []string{randString(r), randString(r)}
			e.InReplyTo, e.ThreadKey = randString(r), randString(r)
			e.References = []string{randString(r)}
			e.Unlocked = []Unlock{{Part: randString(r), Location: randString(r), PasswordFrom: randString(r)}, {}}
		}
		if got, want := AppendEntry(nil, &e), stdLine(t, &e); !bytes.Equal(got, want) {
			t.Fatalf("entry:\n got %s\nwant %s", got, want)
		}
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		f := Finding{Confidence: bad}
		_, want := json.Marshal(&f)
		if _, err := AppendFinding(nil, &f); err == nil || err.Error() != want.Error() {
			t.Errorf("confidence %v: error %v, want %v", bad, err, want)
		}
	}
}

func TestCommitEncodedLines(t *testing.T) {
	dir := t.TempDir()
	c, _, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	f2 := finding("m2", "f2")
	line, _ := AppendFinding(nil, &f2)
	e2 := entry("m2")
	if err := c.Commit(&Batch{Findings: []Finding{finding("m1", "f1")}, Entries: []Entry{entry("m1"), e2},
		FindingLines: [][]byte{line}, FindingLineCount: 1, EntryLines: [][]byte{nil, AppendEntry(nil, &e2)}}); err != nil {
		t.Fatal(err)
	}
	if c.FindingCount() != 2 || !c.Known(sha256Of("m2")) {
		t.Errorf("count %d", c.FindingCount())
	}
	c.Close()
	if got := ids(t, dir); len(got) != 2 || got[0] != "f1" || got[1] != "f2" {
		t.Errorf("ids %v", got)
	}
}

func sha256Of(s string) [32]byte {
	h, _ := parseHash(hashOf(s))
	return h
}
