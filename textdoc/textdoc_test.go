package textdoc

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/example"
	"jixiao/target"
)

// readExample reads the customer's document as shipped.
func readExample(t *testing.T) *jixiao.Document {
	t.Helper()
	doc, err := Read(example.Name, example.Laoting, Options{})
	if err != nil {
		t.Fatalf("Read(example): %v", err)
	}
	return doc
}

// projectRow is one project as written in the example's goal tables.
type projectRow struct {
	code, name            string
	budget, fiscal, other jixiao.Fen
}

// exampleProjects are the 11 goal tables of the example, in source order,
// with their amounts in fen (the tables say 万元).
var exampleProjects = []projectRow{
	{"13022524P00260210037A", "办公楼运维费", 10_360_000, 10_360_000, 0},
	{"13022524P00002410003E", "标准计量特种设备双随机监管经费", 15_000_000, 15_000_000, 0},
	{"13022524P00002410012N", "基层“星级所”建设经费", 30_000_000, 30_000_000, 0},
	{"13022524P000024100042", "基层分局运转经费", 114_500_000, 114_500_000, 0},
	{"13022524P00002410013A", "基层特种设备执法装备配备保障经费", 5_000_000, 5_000_000, 0},
	{"13022524P00002410002T", "商品质量宣传检测执法经费", 50_000_000, 50_000_000, 0},
	{"13022524P000024100017", "食品药品举报奖", 5_000_000, 5_000_000, 0},
	{"13022524P000024100069", "食品药品宣传检测执法经费", 263_000_000, 263_000_000, 0},
	{"13022524P00002410005M", "市场监管工作经费", 265_000_000, 265_000_000, 0},
	{"13022524P002NJJ100058", "市场监管专项补助经费", 27_000_000, 27_000_000, 0},
	{"13022524P00002410008G", "特种设备隐患排查专家会诊费", 30_000_000, 30_000_000, 0},
}

func TestReadExampleProjects(t *testing.T) {
	doc := readExample(t)
	if doc.Unit != (jixiao.Unit{Code: "414001", Name: "乐亭县市场监督管理局本级"}) {
		t.Errorf("unit = %+v", doc.Unit)
	}
	if doc.Year != 2024 {
		t.Errorf("year = %d, want 2024", doc.Year)
	}
	if doc.Preset != jixiao.Preset88 {
		t.Errorf("preset = %q, want 88 (成本指标 is a 二级 here)", doc.Preset)
	}
	if len(doc.Projects) != 11 {
		t.Fatalf("%d projects, want 11", len(doc.Projects))
	}
	if n := doc.IndicatorCount(); n != 77 {
		t.Errorf("%d indicators, want 77", n)
	}
	if tb := doc.TotalBudget(); tb != 814_860_000 {
		t.Errorf("total budget = %d fen, want 814860000", tb)
	}
	wantPlan := []jixiao.Checkpoint{
		{By: jixiao.Date{Y: 2024, M: time.March, D: 31}, Percent: jixiao.Dec(25)},
		{By: jixiao.Date{Y: 2024, M: time.June, D: 30}, Percent: jixiao.Dec(50)},
		{By: jixiao.Date{Y: 2024, M: time.October, D: 31}, Percent: jixiao.Dec(75)},
		{By: jixiao.Date{Y: 2024, M: time.December, D: 31}, Percent: jixiao.Dec(100)},
	}
	for i, w := range exampleProjects {
		p := doc.Projects[i]
		if p.Code != w.code || p.Name != w.name {
			t.Errorf("project %d = %s %s, want %s %s", i+1, p.Code, p.Name, w.code, w.name)
		}
		if p.Budget != w.budget || p.Fiscal != w.fiscal || p.Other != w.other {
			t.Errorf("%s: budget/fiscal/other = %d/%d/%d, want %d/%d/%d",
				w.name, p.Budget, p.Fiscal, p.Other, w.budget, w.fiscal, w.other)
		}
		if !reflect.DeepEqual(p.Plan, wantPlan) {
			t.Errorf("%s: plan = %v, want %v", w.name, p.Plan, wantPlan)
		}
		if len(p.Indicators) != 7 {
			t.Errorf("%s: %d indicators, want 7", w.name, len(p.Indicators))
		}
		if got, ok := doc.Project(w.code); !ok || got.Name != w.name {
			t.Errorf("Project(%s) = %v, %v", w.code, got, ok)
		}
	}
}

