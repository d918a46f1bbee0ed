package jsondoc

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"jixiao"
	"jixiao/target"
)

func asErr[T error](err error, target *T) bool { return errors.As(err, target) }

func fromDomain(d *jixiao.Document) Document {
	out := Document{
		Unit:     Unit{d.Unit.Code, d.Unit.Name},
		Year:     d.Year,
		Preset:   string(d.Preset),
		Projects: make([]Project, 0, len(d.Projects)),
		Overall: Overall{
			Goals:        make([]Goal, 0, len(d.Overall.Goals)),
			ProjectGoals: make([]ProjectGoal, 0, len(d.Overall.ProjectGoals)),
			Measures:     make([]Measure, 0, len(d.Overall.Measures)),
		},
	}
	for _, g := range d.Overall.Goals {
		items := g.Items
		if items == nil {
			items = []string{}
		}
		out.Overall.Goals = append(out.Overall.Goals, Goal{g.Heading, items})
	}
	for _, g := range d.Overall.ProjectGoals {
		out.Overall.ProjectGoals = append(out.Overall.ProjectGoals, ProjectGoal{g.Project, g.Text})
	}
	for _, m := range d.Overall.Measures {
		out.Overall.Measures = append(out.Overall.Measures, Measure{m.Heading, m.Text})
	}
	for i := range d.Projects {
		out.Projects = append(out.Projects, projectFrom(&d.Projects[i]))
	}
	return out
}

func projectFrom(p *jixiao.Project) Project {
	out := Project{
		Code: p.Code, Name: p.Name,
		BudgetFen: int64(p.Budget), FiscalFen: int64(p.Fiscal), OtherFen: int64(p.Other),
		Purpose: p.Purpose, Goal: p.Goal,
		Plan:       make([]Point, 0, len(p.Plan)),
		Indicators: make([]Indicator, 0, len(p.Indicators)),
	}
	for _, c := range p.Plan {
		out.Plan = append(out.Plan, Point{c.By.String(), json.Number(c.Percent.String())})
	}
	for _, in := range p.Indicators {
		t := in.Target
		jt := &Target{Kind: string(t.Kind), Op: t.Op, Direction: string(t.Direction), Flag: t.Flag}
		switch t.Kind {
		case jixiao.DateKind:
			jt.Date = t.Date.String()
		case jixiao.Qualitative:
			jt.Direction = ""
		default:
			jt.Number, jt.Unit = t.Number.String(), t.Unit
		}
		ji := Indicator{
			Level1: in.Level1, Level2: in.Level2, Level3: in.Level3,
			Description: in.Description, Value: in.Value, Basis: in.Basis, Target: jt,
		}
		if in.Weight != 0 {
			ji.Weight = in.Weight.String()
		}
		out.Indicators = append(out.Indicators, ji)
	}
	pos := positions(p.Spending, func(s jixiao.Spending) int64 { return s.ID })
	for _, s := range p.Spending {
		js := SpendingJSON(s)
		js.Replaces = pos[s.Replaces]
		out.Spending = append(out.Spending, js)
	}
	ppos := positions(p.Progress, func(r jixiao.Progress) int64 { return r.ID })
	for _, r := range p.Progress {
		jr := ProgressJSON(r)
		jr.Replaces = ppos[r.Replaces]
		out.Progress = append(out.Progress, jr)
	}
	out.Evaluation = EvaluationJSON(p.Evaluation)
	return out
}

// positions maps record ids to 1-based positions in their list.
func positions[T any](rs []T, id func(T) int64) map[int64]int {
	m := map[int64]int{}
	for i, r := range rs {
		if id(r) != 0 {
			m[id(r)] = i + 1
		}
	}
	return m
}

func stamp(s jixiao.Stamp) (string, string) {
	if s.At.IsZero() {
		return s.By, ""
	}
	return s.By, s.At.UTC().Format(time.RFC3339)
}

type failFunc func(where string, format string, a ...any) error

