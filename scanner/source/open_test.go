package source

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// item is one thing a walk handed to yield, as a test compares it.
type item struct {
	Kind, Folder, Path string // Path relative to the root
	Skip               string // reason, for a *Skipped
}

func walkItems(t *testing.T, root string) []item {
	t.Helper()
	s, err := Open(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var items []item
	err = s.Messages(context.Background(), func(m *Message, err error) error {
		var sk *Skipped
		switch {
		case errors.As(err, &sk):
			items = append(items, item{Path: rel(t, root, sk.Path), Skip: sk.Reason})
		case err != nil:
			t.Errorf("yield error: %v", err)
		default:
			items = append(items, item{Kind: m.Kind, Folder: m.Folder, Path: rel(t, root, m.Path)})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func rel(t *testing.T, root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(r)
}

const msg = "From: a@example.com\nSubject: x\n\nhello\n"

func TestMaildirFolders(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "cur", "2:2,S"), msg)
	write(t, filepath.Join(root, "cur", "1:2,S"), msg)
	write(t, filepath.Join(root, "new", "3"), msg)
	write(t, filepath.Join(root, "tmp", "4"), msg)
	write(t, filepath.Join(root, "dovecot-uidlist"), "3 V1 N5\n1 :1\n")
	write(t, filepath.Join(root, ".Sent", "cur", "5:2,S"), msg)
	write(t, filepath.Join(root, ".Sent", "maildirfolder"), "")
	write(t, filepath.Join(root, ".Archive.2023", "new", "6"), msg)
	write(t, filepath.Join(root, ".&ZeVnLIqe-", "cur", "7"), msg)
	write(t, filepath.Join(root, ".R&-D", "cur", "8"), msg)
	write(t, filepath.Join(root, ".&bad", "cur", "9"), msg)
	write(t, filepath.Join(root, ".notafolder", "x"), msg)
	write(t, filepath.Join(root, "cur", ".hidden"), msg)
	// Dovecot LAYOUT=fs: nested Maildirs, also under a plain directory.
	write(t, filepath.Join(root, "Work", "cur", "10"), msg)
	write(t, filepath.Join(root, "Work", "Old", "new", "11"), msg)
	write(t, filepath.Join(root, "Lists", "go", "cur", "12"), msg)

	want := []item{
		{Path: "cur/.hidden", Skip: "hidden"},
		{Kind: "maildir", Folder: "INBOX", Path: "cur/1:2,S"},
		{Kind: "maildir", Folder: "INBOX", Path: "cur/2:2,S"},
		{Kind: "maildir", Folder: "INBOX", Path: "new/3"},
		{Kind: "maildir", Folder: "日本語", Path: ".&ZeVnLIqe-/cur/7"},
		{Kind: "maildir", Folder: "&bad", Path: ".&bad/cur/9"},
		{Kind: "maildir", Folder: "Archive.2023", Path: ".Archive.2023/new/6"},
		{Kind: "maildir", Folder: "R&D", Path: ".R&-D/cur/8"},
		{Kind: "maildir", Folder: "Sent", Path: ".Sent/cur/5:2,S"},
		{Path: ".Sent/maildirfolder", Skip: "empty file"},
		{Path: ".notafolder", Skip: "hidden directory that is not a Maildir++ folder"},
		{Kind: "maildir", Folder: "Lists/go", Path: "Lists/go/cur/12"},
		{Kind: "maildir", Folder: "Work", Path: "Work/cur/10"},
		{Kind: "maildir", Folder: "Work/Old", Path: "Work/Old/new/11"},
		{Path: "dovecot-uidlist", Skip: "first line is not a mail header field"},
		{Path: "tmp", Skip: "maildir tmp/ holds deliveries in progress, not messages"},
	}
	if diff := cmp.Diff(want, walkItems(t, root)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestTreeWalk(t *testing.T) {
	root := t.TempDir()
	base := filepath.Base(root)
	mbox := env1 + msg + "\n" + env2 + msg
	write(t, filepath.Join(root, "a.eml"), msg)
	write(t, filepath.Join(root, "LICENSE"), "MIT License\n\nCopyright (c) 2024\n")
	write(t, filepath.Join(root, "README"), "Note: these are exports\nof the mail server.\n")
	write(t, filepath.Join(root, ".DS_Store"), "\x00\x00\x00\x01Bud1")
	write(t, filepath.Join(root, "winmail.tnef"), "\x78\x9f\x3e\x22\x00\x00\x01\x06\x90\x08")
	write(t, filepath.Join(root, "empty"), "")
	write(t, filepath.Join(root, "Takeout", "All mail Including Spam and Trash.mbox"), mbox)
	write(t, filepath.Join(root, "Takeout", "saved.eml"), env1+msg) // a message file with an envelope line
	write(t, filepath.Join(root, "x", "y", "b.eml"), "\xEF\xBB\xBF"+msg)
	write(t, filepath.Join(root, "x", "y", "c.txt"), "\r\n  \r\nReceived: from a\r\n\tby b\r\nSubject: y\r\n\r\nbody\r\n")
	write(t, filepath.Join(root, "users", "bob", "Maildir", "cur", "1"), msg)
	write(t, filepath.Join(root, "users", "bob", "Maildir", ".Sent", "cur", "2"), msg)
	write(t, filepath.Join(root, ".git", "HEAD"), "ref: refs/heads/main\n")
	if err := os.Symlink(filepath.Join(root, "a.eml"), filepath.Join(root, "link.eml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(root, filepath.Join(root, "loop")); err != nil {
		t.Fatal(err)
	}

	want := []item{
		{Path: ".DS_Store", Skip: "hidden"},
		{Path: ".git", Skip: "hidden"},
		{Path: "LICENSE", Skip: "first line is not a mail header field"},
		{Path: "README", Skip: "text after the first line is not a mail header"},
		{Kind: "mbox", Folder: "All mail Including Spam and Trash", Path: "Takeout/All mail Including Spam and Trash.mbox"},
		{Kind: "mbox", Folder: "All mail Including Spam and Trash", Path: "Takeout/All mail Including Spam and Trash.mbox"},
		{Kind: "mbox", Folder: "Takeout", Path: "Takeout/saved.eml"},
		{Kind: "eml", Folder: base, Path: "a.eml"},
		{Path: "empty", Skip: "empty file"},
		{Path: "link.eml", Skip: "symbolic link, not followed"},
		{Path: "loop", Skip: "symbolic link, not followed"},
		{Kind: "maildir", Folder: "users/bob/Maildir", Path: "users/bob/Maildir/cur/1"},
		{Kind: "maildir", Folder: "users/bob/Maildir/Sent", Path: "users/bob/Maildir/.Sent/cur/2"},
		{Path: "winmail.tnef", Skip: "first line is not a mail header field"},
		{Kind: "eml", Folder: "x/y", Path: "x/y/b.eml"},
		{Kind: "eml", Folder: "x/y", Path: "x/y/c.txt"},
	}
	first := walkItems(t, root)
	if diff := cmp.Diff(want, first); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(first, walkItems(t, root)); diff != "" {
		t.Errorf("second walk differs (-first +second):\n%s", diff)
	}

	s, err := Open(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Size counts the files a walk opens: not hidden files, links, or tmp/.
	wantSize := int64(len(msg)*3 + len("MIT License\n\nCopyright (c) 2024\n") +
		len("Note: these are exports\nof the mail server.\n") + 10 + len(mbox) + len(env1+msg) +
		len("\xEF\xBB\xBF"+msg) + len("\r\n  \r\nReceived: from a\r\n\tby b\r\nSubject: y\r\n\r\nbody\r\n"))
	if s.Size() != wantSize {
		t.Errorf("Size = %d, want %d", s.Size(), wantSize)
	}
	if s.Name() != root {
		t.Errorf("Name = %q", s.Name())
	}
}

func TestOpenFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, data string
		kind       string // "" when Open must fail with ErrNotMail
		folder     string
		n          int
	}{
		{"a.mbox", env1 + msg + "\n" + env2 + msg, "mbox", "a", 2},
		{"Inbox", env1 + msg, "mbox", "Inbox", 1},
		{"bom", "\xEF\xBB\xBF" + env1 + msg, "mbox", "bom", 1},
		{"empty.mbox", "", "mbox", "empty", 0},
		{"m.eml", msg, "eml", filepath.Base(dir), 1},
		{"mac.eml", strings.ReplaceAll(msg, "\n", "\r"), "eml", filepath.Base(dir), 1},
		{"empty.eml", "", "", "", 0},
		{"notes.txt", "hello world\n", "", "", 0},
		{"junk.mbox", "hello\n\n" + env1 + msg, "mbox", "junk", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name)
			write(t, p, tt.data)
			s, err := Open(p, Options{})
			if tt.kind == "" {
				if !errors.Is(err, ErrNotMail) || !strings.Contains(err.Error(), p) {
					t.Fatalf("Open = %v, want ErrNotMail naming the path", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Size() != int64(len(tt.data)) || s.Name() != p {
				t.Errorf("Size %d Name %q", s.Size(), s.Name())
			}
			n := 0
			err = s.Messages(context.Background(), func(m *Message, err error) error {
				if err != nil {
					if !errors.Is(err, ErrJunk) || !strings.Contains(err.Error(), p) {
						t.Errorf("yield error %v", err)
					}
					return nil
				}
				n++
				if m.Kind != tt.kind || m.Folder != tt.folder || m.Path != p {
					t.Errorf("message kind %q folder %q path %q", m.Kind, m.Folder, m.Path)
				}
				return nil
			})
			if err != nil || n != tt.n {
				t.Errorf("Messages: %d messages, err %v; want %d", n, err, tt.n)
			}
		})
	}
	if _, err := Open(filepath.Join(dir, "missing"), Options{}); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open(missing) = %v", err)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		data string
		want fileKind
	}{
		{"From x\n", kindMbox},
		{"\n\nFrom x\n", kindMbox},
		{"\xEF\xBB\xBFFrom -\n", kindMbox},
		{"Subject: x\n\nbody", kindEML},
		{"X-Empty:\r\nSubject: y\r\n", kindEML},
		{"Received: from a\r\n\tby b\r\n", kindEML},
		{"Received : obsolete space\n", kindEML},
		{"Subject: cut by the window", kindEML},
		{"Received: from a\nbroken fold\n    more\nTo: b\n\n", kindEML},
		{"     \nMIME-Version: 1.0\n", kindEML},
		{"Note: this folder\nholds exports\n", kindNotMail},
		{"hello\n", kindNotMail},
		{"{\"a\": 1}\n", kindNotMail},
		{"[\n", kindNotMail},
		{"\x00\x01: x\n", kindNotMail},
		{"From: a\n", kindEML},
		{"", kindNotMail},
		{" \n\n", kindNotMail},
	}
	for _, tt := range tests {
		if got, reason := sniff([]byte(tt.data)); got != tt.want {
			t.Errorf("sniff(%q) = %v (%s), want %v", tt.data, got, reason, tt.want)
		}
	}
}

// TestTruncation reads a message larger than MaxMessageBytes from each
// kind of source: Data is capped, Size and both hashes are as if uncapped.
func TestTruncation(t *testing.T) {
	big := "Subject: big\n\n" + strings.Repeat("0123456789abcdef\n", 200) + ">From x\n"
	dir := t.TempDir()
	write(t, filepath.Join(dir, "big.mbox"), env1+big+"\n"+env2+msg)
	write(t, filepath.Join(dir, "md", "new", "1"), big)
	write(t, filepath.Join(dir, "big.eml"), big)

	read := func(p string, max int64) *Message {
		s, err := Open(filepath.Join(dir, p), Options{MaxMessageBytes: max})
		if err != nil {
			t.Fatal(err)
		}
		var first *Message
		s.Messages(context.Background(), func(m *Message, err error) error {
			if err != nil {
				t.Fatal(err)
			}
			if first == nil {
				first = m
			}
			return nil
		})
		return first
	}
	for _, p := range []string{"big.mbox", "md", "big.eml"} {
		full, capped := read(p, 0), read(p, 100)
		if full.Truncated || int64(len(full.Data)) != full.Size {
			t.Errorf("%s: uncapped read truncated", p)
		}
		if !capped.Truncated || len(capped.Data) != 100 || string(capped.Data) != string(full.Data[:100]) {
			t.Errorf("%s: capped Data %d bytes, Truncated %v", p, len(capped.Data), capped.Truncated)
		}
		if capped.Size != full.Size || capped.RawSize != full.RawSize ||
			capped.RawSHA256 != full.RawSHA256 || capped.CanonicalSHA256 != full.CanonicalSHA256 {
			t.Errorf("%s: capped read differs in size or hashes", p)
		}
		if full.CanonicalSHA256 != CanonicalHash([]byte(strings.Replace(big, ">From", "From", 1))) && p == "big.mbox" {
			t.Errorf("%s: wrong canonical hash", p)
		}
	}
	full := read("big.eml", 0)
	if full.RawSHA256 != sha256.Sum256([]byte(big)) || full.Size != int64(len(big)) {
		t.Error("eml: RawSHA256 or Size is not of the file")
	}
}

func TestCancel(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.mbox"), env1+msg+"\n"+env2+msg)
	write(t, filepath.Join(dir, "cur", "1"), msg)
	write(t, filepath.Join(dir, "cur", "2"), msg)
	for _, p := range []string{filepath.Join(dir, "a.mbox"), dir} {
		s, err := Open(p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		err = s.Messages(ctx, func(m *Message, err error) error {
			n++
			cancel()
			return nil
		})
		if !errors.Is(err, context.Canceled) || n != 1 {
			t.Errorf("%s: err %v after %d messages", p, err, n)
		}
		cancel()
	}
}

func TestYieldErrorStops(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "cur", "1"), msg)
	write(t, filepath.Join(dir, "cur", "2"), msg)
	s, _ := Open(dir, Options{})
	stop := errors.New("stop")
	n := 0
	err := s.Messages(context.Background(), func(*Message, error) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("err %v after %d", err, n)
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any file")
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "cur", "1"), msg)
	write(t, filepath.Join(dir, "cur", "2"), msg)
	os.Chmod(filepath.Join(dir, "cur", "1"), 0)
	s, _ := Open(dir, Options{})
	var errs, msgs int
	s.Messages(context.Background(), func(m *Message, err error) error {
		if err != nil {
			errs++
			if !strings.Contains(err.Error(), "cur/1") {
				t.Errorf("error does not name the file: %v", err)
			}
		} else {
			msgs++
		}
		return nil
	})
	if errs != 1 || msgs != 1 {
		t.Errorf("%d errors, %d messages; want 1, 1", errs, msgs)
	}
}

func TestFolderName(t *testing.T) {
	if got := folderName("Archive.2023/&ZeVnLIqe-/&bad"); got != "Archive.2023/日本語/&bad" {
		t.Errorf("folderName = %q", got)
	}
}
