package jixiao

import (
	"fmt"
	"time"
)

// Date is a calendar day with no time of day or zone (the forms' dates).
// The zero Date means "no date".
type Date struct {
	Y int
	M time.Month
	D int
}

// NewDate returns the date, normalised like time.Date (Feb 30 → Mar 1).
func NewDate(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// ParseDate reads ISO "2024-12-31" and refuses impossible days.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("日期“%s”不是 YYYY-MM-DD 格式", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date { return Date{t.Year(), t.Month(), t.Day()} }

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Time is midnight UTC of d, for day arithmetic.
func (d Date) Time() time.Time { return time.Date(d.Y, d.M, d.D, 0, 0, 0, 0, time.UTC) }

// String is the ISO form, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Y, int(d.M), d.D)
}

// Chinese is the forms' way of writing it: 2024年12月31日.
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Y, int(d.M), d.D)
}

// Before reports whether d is strictly earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns -1, 0 or +1.
func (d Date) Compare(e Date) int { return d.Time().Compare(e.Time()) }

// DaysUntil returns the number of days from d to e (negative if e is earlier).
func (d Date) DaysUntil(e Date) int { return int(e.Time().Sub(d.Time()).Hours() / 24) }

// YearStart is 1 January of year y, where every spending plan starts at 0%.
func YearStart(y int) Date { return Date{y, time.January, 1} }

// YearEnd is 31 December of year y.
func YearEnd(y int) Date { return Date{y, time.December, 31} }
