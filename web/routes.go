package web

import (
	"net/http"
	"strings"

	"jixiao/auth"
)

// route is one entry of the route table, the only place where a URL is
// bound to a handler and to the right it needs. The mux is built from the
// table and nothing else, and authorize asks auth.Can before any handler
// runs, so a page cannot forget its check.
type route struct {
	method, pattern string
	// public routes are open to everyone, signed in or not.
	public bool
	// action is what the user must be allowed to do; "" on a non-public
	// route means any signed-in user.
	action auth.Action
	// unit says the action's unit is the {unit} path value. Without it the
	// user must be allowed the action on at least one unit, and the handler
	// checks each unit it touches (an import names its units in the files).
	unit    bool
	handler http.HandlerFunc
}

// routes is the route table.
func (s *server) routes() []route {
	view := func(method, pattern string, h http.HandlerFunc) route {
		return route{method: method, pattern: pattern, action: auth.ViewDraft, unit: true, handler: h}
	}
	unitRoute := func(method, pattern string, a auth.Action, h http.HandlerFunc) route {
		return route{method: method, pattern: pattern, action: a, unit: true, handler: h}
	}
	rs := []route{
		{method: "GET", pattern: "/{$}", handler: s.home},
		{method: "GET", pattern: "/overview", handler: s.overview},
		{method: "GET", pattern: "/help", handler: s.help},
		{method: "GET", pattern: "/overview.xlsx", handler: s.overviewXLSX},
		{method: "GET", pattern: "/login", public: true, handler: s.loginForm},
		{method: "POST", pattern: "/login", public: true, handler: s.loginPost},
		{method: "POST", pattern: "/logout", public: true, handler: s.logout},
		{method: "GET", pattern: "/account/password", handler: s.passwordForm},
		{method: "POST", pattern: "/account/password", handler: s.passwordPost},
		{method: "GET", pattern: "/account/tokens", handler: s.tokensPage},
		{method: "POST", pattern: "/account/tokens", handler: s.tokenCreate},
		{method: "POST", pattern: "/account/tokens/{id}/revoke", handler: s.tokenRevoke},
		{method: "GET", pattern: "/admin/users", action: auth.ManageUsers, handler: s.usersPage},
		{method: "POST", pattern: "/admin/users", action: auth.ManageUsers, handler: s.userCreate},
		{method: "POST", pattern: "/admin/users/import", action: auth.ManageUsers, handler: s.usersImport},
		{method: "POST", pattern: "/admin/users/{name}/disable", action: auth.ManageUsers, handler: s.userDisable},
		{method: "POST", pattern: "/admin/users/{name}/enable", action: auth.ManageUsers, handler: s.userEnable},
		{method: "POST", pattern: "/admin/users/{name}/password", action: auth.ManageUsers, handler: s.userResetPassword},
		{method: "GET", pattern: "/admin/users/{name}/edit", action: auth.ManageUsers, handler: s.userEditForm},
		{method: "GET", pattern: "/admin/audit", action: auth.ManageUsers, handler: s.accountAuditPage},
		{method: "POST", pattern: "/admin/users/{name}/edit", action: auth.ManageUsers, handler: s.userEditPost},

		view("GET", "/units/{unit}/{year}", s.unitPage),
		view("GET", "/units/{unit}/{year}/projects/{code}", s.projectPage),
		view("GET", "/units/{unit}/{year}/review", s.reviewPage),
		view("GET", "/units/{unit}/{year}/review.docx", s.reviewDocx),
		unitRoute("POST", "/units/{unit}/{year}/review/remarks", auth.Return, s.remarkPost),
		view("GET", "/units/{unit}/{year}/evaluation", s.evaluationSummary),
		view("GET", "/units/{unit}/{year}/evaluation.xlsx", s.evaluationSummaryXLSX),
		view("GET", "/units/{unit}/{year}/projects/{code}/evaluation", s.evaluationPage),
		unitRoute("POST", "/units/{unit}/{year}/projects/{code}/evaluation", auth.EditEvaluation, s.evaluationPost),
		unitRoute("POST", "/units/{unit}/{year}/projects/{code}/evaluation/upload", auth.EditEvaluation, s.evaluationUploadPost),
		view("GET", "/units/{unit}/{year}/projects/{code}/evaluation/form", s.evaluationForm),
		view("GET", "/units/{unit}/{year}/projects/{code}/evaluation/form.xlsx", s.evaluationFormXLSX),
		view("GET", "/units/{unit}/{year}/monitor", s.monitorPage),
		view("GET", "/units/{unit}/{year}/monitor.xlsx", s.monitorListXLSX),
		unitRoute("POST", "/units/{unit}/{year}/monitor/records", auth.EditRecords, s.monitorRecordsPost),
		view("GET", "/units/{unit}/{year}/projects/{code}/monitor", s.projectMonitorPage),
		unitRoute("POST", "/units/{unit}/{year}/projects/{code}/monitor/spending", auth.EditRecords, s.spendingPost),
		unitRoute("POST", "/units/{unit}/{year}/projects/{code}/monitor/progress", auth.EditRecords, s.progressPost),
		view("GET", "/units/{unit}/{year}/projects/{code}/monitor/form", s.monitorFormPage),
		view("GET", "/units/{unit}/{year}/projects/{code}/monitor/form.xlsx", s.monitorFormXLSX),
		view("GET", "/units/{unit}/{year}/ledger", s.ledgerPage),
		view("GET", "/units/{unit}/{year}/ledger.xlsx", s.ledgerXLSX),
		unitRoute("POST", "/units/{unit}/{year}/ledger/records", auth.EditRecords, s.ledgerAddPost),
		unitRoute("POST", "/units/{unit}/{year}/ledger/upload", auth.EditRecords, s.ledgerUploadPost),
		unitRoute("POST", "/units/{unit}/{year}/ledger/records/{id}/withdraw", auth.EditRecords, s.ledgerWithdrawPost),
		unitRoute("POST", "/units/{unit}/{year}/ledger/records/{id}/close", auth.EditRecords, s.ledgerClosePost),
		unitRoute("POST", "/units/{unit}/{year}/ledger/records/{id}/correct", auth.EditRecords, s.ledgerCorrectPost),
		unitRoute("POST", "/units/{unit}/{year}/ledger/measures", auth.EditRecords, s.ledgerMeasurePost),
		unitRoute("GET", "/units/{unit}/{year}/projects/{code}/edit", auth.EditGoals, s.editForm),
		unitRoute("POST", "/units/{unit}/{year}/projects/{code}/edit", auth.EditGoals, s.editPost),
		unitRoute("POST", "/units/{unit}/{year}/projects/{code}/delete", auth.EditGoals, s.deleteProjectPost),
		unitRoute("GET", "/units/{unit}/{year}/new-project", auth.EditGoals, s.newProjectForm),
		unitRoute("POST", "/units/{unit}/{year}/new-project", auth.EditGoals, s.newProjectPost),
		unitRoute("GET", "/units/{unit}/{year}/overall/edit", auth.EditGoals, s.overallForm),
		unitRoute("POST", "/units/{unit}/{year}/overall/edit", auth.EditGoals, s.overallPost),
		unitRoute("POST", "/units/{unit}/{year}/workflow/{track}/submit", auth.Submit, s.transition),
		unitRoute("POST", "/units/{unit}/{year}/workflow/{track}/return", auth.Return, s.transition),
		unitRoute("POST", "/units/{unit}/{year}/workflow/{track}/approve", auth.Approve, s.transition),
		unitRoute("POST", "/units/{unit}/{year}/workflow/{track}/publish", auth.Publish, s.transition),
		unitRoute("POST", "/units/{unit}/{year}/adjustment", auth.Adjust, s.adjustmentPost),
		unitRoute("POST", "/units/{unit}/{year}/rollover", auth.EditGoals, s.rolloverPost),
		unitRoute("GET", "/units/{unit}/{year}/audit", auth.ViewAudit, s.auditPage),
		unitRoute("GET", "/units/{unit}/{year}/projects/{code}/audit", auth.ViewAudit, s.auditPage),
		unitRoute("GET", "/units/{unit}/{year}/audit.jsonl", auth.ViewAudit, s.auditJSONL),
	}
	for _, format := range []string{"docx", "xlsx", "json"} {
		rs = append(rs, view("GET", "/units/{unit}/{year}/export."+format, func(w http.ResponseWriter, r *http.Request) {
			s.download(w, r, format)
		}))
	}
	rs = append(rs,
		route{method: "GET", pattern: "/import", action: auth.EditGoals, handler: s.importForm},
		route{method: "POST", pattern: "/import", action: auth.EditGoals, handler: s.importPost},

		route{method: "GET", pattern: "/public/{$}", public: true, handler: s.publicHome},
		route{method: "GET", pattern: "/public/units/{unit}/{year}", public: true, handler: s.publicUnit},

		route{method: "GET", pattern: "/api/{$}", public: true, handler: s.apiHelp},
		route{method: "GET", pattern: "/api/openapi.json", public: true, handler: s.openAPI},
		route{method: "GET", pattern: "/api/v1/documents", handler: s.apiDocuments},
		route{method: "GET", pattern: "/api/v1/units/{unit}/{year}", action: auth.ViewDraft, unit: true, handler: s.apiDocument},
		route{method: "POST", pattern: "/api/v1/import", action: auth.EditGoals, handler: s.apiImport},
		route{method: "GET", pattern: "/api/v1/units/{unit}/{year}/review", action: auth.ViewDraft, unit: true, handler: s.apiReview},
		route{method: "GET", pattern: "/api/v1/units/{unit}/{year}/monitor", action: auth.ViewDraft, unit: true, handler: s.apiMonitor},
		route{method: "GET", pattern: "/api/v1/units/{unit}/{year}/evaluation", action: auth.ViewDraft, unit: true, handler: s.apiEvaluation},
		route{method: "GET", pattern: "/api/v1/units/{unit}/{year}/remarks", action: auth.ViewDraft, unit: true, handler: s.apiRemarks},
		route{method: "GET", pattern: "/api/v1/overview", handler: s.apiOverview},
		route{method: "POST", pattern: "/api/v1/units/{unit}/{year}/records", action: auth.EditRecords, unit: true, handler: s.apiRecords},
		route{method: "GET", pattern: "/api/v1/units/{unit}/{year}/ledger", action: auth.ViewDraft, unit: true, handler: s.apiLedger},
		route{method: "POST", pattern: "/api/v1/units/{unit}/{year}/ledger", action: auth.EditRecords, unit: true, handler: s.apiLedgerPost},

		route{method: "GET", pattern: "/static/", public: true, handler: s.static},
		route{pattern: "/", public: true, handler: s.unknown},
	)
	return rs
}

