package main

import (
	"strconv"
	"time"

	"jixiao"
	"jixiao/jsonout"
	"jixiao/monitor"
	"jixiao/store"
)

// monitorDocLine is one document's JSON line of monitor --all: the
// date, the number of projects and the department's totals in the shape
// monitor --format json gives under "department".
type monitorDocLine struct {
	docHead
	AsOf     string `json:"as_of"`
	Projects int    `json:"projects"`
	jsonout.MonitorDept
}

// monitorTotalLine is the total of monitor --all; as_of is left out when
// the documents were monitored on different dates (each its own year's
// default).
type monitorTotalLine struct {
	totalHead
	AsOf     string `json:"as_of,omitempty"`
	Projects int    `json:"projects"`
	jsonout.MonitorDept
}

// monitorAll monitors every stored document as of asOf, or each as of its
// own year's default date when asOf is zero, one line each and the total.
func monitorAll(e *env, f *reportFlags, asOf jixiao.Date) int {
	out := newAllReport(e, f.json(), 2, "单位编码", "单位名称", "年度", "截至", "项目", "红灯", "黄灯", "绿灯",
		"预算（万元）", "已支出（万元）", "预期进度", "执行率")
	today := jixiao.DateOf(time.Now())
	var total monitor.Department
	projects, dates := 0, map[jixiao.Date]bool{}
	cfg := monitor.DefaultConfig()
	n, err := f.eachDocumentAt(e, store.ForMonitor, asOf, func(doc *jixiao.Document) error {
		d := asOf
		if d.IsZero() {
			d = defaultAsOf(doc.Year, today)
		}
		dates[d] = true
		dep := monitor.Document(doc, d, cfg)
		total.Budget += dep.Budget
		total.Spent += dep.Spent
		total.Expected += dep.Expected
		total.Red += dep.Red
		total.Yellow += dep.Yellow
		total.Green += dep.Green
		projects += len(dep.Projects)
		return out.line(monitorDocLine{headOf(doc), d.String(), len(dep.Projects), jsonout.MonitorOf(dep).Department},
			append([]string{doc.Unit.Code, doc.Unit.Name, strconv.Itoa(doc.Year), d.String()}, monitorCells(dep, len(dep.Projects))...)...)
	})
	if err != nil {
		return fail(e, err)
	}
	var date string
	if len(dates) == 1 {
		for d := range dates {
			date = d.String()
		}
	}
	dept := jsonout.MonitorOf(total).Department
	if err := out.total(n, f.noneFound(), monitorTotalLine{totalHead{"total", n}, date, projects, dept},
		append([]string{"合计", strconv.Itoa(n) + " 份文档", yearCell(*f.year), date}, monitorCells(total, projects)...)...); err != nil {
		return fail(e, err)
	}
	return exitOK
}

// monitorCells are a roll-up's table cells after the unit, year and date.
func monitorCells(dep monitor.Department, projects int) []string {
	exp, act := jsonout.DeptPercents(dep)
	return []string{strconv.Itoa(projects), strconv.Itoa(dep.Red), strconv.Itoa(dep.Yellow), strconv.Itoa(dep.Green),
		dep.Budget.Wan(), dep.Spent.Wan(), percent(exp), percent(act)}
}
