package imapsrc

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/mailsift/mailsift/internal/mailgen"
	"github.com/mailsift/mailsift/scanner/imapsrc/dovecottest"
	"github.com/mailsift/mailsift/scanner/source"
)

// placed is one test message as put on the server.
type placed struct {
	folder string
	raw    []byte
	flags  string // Maildir letters
}

// sampleMailbox spreads the generated sample corpus over several folders,
// with a Japanese folder, a nested one, mixed flags (unread ones too), and
// a Gmail-like "All Mail" (\All) holding a copy of every message.
func sampleMailbox(withAll bool) []placed {
	c := mailgen.Generate(mailgen.SampleOptions())
	flags := []string{"S", "", "FS", "RS", "D"}
	var out []placed
	for i, m := range c.Messages {
		folder := m.Folder
		switch {
		case folder == "Archive.2023":
			folder = "Archive/2023"
		case i%7 == 3:
			folder = "日本語/顧客"
		}
		out = append(out, placed{folder: folder, raw: m.Raw, flags: flags[i%len(flags)]})
	}
	if withAll {
		n := len(out)
		for _, p := range out[:n] {
			out = append(out, placed{folder: "All Mail", raw: p.raw, flags: p.flags})
		}
	}
	return out
}

func fill(t testing.TB, s *dovecottest.Server, user string, msgs []placed) {
	t.Helper()
	for _, m := range msgs {
		if err := s.Add(user, m.folder, m.raw, m.flags); err != nil {
			t.Fatal(err)
		}
	}
}

func caPool(t testing.TB, file string) *x509.CertPool {
	t.Helper()
	pem, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p := x509.NewCertPool()
	if !p.AppendCertsFromPEM(pem) {
		t.Fatal("no certificate in", file)
	}
	return p
}

// dovecotOptions are Options for user on s over implicit TLS.
func dovecotOptions(t testing.TB, s *dovecottest.Server, user string) Options {
	return Options{
		Endpoint:  Endpoint{TLS: true, User: user, Host: "127.0.0.1", Port: fmt.Sprint(s.TLSPort)},
		Password:  dovecottest.Password,
		RootCAs:   caPool(t, s.CAFile),
		RetryWait: 5e6, // 5 ms
	}
}

// serverFlags reads every message's flags in a separate read-only session:
// folder → UID → sorted flags.
func serverFlags(t testing.TB, s *dovecottest.Server, user string) map[string]map[uint32]string {
	t.Helper()
	c, err := imapclient.DialTLS(s.TLSAddr(), &imapclient.Options{TLSConfig: &tls.Config{RootCAs: caPool(t, s.CAFile)}})
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
		skip := false
		for _, a := range l.Attrs {
			skip = skip || a == imap.MailboxAttrNoSelect || a == imap.MailboxAttrNonExistent
		}
		if skip {
			continue
		}
		sd, err := c.Select(l.Mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
		if err != nil {
			t.Fatal(err)
		}
		m := map[uint32]string{}
		out[l.Mailbox] = m
		if sd.NumMessages == 0 {
			continue
		}
		msgs, err := c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, Flags: true}).Collect()
		if err != nil {
			t.Fatal(err)
		}
		for _, msg := range msgs {
			var fl []string
			for _, f := range msg.Flags {
				fl = append(fl, string(f))
			}
			sort.Strings(fl)
			m[uint32(msg.UID)] = strings.Join(fl, " ")
		}
	}
	return out
}

// messageRecords returns the acquisition log's message records, checking
// that no (folder, UIDVALIDITY, UID) is in it twice.
func messageRecords(t testing.TB, dir string) []Record {
	t.Helper()
	recs, err := ReadLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []Record
	seen := map[string]bool{}
	for _, r := range recs {
		if r.Type != "message" {
			continue
		}
		k := fmt.Sprintf("%s\x00%d\x00%d", r.Folder, r.UIDValidity, r.UID)
		if seen[k] {
			t.Errorf("message %s UID %d (UIDVALIDITY %d) logged twice", r.Folder, r.UID, r.UIDValidity)
		}
		seen[k] = true
		out = append(out, r)
	}
	return out
}

// readEvidence reads the evidence directory with scanner/source, as an
// offline scan would: folder → canonical hashes.
func readEvidence(t testing.TB, dir string) (map[string][]string, int) {
	t.Helper()
	src, err := EvidenceSource(dir, "imap://test", source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	n := 0
	err = src.Messages(context.Background(), func(m *source.Message, err error) error {
		if err != nil {
			t.Errorf("evidence: %v", err)
			return nil
		}
		n++
		out[m.Folder] = append(out[m.Folder], fmt.Sprintf("%x", m.CanonicalSHA256))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out, n
}

// proxy forwards TCP connections to target. It cuts a connection once
// the server has sent cutAfter bytes on it (0: never), for the first cuts
// connections, and records what clients sent.
type proxy struct {
	ln       net.Listener
	target   string
	cutAfter int64
	cuts     atomic.Int32
	dropped  atomic.Int32
	mu       sync.Mutex
	sent     strings.Builder
	wg       sync.WaitGroup
}

func newProxy(t testing.TB, target string, cutAfter int64, cuts int) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, target: target, cutAfter: cutAfter}
	p.cuts.Store(int32(cuts))
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.wg.Wait() })
	return p
}

func (p *proxy) port() string { return fmt.Sprint(p.ln.Addr().(*net.TCPAddr).Port) }

func (p *proxy) clientBytes() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sent.String()
}

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		cut := p.cutAfter > 0 && p.cuts.Add(-1) >= 0
		p.wg.Add(2)
		go func() {
			defer p.wg.Done()
			buf := make([]byte, 32<<10)
			for {
				n, err := c.Read(buf)
				if n > 0 {
					p.mu.Lock()
					p.sent.Write(buf[:n])
					p.mu.Unlock()
					s.Write(buf[:n])
				}
				if err != nil {
					s.Close()
					return
				}
			}
		}()
		go func() {
			defer p.wg.Done()
			var r io.Reader = s
			if cut {
				r = io.LimitReader(s, p.cutAfter)
			}
			io.Copy(c, r)
			if cut {
				p.dropped.Add(1)
			}
			c.Close()
			s.Close()
		}()
	}
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func hexs(b [32]byte) string { return hex.EncodeToString(b[:]) }

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