func toDomain(d Document, fail failFunc) (*jixiao.Document, error) {
	if strings.TrimSpace(d.Unit.Code) == "" {
		return nil, fail(".unit.code", "缺少单位编码")
	}
	if d.Year < 1990 || d.Year > 2200 {
		return nil, fail(".year", "预算年度 %d 不合理", d.Year)
	}
	doc := &jixiao.Document{
		Unit:   jixiao.Unit{Code: d.Unit.Code, Name: d.Unit.Name},
		Year:   d.Year,
		Preset: jixiao.Preset(d.Preset),
	}
	switch doc.Preset {
	case "":
		doc.Preset = jixiao.Preset88
	case jixiao.Preset88, jixiao.Preset101:
	default:
		return nil, fail(".preset", "指标体系“%s”未知，应为 88 或 101", d.Preset)
	}
	for _, g := range d.Overall.Goals {
		doc.Overall.Goals = append(doc.Overall.Goals, jixiao.GoalSection{Heading: g.Heading, Items: g.Items})
	}
	for _, g := range d.Overall.ProjectGoals {
		doc.Overall.ProjectGoals = append(doc.Overall.ProjectGoals, jixiao.ProjectGoal{Project: g.Project, Text: g.Text})
	}
	for _, m := range d.Overall.Measures {
		doc.Overall.Measures = append(doc.Overall.Measures, jixiao.Measure{Heading: m.Heading, Text: m.Text})
	}
	seen := map[string]bool{}
	for i, jp := range d.Projects {
		where := fmt.Sprintf(".projects[%d]（%s）", i, jp.Name)
		pf := func(sub, format string, a ...any) error { return fail(where+sub, format, a...) }
		p, err := projectTo(jp, pf)
		if err != nil {
			return nil, err
		}
		if seen[p.Code] {
			return nil, pf(".code", "项目编码 %s 重复", p.Code)
		}
		seen[p.Code] = true
		doc.Projects = append(doc.Projects, *p)
	}
	if len(doc.Projects) == 0 {
		return nil, fail(".projects", "没有项目")
	}
	return doc, nil
}

func projectTo(jp Project, fail failFunc) (*jixiao.Project, error) {
	if strings.TrimSpace(jp.Code) == "" {
		return nil, fail(".code", "缺少项目编码")
	}
	if jp.BudgetFen < 0 || jp.FiscalFen < 0 || jp.OtherFen < 0 {
		return nil, fail("", "金额不能为负数")
	}
	p := &jixiao.Project{
		Code: jp.Code, Name: jp.Name,
		Budget: jixiao.Fen(jp.BudgetFen), Fiscal: jixiao.Fen(jp.FiscalFen), Other: jixiao.Fen(jp.OtherFen),
		Purpose: jp.Purpose, Goal: jp.Goal,
	}
	for i, c := range jp.Plan {
		by, err := jixiao.ParseDate(c.By)
		if err != nil {
			return nil, fail(fmt.Sprintf(".plan[%d].by", i), "%v", err)
		}
		pct, err := jixiao.ParseDecimal(c.Percent.String())
		if err != nil {
			return nil, fail(fmt.Sprintf(".plan[%d].percent", i), "百分比“%s”不是数字", c.Percent)
		}
		p.Plan = append(p.Plan, jixiao.Checkpoint{By: by, Percent: pct})
	}
	for i, ji := range jp.Indicators {
		in, err := indicatorTo(ji, func(format string, a ...any) error {
			return fail(fmt.Sprintf(".indicators[%d]", i), format, a...)
		})
		if err != nil {
			return nil, err
		}
		p.Indicators = append(p.Indicators, in)
	}
	if err := recordsTo(jp, p, fail); err != nil {
		return nil, err
	}
	return p, nil
}

func indicatorTo(ji Indicator, fail func(string, ...any) error) (jixiao.Indicator, error) {
	in := jixiao.Indicator{
		Level1: ji.Level1, Level2: ji.Level2, Level3: ji.Level3,
		Description: ji.Description, Value: ji.Value, Basis: ji.Basis,
	}
	if ji.Weight != "" {
		w, err := jixiao.ParseDecimal(ji.Weight)
		if err != nil || w < 0 {
			return in, fail("权重“%s”不是非负数", ji.Weight)
		}
		in.Weight = w
	}
	if ji.Target == nil {
		in.Target = target.Parse(ji.Value)
		return in, nil
	}
	t := jixiao.Target{
		Kind: jixiao.TargetKind(ji.Target.Kind), Op: ji.Target.Op, Unit: ji.Target.Unit,
		Direction: jixiao.Direction(ji.Target.Direction), Flag: ji.Target.Flag,
	}
	switch t.Kind {
	case jixiao.Quantity, jixiao.Percent, jixiao.Money:
		n, err := jixiao.ParseDecimal(ji.Target.Number)
		if err != nil {
			return in, fail("target.number“%s”不是精确小数", ji.Target.Number)
		}
		t.Number = n
	case jixiao.DateKind:
		dt, err := jixiao.ParseDate(ji.Target.Date)
		if err != nil {
			return in, fail("target.date：%v", err)
		}
		t.Date = dt
	case jixiao.Qualitative:
	default:
		return in, fail("target.kind“%s”未知", ji.Target.Kind)
	}
	switch t.Op {
	case "", "=", "≥", "≤", ">", "<":
	default:
		return in, fail("target.op“%s”未知", t.Op)
	}
	switch {
	case t.Kind == jixiao.Qualitative && t.Direction == "":
	case t.Direction == jixiao.Positive || t.Direction == jixiao.Reverse:
	default:
		return in, fail("target.direction“%s”未知，应为 positive 或 reverse", t.Direction)
	}
	in.Target = t
	return in, nil
}

