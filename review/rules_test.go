package review

import (
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/target"
)

const wan = jixiao.FenPerWan

func ind(l1, l2, l3, value string) jixiao.Indicator {
	return jixiao.Indicator{Level1: l1, Level2: l2, Level3: l3, Description: l3,
		Value: value, Basis: "计划标准", Target: target.Parse(value)}
}

func plan(ps ...int64) []jixiao.Checkpoint {
	months := []time.Month{time.March, time.June, time.October, time.December}
	var out []jixiao.Checkpoint
	for i, p := range ps {
		out = append(out, jixiao.Checkpoint{By: jixiao.NewDate(2024, months[i]+1, 0), Percent: jixiao.Dec(p)})
	}
	return out
}

// soundDoc is a document a reviewer has nothing against: part one's
// enumeration (600 + 400 批次) confirms the table's 1000批次.
func soundDoc() *jixiao.Document {
	return &jixiao.Document{
		Unit: jixiao.Unit{Code: "414001", Name: "某县市场监督管理局"}, Year: 2024, Preset: jixiao.Preset88,
		Overall: jixiao.Overall{ProjectGoals: []jixiao.ProjectGoal{
			{Project: "食品抽检经费", Text: "2024年计划抽检600批次，专项抽检400批次。"},
		}},
		Projects: []jixiao.Project{{
			Code: "P1", Name: "食品抽检经费", Budget: 30 * wan, Fiscal: 25 * wan, Other: 5 * wan,
			Plan: plan(25, 50, 75, 100),
			Indicators: []jixiao.Indicator{
				ind("产出指标", "数量指标", "抽检批次", "1000批次"),
				ind("产出指标", "质量指标", "抽检覆盖率", "≥95%"),
				ind("产出指标", "时效指标", "项目完成时间", "2024年12月31日"),
				ind("产出指标", "成本指标", "每批次抽检费用", "≤300元"),
				ind("效益指标", "社会效益指标", "食品安全事故发生次数", "0次"),
				ind("效益指标", "可持续影响指标", "抽检结果公开", "高中低"),
				ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
			},
		}},
	}
}

// set replaces indicator n (1-based) of the first project.
func set(n int, in jixiao.Indicator) func(*jixiao.Document) {
	return func(d *jixiao.Document) { d.Projects[0].Indicators[n-1] = in }
}

// findings of one rule in a report.
func of(r Report, rule string) []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

func TestSoundDocumentHasNoDefects(t *testing.T) {
	r := Review(soundDoc(), DefaultConfig())
	for _, f := range r.Findings {
		if f.Severity != Info {
			t.Errorf("unexpected %s %s at %s/%d: %s", f.Severity, f.Rule, f.Project, f.Indicator, f.Message)
		}
	}
	if got := r.Projects[0].Grade; got != "优" {
		t.Errorf("grade = %s, want 优", got)
	}
	if c2 := of(r, "C2"); len(c2) != 1 || c2[0].Severity != Info || !strings.Contains(c2[0].Message, "600＋400＝1000批次") {
		t.Errorf("C2 confirmation = %+v", c2)
	}
}

