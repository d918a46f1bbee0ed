package web

import (
	"fmt"
	"net/http"

	"jixiao"

	"jixiao/review"
)

// reviewData is the printable review opinion (审核意见) of a document.
type reviewData struct {
	*docView
	Projects []reviewProject
	// General holds findings about the document as a whole (no project).
	General []reviewFinding
	Total   counts
}

// reviewProject is one project's part of the opinion.
type reviewProject struct {
	review.ProjectResult
	Number   int
	Href     string
	Findings []reviewFinding
}

// reviewFinding is a finding with the indicator it concerns named.
type reviewFinding struct {
	review.Finding
	Where string // 第3项“项目完成时间”, or 项目整体
}

// where names the place of a finding inside project p (nil: the document).
func where(f review.Finding, p *jixiao.Project) string {
	switch {
	case p == nil:
		return "部门整体"
	case f.Indicator >= 1 && f.Indicator <= len(p.Indicators):
		return fmt.Sprintf("第%d项“%s”", f.Indicator, p.Indicators[f.Indicator-1].Level3)
	}
	return "项目整体"
}

// reviewPage shows every finding of the document, grouped by project, with
// a place for the reviewer's signature.
func (s *server) reviewPage(w http.ResponseWriter, r *http.Request) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return
	}
	d := reviewData{docView: dv}
	taken := make([]bool, len(dv.Report.Findings))
	for i := range dv.Doc.Projects {
		p := &dv.Doc.Projects[i]
		rp := reviewProject{Number: i + 1, Href: projectPath(dv.Doc.Key(), p.Code)}
		if res, ok := resultFor(&dv.Report, p.Code); ok {
			rp.ProjectResult = res
		} else {
			rp.Code, rp.Name = p.Code, p.Name
		}
		for j, f := range dv.Report.Findings {
			if !taken[j] && belongsTo(f, p) {
				taken[j] = true
				rp.Findings = append(rp.Findings, reviewFinding{f, where(f, p)})
			}
		}
		d.Projects = append(d.Projects, rp)
	}
	for j, f := range dv.Report.Findings {
		d.Total.add(f.Severity)
		if !taken[j] {
			d.General = append(d.General, reviewFinding{f, where(f, nil)})
		}
	}
	s.render(w, r, http.StatusOK, "review.html", d)
}