// buildMux registers the table; it is the only place handlers are bound.
func (s *server) buildMux(rs []route) *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range rs {
		p := rt.pattern
		if rt.method != "" {
			p = rt.method + " " + p
		}
		mux.Handle(p, s.authorize(rt))
	}
	return mux
}

// isAPI reports whether the path is part of the JSON API, where only
// bearer tokens count and errors are JSON.
func isAPI(path string) bool { return strings.HasPrefix(path, "/api/") }

// allowed says whether u may use the route with the request's path values.
// It is where auth.Can is asked, once per request.
func allowed(u *auth.User, rt route, r *http.Request) bool {
	switch {
	case rt.public:
		return true
	case u == nil:
		return false
	case rt.action == "":
		return true
	case rt.unit:
		return auth.Can(u, rt.action, r.PathValue("unit"))
	}
	return canSome(u, rt.action)
}

// canSome reports whether u may do the action on at least one unit: on
// every unit (Can with no unit works for scopes without limit) or on one
// of the user's own.
func canSome(u *auth.User, a auth.Action) bool {
	if auth.Can(u, a, "") {
		return true
	}
	for _, c := range u.Units {
		if auth.Can(u, a, c) {
			return true
		}
	}
	return false
}

// authorize resolves the user and checks the route's right before the
// handler runs: anonymous users are sent to sign in (401 on the API),
// others refused with 403. A user whose password was set by an
// administrator must change it before anything else.
func (s *server) authorize(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := currentUser(r)
		api := isAPI(r.URL.Path)
		if u != nil && u.MustChange && !api && !rt.public && rt.pattern != "/account/password" {
			http.Redirect(w, r, "/account/password", http.StatusSeeOther)
			return
		}
		if !allowed(u, rt, r) {
			switch {
			case u == nil && api:
				w.Header().Set("WWW-Authenticate", `Bearer realm="jixiao"`)
				apiError(w, http.StatusUnauthorized, "需要接口令牌：请在请求头 Authorization: Bearer <令牌> 中提供有效的令牌")
			case u == nil:
				http.Redirect(w, r, "/login?next="+queryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			case api:
				apiError(w, http.StatusForbidden, forbiddenMessage(u, rt, r))
			default:
				s.log.Warn("无权访问", "user", u.Name, "method", r.Method, "path", r.URL.Path)
				s.errorPage(w, r, http.StatusForbidden, "无权访问", forbiddenMessage(u, rt, r))
			}
			return
		}
		rt.handler(w, r)
	})
}

