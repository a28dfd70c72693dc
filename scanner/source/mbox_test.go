package source

import (
	"crypto/sha256"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

const (
	env1 = "From alice@example.com Mon Jan  2 15:04:05 2006\n"
	env2 = "From bob@example.com Tue Jan  3 10:00:00 2006\n"
)

// got is what a test compares of one message read from an mbox.
type got struct {
	Offset int64
	Index  int
	Data   string
}

// readMboxString reads all of input and checks what must hold for every
// mbox: raw spans are contiguous, end at the end of input, and RawSHA256
// hashes them; CanonicalSHA256 is CanonicalHash of Data.
func readMboxString(t *testing.T, input string, opts Options) (msgs []got, junk []string) {
	t.Helper()
	r := NewMboxReader(strings.NewReader(input), "test.mbox", opts)
	var end int64 = -1
	for {
		m, err := r.Next()
		if err == io.EOF {
			break
		}
		if errors.Is(err, ErrJunk) {
			junk = append(junk, err.Error())
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		if end >= 0 && m.Offset != end {
			t.Errorf("message %d at offset %d, previous ended at %d", m.Index, m.Offset, end)
		}
		end = m.Offset + m.RawSize
		if want := sha256.Sum256([]byte(input[m.Offset:end])); m.RawSHA256 != want {
			t.Errorf("message %d: RawSHA256 is not the hash of input[%d:%d]", m.Index, m.Offset, end)
		}
		if !m.Truncated {
			if want := CanonicalHash(m.Data); m.CanonicalSHA256 != want {
				t.Errorf("message %d: CanonicalSHA256 differs from CanonicalHash(Data)", m.Index)
			}
		}
		if m.Kind != "mbox" || m.Path != "test.mbox" {
			t.Errorf("message %d: kind %q path %q", m.Index, m.Kind, m.Path)
		}
		msgs = append(msgs, got{m.Offset, m.Index, string(m.Data)})
	}
	if end >= 0 && end != int64(len(input)) {
		t.Errorf("last message ends at %d, input has %d bytes", end, len(input))
	}
	return msgs, junk
}

func TestMboxReader(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []got
		junk  int // junk errors expected
	}{
		{
			name:  "empty",
			input: "",
		},
		{
			name:  "blank lines only",
			input: "\n\r\n\n",
		},
		{
			name:  "one message",
			input: env1 + "Subject: a\n\nbody\n",
			want:  []got{{0, 1, "Subject: a\n\nbody\n"}},
		},
		{
			name:  "two messages, separator removed",
			input: env1 + "Subject: a\n\nbody a\n\n" + env2 + "Subject: b\n\nbody b\n",
			want: []got{
				{0, 1, "Subject: a\n\nbody a\n"},
				{int64(len(env1 + "Subject: a\n\nbody a\n\n")), 2, "Subject: b\n\nbody b\n"},
			},
		},
		{
			name:  "only one blank line removed",
			input: env1 + "S: a\n\nbody\n\n\n" + env2 + "S: b\n",
			want: []got{
				{0, 1, "S: a\n\nbody\n\n"},
				{int64(len(env1 + "S: a\n\nbody\n\n\n")), 2, "S: b\n"},
			},
		},
		{
			name:  "trailing blank line at end of file removed",
			input: env1 + "S: a\n\nbody\n\n",
			want:  []got{{0, 1, "S: a\n\nbody\n"}},
		},
		{
			name:  "last message without newline",
			input: env1 + "S: a\n\nbody\n\n" + env2 + "S: b\n\nlast line",
			want: []got{
				{0, 1, "S: a\n\nbody\n"},
				{int64(len(env1 + "S: a\n\nbody\n\n")), 2, "S: b\n\nlast line"},
			},
		},
		{
			name:  "mboxrd and mboxo unquoting",
			input: env1 + "S: q\n\n>From here\n>>From there\n>>>From x\n> From not\n>Fromage\nFrom: not a line to touch\n",
			want:  []got{{0, 1, "S: q\n\nFrom here\n>From there\n>>From x\n> From not\n>Fromage\nFrom: not a line to touch\n"}},
		},
		{
			name:  "quoted envelope after blank line is unquoted, not a boundary",
			input: env1 + "S: q\n\n>" + env2 + "more\n",
			want:  []got{{0, 1, "S: q\n\n" + env2 + "more\n"}},
		},
		{
			name: "CRLF file",
			input: "From alice@example.com Mon Jan  2 15:04:05 2006\r\nS: a\r\n\r\nbody a\r\n\r\n" +
				"From bob@example.com Tue Jan  3 10:00:00 2006\r\nS: b\r\n\r\n>From b\r\n\r\n",
			want: []got{
				{0, 1, "S: a\r\n\r\nbody a\r\n"},
				{int64(len("From alice@example.com Mon Jan  2 15:04:05 2006\r\nS: a\r\n\r\nbody a\r\n\r\n")), 2, "S: b\r\n\r\nFrom b\r\n"},
			},
		},
		{
			name:  "mixed line endings",
			input: env1 + "S: a\r\nT: b\n\r\nbody\r\nline\n\r\n" + env2 + "S: c\n",
			want: []got{
				{0, 1, "S: a\r\nT: b\n\r\nbody\r\nline\n"},
				{int64(len(env1 + "S: a\r\nT: b\n\r\nbody\r\nline\n\r\n")), 2, "S: c\n"},
			},
		},
		{
			name:  "CR-only file",
			input: "From alice@example.com Mon Jan  2 15:04:05 2006\rS: a\r\rbody a\r\rFrom bob@example.com Tue Jan  3 10:00:00 2006\rS: b\r",
			want: []got{
				{0, 1, "S: a\r\rbody a\r"},
				{int64(len("From alice@example.com Mon Jan  2 15:04:05 2006\rS: a\r\rbody a\r\r")), 2, "S: b\r"},
			},
		},
		{
			name: "From lines in a body after a blank line are not boundaries",
			input: env1 + "S: a\n\n" +
				"From my point of view, 2024 was 12:00 great\n\n" +
				"From Russia with love\n\n" +
				"From 9:00 to 17:00, Mon to Fri, Jan 2024\n\n" +
				"From Mon Jan  2 15:04:05 2006\n\n" +
				"From here on, Mon Jan 2 we meet at 15:04 2006 or later\n\n" +
				"From the desk of Mr. Tanaka\n\n" +
				"From x Mon Jan 32 15:04:05 2006\n\n" +
				"From x Mon Foo 2 15:04:05 2006\n\n" +
				"From x Mon Jan 2 15:04:05 06\n\n" +
				"From x Mon Jan 2 25:04:05 2006\n\n" +
				"From - to -\n\n" +
				"From 123@xxx\n\n" +
				"From\n\n" +
				"From \n",
			want: []got{{0, 1, "S: a\n\n" +
				"From my point of view, 2024 was 12:00 great\n\n" +
				"From Russia with love\n\n" +
				"From 9:00 to 17:00, Mon to Fri, Jan 2024\n\n" +
				"From Mon Jan  2 15:04:05 2006\n\n" +
				"From here on, Mon Jan 2 we meet at 15:04 2006 or later\n\n" +
				"From the desk of Mr. Tanaka\n\n" +
				"From x Mon Jan 32 15:04:05 2006\n\n" +
				"From x Mon Foo 2 15:04:05 2006\n\n" +
				"From x Mon Jan 2 15:04:05 06\n\n" +
				"From x Mon Jan 2 25:04:05 2006\n\n" +
				"From - to -\n\n" +
				"From 123@xxx\n\n" +
				"From\n\n" +
				"From \n"}},
		},
		{
			name:  "envelope line without blank line before is not a boundary",
			input: env1 + "S: a\n\nbody\n" + env2 + "S: b\n",
			want:  []got{{0, 1, "S: a\n\nbody\n" + env2 + "S: b\n"}},
		},
		{
			name:  "Mozilla From - line needs no blank line",
			input: "From - Mon Jun  3 12:50:27 1996\nS: a\n\nbody\nFrom - \nS: b\n",
			want: []got{
				{0, 1, "S: a\n\nbody\n"},
				{int64(len("From - Mon Jun  3 12:50:27 1996\nS: a\n\nbody\n")), 2, "S: b\n"},
			},
		},
		{
			name: "envelope date forms",
			input: env1 + "S: 1\n\n" +
				"From MAILER-DAEMON  Sun Sep  7 21:40:07 2008\nS: 2\n\n" +
				"From 1234567890123@xxx Mon Jan 02 15:04:05 +0000 2006\nS: 3\n\n" +
				"From 1844347792267117879@xxx\nS: 4\n\n" +
				"From a@b Thu, 18 Sep 2008 17:54:04 +0900 (JST)\nS: 5\n\n" +
				"From a@b Mon Jan 2 15:04 JST 2006\nS: 6\n\n" +
				"From Joe Bloggs <j@b> MON JAN 2 15:04:05 2006\nS: 7\n",
			want: []got{
				{0, 1, "S: 1\n"},
				{int64(len(env1 + "S: 1\n\n")), 2, "S: 2\n"},
				{int64(len(env1 + "S: 1\n\nFrom MAILER-DAEMON  Sun Sep  7 21:40:07 2008\nS: 2\n\n")), 3, "S: 3\n"},
				{int64(len(env1 + "S: 1\n\nFrom MAILER-DAEMON  Sun Sep  7 21:40:07 2008\nS: 2\n\nFrom 1234567890123@xxx Mon Jan 02 15:04:05 +0000 2006\nS: 3\n\n")), 4, "S: 4\n"},
				{int64(len(env1 + "S: 1\n\nFrom MAILER-DAEMON  Sun Sep  7 21:40:07 2008\nS: 2\n\nFrom 1234567890123@xxx Mon Jan 02 15:04:05 +0000 2006\nS: 3\n\nFrom 1844347792267117879@xxx\nS: 4\n\n")), 5, "S: 5\n"},
				{int64(len(env1 + "S: 1\n\nFrom MAILER-DAEMON  Sun Sep  7 21:40:07 2008\nS: 2\n\nFrom 1234567890123@xxx Mon Jan 02 15:04:05 +0000 2006\nS: 3\n\nFrom 1844347792267117879@xxx\nS: 4\n\nFrom a@b Thu, 18 Sep 2008 17:54:04 +0900 (JST)\nS: 5\n\n")), 6, "S: 6\n"},
				{int64(len(env1 + "S: 1\n\nFrom MAILER-DAEMON  Sun Sep  7 21:40:07 2008\nS: 2\n\nFrom 1234567890123@xxx Mon Jan 02 15:04:05 +0000 2006\nS: 3\n\nFrom 1844347792267117879@xxx\nS: 4\n\nFrom a@b Thu, 18 Sep 2008 17:54:04 +0900 (JST)\nS: 5\n\nFrom a@b Mon Jan 2 15:04 JST 2006\nS: 6\n\n")), 7, "S: 7\n"},
			},
		},
		{
			name:  "empty message",
			input: env1 + "\n" + env2 + "S: b\n",
			want:  []got{{0, 1, ""}, {int64(len(env1 + "\n")), 2, "S: b\n"}},
		},
		{
			name:  "envelope right after envelope is an empty message",
			input: env1 + env2 + "S: b\n",
			want:  []got{{0, 1, ""}, {int64(len(env1)), 2, "S: b\n"}},
		},
		{
			name:  "leading blank lines skipped",
			input: "\n\r\n\n" + env1 + "S: a\n",
			want:  []got{{4, 1, "S: a\n"}},
		},
		{
			name:  "byte order mark",
			input: "\xEF\xBB\xBFFrom -\nS: a\n",
			want:  []got{{3, 1, "S: a\n"}},
		},
		{
			name:  "first line need not have a date",
			input: "From someone\nS: a\n\nFrom Russia with love\n",
			want:  []got{{0, 1, "S: a\n\nFrom Russia with love\n"}},
		},
		{
			name:  "leading junk reported, messages after it read",
			input: "garbage\nFrom not an envelope\n\n" + env1 + "S: a\n",
			want:  []got{{int64(len("garbage\nFrom not an envelope\n\n")), 1, "S: a\n"}},
			junk:  1,
		},
		{
			name:  "junk only",
			input: "just text\nno mail\n",
			junk:  1,
		},
		{
			name:  "envelope at end of file",
			input: env1 + "S: a\n\n" + strings.TrimSuffix(env2, "\n"),
			want:  []got{{0, 1, "S: a\n"}, {int64(len(env1 + "S: a\n\n")), 2, ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs, junk := readMboxString(t, tt.input, Options{})
			if diff := cmp.Diff(tt.want, msgs); diff != "" {
				t.Errorf("messages (-want +got):\n%s", diff)
			}
			if len(junk) != tt.junk {
				t.Errorf("junk errors: %q, want %d", junk, tt.junk)
			}
		})
	}
}

func TestMboxJunkError(t *testing.T) {
	r := NewMboxReader(strings.NewReader("\nxx\n"+env1), "box", Options{})
	_, err := r.Next()
	if !errors.Is(err, ErrJunk) || err.Error() != "mbox: box: 3 bytes at offset 1: junk before the first message" {
		t.Fatalf("err = %v", err)
	}
	if m, err := r.Next(); err != nil || m.Offset != 4 {
		t.Fatalf("after junk: %v, %v", m, err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("at end: %v", err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("after end: %v", err)
	}
}

func TestMboxLongLines(t *testing.T) {
	// Lines longer than the buffer arrive in pieces: a piece must not be
	// taken for a line start, nor an over-long From_ line lose its tail.
	long := strings.Repeat("x", 100)
	input := "From " + long + "\nS: a\n\n" + long + "From b Mon Jan  2 15:04:05 2006\n" + long + "\n>From " + long + "\n\n" + env2 + "S: b\n"
	r := newMboxReaderSize(strings.NewReader(input), "b", Options{}, 64)
	var msgs []got
	for {
		m, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, got{m.Offset, m.Index, string(m.Data)})
	}
	want := []got{
		{0, 1, "S: a\n\n" + long + "From b Mon Jan  2 15:04:05 2006\n" + long + "\nFrom " + long + "\n"},
		{int64(len(input) - len(env2+"S: b\n")), 2, "S: b\n"},
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestIsEnvelope(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"From alice@example.com Mon Jan  2 15:04:05 2006\n", true},
		{"From alice@example.com Mon Jan  2 15:04:05 2006\r\n", true},
		{"From MAILER-DAEMON Thu Sep 18 17:54:04 2008", true},
		{"From 1234567890@xxx Mon Jan 02 15:04:05 +0000 2006", true},
		{"From 1844347792267117879@xxx", true},
		{"From -", true},
		{"From - ", true},
		{"From - Thu Feb  8 18:49:08 1996", true},
		{"From a Mon Jan 2 15:04:05 -0700 2006", true},
		{"From a Mon Jan 2 15:04:05 2006 +0900 (JST)", true},
		{"From a Mon, 2 Jan 2006 15:04:05 +0000", true},
		{"From a Mon Jan 2 15:04 2006", true},
		{"From 3a4b5c6d7e8f Mon Sep 17 00:00:00 2001", true}, // git format-patch: an envelope; mboxrd quotes it in bodies
		{"From my point of view, 2024 was 12:00 great", false},
		{"From Russia with love", false},
		{"From: alice@example.com", false},
		{"from a Mon Jan 2 15:04:05 2006", false},
		{"From a Mon Jan 2 15:04:05", false},
		{"From a Mon Jan 2 2006", false},
		{"From a Mon Jan Feb 2 15:04:05 2006", false},
		{"From a Mon Jan 2 15:04:05 2006 +0900 JST UTC", false},
		{"From a Mon Jan 2 15:4:05 2006", false},
		{"From a Mon Jan 2 15:04:05 2006 and then some", false},
		{"From 12345@xxx", false},
		{"From 1234567x@xxx", false},
		{"From -x", false},
		{"From uucp Mon Jan 2 15:04:05 2006 remote from host", true},
		{"From uucp Mon Jan 2 15:04:05 2006 remote from", false},
		{"From", false},
	}
	for _, tt := range tests {
		if got := isEnvelope([]byte(tt.line)); got != tt.want {
			t.Errorf("isEnvelope(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestMboxFolder(t *testing.T) {
	tests := []struct{ path, want string }{
		{"/x/Takeout/Mail/All mail Including Spam and Trash.mbox", "All mail Including Spam and Trash"},
		{"/x/Inbox", "Inbox"},
		{"/x/Work.mbox/mbox", "Work"},
		{"/x/y/mbox", "mbox"},
		{"/x/.mbox", ".mbox"},
		{"/x/saved.eml", "dir"},
		{"/x/simple.mbox.txt", "simple.mbox.txt"},
	}
	for _, tt := range tests {
		if got := mboxFolder(tt.path, "dir"); got != tt.want {
			t.Errorf("mboxFolder(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestMboxBufferEdge(t *testing.T) {
	// A line as long as the buffer is never a From_ line, whether or not
	// its end was seen: the answer must not depend on how input arrives.
	envelope := func(n int) string {
		tail := " Mon Jan  2 15:04:05 2006\n"
		return "From " + strings.Repeat("s", n-len("From ")-len(tail)) + tail
	}
	for _, tt := range []struct {
		line string
		want int
	}{
		{envelope(63), 2},
		{envelope(64), 1},
		{strings.TrimSuffix(envelope(64), "\n") + "x", 1}, // 64 bytes, no newline, at the end
		{strings.TrimSuffix(envelope(64), "\n"), 2},       // 63 bytes, no newline, at the end
	} {
		input := env1 + "S: a\n\n" + tt.line
		for _, src := range []io.Reader{strings.NewReader(input), iotest.DataErrReader(strings.NewReader(input)), iotest.OneByteReader(strings.NewReader(input))} {
			r := newMboxReaderSize(src, "b", Options{}, 64)
			n := 0
			for {
				_, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				n++
			}
			if n != tt.want {
				t.Errorf("line of %d bytes: %d messages, want %d", len(tt.line), n, tt.want)
			}
		}
	}
}
