package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"jixiao/auth"
	"jixiao/internal/fixture"
)

// loginPost submits the login form from a fresh browser.
func (e *env) loginPost(t testing.TB, name, password, ip string) (*http.Response, string) {
	t.Helper()
	cookie, token := e.formToken(t)
	v := url.Values{csrfField: {token}, "username": {name}, "password": {password}, "next": {"/import"}}
	r := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(v.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.AddCookie(cookie)
	if ip != "" {
		r.RemoteAddr = ip + ":1234"
	}
	return e.raw(t, r)
}

func TestLoginLogout(t *testing.T) {
	e := newEnv(t, true)
	// Anonymous: sent to sign in, with the page to come back to.
	res, _ := e.getAs(t, nil, exBase)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login?next="+url.QueryEscape(exBase) {
		t.Fatalf("anonymous: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, body := e.loginPost(t, "editor", "wrong password 1A", "")
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码不对") {
		t.Fatalf("wrong password: %d", res.StatusCode)
	}
	res, _ = e.loginPost(t, "editor", testPassword, "")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/import" {
		t.Fatalf("login: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	var sess *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == SessionCookie {
			sess = c
		}
	}
	if sess == nil || !sess.HttpOnly || sess.SameSite != http.SameSiteLaxMode || sess.Path != "/" || sess.Secure {
		t.Fatalf("session cookie %+v", sess)
	}
	if res, body := e.getAs(t, sess, exBase); res.StatusCode != http.StatusOK || !strings.Contains(body, "editor（部门填报人员）") {
		t.Fatalf("with session: %d", res.StatusCode)
	}
	// Logout ends the session on the server, not just in the browser.
	if res, _ := e.postAs(t, sess, "/logout", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatal("logout", res.StatusCode)
	}
	if res, _ := e.getAs(t, sess, exBase); res.StatusCode != http.StatusSeeOther {
		t.Errorf("session still valid after logout: %d", res.StatusCode)
	}
	// An open redirect is not possible.
	if safeNext("//evil.example/") != "/" || safeNext("https://evil.example") != "/" || safeNext("/units") != "/units" {
		t.Error("safeNext")
	}
}

func TestSecureCookieName(t *testing.T) {
	e := newEnv(t, false)
	s := newServer(e.st, Options{SecureCookies: true})
	cookie, token := e.formToken(t)
	v := url.Values{csrfField: {token}, "username": {"editor"}, "password": {testPassword}}
	r := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(v.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.AddCookie(cookie)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	var got *http.Cookie
	for _, c := range w.Result().Cookies() {
		if strings.Contains(c.Name, "session") {
			got = c
		}
	}
	if got == nil || got.Name != "__Host-jixiao_session" || !got.Secure || !got.HttpOnly || got.Path != "/" || got.Domain != "" {
		t.Fatalf("secure session cookie %+v (status %d)", got, w.Code)
	}
}

func TestLockout(t *testing.T) {
	e := newEnv(t, false)
	for i := 0; i < auth.DefaultSettings.MaxFailures-1; i++ {
		if res, _ := e.loginPost(t, "editor", "wrong password 1A", "10.0.0.1"); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, res.StatusCode)
		}
	}
	res, body := e.loginPost(t, "editor", "wrong password 1A", "10.0.0.2")
	if res.StatusCode != http.StatusLocked || !strings.Contains(body, "登录失败次数过多，账户已锁定") || !strings.Contains(body, "分钟后再试") {
		t.Fatalf("lock-out: %d\n%s", res.StatusCode, body)
	}
	// Even the right password is refused while locked.
	if res, body := e.loginPost(t, "editor", testPassword, "10.0.0.3"); res.StatusCode != http.StatusLocked || !strings.Contains(body, "账户已锁定") {
		t.Errorf("right password while locked: %d", res.StatusCode)
	}
}

func TestLoginRateLimit(t *testing.T) {
	e := newEnv(t, false)
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	e.s.limiter.now = func() time.Time { return at }
	// Unknown names, so no account locks: only the rate limit answers.
	limited := 0
	for i := 0; i < 12; i++ {
		res, body := e.loginPost(t, "nobody"+string(rune('a'+i)), "x", "10.1.1.1")
		if res.StatusCode == http.StatusTooManyRequests {
			limited++
			mustContain(t, body, "登录尝试过于频繁")
		}
	}
	if limited != 2 {
		t.Errorf("%d of 12 tries from one address limited, want 2 (burst 10)", limited)
	}
	// Another address is not affected; time refills the bucket.
	if res, _ := e.loginPost(t, "someone", "x", "10.1.1.2"); res.StatusCode == http.StatusTooManyRequests {
		t.Error("another address limited")
	}
	at = at.Add(time.Minute)
	if res, _ := e.loginPost(t, "someone2", "x", "10.1.1.1"); res.StatusCode == http.StatusTooManyRequests {
		t.Error("not refilled after a minute")
	}
	// Per user name too, across addresses.
	for i := 0; i < 10; i++ {
		e.loginPost(t, "target", "x", "10.2.0."+string(rune('0'+i)))
	}
	if res, _ := e.loginPost(t, "target", "x", "10.3.0.1"); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("user name not limited: %d", res.StatusCode)
	}
}

func TestLimiterBounded(t *testing.T) {
	l := newLimiter(2, time.Second, 100)
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	l.now = func() time.Time { return at }
	for i := 0; i < 1000; i++ {
		at = at.Add(time.Millisecond)
		l.allow(string(rune(0x4e00 + i)))
		if l.size() > 100 {
			t.Fatalf("%d keys kept", l.size())
		}
	}
	if !l.allow("a") || !l.allow("a") || l.allow("a") {
		t.Error("burst of 2")
	}
}

