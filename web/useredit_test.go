package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"jixiao/auth"
	"jixiao/store"
)

// TestUserEdit: an administrator turns an editor into a viewer and the
// user's rights change at once: the old session ends, and signed in again
// the user is refused the edit page. Bad input is refused with the reason
// and changes nothing; only administrators reach the form.
func TestUserEdit(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	admin := e.login(t, "admin", auth.Admin)
	zhang := e.login(t, "zhang", auth.Editor, exUnit)
	editPage := exBase + "/projects/" + officeCode + "/edit"
	if res, _ := e.getAs(t, zhang, editPage); res.StatusCode != http.StatusOK {
		t.Fatalf("editor's edit page: %d", res.StatusCode)
	}

	res, body := e.getAs(t, admin, "/admin/users")
	mustContain(t, body, `href="/admin/users/zhang/edit"`)
	res, body = e.getAs(t, admin, "/admin/users/zhang/edit")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("edit form: %d", res.StatusCode)
	}
	mustContain(t, body, `name="display" value="zhang"`, `<option value="editor" selected>`, `name="units" value="414001"`)

	// Bad input: 400 with the store's message, nothing changed, nothing audited.
	trail := func() int {
		es, err := e.st.AuditLog(ctx, store.AuditFilter{Object: "user:zhang"})
		if err != nil {
			t.Fatal(err)
		}
		return len(es)
	}
	n := trail()
	for _, c := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"display": {"张三"}, "role": {"boss"}, "units": {exUnit}}, "用户 zhang：没有“boss”这个角色"},
		{url.Values{"display": {"张三"}, "role": {"editor"}, "units": {" ，"}}, "用户 zhang：部门填报人员须指定所属单位编码"},
	} {
		res, body := e.postAs(t, admin, "/admin/users/zhang/edit", c.form)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%v: %d", c.form, res.StatusCode)
		}
		mustContain(t, body, c.want, `value="张三"`)
	}
	if u, _ := e.st.UserByName(ctx, "zhang"); u.Role != auth.Editor || u.Display != "zhang" || trail() != n {
		t.Fatalf("refused change stored: %+v, trail %d → %d", u, n, trail())
	}
	if res, _ := e.getAs(t, zhang, editPage); res.StatusCode != http.StatusOK {
		t.Fatalf("refused change ended the session: %d", res.StatusCode)
	}

	// Not an administrator: 403 on both, nothing changed.
	for _, s := range []*http.Cookie{zhang, e.login(t, "rev", auth.Reviewer)} {
		if res, _ := e.getAs(t, s, "/admin/users/zhang/edit"); res.StatusCode != http.StatusForbidden {
			t.Errorf("non-admin GET: %d", res.StatusCode)
		}
		res, _ := e.postAs(t, s, "/admin/users/zhang/edit", url.Values{"display": {"x"}, "role": {"admin"}})
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("non-admin POST: %d", res.StatusCode)
		}
	}
	if u, _ := e.st.UserByName(ctx, "zhang"); u.Role != auth.Editor {
		t.Fatalf("non-admin changed the role: %+v", u)
	}

	// The change: editor → viewer, through UpdateUser, audited.
	res, body = e.postAs(t, admin, "/admin/users/zhang/edit",
		url.Values{"display": {"张三"}, "role": {"viewer"}, "units": {exUnit}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/users" {
		t.Fatalf("change: %d\n%s", res.StatusCode, body)
	}
	u, _ := e.st.UserByName(ctx, "zhang")
	if u.Role != auth.Viewer || u.Display != "张三" || strings.Join(u.Units, ",") != exUnit {
		t.Fatalf("stored %+v", u)
	}
	es, _ := e.st.AuditLog(ctx, store.AuditFilter{Object: "user:zhang", Newest: true, Limit: 1})
	if len(es) != 1 || es[0].Action != store.AuditUserUpdate || es[0].Actor != "admin" ||
		!strings.Contains(es[0].Before, `"role":"editor"`) || !strings.Contains(es[0].After, `"role":"viewer"`) {
		t.Fatalf("audit: %+v", es)
	}
	// The next request of the old session no longer edits anything.
	if res, _ := e.getAs(t, zhang, editPage); res.StatusCode != http.StatusSeeOther ||
		!strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("old session after the change: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	again := e.sessionFor(t, u)
	if res, _ := e.getAs(t, again, editPage); res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer's edit page: %d", res.StatusCode)
	}
	if res, _ := e.getAs(t, again, exBase); res.StatusCode != http.StatusOK {
		t.Errorf("viewer's document page: %d", res.StatusCode)
	}

	// An administrator cannot change his own role; an unknown user is 404.
	res, body = e.postAs(t, admin, "/admin/users/admin/edit", url.Values{"role": {"viewer"}})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "不能更改自己的角色") {
		t.Errorf("own role: %d", res.StatusCode)
	}
	if res, _ := e.getAs(t, admin, "/admin/users/nobody/edit"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown user form: %d", res.StatusCode)
	}
	if res, _ := e.postAs(t, admin, "/admin/users/nobody/edit", url.Values{"role": {"viewer"}, "units": {exUnit}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown user post: %d", res.StatusCode)
	}
}

// The administrator uploads an account table: every account is made,
// each listed once with its first password, which works; a table with a
// bad row makes none.
func TestUsersImportPage(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	admin := e.login(t, "管理员", auth.Admin)
	post := func(body string) (*http.Response, string) {
		t.Helper()
		cookie, token := e.formToken(t)
		r := uploadRequest(t, "/admin/users/import", accountsField, token, upload{"账户表.csv", []byte(body)})
		r.AddCookie(cookie)
		r.AddCookie(admin)
		return e.raw(t, r)
	}
	res, page := post("用户名,姓名,角色,单位范围\nzhang,张三,部门填报人员,414001\nwang,王五,财政审核人员,\"1302，1303\"\n")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("import: %d\n%.500s", res.StatusCode, page)
	}
	mustContain(t, page, "已创建 2 个账户", "<td>zhang</td><td>张三</td><td>部门填报人员</td><td>414001</td>", "<td>1302,1303</td>")
	pws := regexp.MustCompile(`<td class="secret">([^<]+)</td>`).FindAllStringSubmatch(page, -1)
	if len(pws) != 2 {
		t.Fatalf("%d passwords shown", len(pws))
	}
	u, err := e.st.UserByName(ctx, "zhang")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := auth.CheckPassword(u.PasswordHash, html.UnescapeString(pws[0][1])); !ok || !u.MustChange {
		t.Error("the password shown does not work, or need not be changed")
	}
	res, page = post("用户名,姓名,角色,单位范围\nzhao,赵六,editor,414001\nqian,钱七,局长,414001\n")
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("a bad row: %d", res.StatusCode)
	}
	mustContain(t, page, "没有创建任何账户", "角色“局长”不对")
	if _, err := e.st.UserByName(ctx, "zhao"); err == nil {
		t.Error("an account of the refused table was made")
	}
}
