package review

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"jixiao"
	"jixiao/target"
)

// The official names as canonLevel folds them.
var (
	canonOutput       = canonLevel(nameOutput)
	canonBenefit      = canonLevel(nameBenefit)
	canonSatisfaction = canonLevel(nameSatisfaction)
	canonQuantity     = canonLevel(nameQuantity)
	canonCost         = canonLevel(nameCost)
	canonEconCost     = canonLevel(nameEconCost)
)

// checkG2: the 二级 belongs to its 一级 in the document's preset.
func checkG2(c *ctx) {
	in := c.ind
	k, known := c.level1[c.nm.level1]
	if known && c.nm.l1 != "" && c.nm.l2 != "" && c.level2[k][c.nm.level2] {
		return // the common case, before anything for a message is made
	}
	names := make([]string, len(c.tax))
	for i := range c.tax {
		names[i] = c.tax[i].Name
	}
	preset := c.preset + "号"
	switch {
	case c.nm.l1 == "":
		c.add(Error, c.where()+"没有一级指标", "填写一级指标："+strings.Join(names, "、"))
		return
	case !known:
		c.add(Error, fmt.Sprintf("%s的一级指标“%s”不属于%s预设（%s）", c.where(), in.Level1, preset, strings.Join(names, "、")),
			"改用"+string(preset)+"预设中的一级指标"+hintLevel1(c.tax, in.Level2))
		return
	}
	l1 := c.tax[k]
	switch {
	case c.nm.l2 == "":
		c.add(Error, c.where()+"没有二级指标", fmt.Sprintf("在%s下选择二级指标：%s", l1.Name, strings.Join(l1.Level2, "、")))
	case !c.level2[k][c.nm.level2]:
		c.add(Error, fmt.Sprintf("%s的二级指标“%s”不属于一级指标“%s”（%s预设下为%s）",
			c.where(), in.Level2, l1.Name, preset, strings.Join(l1.Level2, "、")),
			"改为"+l1.Name+"下的二级指标"+hintLevel1(c.tax, in.Level2))
	}
}

// hintLevel1 names the 一级 a 二级 belongs to in the taxonomy, if any.
func hintLevel1(tax Taxonomy, level2 string) string {
	for _, l1 := range tax {
		for _, l2 := range l1.Level2 {
			if sameLevel(level2, l2) {
				return fmt.Sprintf("；“%s”应放在一级指标“%s”下", l2, l1.Name)
			}
		}
	}
	return ""
}

// checkG3: the value can be read as a number, a date or a grade.
func checkG3(c *ctx) {
	switch {
	case c.t.Flag == target.FlagEmpty || c.nm.value == "":
		c.add(Error, c.where()+"没有填写指标值",
			"填写可衡量的指标值，如“≥95%”“10个”“2024年12月31日”")
	case c.t.Flag != "":
		c.add(Error, fmt.Sprintf("%s的指标值“%s”无法识别（%s）", c.where(), c.ind.Value, c.t.Flag),
			"按“运算符＋数值＋单位”书写，如“≥95%”“3500批次”“≤7个工作日”，或写日期“2024年12月31日”")
	case c.t.Kind == jixiao.Qualitative && unmeasurable(c) == "" && !graded(c.cfg, c.ind.Value):
		c.add(Info, c.where()+"的指标值“"+c.ind.Value+"”是定性表述，未写明评价等级",
			"定性指标写明等级（如 好/较好/一般/差 或 达成/部分达成/未达成）及各等级的评价标准")
	}
}

// graded reports whether a qualitative value is made only of grade words
// (高中低, 好/较好/一般/差), which an evaluator can grade against.
func graded(cfg *Config, value string) bool {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune("、/，,；;|（）() ", r) {
			return -1
		}
		return r
	}, jixiao.NormName(value))
	if s == "" {
		return false
	}
	for s != "" {
		best := ""
		for _, w := range cfg.GradeWords {
			if strings.HasPrefix(s, w) && len(w) > len(best) {
				best = w
			}
		}
		if best == "" {
			return false
		}
		s = s[len(best):]
	}
	return true
}

// unmeasurable says why a qualitative value cannot be measured: it only
// repeats the indicator's name, or it is a bare trend. "" when neither.
func unmeasurable(c *ctx) string {
	if !c.nm.whyDone {
		c.nm.whyDone = true
		c.nm.why = whyUnmeasurable(c)
	}
	return c.nm.why
}

