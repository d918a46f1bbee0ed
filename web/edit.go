package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"jixiao"
	"jixiao/review"
	"jixiao/store"
	"jixiao/target"
)

// editData is the goal edit form of one project: its name, budget and
// spending plan, purpose and goal, and every indicator row, with blank
// rows to add indicators. The document's version travels in a hidden
// field, so a save over someone else's newer save is refused instead of
// silently overwriting it.
type editData struct {
	*docView
	Project *jixiao.Project
	// New says the form adds a project: its code is entered too.
	New     bool
	Code    string
	Version int64
	Name    string
	// Budget, Fiscal and Other are 预算数, 财政资金, 其他资金 in 万元 as
	// entered.
	Budget, Fiscal, Other string
	Plan                  []editPlanPoint
	Purpose               string
	Goal                  string
	Rows                  []editRow
	// CanDelete says indicators may be removed: none of the project's
	// records refers to them by position yet.
	CanDelete bool
	// Levels are the document's preset's 一级 and 二级 names, offered as
	// the level cells' suggestions (the review refuses others, G2).
	Levels []review.Level1
	Error  string
	// Conflict marks a refused save because someone else saved first;
	// Theirs is what they stored, shown beside what this editor entered.
	Conflict bool
	Theirs   *jixiao.Project
	// Locked marks goals approved: a change needs an adjustment.
	Locked bool
}

// editPlanPoint is one point of the spending plan: its date, shown as
// the month's end, and the cumulative percentage as entered.
type editPlanPoint struct {
	N       int
	By      jixiao.Date
	Label   string
	Percent string
}

// editRow is one indicator of the form; New marks a blank row for adding
// one, Delete a row marked for removal.
type editRow struct {
	N                      int
	Level1, Level2, Level3 string
	Description, Value     string
	Basis                  string
	New, Delete            bool
}

// blank reports whether nothing was entered in the row.
func (r editRow) blank() bool {
	return r.Level1+r.Level2+r.Level3+r.Description+r.Value+r.Basis == ""
}

// newRows is how many blank rows the form offers for new indicators.
const newRows = 3

// editBase loads the document and the project named in the path and lays
// out the form with the stored values.
func (s *server) editBase(w http.ResponseWriter, r *http.Request) (*editData, bool) {
	dv, p, ok := s.loadProject(w, r)
	if !ok {
		return nil, false
	}
	return editOf(dv, p), true
}

// newProjectBase lays out the form for a project to add: blank, with the
// blank rows for its indicators.
func (s *server) newProjectBase(w http.ResponseWriter, r *http.Request) (*editData, bool) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return nil, false
	}
	d := editOf(dv, &jixiao.Project{})
	d.New, d.Budget, d.Fiscal, d.Other = true, "", "", ""
	return d, true
}

// editOf lays out the form of project p of the document.
func editOf(dv *docView, p *jixiao.Project) *editData {
	cfg := review.DefaultConfig()
	preset := dv.Doc.Preset
	if _, ok := cfg.Taxonomies[preset]; !ok {
		preset = cfg.DefaultPreset
	}
	d := &editData{docView: dv, Project: p, Code: p.Code, Version: dv.Doc.Version, Name: p.Name, Purpose: p.Purpose, Goal: p.Goal,
		Levels: cfg.Taxonomies[preset],
		Budget: p.Budget.WanExact(), Fiscal: p.Fiscal.WanExact(), Other: p.Other.WanExact(),
		CanDelete: len(p.Progress) == 0 && p.Evaluation == nil}
	plan := p.Plan
	if len(plan) == 0 { // the form's four month ends, to be filled in
		for _, m := range []time.Month{time.March, time.June, time.October, time.December} {
			plan = append(plan, jixiao.Checkpoint{By: jixiao.NewDate(dv.Doc.Year, m+1, 0)})
		}
	}
	for i, c := range plan {
		pt := editPlanPoint{N: i + 1, By: c.By, Label: planCellOf(c).Label}
		if len(p.Plan) > 0 {
			pt.Percent = c.Percent.String()
		}
		d.Plan = append(d.Plan, pt)
	}
	for i, in := range p.Indicators {
		d.Rows = append(d.Rows, editRow{N: i + 1, Level1: in.Level1, Level2: in.Level2, Level3: in.Level3,
			Description: in.Description, Value: in.Value, Basis: in.Basis})
	}
	blank := newRows
	if len(p.Indicators) == 0 {
		blank = 7 // a new table: room for a usual one
	}
	for i := range blank {
		d.Rows = append(d.Rows, editRow{N: len(p.Indicators) + i + 1, New: true})
	}
	return d
}

