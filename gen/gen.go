// Package gen makes a synthetic province: one performance-goal document per
// budget unit, shaped like the county documents the product reads (codes,
// budgets from 1万 to 1000万元, spending plans, about ten indicators per
// project of every kind the forms use, 分项 paragraphs) and with the
// records kept during and after the year (payments, progress reports and,
// for some projects, a self-evaluation). It exists to measure the product
// at the size of a province; the output is deterministic for a seed, so two
// runs measure the same data.
package gen

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"time"

	"jixiao"
	"jixiao/jsondoc"
	"jixiao/target"
)

// Options size the province.
type Options struct {
	Units           int    // budget units, one document each
	ProjectsPerUnit int    // projects in each document
	Seed            uint64 // same seed, same bytes
	Year            int    // fiscal year; 0 means 2024
	// EvaluatedShare is the share of projects, in percent, that carry a
	// self-evaluation; 0 means 30.
	EvaluatedShare int
}

func (o Options) year() int {
	if o.Year == 0 {
		return 2024
	}
	return o.Year
}

// Unit returns the document of the i-th unit (0-based). Each unit has its
// own random stream derived from the seed and i, so one unit can be made
// without the others and the province can be written one file at a time.
func Unit(o Options, i int) *jixiao.Document {
	r := rand.New(rand.NewPCG(o.Seed, uint64(i)))
	g := &unitGen{o: o, r: r, year: o.year()}
	return g.document(i)
}

// Province makes every unit's document in memory, for benchmarks of a
// province small enough to hold (Write streams larger ones to files).
func Province(o Options) []*jixiao.Document {
	docs := make([]*jixiao.Document, 0, o.Units)
	for i := range o.Units {
		docs = append(docs, Unit(o, i))
	}
	return docs
}

// FileName is the name Write gives the i-th unit's file.
func FileName(i int, d *jixiao.Document) string {
	return fmt.Sprintf("%04d-%s.json", i+1, d.Unit.Code)
}

// Write writes the province into dir as jixiao/v1 files, one per unit, and
// returns their paths. Progress, when not nil, gets a line every 50 units.
// A file larger than the import limit is an error: the province would not
// import.
func Write(dir string, o Options, progress io.Writer) ([]string, error) {
	if o.Units < 1 || o.ProjectsPerUnit < 1 {
		return nil, fmt.Errorf("单位数和每单位项目数都应大于 0（现为 %d 和 %d）", o.Units, o.ProjectsPerUnit)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	start := time.Now()
	paths := make([]string, 0, o.Units)
	for i := range o.Units {
		d := Unit(o, i)
		path := filepath.Join(dir, FileName(i, d))
		f, err := os.Create(path)
		if err != nil {
			return nil, err
		}
		err = jsondoc.Encode(f, []*jixiao.Document{d})
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("写入“%s”失败：%w", path, err)
		}
		if fi, err := os.Stat(path); err == nil && fi.Size() > jsondoc.MaxSize {
			return nil, fmt.Errorf("“%s”有 %d 字节，超过导入上限 %d MB：请减少每单位项目数", path, fi.Size(), jsondoc.MaxSize>>20)
		}
		paths = append(paths, path)
		if progress != nil && ((i+1)%50 == 0 || i+1 == o.Units) {
			fmt.Fprintf(progress, "gen: %d/%d 个单位（%.1f 秒）\n", i+1, o.Units, time.Since(start).Seconds())
		}
	}
	return paths, nil
}

// unitGen makes one unit's document from its random stream.
type unitGen struct {
	o    Options
	r    *rand.Rand
	year int
}

