package imapsrc

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/google/go-cmp/cmp"
)

// TestNoMailboxWritesInCode greps the package for client calls that change
// a mailbox. Only the examine wrapper may call Select, with ReadOnly.
func TestNoMailboxWritesInCode(t *testing.T) {
	forbidden := regexp.MustCompile(`\.(Store|Copy|Move|Expunge|UIDExpunge|UnselectAndExpunge|Append|Create|Delete|Rename|Subscribe|Unsubscribe|SetMetadata|SetACL|SetQuota|Enable)\(|"(STORE|COPY|MOVE|EXPUNGE|SELECT|APPEND)\b`)
	files, _ := filepath.Glob("*.go")
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for i, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "//") {
				continue
			}
			if forbidden.MatchString(strings.ReplaceAll(line, "os.Rename(", "")) {
				t.Errorf("%s:%d: mailbox-changing call: %s", f, i+1, strings.TrimSpace(line))
			}
			if strings.Contains(line, ".Select(") && !strings.Contains(line, "ReadOnly: true") {
				t.Errorf("%s:%d: Select without ReadOnly: %s", f, i+1, strings.TrimSpace(line))
			}
			if strings.Contains(line, "FetchItemBodySection{") && strings.Contains(line, "{{") && !strings.Contains(line, "Peek: true") {
				t.Errorf("%s:%d: body fetch without Peek: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
	if checked < 5 {
		t.Fatalf("only %d files checked", checked)
	}
	// The patterns must catch what they are for.
	for _, bad := range []string{`c.Store(set, flags, nil)`, `c.Move(set, "Trash")`, `c.UIDExpunge(set)`, `enc.Atom("STORE")`} {
		if !forbidden.MatchString(bad) {
			t.Errorf("pattern misses %q", bad)
		}
	}
}

func TestParseURL(t *testing.T) {
	good := []struct {
		in   string
		want Endpoint
	}{
		{"imaps://alice@imap.example.jp", Endpoint{TLS: true, User: "alice", Host: "imap.example.jp", Port: "993"}},
		{"imap://bob@127.0.0.1:1143", Endpoint{User: "bob", Host: "127.0.0.1", Port: "1143"}},
		{"imaps://alice@example.jp@outlook.office365.com", Endpoint{TLS: true, User: "alice@example.jp", Host: "outlook.office365.com", Port: "993"}},
		{"imaps://alice%40example.jp@imap.gmail.com/", Endpoint{TLS: true, User: "alice@example.jp", Host: "imap.gmail.com", Port: "993"}},
		{"imaps://a;AUTH=xoauth2@h", Endpoint{TLS: true, User: "a", Host: "h", Port: "993", Mechanism: MechXOAuth2}},
		{"IMAPS://a;AUTH=*@[::1]:9993", Endpoint{TLS: true, User: "a", Host: "::1", Port: "9993"}},
	}
	for _, g := range good {
		got, err := ParseURL(g.in)
		if err != nil {
			t.Errorf("ParseURL(%q): %v", g.in, err)
			continue
		}
		if diff := cmp.Diff(g.want, got); diff != "" {
			t.Errorf("ParseURL(%q) (-want +got):\n%s", g.in, diff)
		}
		again, err := ParseURL(got.String())
		if err != nil || again != got {
			t.Errorf("round trip of %q via %q: %+v, %v", g.in, got.String(), again, err)
		}
	}
	bad := []string{
		"imaps://alice:hunter2@imap.example.jp", // password
		"pop3://alice@h", "imaps://imap.example.jp", "imaps://@h", "imaps://a@", "imaps://a@h:0", "imaps://a@h:99999",
		"imaps://a@h:12x", "imaps://a@h/INBOX", "imaps://a@h?x=1", "imaps://a@h#f", "imaps://a;AUTH=GSSAPI@h",
		"imaps://;AUTH=PLAIN@h", "imap:alice@h", "imaps://a%0d%0aX@h", "/var/mail/alice", "",
	}
	for _, b := range bad {
		_, err := ParseURL(b)
		if !errors.Is(err, ErrBadURL) {
			t.Errorf("ParseURL(%q) = %v, want ErrBadURL", b, err)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("error shows the password: %v", err)
		}
	}
	for host, want := range map[string]bool{"127.0.0.1": true, "::1": true, "localhost": true, "127.8.9.10": true, "10.0.0.1": false, "imap.example.jp": false, "localhost.example.jp": false} {
		if got := (Endpoint{Host: host}).Loopback(); got != want {
			t.Errorf("Loopback(%s) = %v", host, got)
		}
	}
}

func TestFolderFilter(t *testing.T) {
	cases := []struct {
		patterns []string
		name     string
		attrs    []string
		want     bool
	}{
		{nil, "anything", nil, true},
		{[]string{"INBOX"}, "INBOX", nil, true},
		{[]string{"inbox"}, "INBOX", nil, true},
		{[]string{"inbox"}, "inbox/sub", nil, false},
		{[]string{"Archive/*"}, "Archive/2023/Q1", nil, true},
		{[]string{"Archive/%"}, "Archive/2023", nil, true},
		{[]string{"Archive/%"}, "Archive/2023/Q1", nil, false},
		{[]string{"Archive/%"}, "Archive", nil, false},
		{[]string{"日本語*"}, "日本語/顧客", nil, true},
		{[]string{"??語"}, "日本語", nil, true},
		{[]string{"??語"}, "日本語x", nil, false},
		{[]string{"!\\Junk"}, "Spam", []string{`\Junk`}, false},
		{[]string{"!\\Junk"}, "Junk", []string{`\HasNoChildren`}, true},
		{[]string{"\\sent"}, "送信済み", []string{`\Sent`}, true},
		{[]string{"*", "![Gmail]/*"}, "[Gmail]/Spam", nil, false},
		{[]string{"*", "![Gmail]/*"}, "INBOX", nil, true},
		{[]string{"INBOX", "Sent"}, "Drafts", nil, false},
		{[]string{"*a*b*c"}, "xaxbxc", nil, true},
		{[]string{"*a*b*c"}, "xaxbxcx", nil, false},
		{[]string{"a%c"}, "a/c", nil, false},
	}
	for _, tc := range cases {
		f, err := compileFilter(tc.patterns)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.match(tc.name, tc.attrs); got != tc.want {
			t.Errorf("patterns %q, folder %q %v: %v, want %v", tc.patterns, tc.name, tc.attrs, got, tc.want)
		}
	}
	for _, bad := range [][]string{{""}, {"!"}, {`\`}, {"\xff"}} {
		if err := CheckFolderPatterns(bad); !errors.Is(err, ErrBadPattern) {
			t.Errorf("CheckFolderPatterns(%q) = %v", bad, err)
		}
	}
}

func TestMaildirNames(t *testing.T) {
	if got := maildirFlags([]imap.Flag{imap.FlagSeen, "\\answered", imap.FlagFlagged, "$Forwarded", imap.FlagDeleted, imap.FlagDraft, "\\Recent", "$label1", imap.FlagSeen}); got != "DFPRST" {
		t.Errorf("maildirFlags = %q", got)
	}
	if got := messageFile("Sent", 7, 42, []imap.Flag{imap.FlagSeen}); got != "Sent/cur/7.42.imap:2,S" {
		t.Errorf("messageFile = %q", got)
	}
	for name, want := range map[string]bool{"7.42.imap:2,S": true, "7.42.imap:2,": true, "07.42.imap:2,": false, "1600000000.M1P1.host:2,S": false, "7.42.imap": false} {
		if isOurName(name) != want {
			t.Errorf("isOurName(%q) = %v", name, !want)
		}
	}
}

// TestFolderNamesRoundTrip collects folders with awkward names and reads
// the evidence back with scanner/source: the folder names come back as on
// the server, except the documented escapes.
func TestFolderNamesRoundTrip(t *testing.T) {
	ms := startMem(t, memOpts{})
	want := map[string]string{ // IMAP name → name an offline scan shows
		"INBOX":        "INBOX",
		"INBOX/sub":    "INBOX/sub",
		"Sent":         "Sent",
		"日本語":          "日本語",
		"日本語/顧客 2024":  "日本語/顧客 2024",
		"a&b":          "a&b",
		"&ZeVnLIqe-":   "&ZeVnLIqe-", // ASCII that looks like modified UTF-7
		"Archive.2023": "Archive.2023",
		"x/y/z":        "x/y/z",
		"cur":          "_cur",
		"_cur":         "_cur~2",
		".hidden":      "_.hidden",
		"Sent/new":     "Sent/_new",
		"絵文字😀":         "絵文字😀",
		"tmp":          "_tmp",
	}
	for name := range want {
		ms.add(t, name, "Subject: in "+name+"\r\n\r\nbody of "+name+"\r\n")
	}
	dir := t.TempDir()
	if _, err := Pull(context.Background(), ms.options(), dir); err != nil {
		t.Fatal(err)
	}
	got, n := readEvidence(t, dir)
	if n != len(want) {
		t.Errorf("read %d messages, want %d", n, len(want))
	}
	wantShown := map[string]bool{}
	for _, shown := range want {
		wantShown[shown] = true
	}
	gotShown := map[string]bool{}
	for f := range got {
		gotShown[f] = true
	}
	// "_cur" and "cur" both come back as "_cur…": one of them gets "~2",
	// whichever was collected second.
	if diff := cmp.Diff(wantShown, gotShown); diff != "" {
		t.Errorf("folder names read back (-want +got):\n%s", diff)
	}
}

func TestReadLogTornAndCorrupt(t *testing.T) {
	ok := `{"type":"session","session":"s","time":"t"}` + "\n" + `{"type":"folder","session":"s","time":"t","folder":"INBOX","uidvalidity":1}` + "\n"
	recs, good, err := readLog(strings.NewReader(ok + `{"type":"mess`))
	if err != nil || len(recs) != 2 || good != int64(len(ok)) {
		t.Errorf("torn tail: %d records, good %d, %v", len(recs), good, err)
	}
	recs, good, err = readLog(strings.NewReader(ok + "garbage\n"))
	if err != nil || len(recs) != 2 || good != int64(len(ok)) {
		t.Errorf("bad last line: %d records, good %d, %v", len(recs), good, err)
	}
	if _, _, err := readLog(strings.NewReader("garbage\n" + ok)); !errors.Is(err, ErrLogCorrupt) {
		t.Errorf("bad middle line: %v, want ErrLogCorrupt", err)
	}
}

func TestOtherAccountRefused(t *testing.T) {
	ms := startMem(t, memOpts{})
	ms.add(t, "INBOX", "Subject: a\r\n\r\nb\r\n")
	dir := t.TempDir()
	if _, err := Pull(context.Background(), ms.options(), dir); err != nil {
		t.Fatal(err)
	}
	o := ms.options()
	o.Endpoint.User = "mallory@example.jp"
	if _, err := Pull(context.Background(), o, dir); !errors.Is(err, ErrOtherAccount) {
		t.Fatalf("pull of another account into the same evidence: %v, want ErrOtherAccount", err)
	}
}

// TestUIDValidityChangeMem is the in-memory twin of the Dovecot test: a
// folder deleted and re-created gets a new UIDVALIDITY.
func TestUIDValidityChangeMem(t *testing.T) {
	ms := startMem(t, memOpts{})
	ms.add(t, "Work", "Subject: a\r\n\r\nb\r\n")
	ms.add(t, "Work", "Subject: c\r\n\r\nd\r\n")
	dir := t.TempDir()
	if _, err := Pull(context.Background(), ms.options(), dir); err != nil {
		t.Fatal(err)
	}
	if err := ms.user.Delete("Work"); err != nil {
		t.Fatal(err)
	}
	ms.add(t, "Work", "Subject: c\r\n\r\nd\r\n")
	ms.add(t, "Work", "Subject: new\r\n\r\nnew\r\n")
	st, err := Pull(context.Background(), ms.options(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Work"}, st.Restarted); diff != "" {
		t.Errorf("restarted (-want +got):\n%s", diff)
	}
	if st.Messages != 2 || st.Stored != 1 || st.Duplicates != 1 {
		t.Errorf("fetched %d, stored %d, duplicates %d; want 2, 1, 1", st.Messages, st.Stored, st.Duplicates)
	}
}

func TestCancelledPullResumes(t *testing.T) {
	ms := startMem(t, memOpts{})
	for i := 0; i < 40; i++ {
		ms.add(t, "INBOX", "Subject: m\r\n\r\nbody "+strings.Repeat("x", i)+"\r\n")
	}
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	o := ms.options()
	o.ChunkUIDs = 5
	o.Progress = cancelAfter{n: new(int), at: 12, cancel: cancel}
	st, err := Pull(ctx, o, dir)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	first := st.Messages
	st, err = Pull(context.Background(), ms.options(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if first < 12 || st.Already != first || st.Messages+st.Already != 40 {
		t.Errorf("first pull %d, then fetched %d and skipped %d; want 40 in all", first, st.Messages, st.Already)
	}
	if len(messageRecords(t, dir)) != 40 {
		t.Errorf("log does not hold 40 messages")
	}
}

type cancelAfter struct {
	n      *int
	at     int
	cancel func()
}

func (cancelAfter) Plan([]FolderPlan) {}
func (c cancelAfter) Message(string, int64) {
	*c.n++
	if *c.n == c.at {
		c.cancel()
	}
}