func TestMustChangePassword(t *testing.T) {
	e := newEnv(t, false)
	admin := e.login(t, "admin", auth.Admin)
	res, body := e.postAs(t, admin, "/admin/users", url.Values{"username": {"zhang"}, "display": {"张三"}, "role": {"editor"}, "units": {"414001"}})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("add user: %d\n%s", res.StatusCode, body)
	}
	m := oneTime.FindStringSubmatch(body)
	if m != nil {
		m[1] = htmlUnescape(m[1])
	}
	if m == nil {
		t.Fatal("no one-time password shown")
	}
	res, _ = e.loginPost(t, "zhang", m[1], "")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/account/password" {
		t.Fatalf("first login: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	sess := res.Cookies()[len(res.Cookies())-1]
	if res, _ := e.getAs(t, sess, "/"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/account/password" {
		t.Errorf("must change first: %d", res.StatusCode)
	}
	res, body = e.postAs(t, sess, "/account/password", url.Values{"current": {m[1]}, "new": {"short"}, "again": {"short"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "密码太短") {
		t.Errorf("weak password: %d", res.StatusCode)
	}
	res, _ = e.postAs(t, sess, "/account/password", url.Values{"current": {m[1]}, "new": {"新的密码Abc123"}, "again": {"新的密码Abc123"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", res.StatusCode)
	}
	var fresh *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == SessionCookie {
			fresh = c
		}
	}
	if res, _ := e.getAs(t, fresh, "/"); res.StatusCode != http.StatusOK {
		t.Errorf("after change: %d", res.StatusCode)
	}
	// Disable, then the session is gone and login refused.
	if res, _ := e.postAs(t, admin, "/admin/users/zhang/disable", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatal("disable")
	}
	if res, _ := e.getAs(t, fresh, "/"); res.StatusCode != http.StatusSeeOther {
		t.Error("disabled user's session still works")
	}
	// An editor cannot reach the admin pages.
	if res, _ := e.getAs(t, e.session, "/admin/users"); res.StatusCode != http.StatusForbidden {
		t.Error("editor reached user admin")
	}
}

// TestAPITokens: a token made on the page works once shown, reads only
// what its user may, imports with the page's rules, and stops when revoked.
func TestAPITokens(t *testing.T) {
	e := newEnv(t, true)
	res, body := e.postAs(t, e.session, "/account/tokens", url.Values{"name": {"预算系统"}})
	m := tokenShown.FindStringSubmatch(body)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("create token: %d", res.StatusCode)
	}
	tok := m[1]
	api := func(method, path, token string, body []byte) (*http.Response, string) {
		r := httptest.NewRequest(method, path, bytes.NewReader(body))
		if token != "" {
			r.Header.Set("Authorization", "Bearer "+token)
		}
		return e.raw(t, r)
	}
	res, body = api("GET", "/api/v1/documents", tok, nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `"unit": "414001"`) || !strings.Contains(body, `"goals_state": "draft"`) {
		t.Fatalf("documents: %d %s", res.StatusCode, body)
	}
	for _, p := range []string{"/api/v1/units/414001/2024", "/api/v1/units/414001/2024/review", "/api/v1/units/414001/2024/monitor?as_of=2024-07-31", "/api/v1/units/414001/2024/evaluation"} {
		if res, body := api("GET", p, tok, nil); res.StatusCode != http.StatusOK || !json.Valid([]byte(body)) {
			t.Errorf("GET %s: %d", p, res.StatusCode)
		}
	}
	res, body = api("GET", "/api/v1/units/414001/2024", "", nil)
	var msg map[string]string
	if res.StatusCode != http.StatusUnauthorized || json.Unmarshal([]byte(body), &msg) != nil || !strings.Contains(msg["error"], "令牌") {
		t.Errorf("no token: %d %s", res.StatusCode, body)
	}
	// A session cookie does not count on the API.
	r := httptest.NewRequest("GET", "/api/v1/documents", nil)
	r.AddCookie(e.session)
	if res, _ := e.raw(t, r); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("cookie on the API: %d", res.StatusCode)
	}
	// Import: own unit yes (no CSRF token needed with a bearer token), other unit no.
	doc := fixture.Example(t)
	doc.Projects[0].Purpose = "接口修改的用途"
	if res, body := api("POST", "/api/v1/import", tok, encodeDoc(t, doc)); res.StatusCode != http.StatusOK || !strings.Contains(body, "changes") {
		t.Errorf("import: %d %s", res.StatusCode, body)
	}
	doc.Unit.Code = "999999"
	if res, body := api("POST", "/api/v1/import", tok, encodeDoc(t, doc)); res.StatusCode != http.StatusForbidden || !strings.Contains(body, "无权修改单位 999999") {
		t.Errorf("import of another unit: %d %s", res.StatusCode, body)
	}
	if res, _ := api("GET", "/api/v1/units/999999/2024", tok, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("other unit: %d", res.StatusCode)
	}
	if res, body := api("GET", "/api/openapi.json", "", nil); res.StatusCode != http.StatusOK || !strings.Contains(body, `"openapi": "3.0.3"`) {
		t.Errorf("openapi: %d", res.StatusCode)
	}
	// Revoke: the token stops working.
	ts, _ := e.st.Tokens(t.Context(), 1)
	if len(ts) != 1 {
		t.Fatalf("tokens %v", ts)
	}
	if res, _ := e.postAs(t, e.session, "/account/tokens/"+itoa(ts[0].ID)+"/revoke", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatal("revoke", res.StatusCode)
	}
	if res, _ := api("GET", "/api/v1/documents", tok, nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("revoked token: %d", res.StatusCode)
	}
}
