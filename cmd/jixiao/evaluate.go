package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"jixiao"
	"jixiao/jsonout"
	"jixiao/score"
)

func init() {
	register(command{"evaluate", "年终绩效自评：按项目计算得分、等级并说明依据", cmdEvaluate})
}

func cmdEvaluate(e *env, args []string) int {
	f := newReportFlags(e, "evaluate", "evaluate [--unit CODE | --all] [--year YYYY] [--format text|json] [--weights 产出指标=50,…]")
	weights := f.String("weights", "", "一级指标分值，如 产出指标=50,效益指标=30,满意度指标=10,预算执行率=10（默认财预〔2020〕10号）")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	cfg := score.DefaultConfig()
	if *weights != "" {
		w, err := parseWeights(*weights)
		if err != nil {
			return fail(e, err)
		}
		cfg.Weights = w
	}
	if *f.all {
		return evaluateAll(e, f, cfg)
	}
	doc, err := f.document(e)
	if err != nil {
		return fail(e, err)
	}
	rs, scoreErr := score.Document(doc, cfg)
	if rs == nil && scoreErr != nil {
		return fail(e, scoreErr)
	}
	if f.json() {
		out := jsonout.EvaluationOf(rs)
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return fail(e, err)
		}
	} else {
		writeEvaluation(e.stdout, doc, rs)
	}
	if scoreErr != nil {
		return fail(e, scoreErr)
	}
	return exitOK
}

// writeEvaluation prints each project's score, indicator by indicator,
// with the reasoning and the flags to look at.
func writeEvaluation(w io.Writer, doc *jixiao.Document, rs []score.Result) {
	fmt.Fprintf(w, "%s %s %d年度绩效自评：%d 个项目已评价，共 %d 个项目\n", doc.Unit.Code, doc.Unit.Name, doc.Year, len(rs), len(doc.Projects))
	for _, r := range rs {
		fmt.Fprintf(w, "\n%s %s：总分 %s，等级 %s\n", r.Code, r.Name, r.Total.Fixed(2), r.Grade)
		fmt.Fprintf(w, "  预算执行率 %s%%，得分 %s/%s：%s\n", r.ExecutionRate.Fixed(2), r.ExecutionScore.Fixed(2),
			r.ExecutionPoints.Fixed(2), r.ExecutionExplanation)
		for _, s := range r.Indicators {
			fmt.Fprintf(w, "  %d. %s/%s/%s 得分 %s/%s：%s\n", s.Indicator, s.Level1, s.Level2, s.Level3,
				s.Score.Fixed(2), s.Points.Fixed(2), s.Explanation)
		}
		for _, fl := range r.Flags {
			fmt.Fprintf(w, "  ！%s\n", fl)
		}
	}
}

// parseWeights reads "产出指标=50,效益指标=30,…" into Config.Weights; the
// scorer checks that they sum to 100.
func parseWeights(s string) (map[string]jixiao.Decimal, error) {
	m := map[string]jixiao.Decimal{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' }) {
		name, val, ok := strings.Cut(part, "=")
		name = strings.TrimSpace(name)
		d, err := jixiao.ParseDecimal(strings.TrimSpace(val))
		if !ok || name == "" || err != nil {
			return nil, fmt.Errorf("--weights 中的“%s”应写作 一级指标=分值，如 产出指标=50", part)
		}
		m[name] = d
	}
	return m, nil
}
