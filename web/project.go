package web

import (
	"fmt"
	"net/http"

	"jixiao"
	"jixiao/review"
	"jixiao/store"
)

// projectData is a project's goal table laid out like the printed form.
type projectData struct {
	*docView
	Project  *jixiao.Project
	Number   int // position in the document, for the title "N.项目名称绩效目标表"
	Plan     []planCell
	Rows     []indicatorRow
	Findings []review.Finding // project-level findings, shown above the table
	Result   review.ProjectResult
	Counts   counts
	// Clean hides the review, to print the form as it was submitted.
	Clean bool
	// Remark is the reviewer's remark on the project, nil when none.
	Remark *store.Remark
}

// planCell is one column of the spending plan row.
type planCell struct {
	Label   string // 3月底
	Percent string // 25%
}

// planCellOf labels a plan point by its month's end, as the form does.
func planCellOf(c jixiao.Checkpoint) planCell {
	return planCell{Label: fmt.Sprintf("%d月底", int(c.By.M)), Percent: c.Percent.String() + "%"}
}

// indicatorRow is one indicator row. Span1 and Span2 are the rowspans of
// the 一级 and 二级 cells: 0 means the cell is covered by one above.
type indicatorRow struct {
	jixiao.Indicator
	N            int // 1-based position
	Span1, Span2 int
	Findings     []review.Finding
	// Severity of the worst finding on the row ("" if none), and which cell
	// it concerns: "value", "basis" or "level3".
	Severity string
	Cell     string
}

// projectPage shows one goal table with its review findings inline. It
// reads that project and its stored review (store.ProjectOf), not the
// document, and reviews nothing.
func (s *server) projectPage(w http.ResponseWriter, r *http.Request) {
	dk, ok := s.docRevision(w, r)
	if !ok {
		return
	}
	pk := pageKeyFor(r, dk, "")
	if s.servePage(w, r, pk) {
		return
	}
	code := r.PathValue("code")
	pr, err := s.st.ProjectOf(r.Context(), dk.key, code)
	if err != nil {
		s.failed(w, r, err, fmt.Sprintf("没有单位“%s”%d年度的绩效目标。", dk.key.Unit, dk.key.Year))
		return
	}
	if len(pr.Doc.Projects) == 0 {
		s.notFound(w, r, fmt.Sprintf("%s %d年度的绩效目标中没有项目“%s”。", pr.Doc.Unit.Name, pr.Doc.Year, code))
		return
	}
	dv := &docView{Doc: pr.Doc, Base: docPath(pr.Doc.Key()), key: dk}
	p := &pr.Doc.Projects[0]
	d := projectData{docView: dv, Project: p, Number: pr.Number, Clean: r.URL.Query().Get("print") == "form"}
	d.Result = review.ProjectResult{Code: p.Code, Name: p.Name, Grade: pr.Review.Grade,
		Errors: pr.Review.Errors, Warnings: pr.Review.Warnings, Infos: pr.Review.Infos}
	for _, c := range p.Plan {
		d.Plan = append(d.Plan, planCellOf(c))
	}
	d.Rows = indicatorRows(p.Indicators)
	// The reviewer's remark: saving one raises the revision, so the page
	// cached under the revision shows it.
	remarks, err := s.st.Remarks(r.Context(), dk.key)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if m, ok := remarks[p.Code]; ok && (m.Text != "" || m.Grade != "") {
		d.Remark = &m
	}
	for _, f := range pr.Review.Findings { // the findings about this project, in order
		d.Counts.add(f.Severity)
		if f.Indicator >= 1 && f.Indicator <= len(d.Rows) {
			row := &d.Rows[f.Indicator-1]
			row.Findings = append(row.Findings, f)
			if rank(f.Severity) > rank(review.Severity(row.Severity)) {
				row.Severity = string(f.Severity)
				row.Cell = cellOf(f.Rule)
			}
		} else {
			d.Findings = append(d.Findings, f)
		}
	}
	s.renderPage(w, r, pk, "project.html", d)
}

// indicatorRows computes the merged cells of the printed form: a 一级 cell
// spans its run of consecutive equal 一级 values, a 二级 cell its run of
// equal 二级 values inside the same 一级.
func indicatorRows(ins []jixiao.Indicator) []indicatorRow {
	rows := make([]indicatorRow, len(ins))
	for i, in := range ins {
		rows[i] = indicatorRow{Indicator: in, N: i + 1}
	}
	for i := 0; i < len(rows); {
		j := i + 1
		for j < len(rows) && rows[j].Level1 == rows[i].Level1 {
			j++
		}
		rows[i].Span1 = j - i
		for k := i; k < j; {
			m := k + 1
			for m < j && rows[m].Level2 == rows[k].Level2 {
				m++
			}
			rows[k].Span2 = m - k
			k = m
		}
		i = j
	}
	return rows
}

// rank orders severities so the worst finding marks the cell.
func rank(s review.Severity) int {
	switch s {
	case review.Error:
		return 3
	case review.Warning:
		return 2
	case review.Info:
		return 1
	}
	return 0
}

// cellOf says which cell of the row a rule is about (DOMAIN.md §3): the
// 依据 for G10, the 三级 name for G12, otherwise the 指标值.
func cellOf(rule string) string {
	switch rule {
	case "G10":
		return "basis"
	case "G12":
		return "level3"
	}
	return "value"
}
