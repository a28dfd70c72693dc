package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fakeBox is a container format for tests: data "box:" + members joined
// by "|", each "name=content". A member content "box:..." nests; "lock:"
// is encrypted unless Env.Passwords holds "pw"; "panic" panics; "sleep"
// waits for ctx.
type fakeBox struct{}

func (fakeBox) Name() string       { return "box" }
func (fakeBox) Match(f *File) bool { return strings.HasPrefix(string(f.Data), "box:") }
func (fakeBox) Extract(ctx context.Context, f *File, env *Env, out Sink) error {
	body := strings.TrimPrefix(string(f.Data), "box:")
	switch body {
	case "panic":
		panic("boom")
	case "sleep":
		<-ctx.Done()
		return ctx.Err()
	}
	if strings.HasPrefix(body, "lock:") {
		ok := false
		for _, pw := range env.Passwords {
			if pw == "pw" {
				ok = true
				out.Unlocked(f.Location, pw)
			}
		}
		if !ok {
			out.Problem(f.Location, fmt.Errorf("box: %w", ErrEncrypted))
			return nil
		}
		body = strings.TrimPrefix(body, "lock:")
	}
	for _, m := range strings.Split(body, "|") {
		name, content, _ := strings.Cut(m, "=")
		if err := out.File(File{Name: name, Data: []byte(content)}); err != nil {
			return err
		}
	}
	return nil
}

// fakeText turns "txt:..." files into one segment per line, with a cell
// suffix.
type fakeText struct{}

func (fakeText) Name() string { return "txt" }
func (fakeText) Match(f *File) bool {
	return strings.HasPrefix(string(f.Data), "txt:") || f.ContentType == "text/csv"
}
func (fakeText) Extract(ctx context.Context, f *File, env *Env, out Sink) error {
	for i, l := range strings.Split(strings.TrimPrefix(string(f.Data), "txt:"), "\n") {
		if err := out.Text(Segment{Location: fmt.Sprintf("%s#L%d", f.Location, i+1), Text: l, Column: "col"}); err != nil {
			return err
		}
	}
	return nil
}

func attach(path, name, data string) *Part {
	return &Part{Path: path, Location: "attachment:" + name, Filename: name, Attachment: true, Status: StatusBinary, Data: []byte(data)}
}

func TestAttachmentsLocationsAndNesting(t *testing.T) {
	parts := []*Part{
		{Path: "1", Location: "body", Status: StatusText, Text: "hello"},
		attach("2", "a.zip", "box:b.txt=txt:one\ntwo|c.zip=box:d.txt=txt:three|e.png=\x89PNG\r\n\x1a\nxxxx"),
		{Path: "3", Location: "attachment:list.csv", Filename: "list.csv", ContentType: "text/csv", Attachment: true, Status: StatusText, Text: "four"},
	}
	x := Attachments(context.Background(), parts, []Extractor{fakeBox{}, fakeText{}}, Env{}, nil)
	var got []string
	for _, s := range x.Segments {
		got = append(got, s.Location+"="+s.Text)
	}
	want := []string{
		"attachment:a.zip/b.txt#L1=one",
		"attachment:a.zip/b.txt#L2=two",
		"attachment:a.zip/c.zip/d.txt#L1=three",
		"attachment:list.csv#L1=four",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("segments (-want +got):\n%s", diff)
	}
	if len(x.Images) != 1 || x.Images[0].Location != "attachment:a.zip/e.png" || x.Images[0].Depth != 1 || x.Images[0].Part != "2" {
		t.Errorf("images = %+v", x.Images)
	}
	// OCR and the image detectors share one decoding of each image.
	if len(x.Images) == 1 && x.Images[0].Pixels == nil {
		t.Error("image without Pixels")
	}
	if !x.Consumed["3"] || x.Consumed["1"] {
		t.Errorf("consumed = %v", x.Consumed)
	}
	if len(x.Problems) != 0 {
		t.Errorf("problems: %v", x.Problems)
	}
	if x.Files != 6 {
		t.Errorf("files = %d, want 6", x.Files)
	}
}