// Each rule: a document that breaks it (positive) and a near miss that
// does not (negative).
func TestRules(t *testing.T) {
	type want struct {
		sev       Severity
		indicator int
		contains  string
	}
	cases := []struct {
		rule   string
		name   string
		mutate func(*jixiao.Document)
		want   *want // nil: the rule must raise no warning or error
	}{
		{"G1", "no benefit indicator", func(d *jixiao.Document) {
			p := &d.Projects[0]
			p.Indicators = append(p.Indicators[:4], p.Indicators[6])
		}, &want{Error, 0, "缺少效益指标"}},
		{"G1", "no satisfaction indicator", func(d *jixiao.Document) {
			p := &d.Projects[0]
			p.Indicators = p.Indicators[:6]
		}, &want{Warning, 0, "没有满意度指标"}},
		{"G1", "101 preset without cost 一级", func(d *jixiao.Document) {
			d.Preset = jixiao.Preset101
			d.Projects[0].Indicators[3] = ind("产出指标", "质量指标", "检测报告合格率", "100%")
		}, &want{Warning, 0, "成本指标"}},
		{"G1", "complete tree", nil, nil},

		{"G2", "二级 under the wrong 一级", set(2, ind("效益指标", "质量指标", "抽检覆盖率", "≥95%")),
			&want{Error, 2, "“质量指标”不属于一级指标“效益指标”"}},
		{"G2", "cost as 一级 under 88", set(4, ind("成本指标", "经济成本指标", "每批次抽检费用", "≤300元")),
			&want{Error, 4, "不属于88号预设"}},
		{"G2", "101 preset accepts cost as 一级", func(d *jixiao.Document) {
			d.Preset = jixiao.Preset101
			d.Projects[0].Indicators[3] = ind("成本指标", "经济成本指标", "每批次抽检费用", "≤300元")
		}, nil},
		{"G2", "names without 指标 suffix", set(5, ind("效益", "社会效益", "食品安全事故发生次数", "0次")), nil},

		{"G3", "unreadable value", set(1, ind("产出指标", "数量指标", "抽检批次", "约1000批次")),
			&want{Error, 1, "无法识别"}},
		{"G3", "empty value", set(1, ind("产出指标", "数量指标", "抽检批次", "")),
			&want{Error, 1, "没有填写指标值"}},
		{"G3", "ungraded qualitative is info only", set(6, ind("效益指标", "可持续影响指标", "抽检结果公开", "按规定公开")),
			&want{Info, 6, "未写明评价等级"}},
		{"G3", "graded qualitative", nil, nil},

		{"G4", "trend words", set(5, ind("效益指标", "社会效益指标", "市场监管工作水平", "日益提高")),
			&want{Warning, 5, "“日益提高”"}},
		{"G4", "value repeats the name", set(6, ind("效益指标", "可持续影响指标", "可持续性", "可持续性")),
			&want{Warning, 6, "只是重复指标名称"}},
		{"G4", "measurable benefit", set(5, ind("效益指标", "社会效益指标", "食品抽检合格率", "≥97%")), nil},

		{"G5", "percent as a quantity", set(1, ind("产出指标", "数量指标", "检查数量", "≥95%")),
			&want{Warning, 1, "“≥95%”是百分比"}},
		{"G5", "count as a quantity", set(1, ind("产出指标", "数量指标", "派出机构数量", "10个")), nil},
		{"G5", "percent under 质量指标", set(2, ind("产出指标", "质量指标", "举报线索处置率", "100%")), nil},

		{"G6", "spending progress as output", set(2, ind("产出指标", "质量指标", "支出完成率", "≥95%")),
			&want{Warning, 2, "“支出完成率”反映资金支出进度"}},
		{"G6", "a real quality measure", set(2, ind("产出指标", "质量指标", "检测报告准确率", "≥95%")), nil},

		{"G7", "cost above budget", set(4, ind("产出指标", "成本指标", "项目成本", "31万元")),
			&want{Error, 4, "超过预算数30.00万元"}},
		{"G7", "cost in 元 above budget", set(4, ind("产出指标", "成本指标", "项目成本", "≤310000元")),
			&want{Error, 4, "31.00万元"}},
		{"G7", "whole budget as cost", set(4, ind("产出指标", "成本指标", "项目成本", "30万元")),
			&want{Info, 4, "等于全部预算数"}},
		{"G7", "cost not money", set(4, ind("产出指标", "成本指标", "成本控制率", "≤100%")),
			&want{Warning, 4, "不是金额"}},
		{"G7", "part of the budget", set(4, ind("产出指标", "成本指标", "设备购置成本", "≤12万元")), nil},

		{"G8", "deadline after the year", set(3, ind("产出指标", "时效指标", "项目完成时间", "2025年3月31日")),
			&want{Error, 3, "不在2024预算年度内"}},
		{"G8", "deadline mid-year", set(3, ind("产出指标", "时效指标", "项目完成时间", "2024年6月30日")), nil},

		{"G9", "percent above 100", set(2, ind("产出指标", "质量指标", "抽检覆盖率", "≥120%")),
			&want{Error, 2, "超过100%"}},
		{"G9", "low satisfaction", set(7, ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥70%")),
			&want{Warning, 7, "低于80%"}},
		{"G9", "satisfaction at 85%", set(7, ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥85%")), nil},

		{"G10", "missing basis", func(d *jixiao.Document) { d.Projects[0].Indicators[5].Basis = "\u3000" },
			&want{Warning, 6, "没有填写指标值确定依据"}},
		{"G10", "free-text basis", func(d *jixiao.Document) { d.Projects[0].Indicators[5].Basis = "根据文件规定" }, nil},

		{"G11", "ceiling marked positive", func(d *jixiao.Document) {
			d.Projects[0].Indicators[3].Target.Direction = jixiao.Positive
		}, &want{Warning, 4, "却标为正向指标"}},
		{"G11", "zero target marked positive", func(d *jixiao.Document) {
			d.Projects[0].Indicators[4].Target.Direction = jixiao.Positive
		}, &want{Warning, 5, "目标为0"}},
		{"G11", "less-is-better written as ≥", set(5, ind("效益指标", "社会效益指标", "投诉率", "≥2%")),
			&want{Warning, 5, "越少越好"}},
		{"G11", "reverse limit", set(5, ind("效益指标", "社会效益指标", "投诉率", "≤2%")), nil},

		{"G12", "duplicate 三级", set(2, ind("产出指标", "质量指标", "抽检批次", "≥95%")),
			&want{Warning, 2, "与第1个指标的三级指标名称重复"}},
		{"G12", "value inside the name", set(1, ind("产出指标", "数量指标", "抽检1000批次", "1000批次")),
			&want{Warning, 1, "名称中包含了指标值"}},
		{"G12", "distinct names", nil, nil},

		{"G13", "plan decreases", func(d *jixiao.Document) { d.Projects[0].Plan = plan(25, 50, 40, 100) },
			&want{Error, 0, "低于"}},
		{"G13", "plan does not reach 100%", func(d *jixiao.Document) { d.Projects[0].Plan = plan(25, 50, 75, 90) },
			&want{Error, 0, "未在12月底达到100%"}},
		{"G13", "fiscal + other ≠ budget", func(d *jixiao.Document) { d.Projects[0].Other = 4 * wan },
			&want{Error, 0, "不等于财政资金25.00万元与其他资金4.00万元之和"}},
		{"G13", "sound plan", nil, nil},

		{"G14", "two indicators", func(d *jixiao.Document) {
			p := &d.Projects[0]
			p.Indicators = []jixiao.Indicator{p.Indicators[0], p.Indicators[4]}
		}, &want{Warning, 0, "只有2个绩效指标"}},
		{"G14", "three indicators", func(d *jixiao.Document) {
			p := &d.Projects[0]
			p.Indicators = []jixiao.Indicator{p.Indicators[0], p.Indicators[4], p.Indicators[6]}
		}, nil},

		{"C1", "table without paragraph", func(d *jixiao.Document) { d.Overall.ProjectGoals[0].Project = "其他经费" },
			&want{Warning, 0, "没有对应的分项绩效目标"}},
		{"C1", "name contained", func(d *jixiao.Document) { d.Overall.ProjectGoals[0].Project = "食品抽检" }, nil},

		{"C2", "enumeration disagrees", func(d *jixiao.Document) {
			d.Overall.ProjectGoals[0].Text = "计划抽检蔬菜330批次，水产5批次，肉类200批次。"
		}, &want{Warning, 1, "330＋5＋200＝535批次"}},
		{"C2", "amounts above the budget", func(d *jixiao.Document) {
			d.Overall.ProjectGoals[0].Text = "为12家农贸市场快检室提供材料，共12家，每家3万元。"
		}, &want{Warning, 0, "36.00万元"}},
		{"C2", "unrelated counts are only info", func(d *jixiao.Document) {
			d.Overall.ProjectGoals[0].Text = "全县设10个分局，下辖3个检测站。"
			d.Projects[0].Indicators[0] = ind("产出指标", "数量指标", "培训班次", "5个")
		}, nil},
		{"C2", "per-unit figures are not totals", func(d *jixiao.Document) {
			d.Overall.ProjectGoals[0].Text = "计划抽检1000批次，每批次检测项目8项，每家企业每次检查需聘请专家3人。"
		}, nil},

		{"C3", "stated total disagrees", func(d *jixiao.Document) {
			d.Overall.Goals = []jixiao.GoalSection{{Heading: "2024年项目预算总额为35万元"}}
		}, &want{Error, 0, "35.00万元"}},
		{"C3", "stated total agrees", func(d *jixiao.Document) {
			d.Overall.Goals = []jixiao.GoalSection{{Heading: "共1个项目，资金总额30万元"}}
		}, nil},
	}
	pos, neg := map[string]bool{}, map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.rule+" "+tc.name, func(t *testing.T) {
			d := soundDoc()
			if tc.mutate != nil {
				tc.mutate(d)
			}
			fs := of(Review(d, DefaultConfig()), tc.rule)
			if tc.want == nil {
				neg[tc.rule] = true
				for _, f := range fs {
					if f.Severity != Info {
						t.Errorf("unexpected %s: %s", f.Severity, f.Message)
					}
				}
				return
			}
			pos[tc.rule] = true
			for _, f := range fs {
				if f.Severity == tc.want.sev && f.Indicator == tc.want.indicator && strings.Contains(f.Message, tc.want.contains) {
					project := "P1"
					if tc.rule == "C3" {
						project = "" // about the document as a whole
					}
					if f.Project != project || f.Fix == "" || f.Basis == "" {
						t.Errorf("finding incomplete: %+v", f)
					}
					return
				}
			}
			t.Errorf("want %s at indicator %d containing %q, got %+v", tc.want.sev, tc.want.indicator, tc.want.contains, fs)
		})
	}
	for _, r := range Rules() {
		if !pos[r.ID] || !neg[r.ID] {
			t.Errorf("rule %s lacks a positive or a negative case", r.ID)
		}
	}
}
