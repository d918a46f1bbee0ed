package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/jsondoc"
	"jixiao/score"
	"jixiao/store"
	"jixiao/workflow"
)

// Public disclosure (信息公开). Only documents whose goals track is
// published are shown, to everyone, without signing in: the goal tables
// and part one, never the review findings, never a draft. The
// self-evaluation results are shown once the evaluation track is
// published too. Spending and progress records are internal monitoring
// data and are not disclosed, neither on the page nor in the JSON.

// publicDoc is one published document in the public list.
type publicDoc struct {
	store.Summary
	Href      string
	Evaluated bool
}

// publicHome lists the published documents by unit and year.
func (s *server) publicHome(w http.ResponseWriter, r *http.Request) {
	docs, err := s.st.Documents(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var out []publicDoc
	for _, d := range docs {
		if d.Goals == workflow.Published {
			out = append(out, publicDoc{Summary: d, Href: publicPath(d.Key), Evaluated: d.Evaluation == workflow.Published})
		}
	}
	s.render(w, r, http.StatusOK, "public_home.html", out)
}

// publicPath is the public page of a document.
func publicPath(k jixiao.Key) string {
	return fmt.Sprintf("/public/units/%s/%d", pathEscape(k.Unit), k.Year)
}

// publicData is a published document for the public page.
type publicData struct {
	Doc      *jixiao.Document
	Projects []publicProject
	// Results are the self-evaluation scores, when published.
	Results []score.Result
	Scored  bool
	JSON    string
}

// publicProject is one goal table laid out like the printed form.
type publicProject struct {
	*jixiao.Project
	Number int
	Plan   []planCell
	Rows   []indicatorRow
}

// loadPublished reads the document only if its goals are published; any
// other case is the same 404, so the public learns nothing of drafts. It
// also says whether the self-evaluation is published. The caller shows
// only disclosed(doc).
func (s *server) loadPublished(w http.ResponseWriter, r *http.Request, year string) (*jixiao.Document, bool, bool) {
	unit := r.PathValue("unit")
	notFound := func() (*jixiao.Document, bool, bool) {
		s.notFound(w, r, fmt.Sprintf("没有单位“%s”%s年度已公开的绩效信息。", unit, year))
		return nil, false, false
	}
	y, err := strconv.Atoi(year)
	if err != nil || y < 1900 || y > 9999 {
		return notFound()
	}
	k := jixiao.Key{Unit: unit, Year: y}
	st, err := s.st.WorkflowState(r.Context(), k, workflow.Goals)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false, false
	}
	if st != workflow.Published {
		return notFound()
	}
	ev, err := s.st.WorkflowState(r.Context(), k, workflow.Evaluation)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false, false
	}
	doc, err := s.st.Document(r.Context(), k)
	if err != nil {
		s.failed(w, r, err, fmt.Sprintf("没有单位“%s”%d年度已公开的绩效信息。", unit, y))
		return nil, false, false
	}
	return doc, ev == workflow.Published, true
}

// disclosed is the part of a document that is made public.
func disclosed(doc *jixiao.Document, evaluation bool) *jixiao.Document {
	out := *doc
	out.Projects = make([]jixiao.Project, len(doc.Projects))
	for i, p := range doc.Projects {
		p.Spending, p.Progress = nil, nil
		if !evaluation {
			p.Evaluation = nil
		}
		out.Projects[i] = p
	}
	return &out
}

// publicUnit shows a published document, or sends it as jixiao/v1 JSON
// when the last segment is YEAR.json.
func (s *server) publicUnit(w http.ResponseWriter, r *http.Request) {
	year, asJSON := strings.CutSuffix(r.PathValue("year"), ".json")
	full, scored, ok := s.loadPublished(w, r, year)
	if !ok {
		return
	}
	doc := disclosed(full, scored)
	if asJSON {
		var buf bytes.Buffer
		if err := jsondoc.Encode(&buf, []*jixiao.Document{doc}); err != nil {
			s.serverError(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(buf.Bytes())
		return
	}
	d := publicData{Doc: doc, Scored: scored, JSON: publicPath(doc.Key()) + ".json"}
	for i := range doc.Projects {
		p := &doc.Projects[i]
		pp := publicProject{Project: p, Number: i + 1, Rows: indicatorRows(p.Indicators)}
		for _, c := range p.Plan {
			pp.Plan = append(pp.Plan, planCellOf(c))
		}
		d.Projects = append(d.Projects, pp)
	}
	if scored {
		// scored on the full document: 执行数 may come from the spending records
		d.Results, _ = score.Document(full, score.DefaultConfig())
	}
	s.render(w, r, http.StatusOK, "public_unit.html", d)
}
