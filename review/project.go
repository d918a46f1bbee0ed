package review

import (
	"fmt"
	"time"

	"jixiao"
)

// checkG1: the tree has outputs and benefits (and satisfaction, and under
// 101号 a cost 一级).
func checkG1(c *ctx) {
	has := func(canon string) bool {
		for k := range c.nms {
			if c.nms[k].level1 == canon {
				return true
			}
		}
		return false
	}
	if len(c.p.Indicators) == 0 {
		c.add(Error, fmt.Sprintf("项目“%s”没有任何绩效指标", c.p.Name),
			"按一级指标产出、效益、满意度分别设置可衡量的指标")
		return
	}
	for k, need := range []string{nameOutput, nameBenefit} {
		if !has([]string{canonOutput, canonBenefit}[k]) {
			c.add(Error, fmt.Sprintf("项目“%s”缺少%s", c.p.Name, need),
				fmt.Sprintf("至少设置一个%s，反映项目%s", need, map[string]string{
					nameOutput:  "提供的产品和服务（数量、质量、时效、成本）",
					nameBenefit: "带来的经济、社会、生态效益或可持续影响",
				}[need]))
		}
	}
	if !has(canonSatisfaction) {
		c.add(Warning, fmt.Sprintf("项目“%s”没有满意度指标", c.p.Name),
			"项目有服务对象时，增设“服务对象满意度 ≥90%”一类的满意度指标；确无服务对象的请在说明中注明")
	}
	if c.preset == jixiao.Preset101 && !has(canonCost) {
		c.add(Warning, fmt.Sprintf("项目“%s”按101号设置指标，但没有一级指标“成本指标”", c.p.Name),
			"增设成本指标下的经济成本指标，写明单位成本或总成本（万元）")
	}
}

// checkG13: the spending plan is cumulative and complete, and the money
// adds up.
func checkG13(c *ctx) {
	p := c.p
	if p.Fiscal+p.Other != p.Budget {
		c.add(Error, fmt.Sprintf("预算数%s万元不等于财政资金%s万元与其他资金%s万元之和（%s万元）",
			p.Budget.WanExact(), p.Fiscal.WanExact(), p.Other.WanExact(), (p.Fiscal+p.Other).WanExact()),
			"核对预算数及其资金来源，使财政资金＋其他资金＝预算数")
	}
	if p.Budget <= 0 {
		c.add(Error, fmt.Sprintf("项目“%s”的预算数为%s万元", p.Name, p.Budget.WanExact()),
			"填写项目的预算数（万元）")
	}
	if len(p.Plan) == 0 {
		c.add(Warning, fmt.Sprintf("项目“%s”没有资金支出计划", p.Name),
			"按3月底、6月底、10月底、12月底填写累计支出百分比，12月底为100%")
		return
	}
	var prev jixiao.Decimal
	var prevBy jixiao.Date
	for i, cp := range p.Plan {
		if cp.Percent < 0 || cp.Percent > c.cfg.PlanEnd {
			c.add(Error, fmt.Sprintf("资金支出计划%s为%s%%，不在0–%s%%之间", cp.By.Chinese(), cp.Percent, c.cfg.PlanEnd),
				"支出计划填写截至该时点的累计支出占预算数的百分比")
		}
		if i > 0 && cp.Percent < prev {
			c.add(Error, fmt.Sprintf("资金支出计划应为累计数，%s的%s%%低于%s的%s%%",
				cp.By.Chinese(), cp.Percent, prevBy.Chinese(), prev),
				"改为累计百分比，后一时点不低于前一时点")
		}
		if i > 0 && !prevBy.Before(cp.By) {
			c.add(Error, fmt.Sprintf("资金支出计划的时点%s不晚于前一时点%s", cp.By.Chinese(), prevBy.Chinese()),
				"按时间先后填写支出计划")
		}
		if c.doc.Year != 0 && !cp.By.IsZero() && cp.By.Y != c.doc.Year {
			c.add(Error, fmt.Sprintf("资金支出计划的时点%s不在%d年度内", cp.By.Chinese(), c.doc.Year),
				fmt.Sprintf("支出计划时点应在%d年内", c.doc.Year))
		}
		prev, prevBy = cp.Percent, cp.By
	}
	last := p.Plan[len(p.Plan)-1]
	if last.Percent != c.cfg.PlanEnd || last.By.M != time.December {
		c.add(Error, fmt.Sprintf("资金支出计划到%s累计为%s%%，未在12月底达到%s%%",
			last.By.Chinese(), last.Percent, c.cfg.PlanEnd),
			"12月底累计支出计划应为100%，预算当年执行完毕")
	}
}

// checkG14: enough indicators to judge the project by.
func checkG14(c *ctx) {
	if n := len(c.p.Indicators); n < c.cfg.MinIndicators {
		c.add(Warning, fmt.Sprintf("项目“%s”只有%d个绩效指标，少于%d个", c.p.Name, n, c.cfg.MinIndicators),
			"补充产出（数量、质量、时效、成本）、效益和满意度指标，使目标可全面衡量")
	}
}
