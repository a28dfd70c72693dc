package imapsrc

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
)

const (
	memUser  = "alice@example.jp"
	memPass  = "pw-123"
	memToken = "ya29.token-xyz"
)

// memServer is go-imap's in-memory server with one user, optionally
// offering XOAUTH2 and OAUTHBEARER, STARTTLS (tlsCfg) or implicit TLS.
type memServer struct {
	addr string
	user *imapmemserver.User
	cert *x509.Certificate
	pool *x509.CertPool
}

type memOpts struct {
	mechs    []string // SASL mechanisms beyond PLAIN; nil: go-imap's default (PLAIN)
	startTLS bool
	implicit bool
}

func startMem(t testing.TB, mo memOpts) *memServer {
	t.Helper()
	ms := &memServer{user: imapmemserver.NewUser(memUser, memPass)}
	if err := ms.user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem := imapmemserver.New()
	mem.AddUser(ms.user)
	cfg := ms.tlsConfig(t)
	opts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			inner := mem.NewSession()
			if mo.mechs == nil {
				return inner, nil, nil
			}
			return &saslSession{Session: inner, mechs: mo.mechs}, nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}},
		InsecureAuth: true,
		Logger:       quietLogger{},
	}
	if mo.startTLS {
		opts.TLSConfig = cfg
	}
	srv := imapserver.New(opts)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ms.addr = ln.Addr().String()
	if mo.implicit {
		ln = tls.NewListener(ln, cfg)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ms
}

type quietLogger struct{}

func (quietLogger) Printf(string, ...any) {}

