package ledger

import (
	"slices"
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/target"
)

func day(m time.Month, d int) jixiao.Date { return jixiao.NewDate(2024, m, d) }

func sample() []Record {
	return []Record{
		{Kind: "sampling", Date: day(1, 5), Subject: "甲超市", Item: "大米", Outcome: "合格"},
		{Kind: "sampling", Date: day(3, 9), Subject: "乙超市", Item: "食用油", Outcome: "不合格"},
		{Kind: "sampling", Date: day(6, 30), Subject: "甲超市 ", Item: "面粉", Outcome: "待检"},
		{Kind: "sampling", Date: day(7, 1), Subject: "丙餐馆", Item: "餐具", Outcome: "合格"},
		{Kind: "tipoff", Date: day(2, 1), Subject: "丁药店", Outcome: "已处置"},
		{Kind: "tipoff", Date: day(4, 1), Subject: "戊商店", Outcome: "办理中"},
		{Kind: "tipoff", Date: day(5, 1), Subject: "己商店", Outcome: "不予受理"},
	}
}

func TestCompute(t *testing.T) {
	rs := sample()
	for _, c := range []struct {
		name  string
		m     Measure
		asOf  jixiao.Date
		unit  string
		value string
		count int
		of    int
	}{
		{"all batches", Measure{Kind: "sampling"}, jixiao.Date{}, "批次", "4批次", 4, 4},
		{"batches to mid-year", Measure{Kind: "sampling"}, day(6, 30), "批次", "3批次", 3, 3},
		{"kind's own unit", Measure{Kind: "sampling"}, jixiao.Date{}, "", "4批次", 4, 4},
		{"failed batches", Measure{Kind: "sampling", Outcomes: []string{"不合格"}}, jixiao.Date{}, "批次", "1批次", 1, 4},
		{"enterprises", Measure{Kind: "sampling", Subjects: true}, jixiao.Date{}, "家", "3家", 3, 3},
		{"enterprises, default unit", Measure{Kind: "sampling", Subjects: true}, jixiao.Date{}, "", "3家", 3, 3},
		{"pass rate", Measure{Kind: "sampling", Outcomes: []string{"合格"}, Share: true}, jixiao.Date{}, "%", "50%", 2, 4},
		{"handled share", Measure{Kind: "tipoff", Outcomes: []string{"已处置", "不予受理"}, Share: true}, jixiao.Date{}, "%", "66.67%", 2, 3},
		{"share of nothing", Measure{Kind: "inspection", Outcomes: []string{"发现问题"}, Share: true}, jixiao.Date{}, "%", "", 0, 0},
		{"count of nothing", Measure{Kind: "equipment"}, jixiao.Date{}, "次", "0次", 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := c.m.Check(); err != nil {
				t.Fatal(err)
			}
			r := c.m.Compute(rs, c.asOf, c.unit)
			if r.Value != c.value || r.Count != c.count || r.Of != c.of {
				t.Fatalf("got %q %d/%d, want %q %d/%d", r.Value, r.Count, r.Of, c.value, c.count, c.of)
			}
			if r.Value != "" {
				// The value must read back as the indicator's kind of target.
				if got := target.Parse(r.Value); !got.Measurable() {
					t.Errorf("value %q does not parse as a measurable target: %+v", r.Value, got)
				}
			}
		})
	}
}

func TestComputeEvidence(t *testing.T) {
	r := Measure{Kind: "sampling", Outcomes: []string{"合格"}}.Compute(sample(), jixiao.Date{}, "批次")
	if len(r.Records) != 2 || r.Records[0].Item != "大米" || r.Records[1].Item != "餐具" {
		t.Fatalf("evidence %+v", r.Records)
	}
}

