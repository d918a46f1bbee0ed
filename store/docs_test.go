package store

import (
	"time"

	"jixiao"
)

// sampleDoc builds a small document by hand, shaped like the real one:
// three projects with plans and indicators of every target kind.
func sampleDoc(unit string, year int) *jixiao.Document {
	plan := []jixiao.Checkpoint{
		{By: jixiao.NewDate(year, time.March, 31), Percent: jixiao.Dec(25)},
		{By: jixiao.NewDate(year, time.June, 30), Percent: jixiao.Dec(50)},
		{By: jixiao.NewDate(year, time.October, 31), Percent: jixiao.Dec(75)},
		{By: jixiao.NewDate(year, time.December, 31), Percent: jixiao.Dec(100)},
	}
	qty := func(l2, l3, value string, n int64, unit string) jixiao.Indicator {
		return jixiao.Indicator{Level1: "产出指标", Level2: l2, Level3: l3, Description: l3, Value: value,
			Basis: "根据文件规定", Target: jixiao.Target{Kind: jixiao.Quantity, Op: "=", Number: jixiao.Dec(n),
				Unit: unit, Direction: jixiao.Positive}}
	}
	pct := func(l1, l2, l3 string, n int64) jixiao.Indicator {
		return jixiao.Indicator{Level1: l1, Level2: l2, Level3: l3, Description: l3, Value: "≥" + jixiao.Dec(n).String() + "%",
			Basis: "计划标准", Target: jixiao.Target{Kind: jixiao.Percent, Op: "≥", Number: jixiao.Dec(n), Unit: "%",
				Direction: jixiao.Positive}}
	}
	deadline := jixiao.Indicator{Level1: "产出指标", Level2: "时效指标", Level3: "完成时间", Value: "2024年12月31日",
		Target: jixiao.Target{Kind: jixiao.DateKind, Op: "≤", Date: jixiao.YearEnd(year), Direction: jixiao.Reverse}}
	cost := jixiao.Indicator{Level1: "产出指标", Level2: "成本指标", Level3: "项目成本", Value: "10.36万元",
		Target: jixiao.Target{Kind: jixiao.Money, Op: "=", Number: jixiao.MustDecimal("10.36"), Unit: "万元",
			Direction: jixiao.Reverse}, Weight: jixiao.MustDecimal("12.5")}
	vague := jixiao.Indicator{Level1: "效益指标", Level2: "可持续影响指标", Level3: "可持续性", Value: "可持续性",
		Target: jixiao.Target{Kind: jixiao.Qualitative, Direction: jixiao.Positive, Flag: "unrecognised"}}
	return &jixiao.Document{
		Unit:   jixiao.Unit{Code: unit, Name: "乐亭县市场监督管理局本级"},
		Year:   year,
		Preset: jixiao.Preset88,
		Overall: jixiao.Overall{
			Goals: []jixiao.GoalSection{
				{Heading: "严守安全底线，在风险管控上再加力", Items: []string{"一是守牢食品安全底线。", "二是守牢药品安全底线。"}},
				{Heading: "突出标准引领，在质量提升上再突破", Items: []string{"一是深入开展服务。"}},
			},
			ProjectGoals: []jixiao.ProjectGoal{
				{Project: "办公楼运维费", Text: "保障机关及分局用电。"},
				{Project: "食品药品举报奖", Text: "对有效举报线索人员进行奖励。"},
			},
			Measures: []jixiao.Measure{{Heading: "持续深化商事制度改革", Text: "推进登记便利化。"}},
		},
		Projects: []jixiao.Project{
			{Code: "P001", Name: "办公楼运维费", Budget: 10_360_000, Fiscal: 10_360_000, Purpose: "保障用电",
				Goal: "1.保障机关及分局用电", Plan: plan,
				Indicators: []jixiao.Indicator{qty("数量指标", "派出机构数量", "10个", 10, "个"), deadline, cost,
					pct("满意度指标", "服务对象满意度指标", "职工满意度", 95)}},
			{Code: "P002", Name: "食品药品举报奖", Budget: 500_000, Fiscal: 300_000, Other: 200_000,
				Purpose: "奖励举报人", Goal: "兑现举报奖励", Plan: plan,
				Indicators: []jixiao.Indicator{qty("数量指标", "奖励人数", "5人", 5, "人"),
					pct("效益指标", "社会效益指标", "举报线索处置率", 100), vague}},
			{Code: "P003", Name: "商品质量宣传检测执法经费", Budget: 300_000_000, Fiscal: 300_000_000,
				Purpose: "抽检", Goal: "抽检成品油", Plan: plan[2:],
				Indicators: []jixiao.Indicator{qty("数量指标", "抽检批次", "3500批次", 3500, "批次"),
					pct("产出指标", "质量指标", "抽检完成率", 95)}},
		},
	}
}

// stamp is an entry stamp in UTC, as the store gives it back.
func stamp(by string, min int) jixiao.Stamp {
	return jixiao.Stamp{By: by, At: time.Date(2024, time.August, 1, 9, min, 0, 123456789, time.UTC)}
}

// withRecords gives projects P001 and P002 of d records of every kind.
func withRecords(d *jixiao.Document) *jixiao.Document {
	a := &d.Projects[0]
	a.Spending = []jixiao.Spending{
		{Date: jixiao.NewDate(2024, 3, 20), Amount: 2_000_000, Note: "电费", Entered: stamp("张三", 1)},
		{Date: jixiao.NewDate(2024, 6, 18), Amount: 3_000_000, Note: "电费二季度", Replaces: 0, Entered: stamp("张三", 2)},
	}
	a.Progress = []jixiao.Progress{
		{Indicator: 1, AsOf: jixiao.NewDate(2024, 7, 31), Value: "10个", Likelihood: "确定能", Entered: stamp("李四", 3)},
		{Indicator: 4, AsOf: jixiao.NewDate(2024, 7, 31), Value: "80%", Cause: "人员保障", Likelihood: "有可能",
			Measures: "加强培训", Entered: stamp("李四", 4)},
	}
	a.Evaluation = &jixiao.Evaluation{
		AdjustedBudget: 10_000_000, Executed: 9_500_000, HasExecuted: true, Reason: "节约",
		Entered: stamp("王五", 5),
		Actuals: []jixiao.Actual{
			{Indicator: 1, Value: "10个"},
			{Indicator: 4, Value: "96%", Score: jixiao.MustDecimal("7.5"), HasScore: true, Reason: "略高", Source: "survey"},
		},
	}
	b := &d.Projects[1]
	b.Spending = []jixiao.Spending{{Date: jixiao.NewDate(2024, 5, 1), Amount: 100_000, Note: "奖金", Entered: stamp("张三", 6)}}
	b.Evaluation = &jixiao.Evaluation{AdjustedBudget: 500_000, Entered: stamp("王五", 7),
		Actuals: []jixiao.Actual{{Indicator: 3, Grade: "部分达成", Reason: "宣传不足"}}}
	return d
}
