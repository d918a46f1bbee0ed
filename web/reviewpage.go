package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/auth"
	"jixiao/docx"
	"jixiao/review"
	"jixiao/store"
)

// reviewData is the printable review opinion (审核意见) of a document.
type reviewData struct {
	*docView
	Projects []reviewProject
	// General holds findings about the document as a whole (no project).
	General []review.Placed
	Total   counts
	// Remark is the reviewer's remark on the document as a whole.
	Remark remarkView
}

// reviewProject is one project's part of the opinion, with its page and
// the reviewer's remark.
type reviewProject struct {
	review.OpinionProject
	Href       string
	RemarkForm remarkView
}

// remarkView is a remark as shown, with its form for the reviewers who
// may write it (those who may return the document).
type remarkView struct {
	Project      string // code, "" for the document
	Remark       store.Remark
	Can          bool
	Action, CSRF string
	// Grade is the review's grade of the project, offered as the default
	// of the reviewer's own; Grades the grades to choose from ("" for
	// the document, which is not graded).
	Grade  string
	Grades []string
}

// reviewPage shows every finding of the document, grouped by project
// (review.NewOpinion, as the Word file has them), with a place for the
// reviewer's signature.
func (s *server) reviewPage(w http.ResponseWriter, r *http.Request) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return
	}
	op, remarks, err := s.opinion(r, dv)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	can := auth.Can(currentUser(r), auth.Return, dv.Doc.Unit.Code)
	form := func(code, grade string) remarkView {
		v := remarkView{Project: code, Remark: remarks[code], Can: can, Action: dv.Base + "/review/remarks", CSRF: csrfToken(r), Grade: grade}
		if code != "" {
			v.Grades = review.Grades
		}
		return v
	}
	d := reviewData{docView: dv, General: op.General, Total: counts{op.Errors, op.Warnings, op.Infos}, Remark: form("", "")}
	for _, p := range op.Projects {
		d.Projects = append(d.Projects, reviewProject{p, projectPath(dv.Doc.Key(), p.Code), form(p.Code, p.Grade)})
	}
	s.render(w, r, http.StatusOK, "review.html", d)
}

// opinion is the document's review opinion with the reviewers' remarks,
// and the remarks by project code ("" for the document).
func (s *server) opinion(r *http.Request, dv *docView) (review.Opinion, map[string]store.Remark, error) {
	op := review.NewOpinion(dv.Doc, &dv.Report)
	remarks, err := s.st.Remarks(r.Context(), dv.Doc.Key())
	if err != nil {
		return op, nil, err
	}
	op.Remark = remarks[""].Text
	for i := range op.Projects {
		m := remarks[op.Projects[i].Code]
		op.Projects[i].Remark, op.Projects[i].ReviewerGrade = m.Text, m.Grade
	}
	return op, remarks, nil
}

// remarkPost saves a reviewer's remark on a project or on the document,
// against the version the page showed, and returns to it.
func (s *server) remarkPost(w http.ResponseWriter, r *http.Request) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return
	}
	code := r.PostFormValue("project")
	version, err := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if err != nil || version < 0 {
		s.errorPage(w, r, http.StatusBadRequest, "未保存", "页面缺少审核人意见的版本号，请刷新后重试。")
		return
	}
	text := strings.TrimSpace(strings.ReplaceAll(r.PostFormValue("text"), "\r\n", "\n"))
	m := store.Remark{Project: code, Text: text, Grade: r.PostFormValue("grade")}
	_, err = s.st.SaveRemark(r.Context(), dv.Doc.Key(), m, version, currentUser(r).Name)
	back := dv.Base + "/review#remark-" + url.PathEscape(code)
	switch {
	case err == nil:
		http.Redirect(w, r, back, http.StatusSeeOther)
	case errors.Is(err, jixiao.ErrConflict):
		s.errorPage(w, r, http.StatusConflict, "未保存", err.Error()+"（您写的意见：“"+text+"”）")
	case errors.Is(err, store.ErrInvalid):
		s.errorPage(w, r, http.StatusUnprocessableEntity, "未保存", err.Error())
	default:
		s.failed(w, r, err, "未能保存审核人意见")
	}
}

// reviewDocx sends the same opinion as a Word file, for the bureau to
// edit and send.
func (s *server) reviewDocx(w http.ResponseWriter, r *http.Request) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	op, _, err := s.opinion(r, dv)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := docx.WriteOpinion(&buf, dv.Doc, op); err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, "docx", "review", fmt.Sprintf("%s%d年度预算绩效目标审核意见", dv.Doc.Unit.Name, dv.Doc.Year), buf.Bytes())
}
