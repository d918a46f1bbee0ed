package review

import "jixiao"

// Names of the indicator tree fixed by 财预〔2015〕88号 and 财预〔2021〕101号.
// They are the rule documents' own words, so they are constants; which
// 二级 may sit under which 一级 is a Taxonomy in Config.
const (
	nameOutput       = "产出指标"
	nameBenefit      = "效益指标"
	nameSatisfaction = "满意度指标"
	nameCost         = "成本指标"
	nameEconCost     = "经济成本指标"
	nameQuantity     = "数量指标"
	nameTimeliness   = "时效指标"
)

// Level1 is one 一级指标 with the 二级指标 allowed under it.
type Level1 struct {
	Name   string
	Level2 []string
}

// Taxonomy is an indicator tree preset (DOMAIN.md §2), in the order the
// forms print it.
type Taxonomy []Level1

// Grading holds the thresholds of the 优/良/中/差 formula (see package doc).
type Grading struct {
	ExcellentMaxWarnings int // 优 allows no errors and at most this many warnings
	FairMaxErrors        int // 中 allows at most this many errors; more is 差
}

// Config holds every threshold and word list the rules use, so that local
// practice is a setting rather than a literal in code. Start from
// DefaultConfig and change what a finance bureau does differently.
type Config struct {
	// Taxonomies by preset; a document picks one by its Preset.
	Taxonomies map[jixiao.Preset]Taxonomy
	// DefaultPreset is used when a document names none and none can be
	// inferred from its 一级 names.
	DefaultPreset jixiao.Preset

	// TrendWords make a qualitative value an unmeasurable trend (G4).
	TrendWords []string
	// GradeWords are the levels of a graded qualitative value (高/中/低,
	// 好/较好/一般/差, 达成…); a value made only of them is sound (G3).
	GradeWords []string
	// SpendingWords name inputs or spending progress, which are not
	// outputs or benefits (G6).
	SpendingWords []string
	// CountUnits are units that count something (G5) and the units whose
	// numbers part one enumerates (C2).
	CountUnits []string
	// UnitAliases map a unit to the one it means when part one and a table
	// write the same count differently (批 for 批次).
	UnitAliases map[string]string
	// ReverseWords in a 三级 name mean "less is better" (G11).
	ReverseWords []string
	// SatisfactionWords mark a satisfaction indicator (G9).
	SatisfactionWords []string

	// MaxPercent is the largest sensible percentage (G9).
	MaxPercent jixiao.Decimal
	// SatisfactionFloor: a satisfaction target below it is unusual (G9).
	SatisfactionFloor jixiao.Decimal
	// MinIndicators per project (G14).
	MinIndicators int
	// PlanEnd is the cumulative share the spending plan must reach by the
	// year's end (G13).
	PlanEnd jixiao.Decimal
	// QuoteMax bounds quotations of part one in messages, in characters.
	QuoteMax int

	Grade Grading
}

// DefaultConfig returns the settings a county finance bureau starts from:
// both taxonomy presets, the word lists of review practice, satisfaction
// floor 80%, at least 3 indicators, and the grade formula of the package doc.
func DefaultConfig() Config {
	output := Level1{nameOutput, []string{nameQuantity, "质量指标", nameTimeliness, nameCost}}
	benefit := Level1{nameBenefit, []string{"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"}}
	satisfaction := Level1{nameSatisfaction, []string{"服务对象满意度指标"}}
	return Config{
		Taxonomies: map[jixiao.Preset]Taxonomy{
			jixiao.Preset88: {output, benefit, satisfaction},
			jixiao.Preset101: {
				{nameOutput, []string{nameQuantity, "质量指标", nameTimeliness}},
				{nameCost, []string{nameEconCost, "社会成本指标", "生态环境成本指标"}},
				benefit, satisfaction,
			},
		},
		DefaultPreset: jixiao.Preset88,
		TrendWords: []string{
			"日益提高", "持续提高", "持续提升", "不断提高", "不断提升", "逐步提高", "稳步提高",
			"进一步", "有所", "明显", "显著", "大幅", "良好", "提高", "提升", "改善", "增强", "加强",
		},
		GradeWords: []string{
			"部分达成", "未达成", "达成", "达标", "不达标", "合格", "不合格",
			"较好", "一般", "较差", "好", "差", "优", "良", "中", "高", "低", "是", "否", "有", "无",
		},
		SpendingWords: []string{
			"支出完成率", "按时有序支付", "资金到位率", "支付进度", "支出进度", "预算执行率",
			"资金执行率", "资金支付率", "资金拨付率", "资金使用率", "资金拨付", "拨付及时率",
		},
		CountUnits: []string{
			"批次", "人次", "家次", "户次", "台次", "车次", "场次", "次", "个", "户", "家", "辆",
			"台", "套", "件", "份", "项", "场", "期", "人", "名", "所", "处", "座", "条", "篇",
			"本", "册", "张", "块", "棵", "株", "头", "只", "吨", "公里", "千米", "平方米", "亩",
			"批", "起", "宗", "栋",
		},
		UnitAliases: map[string]string{"批": "批次", "家": "户"},
		ReverseWords: []string{
			"事故发生", "发生率", "投诉率", "差错率", "不合格率", "失误率", "超支率", "延误率", "返工率", "伤亡",
		},
		SatisfactionWords: []string{"满意度", "满意率"},
		MaxPercent:        jixiao.Dec(100),
		SatisfactionFloor: jixiao.Dec(80),
		MinIndicators:     3,
		PlanEnd:           jixiao.Dec(100),
		QuoteMax:          120,
		Grade:             Grading{ExcellentMaxWarnings: 1, FairMaxErrors: 2},
	}
}
