// Package rollover drafts next year's performance goals from this year's
// (以上年为基础编制): a department's goals change little from one year to
// the next, and it starts the new year's document from the old one.
// Nothing is decided for the department: the draft is the old document
// with the year moved on where the year is a date, and the review then
// flags what still needs its attention.
package rollover

import (
	"strconv"
	"strings"
	"time"

	"jixiao"
	"jixiao/target"
)

// Document returns the draft of year d.Year+1 made from d:
//   - the unit, preset, part one and every project's goal table are kept,
//     with project codes as they were (the budget system assigns next
//     year's codes; the department corrects them in the draft);
//   - the spending plan's dates move on a year (a month's last day stays
//     the month's last day), its percentages stay;
//   - an indicator value that names the year as a date (2024年12月31日,
//     2024年底, 2024-12-31, 2024.12.31, 2024/12/31) names the next year
//     instead, and is parsed again;
//   - the year's records (payments, progress reports, the self-evaluation)
//     stay with the year: the draft has none;
//   - versions start again.
//
// d is not changed.
func Document(d *jixiao.Document) *jixiao.Document {
	n := &jixiao.Document{Unit: d.Unit, Year: d.Year + 1, Preset: d.Preset}
	n.Overall = jixiao.Overall{
		Goals:        make([]jixiao.GoalSection, len(d.Overall.Goals)),
		ProjectGoals: append([]jixiao.ProjectGoal(nil), d.Overall.ProjectGoals...),
		Measures:     append([]jixiao.Measure(nil), d.Overall.Measures...),
	}
	for i, g := range d.Overall.Goals {
		n.Overall.Goals[i] = jixiao.GoalSection{Heading: g.Heading, Items: append([]string(nil), g.Items...)}
	}
	n.Projects = make([]jixiao.Project, len(d.Projects))
	for i, p := range d.Projects {
		q := jixiao.Project{Code: p.Code, Name: p.Name, Budget: p.Budget, Fiscal: p.Fiscal, Other: p.Other,
			Purpose: p.Purpose, Goal: p.Goal}
		for _, c := range p.Plan {
			q.Plan = append(q.Plan, jixiao.Checkpoint{By: nextYear(c.By), Percent: c.Percent})
		}
		for _, in := range p.Indicators {
			if v := moveYear(in.Value, d.Year); v != in.Value {
				in.Value, in.Target = v, target.Parse(v)
			}
			q.Indicators = append(q.Indicators, in)
		}
		n.Projects[i] = q
	}
	return n
}

// nextYear is the same day a year on; a month's last day stays its last
// day (29 February becomes 28 February, and the reverse).
func nextYear(d jixiao.Date) jixiao.Date {
	last := func(y int, m time.Month) int { return jixiao.NewDate(y, m+1, 0).D }
	if d.D == last(d.Y, d.M) {
		return jixiao.Date{Y: d.Y + 1, M: d.M, D: last(d.Y+1, d.M)}
	}
	return jixiao.NewDate(d.Y+1, d.M, d.D)
}

// moveYear writes year+1 for every year in s that is written as a date:
// the four digits, not inside a longer number, followed by 年, or by a
// month and the same separator again (2024-12-31, 2024.12.31,
// 2024/12/31; so that an amount such as 2024.5万元 is left alone).
func moveYear(s string, year int) string {
	y, ny := strconv.Itoa(year), strconv.Itoa(year+1)
	var b strings.Builder
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], y)
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		j += i
		end := j + len(y)
		b.WriteString(s[i:j])
		if (j == 0 || !isDigit(s[j-1])) && datePart(s[end:]) {
			b.WriteString(ny)
		} else {
			b.WriteString(y)
		}
		i = end
	}
	return b.String()
}

// datePart reports whether rest, what follows four digits, makes them a
// year: 年, or a separator, a month of one or two digits and the same
// separator.
func datePart(rest string) bool {
	if strings.HasPrefix(rest, "年") {
		return true
	}
	if rest == "" || !strings.ContainsRune("-./", rune(rest[0])) {
		return false
	}
	sep, m := rest[0], 1
	for m < len(rest) && m < 3 && isDigit(rest[m]) {
		m++
	}
	return m > 1 && m < len(rest) && rest[m] == sep
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
