// Package score is the year-end self-evaluation (绩效自评, DOMAIN.md §5):
// it scores each project out of 100 from its indicators' actual values and
// its budget execution, grades it 优/良/中/差, and explains every number in
// Chinese, as the 自评表 prints it. Every practice default is a setting in
// Config. It is pure: no I/O.
//
// Rounding: each indicator's score and the execution score are rounded to
// two decimals, half away from zero, as the forms print them; the total is
// the sum of those rounded parts, so the printed form adds up.
package score

import (
	"fmt"
	"slices"
	"strings"

	"jixiao"
)

// Execution is the key of the 预算执行率 points in Config.Weights.
const Execution = "预算执行率"

// Band is how a qualitative grade scores, in percent of the indicator's
// points: Default when the evaluator gives no score of their own, and the
// closed range [Min, Max] an evaluator's score must fall in.
type Band struct {
	Default, Min, Max jixiao.Decimal
}

// Config holds the scoring rules. The published weights are a principle
// that may be adjusted, and the rest is local practice, so all are settings.
type Config struct {
	// Weights gives each 一级指标 its points, by name, plus Execution for
	// 预算执行率; they must sum to 100. Names match ignoring spaces and a
	// trailing 指标 ("产出" = "产出指标"). For the 101号 preset, where 成本指标
	// is a 一级, add it here (e.g. 产出 40, 成本 10, 效益 30, 满意度 10, 执行率 10).
	Weights map[string]jixiao.Decimal
	// ProjectWeights replaces Weights for single projects, by project code:
	// for a project without 满意度 indicators, say.
	ProjectWeights map[string]map[string]jixiao.Decimal
	// Grades: the bands of 达成 / 部分达成 / 未达成.
	Grades map[string]Band
	// OverRatio: an actual above this multiple of the target (1.2 = 120%)
	// is flagged — the target may have been set too low and the evaluator
	// may deduct.
	OverRatio jixiao.Decimal
	// ReasonBelow: a budget execution rate below this percentage needs a
	// written reason (Evaluation.Reason).
	ReasonBelow jixiao.Decimal
	// Total scores at or above which a project is 优, 良 and 中; below
	// Fair it is 差.
	Excellent, Good, Fair jixiao.Decimal
}

// DefaultConfig is 财预〔2020〕10号 with the common local defaults: 产出 50,
// 效益 30, 满意度 10, 预算执行率 10; grades 达成 100% (80–100%), 部分达成 70%
// (60–80%), 未达成 30% (0–60%); over-achievement above 120%; a reason below
// 90% execution; 优 ≥ 90, 良 ≥ 80, 中 ≥ 60.
func DefaultConfig() Config {
	return Config{
		Weights: map[string]jixiao.Decimal{
			"产出指标":    jixiao.Dec(50),
			"效益指标":    jixiao.Dec(30),
			"满意度指标":   jixiao.Dec(10),
			Execution: jixiao.Dec(10),
		},
		Grades: map[string]Band{
			"达成":   {Default: jixiao.Dec(100), Min: jixiao.Dec(80), Max: jixiao.Dec(100)},
			"部分达成": {Default: jixiao.Dec(70), Min: jixiao.Dec(60), Max: jixiao.Dec(80)},
			"未达成":  {Default: jixiao.Dec(30), Min: jixiao.Dec(0), Max: jixiao.Dec(60)},
		},
		OverRatio:   jixiao.MustDecimal("1.2"),
		ReasonBelow: jixiao.Dec(90),
		Excellent:   jixiao.Dec(90),
		Good:        jixiao.Dec(80),
		Fair:        jixiao.Dec(60),
	}
}

// Grade is the grade of a total score: 优, 良, 中 or 差.
func Grade(total jixiao.Decimal, cfg Config) string {
	switch {
	case total >= cfg.Excellent:
		return "优"
	case total >= cfg.Good:
		return "良"
	case total >= cfg.Fair:
		return "中"
	}
	return "差"
}

// weight is one 一级 and its points, with the name folded for matching.
type weight struct {
	name   string
	key    string
	points jixiao.Decimal
}

// level1Key folds a 一级 name: "产出指标", "产出 指标" and "产出" are one.
func level1Key(s string) string {
	return strings.TrimSuffix(jixiao.NormName(s), "指标")
}

// weightsFor returns the weights that apply to project code, checked to
// sum to 100, in a stable order; the execution points come separately.
func weightsFor(cfg Config, code string) ([]weight, jixiao.Decimal, error) {
	if pw, ok := cfg.ProjectWeights[code]; ok {
		return checkWeights(pw, "本项目的一级指标分值")
	}
	return checkWeights(cfg.Weights, "一级指标分值")
}

// checkWeights refuses weights that do not sum to 100 or are negative.
func checkWeights(m map[string]jixiao.Decimal, where string) ([]weight, jixiao.Decimal, error) {
	ws := make([]weight, 0, len(m))
	var sum, exec jixiao.Decimal
	for name, pts := range m {
		if pts < 0 {
			return nil, 0, fmt.Errorf("%s“%s”为负数（%s分）", where, name, pts)
		}
		sum += pts
		if level1Key(name) == level1Key(Execution) {
			exec = pts
			continue
		}
		ws = append(ws, weight{name: name, key: level1Key(name), points: pts})
	}
	slices.SortFunc(ws, func(a, b weight) int { return strings.Compare(a.name, b.name) })
	if sum != jixiao.Dec(100) {
		var parts []string
		for _, w := range ws {
			parts = append(parts, fmt.Sprintf("%s%s分", w.name, w.points))
		}
		parts = append(parts, fmt.Sprintf("%s%s分", Execution, exec))
		return nil, 0, fmt.Errorf("%s合计为%s分，应为100分（%s）", where, sum, strings.Join(parts, "、"))
	}
	return ws, exec, nil
}
