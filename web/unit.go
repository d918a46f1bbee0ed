package web

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"jixiao"
	"jixiao/review"
)

// unitData is the department page.
type unitData struct {
	*docView
	Total      jixiao.Fen
	Indicators int
	Chart      barChart
	Goals      []projectGoalLink
	Projects   []projectRow
	Summary    counts
	Grades     []gradeCount
	Workflow   workflowData
	Prefill    string
	Adjusted   bool
	// RolledOver says the document was just drafted from the year before;
	// Removed is the code of a project just removed.
	RolledOver bool
	Removed    string
}

// TrackID names a move's form for tests and scripts: move-goals-submit.
func (d unitData) TrackID(action string) string {
	parts := strings.Split(action, "/")
	if len(parts) < 2 {
		return ""
	}
	return "move-" + parts[len(parts)-2] + "-" + parts[len(parts)-1]
}

// projectGoalLink is a 分项绩效目标 paragraph with the link to its table
// ("" when no table has that name).
type projectGoalLink struct {
	jixiao.ProjectGoal
	Href string
}

// projectRow is one line of the project list.
type projectRow struct {
	Code, Name, Href string
	Budget           jixiao.Fen
	Indicators       int
	Grade            string
	counts
}

// gradeCount says how many projects got a grade.
type gradeCount struct {
	Grade string
	N     int
}

// unitPage shows a department's document: totals, the budget chart, part
// one of the document, the projects and a review summary. It reads the
// document's outline and its stored review (store.Outline), never the
// goal tables or records, and reviews nothing.
func (s *server) unitPage(w http.ResponseWriter, r *http.Request) {
	dk, ok := s.docRevision(w, r)
	if !ok {
		return
	}
	pk := pageKeyFor(r, dk, "")
	if s.servePage(w, r, pk) {
		return
	}
	o, err := s.st.Outline(r.Context(), dk.key)
	if err != nil {
		s.failed(w, r, err, fmt.Sprintf("没有单位“%s”%d年度的绩效目标。", dk.key.Unit, dk.key.Year))
		return
	}
	doc := o.Doc
	dv := &docView{Doc: doc, Base: docPath(doc.Key()), key: dk}
	href := func(code string) string { return projectPath(doc.Key(), code) }
	d := unitData{
		docView:    dv,
		Total:      doc.TotalBudget(),
		Indicators: o.Review.Indicators,
		Chart:      budgetChart(doc, href),
		Summary:    counts{o.Review.Errors, o.Review.Warnings, o.Review.Infos},
	}
	// A paragraph links to the first project of the same name
	// (jixiao.SameName), each name folded once.
	byName := make(map[string]string, len(doc.Projects))
	for i := len(doc.Projects) - 1; i >= 0; i-- {
		byName[jixiao.NormName(doc.Projects[i].Name)] = doc.Projects[i].Code
	}
	for _, g := range doc.Overall.ProjectGoals {
		l := projectGoalLink{ProjectGoal: g}
		if code, ok := byName[jixiao.NormName(g.Project)]; ok {
			l.Href = href(code)
		}
		d.Goals = append(d.Goals, l)
	}
	results := make([]review.ProjectResult, len(doc.Projects))
	for i := range doc.Projects {
		p, rv := &doc.Projects[i], o.Projects[i]
		d.Projects = append(d.Projects, projectRow{Code: p.Code, Name: p.Name, Href: href(p.Code), Budget: p.Budget,
			Indicators: rv.Indicators, Grade: rv.Grade, counts: counts{rv.Errors, rv.Warnings, rv.Infos}})
		results[i].Grade = rv.Grade
	}
	d.Grades = gradeCounts(results)
	d.Prefill = returnComment(d.Summary, o.Review.Findings)
	// The reviewers' own remarks belong in the comment a return sends
	// (saving one raises the revision this page is cached under).
	remarks, err := s.st.Remarks(r.Context(), dk.key)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Prefill = withRemarks(d.Prefill, doc, remarks)
	wf, err := s.loadWorkflow(r, dv, d.Prefill)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Workflow, d.Adjusted = wf, r.URL.Query().Get("adjusted") == "1"
	d.RolledOver = r.URL.Query().Get("rolled") == "1"
	d.Removed = r.URL.Query().Get("removed")
	s.renderPage(w, r, pk, "unit.html", d)
}

// gradeCounts tallies projects by grade, best grade first.
func gradeCounts(ps []review.ProjectResult) []gradeCount {
	n := map[string]int{}
	for _, p := range ps {
		n[p.Grade]++
	}
	var out []gradeCount
	for _, g := range []string{"优", "良", "中", "差"} {
		if n[g] > 0 {
			out = append(out, gradeCount{g, n[g]})
			delete(n, g)
		}
	}
	rest := make([]string, 0, len(n)) // grades outside the four, if any
	for g := range n {
		rest = append(rest, g)
	}
	sort.Strings(rest)
	for _, g := range rest {
		out = append(out, gradeCount{g, n[g]})
	}
	return out
}
