package main

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/google/go-cmp/cmp"
	"github.com/mailsift/mailsift/internal/mailgen"
	"github.com/mailsift/mailsift/scanner"
	"github.com/mailsift/mailsift/scanner/imapsrc"
	"github.com/mailsift/mailsift/scanner/imapsrc/dovecottest"
	"github.com/mailsift/mailsift/scanner/source"
	"github.com/mailsift/mailsift/store"
)

func TestNewIMAPAccountUsage(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "ca.txt")
	os.WriteFile(notPEM, []byte("hello"), 0o600)
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	pw := env(envIMAPPassword, "s3cret")
	cases := []struct {
		name   string
		url    string
		o      imapOptions
		wantOK bool
		want   string // in the error
	}{
		{"ok password", "imaps://alice@imap.example.jp", imapOptions{conns: 2, getenv: pw}, true, ""},
		{"ok token", "imaps://alice@outlook.office365.com", imapOptions{conns: 2, getenv: env(envIMAPToken, "tok")}, true, ""},
		{"no credentials", "imaps://alice@imap.example.jp", imapOptions{conns: 2, getenv: env()}, false, envIMAPPassword},
		{"both credentials", "imaps://alice@h", imapOptions{conns: 2, getenv: env(envIMAPPassword, "a", envIMAPToken, "b")}, false, "both"},
		{"password in URL", "imaps://alice:hunter2@h", imapOptions{conns: 2, getenv: pw}, false, "MAILSIFT_IMAP_PASSWORD"},
		{"xoauth2 without token", "imaps://alice;AUTH=XOAUTH2@h", imapOptions{conns: 2, getenv: pw}, false, envIMAPToken},
		{"login with token", "imaps://alice;AUTH=LOGIN@h", imapOptions{conns: 2, getenv: env(envIMAPToken, "t")}, false, envIMAPPassword},
		{"no user", "imaps://imap.example.jp", imapOptions{conns: 2, getenv: pw}, false, "user"},
		{"bad folder", "imaps://a@h", imapOptions{conns: 2, getenv: pw, folders: []string{"!"}}, false, "--folder"},
		{"missing ca", "imaps://a@h", imapOptions{conns: 2, getenv: pw, ca: filepath.Join(dir, "none.pem")}, false, "--ca"},
		{"ca not PEM", "imaps://a@h", imapOptions{conns: 2, getenv: pw, ca: notPEM}, false, "no PEM"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := newIMAPAccount(tc.url, &tc.o)
			if tc.wantOK {
				if err != nil {
					t.Fatal(err)
				}
				if a.Password == "" && a.Token == "" {
					t.Error("credentials not taken from the environment")
				}
				return
			}
			var ue usageError
			if err == nil || !errorsAs(err, &ue) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want a usage error about %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), "s3cret") {
				t.Errorf("error shows a secret: %v", err)
			}
		})
	}
}

// runEnv runs the binary with extra environment variables.
func runEnv(t *testing.T, env []string, args ...string) runResult {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run mailsift %v: %v", args, err)
	}
	return runResult{out.String(), errb.String(), code}
}