func TestLabel(t *testing.T) {
	for m, want := range map[*Measure]string{
		{Kind: "sampling"}: "抽检批次数",
		{Kind: "sampling", Outcomes: []string{"不合格"}}:                             "抽检（不合格）批次数",
		{Kind: "inspection", Subjects: true}:                                      "双随机检查受检对象数",
		{Kind: "tipoff", Outcomes: []string{"已处置", "不予受理"}, Share: true}:          "投诉举报中结果为已处置、不予受理的占比",
		{Kind: "sampling", Outcomes: []string{"合格"}, Share: true, Subjects: true}: "抽检中结果为合格的被抽样单位占比",
	} {
		if got := m.Label(); got != want {
			t.Errorf("%+v: %q, want %q", *m, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	good := Record{Kind: "抽检", Date: day(3, 1), Subject: "甲超市", Outcome: "合格"}.Normalize()
	if good.Kind != "sampling" {
		t.Fatalf("kind %q", good.Kind)
	}
	if err := good.Check(2024); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		r    Record
		want string
	}{
		{Record{Kind: "巡查", Date: day(1, 1), Subject: "甲"}, "类别“巡查”不对"},
		{Record{Kind: "sampling", Subject: "甲"}, "缺少日期"},
		{Record{Kind: "sampling", Date: jixiao.NewDate(2023, 12, 31), Subject: "甲"}, "不在 2024 年度"},
		{Record{Kind: "sampling", Date: day(1, 1)}, "缺少被抽样单位"},
		{Record{Kind: "tipoff", Date: day(1, 1), Subject: "甲", Outcome: "合格"}, "投诉举报的结果“合格”不对"},
		{Record{Kind: "sampling", Date: day(1, 1), Subject: "甲", Note: strings.Repeat("长", MaxText+1)}, "备注有 501 字"},
		{Record{Kind: "sampling", Date: day(1, 1), Subject: "甲", Ref: strings.Repeat("1", MaxRef+1)}, "编号有 101 字"},
	} {
		err := c.r.Check(2024)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.r, err, c.want)
		}
	}
	for _, c := range []struct {
		m    Measure
		want string
	}{
		{Measure{Kind: "x"}, "台账类别“x”不对"},
		{Measure{Kind: "tipoff", Outcomes: []string{"合格"}}, "投诉举报没有结果“合格”"},
		{Measure{Kind: "tipoff", Share: true}, "占比要指定"},
	} {
		err := c.m.Check()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.m, err, c.want)
		}
	}
}

func TestBindingTarget(t *testing.T) {
	p := &jixiao.Project{Name: "食品抽检", Indicators: []jixiao.Indicator{{Level3: "抽检批次"}, {Level3: "合格率"}}}
	b := Binding{Indicator: 1, Name: "抽检批次"}
	if ind, err := b.Target(p); err != nil || ind != &p.Indicators[0] {
		t.Fatalf("%v %v", ind, err)
	}
	if _, err := (Binding{Indicator: 2, Name: "抽检批次"}).Target(p); err == nil || !strings.Contains(err.Error(), "已由“抽检批次”改为“合格率”") {
		t.Fatalf("renamed: %v", err)
	}
	if _, err := (Binding{Indicator: 3, Name: "x"}).Target(p); err == nil || !strings.Contains(err.Error(), "没有第 3 个指标") {
		t.Fatalf("gone: %v", err)
	}
}

