package dovecottest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mailsift/mailsift/internal/mutf7"
)

// Binary is the Dovecot master the tests run.
const Binary = "/usr/sbin/dovecot"

// Password is every user's password: the passdb accepts any user name with
// it, so each test can use a fresh, empty account.
const Password = "secret-pw"

// SpecialUse are the folders the server marks with a special-use attribute
// (RFC 6154); "All Mail" plays Gmail's [Gmail]/All Mail.
var SpecialUse = map[string]string{
	"Sent":     `\Sent`,
	"Trash":    `\Trash`,
	"Archive":  `\Archive`,
	"Junk":     `\Junk`,
	"All Mail": `\All`,
}

// Server is one running Dovecot instance.
type Server struct {
	Dir     string // state, config, logs, homes
	Port    int    // plaintext IMAP, STARTTLS offered
	TLSPort int    // implicit TLS
	CAFile  string // PEM of the self-signed certificate (its own CA)

	uid, gid int // owner of the mail files
	cmd      *exec.Cmd
	waitErr  chan error
	mu       sync.Mutex
	seq      int
}

// Available reports whether Dovecot is installed.
func Available() bool {
	_, err := os.Stat(Binary)
	_, err2 := os.Stat("/usr/lib/dovecot/imap")
	return err == nil && err2 == nil
}

// Start starts a server and stops it when the test ends; it skips the test
// when Dovecot is not installed.
func Start(t testing.TB) *Server {
	t.Helper()
	if !Available() {
		t.Skip("dovecot is not installed (apt-get install dovecot-imapd); skipping the real-server test")
	}
	s, err := start()
	if err != nil {
		t.Fatalf("dovecottest: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Errorf("dovecottest: stop: %v", err)
		}
	})
	return s
}

