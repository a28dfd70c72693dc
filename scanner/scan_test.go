package scanner

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mailsift/mailsift/scanner/source"
	"github.com/mailsift/mailsift/store"
)

// fakeSource yields the given raw messages (nil = a read error).
type fakeSource struct{ msgs []string }

func (f fakeSource) Name() string { return "fake" }
func (f fakeSource) Size() int64  { return 0 }
func (f fakeSource) Messages(ctx context.Context, yield func(*source.Message, error) error) error {
	for i, raw := range f.msgs {
		if raw == "" {
			if err := yield(nil, fmt.Errorf("fake: message %d unreadable", i)); err != nil {
				return err
			}
			continue
		}
		m := &source.Message{Kind: "eml", Path: fmt.Sprintf("/fake/%d.eml", i), Folder: "INBOX", Data: []byte(raw),
			Size: int64(len(raw)), RawSize: int64(len(raw)), CanonicalSHA256: source.CanonicalHash([]byte(raw)), RawSHA256: sha256.Sum256([]byte(raw))}
		if err := yield(m, nil); err != nil {
			return err
		}
	}
	return nil
}

// wordDetector reports every occurrence of a word; "PANIC" panics.
type wordDetector struct{ word string }

func (d wordDetector) Detect(_ context.Context, in Input) ([]Hit, error) {
	text := in.Text
	if strings.Contains(text, "PANIC") {
		panic("detector bug")
	}
	var hits []Hit
	for i := 0; ; {
		j := strings.Index(text[i:], d.word)
		if j < 0 {
			return hits, nil
		}
		hits = append(hits, Hit{Type: "email", Detector: "fake", Value: d.word, Masked: "***", Confidence: 0.9, Start: i + j, End: i + j + len(d.word)})
		i += j + len(d.word)
	}
}

func msg(i int, body string) string {
	return fmt.Sprintf("Subject: %d\r\nDate: Thu, 2 May 2024 10:00:%02d +0900\r\n\r\n%s\r\n", i, i%60, body)
}

func scanAll(t *testing.T, workers int, msgs []string) (Summary, []store.Finding, error) {
	t.Helper()
	c, _, err := store.Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sum, err := Scan(context.Background(), c, wordDetector{"secret"}, []source.Source{fakeSource{msgs}}, Options{Workers: workers, FlushEvery: 7})
	var fs []store.Finding
	store.EachFinding(c.Dir, func(f *store.Finding) error { fs = append(fs, *f); return nil })
	return sum, fs, err
}

func TestScanIsDeterministicWhateverTheWorkers(t *testing.T) {
	var msgs []string
	for i := 0; i < 300; i++ {
		msgs = append(msgs, msg(i, strings.Repeat("x secret y ", i%5)))
	}
	_, want, err := scanAll(t, 1, msgs)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 {
		t.Fatal("no findings")
	}
	for _, w := range []int{2, 8} {
		_, got, err := scanAll(t, w, msgs)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(ids(want), ids(got)); diff != "" {
			t.Errorf("workers=%d: order differs (-1 worker +%d)\n%s", w, w, diff)
		}
	}
}

func ids(fs []store.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.ID)
	}
	return out
}

func TestScanCountsAndIsolatesProblems(t *testing.T) {
	msgs := []string{
		msg(1, "a secret"),
		msg(1, "a secret"), // same message twice in one scan
		"",                 // unreadable
		msg(2, "PANIC here"),
		msg(3, "fine secret"),
		"Subject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nsecret, never closed\r\n",
	}
	sum, fs, err := scanAll(t, 2, msgs)
	if err != nil {
		t.Fatal(err)
	}
	want := Summary{Messages: 5, Duplicates: 1, Findings: 3, Errors: 3, Bytes: sum.Bytes}
	sum.Seconds = 0
	if diff := cmp.Diff(want, sum); diff != "" {
		t.Errorf("summary (-want +got)\n%s", diff)
	}
	if len(fs) != 3 {
		t.Errorf("%d findings", len(fs))
	}
}

func TestScanStopsOnCancel(t *testing.T) {
	c, _, _ := store.Create(t.TempDir())
	defer c.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Scan(ctx, c, wordDetector{"secret"}, []source.Source{fakeSource{[]string{msg(1, "secret")}}}, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

func TestFindingLimitIsCountedNotSilent(t *testing.T) {
	c, _, _ := store.Create(t.TempDir())
	defer c.Close()
	src := fakeSource{[]string{msg(1, strings.Repeat("secret ", 5))}}
	sum, err := Scan(context.Background(), c, wordDetector{"secret"}, []source.Source{src}, Options{MaxFindings: 2})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Findings != 2 || sum.Errors != 1 {
		t.Errorf("summary %+v: want 2 findings and the overflow counted as 1 error", sum)
	}
}

// A copy of a message found again is a place, whatever the timing: a copy
// decoded before the first was committed (same batch) and one seen after
// give the same manifest line.
func TestSeenLinesDoNotDependOnTiming(t *testing.T) {
	m := "Message-ID: <a@x>\r\nFrom: a@example.jp\r\n" + msg(1, "secret")
	for _, flush := range []int{1, 100} {
		c, _, err := store.Create(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		sum, err := Scan(context.Background(), c, wordDetector{"secret"}, []source.Source{fakeSource{[]string{m, m}}}, Options{Workers: 1, FlushEvery: flush})
		if err != nil || sum.Duplicates != 1 {
			t.Fatalf("flush %d: %+v, %v", flush, sum, err)
		}
		var seen []store.Entry
		store.EachEntry(c.Dir, nil, func(e *store.Entry) error {
			if e.Kind == store.KindSeen {
				seen = append(seen, *e)
			}
			return nil
		})
		c.Close()
		if len(seen) != 1 {
			t.Fatalf("flush %d: %d seen lines", flush, len(seen))
		}
		e := seen[0]
		e.ScannedAt = ""
		want := store.Entry{Kind: store.KindSeen, MessageSHA256: e.MessageSHA256, RawSHA256: e.RawSHA256, SourceKind: "eml",
			Source: "INBOX", Path: "/fake/1.eml", Size: int64(len(m))}
		if diff := cmp.Diff(want, e); diff != "" {
			t.Errorf("flush %d: seen line (-want +got)\n%s", flush, diff)
		}
	}
}
