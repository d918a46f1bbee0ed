package score

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/monitor"
)

// IndicatorScore is one indicator's line of the 自评表.
type IndicatorScore struct {
	Indicator              int // 1-based position in the project
	Level1, Level2, Level3 string
	Target                 string // 年度指标值 as written
	Actual                 string // 实际完成值 as written, or the grade of a qualitative indicator
	Points                 jixiao.Decimal
	Score                  jixiao.Decimal // rounded to two decimals
	// Explanation is the formula and numbers that gave Score, in Chinese,
	// e.g. "完成值90%未达到目标≥95%，按完成值 ÷ 目标值 × 分值计：90 ÷ 95 × 12.5 = 11.84".
	Explanation string
	// Override is set when the evaluator replaced the computed score of a
	// quantitative indicator; Reason then says why.
	Override bool
	Reason   string // 偏差原因分析及改进措施, and the reason for an override
}

// Result is a project's self-evaluation.
type Result struct {
	Code, Name string
	Total      jixiao.Decimal // sum of the rounded indicator and execution scores
	Grade      string         // 优, 良, 中 or 差
	// ExecutionRate is 全年执行数 ÷ 全年预算数 in percent, exact to the
	// millionth; ExecutionScore is its points, rounded to two decimals.
	ExecutionRate, ExecutionScore jixiao.Decimal
	ExecutionPoints               jixiao.Decimal
	ExecutionExplanation          string
	Executed, Adjusted            jixiao.Fen
	Indicators                    []IndicatorScore
	// Flags are things the evaluator must look at (over-achievement, a
	// missing value or reason); they do not stop the scoring.
	Flags []string
}

// Project scores project p of fiscal year year from p.Evaluation, taking
// the year's execution from p.Spending unless the evaluation gives it. It
// refuses, in Chinese, an evaluation that cannot be scored: weights not
// summing, an actual in the wrong unit, a grade on a quantitative
// indicator or a number on a qualitative one, an unknown indicator
// position, a score outside its grade's band, an override without a reason.
func Project(p *jixiao.Project, year int, cfg Config) (Result, error) {
	ws, exec, err := weightsFor(cfg, p.Code)
	if err != nil {
		return Result{}, errorf(p, "%v", err)
	}
	sc := scorer{cfg: cfg, ws: ws, exec: exec}
	return sc.project(p, year)
}

// scorer is one scoring run: the configuration with its weights checked,
// and, for a whole document, a cache of parsed actual values.
type scorer struct {
	cfg    Config
	ws     []weight
	exec   jixiao.Decimal
	parsed map[string]jixiao.Target
}

// Refusals splits Document's error into one message per project it
// could not score (Document joins them); never nil, so JSON says [].
func Refusals(err error) []string {
	out := []string{}
	if err == nil {
		return out
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			out = append(out, Refusals(e)...)
		}
		return out
	}
	return append(out, err.Error())
}

