package monitor

import "jixiao"

// Spent is what project p has spent in fiscal year year up to and
// including date d (执行数): the sum of its spending records dated from
// 1 January to d. A record corrected by another (whose Replaces is its ID)
// does not count; the correction does, on its own date. Scoring uses it
// with d = 31 December for the year's execution.
func Spent(p *jixiao.Project, year int, d jixiao.Date) jixiao.Fen {
	gone := replacedSpending(p.Spending)
	start := jixiao.YearStart(year)
	var sum jixiao.Fen
	for _, s := range p.Spending {
		if gone[s.ID] || s.Date.Before(start) || d.Before(s.Date) {
			continue
		}
		sum += s.Amount
	}
	return sum
}

// replacedSpending is the set of spending IDs that another record
// corrects; nil (no allocation) when nothing was corrected.
func replacedSpending(rs []jixiao.Spending) map[int64]bool {
	var gone map[int64]bool
	for _, s := range rs {
		if s.Replaces != 0 {
			if gone == nil {
				gone = map[int64]bool{}
			}
			gone[s.Replaces] = true
		}
	}
	return gone
}

// replacedProgress is replacedSpending for progress reports.
func replacedProgress(rs []jixiao.Progress) map[int64]bool {
	var gone map[int64]bool
	for _, r := range rs {
		if r.Replaces != 0 {
			if gone == nil {
				gone = map[int64]bool{}
			}
			gone[r.Replaces] = true
		}
	}
	return gone
}

// Latest returns, for each indicator of p (by 1-based position, index 0
// unused), the index in p.Progress of its latest report as of d: the
// greatest AsOf on or before d, ties broken by the greater ID. Corrected
// reports are skipped; -1 means the indicator has no report yet.
func Latest(p *jixiao.Project, d jixiao.Date) []int {
	latest := make([]int, len(p.Indicators)+1)
	for i := range latest {
		latest[i] = -1
	}
	gone := replacedProgress(p.Progress)
	for i, r := range p.Progress {
		if gone[r.ID] || r.Indicator < 1 || r.Indicator > len(p.Indicators) || d.Before(r.AsOf) {
			continue
		}
		j := latest[r.Indicator]
		if j < 0 {
			latest[r.Indicator] = i
			continue
		}
		cur := p.Progress[j]
		if c := r.AsOf.Compare(cur.AsOf); c > 0 || (c == 0 && r.ID > cur.ID) {
			latest[r.Indicator] = i
		}
	}
	return latest
}
