package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"jixiao/example"
)

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t, true)
	for _, path := range []string{"/", exBase, "/import", "/nope", "/static/style.css"} {
		res, _ := e.get(t, path)
		for k, v := range securityHeaders {
			if got := res.Header.Get(k); got != v {
				t.Errorf("GET %s: %s = %q, want %q", path, k, got, v)
			}
		}
	}
	res, _ := e.get(t, "/")
	if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Error("CSP without frame-ancestors")
	}
}

func TestCSRFCookie(t *testing.T) {
	e := newEnv(t, false)
	cookie, token := e.formToken(t)
	if cookie.Value != token {
		t.Error("form token differs from cookie")
	}
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/" {
		t.Errorf("cookie attributes: %+v", cookie)
	}
	// A browser that has the cookie keeps it: no new cookie, same token.
	r := httptest.NewRequest(http.MethodGet, "/import", nil)
	r.AddCookie(cookie)
	res, body := e.do(t, r)
	if len(res.Cookies()) != 0 {
		t.Error("cookie set again though the browser had one")
	}
	mustContain(t, body, `value="`+token+`"`)
	// Two visitors get different tokens.
	if _, other := e.formToken(t); other == token {
		t.Error("token repeated")
	}
}

// TestCSRFRefused: every way of posting without proof of origin is a 403
// and stores nothing.
func TestCSRFRefused(t *testing.T) {
	e := newEnv(t, false)
	cookie, token := e.formToken(t)
	file := upload{example.Name, example.Laoting}
	cases := []struct {
		name string
		req  func() *http.Request
	}{
		{"no token, no cookie", func() *http.Request { return importRequest(t, "", file) }},
		{"token, no cookie", func() *http.Request { return importRequest(t, token, file) }},
		{"cookie, no token", func() *http.Request {
			r := importRequest(t, "", file)
			r.AddCookie(cookie)
			return r
		}},
		{"cookie, wrong token", func() *http.Request {
			r := importRequest(t, strings.Repeat("A", len(token)), file)
			r.AddCookie(cookie)
			return r
		}},
		{"valid token, foreign Origin", func() *http.Request {
			r := importRequest(t, token, file)
			r.AddCookie(cookie)
			r.Header.Set("Origin", "https://evil.example")
			return r
		}},
		{"valid token, foreign Referer", func() *http.Request {
			r := importRequest(t, token, file)
			r.AddCookie(cookie)
			r.Header.Set("Referer", "https://evil.example/page")
			return r
		}},
		{"valid token, Origin null", func() *http.Request {
			r := importRequest(t, token, file)
			r.AddCookie(cookie)
			r.Header.Set("Origin", "null")
			return r
		}},
		{"urlencoded without token", func() *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/import", strings.NewReader("x=1"))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			r.AddCookie(cookie)
			return r
		}},
	}
	for _, c := range cases {
		res, body := e.do(t, c.req())
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", c.name, res.StatusCode)
		}
		mustContain(t, body, "请求被拒绝")
	}
	docs, err := e.st.Documents(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 0 {
		t.Errorf("refused posts stored %d documents", len(docs))
	}
	// The same request with the token from the same origin goes through.
	r := importRequest(t, token, file)
	r.AddCookie(cookie)
	r.Header.Set("Referer", "http://"+r.Host+"/import")
	if res, body := e.do(t, r); res.StatusCode != http.StatusOK {
		t.Errorf("valid post: %d\n%s", res.StatusCode, body)
	}
}

func TestStatic(t *testing.T) {
	e := newEnv(t, false)
	_, page := e.get(t, "/import")
	url := assetURL("style.css")
	if !strings.Contains(page, `href="`+url+`"`) {
		t.Fatalf("page does not link %s", url)
	}
	res, body := e.get(t, url)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("GET %s: %d %s", url, res.StatusCode, res.Header.Get("Content-Type"))
	}
	if !strings.Contains(res.Header.Get("Cache-Control"), "max-age=31536000") {
		t.Errorf("versioned asset Cache-Control %q", res.Header.Get("Cache-Control"))
	}
	if !strings.Contains(body, "@media print") {
		t.Error("stylesheet has no print rules")
	}
	// Unversioned: revalidate; a matching ETag gives 304.
	res, _ = e.get(t, "/static/style.css")
	if !strings.Contains(res.Header.Get("Cache-Control"), "must-revalidate") {
		t.Errorf("unversioned Cache-Control %q", res.Header.Get("Cache-Control"))
	}
	r := httptest.NewRequest(http.MethodGet, "/static/style.css", nil)
	r.Header.Set("If-None-Match", res.Header.Get("ETag"))
	if res, _ := e.do(t, r); res.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", res.StatusCode)
	}
}
