package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/store"
)

// overallData is the edit form of part one (部门整体绩效目标): each
// overall goal section with its items one per line, each 分项 paragraph
// with the project it names, each work measure, and a blank one of each
// to add. The document's version travels in a hidden field, as on the
// project's form.
type overallData struct {
	*docView
	Version  int64
	Goals    []overallGoal
	Projects []jixiao.ProjectGoal
	Measures []jixiao.Measure
	Error    string
	Conflict bool
	Locked   bool
}

// overallGoal is a goal section as the form shows it: the items one per
// line.
type overallGoal struct {
	Heading, Items string
}

// overallBase loads the document and lays out its part one, with a blank
// entry of each kind at the end.
func (s *server) overallBase(w http.ResponseWriter, r *http.Request) (*overallData, bool) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return nil, false
	}
	o := dv.Doc.Overall
	d := &overallData{docView: dv, Version: dv.Doc.Version,
		Projects: append(append([]jixiao.ProjectGoal(nil), o.ProjectGoals...), jixiao.ProjectGoal{}),
		Measures: append(append([]jixiao.Measure(nil), o.Measures...), jixiao.Measure{})}
	for _, g := range o.Goals {
		d.Goals = append(d.Goals, overallGoal{g.Heading, strings.Join(g.Items, "\n")})
	}
	d.Goals = append(d.Goals, overallGoal{})
	return d, true
}

// overallForm shows part one's form with the stored text.
func (s *server) overallForm(w http.ResponseWriter, r *http.Request) {
	if d, ok := s.overallBase(w, r); ok {
		s.render(w, r, http.StatusOK, "overall.html", d)
	}
}

// read takes the form's fields into d and builds part one; entries left
// blank are dropped, and an entry with text but no heading or project is
// an error saying which.
func (d *overallData) read(r *http.Request) (jixiao.Overall, error) {
	field := func(name string, i int) string {
		return strings.TrimSpace(strings.ReplaceAll(r.PostFormValue(name+strconv.Itoa(i)), "\r\n", "\n"))
	}
	var o jixiao.Overall
	var errs []error
	for i := range d.Goals {
		g := &d.Goals[i]
		g.Heading, g.Items = field("gh", i+1), field("gi", i+1)
		var items []string
		for _, l := range strings.Split(g.Items, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				items = append(items, l)
			}
		}
		switch {
		case g.Heading == "" && len(items) == 0:
		case g.Heading == "":
			errs = append(errs, fmt.Errorf("总体绩效目标第 %d 项没有标题", i+1))
		default:
			o.Goals = append(o.Goals, jixiao.GoalSection{Heading: g.Heading, Items: items})
		}
	}
	for i := range d.Projects {
		p := &d.Projects[i]
		p.Project, p.Text = field("pp", i+1), field("pt", i+1)
		switch {
		case p.Project == "" && p.Text == "":
		case p.Project == "":
			errs = append(errs, fmt.Errorf("分项绩效目标第 %d 段没有写明项目名称", i+1))
		default:
			o.ProjectGoals = append(o.ProjectGoals, *p)
		}
	}
	for i := range d.Measures {
		m := &d.Measures[i]
		m.Heading, m.Text = field("mh", i+1), field("mt", i+1)
		if m.Heading != "" || m.Text != "" {
			o.Measures = append(o.Measures, *m)
		}
	}
	return o, errors.Join(errs...)
}

// overallPost saves part one through store.SaveOverall. An entry that
// cannot be read (422), a conflict or locked goals (409) show the form
// again with everything entered kept.
func (s *server) overallPost(w http.ResponseWriter, r *http.Request) {
	d, ok := s.overallBase(w, r)
	if !ok {
		return
	}
	expect := formVersion(r)
	d.Version = expect
	o, err := d.read(r)
	kept := "您填写的内容保留在下方。"
	if err != nil {
		d.Error = "没有保存：" + strings.ReplaceAll(err.Error(), "\n", "；") + "。" + kept
		s.render(w, r, http.StatusUnprocessableEntity, "overall.html", d)
		return
	}
	_, err = s.st.SaveOverall(r.Context(), d.Doc.Key(), o, expect, currentUser(r).Name)
	switch {
	case err == nil:
		http.Redirect(w, r, d.Base+"?saved=1#part-one", http.StatusSeeOther)
	case errors.Is(err, jixiao.ErrConflict):
		d.Conflict, d.Version = true, d.Doc.Version
		d.Error = fmt.Sprintf("保存冲突：在您打开此页面之后，其他人已修改了%s %d年度的绩效目标（现在是第 %d 版）。您填写的内容没有保存，仍保留在下方；请打开单位页面对照后再保存（再次保存将以您的内容为准）。",
			d.Doc.Unit.Name, d.Doc.Year, d.Doc.Version)
		s.render(w, r, http.StatusConflict, "overall.html", d)
	case errors.Is(err, store.ErrGoalsLocked):
		d.Locked = true
		d.Error = "没有保存：" + err.Error() + "。" + kept
		s.render(w, r, http.StatusConflict, "overall.html", d)
	case errors.Is(err, store.ErrInvalid):
		d.Error = "没有保存：" + err.Error() + "。" + kept
		s.render(w, r, http.StatusUnprocessableEntity, "overall.html", d)
	case errors.Is(err, jixiao.ErrNotFound):
		s.notFound(w, r, err.Error())
	default:
		s.serverError(w, r, err)
	}
}
