package score

import (
	"fmt"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/fixture"
)

// Literals of the tests, read as fixture reads them.
var (
	date      = fixture.Date
	wan       = fixture.Wan
	indicator = fixture.Indicator
)

func dec(s string) jixiao.Decimal { return jixiao.MustDecimal(s) }

// office is 办公楼运维费 with the evaluation of the done-when check.
func office() *jixiao.Project {
	p := fixture.Office()
	e := fixture.OfficeEvaluation()
	p.Evaluation = &e
	return p
}

// The done-when check.
func TestOffice(t *testing.T) {
	r, err := Project(office(), 2024, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range r.Indicators {
		t.Logf("%d %s %s/%s: %s of %s — %s", s.Indicator, s.Level3, s.Target, s.Actual, s.Score.Fixed(2), s.Points, s.Explanation)
	}
	t.Logf("执行率 %s%%: %s — %s; total %s %s; flags %q", r.ExecutionRate, r.ExecutionScore.Fixed(2), r.ExecutionExplanation, r.Total.Fixed(2), r.Grade, r.Flags)
	want := []struct{ points, score string }{
		{"12.5", "12.5"}, {"12.5", "11.84"}, {"12.5", "12.5"}, {"12.5", "12.5"},
		{"15", "15"}, {"15", "15"}, {"10", "10"},
	}
	for i, w := range want {
		s := r.Indicators[i]
		if s.Points != dec(w.points) || s.Score != dec(w.score) || s.Override {
			t.Errorf("indicator %d %s: %s of %s, want %s of %s", i+1, s.Level3, s.Score, s.Points, w.score, w.points)
		}
	}
	if !strings.Contains(r.Indicators[1].Explanation, "90 ÷ 95 × 12.5 = 11.84") {
		t.Errorf("explanation: %s", r.Indicators[1].Explanation)
	}
	if r.Indicators[1].Reason != "部分设备老化，已列入明年维修计划" {
		t.Errorf("reason: %q", r.Indicators[1].Reason)
	}
	if r.ExecutionRate != dec("94.594595") || r.ExecutionScore != dec("9.46") ||
		r.Executed != wan("9.80") || r.Adjusted != wan("10.36") || r.ExecutionPoints != jixiao.Dec(10) {
		t.Errorf("execution: rate %s score %s executed %s adjusted %s", r.ExecutionRate, r.ExecutionScore, r.Executed.WanExact(), r.Adjusted.WanExact())
	}
	if !strings.Contains(r.ExecutionExplanation, "9.80 ÷ 10.36 × 10 = 9.46") {
		t.Errorf("execution explanation: %s", r.ExecutionExplanation)
	}
	if r.Total != dec("98.8") || r.Total.Fixed(2) != "98.80" || r.Grade != "优" {
		t.Errorf("total %s grade %s, want 98.80 优", r.Total, r.Grade)
	}
	if len(r.Flags) != 0 {
		t.Errorf("flags: %q", r.Flags)
	}
	if r.Code != "13022524P00260210037A" || r.Name != "办公楼运维费" || r.Indicators[6].Level1 != "满意度指标" || r.Indicators[6].Target != "≥90%" {
		t.Errorf("identity: %+v", r)
	}
}

// Without HasExecuted the execution is the year's spending records.
func TestExecutedFromSpending(t *testing.T) {
	p := office()
	p.Evaluation.HasExecuted = false
	p.Evaluation.Executed = 0
	p.Spending = []jixiao.Spending{
		{ID: 1, Date: date("2024-03-20"), Amount: wan("3.00")},
		{ID: 2, Date: date("2024-06-20"), Amount: wan("4.00")},
		{ID: 3, Date: date("2024-06-20"), Amount: wan("3.50"), Replaces: 2},
		{ID: 4, Date: date("2024-11-20"), Amount: wan("3.30")},
	}
	r, err := Project(p, 2024, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if r.Executed != wan("9.80") || r.ExecutionScore != dec("9.46") || r.Total != dec("98.8") {
		t.Errorf("executed %s score %s total %s", r.Executed.WanExact(), r.ExecutionScore, r.Total)
	}
	if !strings.Contains(r.ExecutionExplanation, "执行数取自支出记录") {
		t.Errorf("explanation: %s", r.ExecutionExplanation)
	}
}

func TestQuantitativeRules(t *testing.T) {
	pts := dec("12.5")
	for _, c := range []struct {
		target, actual string
		score          string
		explain        string
	}{
		{"10个", "10个", "12.5", "完成值10个达到目标10个，得满分12.5"},
		{"10个", "8个", "10", "8 ÷ 10 × 12.5 = 10.00"},
		{"10个", "0个", "0", "0 ÷ 10 × 12.5 = 0.00"},
		{"10个", "30个", "12.5", "得满分"},
		{"≥95%", "90%", "11.84", "完成值90%未达到目标≥95%，按完成值 ÷ 目标值 × 分值计：90 ÷ 95 × 12.5 = 11.84"},
		{">95%", "95%", "12.5", "95 ÷ 95 × 12.5 = 12.50"},
		{"≤7工作日", "5工作日", "12.5", "得满分"},
		{"≤7工作日", "8个工作日", "10.94", "按目标值 ÷ 完成值 × 分值计：7 ÷ 8 × 12.5 = 10.94"},
		{"0次", "0次", "12.5", "得满分"},
		{"0次", "2次", "0", "目标为0次，完成值2次，得0分"},
		{"10.36万元", "9.80万元", "12.5", "完成值9.8万元达到目标10.36万元"},
		{"10.36万元", "98000元", "12.5", "完成值9.8万元"},
		{"10.36万元", "11万元", "11.77", "10.36 ÷ 11 × 12.5 = 11.77"},
		{"2024年12月31日", "2024年12月31日", "12.5", "2024年12月31日完成，不晚于2024年12月31日，得满分12.5"},
		{"2024年12月31日", "2025-01-02", "0", "2025年1月2日完成，晚于2024年12月31日，得0分"},
	} {
		ind := indicator("产出指标", "数量指标", "测试", c.target)
		s := IndicatorScore{Points: pts}
		sc := scorer{cfg: DefaultConfig()}
		_, err := sc.scoreIndicator(&s, &ind, &jixiao.Actual{Value: c.actual})
		if err != nil {
			t.Errorf("%s / %s: %v", c.target, c.actual, err)
			continue
		}
		if s.Score != dec(c.score) || !strings.Contains(s.Explanation, c.explain) {
			t.Errorf("%s / %s: %s “%s”, want %s “%s”", c.target, c.actual, s.Score, s.Explanation, c.score, c.explain)
		}
	}
}

func TestOverAchievementFlag(t *testing.T) {
	p := office()
	p.Evaluation.Actuals[0].Value = "13个" // 130% of 10个
	r, err := Project(p, 2024, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	want := "指标1“派出机构数量”完成值为目标的130.00%，超过120%，目标可能定得偏低，评价人可酌情扣分"
	if len(r.Flags) != 1 || r.Flags[0] != want || r.Indicators[0].Score != dec("12.5") {
		t.Errorf("flags %q", r.Flags)
	}
	p.Evaluation.Actuals[0].Value = "12个" // exactly 120%: not flagged
	if r, _ := Project(p, 2024, DefaultConfig()); len(r.Flags) != 0 {
		t.Errorf("flags %q", r.Flags)
	}
}

func TestOverride(t *testing.T) {
	p := office()
	p.Evaluation.Actuals[0] = jixiao.Actual{Indicator: 1, Value: "13个", Score: dec("11"), HasScore: true, Reason: "目标偏低，酌情扣分"}
	r, err := Project(p, 2024, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	s := r.Indicators[0]
	if !s.Override || s.Score != dec("11") || s.Reason != "目标偏低，酌情扣分" ||
		s.Explanation != "完成值13个达到目标10个，得满分12.5；评价人改为11.00分（理由：目标偏低，酌情扣分）" {
		t.Errorf("%+v", s)
	}
	if r.Total != dec("97.3") {
		t.Errorf("total %s", r.Total)
	}
}

func TestQualitativeGrades(t *testing.T) {
	for _, c := range []struct {
		actual jixiao.Actual
		score  string
		err    string
	}{
		{jixiao.Actual{Grade: "达成"}, "15", ""},
		{jixiao.Actual{Grade: "部分达成"}, "10.5", ""},
		{jixiao.Actual{Grade: "未达成"}, "4.5", ""},
		{jixiao.Actual{Grade: "达成", Value: "明显提高"}, "15", ""},
		{jixiao.Actual{Grade: "达成", Score: dec("12"), HasScore: true}, "12", ""},
		{jixiao.Actual{Grade: "部分达成", Score: dec("12"), HasScore: true}, "12", ""},
		{jixiao.Actual{Grade: "部分达成", Score: dec("9"), HasScore: true}, "9", ""},
		{jixiao.Actual{Grade: "部分达成", Score: dec("11.333"), HasScore: true}, "11.33", ""},
		{jixiao.Actual{Grade: "未达成", Score: dec("0"), HasScore: true}, "0", ""},
		{jixiao.Actual{Grade: "部分达成", Score: dec("12.01"), HasScore: true}, "", "评定为“部分达成”，得分应在9至12分之间（分值的60%至80%），填写的是12.01分"},
		{jixiao.Actual{Grade: "达成", Score: dec("11.99"), HasScore: true}, "", "得分应在12至15分之间"},
		{jixiao.Actual{Grade: "未达成", Score: dec("9.5"), HasScore: true}, "", "得分应在0至9分之间"},
		{jixiao.Actual{Grade: "优秀"}, "", "的等级“优秀”不在可选项内（达成、部分达成、未达成）"},
		{jixiao.Actual{Value: "95%"}, "", "是定性指标（目标“日益提高”），应评定等级（达成、部分达成、未达成），不能填写数值“95%”"},
		{jixiao.Actual{Grade: "达成", Value: "3个"}, "", "不能填写数值“3个”"},
		{jixiao.Actual{Value: "明显提高"}, "", "是定性指标，请评定等级"},
	} {
		p := office()
		c.actual.Indicator = 5
		p.Evaluation.Actuals[4] = c.actual
		r, err := Project(p, 2024, DefaultConfig())
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%+v: %v", c.actual, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%+v: error %v, want %q", c.actual, err, c.err)
		case c.err == "" && r.Indicators[4].Score != dec(c.score):
			t.Errorf("%+v: score %s, want %s (%s)", c.actual, r.Indicators[4].Score, c.score, r.Indicators[4].Explanation)
		}
	}
	r, _ := Project(office(), 2024, DefaultConfig())
	if e := r.Indicators[4].Explanation; e != "评定为“达成”，按分值的100%计：15 × 100% = 15.00" {
		t.Errorf("explanation %s", e)
	}
}

// Every refusal names the project and the indicator and says what is wrong.
func TestRefusals(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(p *jixiao.Project, cfg *Config)
		want string
	}{
		{"wrong unit", func(p *jixiao.Project, _ *Config) { p.Evaluation.Actuals[1].Value = "90个" },
			"项目“办公楼运维费”：指标2“正常使用率”的完成值“90个”：完成值的单位“个”与目标单位“%”不一致"},
		{"text for a number", func(p *jixiao.Project, _ *Config) { p.Evaluation.Actuals[0].Value = "全部完成" },
			"指标1“派出机构数量”的完成值“全部完成”：完成值应为数值"},
		{"number for a date", func(p *jixiao.Project, _ *Config) { p.Evaluation.Actuals[2].Value = "100%" },
			"时间指标的完成值应为日期"},
		{"grade on quantitative", func(p *jixiao.Project, _ *Config) {
			p.Evaluation.Actuals[6] = jixiao.Actual{Indicator: 7, Grade: "达成"}
		}, "指标7“服务对象满意度（%）”是定量指标（目标“≥90%”），应填写完成值，不能评定等级“达成”"},
		{"number on qualitative", func(p *jixiao.Project, _ *Config) {
			p.Evaluation.Actuals[5] = jixiao.Actual{Indicator: 6, Value: "90%"}
		}, "指标6“监管队伍形象”是定性指标（目标“日益提高”），应评定等级（达成、部分达成、未达成），不能填写数值“90%”"},
		{"unknown position", func(p *jixiao.Project, _ *Config) { p.Evaluation.Actuals[0].Indicator = 8 },
			"完成值指向第8个指标，项目共有7个指标"},
		{"position zero", func(p *jixiao.Project, _ *Config) { p.Evaluation.Actuals[0].Indicator = 0 },
			"完成值指向第0个指标"},
		{"twice", func(p *jixiao.Project, _ *Config) { p.Evaluation.Actuals[1].Indicator = 1 },
			"指标1“派出机构数量”填写了两次完成值"},
		{"weights not 100", func(_ *jixiao.Project, cfg *Config) { cfg.Weights["产出指标"] = jixiao.Dec(60) },
			"一级指标分值合计为110分，应为100分（产出指标60分、效益指标30分、满意度指标10分、预算执行率10分）"},
		{"negative weight", func(_ *jixiao.Project, cfg *Config) {
			cfg.Weights["产出指标"] = jixiao.Dec(70)
			cfg.Weights["效益指标"] = jixiao.Dec(-10)
		}, "一级指标分值“效益指标”为负数（-10分）"},
		{"no weight for a 一级", func(p *jixiao.Project, _ *Config) { p.Indicators[6].Level1 = "社会评价指标" },
			"指标7“服务对象满意度（%）”的一级指标“社会评价指标”没有设定分值"},
		{"weighted 一级 without indicators", func(p *jixiao.Project, _ *Config) {
			p.Indicators = p.Indicators[:6]
			p.Evaluation.Actuals = p.Evaluation.Actuals[:6]
		}, "一级指标“满意度指标”有10分，但项目没有这一级的指标；请调整本项目的一级指标分值"},
		{"indicator weights not summing", func(p *jixiao.Project, _ *Config) {
			for i := 0; i < 4; i++ {
				p.Indicators[i].Weight = jixiao.Dec(10)
			}
		}, "一级指标“产出指标”各指标权重合计40分，应为50分"},
		{"indicator weights partly set", func(p *jixiao.Project, _ *Config) { p.Indicators[0].Weight = jixiao.Dec(20) },
			"一级指标“产出指标”中有的指标设定了权重、有的没有"},
		{"override without reason", func(p *jixiao.Project, _ *Config) {
			p.Evaluation.Actuals[1].Score, p.Evaluation.Actuals[1].HasScore, p.Evaluation.Actuals[1].Reason = dec("12.5"), true, " "
		}, "指标2“正常使用率”的得分由计算的11.84分改为12.50分，须说明理由"},
		{"override above the points", func(p *jixiao.Project, _ *Config) {
			p.Evaluation.Actuals[1].Score, p.Evaluation.Actuals[1].HasScore = dec("13"), true
		}, "指标2“正常使用率”的得分13分超出0至12.5分的范围"},
		{"no evaluation", func(p *jixiao.Project, _ *Config) { p.Evaluation = nil },
			"项目“办公楼运维费”：尚未填写自评"},
		{"no budget", func(p *jixiao.Project, _ *Config) { p.Budget, p.Evaluation.AdjustedBudget = 0, 0 },
			"全年预算数为0.00万元，无法计算预算执行率"},
		{"negative executed", func(p *jixiao.Project, _ *Config) { p.Evaluation.Executed = -1 },
			"全年执行数不能为负数"},
	} {
		p := office()
		cfg := DefaultConfig()
		c.edit(p, &cfg)
		_, err := Project(p, 2024, cfg)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "项目“办公楼运维费”：") {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

func TestIndicatorWeights(t *testing.T) {
	p := office()
	for i, w := range []string{"20", "10", "10", "10", "20", "10", ""} {
		if w != "" {
			p.Indicators[i].Weight = dec(w)
		}
	}
	r, err := Project(p, 2024, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range r.Indicators {
		got = append(got, s.Points.String()+"/"+s.Score.String())
	}
	// 正常使用率: 90 ÷ 95 × 10 = 9.47.
	want := "[20/20 10/9.47 10/10 10/10 20/20 10/10 10/10]"
	if fmt.Sprint(got) != want || r.Total != dec("98.93") {
		t.Errorf("%v total %s, want %s 98.93", got, r.Total, want)
	}
}

func TestEvenSplitToTheCent(t *testing.T) {
	for _, c := range []struct {
		total string
		n     int
		want  string
	}{
		{"50", 4, "[12.5 12.5 12.5 12.5]"},
		{"50", 3, "[16.67 16.67 16.66]"},
		{"30", 7, "[4.29 4.29 4.29 4.29 4.28 4.28 4.28]"},
		{"10", 1, "[10]"},
		{"0.000005", 2, "[0.000003 0.000002]"},
	} {
		var parts []string
		sum := jixiao.Decimal(0)
		for k := 0; k < c.n; k++ {
			s := share(dec(c.total), c.n, k)
			sum += s
			parts = append(parts, s.String())
		}
		if fmt.Sprint(parts) != c.want || sum != dec(c.total) {
			t.Errorf("share(%s, %d) = %v, want %s", c.total, c.n, parts, c.want)
		}
	}
}

// The 101号 preset makes 成本指标 a 一级 of its own; its weights are a setting.
func TestPreset101Weights(t *testing.T) {
	p := office()
	p.Indicators[3].Level1, p.Indicators[3].Level2 = "成本指标", "经济成本指标"
	cfg := DefaultConfig()
	if _, err := Project(p, 2024, cfg); err == nil || !strings.Contains(err.Error(), "一级指标“成本指标”没有设定分值") {
		t.Fatalf("88 weights on a 101 project: %v", err)
	}
	cfg.Weights = map[string]jixiao.Decimal{"产出": jixiao.Dec(40), "成本指标": jixiao.Dec(10), "效益指标": jixiao.Dec(30),
		"满意度 指标": jixiao.Dec(10), Execution: jixiao.Dec(10)}
	r, err := Project(p, 2024, cfg)
	if err != nil {
		t.Fatal(err)
	}
	// 产出 40 over three: 13.34, 13.33, 13.33; 90 ÷ 95 × 13.33 = 12.63.
	var got []string
	for _, s := range r.Indicators[:4] {
		got = append(got, s.Points.String()+"/"+s.Score.String())
	}
	if fmt.Sprint(got) != "[13.34/13.34 13.33/12.63 13.33/13.33 10/10]" || r.Total != dec("98.76") {
		t.Errorf("%v total %s", got, r.Total)
	}
}

func TestProjectWeights(t *testing.T) {
	p := office()
	p.Indicators = p.Indicators[:6] // no 满意度 indicator
	p.Evaluation.Actuals = p.Evaluation.Actuals[:6]
	cfg := DefaultConfig()
	cfg.ProjectWeights = map[string]map[string]jixiao.Decimal{
		p.Code: {"产出指标": jixiao.Dec(60), "效益指标": jixiao.Dec(30), Execution: jixiao.Dec(10)},
	}
	r, err := Project(p, 2024, cfg)
	if err != nil {
		t.Fatal(err)
	}
	// 产出 15 each; 90 ÷ 95 × 15 = 14.21.
	if r.Indicators[1].Score != dec("14.21") || r.Total != dec("98.67") {
		t.Errorf("score %s total %s", r.Indicators[1].Score, r.Total)
	}
	other := office()
	other.Code = "13022524P00002410003E"
	doc := &jixiao.Document{Year: 2024, Projects: []jixiao.Project{*p, *other}}
	rs, err := Document(doc, cfg)
	if err != nil || len(rs) != 2 || rs[0].Total != dec("98.67") || rs[1].Total != dec("98.8") {
		t.Errorf("document: %v %+v", err, rs)
	}
}

func TestExecution(t *testing.T) {
	for _, c := range []struct {
		executed, adjusted string
		reason             string
		rate, score        string
		flag               string
	}{
		{"9.80", "10.36", "", "94.594595", "9.46", ""},
		{"10.36", "10.36", "", "100", "10", ""},
		{"11", "10.36", "", "106.177606", "10", ""},
		{"9", "10", "", "90", "9", ""},
		{"8.99", "10", "", "89.9", "8.99", "预算执行率89.90%低于90%，须填写偏差原因"},
		{"5", "10", "年底项目暂停", "50", "5", ""},
		{"0", "10", "", "0", "0", "预算执行率0.00%低于90%，须填写偏差原因"},
	} {
		p := office()
		p.Evaluation.Executed, p.Evaluation.AdjustedBudget, p.Evaluation.Reason = wan(c.executed), wan(c.adjusted), c.reason
		r, err := Project(p, 2024, DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		flag := ""
		if len(r.Flags) > 0 {
			flag = r.Flags[0]
		}
		if r.ExecutionRate != dec(c.rate) || r.ExecutionScore != dec(c.score) || flag != c.flag {
			t.Errorf("%s ÷ %s: rate %s score %s flags %q (%s)", c.executed, c.adjusted, r.ExecutionRate, r.ExecutionScore, r.Flags, r.ExecutionExplanation)
		}
	}
	// No adjusted budget: the year's opening budget, flagged.
	p := office()
	p.Evaluation.AdjustedBudget = 0
	r, err := Project(p, 2024, DefaultConfig())
	if err != nil || r.Adjusted != wan("10.36") || len(r.Flags) != 1 || !strings.Contains(r.Flags[0], "按年初预算数10.36万元计") {
		t.Errorf("%v %s %q", err, r.Adjusted.WanExact(), r.Flags)
	}
}

func TestMissingActuals(t *testing.T) {
	p := office()
	p.Evaluation.Actuals = p.Evaluation.Actuals[1:5] // 1, 6 and 7 missing
	r, err := Project(p, 2024, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"指标1“派出机构数量”未填写完成值，按0分计", "指标6“监管队伍形象”未填写完成值，按0分计", "指标7“服务对象满意度（%）”未填写完成值，按0分计"}
	if fmt.Sprint(r.Flags) != fmt.Sprint(want) || r.Total != dec("61.3") || r.Grade != "中" {
		t.Errorf("flags %q total %s %s", r.Flags, r.Total, r.Grade)
	}
	p.Evaluation.Actuals = append(p.Evaluation.Actuals, jixiao.Actual{Indicator: 6}, jixiao.Actual{Indicator: 1, Value: " "})
	r, _ = Project(p, 2024, DefaultConfig())
	if r.Indicators[5].Explanation != "未评定等级，得0分" || r.Indicators[0].Explanation != "未填写完成值，得0分" {
		t.Errorf("%q %q", r.Indicators[5].Explanation, r.Indicators[0].Explanation)
	}
}

func TestGrade(t *testing.T) {
	cfg := DefaultConfig()
	for total, want := range map[string]string{"100": "优", "90": "优", "89.99": "良", "80": "良",
		"79.99": "中", "60": "中", "59.99": "差", "0": "差"} {
		if g := Grade(dec(total), cfg); g != want {
			t.Errorf("Grade(%s) = %s, want %s", total, g, want)
		}
	}
	cfg.Excellent = jixiao.Dec(95)
	if Grade(dec("94"), cfg) != "良" {
		t.Error("configured threshold ignored")
	}
}

func TestDocument(t *testing.T) {
	bad := office()
	bad.Code, bad.Name = "X", "坏项目"
	bad.Evaluation.Actuals[1].Value = "90个"
	none := office()
	none.Code, none.Name, none.Evaluation = "N", "未自评", nil
	doc := &jixiao.Document{Year: 2024, Projects: []jixiao.Project{*office(), *bad, *none}}
	rs, err := Document(doc, DefaultConfig())
	if len(rs) != 1 || rs[0].Name != "办公楼运维费" || rs[0].Total != dec("98.8") {
		t.Errorf("results %+v", rs)
	}
	if err == nil || err.Error() != "项目“坏项目”：指标2“正常使用率”的完成值“90个”：完成值的单位“个”与目标单位“%”不一致" {
		t.Errorf("error %v", err)
	}
	cfg := DefaultConfig()
	delete(cfg.Weights, Execution)
	if rs, err := Document(doc, cfg); rs != nil || err == nil || !strings.Contains(err.Error(), "合计为90分，应为100分") {
		t.Errorf("weights: %v %v", rs, err)
	}
}

// bigDocument is n projects shaped like the example, with actual values,
// grades and execution that vary from project to project as a province's
// do: counts, rates, dates some late, costs some over, all three grades.
func bigDocument(n int) *jixiao.Document {
	doc := &jixiao.Document{Year: 2024, Projects: make([]jixiao.Project, n)}
	for i := range doc.Projects {
		p := office()
		p.Code = fmt.Sprintf("P%06d", i)
		ev := p.Evaluation
		ev.Actuals[0].Value = fmt.Sprintf("%d个", 6+i%7)
		ev.Actuals[1].Value = fmt.Sprintf("%d%%", 80+i%21)
		ev.Actuals[2].Value = fmt.Sprintf("2024年12月%d日", 1+i%31)
		if i%10 == 0 {
			ev.Actuals[2].Value = "2025年1月5日"
		}
		ev.Actuals[3].Value = fmt.Sprintf("%d.%02d万元", 9+i%2, i%100)
		ev.Actuals[4].Grade = jixiao.Grades[i%3]
		ev.Actuals[5].Grade = jixiao.Grades[(i/3)%3]
		ev.Actuals[6].Value = fmt.Sprintf("%d%%", 85+i%15)
		ev.Executed = wan("9") + jixiao.Fen(i%200)*10_000
		doc.Projects[i] = *p
	}
	return doc
}

func TestBigDocument(t *testing.T) {
	doc := bigDocument(300)
	rs, err := Document(doc, DefaultConfig())
	if err != nil || len(rs) != 300 {
		t.Fatalf("%d results, %v", len(rs), err)
	}
	grades := map[string]int{}
	for i, r := range rs {
		// The cached run gives what scoring the project alone gives.
		alone, err := Project(&doc.Projects[i], 2024, DefaultConfig())
		if err != nil || fmt.Sprint(alone) != fmt.Sprint(r) {
			t.Fatalf("project %d: %v\n%+v\n%+v", i, err, alone, r)
		}
		sum := r.ExecutionScore
		for _, s := range r.Indicators {
			sum += s.Score
		}
		if sum != r.Total || r.Total > jixiao.Dec(100) || r.Grade != Grade(r.Total, DefaultConfig()) {
			t.Errorf("project %d: parts %s, total %s %s", i, sum, r.Total, r.Grade)
		}
		grades[r.Grade]++
	}
	if len(grades) < 2 {
		t.Errorf("grades %v", grades)
	}
}

// Target: scoring 100,000 projects in under a second.
func BenchmarkDocument100k(b *testing.B) {
	doc := bigDocument(100_000)
	cfg := DefaultConfig()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Document(doc, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkProject(b *testing.B) {
	p := office()
	cfg := DefaultConfig()
	for b.Loop() {
		if _, err := Project(p, 2024, cfg); err != nil {
			b.Fatal(err)
		}
	}
}
