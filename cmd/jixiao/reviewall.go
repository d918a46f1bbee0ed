package main

import (
	"strconv"

	"jixiao"
	"jixiao/review"
	"jixiao/store"
)

// reviewDocLine is one document's JSON line of review --all: its unit
// and year and its review's summary, the same fields review --format
// json gives under "summary".
type reviewDocLine struct {
	docHead
	review.Summary
}

// reviewTotalLine is the total of review --all: the summaries added up.
type reviewTotalLine struct {
	totalHead
	review.Summary
}

// reviewAll reviews every stored document and prints one line each and
// the total; the exit code is 1 when any document has errors, as review
// of one document.
func reviewAll(e *env, f *reportFlags) int {
	out := newAllReport(e, f.json(), 2, append([]string{"单位编码", "单位名称", "年度", "项目", "指标", "错误", "警告", "提示"}, review.Grades...)...)
	total := newReviewSummary()
	cfg := review.DefaultConfig()
	n, err := f.eachDocument(e, store.ForReview, func(d *jixiao.Document) error {
		s := review.Review(d, cfg).Summary
		s.Grades = withGrades(s.Grades, review.Grades)
		addReviewSummary(&total, s)
		return out.line(reviewDocLine{headOf(d), s},
			append([]string{d.Unit.Code, d.Unit.Name, strconv.Itoa(d.Year)}, reviewCells(s)...)...)
	})
	if err != nil {
		return fail(e, err)
	}
	if err := out.total(n, f.noneFound(), reviewTotalLine{totalHead{"total", n}, total},
		append([]string{"合计", strconv.Itoa(n) + " 份文档", yearCell(*f.year)}, reviewCells(total)...)...); err != nil {
		return fail(e, err)
	}
	if total.Errors > 0 {
		return exitFinding
	}
	return exitOK
}

func newReviewSummary() review.Summary {
	return review.Summary{ByRule: map[string]int{}, Grades: withGrades(nil, review.Grades)}
}

// addReviewSummary adds s into total.
func addReviewSummary(total *review.Summary, s review.Summary) {
	total.Projects += s.Projects
	total.Indicators += s.Indicators
	total.Errors += s.Errors
	total.Warnings += s.Warnings
	total.Infos += s.Infos
	for k, v := range s.ByRule {
		total.ByRule[k] += v
	}
	for k, v := range s.Grades {
		total.Grades[k] += v
	}
}

// reviewCells are a summary's table cells after the unit and year.
func reviewCells(s review.Summary) []string {
	cells := []string{strconv.Itoa(s.Projects), strconv.Itoa(s.Indicators),
		strconv.Itoa(s.Errors), strconv.Itoa(s.Warnings), strconv.Itoa(s.Infos)}
	for _, g := range review.Grades {
		cells = append(cells, strconv.Itoa(s.Grades[g]))
	}
	return cells
}

// withGrades is m with every grade present, 0 when absent, so that every
// JSON line has the same keys.
func withGrades(m map[string]int, grades []string) map[string]int {
	if m == nil {
		m = map[string]int{}
	}
	for _, g := range grades {
		m[g] += 0
	}
	return m
}

// yearCell is the total line's year: the --year asked for, else blank.
func yearCell(year int) string {
	if year == 0 {
		return ""
	}
	return strconv.Itoa(year)
}