func (g *unitGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// between returns an integer in [lo, hi].
func (g *unitGen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func (g *unitGen) document(i int) *jixiao.Document {
	b := bureaus[i%len(bureaus)]
	c := i / len(bureaus)
	county := counties[c%len(counties)]
	if c >= len(counties) {
		county = fmt.Sprintf("%s%d", county[:len(county)-3], c/len(counties)+1) + county[len(county)-3:]
	}
	// 省 13, 市 01–99, 县 21–50: a plausible administrative code.
	admin := fmt.Sprintf("13%02d%02d", 1+c/30%99, 21+c%30)
	d := &jixiao.Document{
		Unit:   jixiao.Unit{Code: fmt.Sprintf("%s%03d", b.dept, c%1000+1), Name: county + b.name + "本级"},
		Year:   g.year,
		Preset: jixiao.Preset88,
	}
	for j := range g.o.ProjectsPerUnit {
		code := fmt.Sprintf("%s%02dP%s%03d%06d", admin, g.year%100, b.dept, c%1000, j+1)
		d.Projects = append(d.Projects, g.project(b, code, projectName(b, j)))
	}
	g.overall(d, b, county)
	return d
}

var nameKinds = []string{"经费", "专项资金", "补助资金", "项目", "运行经费", "能力建设经费"}

// projectName is the j-th project's name: every name in a unit differs,
// since 分项 paragraphs find their project by name.
func projectName(b bureau, j int) string {
	w := b.works[j%len(b.works)]
	k := j / len(b.works)
	name := w + nameKinds[k%len(nameKinds)]
	if k >= len(nameKinds) {
		name += fmt.Sprintf("（%d）", k/len(nameKinds)+1)
	}
	return name
}

func (g *unitGen) overall(d *jixiao.Document, b bureau, county string) {
	o := &d.Overall
	for s := range 3 {
		sec := jixiao.GoalSection{Heading: fmt.Sprintf("%d、%s", s+1, []string{"守牢安全底线，在风险防控上再加力", "突出服务保障，在民生改善上再突破", "强化能力建设，在工作质效上再提升"}[s])}
		for k := range g.between(2, 4) {
			sec.Items = append(sec.Items, fmt.Sprintf("%s是做好%s工作，%s。", []string{"一", "二", "三", "四"}[k], g.pick(b.works), g.pick(qualities)))
		}
		o.Goals = append(o.Goals, sec)
	}
	for _, p := range d.Projects {
		t := fmt.Sprintf("按照%s%s工作要求，%s年安排%s资金%s万元，%s，确保%s。",
			county, b.name, fmt.Sprint(d.Year), p.Name, p.Budget.Wan(), p.Purpose, "各项工作按计划完成")
		o.ProjectGoals = append(o.ProjectGoals, jixiao.ProjectGoal{Project: p.Name, Text: t})
	}
	for k := range g.between(3, 5) {
		h := measureHeads[(k+g.r.IntN(2))%len(measureHeads)]
		if k > 0 && o.Measures[k-1].Heading == h {
			h = measureHeads[(k+2)%len(measureHeads)]
		}
		o.Measures = append(o.Measures, jixiao.Measure{Heading: h, Text: "明确责任分工，定期调度项目进展，及时发现和纠正偏差。"})
	}
}

// budget is log-uniform from 1万 to 1000万元, in whole 元 hundreds.
func (g *unitGen) budget() jixiao.Fen {
	wan := 1.0
	for range 3 {
		wan *= 1 + 9*g.r.Float64()*g.r.Float64()
	}
	if wan > 1000 {
		wan = 1000
	}
	return jixiao.Fen(int64(wan*100)) * 10_000 // 0.01万元 steps
}

var plans = [][4][2]int{ // month, percent
	{{3, 25}, {6, 50}, {9, 75}, {12, 100}},
	{{3, 25}, {6, 50}, {10, 75}, {12, 100}},
	{{3, 30}, {6, 60}, {9, 90}, {12, 100}},
	{{3, 10}, {6, 40}, {9, 70}, {12, 100}},
	{{3, 0}, {6, 30}, {9, 80}, {12, 100}},
}

func lastDay(y, m int) jixiao.Date {
	return jixiao.Date{Y: y, M: time.Month(m), D: time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()}
}

func (g *unitGen) project(b bureau, code, name string) jixiao.Project {
	p := jixiao.Project{Code: code, Name: name, Budget: g.budget()}
	p.Fiscal = p.Budget
	if g.r.IntN(5) == 0 {
		p.Other = p.Budget * jixiao.Fen(g.between(5, 40)) / 100 / 10_000 * 10_000
		p.Fiscal = p.Budget - p.Other
	}
	p.Purpose = fmt.Sprintf("用于%s相关%s、%s等支出，保障工作正常开展", name, g.pick(notes), g.pick(notes))
	p.Goal = "1." + p.Purpose + "。2.按计划完成年度任务，服务对象满意。"
	for _, pt := range plans[g.r.IntN(len(plans))] {
		p.Plan = append(p.Plan, jixiao.Checkpoint{By: lastDay(g.year, pt[0]), Percent: jixiao.Dec(int64(pt[1]))})
	}
	g.indicators(&p, b)
	g.records(&p)
	return p
}

func (g *unitGen) add(p *jixiao.Project, l1, l2, l3, value string) {
	p.Indicators = append(p.Indicators, jixiao.Indicator{
		Level1: l1, Level2: l2, Level3: l3, Description: l3, Value: value,
		Basis: g.pick([]string{"根据文件规定", "根据工作计划", "根据历年情况", "根据上级要求"}), Target: target.Parse(value),
	})
}

// indicators gives the project 8 to 12 indicators in the mix of the county
// documents: counts with units, percentages, a deadline, a cost, benefits
// in words and satisfaction.
func (g *unitGen) indicators(p *jixiao.Project, b bureau) {
	used := map[int]bool{}
	for range g.between(1, 3) {
		k := g.r.IntN(len(b.things))
		if used[k] {
			continue
		}
		used[k] = true
		t := b.things[k]
		v := fmt.Sprintf("%d%s", g.between(t.lo, t.hi), t.unit)
		if g.r.IntN(3) == 0 {
			v = "≥" + v
		}
		g.add(p, "产出指标", "数量指标", t.what, v)
	}
	quality := []string{"抽检合格率", "覆盖率", "任务完成率", "设备完好率", "资金拨付准确率"}
	for k := range g.between(1, 2) {
		v := []string{"≥95%", "100%", "≥98%", "≥90%"}[g.r.IntN(4)]
		g.add(p, "产出指标", "质量指标", quality[(k+g.r.IntN(3))%len(quality)], v)
	}
	g.add(p, "产出指标", "时效指标", "项目完成时间", lastDay(g.year, []int{10, 11, 12, 12}[g.r.IntN(4)]).Chinese())
	if g.r.IntN(3) > 0 {
		g.add(p, "产出指标", "时效指标", "资金拨付及时率", "100%")
	}
	cost := p.Budget.Wan() + "万元"
	if g.r.IntN(2) == 0 {
		cost = "≤" + cost
	}
	g.add(p, "产出指标", "成本指标", "项目成本", cost)
	n := g.between(1, 3)
	start := g.r.IntN(len(benefitNames))
	for k := range n {
		bn := benefitNames[(start+k)%len(benefitNames)]
		g.add(p, "效益指标", bn[0], bn[1], g.pick(qualities))
	}
	if g.r.IntN(3) == 0 {
		g.add(p, "效益指标", "社会效益指标", "群众知晓率", "≥90%")
	}
	g.add(p, "满意度指标", "服务对象满意度指标", "服务对象满意度（%）", []string{"≥90%", "≥95%", "≥85%"}[g.r.IntN(3)])
}

// records adds the year's payments, progress reports on 6-30 and 9-30 for
// measurable indicators, and a self-evaluation for some projects.
func (g *unitGen) records(p *jixiao.Project) {
	share := g.o.EvaluatedShare
	if share == 0 {
		share = 30
	}
	// Execution between 60% and 100% of the budget.
	rate := 60 + g.r.IntN(41)
	total := p.Budget * jixiao.Fen(rate) / 100
	n := g.between(3, 12)
	days := make([]int, n)
	for k := range days {
		days[k] = g.between(15, 360)
	}
	slices.Sort(days)
	left := total
	for k, day := range days {
		amt := left / jixiao.Fen(n-k)
		if k < n-1 {
			amt = amt * jixiao.Fen(g.between(50, 150)) / 100
		}
		amt = min(amt, left)
		if amt <= 0 {
			break
		}
		left -= amt
		t := time.Date(g.year, 1, day, 0, 0, 0, 0, time.UTC)
		p.Spending = append(p.Spending, jixiao.Spending{
			Date: jixiao.Date{Y: t.Year(), M: t.Month(), D: t.Day()}, Amount: amt, Note: g.pick(notes),
		})
	}
	for _, asOf := range []jixiao.Date{lastDay(g.year, 6), lastDay(g.year, 9)} {
		frac := 50
		if asOf.M == 9 {
			frac = 75
		}
		for k, in := range p.Indicators {
			v, ok := g.partValue(in.Target, frac, p)
			if !ok {
				continue
			}
			pr := jixiao.Progress{Indicator: k + 1, AsOf: asOf, Value: v, Likelihood: "确定能"}
			if g.r.IntN(10) == 0 {
				pr.Likelihood, pr.Cause, pr.Measures = "有可能", g.pick(jixiao.Causes), "加快工作进度，加强调度"
			}
			p.Progress = append(p.Progress, pr)
		}
	}
	if g.r.IntN(100) >= share {
		return
	}
	e := &jixiao.Evaluation{AdjustedBudget: p.Budget}
	if rate < 90 {
		e.Reason = "部分采购项目尚未完成验收，资金未全部支付。"
	}
	for k, in := range p.Indicators {
		a := jixiao.Actual{Indicator: k + 1}
		if in.Target.Kind == jixiao.Qualitative {
			a.Grade = []string{"达成", "达成", "达成", "达成", "达成", "达成", "部分达成", "部分达成", "未达成"}[g.r.IntN(9)]
			if a.Grade != "达成" {
				a.Reason = "受客观条件影响未完全达到预期，下一年度加强统筹。"
			}
		} else {
			a.Value, _ = g.partValue(in.Target, g.between(85, 110), p)
			if in.Target.Kind == jixiao.DateKind {
				a.Value = jixiao.Date{Y: g.year, M: in.Target.Date.M, D: g.between(1, in.Target.Date.D)}.Chinese()
			}
		}
		e.Actuals = append(e.Actuals, a)
	}
	p.Evaluation = e
}

// partValue is a reported value of t at frac percent of the way: a count
// in its unit, a percentage near the target, spending so far in 万元.
// Deadlines and words have no progress value.
func (g *unitGen) partValue(t jixiao.Target, frac int, p *jixiao.Project) (string, bool) {
	switch t.Kind {
	case jixiao.Quantity:
		n := jixiao.MulDiv(t.Number, jixiao.Dec(int64(frac)), jixiao.Dec(100)).Round(0)
		return n.Fixed(0) + t.Unit, true
	case jixiao.Percent:
		v := int(int64(t.Number.Round(0))/jixiao.DecimalScale) - g.between(-3, 6)
		return fmt.Sprintf("%d%%", max(0, min(100, v))), true
	case jixiao.Money:
		var spent jixiao.Fen
		for _, s := range p.Spending {
			spent += s.Amount
		}
		return (spent * jixiao.Fen(min(frac, 100)) / 100).Wan() + "万元", true
	}
	return "", false
}
