package imapsrc

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"imaps://alice@imap.example.jp", "imap://a;AUTH=XOAUTH2@[::1]:143/", "imaps://a:b@h", "imaps://a%40b@h:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ep, err := ParseURL(s)
		if err != nil {
			return
		}
		again, err := ParseURL(ep.String())
		if err != nil || again != ep {
			t.Fatalf("%q → %+v → %q → %+v, %v", s, ep, ep.String(), again, err)
		}
	})
}

// FuzzFolderDir checks that any folder name maps to a safe relative path
// of parts the Maildir reader takes for plain folders.
func FuzzFolderDir(f *testing.F) {
	for _, s := range []string{"INBOX", "日本語/顧客", "../..", ".x", "a//b", "cur", strings.Repeat("長", 100), "&-&", "\x00/\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		d := folderDir(name)
		if name == "INBOX" {
			if d != "" {
				t.Fatalf("INBOX → %q", d)
			}
			return
		}
		if !validRel(d) && d != "" {
			t.Fatalf("%q → %q: not a clean relative path", name, d)
		}
		for _, p := range strings.Split(d, "/") {
			if p == "" || p == "." || p == ".." || strings.HasPrefix(p, ".") || p == "cur" || p == "new" || p == "tmp" || len(p) > 255 || strings.ContainsAny(p, "\x00") {
				t.Fatalf("%q → %q: bad part %q", name, d, p)
			}
		}
		if utf8.ValidString(name) && !strings.ContainsAny(name, "\x00") && len(name) < 100 {
			for _, p := range strings.Split(d, "/") {
				for i := 0; i < len(p); i++ {
					if p[i] < 0x20 || p[i] > 0x7e {
						t.Fatalf("%q → %q: part not ASCII", name, d)
					}
				}
			}
		}
	})
}

// FuzzEvidenceLog opens an evidence directory with an arbitrary log: no
// panic, and nothing outside the directory is touched.
func FuzzEvidenceLog(f *testing.F) {
	f.Add([]byte(`{"type":"session","session":"s","time":"t","server":"imaps://a@h:993"}` + "\n" +
		`{"type":"folder","folder":"INBOX","uidvalidity":5,"dir":""}` + "\n" +
		`{"type":"message","folder":"INBOX","uidvalidity":5,"uid":1,"file":"cur/5.1.imap:2,S","sha256":"00"}` + "\n"))
	f.Add([]byte(`{"type":"message","folder":"INBOX","file":"../../etc/passwd"}` + "\n"))
	f.Add([]byte(`{"type":"folder","folder":"x","dir":"../x"}` + "\n{"))
	f.Fuzz(func(t *testing.T, log []byte) {
		root := t.TempDir()
		dir := filepath.Join(root, "evidence")
		os.MkdirAll(filepath.Join(dir, "cur"), 0o700)
		os.WriteFile(filepath.Join(dir, "cur", "5.1.imap:2,S"), []byte("x"), 0o600)
		os.WriteFile(filepath.Join(root, "outside"), []byte("keep"), 0o600)
		os.WriteFile(filepath.Join(dir, LogFile), log, 0o600)
		e, _, err := openEvidence(dir, discardLogger())
		if err == nil {
			e.close()
		}
		if b, err := os.ReadFile(filepath.Join(root, "outside")); err != nil || string(b) != "keep" {
			t.Fatal("a file outside the evidence directory was changed")
		}
	})
}

// FuzzServer runs a pull against a scripted server whose answers are the
// fuzz input: chunks separated by NUL, one sent after each command line
// of the client, with "{TAG}" replaced by the command's tag. Pull must
// neither panic nor hang, whatever the server says.
func FuzzServer(f *testing.F) {
	script := strings.Join([]string{
		"* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n",
		"{TAG} OK [CAPABILITY IMAP4rev1 LITERAL+] logged in\r\n",
		"* LIST () \"/\" INBOX\r\n* LIST (\\HasNoChildren \\Sent) \"/\" &ZeVnLIqe-\r\n* LIST (\\Noselect) \"/\" x\r\n{TAG} OK\r\n",
		"* 2 EXISTS\r\n* OK [UIDVALIDITY 7] x\r\n* OK [UIDNEXT 3] x\r\n{TAG} OK [READ-ONLY] done\r\n",
		"* 1 FETCH (UID 1 RFC822.SIZE 22)\r\n* 2 FETCH (UID 2 RFC822.SIZE 5)\r\n{TAG} OK\r\n",
		"* 0 EXISTS\r\n* OK [UIDVALIDITY 9] x\r\n{TAG} OK [READ-ONLY] done\r\n",
		"* 2 EXISTS\r\n* OK [UIDVALIDITY 7] x\r\n{TAG} OK [READ-ONLY] done\r\n",
		"* 1 FETCH (UID 1 FLAGS (\\Seen $label) INTERNALDATE \"02-May-2024 10:11:12 +0900\" RFC822.SIZE 22 BODY[] {22}\r\nSubject: a\r\n\r\nhello\r\n)\r\n" +
			"* 2 FETCH (UID 2 BODY[] {5}\r\nxxxxx FLAGS ())\r\n{TAG} OK\r\n",
	}, "\x00")
	f.Add([]byte(script))
	f.Add([]byte("* PREAUTH hi\r\n\x00* LIST () NIL INBOX\r\n{TAG} OK\r\n\x00* OK [UIDVALIDITY 1]\r\n* 1 EXISTS\r\n{TAG} OK\r\n\x00* 1 FETCH (UID 1 RFC822.SIZE 99999999999)\r\n{TAG} OK\r\n"))
	f.Add([]byte("* BYE go away\r\n"))
	f.Add([]byte("* OK hi\r\n\x00* CAPABILITY IMAP4rev1\r\n{TAG} OK\r\n\x00{TAG} OK\r\n\x00* ESEARCH (TAG \"{TAG}\") ALL 1:*\r\n{TAG} OK\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		chunks := bytes.Split(data, []byte{0})
		dial := func(ctx context.Context, _, _ string) (net.Conn, error) {
			cl, sv := net.Pipe()
			go scriptedServer(sv, chunks)
			return cl, nil
		}
		o := Options{
			Endpoint: Endpoint{User: "u", Host: "127.0.0.1", Port: "143", Mechanism: MechLogin},
			Password: "p", Dial: dial, Conns: 1, Retries: 1, RetryWait: time.Millisecond, MaxMessageBytes: 1 << 20,
			Logger: discardLogger(),
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		start := time.Now()
		Pull(ctx, o, t.TempDir())
		if time.Since(start) > 15*time.Second {
			t.Fatalf("pull took %v", time.Since(start))
		}
	})
}

// scriptedServer plays the chunks. A client that sends nothing for a
// while waits for a response the script cut short: the server then hangs
// up, as go-imap's own read timeout would after 30 s.
func scriptedServer(c net.Conn, chunks [][]byte) {
	defer c.Close()
	c.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if len(chunks) == 0 {
		return
	}
	if _, err := c.Write(chunks[0]); err != nil {
		return
	}
	br := bufio.NewReader(c)
	for _, ch := range chunks[1:] {
		c.SetReadDeadline(time.Now().Add(30 * time.Millisecond))
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		tag, _, _ := strings.Cut(line, " ")
		if _, err := c.Write(bytes.ReplaceAll(ch, []byte("{TAG}"), []byte(tag))); err != nil {
			return
		}
	}
}
