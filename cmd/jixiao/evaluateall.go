package main

import (
	"encoding/json"
	"fmt"
	"strconv"

	"jixiao"
	"jixiao/score"
	"jixiao/store"
)

// scoreGrades are the grades score gives, best first.
var scoreGrades = []string{"优", "良", "中", "差"}

// evaluationSummary is what evaluate --all says of a document or of all:
// how many projects were scored, their mean total score (null when none
// was), how many per grade, and how many the scorer refused.
type evaluationSummary struct {
	Evaluated int            `json:"evaluated"`
	MeanScore *json.Number   `json:"mean_score"`
	Grades    map[string]int `json:"grades"`
	Refused   int            `json:"refused"`
	sum       jixiao.Decimal
}

// evaluateDocLine is one document's JSON line of evaluate --all; refusals
// are the scorer's reasons, in Chinese, as evaluate prints them.
type evaluateDocLine struct {
	docHead
	evaluationSummary
	Refusals []string `json:"refusals"`
}

// evaluateTotalLine is the total of evaluate --all.
type evaluateTotalLine struct {
	totalHead
	evaluationSummary
}

// evaluateAll scores every stored document's evaluated projects, one line
// each and the total. Projects the scorer refuses are counted, and their
// reasons written to standard error (and into the JSON lines); as with one
// document, any refusal makes the exit code 2 once everything is printed.
func evaluateAll(e *env, f *reportFlags, cfg score.Config) int {
	// Weights that do not add up refuse every document alike: say it once.
	if _, err := score.Document(&jixiao.Document{}, cfg); err != nil {
		return fail(e, err)
	}
	out := newAllReport(e, f.json(), 2, append(append([]string{"单位编码", "单位名称", "年度", "已评价项目", "平均分"},
		scoreGrades...), "未能评分")...)
	total := newEvaluationSummary()
	// With one year, its payments are summed in the database to the
	// year's end, which is all scoring takes of them.
	var spentTo jixiao.Date
	if *f.year != 0 {
		spentTo = jixiao.YearEnd(*f.year)
	}
	n, err := f.eachDocumentAt(e, store.ForScore, spentTo, func(doc *jixiao.Document) error {
		rs, err := score.Document(doc, cfg)
		s := newEvaluationSummary()
		for _, r := range rs {
			s.add(r)
			total.add(r)
		}
		refusals := score.Refusals(err)
		s.Refused = len(refusals)
		total.Refused += s.Refused
		for _, r := range refusals {
			fmt.Fprintf(e.stderr, "错误：%s %s %d年：%s\n", doc.Unit.Code, doc.Unit.Name, doc.Year, r)
		}
		s.mean()
		return out.line(evaluateDocLine{headOf(doc), s, refusals},
			append([]string{doc.Unit.Code, doc.Unit.Name, strconv.Itoa(doc.Year)}, s.cells()...)...)
	})
	if err != nil {
		return fail(e, err)
	}
	total.mean()
	if err := out.total(n, f.noneFound(), evaluateTotalLine{totalHead{"total", n}, total},
		append([]string{"合计", strconv.Itoa(n) + " 份文档", yearCell(*f.year)}, total.cells()...)...); err != nil {
		return fail(e, err)
	}
	if total.Refused > 0 {
		return exitFail
	}
	return exitOK
}

func newEvaluationSummary() evaluationSummary {
	return evaluationSummary{Grades: withGrades(nil, scoreGrades)}
}

// add counts one scored project.
func (s *evaluationSummary) add(r score.Result) {
	s.Evaluated++
	s.Grades[r.Grade]++
	s.sum += r.Total
}

// mean sets MeanScore from the scores added, with two decimals.
func (s *evaluationSummary) mean() {
	if s.Evaluated == 0 {
		s.MeanScore = nil
		return
	}
	m := json.Number(jixiao.MulDiv(s.sum, jixiao.Dec(1), jixiao.Dec(int64(s.Evaluated))).Fixed(2))
	s.MeanScore = &m
}

// cells are the summary's table cells after the unit and year.
func (s *evaluationSummary) cells() []string {
	mean := "—"
	if s.MeanScore != nil {
		mean = s.MeanScore.String()
	}
	cells := []string{strconv.Itoa(s.Evaluated), mean}
	for _, g := range scoreGrades {
		cells = append(cells, strconv.Itoa(s.Grades[g]))
	}
	return append(cells, strconv.Itoa(s.Refused))
}
