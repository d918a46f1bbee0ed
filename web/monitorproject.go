package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"jixiao"
	"jixiao/monitor"
	"jixiao/store"
)

// projectMonitorData is a project's monitoring page: chart, indicators,
// record history and the two entry forms.
type projectMonitorData struct {
	*docView
	Project     *jixiao.Project
	AsOf        jixiao.Date
	Status      monitor.ProjectStatus
	LightLabel  string
	Chart       spendChart
	Indicators  []indicatorLine
	Spending    []spendingLine
	Progress    []progressLine
	SpendForm   spendingForm
	ProgForm    progressForm
	SpendError  string
	ProgError   string
	Causes      []string
	Likelihoods []string
	Href        string // this page's path
}

// indicatorLine is an indicator with its monitoring status.
type indicatorLine struct {
	monitor.IndicatorStatus
	Level1, Level2 string
	StatusLabel    string
	// Ledger is the indicator's value counted from the work records up
	// to the page's date, when it is counted so; LedgerHref lists them.
	Ledger, LedgerHref string
}

// spendingLine is one spending record of the history.
type spendingLine struct {
	jixiao.Spending
	CorrectedBy int64 // id of the record correcting this one, 0 if none
}

// progressLine is one progress record of the history.
type progressLine struct {
	jixiao.Progress
	Name        string
	CorrectedBy int64
}

// spendingForm holds the spending form's values as entered.
type spendingForm struct {
	Date, Amount, Unit, Note, By, Replaces string
}

// progressForm holds the progress form's values as entered.
type progressForm struct {
	Indicator, AsOf, Value, Cause, Likelihood, Measures, By, Replaces string
}

// loadProject reads the document and the project named in the path,
// answering 404 itself.
func (s *server) loadProject(w http.ResponseWriter, r *http.Request) (*docView, *jixiao.Project, bool) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return nil, nil, false
	}
	code := r.PathValue("code")
	p, ok := dv.Doc.Project(code)
	if !ok {
		s.notFound(w, r, fmt.Sprintf("%s %d年度的绩效目标中没有项目“%s”。", dv.Doc.Unit.Name, dv.Doc.Year, code))
		return nil, nil, false
	}
	return dv, p, true
}

// projectMonitorPage shows a project's monitoring as of ?as_of=.
func (s *server) projectMonitorPage(w http.ResponseWriter, r *http.Request) {
	dv, p, ok := s.loadProject(w, r)
	if !ok {
		return
	}
	asOf, err := asOfParam(r, dv.Doc.Year)
	if err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "日期无效", "监控日期："+err.Error())
		return
	}
	d := s.projectMonitor(dv, p, asOf)
	if err := s.addLedger(r.Context(), &d); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.SpendForm = spendingForm{Date: asOf.String(), Unit: "wan"}
	d.ProgForm = progressForm{AsOf: asOf.String()}
	s.render(w, r, http.StatusOK, "monitorproject.html", d)
}

// addLedger puts beside each indicator counted from the work records its
// value as of the page's date, so that the progress report can be taken
// from the records instead of counted by hand.
func (s *server) addLedger(ctx context.Context, d *projectMonitorData) error {
	_, bound, err := s.ledgerValues(ctx, d.docView, d.AsOf)
	if err != nil {
		return err
	}
	for _, b := range bound {
		if b.Project != d.Project.Code || b.Problem != "" || b.Value == "" {
			continue
		}
		for i := range d.Indicators {
			if l := &d.Indicators[i]; l.Indicator == b.Indicator {
				l.Ledger, l.LedgerHref = b.Value, b.Href
			}
		}
	}
	return nil
}

func (s *server) projectMonitor(dv *docView, p *jixiao.Project, asOf jixiao.Date) projectMonitorData {
	st := monitor.Project(p, dv.Doc.Year, asOf, monitor.DefaultConfig())
	d := projectMonitorData{docView: dv, Project: p, AsOf: asOf, Status: st, LightLabel: monitor.Label(st.Light),
		Chart: projectChart(p, dv.Doc.Year, asOf), Causes: jixiao.Causes, Likelihoods: jixiao.Likelihoods,
		Href: monitorPath(dv.Doc.Key(), p.Code)}
	for _, i := range st.Indicators {
		in := p.Indicators[i.Indicator-1]
		d.Indicators = append(d.Indicators, indicatorLine{IndicatorStatus: i, Level1: in.Level1, Level2: in.Level2,
			StatusLabel: monitor.Label(i.Status)})
	}
	for _, r := range p.Spending {
		l := spendingLine{Spending: r}
		for _, o := range p.Spending {
			if o.Replaces == r.ID {
				l.CorrectedBy = o.ID
			}
		}
		d.Spending = append(d.Spending, l)
	}
	for _, r := range p.Progress {
		l := progressLine{Progress: r}
		if r.Indicator >= 1 && r.Indicator <= len(p.Indicators) {
			l.Name = p.Indicators[r.Indicator-1].Level3
		}
		for _, o := range p.Progress {
			if o.Replaces == r.ID {
				l.CorrectedBy = o.ID
			}
		}
		d.Progress = append(d.Progress, l)
	}
	return d
}

// spendingPost adds a spending record from the form. A refused entry
// re-renders the page with the message and the values entered (400);
// a stored one redirects back (303).
func (s *server) spendingPost(w http.ResponseWriter, r *http.Request) {
	dv, p, ok := s.loadProject(w, r)
	if !ok {
		return
	}
	f := spendingForm{
		Date: strings.TrimSpace(r.PostFormValue("date")), Amount: strings.TrimSpace(r.PostFormValue("amount")),
		Unit: r.PostFormValue("unit"), Note: strings.TrimSpace(r.PostFormValue("note")),
		By: currentUser(r).Name, Replaces: r.PostFormValue("replaces"),
	}
	rec, err := f.record()
	if err == nil {
		_, err = s.st.AddSpending(r.Context(), dv.Doc.Key(), p.Code, rec)
	}
	s.afterEntry(w, r, dv, p, rec.Date, err, func(d *projectMonitorData, msg string) {
		d.SpendForm, d.SpendError = f, msg
		d.ProgForm = progressForm{AsOf: d.AsOf.String()}
	})
}

// progressPost adds a progress report from the form, as spendingPost.
func (s *server) progressPost(w http.ResponseWriter, r *http.Request) {
	dv, p, ok := s.loadProject(w, r)
	if !ok {
		return
	}
	f := progressForm{
		Indicator: r.PostFormValue("indicator"), AsOf: strings.TrimSpace(r.PostFormValue("as_of")),
		Value: strings.TrimSpace(r.PostFormValue("value")), Cause: r.PostFormValue("cause"),
		Likelihood: r.PostFormValue("likelihood"), Measures: strings.TrimSpace(r.PostFormValue("measures")),
		By: currentUser(r).Name, Replaces: r.PostFormValue("replaces"),
	}
	rec, err := f.record()
	if err == nil {
		_, err = s.st.AddProgress(r.Context(), dv.Doc.Key(), p.Code, rec)
	}
	s.afterEntry(w, r, dv, p, rec.AsOf, err, func(d *projectMonitorData, msg string) {
		d.ProgForm, d.ProgError = f, msg
		d.SpendForm = spendingForm{Date: d.AsOf.String(), Unit: "wan"}
	})
}

// afterEntry answers an entry: 303 back to the page as of the record's
// date when stored, the page again with the message (400) when refused.
func (s *server) afterEntry(w http.ResponseWriter, r *http.Request, dv *docView, p *jixiao.Project,
	on jixiao.Date, err error, fill func(*projectMonitorData, string)) {
	back := monitorPath(dv.Doc.Key(), p.Code)
	if err == nil {
		http.Redirect(w, r, back+"?as_of="+on.String(), http.StatusSeeOther)
		return
	}
	if !errors.Is(err, store.ErrInvalid) && !errors.Is(err, errForm) {
		s.failed(w, r, err, "没有找到该项目。")
		return
	}
	asOf, aerr := asOfParam(r, dv.Doc.Year)
	if aerr != nil || !on.IsZero() && on.Y == dv.Doc.Year {
		asOf = on
	}
	if asOf.Y != dv.Doc.Year {
		asOf = jixiao.YearEnd(dv.Doc.Year)
	}
	d := s.projectMonitor(dv, p, asOf)
	if err := s.addLedger(r.Context(), &d); err != nil {
		s.serverError(w, r, err)
		return
	}
	fill(&d, strings.TrimPrefix(err.Error(), errForm.Error()+"："))
	s.render(w, r, http.StatusBadRequest, "monitorproject.html", d)
}

// errForm marks a form value that could not be read.
var errForm = errors.New("表单有误")

func formErr(format string, args ...any) error {
	return fmt.Errorf("%w：%s", errForm, fmt.Sprintf(format, args...))
}

// record reads the spending form: the amount in 万元 or 元 as chosen.
func (f spendingForm) record() (jixiao.Spending, error) {
	var rec jixiao.Spending
	if f.By == "" {
		return rec, formErr("请填写录入人")
	}
	rec.Entered.By, rec.Note = f.By, f.Note
	d, err := jixiao.ParseDate(f.Date)
	if err != nil {
		return rec, formErr("支出日期：%v", err)
	}
	rec.Date = d
	parse := jixiao.ParseWan
	if f.Unit == "yuan" {
		parse = jixiao.ParseYuan
	}
	if rec.Amount, err = parse(f.Amount); err != nil {
		return rec, formErr("%v", err)
	}
	if rec.Replaces, err = replacesValue(f.Replaces); err != nil {
		return rec, err
	}
	return rec, nil
}

// record reads the progress form.
func (f progressForm) record() (jixiao.Progress, error) {
	var rec jixiao.Progress
	if f.By == "" {
		return rec, formErr("请填写录入人")
	}
	rec.Entered.By = f.By
	n, err := strconv.Atoi(f.Indicator)
	if err != nil {
		return rec, formErr("请选择指标")
	}
	rec.Indicator = n
	if rec.AsOf, err = jixiao.ParseDate(f.AsOf); err != nil {
		return rec, formErr("截至日期：%v", err)
	}
	rec.Value, rec.Measures = f.Value, f.Measures
	rec.Cause, rec.Likelihood = f.Cause, f.Likelihood
	if rec.Replaces, err = replacesValue(f.Replaces); err != nil {
		return rec, err
	}
	return rec, nil
}

func replacesValue(s string) (int64, error) {
	if s = strings.TrimSpace(s); s == "" || s == "0" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, formErr("要更正的记录编号“%s”无效", s)
	}
	return n, nil
}

func init() {
	// clock writes an entry time to the minute in China's time zone.
	funcs["clock"] = func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(china).Format("2006-01-02 15:04")
	}
}
