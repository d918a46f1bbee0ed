package web

import (
	"bytes"
	"errors"
	"net/http"

	"jixiao"
)

// errorData is shown by the error page.
type errorData struct {
	Title   string
	Message string
	Status  int
	// Import marks errors of an import, where the page says plainly that
	// nothing was stored and links back to the form.
	Import bool
	// Link, when set, is where to go to resolve the error.
	Link, LinkText string
}

// errorPage renders a Chinese error page with the given status. If even the
// template fails, a plain-text message goes out instead.
func (s *server) errorPage(w http.ResponseWriter, r *http.Request, status int, title, msg string) {
	s.renderError(w, r, errorData{Title: title, Message: msg, Status: status})
}

func (s *server) renderError(w http.ResponseWriter, r *http.Request, d errorData) {
	t, ok := s.tmpl.pages["error.html"]
	if ok {
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, "layout.html", view{CSRF: csrfToken(r), Page: d, User: currentUser(r)}); err == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(d.Status)
			w.Write(buf.Bytes())
			return
		}
	}
	http.Error(w, d.Title+"："+d.Message, d.Status)
}

// notFound answers 404 with a page saying what was not found.
func (s *server) notFound(w http.ResponseWriter, r *http.Request, what string) {
	s.errorPage(w, r, http.StatusNotFound, "未找到", what)
}

// unknown answers every path no route matches.
func (s *server) unknown(w http.ResponseWriter, r *http.Request) {
	s.notFound(w, r, "没有这个页面："+r.URL.Path)
}

// serverError logs err and shows a generic message: details of a failure
// stay in the log, not in front of the user.
func (s *server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("服务器错误", "method", r.Method, "path", r.URL.Path, "err", err)
	s.errorPage(w, r, http.StatusInternalServerError, "服务器内部错误", "系统出现内部错误，已记录。请稍后重试；如果问题持续，请联系系统管理员。")
}

// failed maps a store error to a response: ErrNotFound → 404 naming what
// was sought, anything else → 500.
func (s *server) failed(w http.ResponseWriter, r *http.Request, err error, what string) {
	if errors.Is(err, jixiao.ErrNotFound) {
		s.notFound(w, r, what)
		return
	}
	s.serverError(w, r, err)
}