// indicatorRows are the indicator cells of three tables as written, with
// merged 一级 cells filled from the row above.
var indicatorRows = map[string]struct {
	purpose, goal string
	rows          [][6]string
}{
	"办公楼运维费": {
		"保障机关及分局用电，使业务正常开展，保障机关电梯正常运转",
		"1.保障机关及分局用电，使业务正常开展，保障机关电梯正常运转",
		[][6]string{
			{"产出指标", "数量指标", "派出机构数量", "派出机构数量", "10个", "根据文件规定"},
			{"产出指标", "质量指标", "正常使用率", "正常使用率", "≥95%", "根据文件规定"},
			{"产出指标", "时效指标", "项目完成时间", "项目完成时间", "2024年12月31日", "根据文件规定"},
			{"产出指标", "成本指标", "项目成本", "项目成本", "10.36万元", "根据文件规定"},
			{"效益指标", "社会效益指标", "市场监管工作水平", "市场监管工作水平", "日益提高", "根据文件规定"},
			{"效益指标", "可持续影响指标", "监管队伍形象", "监管队伍形象", "日益提高", "根据文件规定"},
			{"满意度指标", "服务对象满意度指标", "服务对象满意度（%）", "服务对象满意度（%）", "≥90%", "根据文件规定"},
		},
	},
	"食品药品宣传检测执法经费": {
		"完成2024年食品安全抽检工作，“放心超市”快检试剂费用及食品药品安全宣传监管工作",
		"1.完成2024年食品安全抽检监测工作及食品药品安全宣传监管工作",
		[][6]string{
			{"产出指标", "数量指标", "检测数量", "检测数量", "3500批次", "根据文件规定"},
			{"产出指标", "质量指标", "抽检食品覆盖率", "抽检食品覆盖率", "≥85%", "根据文件规定"},
			{"产出指标", "时效指标", "项目完成时间", "项目完成时间", "2024年12月31日", "根据文件规定"},
			{"产出指标", "成本指标", "项目成本", "项目成本", "263万元", "根据文件规定"},
			{"效益指标", "社会效益指标", "日常监管工作", "日常监管工作", "日益提高", "根据文件规定"},
			{"效益指标", "可持续影响指标", "可持续性", "可持续性", "可持续性", "根据文件规定"},
			{"满意度指标", "服务对象满意度指标", "服务对象满意度（%）", "服务对象满意度（%）", "≥90%", "根据文件规定"},
		},
	},
	"市场监管专项补助经费": {
		"持续推进商事制度改革力度，优化营商环境，促进市场主体健康发展。开展专项整治行动，加强特种设备管理及所属检测机构业务能力建设。",
		"1.持续推进商事制度改革力度，优化营商环境，促进市场主体健康发展。开展专项整治行动，加强特种设备管理及所属检测机构业务能力建设。",
		[][6]string{
			{"产出指标", "数量指标", "支出完成率", "按时有序支付", "≥95%", "根据上级文件"},
			{"产出指标", "质量指标", "检查督导工作完成率", "检查督导工作完成率", "≥95%", "根据上级文件"},
			{"产出指标", "时效指标", "项目完成时间", "项目完成时间", "2024年12月31日", "根据上级文件"},
			{"产出指标", "成本指标", "项目成本", "项目成本", "27万元", "根据上级文件"},
			{"效益指标", "社会效益指标", "重大事故发生次数", "重大事故发生次数", "0次", "根据上级文件"},
			{"效益指标", "可持续影响指标", "持续提升我局社会影响力", "持续提升我局社会影响力", "持续提升我局社会影响力", ""},
			{"满意度指标", "服务对象满意度指标", "服务对象满意度（%）", "服务对象满意度（%）", "≥85%", "根据上级文件"},
		},
	},
}

