package review

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os/user"
	"time"
)

// DefaultAddr is where Serve listens when Options.Addr is empty: loopback
// only, so the findings never leave the machine by default.
const DefaultAddr = "127.0.0.1:8080"

// Options configure the review server.
type Options struct {
	// Addr is where Serve listens (DefaultAddr if empty). A non-loopback
	// address needs a Token (CheckAddr).
	Addr string
	// Token, when set, is required on every request: an
	// "Authorization: Bearer TOKEN" header, or ?token=TOKEN once, which
	// sets a cookie. Without a token the server answers only requests
	// whose Host is a loopback name (against DNS rebinding).
	Token string
	// User is who reveals, for the audit log (the --user flag or the OS
	// user name). Empty: the OS user running the server.
	User string
	// AuditLog receives one JSON line per revealed value (see
	// OpenAuditLog). Nil disables reveal: no value is shown unless its
	// showing was recorded.
	AuditLog io.Writer
	// Now is the audit log's clock; nil is time.Now.
	Now func() time.Time
	// Log receives server errors (never a query or a value); nil discards
	// them.
	Log *slog.Logger
}

// server is the site over one Backend.
type server struct {
	b      Backend
	o      Options
	pages  *pages
	audit  *auditLog // nil: reveal disabled
	log    *slog.Logger
	cookie string // the session cookie's value, derived from o.Token
}

// NewHandler returns the whole review site over b: pages, assets and the
// JSON API, behind the token or the loopback Host check.
func NewHandler(b Backend, o Options) (http.Handler, error) {
	if b == nil {
		return nil, errors.New("review: nil Backend")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.User == "" {
		o.User = "unknown"
		if u, err := user.Current(); err == nil && u.Username != "" {
			o.User = u.Username
		}
	}
	s := &server{b: b, o: o, log: o.Log}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if o.AuditLog != nil {
		s.audit = &auditLog{w: o.AuditLog}
	}
	if o.Token != "" {
		s.cookie = cookieValue(o.Token)
	}
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	s.pages = p

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.searchPage)
	mux.HandleFunc("GET /person/{id}", s.personPage)
	mux.HandleFunc("GET /message/{sha256}", s.messagePage)
	mux.HandleFunc("GET /categories", s.categoriesPage)
	mux.Handle("GET /static/", staticHandler())
	mux.HandleFunc("GET /api/search", s.apiSearch)
	// Not "POST /api/reveal": the catch-all below would then answer other
	// methods with a 404 page; reveal answers them 405 itself.
	mux.HandleFunc("/api/reveal", s.apiReveal)
	mux.HandleFunc("/", s.notFound)
	return secure(s.authorize(mux)), nil
}

// Serve listens on o.Addr and serves the review site until ctx is done,
// then shuts down gracefully and returns nil. It refuses a non-loopback
// address without a token (CheckAddr). ready, if not nil, is called with
// the address listened on (useful with port 0) before serving.
func Serve(ctx context.Context, b Backend, o Options, ready func(addr string)) error {
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if err := CheckAddr(o.Addr, o.Token); err != nil {
		return err
	}
	h, err := NewHandler(b, o)
	if err != nil {
		return err
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("review: listen: %w", err)
	}
	// "localhost" is checked by name; make sure it did resolve to loopback.
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && o.Token == "" && !tcp.IP.IsLoopback() {
		ln.Close()
		return fmt.Errorf("review: %s listens on %s, not loopback: use --token or bind 127.0.0.1", o.Addr, tcp.IP)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(handlerOf(o.Log), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr().String())
	}
	select {
	case err := <-errc:
		return fmt.Errorf("review: serve: %w", err)
	case <-ctx.Done():
	}
	// A few seconds for requests in flight (a slow search), then close.
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("review: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("review: serve: %w", err)
	}
	return nil
}

func handlerOf(l *slog.Logger) slog.Handler {
	if l == nil {
		return slog.DiscardHandler
	}
	return l.Handler()
}

// secure sets the headers every answer carries: no script, style or frame
// from elsewhere, no inline script, no sniffing, no referrer (URLs hold
// queries, which may hold values), nothing cached (pages show case data).
func secure(next http.Handler) http.Handler {
	const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
		"form-action 'self'; frame-ancestors 'none'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}
