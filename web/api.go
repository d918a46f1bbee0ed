package web

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"

	"jixiao"
	"jixiao/auth"
	"jixiao/jsondoc"
	"jixiao/jsonout"
	"jixiao/monitor"
	"jixiao/review"
	"jixiao/score"
	"jixiao/store"
)

// The JSON API for integrations (budget systems, reporting tools). Callers
// authenticate with a per-user token (Authorization: Bearer …, made on
// /account/tokens) and have exactly the rights of that user; cookies are
// ignored on /api/. The shapes are those of the command line: jixiao/v1
// documents (FORMAT.md), review.WriteJSON, and package jsonout.

//go:embed openapi.json
var apiFS embed.FS

// apiError writes {"error": "中文消息"} with the status.
func apiError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

// apiJSON writes v as the 200 answer.
func apiJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	jsonout.Write(w, v)
}

// openAPI serves the hand-written OpenAPI 3 description.
func (s *server) openAPI(w http.ResponseWriter, r *http.Request) {
	b, _ := apiFS.ReadFile("openapi.json")
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(b)
}

// apiHelp is a short page for people about the API.
func (s *server) apiHelp(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "api.html", nil)
}

// help is the users' guide: who does what, the year's work, the files
// the pages take, and what happens when two people edit at once.
func (s *server) help(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "help.html", nil)
}

// apiDocKey reads {unit} and {year}.
func apiDocKey(w http.ResponseWriter, r *http.Request) (jixiao.Key, bool) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || y < 1900 || y > 9999 {
		apiError(w, http.StatusNotFound, fmt.Sprintf("年度“%s”不是有效的年份", r.PathValue("year")))
		return jixiao.Key{}, false
	}
	return jixiao.Key{Unit: r.PathValue("unit"), Year: y}, true
}

// apiDoc loads the document in the path, answering errors itself.
func (s *server) apiDoc(w http.ResponseWriter, r *http.Request) (*jixiao.Document, bool) {
	k, ok := apiDocKey(w, r)
	if !ok {
		return nil, false
	}
	doc, err := s.st.Document(r.Context(), k)
	if errors.Is(err, jixiao.ErrNotFound) {
		apiError(w, http.StatusNotFound, fmt.Sprintf("没有单位“%s”%d年度的绩效目标", k.Unit, k.Year))
		return nil, false
	}
	if err != nil {
		s.apiFail(w, r, err)
		return nil, false
	}
	return doc, true
}

func (s *server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("接口错误", "path", r.URL.Path, "err", err)
	apiError(w, http.StatusInternalServerError, "系统出现内部错误，已记录。请稍后重试。")
}

// apiDocumentItem is one entry of GET /api/v1/documents.
type apiDocumentItem struct {
	Unit       string `json:"unit"`
	UnitName   string `json:"unit_name"`
	Year       int    `json:"year"`
	Projects   int    `json:"projects"`
	Indicators int    `json:"indicators"`
	BudgetFen  int64  `json:"budget_fen"`
	Version    int64  `json:"version"`
	Updated    string `json:"updated"`
	Goals      string `json:"goals_state"`
	Monitoring string `json:"monitoring_state"`
	Evaluation string `json:"evaluation_state"`
	// The stored goal review's counts; null before the review is kept.
	Errors   *int `json:"review_errors"`
	Warnings *int `json:"review_warnings"`
}

// reviewCounts are a summary's review counts for the API, nil when the
// review is not kept yet.
func reviewCounts(m store.Summary) (errors, warnings *int) {
	if !m.Reviewed {
		return nil, nil
	}
	return &m.Errors, &m.Warnings
}