// editForm shows the form with the stored values.
func (s *server) editForm(w http.ResponseWriter, r *http.Request) {
	d, ok := s.editBase(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "edit.html", d)
}

// read takes the form's fields into d and builds the project to save;
// an entry that cannot be read is an error saying which.
func (d *editData) read(r *http.Request) (jixiao.Project, error) {
	field := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	d.Name, d.Purpose, d.Goal = field("name"), field("purpose"), field("goal")
	d.Budget, d.Fiscal, d.Other = field("budget"), field("fiscal"), field("other")
	np := *d.Project
	np.Name, np.Purpose, np.Goal = d.Name, d.Purpose, d.Goal
	var errs []error
	if d.New {
		d.Code = field("code")
		np.Code = d.Code
		if np.Code == "" {
			errs = append(errs, errors.New("项目编码不能为空"))
		}
	}
	if np.Name == "" {
		errs = append(errs, errors.New("项目名称不能为空"))
	}
	for _, m := range []struct {
		label, text string
		to          *jixiao.Fen
	}{{"预算数", d.Budget, &np.Budget}, {"财政资金", d.Fiscal, &np.Fiscal}, {"其他资金", d.Other, &np.Other}} {
		if m.text == "" {
			*m.to = 0
			continue
		}
		v, err := jixiao.ParseWan(m.text)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s（万元）：%v", m.label, err))
		}
		*m.to = v
	}
	np.Plan = nil
	for i := range d.Plan {
		pt := &d.Plan[i]
		pt.Percent = field("plan" + strconv.Itoa(pt.N))
		if pt.Percent == "" {
			continue
		}
		v, err := jixiao.ParseDecimal(strings.TrimSuffix(pt.Percent, "%"))
		if err != nil {
			errs = append(errs, fmt.Errorf("资金支出计划%s：“%s”不是百分数", pt.Label, pt.Percent))
		}
		np.Plan = append(np.Plan, jixiao.Checkpoint{By: pt.By, Percent: v})
	}
	np.Indicators = nil
	for i := range d.Rows {
		row := &d.Rows[i]
		n := strconv.Itoa(row.N)
		row.Level1, row.Level2, row.Level3 = field("l1"+n), field("l2"+n), field("l3"+n)
		row.Description, row.Value, row.Basis = field("desc"+n), field("value"+n), field("basis"+n)
		row.Delete = r.PostFormValue("del"+n) != ""
		switch {
		case row.Delete && !row.New && !d.CanDelete:
			errs = append(errs, fmt.Errorf("第%d个指标：本项目已有指标进度或自评记录按指标序号引用，不能删除指标，只能修改其内容", row.N))
			continue
		case row.Delete, row.New && row.blank():
			continue
		case row.Level1 == "" || row.Level2 == "" || row.Level3 == "":
			errs = append(errs, fmt.Errorf("第%d个指标：一级、二级、三级指标都要填写", row.N))
			continue
		}
		in := jixiao.Indicator{Level1: row.Level1, Level2: row.Level2, Level3: row.Level3,
			Description: row.Description, Value: row.Value, Basis: row.Basis, Target: target.Parse(row.Value)}
		if !row.New {
			old := d.Project.Indicators[row.N-1]
			if old.Value == row.Value {
				in.Target = old.Target
			}
			in.Weight = old.Weight
		}
		np.Indicators = append(np.Indicators, in)
	}
	return np, errors.Join(errs...)
}

// formVersion is the document version a form was filled in at (its
// hidden field); -1, which no document has, when it is missing.
func formVersion(r *http.Request) int64 {
	v, err := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if err != nil {
		return -1
	}
	return v
}

// newProjectForm shows the blank form of a project to add.
func (s *server) newProjectForm(w http.ResponseWriter, r *http.Request) {
	if d, ok := s.newProjectBase(w, r); ok {
		s.render(w, r, http.StatusOK, "edit.html", d)
	}
}

