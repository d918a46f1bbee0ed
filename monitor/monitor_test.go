package monitor

import (
	"fmt"
	"strings"
	"testing"
	"time"

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

func TestExpectedExample(t *testing.T) {
	p := fixture.Office()
	got := Expected(p.Plan, 2024, date("2024-07-31"))
	// 50 + 25 × 31 ÷ 123, rounded to the millionth.
	want := jixiao.Dec(50) + jixiao.MulDiv(jixiao.Dec(25), jixiao.Dec(31), jixiao.Dec(123))
	if got != want || got != dec("56.300813") {
		t.Fatalf("expected = %s, want %s (56.300813)", got, want)
	}
	if got.Fixed(2) != "56.30" {
		t.Errorf("2 decimals: %s", got.Fixed(2))
	}
}

func TestExpected(t *testing.T) {
	plan := fixture.Office().Plan
	reversed := []jixiao.Checkpoint{plan[3], plan[1], plan[2], plan[0]}
	for _, c := range []struct {
		plan []jixiao.Checkpoint
		d    string
		want string
	}{
		{plan, "2024-01-01", "0"},
		{plan, "2023-12-31", "0"},
		{plan, "2024-02-15", "12.5"}, // 25 × 45 ÷ 90
		{plan, "2024-03-31", "25"},
		{plan, "2024-04-01", "25.274725"}, // 25 + 25 × 1 ÷ 91
		{plan, "2024-06-30", "50"},
		{plan, "2024-10-31", "75"},
		{plan, "2024-11-30", "87.295082"}, // 75 + 25 × 30 ÷ 61
		{plan, "2024-12-31", "100"},
		{plan, "2025-01-15", "100"},
		{reversed, "2024-07-31", "56.300813"},
		{nil, "2024-07-01", "49.863014"}, // no plan: 100 × 182 ÷ 365
		{nil, "2024-12-31", "100"},
		// A plan that stops short keeps its last percentage.
		{plan[:2], "2024-09-01", "50"},
		// A plan that starts above zero on 1 January.
		{[]jixiao.Checkpoint{{By: date("2024-01-01"), Percent: jixiao.Dec(40)}, {By: date("2024-12-31"), Percent: jixiao.Dec(100)}}, "2024-01-01", "40"},
	} {
		if got := Expected(c.plan, 2024, date(c.d)); got != dec(c.want) {
			t.Errorf("Expected(%v, %s) = %s, want %s", len(c.plan), c.d, got, c.want)
		}
	}
}

// The done-when check: 6.00万元 spent by 2024-07-31 against the plan.
func TestOfficeJuly(t *testing.T) {
	p := fixture.Office()
	p.Spending = []jixiao.Spending{
		{ID: 1, Date: date("2024-03-20"), Amount: wan("2.00"), Note: "电费"},
		{ID: 2, Date: date("2024-06-15"), Amount: wan("2.50"), Note: "电梯维保"},
		{ID: 3, Date: date("2024-07-31"), Amount: wan("1.50"), Note: "电费"},
		{ID: 4, Date: date("2024-08-01"), Amount: wan("1.00"), Note: "电费"}, // after the date
	}
	ps := Project(p, 2024, date("2024-07-31"), DefaultConfig())
	t.Logf("expected %s%% (%s), actual %s%% (%s), deviation %s (%s), light %s, %v",
		ps.Expected, ps.Expected.Fixed(2), ps.Actual, ps.Actual.Fixed(2), ps.Deviation, ps.Deviation.Fixed(2), ps.Light, ps.Reasons)
	checks := []struct {
		name string
		got  any
		want any
	}{
		{"spent", ps.Spent, wan("6.00")},
		{"expected", ps.Expected, dec("56.300813")},
		{"actual", ps.Actual, dec("57.915058")}, // 6 ÷ 10.36 × 100
		{"deviation", ps.Deviation, dec("-1.614245")},
		{"expected 2dp", ps.Expected.Fixed(2), "56.30"},
		{"actual 2dp", ps.Actual.Fixed(2), "57.92"},
		{"deviation 2dp", ps.Deviation.Fixed(2), "-1.61"},
		{"expected fen", ps.ExpectedFen, jixiao.Fen(5832764)}, // 10,360,000 × 0.56300813
		{"light", ps.Light, Green},
		{"indicators", len(ps.Indicators), 7},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if len(ps.Reasons) != 1 || !strings.Contains(ps.Reasons[0], "超前计划1.61个百分点") {
		t.Errorf("reasons: %q", ps.Reasons)
	}

	p.Spending = nil
	ps = Project(p, 2024, date("2024-07-31"), DefaultConfig())
	if ps.Light != Red || ps.Actual != 0 || ps.Deviation != dec("56.300813") {
		t.Errorf("nothing spent: light %s actual %s deviation %s", ps.Light, ps.Actual, ps.Deviation)
	}
	if len(ps.Reasons) != 1 || !strings.Contains(ps.Reasons[0], "落后计划56.30个百分点") {
		t.Errorf("reasons: %q", ps.Reasons)
	}
}

func TestSpentCorrections(t *testing.T) {
	p := fixture.Office()
	p.Spending = []jixiao.Spending{
		{ID: 1, Date: date("2024-03-20"), Amount: wan("2.00")},
		{ID: 2, Date: date("2024-04-20"), Amount: wan("3.00")},
		// 1 was entered wrong: corrected to 1.80, then again to 1.70.
		{ID: 3, Date: date("2024-03-20"), Amount: wan("1.80"), Replaces: 1},
		{ID: 4, Date: date("2024-03-21"), Amount: wan("1.70"), Replaces: 3},
		// 2 was never paid: voided by a zero correction.
		{ID: 5, Date: date("2024-04-20"), Amount: 0, Replaces: 2},
		// A correction dated later than the day monitored counts on its own date.
		{ID: 6, Date: date("2024-05-01"), Amount: wan("0.50")},
		{ID: 7, Date: date("2024-09-01"), Amount: wan("0.60"), Replaces: 6},
	}
	for _, c := range []struct {
		d    string
		want jixiao.Fen
	}{
		{"2024-03-20", 0},
		{"2024-03-21", wan("1.70")},
		{"2024-07-31", wan("1.70")},
		{"2024-09-01", wan("2.30")},
		{"2024-12-31", wan("2.30")},
	} {
		if got := Spent(p, 2024, date(c.d)); got != c.want {
			t.Errorf("Spent as of %s = %s, want %s", c.d, got.WanExact(), c.want.WanExact())
		}
	}
}

func TestLightThresholds(t *testing.T) {
	// Plan 100% from 1 January, budget 100万元: deviation = 100 − spent in 万元.
	p := &jixiao.Project{Name: "测试", Budget: wan("100"),
		Plan: []jixiao.Checkpoint{{By: date("2024-01-01"), Percent: jixiao.Dec(100)}}}
	strict := Config{YellowPoints: jixiao.Dec(5), RedPoints: jixiao.Dec(8)}
	for _, c := range []struct {
		spent string
		cfg   Config
		dev   string
		light string
	}{
		{"100", DefaultConfig(), "0", Green},
		{"90.000001", DefaultConfig(), "9.999999", Green},
		{"90", DefaultConfig(), "10", Yellow},
		{"80", DefaultConfig(), "20", Yellow},
		{"79.999999", DefaultConfig(), "20.000001", Red},
		{"0", DefaultConfig(), "100", Red},
		{"95", strict, "5", Yellow},
		{"92", strict, "8", Yellow},
		{"91", strict, "9", Red},
	} {
		p.Spending = []jixiao.Spending{{ID: 1, Date: date("2024-02-01"), Amount: wan(c.spent)}}
		ps := Project(p, 2024, date("2024-06-01"), c.cfg)
		if ps.Deviation != dec(c.dev) || ps.Light != c.light {
			t.Errorf("spent %s万元: deviation %s light %s, want %s %s", c.spent, ps.Deviation, ps.Light, c.dev, c.light)
		}
	}
}

func TestIndicatorStatus(t *testing.T) {
	d := date("2024-07-31") // 212 of 365 days: 0.580822 of the year
	for _, c := range []struct {
		pos        int
		value      string
		likelihood string
		status     string
		ratio      string
	}{
		{1, "10个", "", StatusMet, "1"},
		{1, "12个", "", StatusMet, "1.2"},
		{1, "6个", "", StatusOnTrack, "0.6"},
		{1, "5个", "", StatusBehind, "0.5"},
		{1, "6个", "完全不可能", StatusBehind, "0.6"},
		{2, "96%", "", StatusMet, "1.010526"},
		{2, "90%", "有可能", StatusOnTrack, "0.947368"},
		{3, "2024年12月20日", "确定能", StatusMet, "1"},
		{3, "2025年1月5日", "", StatusBehind, "0"},
		{4, "6万元", "", StatusMet, "1.726667"},    // cost: 10.36 ÷ 6, less is better
		{4, "60000元", "", StatusMet, "1.726667"}, // 元 against 万元
		{4, "11万元", "", StatusBehind, "0.941818"},
		{5, "稳步提高", "确定能", StatusOnTrack, "0"},
		{5, "稳步提高", "有可能", StatusOnTrack, "0"},
		{5, "稳步提高", "完全不可能", StatusBehind, "0"},
		{6, "稳步提高", "", StatusUnrated, "0"},
		{7, "90个", "", StatusUnrated, "0"}, // wrong unit, stored before validation
	} {
		p := fixture.Office()
		p.Progress = []jixiao.Progress{{ID: 1, Indicator: c.pos, AsOf: date("2024-07-20"), Value: c.value, Likelihood: c.likelihood}}
		st := Project(p, 2024, d, DefaultConfig()).Indicators[c.pos-1]
		if st.Status != c.status || st.Ratio != dec(c.ratio) || st.Latest != c.value || st.AsOf != date("2024-07-20") {
			t.Errorf("%d %s %s: status %s ratio %s, want %s %s", c.pos, c.value, c.likelihood, st.Status, st.Ratio, c.status, c.ratio)
		}
	}
	// Early in the year the same 6个 is well on track; late, behind.
	p := fixture.Office()
	p.Progress = []jixiao.Progress{{ID: 1, Indicator: 1, AsOf: date("2024-03-01"), Value: "6个"}}
	if st := Project(p, 2024, date("2024-03-31"), DefaultConfig()).Indicators[0]; st.Status != StatusOnTrack {
		t.Errorf("March: %s", st.Status)
	}
	if st := Project(p, 2024, date("2024-11-30"), DefaultConfig()).Indicators[0]; st.Status != StatusBehind {
		t.Errorf("November: %s", st.Status)
	}
	if st := Project(p, 2024, date("2024-02-01"), DefaultConfig()).Indicators[0]; st.Status != StatusNone || st.Latest != "" {
		t.Errorf("before the report: %+v", st)
	}
}

func TestLatestProgress(t *testing.T) {
	p := fixture.Office()
	p.Progress = []jixiao.Progress{
		{ID: 7, Indicator: 1, AsOf: date("2024-06-30"), Value: "5个"},
		{ID: 3, Indicator: 1, AsOf: date("2024-07-15"), Value: "6个"},
		{ID: 9, Indicator: 1, AsOf: date("2024-07-15"), Value: "7个"}, // same day, later ID
		{ID: 4, Indicator: 1, AsOf: date("2024-07-15"), Value: "4个"},
		{ID: 10, Indicator: 1, AsOf: date("2024-08-15"), Value: "9个"}, // after the date
		{ID: 11, Indicator: 2, AsOf: date("2024-07-01"), Value: "80%", Cause: "硬件条件保障", Likelihood: "有可能", Measures: "更换电梯"},
		{ID: 12, Indicator: 2, AsOf: date("2024-07-10"), Value: "70%"},
		{ID: 13, Indicator: 2, AsOf: date("2024-07-10"), Value: "85%", Replaces: 12, Likelihood: "确定能"},
		{ID: 14, Indicator: 3, AsOf: date("2024-07-10"), Value: "2024年11月30日"},
		{ID: 15, Indicator: 3, AsOf: date("2024-07-10"), Value: "2025年2月1日", Replaces: 14, Likelihood: "完全不可能"},
		{ID: 16, Indicator: 3, AsOf: date("2024-07-11"), Value: "2024年12月30日", Replaces: 15},
		{ID: 17, Indicator: 99, AsOf: date("2024-07-11"), Value: "1个"}, // no such indicator: ignored
	}
	ps := Project(p, 2024, date("2024-07-31"), DefaultConfig())
	got := []string{ps.Indicators[0].Latest, ps.Indicators[1].Latest, ps.Indicators[1].Likelihood, ps.Indicators[2].Latest}
	want := []string{"7个", "85%", "确定能", "2024年12月30日"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("latest %q, want %q", got, want)
	}
	// The corrected 完全不可能 no longer makes the project red.
	p.Spending = []jixiao.Spending{{ID: 1, Date: date("2024-06-30"), Amount: wan("6")}}
	if ps := Project(p, 2024, date("2024-07-31"), DefaultConfig()); ps.Light != Green {
		t.Errorf("light %s %q", ps.Light, ps.Reasons)
	}
}

func TestImpossibleMakesRed(t *testing.T) {
	p := fixture.Office()
	p.Spending = []jixiao.Spending{{ID: 1, Date: date("2024-06-30"), Amount: wan("6")}}
	p.Progress = []jixiao.Progress{
		{ID: 1, Indicator: 6, AsOf: date("2024-07-31"), Value: "", Cause: "人员保障", Likelihood: "完全不可能", Measures: "补充人员"},
	}
	ps := Project(p, 2024, date("2024-07-31"), DefaultConfig())
	if ps.Light != Red {
		t.Fatalf("light %s", ps.Light)
	}
	if len(ps.Reasons) != 2 || ps.Reasons[1] != "指标6“监管队伍形象”完成目标可能性为“完全不可能”" {
		t.Errorf("reasons %q", ps.Reasons)
	}
	st := ps.Indicators[5]
	if st.Status != StatusBehind || st.Cause != "人员保障" || st.Measures != "补充人员" {
		t.Errorf("indicator %+v", st)
	}
}

func TestZeroBudget(t *testing.T) {
	p := &jixiao.Project{Name: "无预算", Plan: fixture.Office().Plan}
	ps := Project(p, 2024, date("2024-07-31"), DefaultConfig())
	if ps.Light != Green || ps.Actual != 0 || ps.Deviation != 0 || ps.Reasons[0] != "预算数为0，不考核支出进度" {
		t.Errorf("%+v", ps)
	}
}

func TestDocument(t *testing.T) {
	mk := func(code string, spent string) jixiao.Project {
		p := fixture.Office()
		p.Code, p.Name = code, "项目"+code
		if spent != "" {
			p.Spending = []jixiao.Spending{{ID: 1, Date: date("2024-05-01"), Amount: wan(spent)}}
		}
		return *p
	}
	doc := &jixiao.Document{Year: 2024, Projects: []jixiao.Project{
		mk("A", "6"),    // ahead: green
		mk("B", "4.5"),  // 56.30 − 43.44 = 12.86: yellow
		mk("C", ""),     // 56.30: red
		mk("D", "4"),    // 56.30 − 38.61 = 17.69: yellow, worse than B
		mk("E", "1"),    // 56.30 − 9.65 = 46.65: red, better than C
		mk("F", "5.50"), // 56.30 − 53.09 = 3.21: green, worse than A
	}}
	dep := Document(doc, date("2024-07-31"), DefaultConfig())
	var order []string
	for _, ps := range dep.Projects {
		order = append(order, ps.Code+":"+ps.Light)
	}
	want := "[C:red E:red D:yellow B:yellow F:green A:green]"
	if fmt.Sprint(order) != want {
		t.Errorf("order %v, want %s", order, want)
	}
	if dep.Green != 2 || dep.Yellow != 2 || dep.Red != 2 {
		t.Errorf("counts %d %d %d", dep.Green, dep.Yellow, dep.Red)
	}
	if dep.Budget != 6*wan("10.36") || dep.Spent != wan("21.00") || dep.Expected != 6*5832764 {
		t.Errorf("budget %s spent %s expected %s", dep.Budget.WanExact(), dep.Spent.WanExact(), dep.Expected.WanExact())
	}
	if dep.Year != 2024 || dep.Date != date("2024-07-31") {
		t.Errorf("year %d date %s", dep.Year, dep.Date)
	}
}

func TestValidateSpending(t *testing.T) {
	p := fixture.Office()
	p.Spending = []jixiao.Spending{
		{ID: 1, Date: date("2024-03-20"), Amount: wan("5.00")},
		{ID: 2, Date: date("2024-04-20"), Amount: wan("3.00")},
		{ID: 3, Date: date("2024-04-20"), Amount: wan("2.50"), Replaces: 2},
	}
	// Effective total: 5.00 + 2.50 = 7.50 of 10.36.
	for _, c := range []struct {
		s    jixiao.Spending
		want string // "" for valid
	}{
		{jixiao.Spending{Date: date("2024-07-01"), Amount: wan("2.86")}, ""},
		{jixiao.Spending{Date: date("2024-07-01"), Amount: wan("2.860001")}, "录入后支出合计10.360001万元，超过预算数10.36万元"},
		{jixiao.Spending{Date: date("2024-07-01"), Amount: 0}, "支出金额应大于0"},
		{jixiao.Spending{Date: date("2024-07-01"), Amount: -5}, "支出金额不能为负数"},
		{jixiao.Spending{Date: date("2025-01-02"), Amount: 5}, "支出日期2025年1月2日不在2024年度内"},
		{jixiao.Spending{Date: date("2023-12-31"), Amount: 5}, "不在2024年度内"},
		{jixiao.Spending{Amount: 5}, "请填写支出日期"},
		{jixiao.Spending{Date: date("2024-03-20"), Amount: wan("7.86"), Replaces: 1}, ""},
		{jixiao.Spending{Date: date("2024-03-20"), Amount: wan("7.87"), Replaces: 1}, "超过预算数"},
		{jixiao.Spending{Date: date("2024-03-20"), Amount: 0, Replaces: 1}, ""},
		{jixiao.Spending{Date: date("2024-03-20"), Amount: 5, Replaces: 42}, "要更正的支出记录（编号42）不存在"},
		{jixiao.Spending{Date: date("2024-04-20"), Amount: 5, Replaces: 2}, "支出记录（编号2）已被记录（编号3）更正，请更正后者"},
		{jixiao.Spending{Date: date("2024-04-20"), Amount: 5, Replaces: 3}, ""},
		{jixiao.Spending{ID: 8, Date: date("2024-04-20"), Amount: 5, Replaces: 8}, "不能更正它自己"},
	} {
		err := ValidateSpending(p, 2024, c.s)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%+v: unexpected %v", c.s, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%+v: error %v, want %q", c.s, err, c.want)
		case err != nil && !strings.HasPrefix(err.Error(), "项目“办公楼运维费”："):
			t.Errorf("error does not name the project: %v", err)
		}
	}
}

