// Package web is the browser interface of jixiao, in Chinese: sign-in,
// the list of documents a user may see, a department's page with its
// review state, each project's goal table with its review findings and
// edit form, the printable review opinion, the file import, the audit
// trail, the public disclosure pages and the JSON API. Pages are rendered
// on the server with html/template; templates and static files are
// embedded so the binary is all that is deployed. Every route, with the
// right it needs, is in one table (routes.go).
package web

import (
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"jixiao/auth"
	"jixiao/store"
)

// Options tune the handler. The zero value is usable.
type Options struct {
	// Logger receives server errors and refused requests; nil discards them.
	Logger *slog.Logger
	// SecureCookies marks cookies Secure (and names the session cookie
	// with the __Host- prefix) even on plain HTTP requests, for a server
	// behind a TLS-terminating proxy.
	SecureCookies bool
	// Settings are the lock-out and session limits; zero means
	// auth.DefaultSettings.
	Settings auth.Settings
	// CachedDocuments bounds how many loaded and reviewed documents are
	// kept in memory for the pages (default 64), CachedPageBytes the bytes
	// of rendered department, project and monitoring pages, kept
	// compressed (default 64 MB, a province's pages). Both are keyed by
	// the document's revision, which every write raises, so a cached value
	// is never shown after the data changed. A negative value turns the
	// cache off.
	CachedDocuments int
	CachedPageBytes int64
	// TrustedProxies are the reverse proxies (nginx in front of the
	// server) whose X-Forwarded-For header is believed: behind them every
	// connection comes from the proxy, so without this the login rate
	// limit would count all users as one. A peer outside them cannot set
	// the client address (clientaddr.go).
	TrustedProxies []netip.Prefix
}

// server holds what every handler needs.
type server struct {
	st       *store.Store
	log      *slog.Logger
	tmpl     *templates
	opt      Options
	settings auth.Settings
	// limiter bounds sign-in attempts per client address and per user name.
	limiter *limiter
	mux     *http.ServeMux
	handler http.Handler
	// docs caches documents with their review by revision; pages caches
	// rendered pages by revision, URL and user (pagecache.go).
	docs  *lru[docKey, *docView]
	pages *lru[pageKey, *cachedPage]
	// ledgers caches a document's work records with its indicators
	// counted from them, by revision and date (ledger.go).
	ledgers *lru[ledgerKey, *ledgerSet]
	// checks reads the sessions and revisions of concurrent page requests
	// together (pagecheck.go).
	checks *checker
	// csrfMark stands for the CSRF token in cached pages: random per
	// server, of a token's shape, replaced by each request's own token.
	csrfMark string
}

// New returns the web interface over st, with security headers, CSRF
// protection and authorization applied to every route.
func New(st *store.Store, opt Options) http.Handler {
	return newServer(st, opt)
}

func newServer(st *store.Store, opt Options) *server {
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	set := opt.Settings
	if set == (auth.Settings{}) {
		set = auth.DefaultSettings
	}
	s := &server{st: st, log: log, tmpl: mustParseTemplates(), opt: opt, settings: set,
		limiter:  newLimiter(10, 3*time.Second, 10000),
		docs:     newLRU[docKey, *docView](cacheSize(opt.CachedDocuments, defaultCachedDocuments)),
		ledgers:  newLRU[ledgerKey, *ledgerSet](cacheSize(opt.CachedDocuments, defaultCachedDocuments)),
		pages:    newSizedLRU[pageKey](cacheSize(opt.CachedPageBytes, defaultCachedPageBytes), pageSize),
		csrfMark: newToken()}
	s.checks = &checker{st: st, set: set}
	s.mux = s.buildMux(s.routes())
	s.handler = s.protect(s.mux)
	return s
}

// cacheSize is the bound of a cache: n, the default for 0, none below 0.
func cacheSize[N int | int64](n, def N) N {
	if n == 0 {
		return def
	}
	return n
}

// ServeHTTP makes the server an http.Handler.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }
