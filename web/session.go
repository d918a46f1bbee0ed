package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/auth"
	"jixiao/store"
)

// Session cookie names: with TLS (or --secure-cookies behind a TLS proxy)
// the __Host- prefix makes the browser refuse the cookie unless it is
// Secure, for the whole host and path /, so no subdomain can plant one.
const (
	// SessionCookie names the session cookie on plain HTTP (on TLS the
	// __Host- form is used), for clients such as the benchmark that sign in
	// with a session made in the store.
	SessionCookie       = "jixiao_session"
	secureSessionCookie = "__Host-jixiao_session"
)

const userKey ctxKey = 1

// revisionKey holds the docKey resolvePage read with the session.
const revisionKey ctxKey = 2

// currentUser is the signed-in user of the request, nil for the public.
func currentUser(r *http.Request) *auth.User {
	u, _ := r.Context().Value(userKey).(*auth.User)
	return u
}

// secure reports whether cookies of the request must be Secure.
func (s *server) secure(r *http.Request) bool { return r.TLS != nil || s.opt.SecureCookies }

func (s *server) cookieName(r *http.Request) string {
	if s.secure(r) {
		return secureSessionCookie
	}
	return SessionCookie
}

// sessionToken is the session cookie's value, "" when there is none.
func (s *server) sessionToken(r *http.Request) string {
	c, err := r.Cookie(s.cookieName(r))
	if err != nil {
		return ""
	}
	return c.Value
}

// resolveUser finds who is asking: on the API only a bearer token counts
// (cookies are ignored there, so a browser cannot be made to call it);
// elsewhere the session cookie. An unknown or ended session is the public.
func (s *server) resolveUser(r *http.Request) (*auth.User, error) {
	ctx := r.Context()
	if isAPI(r.URL.Path) {
		h := r.Header.Get("Authorization")
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || tok == "" {
			return nil, nil
		}
		u, err := s.st.UserByToken(ctx, strings.TrimSpace(tok))
		if errors.Is(err, jixiao.ErrNotFound) {
			return nil, nil
		}
		return u, err
	}
	tok := s.sessionToken(r)
	if tok == "" {
		return nil, nil
	}
	u, err := s.st.SessionByToken(ctx, tok, s.settings)
	if errors.Is(err, jixiao.ErrNotFound) {
		return nil, nil
	}
	return u, err
}

// resolvePage is resolveUser for a page of a signed-in browser: when the
// request reads a document's page (GET /units/{unit}/{year}…), the
// session and the document's revision are read in one statement, shared
// on PostgreSQL with the requests that arrive at the same time
// (pagecheck.go), and the revision is returned with the context for
// docRevision: a cached page then costs at most one round trip to the
// database. Read after the request arrived and before the handler runs, the
// revision is at least as old as anything the handler then reads, which
// is all the caches need (document.go).
func (s *server) resolvePage(r *http.Request) (*auth.User, context.Context, error) {
	ctx := r.Context()
	k, isDoc := docPathKey(r)
	tok := s.sessionToken(r)
	if !isDoc || tok == "" || !safeMethod(r.Method) {
		u, err := s.resolveUser(r)
		return u, ctx, err
	}
	st, err := s.checks.check(ctx, store.PageCheck{Token: tok, Key: k})
	if err != nil || st.User == nil || !st.HasDoc {
		return st.User, ctx, err
	}
	return st.User, context.WithValue(ctx, revisionKey, docKey{key: k, rev: st.Rev}), nil
}

// docPathKey is the document a /units/{unit}/{year} path names.
func docPathKey(r *http.Request) (jixiao.Key, bool) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/units/")
	if !ok {
		return jixiao.Key{}, false
	}
	unit, rest, _ := strings.Cut(rest, "/")
	yearText, _, _ := strings.Cut(rest, "/")
	year, err := strconv.Atoi(yearText)
	if unit == "" || err != nil || year < 1900 || year > 9999 {
		return jixiao.Key{}, false
	}
	return jixiao.Key{Unit: unit, Year: year}, true
}

// prefetchedRevision is the revision resolvePage read for document k, if
// it read one.
func prefetchedRevision(r *http.Request, k jixiao.Key) (docKey, bool) {
	dk, ok := r.Context().Value(revisionKey).(docKey)
	return dk, ok && dk.key == k
}

func withUser(ctx context.Context, u *auth.User) context.Context {
	return context.WithValue(ctx, userKey, u)
}