func recordsTo(jp Project, p *jixiao.Project, fail failFunc) error {
	for i, s := range jp.Spending {
		where := fmt.Sprintf(".spending[%d]", i)
		d, err := jixiao.ParseDate(s.Date)
		if err != nil {
			return fail(where, "%v", err)
		}
		if s.Replaces < 0 || s.Replaces > len(jp.Spending) || s.Replaces == i+1 {
			return fail(where, "replaces %d 不是本项目其他支出记录的序号", s.Replaces)
		}
		at, err := parseStamp(s.EnteredAt)
		if err != nil {
			return fail(where, "%v", err)
		}
		p.Spending = append(p.Spending, jixiao.Spending{
			ID: int64(i + 1), Date: d, Amount: jixiao.Fen(s.AmountFen), Note: s.Note,
			Replaces: int64(s.Replaces), Entered: jixiao.Stamp{By: s.EnteredBy, At: at},
		})
	}
	for i, r := range jp.Progress {
		where := fmt.Sprintf(".progress[%d]", i)
		d, err := jixiao.ParseDate(r.AsOf)
		if err != nil {
			return fail(where, "%v", err)
		}
		if r.Indicator < 1 || r.Indicator > len(p.Indicators) {
			return fail(where, "指标序号 %d 不存在（本项目有 %d 个指标）", r.Indicator, len(p.Indicators))
		}
		if r.Replaces < 0 || r.Replaces > len(jp.Progress) || r.Replaces == i+1 {
			return fail(where, "replaces %d 不是本项目其他进度记录的序号", r.Replaces)
		}
		at, err := parseStamp(r.EnteredAt)
		if err != nil {
			return fail(where, "%v", err)
		}
		p.Progress = append(p.Progress, jixiao.Progress{
			ID: int64(i + 1), Indicator: r.Indicator, AsOf: d, Value: r.Value, Cause: r.Cause,
			Likelihood: r.Likelihood, Measures: r.Measures, Replaces: int64(r.Replaces),
			Entered: jixiao.Stamp{By: r.EnteredBy, At: at},
		})
	}
	if je := jp.Evaluation; je != nil {
		at, err := parseStamp(je.EnteredAt)
		if err != nil {
			return fail(".evaluation", "%v", err)
		}
		e := &jixiao.Evaluation{AdjustedBudget: jixiao.Fen(je.AdjustedBudgetFen), Reason: je.Reason, Entered: jixiao.Stamp{By: je.EnteredBy, At: at}}
		if je.AdjustedBudgetFen < 0 {
			return fail(".evaluation", "调整预算数不能为负数")
		}
		if je.ExecutedFen != nil {
			if *je.ExecutedFen < 0 {
				return fail(".evaluation", "执行数不能为负数")
			}
			e.Executed, e.HasExecuted = jixiao.Fen(*je.ExecutedFen), true
		}
		for i, a := range je.Actuals {
			if a.Indicator < 1 || a.Indicator > len(p.Indicators) {
				return fail(fmt.Sprintf(".evaluation.actuals[%d]", i), "指标序号 %d 不存在（本项目有 %d 个指标）", a.Indicator, len(p.Indicators))
			}
			ja := jixiao.Actual{Indicator: a.Indicator, Value: a.Value, Grade: a.Grade, Reason: a.Reason, Source: a.Source}
			if a.Score != "" {
				sc, err := jixiao.ParseDecimal(a.Score)
				if err != nil || sc < 0 {
					return fail(fmt.Sprintf(".evaluation.actuals[%d].score", i), "得分“%s”不是非负数", a.Score)
				}
				ja.Score, ja.HasScore = sc, true
			}
			e.Actuals = append(e.Actuals, ja)
		}
		p.Evaluation = e
	}
	return nil
}

func parseStamp(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("时间“%s”不是 RFC 3339 格式", s)
	}
	return t.UTC(), nil
}