// Count counts each binding against its indicator's target, in the goal
// tables' order, and says why a binding no longer applies.
func TestCount(t *testing.T) {
	doc := &jixiao.Document{Projects: []jixiao.Project{
		{Code: "A", Name: "食品抽检", Indicators: []jixiao.Indicator{{Level3: "抽检批次", Value: "3批次", Target: target.Parse("3批次")}}},
		{Code: "B", Name: "举报奖", Indicators: []jixiao.Indicator{{Level3: "处置率", Value: "100%", Target: target.Parse("100%")}}},
	}}
	bindings := []Binding{
		{Project: "gone", Indicator: 1, Name: "x", Measure: Measure{Kind: "sampling"}},
		{Project: "B", Indicator: 1, Name: "处置率", Measure: Measure{Kind: "tipoff", Outcomes: []string{"已处置", "不予受理"}, Share: true}},
		{Project: "A", Indicator: 1, Name: "抽检批次", Measure: Measure{Kind: "sampling"}},
	}
	got := Count(doc, sample(), bindings, jixiao.Date{})
	if len(got) != 3 || got[0].Project != "A" || got[1].Project != "B" || got[2].Project != "gone" {
		t.Fatalf("order %+v", got)
	}
	if got[0].Value != "4批次" || got[0].Met != "达到" || got[0].ProjectName != "食品抽检" || got[0].Target != "3批次" {
		t.Errorf("A %+v", got[0])
	}
	if got[1].Value != "66.67%" || got[1].Met != "未达到" {
		t.Errorf("B %+v", got[1])
	}
	if got[2].Problem != "绩效目标中已没有项目“gone”" || got[2].Value != "" {
		t.Errorf("gone %+v", got[2])
	}
	if mid := Count(doc, sample(), bindings[2:], day(3, 31)); mid[0].Value != "2批次" || mid[0].Met != "未达到" {
		t.Errorf("as of March %+v", mid[0])
	}
}

// Tip-offs are decided within 15 working days: a record closed by then
// counts as on time, one closed later or still open past it is late, and
// a rate counts the on-time ones out of all.
func TestDeadlines(t *testing.T) {
	rs := []Record{
		// Received Thursday 26 September: the 15th working day is 22 October.
		{Kind: "tipoff", Date: day(9, 26), Subject: "甲", Closed: day(10, 22), Outcome: "已处置"},
		{Kind: "tipoff", Date: day(9, 26), Subject: "乙", Closed: day(10, 23), Outcome: "已处置"},
		{Kind: "tipoff", Date: day(9, 26), Subject: "丙"},
		{Kind: "tipoff", Date: day(12, 20), Subject: "丁"},
		{Kind: "equipment", Date: day(3, 1), Subject: "戊"},
	}
	if last, exact, ok := rs[0].Deadline(); !ok || !exact || last != day(10, 22) {
		t.Fatalf("deadline %s %v %v", last, exact, ok)
	}
	if _, _, ok := rs[4].Deadline(); ok {
		t.Error("special-equipment checks have no fixed limit")
	}
	today := day(11, 1)
	for i, want := range []struct{ onTime, late bool }{{true, false}, {false, true}, {false, true}, {false, false}, {false, false}} {
		if rs[i].OnTime() != want.onTime || rs[i].Late(today) != want.late {
			t.Errorf("record %d: on time %v, late %v; want %+v", i, rs[i].OnTime(), rs[i].Late(today), want)
		}
	}
	m := Measure{Kind: "tipoff", OnTime: true, Share: true}
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
	if got := m.Label(); got != "投诉举报中15个工作日内作出处理决定的占比" {
		t.Errorf("label %q", got)
	}
	if r := m.Compute(rs, jixiao.Date{}, "%"); r.Value != "25%" || r.Count != 1 || r.Of != 4 {
		t.Errorf("on-time rate %+v", r)
	}
	// Counted as of a date before the closing, nothing was closed yet.
	if r := m.Compute(rs, day(10, 21), "%"); r.Value != "0%" || r.Of != 3 {
		t.Errorf("on-time rate as of 21 October %+v", r)
	}
	n := Measure{Kind: "tipoff", OnTime: true, Outcomes: []string{"已处置"}}
	if got := n.Label(); got != "投诉举报中结果为已处置且15个工作日内作出处理决定的件数" {
		t.Errorf("label %q", got)
	}
	if err := (Measure{Kind: "equipment", OnTime: true}).Check(); err == nil || !strings.Contains(err.Error(), "特种设备检查没有规定办理期限") {
		t.Errorf("on time without a limit: %v", err)
	}
	bad := Record{Kind: "tipoff", Date: day(5, 2), Subject: "甲", Closed: day(5, 1)}
	if err := bad.Check(2024); err == nil || !strings.Contains(err.Error(), "处理决定日期 2024-05-01 早于日期 2024-05-02") {
		t.Errorf("closed before it began: %v", err)
	}
	late := Record{Kind: "tipoff", Date: day(12, 20), Subject: "甲", Closed: jixiao.NewDate(2025, 1, 3)}
	if err := late.Check(2024); err != nil {
		t.Errorf("closed in the next year: %v", err)
	}
}