func whyUnmeasurable(c *ctx) string {
	if c.t.Kind != jixiao.Qualitative || c.nm.value == "" {
		return ""
	}
	v := c.nm.value
	nv := jixiao.NormName(v)
	restates := nv == c.nm.l3 || (c.nm.desc != "" && nv == c.nm.desc)
	trend := c.ws.trend.first(v)
	switch {
	case restates && trend != "":
		return "只是重复指标名称，且为趋势性表述（“" + trend + "”）"
	case restates:
		return "只是重复指标名称"
	case trend != "":
		return "是趋势性表述（“" + trend + "”），没有可衡量的目标"
	}
	return ""
}

// checkG4: the value says how much, not just "better".
func checkG4(c *ctx) {
	why := unmeasurable(c)
	if why == "" {
		return
	}
	fix := "改为可量化的目标（如“较上年提高5个百分点”“投诉举报按时办结率 ≥95%”），或写明定性等级（好/较好/一般/差）及各等级的评价标准"
	if strings.HasPrefix(why, "只是重复") {
		fix = "指标值写明“" + c.ind.Level3 + "”要达到的程度：能量化的写数值（如“长效监管制度执行率 100%”），不能量化的写定性等级（好/较好/一般/差）并说明评价标准"
	}
	c.add(Warning, c.where()+"的指标值“"+c.ind.Value+"”"+why+"，无法据此判断是否完成", fix)
}

// spending returns the spending-progress word the indicator is named by.
func spending(c *ctx) string {
	if !c.nm.spent {
		c.nm.spent = true
		c.nm.spend = c.ws.spending.first(c.nm.l3)
		if c.nm.spend == "" && c.nm.desc != c.nm.l3 {
			c.nm.spend = c.ws.spending.first(c.nm.desc)
		}
	}
	return c.nm.spend
}

// checkG5: a 数量指标 counts something. Rows that G6 already rejects as
// spending progress are left to G6: removing them fixes both.
func checkG5(c *ctx) {
	if c.nm.level2 != canonQuantity || spending(c) != "" {
		return
	}
	var what string
	switch c.t.Kind {
	case jixiao.Percent:
		what = "是百分比，不是数量"
	case jixiao.Money:
		what = "是金额，不是数量"
	default:
		return
	}
	fix := "数量指标写明完成的数量和计数单位（如“检查企业数量 50家”“抽检批次 1000批次”）；比率类指标移到质量指标或时效指标下"
	if ms := c.goalMentions(); len(ms) > 0 {
		var ws []string
		for _, m := range ms {
			ws = append(ws, m.text)
		}
		fix += "；第一部分分项目标写有：" + strings.Join(dedup(ws), "、")
	}
	c.add(Warning, c.where()+"是数量指标，其指标值“"+c.ind.Value+"”"+what, fix)
}

// checkG6: spending progress is an input, not an output or a benefit.
func checkG6(c *ctx) {
	w := spending(c)
	if w == "" {
		return
	}
	desc := ""
	if c.nm.desc != "" && c.nm.desc != c.nm.l3 {
		desc = "（" + c.ind.Description + "）"
	}
	c.add(Warning, c.where()+desc+"的指标值“"+c.ind.Value+"”：“"+w+"”反映资金支出进度，是投入而不是"+c.ind.Level1+"，投入不能作为绩效目标",
		"删除该指标（预算执行率在绩效自评中单列计分），改为反映项目产出的指标，如完成的数量、质量或服务")
}

// checkG7: a cost does not exceed the budget, and should be a unit cost.
func checkG7(c *ctx) {
	if c.nm.level2 != canonCost && c.nm.level1 != canonCost {
		return
	}
	budget := c.p.Budget
	switch c.t.Kind {
	case jixiao.Money:
		wan, _ := target.InUnit(c.t, "万元")
		cost := jixiao.Fen(wan) // a 万元 Decimal counts millionths of 万元: fen
		switch {
		case cost > budget:
			c.add(Error, c.where()+"的成本“"+c.ind.Value+"”（"+cost.WanExact()+"万元）超过预算数"+budget.WanExact()+"万元",
				"成本不得超过预算数；核对成本金额和单位（元/万元）")
		case cost == budget && c.t.Op != "≤" && c.t.Op != "<":
			c.add(Info, c.where()+"的成本“"+c.ind.Value+"”等于全部预算数"+budget.WanExact()+"万元，未反映单位成本",
				"宜改为单位成本，如“每批次抽检费用 ≤X元”“每家企业检查费用 ≤X万元”，便于衡量成本控制")
		}
	case jixiao.Qualitative:
		// G3/G4 speak about qualitative values.
	default:
		if strings.Contains(c.t.Unit, "元") {
			return // a unit cost such as 200元/批次
		}
		if c.nm.level2 == canonCost || c.nm.level2 == canonEconCost {
			c.add(Warning, c.where()+"是成本指标，其指标值“"+c.ind.Value+"”不是金额",
				"成本指标写金额（万元或元），最好是单位成本，如“每批次抽检费用 ≤X元”")
		}
	}
}

