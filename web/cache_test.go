package web

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/example"
	"jixiao/internal/fixture"
	"jixiao/internal/testdb"
	"jixiao/store"
	"jixiao/workflow"
)

var deptSpent = regexp.MustCompile(`id="dept-spent">([^<]*)<`)

// TestPagesShowEveryWrite loads the cached pages, changes the data in
// each way there is — through the same store, through another store on the
// same file (another process), and by an import through the web — and
// checks that the very next request shows the change.
func TestPagesShowEveryWrite(t *testing.T) {
	testdb.Each(t, pagesShowEveryWrite)
}

func pagesShowEveryWrite(t *testing.T, engine testdb.Engine) {
	ctx := context.Background()
	cfg := store.Config{SQLite: engine.SQLite, Postgres: engine.Postgres}
	st, err := store.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.SaveDocuments(ctx, []*jixiao.Document{fixture.Example(t)}, "test"); err != nil {
		t.Fatal(err)
	}
	srv := newServer(st, Options{})
	e := &env{st: st, h: srv, s: srv}
	e.session = e.login(t, "editor", auth.Editor, exUnit)
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	projectURL := exBase + "/projects/" + officeCode
	monitorURL := exBase + "/monitor?as_of=2024-09-30"
	page := func(url string) string {
		t.Helper()
		res, body := e.get(t, url)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d\n%s", url, res.StatusCode, body)
		}
		return body
	}
	// Twice each, so the second comes from the cache.
	for range 2 {
		page(exBase)
		page(projectURL)
		page(monitorURL)
	}
	if n := srv.pages.len(); n != 3 {
		t.Fatalf("%d pages cached, want 3", n)
	}

	// A goal edit through the same store.
	doc, err := st.Document(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := doc.Project(officeCode)
	np := *p
	np.Purpose = "保障机关及分局用电（缓存测试修订）"
	if _, err := st.SaveProject(ctx, k, &np, doc.Version, "editor"); err != nil {
		t.Fatal(err)
	}
	mustContain(t, page(projectURL), "保障机关及分局用电（缓存测试修订）")

	// Requests that arrive together (checked together on PostgreSQL) each
	// get their own user's page, current, or the sign-in page.
	reviewer := e.login(t, "wang", auth.Reviewer)
	np.Purpose = "保障机关及分局用电（并发测试修订）"
	if _, err := st.SaveProject(ctx, k, &np, doc.Version+1, "editor"); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 48 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := httptest.NewRequest(http.MethodGet, projectURL, nil)
			switch i % 3 {
			case 0:
				r.AddCookie(e.session)
			case 1:
				r.AddCookie(reviewer)
			case 2:
				r.AddCookie(&http.Cookie{Name: SessionCookie, Value: "unknown-session"})
			}
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, r)
			body := w.Body.String()
			who := whoLabel.FindStringSubmatch(body)
			switch {
			case i%3 == 2 && w.Code != http.StatusSeeOther:
				t.Errorf("unknown session: HTTP %d", w.Code)
			case i%3 != 2 && (w.Code != http.StatusOK || !strings.Contains(body, "（并发测试修订）")):
				t.Errorf("request %d: HTTP %d, current purpose shown: %v", i, w.Code, strings.Contains(body, "（并发测试修订）"))
			case i%3 == 0 && (who == nil || !strings.Contains(who[1], "editor")):
				t.Errorf("request %d: the editor got %v", i, who)
			case i%3 == 1 && (who == nil || !strings.Contains(who[1], "wang")):
				t.Errorf("request %d: the reviewer got %v", i, who)
			}
		}()
	}
	wg.Wait()

	// A payment through another store on the same database.
	if m := deptSpent.FindStringSubmatch(page(monitorURL)); m == nil || m[1] != "0.00" {
		t.Fatalf("spent before the payment: %v", m)
	}
	other, err := store.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.AddSpending(ctx, k, officeCode, jixiao.Spending{Date: jixiao.NewDate(2024, 3, 15),
		Amount: 1_230_000, Entered: jixiao.Stamp{By: "张三"}}); err != nil {
		t.Fatal(err)
	}
	if m := deptSpent.FindStringSubmatch(page(monitorURL)); m == nil || m[1] != "1.23" {
		t.Fatalf("spent after a payment stored by another process: %v", m)
	}

	// A workflow move through the other store shows on the department page.
	if strings.Contains(page(exBase), workflow.Submitted.Label()) {
		t.Fatal("submitted before the move")
	}
	editor := &auth.User{Name: "editor", Role: auth.Editor, Units: []string{exUnit}}
	if err := other.Transition(ctx, k, workflow.Goals, workflow.Submitted, editor, ""); err != nil {
		t.Fatal(err)
	}
	mustContain(t, page(exBase), workflow.Submitted.Label())
	// The return of a submission is the reviewer's; back to draft for the import.
	if err := other.Transition(ctx, k, workflow.Goals, workflow.Returned, &auth.User{Name: "wang", Role: auth.Reviewer}, "请修改"); err != nil {
		t.Fatal(err)
	}

	// An import through the web with the unit renamed and a value changed.
	changed := bytes.Replace(example.Laoting, []byte("\t派出机构数量\n\t10个\n"), []byte("\t派出机构数量\n\t12个\n"), 1)
	changed = bytes.ReplaceAll(changed, []byte("乐亭县市场监督管理局本级"), []byte("乐亭县市场监管局本级"))
	if bytes.Equal(changed, example.Laoting) {
		t.Fatal("edit did not apply")
	}
	if strings.Contains(page(projectURL), "12个") {
		t.Fatal("the new value is there before the import")
	}
	res, body := e.post(t, upload{"edited.txt", changed})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("import: %d\n%s", res.StatusCode, body)
	}
	mustContain(t, page(projectURL), "12个", "乐亭县市场监管局本级")
	mustContain(t, page(exBase), "乐亭县市场监管局本级")
	mustContain(t, page(monitorURL), "乐亭县市场监管局本级")
}

