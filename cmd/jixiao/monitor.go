package main

import (
	"fmt"
	"io"
	"time"

	"jixiao"
	"jixiao/jsonout"
	"jixiao/monitor"
)

func init() {
	register(command{"monitor", "运行监控：各项目支出进度、指标完成情况和红黄绿灯", cmdMonitor})
}

func cmdMonitor(e *env, args []string) int {
	f := newReportFlags(e, "monitor", "monitor [--as-of YYYY-MM-DD] [--unit CODE | --all] [--year YYYY] [--format text|json]")
	asOf := f.String("as-of", "", "监控日期（默认：今天在年度内则为今天，否则为年度的12月31日）；未给 --year 时只看该日期所在年度的文档")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	var d jixiao.Date
	if *asOf != "" {
		var err error
		if d, err = jixiao.ParseDate(*asOf); err != nil {
			return fail(e, fmt.Errorf("--as-of：%v", err))
		}
		if *f.year == 0 {
			*f.year = d.Y
		}
	}
	if *f.all {
		return monitorAll(e, f, d)
	}
	doc, err := f.document(e)
	if err != nil {
		return fail(e, err)
	}
	if d.IsZero() {
		d = defaultAsOf(doc.Year, jixiao.DateOf(time.Now()))
	}
	dep := monitor.Document(doc, d, monitor.DefaultConfig())
	if f.json() {
		err = writeMonitorJSON(e.stdout, dep)
	} else {
		err = writeMonitorText(e.stdout, doc, dep)
	}
	if err != nil {
		return fail(e, err)
	}
	return exitOK
}

// defaultAsOf is today when today lies in the fiscal year, else the
// year's last day: looking back at a closed year shows it whole.
func defaultAsOf(year int, today jixiao.Date) jixiao.Date {
	if today.Y == year {
		return today
	}
	return jixiao.YearEnd(year)
}

// writeMonitorJSON writes the roll-up in the shape the web API shares.
func writeMonitorJSON(w io.Writer, dep monitor.Department) error {
	return jsonout.Write(w, jsonout.MonitorOf(dep))
}

func writeMonitorText(w io.Writer, doc *jixiao.Document, dep monitor.Department) error {
	exp, act := jsonout.DeptPercents(dep)
	fmt.Fprintf(w, "%s %s %d年 运行监控（截至%s）\n", doc.Unit.Code, doc.Unit.Name, doc.Year, dep.Date.Chinese())
	fmt.Fprintf(w, "预算 %s 万元，已支出 %s 万元；预期支出进度 %s%%，实际 %s%%；绿灯 %d，黄灯 %d，红灯 %d\n\n",
		dep.Budget.Wan(), dep.Spent.Wan(), exp.Fixed(2), act.Fixed(2), dep.Green, dep.Yellow, dep.Red)
	for _, p := range dep.Projects {
		fmt.Fprintf(w, "[%s] %s %s：预算 %s 万元，已支出 %s 万元，预期 %s%%，实际 %s%%，偏差 %s 个百分点\n",
			monitor.Label(p.Light), p.Code, p.Name, p.Budget.Wan(), p.Spent.Wan(),
			p.Expected.Fixed(2), p.Actual.Fixed(2), p.Deviation.Fixed(2))
		for _, r := range p.Reasons {
			fmt.Fprintf(w, "    %s\n", r)
		}
		for _, i := range p.Indicators {
			latest := i.Latest
			if latest == "" {
				latest = "—"
			}
			fmt.Fprintf(w, "    %d. %s：目标 %s，最新 %s，%s\n", i.Indicator, i.Name, i.Target, latest, monitor.Label(i.Status))
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}
