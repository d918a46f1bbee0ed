package review

import (
	"fmt"

	"jixiao"
)

// An opinion (审核意见) is a review laid out as the finance bureau writes
// it to the unit: each project with its grade and the findings about it,
// in order, then what concerns the document as a whole. The web page and
// the Word file are both written from it.

// Opinion is a document's review grouped by project.
type Opinion struct {
	Projects []OpinionProject
	// General holds findings about no project: part one, the document.
	General                 []Placed
	Errors, Warnings, Infos int
	// Remark is the reviewer's own remark on the document as a whole, set
	// by the caller (the review finds none itself).
	Remark string
}

// OpinionProject is one project's part of an opinion.
type OpinionProject struct {
	ProjectResult
	Number   int // 1-based position in the document
	Findings []Placed
	// Remark is the reviewer's own remark on the project, and
	// ReviewerGrade the reviewer's own grade ("" to keep Grade), both set
	// by the caller.
	Remark        string
	ReviewerGrade string
}

// FinalGrade is the project's grade in the opinion: the reviewer's when
// given, the review's otherwise (the review's grade is advisory).
func (p OpinionProject) FinalGrade() string {
	if p.ReviewerGrade != "" {
		return p.ReviewerGrade
	}
	return p.Grade
}

// Placed is a finding with the place it concerns named.
type Placed struct {
	Finding
	Where string // 第3项“项目完成时间”, 项目整体 or 部门整体
}

// About reports whether finding f is about project p: findings name
// their project by code, and a name is accepted too (a 分项 paragraph
// names its project).
func About(f Finding, p *jixiao.Project) bool {
	return f.Project != "" && (f.Project == p.Code || jixiao.SameName(f.Project, p.Name))
}

// NewOpinion groups rep, the review of d, by project: each finding goes
// to the first project it is about, in the document's order, and to the
// general part when it is about none.
func NewOpinion(d *jixiao.Document, rep *Report) Opinion {
	var op Opinion
	taken := make([]bool, len(rep.Findings))
	results := map[string]ProjectResult{}
	for _, r := range rep.Projects {
		if _, ok := results[r.Code]; !ok {
			results[r.Code] = r
		}
	}
	for i := range d.Projects {
		p := &d.Projects[i]
		res, ok := results[p.Code]
		if !ok {
			res = ProjectResult{Code: p.Code, Name: p.Name}
		}
		pp := OpinionProject{ProjectResult: res, Number: i + 1}
		for j, f := range rep.Findings {
			if !taken[j] && About(f, p) {
				taken[j] = true
				pp.Findings = append(pp.Findings, Placed{f, place(f, p)})
			}
		}
		op.Projects = append(op.Projects, pp)
	}
	for j, f := range rep.Findings {
		switch f.Severity {
		case Error:
			op.Errors++
		case Warning:
			op.Warnings++
		default:
			op.Infos++
		}
		if !taken[j] {
			op.General = append(op.General, Placed{f, place(f, nil)})
		}
	}
	return op
}

// place names where a finding lies inside project p (nil: the document).
func place(f Finding, p *jixiao.Project) string {
	switch {
	case p == nil:
		return "部门整体"
	case f.Indicator >= 1 && f.Indicator <= len(p.Indicators):
		return fmt.Sprintf("第%d项“%s”", f.Indicator, p.Indicators[f.Indicator-1].Level3)
	}
	return "项目整体"
}