func start() (*Server, error) {
	// Not t.TempDir: its parents are 0700, and the mail processes run as
	// nobody when we are root.
	dir, err := os.MkdirTemp("", "dovecottest-")
	if err != nil {
		return nil, err
	}
	s := &Server{Dir: dir, waitErr: make(chan error, 1)}
	if err := s.setup(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

func (s *Server) setup() error {
	if err := os.Chmod(s.Dir, 0o711); err != nil {
		return err
	}
	for _, d := range []string{"run", "state", "log", "home"} {
		if err := os.MkdirAll(filepath.Join(s.Dir, d), 0o711); err != nil {
			return err
		}
	}
	internal, login, chroot := "", "", ""
	if os.Getuid() == 0 {
		nobody, err := user.Lookup("nobody")
		if err != nil {
			return err
		}
		s.uid, _ = strconv.Atoi(nobody.Uid)
		s.gid, _ = strconv.Atoi(nobody.Gid)
		internal, login = "nobody", "nobody"
		if _, err := user.Lookup("dovecot"); err == nil {
			internal = "dovecot"
		}
		if _, err := user.Lookup("dovenull"); err == nil {
			login = "dovenull"
		}
	} else {
		me, err := user.Current()
		if err != nil {
			return err
		}
		s.uid, s.gid = os.Getuid(), os.Getgid()
		internal, login, chroot = me.Username, me.Username, "chroot ="
	}
	ig := internal
	if g, err := user.Lookup(internal); err == nil {
		if gr, err := user.LookupGroupId(g.Gid); err == nil {
			ig = gr.Name
		}
	}
	if err := s.writeCert(); err != nil {
		return err
	}
	var err error
	if s.Port, err = freePort(); err != nil {
		return err
	}
	if s.TLSPort, err = freePort(); err != nil {
		return err
	}
	var mailboxes strings.Builder
	for name, use := range SpecialUse {
		fmt.Fprintf(&mailboxes, "  mailbox %q {\n    special_use = %s\n  }\n", name, use)
	}
	conf := fmt.Sprintf(`instance_name = dovecottest-%[2]d
base_dir = %[1]s/run
state_dir = %[1]s/state
log_path = %[1]s/log/dovecot.log
protocols = imap
listen = 127.0.0.1
shutdown_clients = yes
default_internal_user = %[4]s
default_internal_group = %[10]s
default_login_user = %[5]s
first_valid_uid = 1
disable_plaintext_auth = no
auth_mechanisms = plain login
ssl = yes
ssl_cert = <%[1]s/cert.pem
ssl_key = <%[1]s/key.pem
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
%[9]s}
passdb {
  driver = static
  args = password=%[11]s
}
userdb {
  driver = static
  args = uid=%[7]d gid=%[8]d home=%[1]s/home/%%u
}
service imap-login {
  %[6]s
  inet_listener imap {
    address = 127.0.0.1
    port = %[2]d
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = %[3]d
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
  inet_listener pop3s {
    port = 0
  }
}
service anvil {
  %[6]s
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`, s.Dir, s.Port, s.TLSPort, internal, login, chroot, s.uid, s.gid, mailboxes.String(), ig, Password)
	if dh := "/usr/share/dovecot/dh.pem"; fileExists(dh) {
		conf += "ssl_dh = <" + dh + "\n"
	}
	confPath := filepath.Join(s.Dir, "dovecot.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		return err
	}
	s.cmd = exec.Command(Binary, "-F", "-c", confPath)
	logf, err := os.Create(filepath.Join(s.Dir, "log", "stdout.log"))
	if err != nil {
		return err
	}
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := s.cmd.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("start %s: %w", Binary, err)
	}
	go func() { s.waitErr <- s.cmd.Wait(); logf.Close() }()
	deadline := time.Now().Add(15 * time.Second)
	for _, p := range []int{s.Port, s.TLSPort} {
		for {
			c, err := net.DialTimeout("tcp", s.addr(p), 200*time.Millisecond)
			if err == nil {
				c.Close()
				break
			}
			select {
			case werr := <-s.waitErr:
				return fmt.Errorf("dovecot exited: %v\n%s", werr, s.Logs())
			default:
			}
			if time.Now().After(deadline) {
				s.Stop()
				return fmt.Errorf("dovecot did not open port %d\n%s", p, s.Logs())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return nil
}

// Stop stops the server and removes its directory.
func (s *Server) Stop() error {
	if s.cmd != nil && s.cmd.Process != nil {
		// The data is throwaway: kill the whole process group at once
		// rather than wait a second for a graceful shutdown.
		syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		<-s.waitErr
		s.cmd = nil
	}
	return os.RemoveAll(s.Dir)
}

// Logs returns the server's log, for failure messages.
func (s *Server) Logs() string {
	var b strings.Builder
	for _, f := range []string{"dovecot.log", "stdout.log"} {
		d, _ := os.ReadFile(filepath.Join(s.Dir, "log", f))
		b.Write(d)
	}
	return b.String()
}

func (s *Server) addr(port int) string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(port)) }

// Addr is host:port of the plaintext/STARTTLS listener.
func (s *Server) Addr() string { return s.addr(s.Port) }

// TLSAddr is host:port of the implicit-TLS listener.
func (s *Server) TLSAddr() string { return s.addr(s.TLSPort) }

// Maildir is the Maildir++ root of user's mailbox.
func (s *Server) Maildir(user string) string {
	return filepath.Join(s.Dir, "home", user, "Maildir")
}

// Add puts raw into folder ("INBOX", "Sent", "Archive/2023", "日本語") of
// user's mailbox with the Maildir flags (e.g. "S", "FS", "" for unread);
// Dovecot assigns the UID when the folder is next opened.
func (s *Server) Add(user, folder string, raw []byte, flags string) error {
	s.mu.Lock()
	s.seq++
	n := s.seq
	s.mu.Unlock()
	dir := s.folderDir(user, folder)
	if _, err := os.Stat(filepath.Join(dir, "cur")); err != nil {
		for _, sub := range []string{"cur", "new", "tmp"} {
			if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
				return err
			}
		}
		if folder != "INBOX" {
			if err := os.WriteFile(filepath.Join(dir, "maildirfolder"), nil, 0o600); err != nil {
				return err
			}
		}
		if err := s.chown(filepath.Join(s.Dir, "home", user)); err != nil {
			return err
		}
	}
	name := fmt.Sprintf("%d.M%dP1.dovecottest:2,%s", 1600000000+n, n, flags)
	p := filepath.Join(dir, "cur", name)
	if err := os.WriteFile(p, raw, 0o600); err != nil {
		return err
	}
	if os.Getuid() == 0 {
		return os.Lchown(p, s.uid, s.gid)
	}
	return nil
}

// FolderDir is the Maildir++ directory of folder in user's mailbox.
func (s *Server) folderDir(user, folder string) string {
	root := s.Maildir(user)
	if folder == "INBOX" {
		return root
	}
	parts := strings.Split(folder, "/")
	for i, p := range parts {
		parts[i] = mutf7.Encode(p)
	}
	return filepath.Join(root, "."+strings.Join(parts, "."))
}

// FolderDir is the Maildir++ directory of folder in user's mailbox, for
// tests that change a folder on disk (e.g. to reset its UIDVALIDITY).
func (s *Server) FolderDir(user, folder string) string { return s.folderDir(user, folder) }

// chown gives the tree at root to the mail user, when we are root.
func (s *Server) chown(root string) error {
	if os.Getuid() != 0 {
		return nil
	}
	return filepath.Walk(root, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, s.uid, s.gid)
	})
}

func (s *Server) writeCert() error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "localhost"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return err
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	s.CAFile = filepath.Join(s.Dir, "cert.pem")
	if err := os.WriteFile(s.CAFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(s.Dir, "key.pem"), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
