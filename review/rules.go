package review

// Severity ranks a finding: an error blocks budgeting, a warning must be
// fixed with the department, an info is for the reviewer's attention only.
type Severity string

// Severities, from the most to the least serious.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Chinese is the severity's label in reports.
func (s Severity) Chinese() string {
	switch s {
	case Error:
		return "错误"
	case Warning:
		return "警告"
	}
	return "提示"
}

// Bases the rules rest on, cited in every finding.
const (
	basis88       = "财预〔2015〕88号"
	basis88Art9   = "财预〔2015〕88号 第九条"
	basis101      = "财预〔2021〕101号"
	basisPractice = "审核实践"
)

// scope says what a rule looks at, and so where its findings go in the
// report's order.
type scope int

const (
	perProject   scope = iota // the project as a whole (indicator 0)
	perIndicator              // one indicator row
	perDocument               // part one against part two
)

// Rule is one check of the goal review. Severity is the rule's usual
// severity; a few rules also raise a milder one, which Detail names.
type Rule struct {
	ID       string
	Severity Severity
	Title    string // short Chinese title
	Basis    string // rule document or practice it rests on
	Detail   string // what is checked, with the default settings, in Chinese
	scope    scope
	check    func(c *ctx)
}

// Rules returns the catalogue by id, for documentation pages and the
// CLI's rule list. Review runs the project-level rules first, then the
// indicator rules row by row, then the cross-document ones, each group in
// this order.
func Rules() []Rule {
	return []Rule{
		{"G1", Error, "指标体系完整", basis88, "每个项目至少有一个产出指标和一个效益指标（错误）；缺少满意度指标为警告，101号预设下缺少成本指标为警告。", perProject, checkG1},
		{"G2", Error, "指标层级符合预设", basis88 + "；" + basis101, "二级指标须属于所在一级指标，一级指标须为所选预设（88号或101号）中的名称。", perIndicator, checkG2},
		{"G3", Error, "指标值可识别", basis88Art9, "指标值须为数值、日期或定性等级；无法识别或为空为错误；未写评价等级的定性值为提示。", perIndicator, checkG3},
		{"G4", Warning, "指标值可衡量", basis88, "指标值不得只是趋势性表述（日益提高、持续提高、进一步……），也不得只重复指标名称（可持续性/可持续性）。", perIndicator, checkG4},
		{"G5", Warning, "数量指标应为计数", basis88, "数量指标应计数（个、户、批次、次、辆……），百分比应放在质量或时效指标下。", perIndicator, checkG5},
		{"G6", Warning, "投入不能作为绩效目标", basisPractice, "支出完成率、按时有序支付、资金到位率、支付进度等反映投入和支出进度，不能作为产出或效益指标。", perIndicator, checkG6},
		{"G7", Error, "成本不超过预算数", basis88, "成本金额（统一单位后）不得超过预算数（错误）；成本指标等于全部预算为提示，宜改为单位成本；成本指标不是金额为警告。", perIndicator, checkG7},
		{"G8", Error, "时限在预算年度内", basis88, "时效指标的完成日期须在预算年度内。", perIndicator, checkG8},
		{"G9", Error, "百分比合理", basisPractice, "百分比须在0–100%之间（错误）；满意度目标低于80%不常见（警告，设置 SatisfactionFloor）。", perIndicator, checkG9},
		{"G10", Warning, "写明指标值确定依据", basis88Art9, "指标值确定依据不得为空，宜写明计划标准、行业标准、历史标准或其他标准。", perIndicator, checkG10},
		{"G11", Warning, "指标方向与指标值一致", basis101, "≤、<和0次等为反向指标，≥、>为正向指标；越少越好的指标（事故发生、投诉率……）不应写成≥。", perIndicator, checkG11},
		{"G12", Warning, "三级指标名称", basisPractice, "同一项目内三级指标名称不得重复；三级指标名称中不应包含指标值。", perIndicator, checkG12},
		{"G13", Error, "资金支出计划与预算数", basis88, "资金支出计划为累计百分比，不得下降，12月底达到100%；财政资金＋其他资金＝预算数；缺少支出计划为警告。", perProject, checkG13},
		{"G14", Warning, "指标数量", basisPractice, "每个项目至少3个绩效指标（设置 MinIndicators）。", perProject, checkG14},
		{"C1", Warning, "分项目标与目标表对应", basisPractice, "第一部分每个分项绩效目标都应有第二部分的目标表，每张目标表也应有分项绩效目标。", perDocument, checkC1},
		{"C2", Warning, "分项目标数字与指标一致", basisPractice, "第一部分分项绩效目标列举的数量（如各类抽检批次）之和应与同单位的指标值一致；列举的金额（含“8家×3万元”）之和不应超过预算数。一致时为提示。", perDocument, checkC2},
		{"C3", Error, "项目预算合计", basisPractice, "第一部分写明项目预算总额时，各项目预算数之和应与之相等。", perDocument, checkC3},
	}
}
