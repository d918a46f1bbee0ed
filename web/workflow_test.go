package web

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/example"
	"jixiao/internal/fixture"
	"jixiao/store"
	"jixiao/workflow"
)

// postAs sends a form POST with a valid CSRF token as the session's user.
func (e *env) postAs(t testing.TB, session *http.Cookie, path string, v url.Values) (*http.Response, string) {
	t.Helper()
	cookie, token := e.formToken(t)
	if v == nil {
		v = url.Values{}
	}
	v.Set(csrfField, token)
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(v.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.AddCookie(cookie)
	r.AddCookie(session)
	return e.raw(t, r)
}

// getAs performs a GET as the session's user (nil: anonymous).
func (e *env) getAs(t testing.TB, session *http.Cookie, path string) (*http.Response, string) {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, path, nil)
	if session != nil {
		r.AddCookie(session)
	}
	return e.raw(t, r)
}

func (e *env) state(t testing.TB, track workflow.Track) workflow.State {
	t.Helper()
	st, err := e.st.WorkflowState(context.Background(), jixiao.Key{Unit: exUnit, Year: exYear}, track)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestEditorLimits: an editor cannot read or change another unit's
// drafts, cannot approve, and cannot change approved goals without an
// adjustment recorded by a reviewer.
func TestEditorLimits(t *testing.T) {
	e := newEnv(t, true)
	other := e.login(t, "other", auth.Editor, "130201")
	reviewer := e.login(t, "reviewer", auth.Reviewer)
	own := e.session

	// Another unit's editor: no page, no download, no API, no edit, not on the home page.
	for _, p := range []string{exBase, exBase + "/projects/" + officeCode, exBase + "/export.json", exBase + "/projects/" + officeCode + "/edit", exBase + "/audit"} {
		if res, _ := e.getAs(t, other, p); res.StatusCode != http.StatusForbidden {
			t.Errorf("other unit's editor GET %s: %d", p, res.StatusCode)
		}
	}
	if _, body := e.getAs(t, other, "/"); strings.Contains(body, exBase) {
		t.Error("home page lists another unit's draft")
	}
	before := e.counts(t)
	if res, _ := e.postAs(t, other, exBase+"/projects/"+officeCode+"/edit", url.Values{"version": {"1"}, "purpose": {"改"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("other unit's editor edit: %d", res.StatusCode)
	}
	if res, _ := e.postAs(t, other, exBase+"/workflow/goals/submit", nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("other unit's editor submit: %d", res.StatusCode)
	}
	if res, body := e.postAs(t, other, exBase+"/projects/"+officeCode+"/monitor/spending", url.Values{"date": {"2024-07-31"}, "amount": {"1"}, "unit": {"wan"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("other unit's editor spending: %d %s", res.StatusCode, body)
	}
	if after := e.counts(t); !maps.Equal(before, after) {
		t.Errorf("refused requests changed the store: %v → %v", before, after)
	}
	// Import of the example by the other unit's editor: refused after reading.
	cookie, token := e.formToken(t)
	ir := importRequest(t, token, upload{example.Name, example.Laoting})
	ir.AddCookie(cookie)
	ir.AddCookie(other)
	if res, body := e.raw(t, ir); res.StatusCode != http.StatusForbidden || !strings.Contains(body, "无权修改单位 414001") {
		t.Errorf("other unit's import: %d\n%s", res.StatusCode, body)
	}

	// The own editor submits but cannot approve.
	if res, body := e.postAs(t, own, exBase+"/workflow/goals/submit", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d %s", res.StatusCode, body)
	}
	if res, _ := e.postAs(t, own, exBase+"/workflow/goals/approve", nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("editor approve: %d", res.StatusCode)
	}
	if got := e.state(t, workflow.Goals); got != workflow.Submitted {
		t.Fatalf("state %s", got)
	}
	// A return needs a comment.
	if res, body := e.postAs(t, reviewer, exBase+"/workflow/goals/return", url.Values{"comment": {""}}); res.StatusCode != http.StatusConflict || !strings.Contains(body, "退回意见") {
		t.Errorf("return without comment: %d", res.StatusCode)
	}
	if res, _ := e.postAs(t, reviewer, exBase+"/workflow/goals/approve", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", res.StatusCode)
	}

	// Approved: the edit page refuses the change with the locked message.
	editPath := exBase + "/projects/" + officeCode + "/edit"
	_, page := e.getAs(t, own, editPath)
	ver := versionField.FindStringSubmatch(page)
	if ver == nil {
		t.Fatal("edit form without version")
	}
	form := editValues(page)
	form.Set("purpose", "用于办公楼运维（调整后）")
	res, body := e.postAs(t, own, editPath, form)
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "绩效目标已审核通过") || !strings.Contains(body, "用于办公楼运维（调整后）") {
		t.Fatalf("edit of approved goals: %d\n%s", res.StatusCode, body)
	}
	// Import of a changed document is refused too, with the way out.
	doc := fixture.Example(t)
	doc.Projects[0].Purpose = "改过的用途"
	data := encodeDoc(t, doc)
	cookie, token = e.formToken(t)
	ir = importRequest(t, token, upload{"changed.json", data})
	ir.AddCookie(cookie)
	ir.AddCookie(own)
	if res, body := e.raw(t, ir); res.StatusCode != http.StatusConflict || !strings.Contains(body, "登记调整") || !strings.Contains(body, exBase+"#workflow") {
		t.Errorf("import over approved goals: %d\n%s", res.StatusCode, body)
	}
	// The editor may not record the adjustment; the reviewer may, with a reason.
	if res, _ := e.postAs(t, own, exBase+"/adjustment", url.Values{"reason": {"预算调整"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("editor adjustment: %d", res.StatusCode)
	}
	if res, _ := e.postAs(t, reviewer, exBase+"/adjustment", url.Values{"reason": {""}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("adjustment without reason: %d", res.StatusCode)
	}
	if res, _ := e.postAs(t, reviewer, exBase+"/adjustment", url.Values{"reason": {"年中预算调整"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("adjustment: %d", res.StatusCode)
	}
	res, body = e.postAs(t, own, editPath, form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit after adjustment: %d\n%s", res.StatusCode, body)
	}
	stored, _ := e.st.Document(context.Background(), jixiao.Key{Unit: exUnit, Year: exYear})
	if p, _ := stored.Project(officeCode); p.Purpose != "用于办公楼运维（调整后）" {
		t.Errorf("purpose %q", p.Purpose)
	}
	// The adjustment is used up: the next change is refused again.
	form.Set("purpose", "再改一次")
	form.Set("version", "0")
	_, page = e.getAs(t, own, editPath)
	form.Set("version", versionField.FindStringSubmatch(page)[1])
	if res, _ := e.postAs(t, own, editPath, form); res.StatusCode != http.StatusConflict {
		t.Errorf("second edit without adjustment: %d", res.StatusCode)
	}
	// The trail has the move, the adjustment and the change, by name.
	trail, _ := e.st.AuditLog(context.Background(), store.AuditFilter{Unit: exUnit, Year: exYear})
	var acts []string
	for _, a := range trail {
		acts = append(acts, a.Action+":"+a.Actor)
	}
	joined := strings.Join(acts, " ")
	for _, want := range []string{"workflow.move:editor", "workflow.move:reviewer", "goals.adjust:reviewer", "goals.change:editor"} {
		if !strings.Contains(joined, want) {
			t.Errorf("audit trail lacks %s: %s", want, joined)
		}
	}
	_, body = e.getAs(t, own, exBase+"/projects/"+officeCode+"/audit")
	mustContain(t, body, "修改绩效目标", "editor", "用于办公楼运维（调整后）")
	res, body = e.getAs(t, own, exBase+"/audit.jsonl")
	if res.StatusCode != http.StatusOK {
		t.Fatal(res.StatusCode)
	}
	for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
		var a store.AuditEntry
		if err := json.Unmarshal([]byte(line), &a); err != nil || a.Hash == "" {
			t.Fatalf("jsonl line %q: %v", line, err)
		}
	}
}

// The monitoring report is its own track: the editor submits it from the
// unit page, the reviewer approves it, and it is never published — no
// button offers it and a forged request is refused. The list shows its
// state and filters by it.
func TestMonitoringTrack(t *testing.T) {
	e := newEnv(t, true)
	reviewer := e.login(t, "县财政局", auth.Reviewer)
	_, page := e.get(t, exBase)
	mustContain(t, page, `<span class="state" id="state-monitoring">草稿</span>`, `action="/units/414001/2024/workflow/monitoring/submit"`)
	if res, body := e.postAs(t, e.session, exBase+"/workflow/monitoring/submit", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit the monitoring report: %d %.300s", res.StatusCode, body)
	}
	if res, _ := e.postAs(t, reviewer, exBase+"/workflow/monitoring/approve", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve the monitoring report: %d", res.StatusCode)
	}
	if st := e.state(t, workflow.Monitoring); st != workflow.Approved {
		t.Fatalf("monitoring report %s", st)
	}
	if e.state(t, workflow.Goals) != workflow.Draft {
		t.Error("the goals moved with the monitoring report")
	}
	_, page = e.getAs(t, reviewer, exBase)
	if strings.Contains(page, "/workflow/monitoring/publish") {
		t.Error("the reviewer is offered to publish the monitoring report")
	}
	if res, _ := e.postAs(t, reviewer, exBase+"/workflow/monitoring/publish", nil); res.StatusCode == http.StatusSeeOther {
		t.Error("the monitoring report was published")
	}
	if e.state(t, workflow.Monitoring) != workflow.Approved {
		t.Error("a refused publication changed the state")
	}
	if rows, _ := homeRows(t, e, "/?monitoring=approved"); len(rows) != 1 {
		t.Errorf("filtered by the monitoring state: %v", rows)
	}
	if rows, _ := homeRows(t, e, "/?monitoring=submitted"); len(rows) != 0 {
		t.Errorf("filtered by another monitoring state: %v", rows)
	}
}
