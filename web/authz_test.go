package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"jixiao/auth"
)

// concrete fills a route pattern with values of the example document.
func concrete(pattern string) string {
	r := strings.NewReplacer("{unit}", exUnit, "{year}", "2024", "{code}", officeCode, "{track}", "goals",
		"{id}", "999999", "{name}", "nobody", "{$}", "")
	return r.Replace(pattern)
}

// TestRouteTableRoles walks the whole route table as every role and checks
// each answer against auth.Can: allowed requests reach their handler
// (whatever it then answers), refused ones get 403, anonymous ones are
// sent to sign in (401 on the API).
func TestRouteTableRoles(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	users := map[string]*auth.User{
		"admin":        e.user(t, "admin", auth.Admin),
		"reviewer":     e.user(t, "reviewer", auth.Reviewer, "4140"),
		"editor-own":   e.user(t, "editor-own", auth.Editor, exUnit),
		"editor-other": e.user(t, "editor-other", auth.Editor, "130201"),
		"viewer":       e.user(t, "viewer", auth.Viewer, exUnit),
		"anonymous":    nil,
	}
	tokens := map[string]string{}
	for name, u := range users {
		if u != nil {
			tok, _, err := e.st.CreateToken(ctx, u.ID, "test", "test")
			if err != nil {
				t.Fatal(err)
			}
			tokens[name] = tok
		}
	}
	cookie, csrf := e.formToken(t)
	// expected is what auth.Can says, written without the package's helpers.
	expected := func(u *auth.User, rt route) bool {
		if rt.public {
			return true
		}
		if u == nil {
			return false
		}
		if rt.action == "" {
			return true
		}
		if rt.unit {
			return auth.Can(u, rt.action, exUnit)
		}
		for _, unit := range []string{"", exUnit, "130201", "4140"} {
			if auth.Can(u, rt.action, unit) {
				return true
			}
		}
		return false
	}
	checked := 0
	for _, rt := range e.s.routes() {
		if rt.method == "" || rt.pattern == "/logout" {
			continue // the catch-all answers 404 to all; logout is tested on its own
		}
		path := concrete(rt.pattern)
		if rt.pattern == "/static/" {
			path = "/static/style.css"
		}
		for role, u := range users {
			var body *strings.Reader
			if rt.method == "POST" {
				if isAPI(path) {
					body = strings.NewReader(`{}`)
				} else {
					body = strings.NewReader(url.Values{csrfField: {csrf}}.Encode())
				}
			} else {
				body = strings.NewReader("")
			}
			r := httptest.NewRequest(rt.method, path, body)
			if rt.method == "POST" && !isAPI(path) {
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				r.AddCookie(cookie)
			}
			if u != nil {
				if isAPI(path) {
					r.Header.Set("Authorization", "Bearer "+tokens[role])
				} else {
					r.AddCookie(e.sessionFor(t, u))
				}
			}
			res, _ := e.raw(t, r)
			want := expected(u, rt)
			toLogin := res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/login")
			refused := res.StatusCode == http.StatusForbidden || res.StatusCode == http.StatusUnauthorized || toLogin
			if rt.public {
				// a public handler may answer 401 itself (a wrong password)
				refused = res.StatusCode == http.StatusForbidden || toLogin
			}
			switch {
			case want && refused:
				t.Errorf("%s %s as %s: refused (%d), auth.Can allows it", rt.method, path, role, res.StatusCode)
			case !want && u == nil && isAPI(path) && res.StatusCode != http.StatusUnauthorized:
				t.Errorf("%s %s anonymous: %d, want 401", rt.method, path, res.StatusCode)
			case !want && u == nil && !isAPI(path) && !toLogin:
				t.Errorf("%s %s anonymous: %d, want redirect to /login", rt.method, path, res.StatusCode)
			case !want && u != nil && res.StatusCode != http.StatusForbidden:
				t.Errorf("%s %s as %s: %d, want 403", rt.method, path, role, res.StatusCode)
			}
			checked++
		}
	}
	if checked < 50*6 {
		t.Errorf("only %d requests checked", checked)
	}
}

// TestEveryRouteInTable: every table entry is what the mux routes its
// path to (nothing shadows it), and no source file of the package binds a
// handler anywhere but buildMux, so no route escapes the table.
func TestEveryRouteInTable(t *testing.T) {
	e := newEnv(t, false)
	for _, rt := range e.s.routes() {
		if rt.method == "" {
			continue
		}
		path := concrete(rt.pattern)
		if rt.pattern == "/static/" {
			path = "/static/style.css"
		}
		_, got := e.s.mux.Handler(httptest.NewRequest(rt.method, path, nil))
		if want := rt.method + " " + rt.pattern; got != want {
			t.Errorf("%s %s is routed to %q, want %q", rt.method, path, got, want)
		}
	}
	files, _ := filepath.Glob("*.go")
	bind := regexp.MustCompile(`\.(Handle|HandleFunc)\(`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n := len(bind.FindAll(b, -1))
		if f == "routes.go" && n != 1 || f != "routes.go" && n != 0 {
			t.Errorf("%s binds %d handlers outside the route table", f, n)
		}
	}
}