// Document scores every project of doc that has an evaluation; projects
// without one are left out. A configuration whose weights do not sum to 100
// refuses the whole document. Projects that cannot be scored are left out
// of the results and their errors joined into err, so one bad evaluation
// does not hide the others' scores.
func Document(doc *jixiao.Document, cfg Config) ([]Result, error) {
	ws, exec, err := checkWeights(cfg.Weights, "一级指标分值")
	if err != nil {
		return nil, err
	}
	sc := scorer{cfg: cfg, ws: ws, exec: exec, parsed: map[string]jixiao.Target{}}
	results := make([]Result, 0, len(doc.Projects))
	var errs []error
	for i := range doc.Projects {
		p := &doc.Projects[i]
		if p.Evaluation == nil {
			continue
		}
		var r Result
		var err error
		if pw, ok := cfg.ProjectWeights[p.Code]; ok {
			alone := sc // the same cache, the project's own weights
			alone.ws, alone.exec, err = checkWeights(pw, "本项目的一级指标分值")
			if err != nil {
				err = errorf(p, "%v", err)
			} else {
				r, err = alone.project(p, doc.Year)
			}
		} else {
			r, err = sc.project(p, doc.Year)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		results = append(results, r)
	}
	return results, errors.Join(errs...)
}

// project scores one project with the run's weights.
func (sc *scorer) project(p *jixiao.Project, year int) (Result, error) {
	cfg := sc.cfg
	ev := p.Evaluation
	if ev == nil {
		return Result{}, errorf(p, "尚未填写自评")
	}
	r := Result{Code: p.Code, Name: p.Name, ExecutionPoints: sc.exec}
	points, err := allot(p, sc.ws)
	if err != nil {
		return Result{}, errorf(p, "%v", err)
	}

	// The evaluation's actuals, by indicator position.
	actuals := make([]*jixiao.Actual, len(p.Indicators)+1)
	for i := range ev.Actuals {
		a := &ev.Actuals[i]
		if a.Indicator < 1 || a.Indicator > len(p.Indicators) {
			return Result{}, errorf(p, "完成值指向第%d个指标，项目共有%d个指标", a.Indicator, len(p.Indicators))
		}
		if actuals[a.Indicator] != nil {
			return Result{}, errorf(p, "指标%d“%s”填写了两次完成值", a.Indicator, p.Indicators[a.Indicator-1].Level3)
		}
		actuals[a.Indicator] = a
	}

	r.Indicators = make([]IndicatorScore, len(p.Indicators))
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		s := IndicatorScore{Indicator: i + 1, Level1: ind.Level1, Level2: ind.Level2, Level3: ind.Level3,
			Target: ind.Value, Points: points[i]}
		a := actuals[i+1]
		if a == nil {
			s.Explanation = "未填写完成值，得0分"
			r.Flags = append(r.Flags, where(i, ind)+"未填写完成值，按0分计")
		} else {
			flag, err := sc.scoreIndicator(&s, ind, a)
			if err != nil {
				return Result{}, errorf(p, "%s%v", where(i, ind), err)
			}
			if flag != "" {
				r.Flags = append(r.Flags, where(i, ind)+flag)
			}
		}
		r.Total += s.Score
		r.Indicators[i] = s
	}

	if err := execution(&r, p, year, cfg); err != nil {
		return Result{}, err
	}
	r.Total += r.ExecutionScore
	r.Grade = Grade(r.Total, cfg)
	return r, nil
}

// allot gives each indicator its points: the 一级's points split evenly to
// the cent (leftover cents to the first indicators, so the parts add up
// exactly), or the indicators' own weights when set, which must then sum
// to the 一级's points.
func allot(p *jixiao.Project, ws []weight) ([]jixiao.Decimal, error) {
	points := make([]jixiao.Decimal, len(p.Indicators))
	// One allocation for the counters: each indicator's group (index into
	// ws), and per group its indicator count, weighted count and next share.
	n, g := len(p.Indicators), len(ws)
	ints := make([]int, n+3*g)
	group, counts, weighted, seen := ints[:n], ints[n:n+g], ints[n+g:n+2*g], ints[n+2*g:]
	sums := make([]jixiao.Decimal, g)
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		g := find(ws, ind.Level1)
		if g < 0 {
			return nil, fmt.Errorf("指标%d“%s”的一级指标“%s”没有设定分值", i+1, ind.Level3, ind.Level1)
		}
		group[i] = g
		counts[g]++
		if ind.Weight != 0 {
			weighted[g]++
			sums[g] += ind.Weight
		}
	}
	for g, w := range ws {
		switch {
		case counts[g] == 0 && w.points != 0:
			return nil, fmt.Errorf("一级指标“%s”有%s分，但项目没有这一级的指标；请调整本项目的一级指标分值", w.name, w.points)
		case weighted[g] != 0 && weighted[g] != counts[g]:
			return nil, fmt.Errorf("一级指标“%s”中有的指标设定了权重、有的没有，应全部设定或全部不设", w.name)
		case weighted[g] != 0 && sums[g] != w.points:
			return nil, fmt.Errorf("一级指标“%s”各指标权重合计%s分，应为%s分", w.name, sums[g], w.points)
		}
	}
	for i := range p.Indicators {
		g := group[i]
		if weighted[g] != 0 {
			points[i] = p.Indicators[i].Weight
			continue
		}
		points[i] = share(ws[g].points, counts[g], seen[g])
		seen[g]++
	}
	return points, nil
}

