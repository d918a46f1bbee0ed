package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"jixiao/auth"
	"jixiao/workflow"
)

// TestWorkflowBrowser walks the example document from draft to the public
// page in a real browser: the editor submits; the reviewer returns it with
// the comment prefilled from the review findings; the editor resubmits;
// the reviewer approves and publishes; the public sees it at /public/.
func TestWorkflowBrowser(t *testing.T) {
	bctx := startBrowser(t)
	e := newEnv(t, true)
	e.user(t, "reviewer", auth.Reviewer)
	srv := httptest.NewServer(e.h)
	defer srv.Close()

	move := func(t *testing.T, user, form string, comment string) {
		t.Helper()
		browserLogin(t, bctx, srv.URL, user)
		ctx := openPage(t, bctx, srv.URL+exBase)
		acts := []chromedp.Action[chromedp.Void]{chromedp.WaitVisible("#" + form)}
		if comment != "" {
			acts = append(acts, chromedp.SendKeys("#"+form+" textarea", comment))
		}
		acts = append(acts, chromedp.Click("#"+form+" button[type=submit]"), chromedp.WaitNotPresent("#"+form), chromedp.WaitVisible("#workflow"))
		if err := chromedp.Do(ctx, acts...); err != nil {
			t.Fatalf("%s %s: %v", user, form, err)
		}
	}
	text := func(ctx context.Context, sel string) string {
		var s string
		evalJS(t, ctx, "(() => { const el = document.querySelector("+jsString(sel)+"); return el ? el.innerText.trim() : ''; })()", &s)
		return s
	}

	move(t, "editor", "move-goals-submit", "")
	if st := e.state(t, workflow.Goals); st != workflow.Submitted {
		t.Fatalf("after submit: %s", st)
	}
	// The reviewer sees the return comment prefilled with the findings.
	browserLogin(t, bctx, srv.URL, "reviewer")
	ctx := openPage(t, bctx, srv.URL+exBase)
	var prefill string
	evalJS(t, ctx, `document.querySelector('#move-goals-return textarea').value`, &prefill)
	if !strings.Contains(prefill, "经审核，发现错误") {
		t.Errorf("return comment not prefilled: %q", prefill)
	}
	move(t, "reviewer", "move-goals-return", "请补充指标依据。")
	if st := e.state(t, workflow.Goals); st != workflow.Returned {
		t.Fatalf("after return: %s", st)
	}
	// The editor sees the comment in the history and resubmits.
	browserLogin(t, bctx, srv.URL, "editor")
	ctx = openPage(t, bctx, srv.URL+exBase)
	if got := text(ctx, "#state-goals"); got != "已退回" {
		t.Errorf("editor sees state %q", got)
	}
	if h := text(ctx, "#track-goals table.history"); !strings.Contains(h, "请补充指标依据。") || !strings.Contains(h, "reviewer") {
		t.Errorf("history: %q", h)
	}
	move(t, "editor", "move-goals-submit", "")
	move(t, "reviewer", "move-goals-approve", "")
	move(t, "reviewer", "move-goals-publish", "")
	if st := e.state(t, workflow.Goals); st != workflow.Published {
		t.Fatalf("after publish: %s", st)
	}
	// Anonymous: the public list and page, without review findings.
	browserLogout(t, bctx, srv.URL)
	ctx = openPage(t, bctx, srv.URL+"/public/")
	if l := text(ctx, "#public-documents"); !strings.Contains(l, "乐亭县市场监督管理局") {
		t.Errorf("public list: %q", l)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#public-documents a`), chromedp.WaitVisible("#public-title")); err != nil {
		t.Fatal(err)
	}
	page := text(ctx, "main")
	if !strings.Contains(page, "办公楼运维费绩效目标表") || strings.Contains(page, "审核意见") || strings.Contains(page, "错误") {
		t.Errorf("public page: %.300s", page)
	}
}

// browserLogout signs the browser out through the header's button, if
// signed in.
func browserLogout(t *testing.T, bctx context.Context, base string) {
	t.Helper()
	ctx := openPage(t, bctx, base+"/public/")
	if err := chromedp.Do(ctx, chromedp.Click("#logout"), chromedp.WaitVisible("#login-form")); err != nil {
		t.Fatalf("logout: %v", err)
	}
}

// jsString quotes s for JavaScript.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
