package web

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"jixiao/auth"
)

// Default bounds of the caches (Options.CachedDocuments, CachedPageBytes).
// 64 MB of compressed pages hold every department, project and monitoring
// page of a province (about 25 MB at 1000 units of 100 projects).
const (
	defaultCachedDocuments = 64
	defaultCachedPageBytes = 64 << 20
)

var errPanicked = errors.New("载入文件时出现内部错误")

// pageKey names one rendered page: the request's path and query, the
// document at the revision it was made from, the signed-in user it was
// made for (every field a page may show or decide on), and what else the
// page depends on that is not in the URL (the default monitoring date).
// Pages are looked up only after the route's authorization has passed,
// and never across users.
type pageKey struct {
	uri   string
	doc   docKey
	user  string
	extra string
}

// cachedPage is a rendered page cut where the CSRF token goes, so each
// response carries its own request's token; the parts are kept
// compressed (gzip.go).
type cachedPage struct {
	parts []gzPart
	size  int64 // bytes held
}

// pageSize is what a cached page costs against Options.CachedPageBytes.
func pageSize(p *cachedPage) int64 { return p.size }

// pageKeyFor is the key of the page r asks for, of document dk.
func pageKeyFor(r *http.Request, dk docKey, extra string) pageKey {
	return pageKey{uri: r.URL.RequestURI(), doc: dk, user: userFingerprint(currentUser(r)), extra: extra}
}

// userFingerprint holds everything of the user that a page shows or that
// decides what it offers: id, names, role, scope and the forced password
// change. A change to any of them is a different key.
func userFingerprint(u *auth.User) string {
	if u == nil {
		return ""
	}
	return strings.Join([]string{strconv.FormatInt(u.ID, 10), u.Name, u.Display, string(u.Role),
		strings.Join(u.Units, "\x01"), strconv.FormatBool(u.MustChange)}, "\x00")
}

// servePage answers from the page cache and reports whether it did.
func (s *server) servePage(w http.ResponseWriter, r *http.Request, k pageKey) bool {
	p, ok := s.pages.lookup(k)
	if !ok {
		return false
	}
	s.writePage(w, r, p)
	return true
}

// renderPage renders a page that depends only on k, keeps it, and sends
// it; a failure is a clean 500 and nothing is kept.
func (s *server) renderPage(w http.ResponseWriter, r *http.Request, k pageKey, name string, data any) {
	body, err := s.execute(name, view{CSRF: s.csrfMark, Page: data, User: currentUser(r)})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	parts, err := compressParts(bytes.Split(body, []byte(s.csrfMark)))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := &cachedPage{parts: parts, size: 64}
	for _, part := range parts {
		p.size += int64(len(part.deflated)) + 48
	}
	s.pages.put(k, p)
	s.writePage(w, r, p)
}

// writePage sends a cached page with the request's CSRF token, with the
// headers render sends, gzip-compressed when the client takes it.
func (s *server) writePage(w http.ResponseWriter, r *http.Request, p *cachedPage) {
	token := []byte(csrfToken(r))
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "Accept-Encoding")
	if !acceptsGzip(r) {
		w.WriteHeader(http.StatusOK)
		writePlain(w, p.parts, token)
		return
	}
	h.Set("Content-Encoding", "gzip")
	h.Set("Content-Length", strconv.Itoa(gzipLen(p.parts, token)))
	w.WriteHeader(http.StatusOK)
	writeGzip(w, p.parts, token)
}
