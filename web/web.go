// Package web is the browser interface of jixiao, in Chinese: the list of
// documents, a department's page, each project's goal table with its review
// findings, the printable review opinion and the file import. Pages are
// rendered on the server with html/template; templates and static files are
// embedded so the binary is all that is deployed.
package web

import (
	"log/slog"
	"net/http"

	"jixiao/store"
)

// Options tune the handler. The zero value is usable.
type Options struct {
	// Logger receives server errors and refused requests; nil discards them.
	Logger *slog.Logger
}

// server holds what every handler needs.
type server struct {
	st   *store.Store
	log  *slog.Logger
	tmpl *templates
}

// New returns the web interface over st, with security headers and CSRF
// protection applied to every route.
func New(st *store.Store, opt Options) http.Handler {
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &server{st: st, log: log, tmpl: mustParseTemplates()}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /units/{unit}/{year}", s.unitPage)
	mux.HandleFunc("GET /units/{unit}/{year}/projects/{code}", s.projectPage)
	mux.HandleFunc("GET /units/{unit}/{year}/review", s.reviewPage)
	mux.HandleFunc("GET /units/{unit}/{year}/evaluation", s.evaluationSummary)
	mux.HandleFunc("GET /units/{unit}/{year}/projects/{code}/evaluation", s.evaluationPage)
	mux.HandleFunc("POST /units/{unit}/{year}/projects/{code}/evaluation", s.evaluationPost)
	mux.HandleFunc("GET /units/{unit}/{year}/projects/{code}/evaluation/form", s.evaluationForm)
	mux.HandleFunc("GET /units/{unit}/{year}/monitor", s.monitorPage)
	mux.HandleFunc("GET /units/{unit}/{year}/projects/{code}/monitor", s.projectMonitorPage)
	mux.HandleFunc("POST /units/{unit}/{year}/projects/{code}/monitor/spending", s.spendingPost)
	mux.HandleFunc("POST /units/{unit}/{year}/projects/{code}/monitor/progress", s.progressPost)
	mux.HandleFunc("GET /units/{unit}/{year}/projects/{code}/monitor/form", s.monitorFormPage)
	mux.HandleFunc("GET /units/{unit}/{year}/projects/{code}/monitor/form.xlsx", s.monitorFormXLSX)
	s.downloadRoutes(mux)
	mux.HandleFunc("GET /import", s.importForm)
	mux.HandleFunc("POST /import", s.importPost)
	mux.HandleFunc("GET /static/", s.static)
	mux.HandleFunc("/", s.unknown)
	return s.protect(mux)
}