func TestAttachmentsLimitsAndFailures(t *testing.T) {
	deep := "txt:bottom"
	for range 12 {
		deep = "box:n=" + deep
	}
	parts := []*Part{
		attach("2", "deep.zip", deep),
		attach("3", "panic.zip", "box:panic"),
		attach("4", "slow.zip", "box:sleep"),
		attach("5", "locked.zip", "box:lock:x.txt=txt:secret"),
		attach("6", "after.zip", "box:y.txt=txt:still read"),
	}
	env := Env{Limits: Limits{Timeout: 50 * time.Millisecond, MaxContainerDepth: 5}}
	x := Attachments(context.Background(), parts, []Extractor{fakeBox{}, fakeText{}}, env, nil)
	byPart := map[string]error{}
	for _, p := range x.Problems {
		byPart[p.Part] = p.Err
	}
	var le *LimitError
	if err := byPart["2"]; !errors.As(err, &le) || le.Limit != "depth" {
		t.Errorf("deep: %v", err)
	}
	if err := byPart["3"]; err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Errorf("panic: %v", err)
	}
	if err := byPart["4"]; !errors.As(err, &le) || le.Limit != "time" {
		t.Errorf("slow: %v", err)
	}
	if err := byPart["5"]; !errors.Is(err, ErrEncrypted) {
		t.Errorf("locked: %v", err)
	}
	if diff := cmp.Diff([]Locked{{Part: "5", Location: "attachment:locked.zip"}}, x.Locked); diff != "" {
		t.Errorf("locked (-want +got):\n%s", diff)
	}
	if n := len(x.Segments); n != 1 || x.Segments[0].Text != "still read" {
		t.Errorf("segments after failures: %+v", x.Segments)
	}

	// With the password, only the locked part is read (PPAP retry).
	env.Passwords = []string{"wrong", "pw"}
	x = Attachments(context.Background(), parts, []Extractor{fakeBox{}, fakeText{}}, env, map[string]bool{"5": true})
	if len(x.Segments) != 1 || x.Segments[0].Text != "secret" || x.Segments[0].Location != "attachment:locked.zip/x.txt#L1" {
		t.Errorf("unlocked segments: %+v", x.Segments)
	}
	if x.Unlocked["attachment:locked.zip"] != "pw" || len(x.Locked) != 0 {
		t.Errorf("unlocked = %v, locked = %v", x.Unlocked, x.Locked)
	}
}

func TestAttachmentsTotalBytes(t *testing.T) {
	big := "box:" + strings.Repeat("m=txt:"+strings.Repeat("x", 1000)+"|", 100)
	parts := []*Part{attach("2", "a.zip", big), attach("3", "b.zip", "box:c=txt:late")}
	x := Attachments(context.Background(), parts, []Extractor{fakeBox{}, fakeText{}}, Env{Limits: Limits{MaxBytes: 10_000}}, nil)
	var n int
	for _, s := range x.Segments {
		n += len(s.Text)
	}
	if n > 10_000 || n < 4000 {
		t.Errorf("extracted %d bytes with a 10,000-byte limit", n)
	}
	var le *LimitError
	if len(x.Problems) != 1 || !errors.As(x.Problems[0].Err, &le) || le.Limit != "bytes" || x.Problems[0].Part != "2" {
		t.Errorf("problems = %v", x.Problems)
	}
}

func TestEMLExtractor(t *testing.T) {
	raw := "From: =?UTF-8?B?55Sw5Lit?= <tanaka@example.jp>\r\nSubject: fwd\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n本文です\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"in.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\nYm94OnE9dHh0OmRlZXA=\r\n--b--\r\n"
	parts := []*Part{attach("2", "a.zip", "box:fwd.eml="+raw)}
	x := Attachments(context.Background(), parts, []Extractor{fakeBox{}, fakeText{}, EML()}, Env{}, nil)
	var got []string
	for _, s := range x.Segments {
		got = append(got, s.Location+"="+s.Text)
	}
	want := []string{
		"attachment:a.zip/fwd.eml/header:From=田中 <tanaka@example.jp>",
		"attachment:a.zip/fwd.eml/header:Subject=fwd",
		"attachment:a.zip/fwd.eml/body=本文です",
		"attachment:a.zip/fwd.eml/in.bin/q#L1=deep",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("segments (-want +got):\n%s", diff)
	}
}

func TestCleanMember(t *testing.T) {
	for in, want := range map[string]string{
		"../../etc/passwd": "etc/passwd",
		"/abs/x.txt":       "abs/x.txt",
		`dir\file.txt`:     "dir/file.txt",
		"":                 "_",
		"a/./b/../c":       "a/c",
	} {
		if got := cleanMember(in); got != want {
			t.Errorf("cleanMember(%q) = %q, want %q", in, got, want)
		}
	}
}
