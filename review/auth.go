package review

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"strings"
)

// cookieName is the session cookie set after ?token=.
const cookieName = "mailsift_review"

// CheckAddr returns an error when addr would be reachable from other
// machines and token is empty. Loopback is 127.0.0.0/8, ::1 and
// "localhost"; an empty host (":8080") binds every interface, so it is not.
func CheckAddr(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("review: address %q: %w (want HOST:PORT, e.g. 127.0.0.1:8080)", addr, err)
	}
	if token != "" || isLoopback(host) {
		return nil
	}
	what := host
	if host == "" {
		what = "every interface"
	}
	return fmt.Errorf("review: refusing to serve on %s (%s) without a token: other machines could read the findings; use --token or bind 127.0.0.1", addr, what)
}

// isLoopback reports whether host (no port) names the loopback interface.
// Other names are not trusted, even if they resolve to loopback today.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	return ip != nil && ip.IsLoopback()
}

// hostOnly strips the port of a Host header ("[::1]:8080" -> "::1").
func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}

// authorize lets a request through when it may see the case. With a token:
// the bearer header or the session cookie, or ?token= on a GET, which sets
// the cookie and redirects to the same URL without the token (so that it
// stays out of the address bar and the history). Without a token: a
// loopback Host header, which a page of another site cannot send even when
// its DNS name points to 127.0.0.1 (DNS rebinding).
func (s *server) authorize(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.o.Token == "" {
			if !isLoopback(hostOnly(r.Host)) {
				http.Error(w, "403 forbidden: this review server answers only http://127.0.0.1 or http://localhost", http.StatusForbidden)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		if scheme, cred, ok := strings.Cut(r.Header.Get("Authorization"), " "); ok && strings.EqualFold(scheme, "Bearer") && equal(cred, s.o.Token) {
			next.ServeHTTP(w, r)
			return
		}
		if c, err := r.Cookie(cookieName); err == nil && equal(c.Value, s.cookie) {
			next.ServeHTTP(w, r)
			return
		}
		q := r.URL.Query()
		if tok := q.Get("token"); tok != "" && r.Method == http.MethodGet && equal(tok, s.o.Token) {
			http.SetCookie(w, &http.Cookie{
				Name:     cookieName,
				Value:    s.cookie,
				Path:     "/",
				HttpOnly: true,
				SameSite: http.SameSiteStrictMode,
			})
			q.Del("token")
			u := *r.URL
			u.RawQuery = q.Encode()
			http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="mailsift review"`)
		http.Error(w, "401 unauthorized: this review server needs its token (open the URL with ?token=TOKEN, or send Authorization: Bearer TOKEN)", http.StatusUnauthorized)
	})
}

// equal compares secrets in constant time; hashing first hides the length
// too.
func equal(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

// cookieValue derives the session cookie from the token, so that the
// cookie jar does not hold the token itself.
func cookieValue(token string) string {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte("mailsift review session"))
	return hex.EncodeToString(m.Sum(nil))
}
