package imapsrc

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ErrBadURL is wrapped by every ParseURL error.
var ErrBadURL = errors.New("bad IMAP URL")

// Authentication mechanisms an URL may ask for with ";AUTH=" (RFC 5092).
const (
	MechPlain       = "PLAIN"
	MechLogin       = "LOGIN"
	MechXOAuth2     = "XOAUTH2"
	MechOAuthBearer = "OAUTHBEARER"
)

// Endpoint is the server and account of an imap:// or imaps:// URL:
// imaps://user@host[:port] or, with a mechanism, imaps://user;AUTH=XOAUTH2@host.
type Endpoint struct {
	TLS       bool   // imaps: implicit TLS; imap: STARTTLS, or plaintext where allowed
	User      string // login name, e.g. "alice@example.jp"
	Host      string // host name or IP, without brackets
	Port      string
	Mechanism string // upper case; "" chooses from the credentials and the server
}

// ParseURL parses an IMAP server URL. A password in it is refused, so that
// it never lands in shell history or a process list; so is a mailbox path
// (folders are chosen with Options.Folders).
func ParseURL(raw string) (Endpoint, error) {
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error quotes the input, which could hold a password.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return Endpoint{}, fmt.Errorf("%w: %v", ErrBadURL, err)
	}
	var ep Endpoint
	switch strings.ToLower(u.Scheme) {
	case "imaps":
		ep.TLS, ep.Port = true, "993"
	case "imap":
		ep.Port = "143"
	default:
		return Endpoint{}, fmt.Errorf("%w: scheme %q: use imap:// or imaps://", ErrBadURL, u.Scheme)
	}
	if u.Opaque != "" {
		return Endpoint{}, fmt.Errorf("%w: write %s://user@host", ErrBadURL, u.Scheme)
	}
	if u.User == nil || u.User.Username() == "" {
		return Endpoint{}, fmt.Errorf("%w: no user name: write %s://USER@%s", ErrBadURL, u.Scheme, u.Host)
	}
	if _, ok := u.User.Password(); ok {
		return Endpoint{}, fmt.Errorf("%w: a password in the URL would show in process lists and shell history; remove it and set MAILSIFT_IMAP_PASSWORD", ErrBadURL)
	}
	ep.User = u.User.Username()
	if i := strings.Index(strings.ToUpper(ep.User), ";AUTH="); i >= 0 {
		mech := strings.ToUpper(ep.User[i+len(";AUTH="):])
		ep.User = ep.User[:i]
		switch mech {
		case "*":
		case MechPlain, MechLogin, MechXOAuth2, MechOAuthBearer:
			ep.Mechanism = mech
		default:
			return Endpoint{}, fmt.Errorf("%w: ;AUTH=%s: supported are PLAIN, LOGIN, XOAUTH2, OAUTHBEARER", ErrBadURL, mech)
		}
		if ep.User == "" {
			return Endpoint{}, fmt.Errorf("%w: no user name before ;AUTH=", ErrBadURL)
		}
	}
	if strings.ContainsAny(ep.User, "\x00\r\n") {
		return Endpoint{}, fmt.Errorf("%w: control character in the user name", ErrBadURL)
	}
	ep.Host = u.Hostname()
	if ep.Host == "" {
		return Endpoint{}, fmt.Errorf("%w: no host", ErrBadURL)
	}
	if strings.Contains(ep.Host, ":") && !strings.HasPrefix(u.Host, "[") {
		return Endpoint{}, fmt.Errorf("%w: write an IPv6 address in brackets: [%s]", ErrBadURL, ep.Host)
	}
	if strings.ContainsAny(ep.Host, "\x00 \t\r\n/@") {
		return Endpoint{}, fmt.Errorf("%w: bad host %q", ErrBadURL, ep.Host)
	}
	if p := u.Port(); p != "" {
		n := 0
		for _, c := range p {
			n = n*10 + int(c-'0')
			if c < '0' || c > '9' || n > 65535 {
				return Endpoint{}, fmt.Errorf("%w: port %q", ErrBadURL, p)
			}
		}
		if n == 0 {
			return Endpoint{}, fmt.Errorf("%w: port %q", ErrBadURL, p)
		}
		ep.Port = p
	}
	if u.Path != "" && u.Path != "/" {
		return Endpoint{}, fmt.Errorf("%w: mailbox path %q: the whole account is collected; choose folders with --folder", ErrBadURL, u.Path)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return Endpoint{}, fmt.Errorf("%w: unexpected query or fragment", ErrBadURL)
	}
	return ep, nil
}

// Addr is host:port for dialing.
func (ep Endpoint) Addr() string { return net.JoinHostPort(ep.Host, ep.Port) }

// String is the URL without secrets, as recorded in the acquisition log.
func (ep Endpoint) String() string {
	scheme := "imap"
	if ep.TLS {
		scheme = "imaps"
	}
	user := url.PathEscape(ep.User)
	if ep.Mechanism != "" {
		user += ";AUTH=" + ep.Mechanism
	}
	return scheme + "://" + user + "@" + ep.Addr()
}

// Loopback reports a host on this machine, where plaintext IMAP is allowed.
func (ep Endpoint) Loopback() bool {
	if strings.EqualFold(ep.Host, "localhost") {
		return true
	}
	ip := net.ParseIP(ep.Host)
	return ip != nil && ip.IsLoopback()
}
