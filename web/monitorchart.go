package web

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"jixiao"
	"jixiao/monitor"
)

// spendChart is a project's spending over the year laid out in Go: the
// plan's cumulative curve against the cumulative actual spending up to the
// monitoring date, both in % of the budget. Coordinates are integers
// computed exactly from fen and millionths.
type spendChart struct {
	Width, Height int
	Left, Top     int // plot origin (top-left)
	Right, Bottom int
	Plan, Actual  string // polyline points
	Months        []chartTick
	Percents      []chartTick
	TodayX        int
	AsOf          string
	LegendY       int
}

// chartTick is one labelled tick of an axis.
type chartTick struct {
	Label string
	X, Y  int
}

const (
	spendW      = 760
	spendH      = 320
	spendLeft   = 52
	spendTop    = 34
	spendRight  = 740
	spendBottom = 290
)

// projectChart draws project p of year as of date d.
func projectChart(p *jixiao.Project, year int, d jixiao.Date) spendChart {
	c := spendChart{Width: spendW, Height: spendH, Left: spendLeft, Top: spendTop, Right: spendRight,
		Bottom: spendBottom, AsOf: d.Chinese(), LegendY: 18}
	start := jixiao.YearStart(year)
	days := start.DaysUntil(jixiao.YearEnd(year))
	x := func(day jixiao.Date) int {
		n := min(max(start.DaysUntil(day), 0), days)
		return spendLeft + n*(spendRight-spendLeft)/days
	}
	// y of a percentage in millionths (0–100%).
	y := func(pct jixiao.Decimal) int {
		pct = min(max(pct, 0), jixiao.Dec(100))
		return spendBottom - int(int64(pct)*int64(spendBottom-spendTop)/int64(jixiao.Dec(100)))
	}
	for m := time.January; m <= time.December; m++ {
		c.Months = append(c.Months, chartTick{Label: fmt.Sprintf("%d月", int(m)), X: x(jixiao.Date{Y: year, M: m, D: 1}), Y: spendBottom + 18})
	}
	for pct := int64(0); pct <= 100; pct += 25 {
		c.Percents = append(c.Percents, chartTick{Label: fmt.Sprintf("%d%%", pct), X: spendLeft - 6, Y: y(jixiao.Dec(pct))})
	}

	// The plan: 0% on 1 January, then each checkpoint in date order, level
	// after the last one (no plan: evenly to 100% on 31 December).
	plan := slices.Clone(p.Plan)
	slices.SortFunc(plan, func(a, b jixiao.Checkpoint) int { return a.By.Compare(b.By) })
	if len(plan) == 0 {
		plan = []jixiao.Checkpoint{{By: jixiao.YearEnd(year), Percent: jixiao.Dec(100)}}
	}
	pts := []string{point(x(start), y(0))}
	last := jixiao.Decimal(0)
	for _, cp := range plan {
		if cp.By.Y != year {
			continue
		}
		pts = append(pts, point(x(cp.By), y(cp.Percent)))
		last = cp.Percent
	}
	pts = append(pts, point(x(jixiao.YearEnd(year)), y(last)))
	c.Plan = strings.Join(pts, " ")

	// The actual spending: a step at every date with spending, to the
	// monitoring date.
	var dates []jixiao.Date
	for _, s := range p.Spending {
		if s.Date.Y == year && !d.Before(s.Date) {
			dates = append(dates, s.Date)
		}
	}
	slices.SortFunc(dates, func(a, b jixiao.Date) int { return a.Compare(b) })
	dates = slices.Compact(dates)
	pct := func(on jixiao.Date) jixiao.Decimal {
		if p.Budget <= 0 {
			return 0
		}
		return jixiao.Ratio(int64(monitor.Spent(p, year, on))*100, int64(p.Budget))
	}
	end := d
	if jixiao.YearEnd(year).Before(end) {
		end = jixiao.YearEnd(year)
	}
	pts = []string{point(x(start), y(0))}
	prev := jixiao.Decimal(0)
	for _, on := range dates {
		now := pct(on)
		pts = append(pts, point(x(on), y(prev)), point(x(on), y(now)))
		prev = now
	}
	if !end.Before(start) {
		pts = append(pts, point(x(end), y(prev)))
	}
	c.Actual = strings.Join(pts, " ")
	c.TodayX = x(end)
	return c
}

func point(x, y int) string { return fmt.Sprintf("%d,%d", x, y) }
