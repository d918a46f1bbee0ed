package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"jixiao"
	"jixiao/store"
)

// auditData is the audit trail of a document or of one of its projects.
type auditData struct {
	*docView
	Project *jixiao.Project
	Entries []auditRow
}

// auditRow is one entry with its change summarised for reading.
type auditRow struct {
	store.AuditEntry
	Label   string
	Summary []string
}

// auditLabels name the actions in Chinese.
var auditLabels = map[string]string{
	store.AuditDocumentSave: "保存文档",
	store.AuditGoalsAdd:     "新增项目",
	store.AuditGoalsChange:  "修改绩效目标",
	store.AuditGoalsRemove:  "删除项目",
	store.AuditTransition:   "审核状态变更",
	store.AuditAdjustment:   "登记调整",
}

// auditEntries reads the trail of the document (and project) in the path.
func (s *server) auditEntries(w http.ResponseWriter, r *http.Request) (*docView, *jixiao.Project, []store.AuditEntry, bool) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return nil, nil, nil, false
	}
	f := store.AuditFilter{Unit: dv.Doc.Unit.Code, Year: dv.Doc.Year}
	var p *jixiao.Project
	if code := r.PathValue("code"); code != "" {
		if p, ok = dv.Doc.Project(code); !ok {
			s.notFound(w, r, fmt.Sprintf("%s %d年度的绩效目标中没有项目“%s”。", dv.Doc.Unit.Name, dv.Doc.Year, code))
			return nil, nil, nil, false
		}
		f.Project = code
	}
	es, err := s.st.AuditLog(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return nil, nil, nil, false
	}
	return dv, p, es, true
}

// auditPage lists who changed what and when, newest first.
func (s *server) auditPage(w http.ResponseWriter, r *http.Request) {
	dv, p, es, ok := s.auditEntries(w, r)
	if !ok {
		return
	}
	d := auditData{docView: dv, Project: p}
	for i := len(es) - 1; i >= 0; i-- {
		e := es[i]
		label := auditLabels[e.Action]
		if label == "" {
			label = e.Action
		}
		d.Entries = append(d.Entries, auditRow{AuditEntry: e, Label: label, Summary: summarise(e.Before, e.After)})
	}
	s.render(w, r, http.StatusOK, "audit.html", d)
}

// auditJSONL exports the document's trail as JSON lines, oldest first,
// with the chain hashes so the export can be checked.
func (s *server) auditJSONL(w http.ResponseWriter, r *http.Request) {
	dv, _, es, ok := s.auditEntries(w, r)
	if !ok {
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
