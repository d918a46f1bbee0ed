package web

import (
	"bytes"
	"fmt"
	"net/http"

	"jixiao/docx"
	"jixiao/review"
)

// reviewData is the printable review opinion (审核意见) of a document.
type reviewData struct {
	*docView
	Projects []reviewProject
	// General holds findings about the document as a whole (no project).
	General []review.Placed
	Total   counts
}

// reviewProject is one project's part of the opinion, with its page.
type reviewProject struct {
	review.OpinionProject
	Href string
}

// reviewPage shows every finding of the document, grouped by project
// (review.NewOpinion, as the Word file has them), with a place for the
// reviewer's signature.
func (s *server) reviewPage(w http.ResponseWriter, r *http.Request) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return
	}
	op := review.NewOpinion(dv.Doc, &dv.Report)
	d := reviewData{docView: dv, General: op.General, Total: counts{op.Errors, op.Warnings, op.Infos}}
	for _, p := range op.Projects {
		d.Projects = append(d.Projects, reviewProject{p, projectPath(dv.Doc.Key(), p.Code)})
	}
	s.render(w, r, http.StatusOK, "review.html", d)
}

// reviewDocx sends the same opinion as a Word file, for the bureau to
// edit and send.
func (s *server) reviewDocx(w http.ResponseWriter, r *http.Request) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := docx.WriteOpinion(&buf, dv.Doc, review.NewOpinion(dv.Doc, &dv.Report)); err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, "docx", "review", fmt.Sprintf("%s%d年度预算绩效目标审核意见", dv.Doc.Unit.Name, dv.Doc.Year), buf.Bytes())
}