func (ms *memServer) tlsConfig(t testing.TB) *tls.Config {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		BasicConstraintsValid: true, IsCA: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	ms.cert, _ = x509.ParseCertificate(der)
	ms.pool = x509.NewCertPool()
	ms.pool.AddCert(ms.cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
}

func (ms *memServer) add(t testing.TB, folder, raw string, flags ...imap.Flag) {
	t.Helper()
	if _, err := ms.user.Status(folder, &imap.StatusOptions{}); err != nil {
		if err := ms.user.Create(folder, nil); err != nil {
			t.Fatal(err)
		}
	}
	_, err := ms.user.Append(folder, bytes.NewReader([]byte(raw)), &imap.AppendOptions{Flags: flags, Time: time.Date(2024, 5, 2, 10, 11, 12, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
}

func (ms *memServer) port() string { _, p, _ := net.SplitHostPort(ms.addr); return p }

// options for the server: plaintext imap:// on loopback unless changed.
func (ms *memServer) options() Options {
	return Options{Endpoint: Endpoint{User: memUser, Host: "127.0.0.1", Port: ms.port()}, Password: memPass, RootCAs: ms.pool, RetryWait: time.Millisecond}
}

// saslSession offers XOAUTH2 and OAUTHBEARER on top of the memory
// server's session; a valid token logs the user in.
type saslSession struct {
	imapserver.Session
	mechs []string
}

func (s *saslSession) AuthenticateMechanisms() []string {
	return append([]string{sasl.Plain}, s.mechs...)
}

func (s *saslSession) Authenticate(mech string) (sasl.Server, error) {
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(_, user, pass string) error { return s.Login(user, pass) }), nil
	case sasl.OAuthBearer:
		return sasl.NewOAuthBearerServer(func(o sasl.OAuthBearerOptions) *sasl.OAuthBearerError {
			if o.Token != memToken || s.Login(o.Username, memPass) != nil {
				return &sasl.OAuthBearerError{Status: "invalid_token"}
			}
			return nil
		}), nil
	case MechXOAuth2:
		return &xoauth2Server{s: s}, nil
	}
	return nil, errors.New("unsupported mechanism")
}

// xoauth2Server checks "user=U\x01auth=Bearer T\x01\x01"; on a bad token
// it sends the JSON error challenge and fails after the empty answer, as
// Gmail does.
type xoauth2Server struct {
	s      *saslSession
	failed bool
}

func (x *xoauth2Server) Next(resp []byte) ([]byte, bool, error) {
	if x.failed {
		return nil, true, errors.New("invalid token")
	}
	parts := strings.Split(string(resp), "\x01")
	if len(parts) == 4 && strings.HasPrefix(parts[0], "user=") && parts[1] == "auth=Bearer "+memToken &&
		x.s.Login(strings.TrimPrefix(parts[0], "user="), memPass) == nil {
		return nil, true, nil
	}
	x.failed = true
	return []byte(`{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}`), false, nil
}

func sessionRecord(t *testing.T, dir string) Record {
	t.Helper()
	recs, err := ReadLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Type == "session" {
			return r
		}
	}
	t.Fatal("no session record")
	return Record{}
}

func TestAuthentication(t *testing.T) {
	both := []string{MechXOAuth2, sasl.OAuthBearer}
	cases := []struct {
		name     string
		mechs    []string
		urlMech  string
		password string
		token    string
		wantAuth string
		wantErr  error
	}{
		{name: "plain by default", password: memPass, wantAuth: MechPlain},
		{name: "login asked in the URL", urlMech: MechLogin, password: memPass, wantAuth: MechLogin},
		{name: "oauthbearer preferred", mechs: both, token: memToken, wantAuth: MechOAuthBearer},
		{name: "xoauth2 when alone (Microsoft 365)", mechs: []string{MechXOAuth2}, token: memToken, wantAuth: MechXOAuth2},
		{name: "xoauth2 asked in the URL", mechs: both, urlMech: MechXOAuth2, token: memToken, wantAuth: MechXOAuth2},
		{name: "wrong password", password: "nope", wantErr: ErrAuth},
		{name: "wrong password, LOGIN", urlMech: MechLogin, password: "nope", wantErr: ErrAuth},
		{name: "wrong xoauth2 token", mechs: []string{MechXOAuth2}, token: "bad", wantErr: ErrAuth},
		{name: "wrong oauthbearer token", mechs: both, token: "bad", wantErr: ErrAuth},
		{name: "token but no oauth mechanism", token: memToken, wantErr: ErrMechanism},
		{name: "xoauth2 asked without a token", mechs: both, urlMech: MechXOAuth2, password: memPass, wantErr: ErrMechanism},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ms := startMem(t, memOpts{mechs: tc.mechs})
			ms.add(t, "INBOX", "Subject: hi\r\n\r\nbody\r\n")
			o := ms.options()
			o.Endpoint.Mechanism, o.Password, o.Token = tc.urlMech, tc.password, tc.token
			dir := t.TempDir()
			start := time.Now()
			st, err := Pull(context.Background(), o, dir)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				if st.Retries != 0 || time.Since(start) > 5*time.Second {
					t.Errorf("a refused login was retried (%d retries, %v)", st.Retries, time.Since(start))
				}
				for _, secret := range []string{"nope", "bad", memPass, memToken} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("error %q shows a secret", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if st.Messages != 1 {
				t.Errorf("fetched %d messages, want 1", st.Messages)
			}
			if got := sessionRecord(t, dir).Auth; got != tc.wantAuth {
				t.Errorf("authenticated with %s, want %s", got, tc.wantAuth)
			}
		})
	}
}

