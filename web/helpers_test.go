package web

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/internal/fixture"
	"jixiao/store"
)

// The example document's identity and a project of it used across tests.
const (
	exUnit     = "414001"
	exYear     = 2024
	exBase     = "/units/414001/2024"
	officeCode = "13022524P00260210037A" // 办公楼运维费
)

// env is a handler over a real SQLite store in a temporary directory.
// Requests go out as the signed-in editor of the example's unit unless
// they carry a session cookie of their own (or are sent with raw).
type env struct {
	st      *store.Store
	h       http.Handler
	s       *server
	session *http.Cookie
}

// testPassword is every test user's password.
const testPassword = "测试密码Abc123"

var testHash = sync.OnceValue(func() string {
	h, err := auth.HashPassword(testPassword)
	if err != nil {
		panic(err)
	}
	return h
})

// user creates an account (password testPassword) and returns it.
func (e *env) user(t testing.TB, name string, role auth.Role, units ...string) *auth.User {
	t.Helper()
	u, err := e.st.CreateUser(context.Background(), auth.User{Name: name, Display: name, Role: role, Units: units,
		PasswordHash: testHash()}, "test")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// login creates the account and a session for it, returning the cookie a
// browser would hold.
func (e *env) login(t testing.TB, name string, role auth.Role, units ...string) *http.Cookie {
	t.Helper()
	u := e.user(t, name, role, units...)
	return e.sessionFor(t, u)
}

func (e *env) sessionFor(t testing.TB, u *auth.User) *http.Cookie {
	t.Helper()
	tok, err := e.st.CreateSession(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Cookie{Name: SessionCookie, Value: tok}
}

// newEnv opens a fresh store; with load, the example document is saved.
func newEnv(t testing.TB, load bool) *env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{SQLite: filepath.Join(t.TempDir(), "jixiao.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if load {
		if _, err := st.SaveDocuments(ctx, []*jixiao.Document{fixture.Example(t)}, "test"); err != nil {
			t.Fatal(err)
		}
	}
	srv := newServer(st, Options{})
	e := &env{st: st, h: srv, s: srv}
	e.session = e.login(t, "editor", auth.Editor, exUnit)
	return e
}

// get performs a GET and returns the response and its body.
func (e *env) get(t testing.TB, path string) (*http.Response, string) {
	t.Helper()
	return e.do(t, httptest.NewRequest(http.MethodGet, path, nil))
}

func (e *env) do(t testing.TB, r *http.Request) (*http.Response, string) {
	t.Helper()
	if _, err := r.Cookie(SessionCookie); err != nil && e.session != nil {
		r.AddCookie(e.session)
	}
	return e.raw(t, r)
}

// raw performs the request as it is: without a session it is anonymous.
func (e *env) raw(t testing.TB, r *http.Request) (*http.Response, string) {
	t.Helper()
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// formToken opens the password form, which every signed-in user has,
// and returns the CSRF cookie it set and the token in its hidden field,
// as a browser would see them.
func (e *env) formToken(t testing.TB) (*http.Cookie, string) {
	t.Helper()
	res, body := e.get(t, "/account/password")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /account/password: %d", res.StatusCode)
	}
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == csrfCookie {
			cookie = c
		}
	}
	m := csrfInput.FindStringSubmatch(body)
	if cookie == nil || m == nil {
		t.Fatalf("password form without CSRF cookie or field:\n%s", body)
	}
	return cookie, m[1]
}

// upload is one file of a multipart upload.
type upload struct {
	name string
	data []byte
}

// importRequest builds a multipart POST /import with the given token field
// ("" leaves it out) and files.
func importRequest(t testing.TB, token string, files ...upload) *http.Request {
	return uploadRequest(t, "/import", importField, token, files...)
}

// uploadRequest builds a multipart POST to path with the token field (""
// leaves it out) and the files under the form field.
func uploadRequest(t testing.TB, path, field, token string, files ...upload) *http.Request {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if token != "" {
		mw.WriteField(csrfField, token)
	}
	for _, f := range files {
		fw, err := mw.CreateFormFile(field, f.name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(f.data)
	}
	mw.Close()
	r := httptest.NewRequest(http.MethodPost, path, &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return r
}

// post sends an import with a valid cookie and token, from the same origin.
func (e *env) post(t testing.TB, files ...upload) (*http.Response, string) {
	t.Helper()
	cookie, token := e.formToken(t)
	r := importRequest(t, token, files...)
	r.AddCookie(cookie)
	r.Header.Set("Origin", "http://"+r.Host)
	return e.do(t, r)
}

// counts returns the row count of every table of the store.
func (e *env) counts(t testing.TB) map[string]int64 {
	t.Helper()
	c, err := e.st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// mustContain fails for every want missing from body.
func mustContain(t testing.TB, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}