func TestIMAPUsageExitCode(t *testing.T) {
	caseDir := filepath.Join(t.TempDir(), "case")
	clean := []string{envIMAPPassword + "=", envIMAPToken + "="}
	r := runEnv(t, clean, "scan", "--case", caseDir, "imaps://alice:hunter2@imap.example.jp")
	if r.code != 2 || strings.Contains(r.stderr, "hunter2") || !strings.Contains(r.stderr, envIMAPPassword) {
		t.Errorf("password in URL: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runEnv(t, clean, "scan", "--case", caseDir, "imaps://alice@imap.example.jp")
	if r.code != 2 || !strings.Contains(r.stderr, envIMAPToken) {
		t.Errorf("no credentials: exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(caseDir); err == nil {
		t.Error("a usage error created the case")
	}
}

// imapCorpus is the sample corpus spread over IMAP folders as the
// imapsrc tests do, with a Gmail-like All Mail copy of everything.
func imapCorpus() (*mailgen.Corpus, []string, []string) {
	c := mailgen.Generate(mailgen.SampleOptions())
	var folders, flags []string
	for i, m := range c.Messages {
		f := m.Folder
		switch {
		case f == "Archive.2023":
			f = "Archive/2023"
		case i%7 == 3:
			f = "日本語/顧客"
		}
		folders = append(folders, f)
		flags = append(flags, []string{"S", "", "FS"}[i%3])
	}
	return c, folders, flags
}

// TestIMAPScanMatchesMbox pulls the sample corpus from a real Dovecot and
// scans it; the findings equal those of the same messages scanned from
// mbox, with the IMAP folder as source, and the server is unchanged.
func TestIMAPScanMatchesMbox(t *testing.T) {
	s := dovecottest.Start(t)
	c, folders, flags := imapCorpus()
	for i, m := range c.Messages {
		if err := s.Add("erin", folders[i], m.Raw, flags[i]); err != nil {
			t.Fatal(err)
		}
		if err := s.Add("erin", "All Mail", m.Raw, flags[i]); err != nil {
			t.Fatal(err)
		}
	}
	tmp := t.TempDir()
	mbox := filepath.Join(tmp, "sample.mbox")
	var mb bytes.Buffer
	if err := c.WriteMbox(&mb); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(mbox, mb.Bytes(), 0o600)
	before := dovecotFlags(t, s, "erin")

	imapCase, mboxCase := filepath.Join(tmp, "imap-case"), filepath.Join(tmp, "mbox-case")
	url := fmt.Sprintf("imaps://erin@127.0.0.1:%d", s.TLSPort)
	env := []string{envIMAPPassword + "=" + dovecottest.Password, envIMAPToken + "="}
	r := runEnv(t, env, "scan", "--json", "--no-index", "--case", imapCase, "--ca", s.CAFile, url)
	if r.code != 0 {
		t.Fatalf("imap scan: exit %d\n%s", r.code, r.stderr)
	}
	var imapSum scanner.Summary
	if err := json.Unmarshal([]byte(r.stdout), &imapSum); err != nil {
		t.Fatalf("summary %q: %v", r.stdout, err)
	}
	n := len(c.Messages)
	if !strings.Contains(r.stderr, fmt.Sprintf("fetched %d messages (%d new, %d seen in another folder", 2*n, n, n)) {
		t.Errorf("pull summary missing or wrong in stderr:\n%s", r.stderr)
	}
	mboxSum := scanJSON(t, "--no-index", "--case", mboxCase, mbox)
	if imapSum.Messages != len(c.Messages) || imapSum.Messages != mboxSum.Messages || imapSum.Findings != mboxSum.Findings ||
		imapSum.Errors != mboxSum.Errors || imapSum.Attachments != mboxSum.Attachments || imapSum.SkippedFiles != 0 {
		t.Errorf("summaries differ:\nimap %+v\nmbox %+v", imapSum, mboxSum)
	}

	// Findings equal except where they were found; source is the folder.
	key := func(f store.Finding) store.Finding {
		f.ID, f.Source, f.Person = "", "", ""
		return f
	}
	folderOf := map[string]string{}
	for i, m := range c.Messages {
		folderOf[fmt.Sprintf("%x", source.CanonicalHash(m.Raw))] = folders[i]
	}
	var gi, gm []store.Finding
	for _, f := range readFindings(t, imapCase, "--reveal") {
		if want := folderOf[f.MessageSHA256]; f.Source != want {
			t.Errorf("finding %s in message %s: source %q, want %q", f.Type, f.MessageSHA256[:12], f.Source, want)
		}
		gi = append(gi, key(f))
	}
	for _, f := range readFindings(t, mboxCase, "--reveal") {
		gm = append(gm, key(f))
	}
	sortFindings(gi)
	sortFindings(gm)
	if len(gi) == 0 {
		t.Fatal("no findings")
	}
	if diff := cmp.Diff(gm, gi); diff != "" {
		t.Errorf("findings from IMAP differ from mbox (-mbox +imap):\n%s", diff)
	}
	if diff := cmp.Diff(before, dovecotFlags(t, s, "erin")); diff != "" {
		t.Errorf("flags on the server changed (-before +after):\n%s", diff)
	}

	// The evidence scans offline to the same messages, all known already.
	off := scanJSON(t, "--no-index", "--case", imapCase, filepath.Join(imapCase, store.EvidenceDir))
	if off.Messages != len(c.Messages) || off.Duplicates != off.Messages {
		t.Errorf("offline scan of the evidence: %+v; want %d messages, all duplicates", off, len(c.Messages))
	}
	// Running the IMAP scan again fetches nothing new.
	r = runEnv(t, env, "scan", "--json", "--no-index", "--case", imapCase, "--ca", s.CAFile, url)
	if r.code != 0 || !strings.Contains(r.stderr, "fetched 0 messages") || !strings.Contains(r.stderr, fmt.Sprintf("%d collected before", 2*n)) {
		t.Errorf("second run: exit %d\n%s", r.code, r.stderr)
	}
}

func sortFindings(fs []store.Finding) {
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.MessageSHA256 != b.MessageSHA256 {
			return a.MessageSHA256 < b.MessageSHA256
		}
		ka, _ := json.Marshal(a)
		kb, _ := json.Marshal(b)
		return string(ka) < string(kb)
	})
}

// dovecotFlags reads every message's flags in a separate read-only session.
func dovecotFlags(t *testing.T, s *dovecottest.Server, user string) map[string]map[uint32]string {
	t.Helper()
	pem, _ := os.ReadFile(s.CAFile)
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	c, err := imapclient.DialTLS(s.TLSAddr(), &imapclient.Options{TLSConfig: &tls.Config{RootCAs: pool}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(user, dovecottest.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	list, err := c.List("", "*", nil).Collect()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[uint32]string{}
	for _, l := range list {
		sd, err := c.Select(l.Mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
		if err != nil || sd.NumMessages == 0 {
			continue
		}
		msgs, err := c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, Flags: true}).Collect()
		if err != nil {
			t.Fatal(err)
		}
		m := map[uint32]string{}
		for _, msg := range msgs {
			var fl []string
			for _, f := range msg.Flags {
				fl = append(fl, string(f))
			}
			sort.Strings(fl)
			m[uint32(msg.UID)] = strings.Join(fl, " ")
		}
		out[l.Mailbox] = m
	}
	return out
}

// TestIMAPKill9Resume kills the binary with SIGKILL in the middle of a
// pull (slowed by a throttling proxy), runs it again, and checks that the
// evidence holds every message once and the findings are complete.
func TestIMAPKill9Resume(t *testing.T) {
	s := dovecottest.Start(t)
	c, folders, flags := imapCorpus()
	for i, m := range c.Messages {
		if err := s.Add("frank", folders[i], m.Raw, flags[i]); err != nil {
			t.Fatal(err)
		}
	}
	px := throttle(t, s.Addr(), 2*time.Millisecond)
	caseDir := filepath.Join(t.TempDir(), "case")
	url := "imap://frank@" + px
	env := []string{envIMAPPassword + "=" + dovecottest.Password, envIMAPToken + "="}
	args := []string{"scan", "--json", "--quiet", "--no-index", "--case", caseDir, "--ca", s.CAFile, url}

	cmd := exec.Command(binPath, args...)
	cmd.Env = append(os.Environ(), env...)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(caseDir, store.EvidenceDir, imapsrc.LogFile)
	deadline := time.Now().Add(60 * time.Second)
	for countMessages(logPath) < 20 {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("pull made no progress\n%s", errb.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	done := countMessages(logPath)
	if done >= len(c.Messages) {
		t.Fatalf("the pull finished (%d messages) before it was killed: the test tests nothing", done)
	}
	r := runEnv(t, env, args...)
	if r.code != 0 {
		t.Fatalf("resumed scan: exit %d\n%s", r.code, r.stderr)
	}
	var sum scanner.Summary
	json.Unmarshal([]byte(r.stdout), &sum)
	if sum.Messages != len(c.Messages) {
		t.Errorf("resumed scan read %d messages, want %d", sum.Messages, len(c.Messages))
	}
	recs, err := imapsrc.ReadLog(filepath.Join(caseDir, store.EvidenceDir))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	n := 0
	for _, r := range recs {
		if r.Type != "message" {
			continue
		}
		k := fmt.Sprint(r.Folder, r.UIDValidity, r.UID)
		if seen[k] {
			t.Errorf("%s logged twice", k)
		}
		seen[k] = true
		n++
	}
	if n != len(c.Messages) {
		t.Errorf("log holds %d messages, want %d (killed after %d)", n, len(c.Messages), done)
	}
	files := 0
	filepath.WalkDir(filepath.Join(caseDir, store.EvidenceDir), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Base(filepath.Dir(p)) == "cur" {
			files++
		}
		return nil
	})
	if files != len(c.Messages) {
		t.Errorf("evidence holds %d files, want %d", files, len(c.Messages))
	}
}

func countMessages(logPath string) int {
	f, err := os.Open(logPath)
	if err != nil {
		return 0
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if bytes.Contains(sc.Bytes(), []byte(`"type":"message"`)) {
			n++
		}
	}
	return n
}

// throttle is a loopback proxy to target that delays every chunk the
// server sends, so that a pull takes long enough to be killed midway.
func throttle(t *testing.T, target string, delay time.Duration) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			go func() { io.Copy(s, c); s.Close() }()
			go func() {
				buf := make([]byte, 2048)
				for {
					n, err := s.Read(buf)
					if n > 0 {
						time.Sleep(delay)
						if _, werr := c.Write(buf[:n]); werr != nil {
							break
						}
					}
					if err != nil {
						break
					}
				}
				c.Close()
				s.Close()
			}()
		}
	}()
	return ln.Addr().String()
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }
