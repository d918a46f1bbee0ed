package web

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"jixiao"
	"jixiao/score"
	"jixiao/store"
)

// evalData is a project's self-evaluation page: the entry form, the score
// it gives with the reasoning, and the history of saves.
type evalData struct {
	*docView
	Project *jixiao.Project
	Version int64
	By      string
	// Form fields as entered (or as stored), so a refused save keeps them.
	Adjusted, Executed, Reason string
	Rows                       []evalRow
	Result                     *score.Result
	// Error is why the entered evaluation cannot be scored or saved.
	Error   string
	History []store.EvaluationChange
	Saved   bool
}

// evalRow is one indicator of the form with its computed score.
type evalRow struct {
	indicatorRow
	Qualitative               bool
	Value, Grade, Score, Note string
	Points, Got               string
	Explanation               string
	// Ledger is the value counted from the work records when the
	// indicator is bound to a measure (see ledgerValues), with what it
	// counts and the records behind it; LedgerProblem says why a binding
	// no longer applies.
	Ledger, LedgerLabel, LedgerHref, LedgerProblem string
	// FromLedger is what the ledger counted for the stored actual, when
	// it was saved as the ledger's value; the printed form notes it.
	FromLedger string
}

// ledgerSource starts the Source of an actual saved as the ledger's
// value; the measure's label follows.
const ledgerSource = "台账："

// prefillLedger gives a quantitative indicator counted from the ledger
// and not yet given a value the ledger's, on the entry form.
func (d *evalData) prefillLedger() {
	for i := range d.Rows {
		if row := &d.Rows[i]; row.Ledger != "" && !row.Qualitative && row.Value == "" {
			row.Value = row.Ledger
		}
	}
}

// evaluationPage shows the self-evaluation form of one project, with the
// stored evaluation's score.
func (s *server) evaluationPage(w http.ResponseWriter, r *http.Request) {
	d, ok := s.evalBase(w, r)
	if !ok {
		return
	}
	d.fillStored()
	d.prefillLedger()
	d.Saved = r.URL.Query().Get("saved") == "1"
	s.scoreInto(d, d.Project.Evaluation)
	s.render(w, r, http.StatusOK, "evaluation.html", d)
}

// fillStored puts the stored evaluation, if any, into the form's fields.
func (d *evalData) fillStored() {
	ev := d.Project.Evaluation
	if ev == nil {
		return
	}
	if ev.AdjustedBudget != 0 {
		d.Adjusted = ev.AdjustedBudget.WanExact()
	}
	if ev.HasExecuted {
		d.Executed = ev.Executed.WanExact()
	}
	d.Reason = ev.Reason
	for _, a := range ev.Actuals {
		if a.Indicator >= 1 && a.Indicator <= len(d.Rows) {
			row := &d.Rows[a.Indicator-1]
			row.Value, row.Grade, row.Note = a.Value, a.Grade, a.Reason
			if label, ok := strings.CutPrefix(a.Source, ledgerSource); ok {
				row.FromLedger = label
			}
			if a.HasScore {
				row.Score = a.Score.String()
			}
		}
	}
}