// forbiddenMessage says in Chinese what the user may not do.
func forbiddenMessage(u *auth.User, rt route, r *http.Request) string {
	what := actionLabel(rt.action)
	if rt.unit {
		return u.Label() + "（" + u.Role.Label() + "）无权" + what + "单位 " + r.PathValue("unit") + " 的文档。"
	}
	return u.Label() + "（" + u.Role.Label() + "）无权" + what + "。"
}

// actionLabel is the Chinese verb phrase of an action.
func actionLabel(a auth.Action) string {
	switch a {
	case auth.ViewDraft:
		return "查看"
	case auth.EditGoals:
		return "修改绩效目标：导入或编辑"
	case auth.EditRecords:
		return "录入运行监控记录："
	case auth.EditEvaluation:
		return "填写绩效自评："
	case auth.Submit:
		return "报送"
	case auth.Return:
		return "退回"
	case auth.Approve:
		return "审核通过"
	case auth.Publish:
		return "公开"
	case auth.Adjust:
		return "登记调整："
	case auth.ManageUsers:
		return "管理用户账户"
	case auth.ViewAudit:
		return "查看审计日志："
	}
	return "访问此页面"
}

func init() {
	funcs["canSome"] = func(u *auth.User, a string) bool { return u != nil && canSome(u, auth.Action(a)) }
	funcs["can"] = func(u *auth.User, a, unit string) bool { return auth.Can(u, auth.Action(a), unit) }
}