func TestValidateProgress(t *testing.T) {
	p := fixture.Office()
	p.Progress = []jixiao.Progress{
		{ID: 1, Indicator: 1, AsOf: date("2024-07-31"), Value: "6个"},
		{ID: 2, Indicator: 2, AsOf: date("2024-07-31"), Value: "90%"},
		{ID: 3, Indicator: 2, AsOf: date("2024-07-31"), Value: "91%", Replaces: 2},
	}
	ok := func(pr jixiao.Progress) jixiao.Progress {
		if pr.AsOf.IsZero() {
			pr.AsOf = date("2024-07-31")
		}
		return pr
	}
	for _, c := range []struct {
		pr   jixiao.Progress
		want string
	}{
		{ok(jixiao.Progress{Indicator: 1, Value: "7个", Cause: "经费保障", Likelihood: "确定能", Measures: "加快"}), ""},
		{ok(jixiao.Progress{Indicator: 2, Value: "≥92%"}), ""},
		{ok(jixiao.Progress{Indicator: 3, Value: "2024年12月20日"}), ""},
		{ok(jixiao.Progress{Indicator: 4, Value: "60000元"}), ""},
		{ok(jixiao.Progress{Indicator: 5, Value: "稳步提高", Likelihood: "有可能"}), ""},
		{ok(jixiao.Progress{Indicator: 5}), ""},
		{ok(jixiao.Progress{Indicator: 0, Value: "1个"}), "第0个指标不存在，项目共有7个指标"},
		{ok(jixiao.Progress{Indicator: 8, Value: "1个"}), "第8个指标不存在"},
		{jixiao.Progress{Indicator: 1, Value: "1个", AsOf: date("2025-01-01")}, "指标1“派出机构数量”的填报日期2025年1月1日不在2024年度内"},
		{jixiao.Progress{Indicator: 1, Value: "1个"}, "请填写指标1“派出机构数量”的填报日期"},
		{ok(jixiao.Progress{Indicator: 1}), "指标1“派出机构数量”请填写完成值（目标为“10个”）"},
		{ok(jixiao.Progress{Indicator: 2, Value: "90个"}), "指标2“正常使用率”的完成值“90个”：完成值的单位“个”与目标单位“%”不一致"},
		{ok(jixiao.Progress{Indicator: 2, Value: "良好"}), "完成值应为数值"},
		{ok(jixiao.Progress{Indicator: 3, Value: "95%"}), "时间指标的完成值应为日期"},
		{ok(jixiao.Progress{Indicator: 1, Value: "6个", Cause: "天气"}), "偏差原因“天气”不在可选项内（经费保障、制度保障、人员保障、硬件条件保障、其他）"},
		{ok(jixiao.Progress{Indicator: 1, Value: "6个", Likelihood: "不确定"}), "完成目标可能性“不确定”不在可选项内"},
		{ok(jixiao.Progress{Indicator: 1, Value: "6个", Replaces: 1}), ""},
		{ok(jixiao.Progress{Indicator: 1, Value: "6个", Replaces: 9}), "要更正的进度记录（编号9）不存在"},
		{ok(jixiao.Progress{Indicator: 1, Value: "6个", Replaces: 3}), "进度记录（编号3）属于指标2，不能用来更正指标1"},
		{ok(jixiao.Progress{Indicator: 2, Value: "92%", Replaces: 2}), "已被记录（编号3）更正"},
	} {
		err := ValidateProgress(p, 2024, c.pr)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%+v: unexpected %v", c.pr, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%+v: error %v, want %q", c.pr, err, c.want)
		}
	}
}