var whoLabel = regexp.MustCompile(`id="who">([^<]*)<`)

// TestCachedPagesPerUserAndToken checks that a cached page is never sent
// to another user, and that each response carries its own request's CSRF
// token, never another's or the placeholder.
func TestCachedPagesPerUserAndToken(t *testing.T) {
	e := newEnv(t, true)
	reviewer := e.login(t, "审核员甲", auth.Reviewer)
	for _, url := range []string{exBase, exBase + "/projects/" + officeCode, exBase + "/monitor"} {
		for i, who := range []*http.Cookie{e.session, reviewer, e.session, reviewer} {
			tok := newToken()
			r := httptest.NewRequest(http.MethodGet, url, nil)
			r.AddCookie(who)
			r.AddCookie(&http.Cookie{Name: csrfCookie, Value: tok})
			res, body := e.do(t, r)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: %d", url, res.StatusCode)
			}
			want := "editor（"
			if who == reviewer {
				want = "审核员甲（"
			}
			if m := whoLabel.FindStringSubmatch(body); m == nil || !strings.HasPrefix(m[1], want) {
				t.Fatalf("GET %s as %s (request %d): page shows %v", url, want, i+1, m)
			}
			if strings.Contains(body, e.s.csrfMark) {
				t.Fatalf("GET %s: the placeholder was sent", url)
			}
			forms := csrfInput.FindAllStringSubmatch(body, -1)
			if len(forms) == 0 {
				t.Fatalf("GET %s: no form with a token", url)
			}
			for _, f := range forms {
				if f[1] != tok {
					t.Fatalf("GET %s (request %d): form token %q, want the request's %q", url, i+1, f[1], tok)
				}
			}
			for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
				if res.Header.Get(h) != securityHeaders[h] {
					t.Fatalf("GET %s: %s = %q", url, h, res.Header.Get(h))
				}
			}
			if res.Header.Get("Cache-Control") != "no-store" {
				t.Fatalf("GET %s: Cache-Control %q", url, res.Header.Get("Cache-Control"))
			}
		}
	}
	// The editor's page offers the editor's moves only: submit, not approve.
	_, body := e.get(t, exBase)
	if !strings.Contains(body, "/workflow/goals/submit") || strings.Contains(body, "/workflow/goals/approve") {
		t.Fatal("the editor's department page offers the wrong moves")
	}
	r := httptest.NewRequest(http.MethodGet, exBase, nil)
	r.AddCookie(reviewer)
	if _, body := e.do(t, r); strings.Contains(body, "/workflow/goals/submit") {
		t.Fatal("the reviewer was offered the editor's move")
	}
	// Anonymous requests are still sent to sign in, cached page or not.
	if res, _ := e.raw(t, httptest.NewRequest(http.MethodGet, exBase, nil)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("anonymous GET %s: %d", exBase, res.StatusCode)
	}
}
