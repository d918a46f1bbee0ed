package web

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"jixiao"
	"jixiao/monitor"
)

// monitorFormData is the official monitoring form (绩效目标执行监控表,
// DOMAIN.md §4) of one project for a cut-off date, 1–7月 by default.
type monitorFormData struct {
	*docView
	Project   *jixiao.Project
	AsOf      jixiao.Date
	Period    string // 1-7月
	Budget    string // 年初预算数, 万元
	Executed  string // 1–N月执行数
	Rate      string // 执行率 %
	YearSpend string // 全年预计执行数
	Rows      []monitorFormRow
	Causes    []string
	Href      string
}

// monitorFormRow is one indicator row of the form.
type monitorFormRow struct {
	Level1, Level2, Level3 string
	Span1, Span2           int
	Target, Done           string
	Forecast               string // 全年预计完成情况
	Causes                 []bool // one mark per jixiao.Causes
	Likelihood, Measures   string
}

// monitorForm lays out the form for project p as of d. 全年预计执行数 is
// the plan's spending by 31 December (the budget when the plan reaches
// 100%), never less than what is already spent, as no separate estimate is
// recorded; 全年预计完成情况 follows the reported likelihood.
func monitorForm(dv *docView, p *jixiao.Project, d jixiao.Date) monitorFormData {
	year := dv.Doc.Year
	st := monitor.Project(p, year, d, monitor.DefaultConfig())
	full := monitor.Project(p, year, jixiao.YearEnd(year), monitor.DefaultConfig())
	f := monitorFormData{docView: dv, Project: p, AsOf: d, Causes: jixiao.Causes,
		Period:    fmt.Sprintf("1-%d月", int(d.M)),
		Budget:    p.Budget.Wan(),
		Executed:  st.Spent.Wan(),
		Rate:      st.Actual.Fixed(2) + "%",
		YearSpend: max(full.ExpectedFen, st.Spent).Wan(),
		Href:      monitorPath(dv.Doc.Key(), p.Code),
	}
	rows := indicatorRows(p.Indicators)
	for i, in := range st.Indicators {
		r := monitorFormRow{
			Level1: rows[i].Level1, Level2: rows[i].Level2, Level3: rows[i].Level3,
			Span1: rows[i].Span1, Span2: rows[i].Span2,
			Target: in.Target, Done: in.Latest, Likelihood: in.Likelihood, Measures: in.Measures,
			Causes: make([]bool, len(jixiao.Causes)),
		}
		if j := slices.Index(jixiao.Causes, in.Cause); j >= 0 {
			r.Causes[j] = true
		}
		r.Forecast = forecast(in)
		f.Rows = append(f.Rows, r)
	}
	return f
}

// forecast is the 全年预计完成情况 cell: from the likelihood reported, or
// from the status when none was.
func forecast(in monitor.IndicatorStatus) string {
	switch in.Likelihood {
	case "确定能":
		return "能够完成"
	case "有可能":
		return "有可能完成"
	case "完全不可能":
		return "不能完成"
	}
	switch in.Status {
	case monitor.StatusMet:
		return "已完成"
	case monitor.StatusOnTrack:
		return "能够完成"
	case monitor.StatusBehind:
		return "存在偏差"
	}
	return ""
}

// formAsOf reads ?as_of= for the form; the default is 31 July, the
// national cut-off (1–7月).
func formAsOf(r *http.Request, year int) (jixiao.Date, error) {
	if v := r.URL.Query().Get("as_of"); v != "" {
		d, err := jixiao.ParseDate(v)
		if err == nil && d.Y != year {
			err = fmt.Errorf("日期%s不在%d年度内", d.Chinese(), year)
		}
		return d, err
	}
	return jixiao.Date{Y: year, M: time.July, D: 31}, nil
}

// monitorFormFor reads the project and the cut-off date of a request for
// the form, answering the request itself when either is wrong.
func (s *server) monitorFormFor(w http.ResponseWriter, r *http.Request) (monitorFormData, bool) {
	dv, p, ok := s.loadProject(w, r)
	if !ok {
		return monitorFormData{}, false
	}
	d, err := formAsOf(r, dv.Doc.Year)
	if err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "日期无效", "截止日期："+err.Error())
		return monitorFormData{}, false
	}
	return monitorForm(dv, p, d), true
}

// monitorFormPage renders the printable form.
func (s *server) monitorFormPage(w http.ResponseWriter, r *http.Request) {
	if f, ok := s.monitorFormFor(w, r); ok {
		s.render(w, r, http.StatusOK, "monitorform.html", f)
	}
}

// monitorFormXLSX sends the same form as an Excel workbook.
func (s *server) monitorFormXLSX(w http.ResponseWriter, r *http.Request) {
	f, ok := s.monitorFormFor(w, r)
	if !ok {
		return
	}
	data, err := monitorFormWorkbook(f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, "xlsx", "monitor", fmt.Sprintf("%s绩效目标执行监控表（%s）", f.Project.Name, f.AsOf.String()), data)
}