func TestLabel(t *testing.T) {
	for code, want := range map[string]string{Green: "绿灯", Yellow: "黄灯", Red: "红灯", StatusMet: "已完成",
		StatusOnTrack: "进度正常", StatusBehind: "进度滞后", StatusNone: "未填报", StatusUnrated: "未评"} {
		if Label(code) != want {
			t.Errorf("Label(%s) = %s", code, Label(code))
		}
	}
}

// bigDocument is a department of n projects, each with a year of records:
// 50 payments (one a correction) and 20 progress reports.
func bigDocument(n int) *jixiao.Document {
	doc := &jixiao.Document{Year: 2024, Projects: make([]jixiao.Project, n)}
	start := jixiao.YearStart(2024).Time()
	for i := range doc.Projects {
		p := fixture.Office()
		p.Code = fmt.Sprintf("P%05d", i)
		p.Budget = wan("100")
		for k := 0; k < 50; k++ {
			s := jixiao.Spending{ID: int64(k + 1), Date: jixiao.DateOf(start.AddDate(0, 0, k*7+i%7)), Amount: jixiao.Fen(10_000 * (k + i%40))}
			if k == 49 {
				s.Replaces = 10
			}
			p.Spending = append(p.Spending, s)
		}
		for k := 0; k < 20; k++ {
			pos := k%7 + 1
			v := []string{"6个", "90%", "2024年12月20日", "6万元", "稳步提高", "稳步提高", "92%"}[pos-1]
			p.Progress = append(p.Progress, jixiao.Progress{ID: int64(k + 1), Indicator: pos,
				AsOf: jixiao.DateOf(start.AddDate(0, 0, k*18)), Value: v, Likelihood: "有可能"})
		}
		doc.Projects[i] = *p
	}
	return doc
}