func TestReadExampleIndicators(t *testing.T) {
	doc := readExample(t)
	for _, p := range doc.Projects {
		want, ok := indicatorRows[p.Name]
		if !ok {
			continue
		}
		if p.Purpose != want.purpose {
			t.Errorf("%s: purpose = %q, want %q", p.Name, p.Purpose, want.purpose)
		}
		if p.Goal != want.goal {
			t.Errorf("%s: goal = %q, want %q", p.Name, p.Goal, want.goal)
		}
		if len(p.Indicators) != len(want.rows) {
			t.Fatalf("%s: %d indicators, want %d", p.Name, len(p.Indicators), len(want.rows))
		}
		for i, in := range p.Indicators {
			got := [6]string{in.Level1, in.Level2, in.Level3, in.Description, in.Value, in.Basis}
			if got != want.rows[i] {
				t.Errorf("%s row %d:\n got %q\nwant %q", p.Name, i+1, got, want.rows[i])
			}
			if in.Target != target.Parse(in.Value) {
				t.Errorf("%s row %d: target %+v is not Parse(%q)", p.Name, i+1, in.Target, in.Value)
			}
		}
	}
	// Spot-check what the values mean.
	p, _ := doc.Project("13022524P000024100069")
	if tg := p.Indicators[0].Target; tg.Kind != jixiao.Quantity || tg.Number != jixiao.Dec(3500) || tg.Unit != "批次" {
		t.Errorf("3500批次 read as %+v", tg)
	}
	if tg := p.Indicators[2].Target; tg.Kind != jixiao.DateKind || tg.Date != (jixiao.Date{Y: 2024, M: 12, D: 31}) {
		t.Errorf("2024年12月31日 read as %+v", tg)
	}
	// "30万元　" in the source: the U+3000 is not part of the value.
	p, _ = doc.Project("13022524P00002410012N")
	if in := p.Indicators[3]; in.Value != "30万元" || in.Target.Kind != jixiao.Money || in.Target.Number != jixiao.Dec(30) {
		t.Errorf("30万元 read as %q %+v", in.Value, in.Target)
	}
}

func TestReadExampleOverall(t *testing.T) {
	doc := readExample(t)
	o := doc.Overall
	wantGoals := []struct {
		heading string
		items   int
	}{
		{"严守安全底线，在风险管控上再加力", 4},
		{"突出标准引领，在质量提升上再突破", 1},
		{"强化服务意识，在营商环境上再优化", 3},
	}
	if len(o.Goals) != len(wantGoals) {
		t.Fatalf("%d goal sections, want 3: %+v", len(o.Goals), o.Goals)
	}
	for i, w := range wantGoals {
		if o.Goals[i].Heading != w.heading || len(o.Goals[i].Items) != w.items {
			t.Errorf("goal %d = %q with %d items, want %q with %d", i+1, o.Goals[i].Heading, len(o.Goals[i].Items), w.heading, w.items)
		}
	}
	if got := o.Goals[0].Items[0]; got != "一是守牢食品安全底线。" {
		t.Errorf("first item = %q", got)
	}
	if got := o.Goals[2].Items[1]; got != "二是优化法治环境建设。提高执法办案质量。" {
		t.Errorf("item 3.2 = %q", got)
	}

	if len(o.ProjectGoals) != 11 {
		t.Fatalf("%d 分项绩效目标, want 11", len(o.ProjectGoals))
	}
	linked := map[string]bool{}
	for i := range doc.Projects {
		p := &doc.Projects[i]
		g, ok := doc.ProjectGoalFor(p)
		if !ok {
			t.Errorf("no 分项绩效目标 for %s", p.Name)
			continue
		}
		if g.Text == "" {
			t.Errorf("分项绩效目标 of %s is empty", p.Name)
		}
		linked[g.Project] = true
	}
	if len(linked) != 11 {
		t.Errorf("%d paragraphs linked to projects, want all 11", len(linked))
	}
	if g := o.ProjectGoals[7]; g.Project != "办公楼运维费" || g.Text != "用于保障机关及分局用电，使业务正常开展，保障机关电梯正常运转。" {
		t.Errorf("（八） = %+v", g)
	}
	// （三） is written in two paragraphs.
	g3 := o.ProjectGoals[2]
	if g3.Project != "标准计量特种设备双随机监管经费" || strings.Count(g3.Text, "\n") != 1 ||
		!strings.HasPrefix(g3.Text, "深入推进“双随机、一公开”监管") || !strings.Contains(g3.Text, "\n大力实施标准化战略") {
		t.Errorf("（三） = %+v", g3)
	}

	if len(o.Measures) != 14 {
		t.Fatalf("%d measures, want 14", len(o.Measures))
	}
	if m := o.Measures[0]; m.Heading != "持续深化商事制度改革" || !strings.HasPrefix(m.Text, "推进“证照分离”改革") {
		t.Errorf("measure 1 = %+v", m)
	}
	// Line 42 carries a [bookmark: _GoBack] marker in front of （二）.
	if m := o.Measures[1]; m.Heading != "实施最严格知识产权保护" {
		t.Errorf("measure 2 = %+v", m)
	}
	if m := o.Measures[13]; m.Heading != "强化信用监管" || strings.HasSuffix(m.Text, " ") {
		t.Errorf("measure 14 = %+v", m)
	}
	for _, m := range o.Measures {
		if strings.Contains(m.Heading, "。") || strings.Contains(m.Heading, "bookmark") {
			t.Errorf("measure heading %q", m.Heading)
		}
	}
}

