package monitor

import "jixiao"

// Expected is the cumulative percentage of the budget a project's own plan
// (资金支出计划) expects to be spent by date d of the fiscal year: 0% on
// 1 January, each checkpoint's percentage on its date, and a straight line
// by day in between. After the last checkpoint it stays at that
// checkpoint's percentage; before the year it is 0. A project without a plan
// is expected to spend evenly, reaching 100% on 31 December.
//
// The result is exact to the millionth of a percent (rounded half away from
// zero): for the plan 25/50/75/100 at 3月底/6月底/10月底/12月底 and
// d = 2024-07-31 it is 50 + 25 × 31 ÷ 123 = 56.300813.
func Expected(plan []jixiao.Checkpoint, year int, d jixiao.Date) jixiao.Decimal {
	start := jixiao.YearStart(year)
	if d.Before(start) {
		return 0
	}
	if len(plan) == 0 {
		plan = []jixiao.Checkpoint{{By: jixiao.YearEnd(year), Percent: jixiao.Dec(100)}}
	}
	// The checkpoints around d: the latest on or before it (or the year's
	// start at 0%) and the earliest after it. The plan need not be sorted.
	prev := jixiao.Checkpoint{By: start}
	var next jixiao.Checkpoint
	hasNext := false
	for _, c := range plan {
		if c.By.Compare(d) <= 0 {
			if !c.By.Before(prev.By) {
				prev = c
			}
			continue
		}
		if !hasNext || c.By.Before(next.By) {
			next, hasNext = c, true
		}
	}
	if !hasNext {
		return prev.Percent
	}
	span := prev.By.DaysUntil(next.By)
	done := prev.By.DaysUntil(d)
	if span <= 0 {
		return next.Percent
	}
	return prev.Percent + jixiao.MulDiv(next.Percent-prev.Percent, jixiao.Dec(int64(done)), jixiao.Dec(int64(span)))
}

// elapsed is the fraction of the fiscal year gone by on d: 0 on 1 January,
// 1 on 31 December — the same day count Expected uses.
func elapsed(year int, d jixiao.Date) jixiao.Decimal {
	start, end := jixiao.YearStart(year), jixiao.YearEnd(year)
	switch {
	case d.Before(start):
		return 0
	case end.Before(d):
		return jixiao.Dec(1)
	}
	return jixiao.Ratio(int64(start.DaysUntil(d)), int64(start.DaysUntil(end)))
}