func TestBigDocument(t *testing.T) {
	doc := bigDocument(50)
	dep := Document(doc, date("2024-07-31"), DefaultConfig())
	if len(dep.Projects) != 50 || dep.Green+dep.Yellow+dep.Red != 50 {
		t.Fatalf("%d projects, %d+%d+%d", len(dep.Projects), dep.Green, dep.Yellow, dep.Red)
	}
	for i := 1; i < len(dep.Projects); i++ {
		a, b := dep.Projects[i-1], dep.Projects[i]
		if lightRank(a.Light) > lightRank(b.Light) || (a.Light == b.Light && a.Deviation < b.Deviation) {
			t.Errorf("not worst first at %d: %s %s, %s %s", i, a.Light, a.Deviation, b.Light, b.Deviation)
		}
	}
}

// Target: under 100 ms for a department of 1,000 projects.
func BenchmarkDocument1000(b *testing.B) {
	doc := bigDocument(1000)
	d := jixiao.DateOf(time.Date(2024, 7, 31, 0, 0, 0, 0, time.UTC))
	b.ResetTimer()
	for b.Loop() {
		Document(doc, d, DefaultConfig())
	}
}

func BenchmarkExpected(b *testing.B) {
	plan := fixture.Office().Plan
	d := date("2024-07-31")
	for b.Loop() {
		Expected(plan, 2024, d)
	}
}
