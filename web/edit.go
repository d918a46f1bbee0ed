package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/store"
	"jixiao/target"
)

// editData is the goal edit form of one project. The document's version
// travels in a hidden field, so a save over someone else's newer save is
// refused instead of silently overwriting it.
type editData struct {
	*docView
	Project *jixiao.Project
	Version int64
	Purpose string
	Goal    string
	Rows    []editRow
	Error   string
	// Conflict marks a refused save because someone else saved first;
	// Theirs is what they stored, shown beside what this editor entered.
	Conflict bool
	Theirs   *jixiao.Project
	// Locked marks goals approved: a change needs an adjustment.
	Locked bool
}

// editRow is one indicator of the form.
type editRow struct {
	N                      int
	Level1, Level2, Level3 string
	Description, Value     string
	Basis                  string
}

// editBase loads the document and the project named in the path.
func (s *server) editBase(w http.ResponseWriter, r *http.Request) (*editData, bool) {
	dv, p, ok := s.loadProject(w, r)
	if !ok {
		return nil, false
	}
	d := &editData{docView: dv, Project: p, Version: dv.Doc.Version, Purpose: p.Purpose, Goal: p.Goal}
	for i, in := range p.Indicators {
		d.Rows = append(d.Rows, editRow{N: i + 1, Level1: in.Level1, Level2: in.Level2, Level3: in.Level3,
			Description: in.Description, Value: in.Value, Basis: in.Basis})
	}
	return d, true
}

// editForm shows the form with the stored values.
func (s *server) editForm(w http.ResponseWriter, r *http.Request) {
	d, ok := s.editBase(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "edit.html", d)
}

// editPost saves the entered values through store.SaveProject. A conflict
// (409) or a refusal shows the form again with everything entered kept.
func (s *server) editPost(w http.ResponseWriter, r *http.Request) {
	d, ok := s.editBase(w, r)
	if !ok {
		return
	}
	expect, err := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if err != nil {
		expect = -1
	}
	d.Version = expect
	d.Purpose = strings.TrimSpace(r.PostFormValue("purpose"))
	d.Goal = strings.TrimSpace(r.PostFormValue("goal"))
	np := *d.Project
	np.Purpose, np.Goal = d.Purpose, d.Goal
	np.Indicators = append([]jixiao.Indicator(nil), d.Project.Indicators...)
	for i := range d.Rows {
		row := &d.Rows[i]
		n := strconv.Itoa(row.N)
		row.Description = strings.TrimSpace(r.PostFormValue("desc" + n))
		row.Value = strings.TrimSpace(r.PostFormValue("value" + n))
		row.Basis = strings.TrimSpace(r.PostFormValue("basis" + n))
		in := &np.Indicators[i]
		if in.Value != row.Value {
			in.Target = target.Parse(row.Value)
		}
		in.Description, in.Value, in.Basis = row.Description, row.Value, row.Basis
	}
	u := currentUser(r)
	_, err = s.st.SaveProject(r.Context(), d.Doc.Key(), &np, expect, u.Name)
	switch {
	case err == nil:
		http.Redirect(w, r, projectPath(d.Doc.Key(), np.Code)+"?saved=1", http.StatusSeeOther)
	case errors.Is(err, jixiao.ErrConflict):
		d.Conflict, d.Theirs, d.Version = true, d.Project, d.Doc.Version
		d.Error = fmt.Sprintf("保存冲突：在您打开此页面之后，其他人已修改了%s %d年度的绩效目标（现在是第 %d 版）。您填写的内容没有保存，仍保留在下方；请对照下方“他人已保存的内容”，确认后再次保存（再次保存将以您的内容为准）。",
			d.Doc.Unit.Name, d.Doc.Year, d.Doc.Version)
		s.render(w, r, http.StatusConflict, "edit.html", d)
	case errors.Is(err, store.ErrGoalsLocked):
		d.Locked = true
		d.Error = "没有保存：" + err.Error() + "。您填写的内容保留在下方。"
		s.render(w, r, http.StatusConflict, "edit.html", d)
	case errors.Is(err, jixiao.ErrNotFound):
		s.notFound(w, r, err.Error())
	default:
		s.serverError(w, r, err)
	}
}