// share is the k-th of n even parts of total, to the cent when total is
// whole cents (else to the millionth), leftovers going to the first parts.
func share(total jixiao.Decimal, n, k int) jixiao.Decimal {
	unit := jixiao.Decimal(10_000) // 0.01
	if total%unit != 0 {
		unit = 1
	}
	units := total / unit
	base, rest := units/jixiao.Decimal(n), int(units%jixiao.Decimal(n))
	if k < rest {
		base++
	}
	return base * unit
}

// find returns the index of the 一级 named name in ws, or -1.
func find(ws []weight, name string) int {
	for i, w := range ws {
		if w.name == name {
			return i
		}
	}
	key := level1Key(name)
	for i, w := range ws {
		if w.key == key {
			return i
		}
	}
	return -1
}

// execution scores 预算执行率: executed ÷ adjusted budget, min(rate, 100%)
// × the points.
func execution(r *Result, p *jixiao.Project, year int, cfg Config) error {
	ev := p.Evaluation
	r.Adjusted = ev.AdjustedBudget
	if r.Adjusted == 0 {
		r.Adjusted = p.Budget
		r.Flags = append(r.Flags, fmt.Sprintf("未填写全年预算数（调整预算数），按年初预算数%s万元计", p.Budget.WanExact()))
	}
	if r.Adjusted <= 0 {
		return errorf(p, "全年预算数为%s万元，无法计算预算执行率", r.Adjusted.WanExact())
	}
	r.Executed = ev.Executed
	source := ""
	if !ev.HasExecuted {
		r.Executed = monitor.Spent(p, year, jixiao.YearEnd(year))
		source = "（执行数取自支出记录）"
	}
	if r.Executed < 0 {
		return errorf(p, "全年执行数不能为负数（%s万元）", r.Executed.WanExact())
	}
	hundred := jixiao.Dec(100)
	r.ExecutionRate = jixiao.MulDiv(jixiao.Decimal(r.Executed), hundred, jixiao.Decimal(r.Adjusted))
	e, adj := r.Executed.WanExact(), r.Adjusted.WanExact()
	if r.ExecutionRate >= hundred {
		r.ExecutionScore = r.ExecutionPoints.Round(2)
		r.ExecutionExplanation = "执行率 " + e + " ÷ " + adj + " = " + r.ExecutionRate.Fixed(2) +
			"%，达到100%，得满分" + r.ExecutionPoints.String() + source
	} else {
		r.ExecutionScore = jixiao.MulDiv(r.ExecutionPoints, jixiao.Decimal(r.Executed), jixiao.Decimal(r.Adjusted)).Round(2)
		r.ExecutionExplanation = "执行率 " + e + " ÷ " + adj + " = " + r.ExecutionRate.Fixed(2) + "%，得分 " +
			e + " ÷ " + adj + " × " + r.ExecutionPoints.String() + " = " + r.ExecutionScore.Fixed(2) + source
	}
	if r.ExecutionRate < cfg.ReasonBelow && strings.TrimSpace(ev.Reason) == "" {
		r.Flags = append(r.Flags, fmt.Sprintf("预算执行率%s%%低于%s%%，须填写偏差原因", r.ExecutionRate.Fixed(2), cfg.ReasonBelow))
	}
	return nil
}

// where names an indicator in messages: 指标2“正常使用率”.
func where(i int, ind *jixiao.Indicator) string {
	return "指标" + strconv.Itoa(i+1) + "“" + ind.Level3 + "”"
}

// errorf makes a Chinese error that names the project.
func errorf(p *jixiao.Project, format string, args ...any) error {
	return fmt.Errorf("项目“%s”：%s", p.Name, fmt.Sprintf(format, args...))
}
