package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"jixiao"
	"jixiao/store"
)

// auditData is the audit trail of a document or of one of its projects.
type auditData struct {
	*docView // nil for the accounts' trail
	// Accounts says the page is the accounts' trail (entries of no unit).
	Accounts bool
	Project  *jixiao.Project
	Entries  []auditRow
	// Newer and Older are the cursors of the neighbouring pages: the seq
	// of the newest and of the oldest entry shown, 0 when there is none.
	Newer, Older int64
}

// auditRow is one entry with its change described for reading.
type auditRow struct {
	store.AuditEntry
	Label       string
	ObjectLabel string // the entry's Object in words
	ProjectName string // the project's name as the document now has it
	Summary     []string
}

// auditLabels name the actions in Chinese.
var auditLabels = map[string]string{
	store.AuditDocumentSave: "保存文档",
	store.AuditGoalsAdd:     "新增项目",
	store.AuditGoalsChange:  "修改绩效目标",
	store.AuditGoalsRemove:  "删除项目",
	store.AuditOverall:      "部门整体目标",
	store.AuditTransition:   "审核状态变更",
	store.AuditAdjustment:   "登记调整",

	store.AuditEvaluationSave: "保存自评",
	store.AuditSpendingAdd:    "录入支出",
	store.AuditProgressAdd:    "录入指标进度",
	store.AuditSpendingImport: "导入支出记录",
	store.AuditProgressImport: "导入进度记录",
	store.AuditRemark:         "审核人意见",
	store.AuditLedgerAdd:      "录入台账",
	store.AuditLedgerWithdraw: "撤销台账记录",
	store.AuditLedgerClose:    "台账记录办结",
	store.AuditLedgerCorrect:  "更正台账记录",
	store.AuditLedgerMeasure:  "指标台账取数",

	store.AuditUserCreate:   "创建账户",
	store.AuditUserUpdate:   "修改账户",
	store.AuditUserPassword: "设置密码",
	store.AuditUserDisable:  "停用账户",
	store.AuditUserEnable:   "启用账户",
	store.AuditUserLocked:   "登录失败过多被锁定",
	store.AuditTokenCreate:  "创建接口令牌",
	store.AuditTokenRevoke:  "撤销接口令牌",
}

// auditPageSize is how many entries one audit page shows.
const auditPageSize = 100

// auditFilter reads the document (and project) in the path and returns
// the filter of its trail.
func (s *server) auditFilter(w http.ResponseWriter, r *http.Request) (*docView, *jixiao.Project, store.AuditFilter, bool) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return nil, nil, store.AuditFilter{}, false
	}
	f := store.AuditFilter{Unit: dv.Doc.Unit.Code, Year: dv.Doc.Year}
	var p *jixiao.Project
	if code := r.PathValue("code"); code != "" {
		if p, ok = dv.Doc.Project(code); !ok {
			s.notFound(w, r, fmt.Sprintf("%s %d年度的绩效目标中没有项目“%s”。", dv.Doc.Unit.Name, dv.Doc.Year, code))
			return nil, nil, store.AuditFilter{}, false
		}
		f.Project = code
	}
	return dv, p, f, true
}

// auditCursor reads the query parameter name as an entry's seq; absent is 0.
func auditCursor(r *http.Request, name string) (int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("翻页参数 %s=“%s”不对：应为审计日志的序号（正整数）", name, v)
	}
	return n, nil
}

// auditCursors reads the paging cursors ?before= and ?after=.
func auditCursors(r *http.Request) (before, after int64, err error) {
	before, err1 := auditCursor(r, "before")
	after, err2 := auditCursor(r, "after")
	return before, after, errors.Join(err1, err2)
}

// auditPage lists who changed what and when, newest first, a page of
// auditPageSize entries at a time. The entry seq is the cursor:
// ?before=N shows the entries older than N, ?after=N those newer than N;
// when no newer page remains, the newest page is shown.
func (s *server) auditPage(w http.ResponseWriter, r *http.Request) {
	dv, p, f, ok := s.auditFilter(w, r)
	if !ok {
		return
	}
	before, after, err := auditCursors(r)
	if err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "翻页参数不对", err.Error())
		return
	}
	es, newer, older, err := s.auditSlice(r, f, before, after)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := auditData{docView: dv, Project: p}
	name := func(code string, n int) string {
		if q, ok := dv.Doc.Project(code); ok && n >= 1 && n <= len(q.Indicators) {
			return q.Indicators[n-1].Level3
		}
		return ""
	}
	d.fill(es, newer, older, name, func(code string) string {
		if q, ok := dv.Doc.Project(code); ok {
			return q.Name
		}
		return ""
	})
	s.render(w, r, http.StatusOK, "audit.html", d)
}