func TestTransportSecurity(t *testing.T) {
	certSum := func(ms *memServer) string { s := sha256.Sum256(ms.cert.Raw); return hex.EncodeToString(s[:]) }
	redirect := func(addr string) func(context.Context, string, string) (net.Conn, error) {
		return func(ctx context.Context, n, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, n, addr)
		}
	}
	cases := []struct {
		name          string
		mo            memOpts
		setup         func(*memServer, *Options)
		wantTransport string
		wantErr       bool
		wantNoTLS     bool
	}{
		{name: "implicit TLS", mo: memOpts{implicit: true}, setup: func(_ *memServer, o *Options) { o.Endpoint.TLS = true }, wantTransport: "tls"},
		{name: "implicit TLS, unknown CA", mo: memOpts{implicit: true}, setup: func(_ *memServer, o *Options) { o.Endpoint.TLS, o.RootCAs = true, x509.NewCertPool() }, wantErr: true},
		{name: "implicit TLS, insecure", mo: memOpts{implicit: true}, setup: func(_ *memServer, o *Options) { o.Endpoint.TLS, o.RootCAs, o.Insecure = true, x509.NewCertPool(), true }, wantTransport: "tls"},
		{name: "STARTTLS", mo: memOpts{startTLS: true}, wantTransport: "starttls"},
		{name: "STARTTLS, unknown CA", mo: memOpts{startTLS: true}, setup: func(_ *memServer, o *Options) { o.RootCAs = x509.NewCertPool() }, wantErr: true},
		{name: "plaintext on loopback", wantTransport: "plaintext"},
		{name: "plaintext to a remote host refused", setup: func(ms *memServer, o *Options) {
			o.Endpoint.Host, o.Dial = "imap.example.com", redirect(ms.addr)
		}, wantErr: true, wantNoTLS: true},
		{name: "plaintext to a remote host with --insecure", setup: func(ms *memServer, o *Options) {
			o.Endpoint.Host, o.Dial, o.Insecure = "imap.example.com", redirect(ms.addr), true
		}, wantTransport: "plaintext"},
		{name: "STARTTLS to a remote host checks its name", mo: memOpts{startTLS: true}, setup: func(ms *memServer, o *Options) {
			o.Endpoint.Host, o.Dial = "imap.example.com", redirect(ms.addr)
		}, wantErr: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ms := startMem(t, tc.mo)
			ms.add(t, "INBOX", "Subject: hi\r\n\r\nbody\r\n")
			o := ms.options()
			if tc.setup != nil {
				tc.setup(ms, &o)
			}
			dir := t.TempDir()
			st, err := Pull(context.Background(), o, dir)
			if tc.wantErr {
				if err == nil {
					t.Fatal("pull succeeded, want an error")
				}
				if tc.wantNoTLS && !errors.Is(err, ErrNoTLS) {
					t.Errorf("err = %v, want ErrNoTLS", err)
				}
				if st.Retries != 0 {
					t.Errorf("retried %d times", st.Retries)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			sr := sessionRecord(t, dir)
			if sr.Transport != tc.wantTransport {
				t.Errorf("transport %q, want %q", sr.Transport, tc.wantTransport)
			}
			if tc.wantTransport != "plaintext" && (sr.CertSHA256 != certSum(ms) || sr.TLSVersion == "") {
				t.Errorf("certificate %q / %q not logged (want %s)", sr.CertSHA256, sr.TLSVersion, certSum(ms))
			}
		})
	}
}

// TestReadOnlyOnTheWire records every command the pull sends: folders are
// EXAMINEd, bodies fetched with BODY.PEEK, and nothing that writes is sent.
func TestReadOnlyOnTheWire(t *testing.T) {
	ms := startMem(t, memOpts{})
	for i := 0; i < 30; i++ {
		ms.add(t, []string{"INBOX", "Sent", "日本語"}[i%3], fmt.Sprintf("Subject: m%d\r\n\r\nbody %d\r\n", i, i))
	}
	px := newProxy(t, ms.addr, 0, 0)
	o := ms.options()
	o.Endpoint.Port = px.port()
	if _, err := Pull(context.Background(), o, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	var cmds []string
	for _, line := range strings.Split(px.clientBytes(), "\r\n") {
		if f := strings.Fields(line); len(f) >= 2 {
			verb := strings.ToUpper(f[1])
			if verb == "UID" && len(f) >= 3 {
				verb += " " + strings.ToUpper(f[2])
			}
			cmds = append(cmds, verb)
			if strings.Contains(strings.ToUpper(line), "BODY[") {
				t.Errorf("non-PEEK body fetch: %q", line)
			}
		}
	}
	allowed := map[string]bool{"CAPABILITY": true, "AUTHENTICATE": true, "LOGIN": true, "LIST": true, "EXAMINE": true, "UID FETCH": true, "LOGOUT": true, "NOOP": true}
	examined := false
	for _, c := range cmds {
		if !allowed[c] {
			t.Errorf("command %q sent; only read-only commands are allowed", c)
		}
		examined = examined || c == "EXAMINE"
	}
	if !examined {
		t.Errorf("no EXAMINE among %v", cmds)
	}
	if !strings.Contains(px.clientBytes(), "BODY.PEEK[]") {
		t.Error("no BODY.PEEK[] fetch seen")
	}
}