// newProjectPost adds the entered project through store.AddProject and
// opens it; refusals show the form again as editPost does.
func (s *server) newProjectPost(w http.ResponseWriter, r *http.Request) {
	d, ok := s.newProjectBase(w, r)
	if !ok {
		return
	}
	s.saveEdit(w, r, d, func(np *jixiao.Project, expect int64) error {
		_, err := s.st.AddProject(r.Context(), d.Doc.Key(), np, expect, currentUser(r).Name)
		return err
	})
}

// deleteProjectPost removes the project named in the path, once the
// editor has ticked the confirmation, and returns to the unit page.
func (s *server) deleteProjectPost(w http.ResponseWriter, r *http.Request) {
	d, ok := s.editBase(w, r)
	if !ok {
		return
	}
	expect := formVersion(r)
	if r.PostFormValue("confirm") == "" {
		d.Error = "没有删除：请勾选“确认删除本项目”后再删除。"
		s.render(w, r, http.StatusUnprocessableEntity, "edit.html", d)
		return
	}
	_, err := s.st.RemoveProject(r.Context(), d.Doc.Key(), d.Project.Code, expect, currentUser(r).Name)
	if err == nil {
		http.Redirect(w, r, d.Base+"?removed="+url.QueryEscape(d.Project.Code), http.StatusSeeOther)
		return
	}
	s.editRefused(w, r, d, err, "没有删除")
}

// editPost saves the entered values through store.SaveProject. An entry
// that cannot be read (422), a conflict (409) or a refusal shows the form
// again with everything entered kept.
func (s *server) editPost(w http.ResponseWriter, r *http.Request) {
	d, ok := s.editBase(w, r)
	if !ok {
		return
	}
	s.saveEdit(w, r, d, func(np *jixiao.Project, expect int64) error {
		_, err := s.st.SaveProject(r.Context(), d.Doc.Key(), np, expect, currentUser(r).Name)
		return err
	})
}

// saveEdit reads the form and stores the project with save, then opens
// it; what cannot be read or is refused shows the form again with
// everything entered kept.
func (s *server) saveEdit(w http.ResponseWriter, r *http.Request, d *editData, save func(*jixiao.Project, int64) error) {
	expect := formVersion(r)
	d.Version = expect
	np, err := d.read(r)
	if err != nil {
		d.Error = "没有保存：" + strings.ReplaceAll(err.Error(), "\n", "；") + "。您填写的内容保留在下方。"
		s.render(w, r, http.StatusUnprocessableEntity, "edit.html", d)
		return
	}
	if err := save(&np, expect); err != nil {
		s.editRefused(w, r, d, err, "没有保存")
		return
	}
	http.Redirect(w, r, projectPath(d.Doc.Key(), np.Code)+"?saved=1", http.StatusSeeOther)
}

// editRefused shows the form again with why the store refused it: a
// conflict with what the other editor stored, locked goals, or invalid
// content; a failure is a server error.
func (s *server) editRefused(w http.ResponseWriter, r *http.Request, d *editData, err error, not string) {
	switch {
	case errors.Is(err, jixiao.ErrConflict):
		d.Conflict, d.Theirs, d.Version = true, d.Project, d.Doc.Version
		d.Error = fmt.Sprintf("保存冲突：在您打开此页面之后，其他人已修改了%s %d年度的绩效目标（现在是第 %d 版）。您填写的内容没有保存，仍保留在下方；请对照下方“他人已保存的内容”，确认后再次保存（再次保存将以您的内容为准）。",
			d.Doc.Unit.Name, d.Doc.Year, d.Doc.Version)
		s.render(w, r, http.StatusConflict, "edit.html", d)
	case errors.Is(err, store.ErrGoalsLocked):
		d.Locked = true
		d.Error = not + "：" + err.Error() + "。您填写的内容保留在下方。"
		s.render(w, r, http.StatusConflict, "edit.html", d)
	case errors.Is(err, store.ErrInvalid):
		d.Error = not + "：" + err.Error() + "。您填写的内容保留在下方。"
		s.render(w, r, http.StatusUnprocessableEntity, "edit.html", d)
	case errors.Is(err, jixiao.ErrNotFound):
		s.notFound(w, r, err.Error())
	default:
		s.serverError(w, r, err)
	}
}