// setSession sends the session cookie; an empty token clears it.
func (s *server) setSession(w http.ResponseWriter, r *http.Request, token string) {
	c := &http.Cookie{
		Name:     s.cookieName(r),
		Value:    token,
		Path:     "/",
		HttpOnly: true,
		Secure:   s.secure(r),
		SameSite: http.SameSiteLaxMode,
	}
	if token == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// loginData is the sign-in form.
type loginData struct {
	Name, Next, Error string
}

// safeNext keeps a redirect target inside this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.HasPrefix(next, "/login") {
		return "/"
	}
	return next
}

func queryEscape(s string) string { return url.QueryEscape(s) }

// loginForm shows the sign-in form.
func (s *server) loginForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login.html", loginData{Next: safeNext(r.URL.Query().Get("next"))})
}

// loginPost checks the name and password under the rate limit and the
// account lock-out, then starts a fresh session (a session token from
// before signing in is never reused).
func (s *server) loginPost(w http.ResponseWriter, r *http.Request) {
	d := loginData{Name: strings.TrimSpace(r.PostFormValue("username")), Next: safeNext(r.PostFormValue("next"))}
	ip := s.clientIP(r)
	if !s.limiter.allow("ip:"+ip) || !s.limiter.allow("user:"+strings.ToLower(d.Name)) {
		s.log.Warn("登录过于频繁", "ip", ip, "user", d.Name)
		w.Header().Set("Retry-After", "60")
		d.Error = "登录尝试过于频繁，请稍候一分钟再试。"
		s.render(w, r, http.StatusTooManyRequests, "login.html", d)
		return
	}
	u, err := s.st.Login(r.Context(), d.Name, r.PostFormValue("password"), s.settings)
	var locked *store.LockedError
	switch {
	case errors.As(err, &locked):
		d.Error = locked.Error() + "。如需立即解锁，请联系系统管理员。"
		s.render(w, r, http.StatusLocked, "login.html", d)
		return
	case errors.Is(err, store.ErrBadLogin):
		d.Error = "用户名或密码不对，请重新输入。连续输错多次账户将被锁定。"
		s.render(w, r, http.StatusUnauthorized, "login.html", d)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	if old := s.sessionToken(r); old != "" {
		s.st.DeleteSession(r.Context(), old)
	}
	tok, err := s.st.CreateSession(r.Context(), u.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.setSession(w, r, tok)
	s.log.Info("登录", "user", u.Name, "ip", ip)
	if u.MustChange {
		http.Redirect(w, r, "/account/password", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, d.Next, http.StatusSeeOther)
}

// logout ends the session.
func (s *server) logout(w http.ResponseWriter, r *http.Request) {
	if tok := s.sessionToken(r); tok != "" {
		if err := s.st.DeleteSession(r.Context(), tok); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.setSession(w, r, "")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// passwordData is the change-password form.
type passwordData struct {
	Must  bool
	Error string
	Done  bool
}

// passwordForm asks for the current and a new password; a user whose
// password was set by an administrator lands here first.
func (s *server) passwordForm(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	s.render(w, r, http.StatusOK, "password.html", passwordData{Must: u.MustChange, Done: r.URL.Query().Get("done") == "1"})
}

// passwordPost changes the password. Changing it ends every session of
// the user, so a new one is started for this browser.
func (s *server) passwordPost(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	d := passwordData{Must: u.MustChange}
	cur, pw, again := r.PostFormValue("current"), r.PostFormValue("new"), r.PostFormValue("again")
	if ok, err := auth.CheckPassword(u.PasswordHash, cur); err != nil || !ok {
		d.Error = "当前密码不对。"
	} else if pw != again {
		d.Error = "两次输入的新密码不一致。"
	} else if pw == cur {
		d.Error = "新密码不能与当前密码相同。"
	} else if err := auth.CheckPolicy(u.Name, pw); err != nil {
		d.Error = err.Error() + "。"
	}
	if d.Error != "" {
		s.render(w, r, http.StatusUnprocessableEntity, "password.html", d)
		return
	}
	hash, err := auth.HashPassword(pw)
	if err == nil {
		err = s.st.UpdatePassword(r.Context(), u.Name, hash, false, u.Name)
	}
	var tok string
	if err == nil {
		tok, err = s.st.CreateSession(r.Context(), u.ID)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.setSession(w, r, tok)
	http.Redirect(w, r, "/account/password?done=1", http.StatusSeeOther)
}
