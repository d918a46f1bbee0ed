package calendar

import (
	"testing"
	"time"

	"jixiao"
)

// Every day a notice lists must be what it says it is: days off that fall
// on weekdays and make-up days that fall on weekends, or the table has a
// typing error.
func TestNoticesAreConsistent(t *testing.T) {
	for y, table := range years {
		for _, d := range table.work {
			if wd := d.Time().Weekday(); d.Y != y || (wd != time.Saturday && wd != time.Sunday) {
				t.Errorf("%d: make-up working day %s is a %s", y, d, wd)
			}
		}
		offWeekdays := 0
		for _, d := range table.off {
			if d.Y != y {
				t.Errorf("%d: day off %s is in another year", y, d)
			}
			if wd := d.Time().Weekday(); wd != time.Saturday && wd != time.Sunday {
				offWeekdays++
			}
		}
		// Every year has 13 statutory holidays (11 before 2025), plus the
		// weekdays the make-up days buy.
		statutory := 13
		if y < 2025 {
			statutory = 11
		}
		if want := statutory + len(table.work); offWeekdays < statutory || offWeekdays > want {
			t.Errorf("%d: %d weekdays off, want between %d and %d", y, offWeekdays, statutory, want)
		}
	}
}

func TestWorkday(t *testing.T) {
	for _, c := range []struct {
		d           jixiao.Date
		work, exact bool
	}{
		{jixiao.NewDate(2024, 10, 1), false, true},  // 国庆
		{jixiao.NewDate(2024, 10, 12), true, true},  // 调休上班, a Saturday
		{jixiao.NewDate(2024, 10, 8), true, true},   // a Tuesday
		{jixiao.NewDate(2024, 10, 13), false, true}, // a Sunday
		{jixiao.NewDate(2025, 1, 26), true, true},   // 春节调休, a Sunday
		{jixiao.NewDate(2026, 2, 23), false, true},  // 春节, a Monday
		{jixiao.NewDate(2030, 1, 1), true, false},   // a Tuesday, year not on file
		{jixiao.NewDate(2030, 1, 5), false, false},  // a Saturday, year not on file
	} {
		if work, exact := Workday(c.d); work != c.work || exact != c.exact {
			t.Errorf("%s: %v %v, want %v %v", c.d, work, exact, c.work, c.exact)
		}
	}
}

// Deadlines counted by hand on the printed calendars.
func TestAddWorkdays(t *testing.T) {
	for _, c := range []struct {
		from  jixiao.Date
		n     int
		want  jixiao.Date
		exact bool
	}{
		// A tip-off received on Thursday 26 September 2024: Fri 27, Sun 29
		// (make-up) and Mon 30 are working days, 1–7 October are off, then
		// Tue 8 – Sat 12 (make-up) are five more, Mon 14 – Fri 18 five and
		// Mon 21, Tue 22 the last two: the 15th is 22 October.
		{jixiao.NewDate(2024, 9, 26), 15, jixiao.NewDate(2024, 10, 22), true},
		// An ordinary fortnight: Monday 4 March 2024 + 10 = Monday 18 March.
		{jixiao.NewDate(2024, 3, 4), 10, jixiao.NewDate(2024, 3, 18), true},
		// Across the new year: Friday 27 December 2024 + 5: Mon 30, Tue 31,
		// (1 Jan off), Thu 2, Fri 3, Mon 6.
		{jixiao.NewDate(2024, 12, 27), 5, jixiao.NewDate(2025, 1, 6), true},
		// Spring Festival 2025: Friday 24 January + 3: Sun 26 (make-up),
		// Mon 27, then 28 Jan – 4 Feb off, Wed 5 February.
		{jixiao.NewDate(2025, 1, 24), 3, jixiao.NewDate(2025, 2, 5), true},
		// Into a year not on file: counted by weekends, and said to be.
		{jixiao.NewDate(2026, 12, 30), 3, jixiao.NewDate(2027, 1, 4), false},
	} {
		got, exact := AddWorkdays(c.from, c.n)
		if got != c.want || exact != c.exact {
			t.Errorf("%s + %d: %s %v, want %s %v", c.from, c.n, got, exact, c.want, c.exact)
		}
	}
}
