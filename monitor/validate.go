package monitor

import (
	"fmt"
	"slices"
	"strings"

	"jixiao"
	"jixiao/target"
)

// ValidateSpending checks a spending record before it is added to project
// p of fiscal year year, and says in Chinese what is wrong. It refuses:
// an amount not above zero (except 0 on a correction, which voids the
// record it replaces), a date outside the fiscal year, a Replaces that names
// no record of the project or one already corrected, and a record that
// would take the project's spending above its budget — overspending is
// refused, not warned about, because a payment beyond the budget needs a
// budget adjustment first.
func ValidateSpending(p *jixiao.Project, year int, s jixiao.Spending) error {
	switch {
	case s.Amount < 0:
		return errorf(p, "支出金额不能为负数（%s万元）；冲减请录入对原记录的更正", s.Amount.WanExact())
	case s.Amount == 0 && s.Replaces == 0:
		return errorf(p, "支出金额应大于0")
	}
	if err := inYear(p, year, s.Date, "支出日期"); err != nil {
		return err
	}
	var replaced *jixiao.Spending
	if s.Replaces != 0 {
		if s.Replaces == s.ID {
			return errorf(p, "支出记录不能更正它自己（编号%d）", s.ID)
		}
		for i := range p.Spending {
			r := &p.Spending[i]
			if r.ID == s.Replaces {
				replaced = r
			}
			if r.Replaces == s.Replaces && r.ID != s.ID {
				return errorf(p, "支出记录（编号%d）已被记录（编号%d）更正，请更正后者", s.Replaces, r.ID)
			}
		}
		if replaced == nil {
			return errorf(p, "要更正的支出记录（编号%d）不存在", s.Replaces)
		}
	}
	// The year's total once s is in: the effective records, without the one
	// s corrects and without an earlier version of s itself.
	gone := replacedSpending(p.Spending)
	total := s.Amount
	for _, r := range p.Spending {
		if gone[r.ID] || r.ID == s.Replaces || (s.ID != 0 && r.ID == s.ID) || r.Date.Y != year {
			continue
		}
		total += r.Amount
	}
	if total > p.Budget {
		return errorf(p, "录入后支出合计%s万元，超过预算数%s万元；超预算支出须先调整预算", total.WanExact(), p.Budget.WanExact())
	}
	return nil
}

// ValidateProgress checks a progress report before it is added to project
// p of fiscal year year: the indicator must exist, the date lie in the
// year, the value be readable in the target's unit for a quantitative
// indicator (a deadline needs a date), cause and likelihood be from the
// form's lists, and a correction name an existing report of the same
// indicator.
func ValidateProgress(p *jixiao.Project, year int, pr jixiao.Progress) error {
	if pr.Indicator < 1 || pr.Indicator > len(p.Indicators) {
		return errorf(p, "第%d个指标不存在，项目共有%d个指标", pr.Indicator, len(p.Indicators))
	}
	ind := &p.Indicators[pr.Indicator-1]
	where := fmt.Sprintf("指标%d“%s”", pr.Indicator, ind.Level3)
	if err := inYear(p, year, pr.AsOf, where+"的填报日期"); err != nil {
		return err
	}
	if ind.Target.Measurable() {
		if strings.TrimSpace(pr.Value) == "" {
			return errorf(p, "%s请填写完成值（目标为“%s”）", where, ind.Value)
		}
		if err := target.Comparable(ind.Target, target.Parse(pr.Value)); err != nil {
			return errorf(p, "%s的完成值“%s”：%v", where, pr.Value, err)
		}
	}
	if pr.Cause != "" && !slices.Contains(jixiao.Causes, pr.Cause) {
		return errorf(p, "%s的偏差原因“%s”不在可选项内（%s）", where, pr.Cause, strings.Join(jixiao.Causes, "、"))
	}
	if pr.Likelihood != "" && !slices.Contains(jixiao.Likelihoods, pr.Likelihood) {
		return errorf(p, "%s的完成目标可能性“%s”不在可选项内（%s）", where, pr.Likelihood, strings.Join(jixiao.Likelihoods, "、"))
	}
	if pr.Replaces != 0 {
		i := slices.IndexFunc(p.Progress, func(r jixiao.Progress) bool { return r.ID == pr.Replaces })
		switch {
		case i < 0:
			return errorf(p, "要更正的进度记录（编号%d）不存在", pr.Replaces)
		case p.Progress[i].Indicator != pr.Indicator:
			return errorf(p, "进度记录（编号%d）属于指标%d，不能用来更正指标%d", pr.Replaces, p.Progress[i].Indicator, pr.Indicator)
		}
		for _, r := range p.Progress {
			if r.Replaces == pr.Replaces && r.ID != pr.ID {
				return errorf(p, "进度记录（编号%d）已被记录（编号%d）更正，请更正后者", pr.Replaces, r.ID)
			}
		}
	}
	return nil
}

// inYear refuses a missing date or one outside the fiscal year.
func inYear(p *jixiao.Project, year int, d jixiao.Date, what string) error {
	if d.IsZero() {
		return errorf(p, "请填写%s", what)
	}
	if d.Y != year {
		return errorf(p, "%s%s不在%d年度内", what, d.Chinese(), year)
	}
	return nil
}

// errorf makes a Chinese error that names the project.
func errorf(p *jixiao.Project, format string, args ...any) error {
	return fmt.Errorf("项目“%s”：%s", p.Name, fmt.Sprintf(format, args...))
}
