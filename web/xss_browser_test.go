package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/internal/fixture"
	"jixiao/workflow"
)

// xssDoc is the example with script payloads in every text field.
func xssDoc(t *testing.T) *jixiao.Document {
	t.Helper()
	const a, b = `<img src=x onerror=window.__xss=1>`, `"><script>window.__xss=1</script>`
	d := fixture.Example(t)
	d.Unit.Name += a + b
	for i := range d.Projects {
		p := &d.Projects[i]
		p.Name += a + b
		p.Purpose += a + b
		p.Goal += a + b
		for j := range p.Indicators {
			in := &p.Indicators[j]
			in.Level1 += a
			in.Level2 += b
			in.Level3 += a + b
			in.Description += a + b
			in.Value += b
			in.Basis += a + b
		}
	}
	for i := range d.Overall.Goals {
		d.Overall.Goals[i].Heading += a + b
		for j := range d.Overall.Goals[i].Items {
			d.Overall.Goals[i].Items[j] += a + b
		}
	}
	for i := range d.Overall.ProjectGoals {
		d.Overall.ProjectGoals[i].Text += a + b
	}
	for i := range d.Overall.Measures {
		d.Overall.Measures[i].Heading += a
		d.Overall.Measures[i].Text += a + b
	}
	return d
}

// TestXSSBrowser imports a document with script payloads in every text
// field and opens every page that shows them in a real browser: none runs.
// A cross-site POST without the token is refused.
func TestXSSBrowser(t *testing.T) {
	bctx := startBrowser(t)
	e := newEnv(t, false)
	reviewer := e.user(t, "reviewer", auth.Reviewer)
	if res, body := e.post(t, upload{"xss.json", encodeDoc(t, xssDoc(t))}); res.StatusCode != http.StatusOK {
		t.Fatalf("import: %d\n%.500s", res.StatusCode, body)
	}
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	ctx := context.Background()
	editor, _ := e.st.UserByName(ctx, "editor")
	for _, m := range []struct {
		to workflow.State
		u  *auth.User
	}{{workflow.Submitted, editor}, {workflow.Approved, reviewer}, {workflow.Published, reviewer}} {
		if err := e.st.Transition(ctx, k, workflow.Goals, m.to, m.u, ""); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	browserLogin(t, bctx, srv.URL, "editor")
	pc := exBase + "/projects/" + officeCode
	pages := []string{"/", exBase, pc, pc + "?print=form", exBase + "/review", pc + "/edit", pc + "/monitor",
		pc + "/monitor/form", exBase + "/monitor", exBase + "/evaluation", pc + "/evaluation", exBase + "/audit",
		pc + "/audit", "/public/", "/public/units/414001/2024"}
	for _, p := range pages {
		ctx := openPage(t, bctx, srv.URL+p)
		var got struct {
			XSS  bool
			Text string
		}
		evalJS(t, ctx, `({XSS: typeof window.__xss !== 'undefined', Text: document.body.innerText})`, &got)
		if got.XSS {
			t.Errorf("%s: a payload ran", p)
		}
		if p != "/" && p != "/public/" && !strings.Contains(got.Text, "onerror=window.__xss=1") {
			t.Errorf("%s: the payload is not shown as text", p)
		}
	}
	// A cross-site form post (another origin, no token) is refused.
	r := httptest.NewRequest(http.MethodPost, exBase+"/workflow/goals/submit", strings.NewReader("comment=x"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Origin", "https://evil.example")
	if res, body := e.do(t, r); res.StatusCode != http.StatusForbidden || !strings.Contains(body, "请求被拒绝") {
		t.Errorf("cross-site post: %d", res.StatusCode)
	}
}

// TestPublicOnlyPublished: nothing unpublished is reachable without
// signing in — drafts, submitted and approved goals all answer the same
// 404 on the public pages and JSON, and are not listed; published goals
// show without findings or records; the self-evaluation shows only once
// its own track is published.
func TestPublicOnlyPublished(t *testing.T) {
	e := newEnv(t, true)
	reviewer := e.user(t, "reviewer", auth.Reviewer)
	editor, _ := e.st.UserByName(t.Context(), "editor")
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	check := func(published bool) {
		t.Helper()
		for _, p := range []string{"/public/units/414001/2024", "/public/units/414001/2024.json"} {
			res, body := e.getAs(t, nil, p)
			if published != (res.StatusCode == http.StatusOK) {
				t.Errorf("%s: %d (published %v)", p, res.StatusCode, published)
			}
			if !published && strings.Contains(body, "办公楼运维费") {
				t.Errorf("%s shows unpublished content", p)
			}
		}
		_, list := e.getAs(t, nil, "/public/")
		if published != strings.Contains(list, "乐亭县市场监督管理局") {
			t.Errorf("public list (published %v): %.300s", published, list)
		}
		for _, p := range []string{exBase, exBase + "/export.json", "/api/v1/units/414001/2024"} {
			if res, _ := e.getAs(t, nil, p); res.StatusCode == http.StatusOK {
				t.Errorf("%s reachable anonymously", p)
			}
		}
	}
	check(false)
	for _, m := range []struct {
		to workflow.State
		u  *auth.User
	}{{workflow.Submitted, editor}, {workflow.Approved, reviewer}} {
		if err := e.st.Transition(t.Context(), k, workflow.Goals, m.to, m.u, ""); err != nil {
			t.Fatal(err)
		}
		check(false)
	}
	if err := e.st.Transition(t.Context(), k, workflow.Goals, workflow.Published, reviewer, ""); err != nil {
		t.Fatal(err)
	}
	check(true)
	_, page := e.getAs(t, nil, "/public/units/414001/2024")
	mustContain(t, page, "办公楼运维费绩效目标表", "一、总体绩效目标")
	for _, no := range []string{"审核意见", "sev-error", "G10", "public-evaluation"} {
		if strings.Contains(page, no) {
			t.Errorf("public page shows %q", no)
		}
	}
	_, js := e.getAs(t, nil, "/public/units/414001/2024.json")
	if !strings.Contains(js, `"jixiao/v1"`) || strings.Contains(js, `"spending"`) || strings.Contains(js, `"progress"`) {
		t.Errorf("public JSON: %.300s", js)
	}
}