// A share can only answer a percentage and a count a quantity: a binding
// that does not fit its indicator counts nothing and says why.
func TestFits(t *testing.T) {
	doc := &jixiao.Document{Projects: []jixiao.Project{{Code: "A", Name: "食品抽检", Indicators: []jixiao.Indicator{
		{Level3: "抽检批次", Value: "1000批次", Target: target.Parse("1000批次")},
		{Level3: "处置率", Value: "100%", Target: target.Parse("100%")},
		{Level3: "群众满意", Value: "持续提高", Target: target.Parse("持续提高")},
	}}}}
	got := Count(doc, sample(), []Binding{
		{Project: "A", Indicator: 1, Name: "抽检批次", Measure: Measure{Kind: "sampling", Outcomes: []string{"合格"}, Share: true}},
		{Project: "A", Indicator: 2, Name: "处置率", Measure: Measure{Kind: "tipoff"}},
		{Project: "A", Indicator: 3, Name: "群众满意", Measure: Measure{Kind: "tipoff"}},
	}, jixiao.Date{})
	for i, want := range []string{
		"占比是百分数，指标“抽检批次”的指标值“1000批次”不是百分比",
		"计数是数量，指标“处置率”的指标值“100%”不是数量",
		"计数是数量，指标“群众满意”的指标值“持续提高”不是数量",
	} {
		if got[i].Problem != want || got[i].Value != "" {
			t.Errorf("%d: %q %q, want %q", i, got[i].Problem, got[i].Value, want)
		}
	}
}

// A share may be of a fixed base: 检查企业覆盖率 is the key enterprises
// checked out of the 50 the county has.
func TestShareOfBase(t *testing.T) {
	m := Measure{Kind: "sampling", Subjects: true, Share: true, Base: 4}
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
	if got := m.Label(); got != "抽检被抽样单位数占 4 家的比例" {
		t.Errorf("label %q", got)
	}
	if r := m.Compute(sample(), jixiao.Date{}, "%"); r.Value != "75%" || r.Count != 3 || r.Of != 4 {
		t.Errorf("3 of 4 enterprises: %+v", r)
	}
	n := Measure{Kind: "sampling", Outcomes: []string{"合格"}, Share: true, Base: 8}
	if got := n.Label(); got != "抽检中结果为合格的批次数占 8 批次的比例" {
		t.Errorf("label %q", got)
	}
	for _, bad := range []Measure{{Kind: "sampling", Base: 5}, {Kind: "sampling", Share: true, Base: -1}, {Kind: "sampling", Share: true, Base: MaxBase + 1}} {
		if err := bad.Check(); err == nil || !strings.Contains(err.Error(), "基数") {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}

func TestTally(t *testing.T) {
	got := Tally(sample(), day(7, 15))
	if s := got[0]; s.Code != "sampling" || s.N != 4 || s.Late != 2 || !slices.Equal(s.Outcomes, []int{1, 2, 1}) {
		t.Errorf("sampling %+v", s)
	}
	if s := got[2]; s.Code != "tipoff" || s.N != 3 || s.Late != 3 || !slices.Equal(s.Outcomes, []int{1, 1, 1}) {
		t.Errorf("tip-offs %+v", s)
	}
	if s := got[1]; s.N != 0 || len(s.Outcomes) != 2 {
		t.Errorf("inspections %+v", s)
	}
}
