// Package jsonout holds the JSON shapes of the monitoring roll-up and the
// self-evaluation scores, written the same way by the command line
// (--format json) and by the web API, so an integration sees one format
// whichever it calls.
package jsonout

import (
	"encoding/json"
	"io"

	"jixiao"
	"jixiao/monitor"
	"jixiao/score"
)

// num2 writes a Decimal as a JSON number with two decimals.
func num2(d jixiao.Decimal) json.Number { return json.Number(d.Fixed(2)) }

// Monitor is the monitoring roll-up of a department as of a date.
type Monitor struct {
	AsOf       string           `json:"as_of"`
	Projects   []MonitorProject `json:"projects"`
	Department MonitorDept      `json:"department"`
}

// MonitorProject is one project of the roll-up.
type MonitorProject struct {
	Code            string             `json:"code"`
	BudgetFen       int64              `json:"budget_fen"`
	SpentFen        int64              `json:"spent_fen"`
	ExpectedPercent json.Number        `json:"expected_percent"`
	ActualPercent   json.Number        `json:"actual_percent"`
	DeviationPoints json.Number        `json:"deviation_points"`
	Light           string             `json:"light"`
	Indicators      []MonitorIndicator `json:"indicators"`
}

// MonitorIndicator is one indicator's latest progress.
type MonitorIndicator struct {
	Indicator int    `json:"indicator"`
	Target    string `json:"target"`
	Latest    string `json:"latest"`
	Status    string `json:"status"`
}

// MonitorDept is the department's totals.
type MonitorDept struct {
	BudgetFen       int64       `json:"budget_fen"`
	SpentFen        int64       `json:"spent_fen"`
	ExpectedFen     int64       `json:"expected_fen"`
	ExpectedPercent json.Number `json:"expected_percent"`
	ActualPercent   json.Number `json:"actual_percent"`
	DeviationPoints json.Number `json:"deviation_points"`
	Green           int         `json:"green"`
	Yellow          int         `json:"yellow"`
	Red             int         `json:"red"`
}

// MonitorOf builds the roll-up, projects worst first as monitor orders
// them. Percentages and points are JSON numbers rounded to two decimals.
func MonitorOf(dep monitor.Department) Monitor {
	out := Monitor{AsOf: dep.Date.String(), Projects: []MonitorProject{}}
	for _, p := range dep.Projects {
		pj := MonitorProject{
			Code: p.Code, BudgetFen: int64(p.Budget), SpentFen: int64(p.Spent),
			ExpectedPercent: num2(p.Expected), ActualPercent: num2(p.Actual),
			DeviationPoints: num2(p.Deviation), Light: p.Light,
			Indicators: []MonitorIndicator{},
		}
		for _, i := range p.Indicators {
			pj.Indicators = append(pj.Indicators, MonitorIndicator{i.Indicator, i.Target, i.Latest, i.Status})
		}
		out.Projects = append(out.Projects, pj)
	}
	exp, act := DeptPercents(dep)
	out.Department = MonitorDept{
		BudgetFen: int64(dep.Budget), SpentFen: int64(dep.Spent), ExpectedFen: int64(dep.Expected),
		ExpectedPercent: num2(exp), ActualPercent: num2(act), DeviationPoints: num2(exp - act),
		Green: dep.Green, Yellow: dep.Yellow, Red: dep.Red,
	}
	return out
}

// DeptPercents is the department's expected and actual spending as
// percentages of its total budget.
func DeptPercents(dep monitor.Department) (expected, actual jixiao.Decimal) {
	if dep.Budget <= 0 {
		return 0, 0
	}
	return jixiao.Ratio(int64(dep.Expected)*100, int64(dep.Budget)), jixiao.Ratio(int64(dep.Spent)*100, int64(dep.Budget))
}

// Evaluation is the self-evaluation scores: one entry per project with a
// self-evaluation, scores as numbers with two decimals.
type Evaluation struct {
	Projects []EvaluatedProject `json:"projects"`
}

// EvaluatedProject is one project's score.
type EvaluatedProject struct {
	Code           string               `json:"code"`
	Total          json.Number          `json:"total"`
	Grade          string               `json:"grade"`
	ExecutionRate  json.Number          `json:"execution_rate"`
	ExecutionScore json.Number          `json:"execution_score"`
	Indicators     []EvaluatedIndicator `json:"indicators"`
	Flags          []string             `json:"flags"`
}

// EvaluatedIndicator is one indicator's line; indicator is its 1-based
// position in the project, as everywhere in the exchange format.
type EvaluatedIndicator struct {
	Indicator   int         `json:"indicator"`
	Points      json.Number `json:"points"`
	Score       json.Number `json:"score"`
	Explanation string      `json:"explanation"`
}

// EvaluationOf builds the scores' JSON shape.
func EvaluationOf(rs []score.Result) Evaluation {
	out := Evaluation{Projects: make([]EvaluatedProject, 0, len(rs))}
	for _, r := range rs {
		p := EvaluatedProject{Code: r.Code, Total: num2(r.Total), Grade: r.Grade,
			ExecutionRate: num2(r.ExecutionRate), ExecutionScore: num2(r.ExecutionScore),
			Indicators: make([]EvaluatedIndicator, 0, len(r.Indicators)), Flags: append([]string{}, r.Flags...)}
		for _, s := range r.Indicators {
			p.Indicators = append(p.Indicators, EvaluatedIndicator{Indicator: s.Indicator, Points: num2(s.Points),
				Score: num2(s.Score), Explanation: s.Explanation})
		}
		out.Projects = append(out.Projects, p)
	}
	return out
}

// Write writes v indented, without HTML escaping (the output is data,
// not a page).
func Write(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