// evaluationPost saves the entered evaluation. A refusal (a value that
// cannot be scored, or a save by someone else since the page was opened)
// shows the form again with everything entered kept.
func (s *server) evaluationPost(w http.ResponseWriter, r *http.Request) {
	d, ok := s.evalBase(w, r)
	if !ok {
		return
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	d.Version = version
	d.By = currentUser(r).Name // the signed-in user is the 评价人, by login name as in the audit trail
	d.Adjusted = strings.TrimSpace(r.PostFormValue("adjusted"))
	d.Executed = strings.TrimSpace(r.PostFormValue("executed"))
	d.Reason = strings.TrimSpace(r.PostFormValue("reason"))
	for i := range d.Rows {
		row := &d.Rows[i]
		n := strconv.Itoa(row.N)
		row.Value = strings.TrimSpace(r.PostFormValue("value" + n))
		row.Grade = strings.TrimSpace(r.PostFormValue("grade" + n))
		row.Score = strings.TrimSpace(r.PostFormValue("score" + n))
		row.Note = strings.TrimSpace(r.PostFormValue("note" + n))
	}
	ev, err := d.evaluation()
	if err != nil {
		d.Error = err.Error()
		s.render(w, r, http.StatusUnprocessableEntity, "evaluation.html", d)
		return
	}
	_, err = s.st.SaveEvaluation(r.Context(), d.Doc.Key(), d.Project.Code, ev, d.By, version)
	switch {
	case err == nil:
		http.Redirect(w, r, projectPath(d.Doc.Key(), d.Project.Code)+"/evaluation?saved=1", http.StatusSeeOther)
		return
	case errors.Is(err, jixiao.ErrConflict):
		d.Error = jixiao.ErrConflict.Error() + "。您填写的内容保留在下方；刷新页面可看到他人保存的自评，再决定是否重新填写保存。"
		s.scoreInto(d, &ev)
		s.render(w, r, http.StatusConflict, "evaluation.html", d)
	case errors.Is(err, jixiao.ErrNotFound):
		s.notFound(w, r, err.Error())
	default:
		// The store refuses what the scorer refuses: say why, keep the input.
		d.Error = "没有保存：" + err.Error()
		s.render(w, r, http.StatusUnprocessableEntity, "evaluation.html", d)
	}
}

// evalBase loads the document, the project, its history and version, and
// lays out the form rows.
func (s *server) evalBase(w http.ResponseWriter, r *http.Request) (*evalData, bool) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return nil, false
	}
	code := r.PathValue("code")
	p, ok := dv.Doc.Project(code)
	if !ok {
		s.notFound(w, r, fmt.Sprintf("%s %d年度的绩效目标中没有项目“%s”。", dv.Doc.Unit.Name, dv.Doc.Year, code))
		return nil, false
	}
	d := &evalData{docView: dv, Project: p}
	var err error
	if d.History, err = s.st.EvaluationHistory(r.Context(), dv.Doc.Key(), code); err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	d.Version = int64(len(d.History))
	if len(d.History) > 0 {
		d.Version = d.History[len(d.History)-1].Version
	}
	slices.Reverse(d.History) // newest first on the page
	for _, row := range indicatorRows(p.Indicators) {
		d.Rows = append(d.Rows, evalRow{indicatorRow: row, Qualitative: !row.Target.Measurable()})
	}
	_, bound, err := s.ledgerValues(r.Context(), dv, jixiao.Date{})
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	for _, b := range bound {
		if b.Project != code || b.Indicator < 1 || b.Indicator > len(d.Rows) {
			continue
		}
		row := &d.Rows[b.Indicator-1]
		row.Ledger, row.LedgerLabel, row.LedgerHref, row.LedgerProblem = b.Value, b.Label, b.Href, b.Problem
	}
	return d, true
}

// evaluation reads the entered form into an Evaluation; blank 执行数
// means "from the spending records".
func (d *evalData) evaluation() (jixiao.Evaluation, error) {
	var ev jixiao.Evaluation
	var err error
	if d.Adjusted != "" {
		if ev.AdjustedBudget, err = jixiao.ParseWan(d.Adjusted); err != nil {
			return ev, fmt.Errorf("全年预算数：%v", err)
		}
	}
	if d.Executed != "" {
		if ev.Executed, err = jixiao.ParseWan(d.Executed); err != nil {
			return ev, fmt.Errorf("全年执行数：%v", err)
		}
		ev.HasExecuted = true
	}
	ev.Reason = d.Reason
	for _, row := range d.Rows {
		if row.Value == "" && row.Grade == "" && row.Score == "" && row.Note == "" {
			continue
		}
		a := jixiao.Actual{Indicator: row.N, Value: row.Value, Grade: row.Grade, Reason: row.Note}
		if row.Ledger != "" && row.Value == row.Ledger {
			a.Source = ledgerSource + row.LedgerLabel
		}
		if row.Score != "" {
			if a.Score, err = jixiao.ParseDecimal(row.Score); err != nil {
				return ev, fmt.Errorf("指标%d“%s”的得分“%s”不是数字", row.N, row.Level3, row.Score)
			}
			a.HasScore = true
		}
		ev.Actuals = append(ev.Actuals, a)
	}
	return ev, nil
}

