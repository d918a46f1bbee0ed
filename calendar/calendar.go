// Package calendar counts working days on China's national holiday
// calendar, with the make-up working days (调休上班) that move weekends,
// as the regulator's deadlines are set in working days (DOMAIN.md §7):
// a tip-off is decided within 15 working days, a sample's result comes
// within 20.
//
// The calendar of each year is the State Council's notice for it (国务院
// 办公厅关于部分节假日安排的通知), published each autumn for the year
// after. A year not in the table is counted by weekends alone and said to
// be so, since a deadline shown a few days off is better than none; add
// the year when its notice is out.
package calendar

import (
	"sync"
	"time"

	"jixiao"
)

// year is one year's notice: the days off that are not weekends' and the
// weekend days that are worked.
type year struct {
	off, work []jixiao.Date
}

// span lists the days from a to b, both included.
func span(a, b jixiao.Date) []jixiao.Date {
	var out []jixiao.Date
	for d := a; !b.Before(d); d = jixiao.DateOf(d.Time().AddDate(0, 0, 1)) {
		out = append(out, d)
	}
	return out
}

func day(y int, m time.Month, d int) jixiao.Date { return jixiao.NewDate(y, m, d) }

// years are the notices on file. Listing whole holiday spans (weekends
// included) keeps them as the notices word them.
var years = map[int]year{
	// 国务院办公厅关于2024年部分节假日安排的通知.
	2024: {
		off: concat(
			span(day(2024, 1, 1), day(2024, 1, 1)),
			span(day(2024, 2, 10), day(2024, 2, 17)),
			span(day(2024, 4, 4), day(2024, 4, 6)),
			span(day(2024, 5, 1), day(2024, 5, 5)),
			span(day(2024, 6, 10), day(2024, 6, 10)),
			span(day(2024, 9, 15), day(2024, 9, 17)),
			span(day(2024, 10, 1), day(2024, 10, 7))),
		work: []jixiao.Date{day(2024, 2, 4), day(2024, 2, 18), day(2024, 4, 7), day(2024, 4, 28),
			day(2024, 5, 11), day(2024, 9, 14), day(2024, 9, 29), day(2024, 10, 12)},
	},
	// 国务院办公厅关于2025年部分节假日安排的通知.
	2025: {
		off: concat(
			span(day(2025, 1, 1), day(2025, 1, 1)),
			span(day(2025, 1, 28), day(2025, 2, 4)),
			span(day(2025, 4, 4), day(2025, 4, 6)),
			span(day(2025, 5, 1), day(2025, 5, 5)),
			span(day(2025, 5, 31), day(2025, 6, 2)),
			span(day(2025, 10, 1), day(2025, 10, 8))),
		work: []jixiao.Date{day(2025, 1, 26), day(2025, 2, 8), day(2025, 4, 27), day(2025, 9, 28), day(2025, 10, 11)},
	},
	// 国务院办公厅关于2026年部分节假日安排的通知.
	2026: {
		off: concat(
			span(day(2026, 1, 1), day(2026, 1, 3)),
			span(day(2026, 2, 15), day(2026, 2, 23)),
			span(day(2026, 4, 4), day(2026, 4, 6)),
			span(day(2026, 5, 1), day(2026, 5, 5)),
			span(day(2026, 6, 19), day(2026, 6, 21)),
			span(day(2026, 9, 25), day(2026, 9, 27)),
			span(day(2026, 10, 1), day(2026, 10, 7))),
		work: []jixiao.Date{day(2026, 1, 4), day(2026, 2, 14), day(2026, 2, 28), day(2026, 5, 9), day(2026, 9, 20), day(2026, 10, 10)},
	},
}

func concat(spans ...[]jixiao.Date) []jixiao.Date {
	var out []jixiao.Date
	for _, s := range spans {
		out = append(out, s...)
	}
	return out
}

// Known reports whether year y's notice is on file.
func Known(y int) bool {
	_, ok := years[y]
	return ok
}

// Workday reports whether d is a working day. For a year not on file it
// says whether d is a weekday, and exact is false.
func Workday(d jixiao.Date) (work, exact bool) {
	weekday := d.Time().Weekday()
	weekend := weekday == time.Saturday || weekday == time.Sunday
	if !Known(d.Y) {
		return !weekend, false
	}
	switch {
	case workDays[d]:
		return true, true
	case offDays[d]:
		return false, true
	}
	return !weekend, true
}

// offDays and workDays index the notices' days for Workday, which runs
// for every day of every record's deadline.
var offDays, workDays = func() (off, work map[jixiao.Date]bool) {
	off, work = map[jixiao.Date]bool{}, map[jixiao.Date]bool{}
	for _, y := range years {
		for _, d := range y.off {
			off[d] = true
		}
		for _, d := range y.work {
			work[d] = true
		}
	}
	return off, work
}()

// AddWorkdays returns the n-th working day after d (d itself not
// counted): the last day of a deadline of n working days from d. exact
// is false when a year on the way is not on file and was counted by
// weekends alone. n must be positive.
func AddWorkdays(d jixiao.Date, n int) (last jixiao.Date, exact bool) {
	k := memoKey{d, n}
	if v, ok := memo.Load(k); ok {
		r := v.(memoValue)
		return r.last, r.exact
	}
	last, exact = addWorkdays(d, n)
	memo.Store(k, memoValue{last, exact})
	return last, exact
}

// memo keeps the deadlines counted: a year's records share a few hundred
// dates and a kind's one limit, and a ledger page asks for every
// record's deadline.
var memo sync.Map // memoKey → memoValue

type memoKey struct {
	d jixiao.Date
	n int
}

type memoValue struct {
	last  jixiao.Date
	exact bool
}

// addWorkdays counts AddWorkdays day by day.
func addWorkdays(d jixiao.Date, n int) (last jixiao.Date, exact bool) {
	exact = true
	for n > 0 {
		d = jixiao.DateOf(d.Time().AddDate(0, 0, 1))
		work, known := Workday(d)
		exact = exact && known
		if work {
			n--
		}
	}
	return d, exact
}
