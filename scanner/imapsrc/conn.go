package imapsrc

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"sync"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
)

// Errors of connecting and logging in: none of them is retried.
var (
	// ErrAuth is wrapped when the server rejects the credentials.
	ErrAuth = errors.New("authentication failed")
	// ErrNoTLS is returned for imap:// to a remote host that offers no
	// STARTTLS, unless Options.Insecure allows plaintext.
	ErrNoTLS = errors.New("server offers no STARTTLS")
	// ErrMechanism is wrapped when no usable SASL mechanism is offered.
	ErrMechanism = errors.New("no usable authentication mechanism")
)

// connInfo is what the first connection learned, for the acquisition log.
type connInfo struct {
	Transport  string   // "tls", "starttls" or "plaintext"
	TLSVersion string   // e.g. "TLS 1.3"
	CertSHA256 string   // SHA-256 of the server's leaf certificate (DER)
	Mechanism  string   // authentication used, "PREAUTH" if none
	Caps       []string // capabilities after login
}

// dialer opens authenticated connections to one endpoint. For imap:// it
// learns on the first connection whether STARTTLS is offered.
type dialer struct {
	ep   Endpoint
	opts *Options
	tls  *tls.Config

	mu       sync.Mutex
	decided  bool
	startTLS bool
	info     connInfo
	haveInfo bool
}

func newDialer(ep Endpoint, opts *Options) *dialer {
	d := &dialer{ep: ep, opts: opts}
	d.tls = &tls.Config{
		ServerName:         ep.Host,
		RootCAs:            opts.RootCAs,
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: opts.Insecure,
		NextProtos:         []string{"imap"},
	}
	return d
}

// tlsConfig returns a config that records the session into info; it runs
// also under InsecureSkipVerify, so the log always has the fingerprint.
func (d *dialer) tlsConfig(info *connInfo) *tls.Config {
	cfg := d.tls.Clone()
	cfg.VerifyConnection = func(cs tls.ConnectionState) error {
		info.TLSVersion = tls.VersionName(cs.Version)
		if len(cs.PeerCertificates) > 0 {
			sum := sha256.Sum256(cs.PeerCertificates[0].Raw)
			info.CertSHA256 = hex.EncodeToString(sum[:])
		}
		return nil
	}
	return cfg
}

func (d *dialer) dialTCP(ctx context.Context) (net.Conn, error) {
	if d.opts.Dial != nil {
		return d.opts.Dial(ctx, "tcp", d.ep.Addr())
	}
	var nd net.Dialer
	return nd.DialContext(ctx, "tcp", d.ep.Addr())
}

// connect opens a connection, secures it as the URL and options say, and
// logs in. The client is closed when ctx is done.
func (d *dialer) connect(ctx context.Context) (*imapclient.Client, error) {
	c, info, err := d.open(ctx)
	if err != nil {
		return nil, err
	}
	stop := context.AfterFunc(ctx, func() { c.Close() })
	mech, err := d.login(c)
	if err != nil {
		stop()
		c.Close()
		return nil, err
	}
	info.Mechanism = mech
	for cp := range c.Caps() {
		info.Caps = append(info.Caps, string(cp))
	}
	slices.Sort(info.Caps)
	d.mu.Lock()
	if !d.haveInfo {
		d.info, d.haveInfo = *info, true
	}
	d.mu.Unlock()
	return c, nil
}

func (d *dialer) firstInfo() connInfo {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.info
}

func (d *dialer) clientOptions(info *connInfo) *imapclient.Options {
	return &imapclient.Options{TLSConfig: d.tlsConfig(info)}
}