// scoreInto scores the project with evaluation ev (nil: nothing to show)
// and puts each indicator's score and reasoning beside its row.
func (s *server) scoreInto(d *evalData, ev *jixiao.Evaluation) {
	if ev == nil {
		return
	}
	p := *d.Project
	p.Evaluation = ev
	res, err := score.Project(&p, d.Doc.Year, score.DefaultConfig())
	if err != nil {
		if d.Error == "" {
			d.Error = err.Error()
		}
		return
	}
	d.Result = &res
	for i, sc := range res.Indicators {
		d.Rows[i].Points, d.Rows[i].Got, d.Rows[i].Explanation = sc.Points.Fixed(2), sc.Score.Fixed(2), sc.Explanation
	}
}

// summaryRow is one project of the department's evaluation ranking.
type summaryRow struct {
	Code, Name, Href string
	Result           *score.Result
	Error            string
	// Suggestion is what the grade suggests for next year's budget
	// (score.Suggest with the default table), "" when nothing changes.
	Suggestion string
}

type summaryData struct {
	*docView
	Rows                 []summaryRow
	Evaluated, Remaining int
}

// evaluationSummary ranks the department's projects by self-evaluation
// total; projects without one are listed after as 未评价.
func (s *server) evaluationSummary(w http.ResponseWriter, r *http.Request) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "evaluation_summary.html", summaryOf(dv))
}

// summaryOf scores every evaluated project of the document and ranks
// them, best first, the projects not scored after them in order.
func summaryOf(dv *docView) summaryData {
	d := summaryData{docView: dv}
	cfg := score.DefaultConfig()
	for i := range dv.Doc.Projects {
		p := &dv.Doc.Projects[i]
		row := summaryRow{Code: p.Code, Name: p.Name, Href: projectPath(dv.Doc.Key(), p.Code) + "/evaluation"}
		if p.Evaluation != nil {
			res, err := score.Project(p, dv.Doc.Year, cfg)
			if err != nil {
				row.Error = err.Error()
			} else {
				row.Result = &res
				row.Suggestion = score.Suggest(score.DefaultConsequences(), res.Grade, res.Adjusted).Text
				d.Evaluated++
			}
		}
		d.Rows = append(d.Rows, row)
	}
	d.Remaining = len(d.Rows) - d.Evaluated
	slices.SortStableFunc(d.Rows, func(a, b summaryRow) int {
		switch {
		case a.Result != nil && b.Result != nil:
			return cmp.Compare(b.Result.Total, a.Result.Total)
		case a.Result != nil:
			return -1
		case b.Result != nil:
			return 1
		}
		return 0
	})
	return d
}

func init() {
	funcs["grades"] = func() []string { return jixiao.Grades }
	funcs["stamp"] = func(t time.Time) string { return t.In(china).Format("2006-01-02 15:04") }
}

// evaluationForm prints the 自评表 (DOMAIN.md §5) of the stored evaluation.
func (s *server) evaluationForm(w http.ResponseWriter, r *http.Request) {
	d, ok := s.storedEvaluation(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "evaluation_form.html", d)
}

// storedEvaluation is the page data of the stored evaluation, scored.
func (s *server) storedEvaluation(w http.ResponseWriter, r *http.Request) (*evalData, bool) {
	d, ok := s.evalBase(w, r)
	if !ok {
		return nil, false
	}
	d.fillStored()
	if d.Project.Evaluation == nil {
		d.Error = "本项目尚未填写自评。"
	}
	s.scoreInto(d, d.Project.Evaluation)
	return d, true
}