// apiDocuments lists the documents the caller may see.
func (s *server) apiDocuments(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	docs, err := s.st.Documents(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := []apiDocumentItem{}
	for _, d := range docs {
		if !auth.Can(u, auth.ViewDraft, d.Key.Unit) {
			continue
		}
		item := apiDocumentItem{Unit: d.Key.Unit, UnitName: d.UnitName, Year: d.Key.Year, Projects: d.Projects,
			Indicators: d.Indicators, BudgetFen: int64(d.Budget), Version: d.Version,
			Updated: d.Updated.UTC().Format("2006-01-02T15:04:05Z"), Goals: string(d.Goals), Monitoring: string(d.Monitoring), Evaluation: string(d.Evaluation)}
		item.Errors, item.Warnings = reviewCounts(d)
		out = append(out, item)
	}
	apiJSON(w, map[string]any{"documents": out})
}

// apiDocument sends one document as jixiao/v1.
func (s *server) apiDocument(w http.ResponseWriter, r *http.Request) {
	doc, ok := s.apiDoc(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := jsondoc.Encode(w, []*jixiao.Document{doc}); err != nil {
		s.log.Error("接口错误", "err", err)
	}
}

// apiReview sends the review report as `jixiao review --format json`.
func (s *server) apiReview(w http.ResponseWriter, r *http.Request) {
	doc, ok := s.apiDoc(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	review.WriteJSON(w, review.Review(doc, review.DefaultConfig()))
}

// apiMonitor sends the monitoring roll-up as `jixiao monitor --format
// json`, as of ?as_of= (default the year's 31 December).
func (s *server) apiMonitor(w http.ResponseWriter, r *http.Request) {
	doc, ok := s.apiDoc(w, r)
	if !ok {
		return
	}
	d := jixiao.YearEnd(doc.Year)
	if v := r.URL.Query().Get("as_of"); v != "" {
		var err error
		if d, err = jixiao.ParseDate(v); err != nil {
			apiError(w, http.StatusBadRequest, "as_of："+err.Error())
			return
		}
	}
	apiJSON(w, jsonout.MonitorOf(monitor.Document(doc, d, monitor.DefaultConfig())))
}

// apiEvaluation sends the self-evaluation scores as `jixiao evaluate
// --format json`.
func (s *server) apiEvaluation(w http.ResponseWriter, r *http.Request) {
	doc, ok := s.apiDoc(w, r)
	if !ok {
		return
	}
	rs, err := score.Document(doc, score.DefaultConfig())
	if rs == nil && err != nil {
		apiError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	apiJSON(w, jsonout.EvaluationOf(rs))
}

// apiImport stores the jixiao/v1 documents of the body, with the rules of
// the import page: every unit must be one the caller may edit, all or
// nothing, approved goals need an adjustment.
func (s *server) apiImport(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	data, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		apiError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("请求体超过 %d MB 上限，没有保存任何数据", MaxBody>>20))
		return
	}
	if err != nil {
		apiError(w, http.StatusBadRequest, "请求体无法读取，没有保存任何数据")
		return
	}
	docs, err := jsondoc.Decode("请求体", data)
	if err != nil {
		apiError(w, http.StatusBadRequest, err.Error()+"；没有保存任何数据")
		return
	}
	if len(docs) == 0 {
		apiError(w, http.StatusBadRequest, "请求体中没有绩效目标文档")
		return
	}
	if msg := importForbidden(u, docs); msg != "" {
		apiError(w, http.StatusForbidden, msg)
		return
	}
	changes, err := s.st.SaveDocuments(r.Context(), docs, u.Name)
	if err != nil {
		status, msg := importError(err)
		if status == http.StatusInternalServerError {
			s.apiFail(w, r, err)
			return
		}
		apiError(w, status, msg)
		return
	}
	apiJSON(w, map[string]any{"changes": changes})
}

// importForbidden names the first unit of the documents the user may not
// change, as a message; "" when all are allowed.
func importForbidden(u *auth.User, docs []*jixiao.Document) string {
	for _, d := range docs {
		if !auth.Can(u, auth.EditGoals, d.Unit.Code) {
			return fmt.Sprintf("%s（%s）无权修改单位 %s（%s）的绩效目标，没有保存任何数据", u.Label(), u.Role.Label(), d.Unit.Code, d.Unit.Name)
		}
	}
	return ""
}

// importError maps a SaveDocuments refusal to a status and message.
func importError(err error) (int, string) {
	var ie *jixiao.ImportError
	switch {
	case errors.As(err, &ie):
		return http.StatusBadRequest, ie.Error()
	case errors.Is(err, store.ErrGoalsLocked):
		return http.StatusConflict, err.Error()
	case errors.Is(err, jixiao.ErrConflict):
		return http.StatusConflict, err.Error()
	case errors.Is(err, store.ErrInvalid):
		return http.StatusBadRequest, err.Error()
	}
	return http.StatusInternalServerError, ""
}

// apiOverviewRow is one unit of GET /api/v1/overview, or the total.
type apiOverviewRow struct {
	Unit       string  `json:"unit,omitempty"`
	UnitName   string  `json:"unit_name,omitempty"`
	Units      int     `json:"units,omitempty"` // the total's count of units
	Projects   int     `json:"projects"`
	BudgetFen  int64   `json:"budget_fen"`
	Goals      string  `json:"goals_state,omitempty"`
	Monitoring string  `json:"monitoring_state,omitempty"`
	Evaluation string  `json:"evaluation_state,omitempty"`
	Errors     *int    `json:"review_errors"`
	Warnings   *int    `json:"review_warnings"`
	Red        int     `json:"red"`
	Yellow     int     `json:"yellow"`
	Green      int     `json:"green"`
	SpentFen   int64   `json:"spent_fen"`
	Expected   int64   `json:"expected_fen"`
	Evaluated  int     `json:"evaluated"`
	Refused    int     `json:"refused"`
	MeanScore  *string `json:"mean_score"`
}

func apiOverviewRowOf(r overviewRow) apiOverviewRow {
	a := apiOverviewRow{Unit: r.Key.Unit, UnitName: r.UnitName, Projects: r.Projects, BudgetFen: int64(r.Budget),
		Goals: string(r.Goals), Monitoring: string(r.Monitoring), Evaluation: string(r.Evaluation), Red: r.Red, Yellow: r.Yellow, Green: r.Green,
		SpentFen: int64(r.Spent), Expected: int64(r.Expected), Evaluated: r.Evaluated, Refused: r.Refused}
	a.Errors, a.Warnings = reviewCounts(r.Summary)
	if m := r.MeanScore(); m != "" {
		a.MeanScore = &m
	}
	return a
}

// apiOverview sends the year's overview of the units the caller may see,
// as the overview page shows it (?year=, ?as_of= as there; a date outside
// the year is refused).
func (s *server) apiOverview(w http.ResponseWriter, r *http.Request) {
	d, ok := s.overviewAnswer(w, r, true)
	if !ok {
		return
	}
	units := []apiOverviewRow{}
	for _, row := range d.Rows {
		units = append(units, apiOverviewRowOf(row))
	}
	total := apiOverviewRowOf(d.Total)
	total.Units = len(d.Rows)
	apiJSON(w, map[string]any{"year": d.Year, "as_of": d.AsOf.String(), "units": units, "total": total})
}

// apiRemark is a reviewer's remark in GET …/remarks.
type apiRemark struct {
	Project string `json:"project"`
	Text    string `json:"text"`
	Grade   string `json:"grade,omitempty"`
	Version int64  `json:"version"`
	By      string `json:"by"`
	At      string `json:"at"`
}

// apiRemarks sends the reviewers' remarks of the document's review
// opinion: the document's (project "") first, then by project code.
func (s *server) apiRemarks(w http.ResponseWriter, r *http.Request) {
	doc, ok := s.apiDoc(w, r)
	if !ok {
		return
	}
	rs, err := s.st.Remarks(r.Context(), doc.Key())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := []apiRemark{}
	for _, code := range slices.Sorted(maps.Keys(rs)) {
		m := rs[code]
		if m.Text == "" && m.Grade == "" {
			continue
		}
		out = append(out, apiRemark{m.Project, m.Text, m.Grade, m.Version, m.By, m.At.UTC().Format("2006-01-02T15:04:05Z")})
	}
	apiJSON(w, map[string]any{"remarks": out})
}