func (d *dialer) open(ctx context.Context) (*imapclient.Client, *connInfo, error) {
	info := &connInfo{}
	addr := d.ep.Addr()
	conn, err := d.dialTCP(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("imap %s: connect: %w", addr, err)
	}
	if d.ep.TLS {
		info.Transport = "tls"
		tc := tls.Client(conn, d.tlsConfig(info))
		if err := tc.HandshakeContext(ctx); err != nil {
			conn.Close()
			return nil, nil, fmt.Errorf("imap %s: tls: %w", addr, err)
		}
		c := imapclient.New(tc, &imapclient.Options{})
		if err := c.WaitGreeting(); err != nil {
			c.Close()
			return nil, nil, fmt.Errorf("imap %s: greeting: %w", addr, err)
		}
		return c, info, nil
	}
	d.mu.Lock()
	decided, useTLS := d.decided, d.startTLS
	d.mu.Unlock()
	if decided && useTLS {
		return d.openStartTLS(ctx, conn, info)
	}
	// Plaintext greeting: keep it if STARTTLS is not offered and plaintext
	// is allowed; otherwise reconnect with STARTTLS (go-imap upgrades only
	// a connection it opened with NewStartTLS).
	c := imapclient.New(conn, &imapclient.Options{})
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	if err := c.WaitGreeting(); err != nil {
		c.Close()
		return nil, nil, fmt.Errorf("imap %s: greeting: %w", addr, err)
	}
	caps := c.Caps()
	if caps == nil {
		c.Close()
		return nil, nil, fmt.Errorf("imap %s: no CAPABILITY answer", addr)
	}
	if caps.Has(imap.CapStartTLS) {
		c.Close()
		d.mu.Lock()
		d.decided, d.startTLS = true, true
		d.mu.Unlock()
		conn, err := d.dialTCP(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("imap %s: connect: %w", addr, err)
		}
		return d.openStartTLS(ctx, conn, info)
	}
	if !d.ep.Loopback() && !d.opts.Insecure {
		c.Close()
		return nil, nil, fmt.Errorf("imap %s: %w; the password would cross the network in clear: use imaps://, or --insecure if you accept that", addr, ErrNoTLS)
	}
	d.mu.Lock()
	d.decided = true
	d.mu.Unlock()
	info.Transport = "plaintext"
	return c, info, nil
}

func (d *dialer) openStartTLS(ctx context.Context, conn net.Conn, info *connInfo) (*imapclient.Client, *connInfo, error) {
	info.Transport = "starttls"
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	c, err := imapclient.NewStartTLS(conn, d.clientOptions(info))
	if err != nil {
		return nil, nil, fmt.Errorf("imap %s: starttls: %w", d.ep.Addr(), err)
	}
	return c, info, nil
}

// login authenticates with the password or token of the options and
// returns the mechanism used.
func (d *dialer) login(c *imapclient.Client) (string, error) {
	if c.State() == imap.ConnStateAuthenticated {
		return "PREAUTH", nil
	}
	caps := c.Caps()
	user, o := d.ep.User, d.opts
	mech := d.ep.Mechanism
	offered := func(m string) bool { return caps.Has(imap.Cap("AUTH=" + m)) }
	if mech == "" {
		switch {
		case o.Token != "" && offered(MechOAuthBearer):
			mech = MechOAuthBearer
		case o.Token != "" && offered(MechXOAuth2):
			mech = MechXOAuth2
		case o.Token != "":
			return "", fmt.Errorf("imap %s: %w: a token needs XOAUTH2 or OAUTHBEARER; the server offers %s", d.ep.Addr(), ErrMechanism, strings.Join(caps.AuthMechanisms(), ", "))
		case offered(MechPlain):
			mech = MechPlain
		default:
			mech = MechLogin
		}
	}
	secret, what := o.Password, "password"
	if mech == MechXOAuth2 || mech == MechOAuthBearer {
		secret, what = o.Token, "token"
	}
	if secret == "" {
		return "", fmt.Errorf("imap %s: %w: %s needs a %s", d.ep.Addr(), ErrMechanism, mech, what)
	}
	var err error
	switch mech {
	case MechLogin:
		if caps.Has(imap.CapLoginDisabled) {
			return "", fmt.Errorf("imap %s: %w: the server disables LOGIN", d.ep.Addr(), ErrMechanism)
		}
		err = c.Login(user, secret).Wait()
	case MechPlain:
		err = c.Authenticate(sasl.NewPlainClient("", user, secret))
	case MechOAuthBearer:
		err = c.Authenticate(sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Username: user, Token: secret, Host: d.ep.Host}))
	case MechXOAuth2:
		err = c.Authenticate(&xoauth2Client{user: user, token: secret})
	}
	if err != nil {
		var (
			ie *imap.Error
			oe *sasl.OAuthBearerError
		)
		switch {
		case errors.As(err, &ie):
			return "", fmt.Errorf("imap %s: %s as %s: %w: %s", d.ep.Addr(), mech, user, ErrAuth, ie.Text)
		case errors.As(err, &oe):
			return "", fmt.Errorf("imap %s: %s as %s: %w: %s", d.ep.Addr(), mech, user, ErrAuth, oe.Status)
		}
		return "", fmt.Errorf("imap %s: %s as %s: %w", d.ep.Addr(), mech, user, err)
	}
	return mech, nil
}