// fill lays out a page of entries, newest first, with the cursors of
// the neighbouring pages; name names an indicator, project a project
// (both "" when unknown).
func (d *auditData) fill(es []store.AuditEntry, newer, older bool, name indicatorNamer, project func(string) string) {
	for _, e := range es {
		label := auditLabels[e.Action]
		if label == "" {
			label = e.Action
		}
		d.Entries = append(d.Entries, auditRow{AuditEntry: e, Label: label, ObjectLabel: auditObject(e),
			ProjectName: project(e.Project), Summary: describe(e, name)})
	}
	if len(es) > 0 {
		if newer {
			d.Newer = es[0].Seq
		}
		if older {
			d.Older = es[len(es)-1].Seq
		}
	}
}

// accountAuditPage lists the trail of accounts and API tokens (entries of
// no unit) for the administrators, newest first, paged as auditPage.
func (s *server) accountAuditPage(w http.ResponseWriter, r *http.Request) {
	before, after, err := auditCursors(r)
	if err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "翻页参数不对", err.Error())
		return
	}
	es, newer, older, err := s.auditSlice(r, store.AuditFilter{Accounts: true}, before, after)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := auditData{Accounts: true}
	none := func(string) string { return "" }
	d.fill(es, newer, older, func(string, int) string { return "" }, none)
	s.render(w, r, http.StatusOK, "audit.html", d)
}

// auditSlice reads one page, newest first, and says whether newer and
// older entries remain. One entry more than a page is read to know.
func (s *server) auditSlice(r *http.Request, f store.AuditFilter, before, after int64) (es []store.AuditEntry, newer, older bool, err error) {
	f.Limit = auditPageSize + 1
	if after > 0 && before == 0 {
		g := f
		g.After = after
		es, err = s.st.AuditLog(r.Context(), g) // oldest first
		if err != nil || len(es) <= auditPageSize {
			after = 0 // no newer page beyond this one: show the newest
		} else {
			es = es[:auditPageSize]
			slices.Reverse(es)
			return es, true, true, nil
		}
	}
	f.Newest, f.Before, f.After = true, before, after
	if es, err = s.st.AuditLog(r.Context(), f); err != nil {
		return nil, false, false, err
	}
	older = len(es) > auditPageSize
	if older {
		es = es[:auditPageSize]
	}
	return es, before > 0, older, nil
}

// auditJSONL exports the document's trail as JSON lines, oldest first,
// with the chain hashes so the export can be checked.
func (s *server) auditJSONL(w http.ResponseWriter, r *http.Request) {
	dv, _, f, ok := s.auditFilter(w, r)
	if !ok {
		return
	}
	es, err := s.st.AuditLog(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/jsonl; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="audit-%s-%d.jsonl"`, dv.Doc.Unit.Code, dv.Doc.Year))
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, e := range es {
		enc.Encode(e)
	}
}

// summarise lists what differs between the before and after JSON of an
// entry, field by field, each value shortened; a side that is not a JSON
// object is shown whole, shortened.
func summarise(before, after string) []string {
	var b, a map[string]any
	bok := before == "" || json.Unmarshal([]byte(before), &b) == nil
	aok := after == "" || json.Unmarshal([]byte(after), &a) == nil
	if !bok || !aok {
		return []string{"之前：" + short(before), "之后：" + short(after)}
	}
	keys := map[string]bool{}
	for k := range b {
		keys[k] = true
	}
	for k := range a {
		keys[k] = true
	}
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	var out []string
	for _, k := range names {
		bv, bin := b[k]
		av, ain := a[k]
		switch {
		case bin && ain && reflect.DeepEqual(bv, av):
			continue
		case !bin:
			out = append(out, fmt.Sprintf("%s：%s", k, short(jsonText(av))))
		case !ain:
			out = append(out, fmt.Sprintf("%s：删除（原为 %s）", k, short(jsonText(bv))))
		default:
			out = append(out, fmt.Sprintf("%s：%s → %s", k, short(jsonText(bv)), short(jsonText(av))))
		}
	}
	return out
}

func jsonText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// short cuts a text to 120 characters.
func short(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= 120 {
		return s
	}
	return string([]rune(s)[:120]) + "…"
}