// checkG8: a deadline falls inside the budget year.
func checkG8(c *ctx) {
	if c.t.Kind != jixiao.DateKind || c.doc.Year == 0 || c.t.Date.Y == c.doc.Year {
		return
	}
	c.add(Error, fmt.Sprintf("%s的完成时间“%s”不在%d预算年度内", c.where(), c.ind.Value, c.doc.Year),
		fmt.Sprintf("完成时间应在%d年1月1日至%d年12月31日之间；跨年度项目写本年度应完成的阶段目标", c.doc.Year, c.doc.Year))
}

// checkG9: a percentage is a share, and satisfaction targets are not low.
func checkG9(c *ctx) {
	if c.t.Kind != jixiao.Percent {
		return
	}
	ceiling := c.cfg.MaxPercent
	if c.t.Unit == "‰" {
		ceiling = jixiao.MulDiv(ceiling, jixiao.Dec(10), jixiao.Dec(1))
	}
	if c.t.Number > ceiling && c.t.Op != "≤" && c.t.Op != "<" {
		c.add(Error, fmt.Sprintf("%s的指标值“%s”超过%s%s", c.where(), c.ind.Value, ceiling, c.t.Unit),
			"比率不能超过100%；若要表达增长，写增长率或数量")
		return
	}
	if c.t.Op != "≤" && c.t.Op != "<" && c.t.Unit == "%" && c.t.Number < c.cfg.SatisfactionFloor &&
		c.ws.satisfaction.first(c.ind.Level2+c.ind.Level3) != "" {
		c.add(Warning, fmt.Sprintf("%s的满意度目标“%s”低于%s%%", c.where(), c.ind.Value, c.cfg.SatisfactionFloor),
			fmt.Sprintf("满意度目标一般不低于%s%%；确有原因的请在依据中说明", c.cfg.SatisfactionFloor))
	}
}

// checkG10: the basis of the value is stated.
func checkG10(c *ctx) {
	if !c.nm.blankBasis {
		return
	}
	c.add(Warning, c.where()+"（指标值“"+c.ind.Value+"”）没有填写指标值确定依据",
		"写明确定依据：计划标准、行业标准、历史标准或其他标准，并注明出处（文件名称、上年完成值等）")
}

// checkG11: the direction matches the operator and the meaning.
func checkG11(c *ctx) {
	t := c.t
	if t.Kind == jixiao.Qualitative || t.Kind == jixiao.DateKind || t.Direction == "" {
		return
	}
	var why string
	switch {
	case (t.Op == "≤" || t.Op == "<") && t.Direction == jixiao.Positive:
		why = fmt.Sprintf("用“%s”设上限，却标为正向指标", t.Op)
	case (t.Op == "≥" || t.Op == ">") && t.Direction == jixiao.Reverse:
		why = fmt.Sprintf("用“%s”设下限，却标为反向指标", t.Op)
	case t.Number == 0 && t.Op == "=" && t.Direction == jixiao.Positive:
		why = "目标为0，却标为正向指标"
	}
	if why != "" {
		c.add(Warning, fmt.Sprintf("%s的指标值“%s”%s", c.where(), c.ind.Value, why),
			"≤、<和以0为目标的指标为反向指标，≥、>为正向指标；改正指标方向或运算符")
		return
	}
	if t.Op != "≥" && t.Op != ">" {
		return
	}
	if w := c.ws.reverse.first(c.nm.l3); w != "" {
		c.add(Warning, fmt.Sprintf("%s（含“%s”）越少越好，指标值却写成“%s”", c.where(), w, c.ind.Value),
			"改为反向指标，如“≤2%”或“0次”")
	}
}

// checkG12: 三级 names are distinct and do not carry their value.
func checkG12(c *ctx) {
	name := c.nm.l3
	if name == "" {
		return
	}
	for k := 0; k < c.n-1; k++ {
		if c.nms[k].l3 == name {
			c.add(Warning, c.where()+"与第"+strconv.Itoa(k+1)+"个指标的三级指标名称重复",
				"合并重复的指标，或改用能区分两者的名称")
			break
		}
	}
	if !c.t.Measurable() {
		return
	}
	v := target.Normalize(c.ind.Value)
	if utf8.RuneCountInString(v) >= 2 && strings.Contains(c.normal.of(c.ind.Level3), v) {
		c.add(Warning, c.where()+"的名称中包含了指标值“"+c.ind.Value+"”",
			"三级指标名称只写衡量什么（如“抽检批次”），数值写在指标值栏")
	}
}

// dedup keeps the first of equal strings, in order.
func dedup(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