// exampleLines is the example cut into lines, for edits by line number.
func exampleLines() []string { return strings.Split(string(example.Laoting), "\n") }

// lineOf is the 1-based number of the first line equal to s at or after
// line from.
func lineOf(t *testing.T, lines []string, s string, from int) int {
	t.Helper()
	for i := from - 1; i < len(lines); i++ {
		if i >= 0 && lines[i] == s {
			return i + 1
		}
	}
	t.Fatalf("no line %q after line %d", s, from)
	return 0
}

// titleLine is the line of the goal table whose title contains s.
func titleLine(t *testing.T, lines []string, title string) int {
	t.Helper()
	for i, l := range lines {
		if strings.HasSuffix(l, "]"+title) {
			return i + 1
		}
	}
	t.Fatalf("no table %q", title)
	return 0
}

func join(lines []string) []byte { return []byte(strings.Join(lines, "\n")) }

// TestTolerance checks that what Word and editors do to the file changes
// nothing that is read.
func TestTolerance(t *testing.T) {
	want := readExample(t)
	cases := map[string]func() []byte{
		"CRLF and BOM": func() []byte {
			b := bytes.ReplaceAll(example.Laoting, []byte("\n"), []byte("\r\n"))
			return append([]byte("\uFEFF"), b...)
		},
		"longer blank-line runs": func() []byte {
			return bytes.ReplaceAll(example.Laoting, []byte("\n\n"), []byte("\n\n \n\u3000\n\n"))
		},
		"blanks inside labels": func() []byte {
			b := bytes.ReplaceAll(example.Laoting, []byte("\t项目编码\n"), []byte("\t项目\u3000编码 \n"))
			b = bytes.ReplaceAll(b, []byte("\t其中：财政    资金\n"), []byte("\t其中:财政\u3000资金\n"))
			return bytes.ReplaceAll(b, []byte("\t一级指标\n"), []byte("\t一级 指标\n"))
		},
		"absent empty trailing cell": func() []byte {
			lines := exampleLines()
			n := lineOf(t, lines, "\t持续提升我局社会影响力", 1)
			// 三级, 描述, 指标值, then the empty 依据 cell on line n+3.
			if lines[n+2] != "\t" {
				t.Fatalf("line %d = %q, want the empty 依据 cell", n+3, lines[n+2])
			}
			return join(append(lines[:n+2:n+2], lines[n+3:]...))
		},
		"title-like prose before the tables": func() []byte {
			return bytes.Replace(example.Laoting, []byte("\n预算项目绩效目标\n"), []byte("\n预算项目绩效目标\n各项目的目标见以下绩效目标表\n"), 1)
		},
		"bookmarks before cells": func() []byte {
			return bytes.ReplaceAll(example.Laoting, []byte("\n\t预算数\n"), []byte("\n\t[bookmark: _Hlk1]预算数\n"))
		},
		"amounts in 元": func() []byte {
			lines := exampleLines()
			n := titleLine(t, lines, "1.办公楼运维费绩效目标表")
			lines[n+1] = "\t单位：元"
			lines[n+10] = "\t103,600.00" // 预算数
			lines[n+12] = "\t103600"     // 财政资金
			return join(lines)
		},
	}
	for name, make := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := Read(example.Name, make(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				for i := range want.Projects {
					if i < len(got.Projects) && !reflect.DeepEqual(got.Projects[i], want.Projects[i]) {
						t.Errorf("project %d differs:\n got %+v\nwant %+v", i+1, got.Projects[i], want.Projects[i])
					}
				}
				t.Errorf("document differs from the example as shipped")
			}
		})
	}
}

func TestYear(t *testing.T) {
	// From the file name.
	doc, err := Read("乐亭2025年绩效目标.txt", example.Laoting, Options{})
	if err != nil || doc.Year != 2025 {
		t.Fatalf("year from name = %v, %v", doc, err)
	}
	if got := doc.Projects[0].Plan[1].By; got != (jixiao.Date{Y: 2025, M: 6, D: 30}) {
		t.Errorf("plan date = %v, want 2025-06-30", got)
	}
	// From the option, over the name.
	doc, err = Read(example.Name, example.Laoting, Options{Year: 2023})
	if err != nil || doc.Year != 2023 || doc.Projects[0].Plan[3].By != (jixiao.Date{Y: 2023, M: 12, D: 31}) {
		t.Fatalf("year from option = %v, %v", doc, err)
	}
	// From the deadlines when the name has none: one deadline per table, one moved to 2025.
	b := bytes.Replace(example.Laoting, []byte("\t2024年12月31日\n"), []byte("\t2025年6月30日\n"), 1)
	doc, err = Read("laoting.txt", b, Options{})
	if err != nil || doc.Year != 2024 {
		t.Fatalf("year from dates = %v, %v", doc, err)
	}
	// Neither: the user is asked for the year.
	b = bytes.ReplaceAll(example.Laoting, []byte("\t2024年12月31日\n"), []byte("\t年底前\n"))
	_, err = Read("laoting.txt", b, Options{})
	var ie *jixiao.ImportError
	if !errors.As(err, &ie) || !strings.Contains(ie.Msg, "年度") || ie.File != "laoting.txt" {
		t.Fatalf("no year: err = %v", err)
	}
}

func TestPreset101(t *testing.T) {
	// A 101号 table has 成本指标 as a 一级.
	b := bytes.Replace(example.Laoting, []byte("\t\n\t成本指标\n\t项目成本\n"), []byte("\t成本指标\n\t经济成本指标\n\t项目成本\n"), 1)
	doc, err := Read(example.Name, b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Preset != jixiao.Preset101 {
		t.Errorf("preset = %q, want 101", doc.Preset)
	}
	in := doc.Projects[0].Indicators
	if in[3].Level1 != "成本指标" || in[3].Level2 != "经济成本指标" {
		t.Errorf("cost row = %+v", in[3])
	}
	if in[4].Level1 != "效益指标" {
		t.Errorf("row after the cost row = %+v", in[4])
	}
}

// TestErrors checks each refusal names the file, the table and the line.
func TestErrors(t *testing.T) {
	type want struct {
		table string
		line  int
		msg   string // part of the message
	}
	const t1, t3, t4, t5, t6, t11 = "1.办公楼运维费绩效目标表", "3.基层“星级所”建设经费绩效目标表",
		"4.基层分局运转经费绩效目标表", "5.基层特种设备执法装备配备保障经费绩效目标表",
		"6.商品质量宣传检测执法经费绩效目标表", "11.特种设备隐患排查专家会诊费绩效目标表"
	L := exampleLines()
	cases := []struct {
		name string
		data func() []byte
		want want
	}{
		{"empty", func() []byte { return nil }, want{"", 0, "文件为空"}},
		{"only blanks", func() []byte { return []byte("\uFEFF \r\n\n\t\n") }, want{"", 0, "文件为空"}},
		{"too large", func() []byte { return bytes.Repeat([]byte("绩效\n"), MaxSize/7+1) }, want{"", 0, "文件过大"}},
		{"docx", func() []byte { return []byte("PK\x03\x04\x14\x00\x06\x00binary") }, want{"", 1, "不是文本文档"}},
		{"NUL byte", func() []byte {
			l := exampleLines()
			l[99] += "\x00\x01"
			return join(l)
		}, want{"", 100, "不是文本文档"}},
		{"GBK", func() []byte {
			l := exampleLines()
			l[4] = "\xd2\xbb\xca\xc7" // 一是 in GBK
			return join(l)
		}, want{"", 5, "不是 UTF-8 编码的文本文档"}},
		{"no tables", func() []byte { return join(L[:60]) }, want{"", 0, "没有找到第二部分"}},
		{"no 项目编码", func() []byte {
			l := exampleLines()
			n := titleLine(t, l, t3)
			for i := n + 3; i <= n+6; i++ { // the 项目编码/项目名称 row becomes blank lines
				l[i] = ""
			}
			return join(l)
		}, want{t3, titleLine(t, L, t3), "缺少项目编码"}},
		{"ragged row, 7 cells", func() []byte {
			l := exampleLines()
			n := lineOf(t, l, "\t派出机构数量", titleLine(t, l, t3))
			l[n+2] += "\n\t多余的单元格" // after the 依据 cell
			return join(l)
		}, want{t3, lineOf(t, L, "\t派出机构数量", titleLine(t, L, t3)) - 2, "7个单元格"}},
		{"ragged row, 4 cells", func() []byte {
			l := exampleLines()
			n := lineOf(t, l, "\t抽检批次", titleLine(t, l, t6)) // 三级 of the first row
			return join(append(l[:n+1:n+1], l[n+3:]...))     // drop 指标值, 依据
		}, want{t6, lineOf(t, L, "\t抽检批次", titleLine(t, L, t6)) - 2, "4个单元格"}},
		{"bad 预算数", func() []byte {
			l := exampleLines()
			l[titleLine(t, l, t1)+10] = "\t十点三六"
			return join(l)
		}, want{t1, titleLine(t, L, t1) + 11, "预算数“十点三六”"}},
		{"bad 财政资金", func() []byte {
			l := exampleLines()
			l[titleLine(t, l, t4)+12] = "\t114.5.0"
			return join(l)
		}, want{t4, titleLine(t, L, t4) + 13, "财政资金“114.5.0”"}},
		{"bad 其他资金", func() []byte {
			l := exampleLines()
			l[titleLine(t, l, t4)+14] = "\t无"
			return join(l)
		}, want{t4, titleLine(t, L, t4) + 15, "其他资金“无”"}},
		{"bad plan percentage", func() []byte {
			l := exampleLines()
			n := lineOf(t, l, "\t50%", titleLine(t, l, t4))
			l[n-1] = "\t五成"
			return join(l)
		}, want{t4, lineOf(t, L, "\t50%", titleLine(t, L, t4)), "资金支出计划“五成”"}},
		{"cut off before the indicators", func() []byte {
			n := titleLine(t, L, t11)
			return join(L[:n+34]) // up to the 绩效目标 text and a blank line
		}, want{t11, titleLine(t, L, t11) + 33, "表格不完整"}},
		{"cut off after the header row", func() []byte {
			n := lineOf(t, L, "\t指标值确定依据", titleLine(t, L, t11))
			return join(L[:n])
		}, want{t11, lineOf(t, L, "\t指标值确定依据", titleLine(t, L, t11)), "表格不完整"}},
		{"duplicate 项目编码", func() []byte {
			l := exampleLines()
			l[titleLine(t, l, t5)+4] = "\t13022524P00260210037A"
			return join(l)
		}, want{t5, titleLine(t, L, t5) + 5, "与表“" + t1 + "”重复"}},
		{"other budget unit", func() []byte {
			l := exampleLines()
			l[titleLine(t, l, t6)] = "\t414002乐亭县另一个单位"
			return join(l)
		}, want{t6, titleLine(t, L, t6) + 1, "预算单位"}},
		{"unknown row", func() []byte {
			l := exampleLines()
			n := lineOf(t, l, "\t绩效目标", titleLine(t, l, t5))
			l[n-1] = "\t年度目标说明"
			return join(l)
		}, want{t5, lineOf(t, L, "\t绩效目标", titleLine(t, L, t5)), "无法识别"}},
	}
	const file = "乐亭县市场监督管理局2024.txt"
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := Read(file, c.data(), Options{})
			var ie *jixiao.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v (%T), doc = %v; want *jixiao.ImportError", err, err, doc != nil)
			}
			if ie.File != file || ie.Table != c.want.table || ie.Line != c.want.line || !strings.Contains(ie.Msg, c.want.msg) {
				t.Errorf("got  %q %q line %d: %s\nwant %q %q line %d: …%s…", ie.File, ie.Table, ie.Line, ie.Msg, file, c.want.table, c.want.line, c.want.msg)
			}
			s := err.Error()
			if !strings.Contains(s, file) {
				t.Errorf("message %q does not name the file", s)
			}
			if c.want.table != "" && !strings.Contains(s, "表“"+c.want.table+"”") {
				t.Errorf("message %q does not name the table", s)
			}
			if c.want.line > 0 && !strings.Contains(s, fmt.Sprintf("第%d行", c.want.line)) {
				t.Errorf("message %q does not name the line", s)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	head := example.Laoting[:16<<10] // through the first table
	if !Detect(head) {
		t.Error("the example's first 16 KB are not detected")
	}
	if !Detect(example.Laoting[:4<<10]) {
		t.Error("the example's first 4 KB (part one only) are not detected")
	}
	crlf := bytes.ReplaceAll(example.Laoting, []byte("\n"), []byte("\r\n"))
	if !Detect(crlf) {
		t.Error("CRLF example not detected")
	}
	for name, b := range map[string][]byte{
		"empty":  nil,
		"json":   []byte(`{"format":"jixiao/v1","documents":[{"overall":{"goals":"部门整体绩效目标 分项绩效目标 绩效目标表"}}]}`),
		"docx":   []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"),
		"prose":  []byte("这是一份会议纪要。\n讨论了绩效目标表的填报。\n"),
		"binary": append([]byte("绩效目标表\n\t项目编码\n"), 0),
	} {
		if Detect(b) {
			t.Errorf("%s detected as the text layout", name)
		}
	}
}

// checkConsistent fails unless doc is a document other packages can rely
// on: identified, with whole projects whose targets match their values.
func checkConsistent(t *testing.T, doc *jixiao.Document) {
	t.Helper()
	if doc.Unit.Code == "" || doc.Year < 1900 || doc.Year > 2200 || len(doc.Projects) == 0 {
		t.Fatalf("document %v/%d with %d projects", doc.Unit, doc.Year, len(doc.Projects))
	}
	if doc.Preset != jixiao.Preset88 && doc.Preset != jixiao.Preset101 {
		t.Fatalf("preset %q", doc.Preset)
	}
	codes := map[string]bool{}
	for _, p := range doc.Projects {
		if p.Code == "" || p.Name == "" || codes[p.Code] {
			t.Fatalf("project %q %q (duplicate: %v)", p.Code, p.Name, codes[p.Code])
		}
		codes[p.Code] = true
		if p.Budget < 0 || p.Fiscal < 0 || p.Other < 0 {
			t.Fatalf("%s: negative amount", p.Code)
		}
		if len(p.Indicators) == 0 {
			t.Fatalf("%s: no indicators", p.Code)
		}
		for i, in := range p.Indicators {
			if in.Target != target.Parse(in.Value) {
				t.Fatalf("%s indicator %d: target does not match value %q", p.Code, i+1, in.Value)
			}
			if in.Value != trimBlank(in.Value) {
				t.Fatalf("%s indicator %d: value %q not trimmed", p.Code, i+1, in.Value)
			}
		}
		for _, c := range p.Plan {
			if c.By.Y != doc.Year || c.By != jixiao.NewDate(c.By.Y, c.By.M, c.By.D) || c.By.D < 28 {
				t.Fatalf("%s: plan date %v outside %d or not a month end", p.Code, c.By, doc.Year)
			}
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add(example.Laoting)
	L := exampleLines()
	f.Add(join(L[60:162])) // part two heading and one table
	f.Add(join(L[65:100])) // a table cut off
	f.Add(bytes.ReplaceAll(join(L[65:162]), []byte("\n"), []byte("\r\n")))
	f.Add(bytes.ReplaceAll(join(L[65:162]), []byte("\n\n"), []byte("\n")))
	f.Add(bytes.ReplaceAll(join(L[65:162]), []byte("\t\n"), nil)) // every empty cell absent
	f.Add(bytes.Replace(join(L[65:162]), []byte("万元"), []byte("元"), 1))
	f.Add(join(append(L[:40:40], L[929:]...)))
	f.Add([]byte("1.x绩效目标表\n\t项目编码\n\tA\n\t项目名称\n\tB\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.txt"
		doc, err := Read(name, data, Options{})
		if err != nil {
			var ie *jixiao.ImportError
			if !errors.As(err, &ie) || ie.File != name || ie.Msg == "" {
				t.Fatalf("error %v is not an ImportError naming the file", err)
			}
			if doc != nil {
				t.Fatal("a document with an error")
			}
			return
		}
		checkConsistent(t, doc)
	})
}

func TestExampleConsistent(t *testing.T) { checkConsistent(t, readExample(t)) }

func BenchmarkRead(b *testing.B) {
	b.SetBytes(int64(len(example.Laoting)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(example.Name, example.Laoting, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
