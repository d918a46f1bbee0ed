package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"jixiao"
	"jixiao/monitor"
)

func init() {
	register(command{"monitor", "运行监控：各项目支出进度、指标完成情况和红黄绿灯", cmdMonitor})
}

func cmdMonitor(e *env, args []string) int {
	f := newFlags(e, "monitor", "monitor [--as-of YYYY-MM-DD] [--unit CODE] [--year YYYY] [--format text|json]")
	asOf := f.String("as-of", "", "监控日期（默认：今天在年度内则为今天，否则为年度的12月31日）")
	unit := f.String("unit", "", "单位编码（只有一份文档时可省略）")
	year := f.Int("year", 0, "预算年度（只有一份文档时可省略）")
	format := f.String("format", "text", "输出格式：text 或 json")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		return fail(e, fmt.Errorf("不支持的输出格式“%s”", *format))
	}
	var d jixiao.Date
	if *asOf != "" {
		var err error
		if d, err = jixiao.ParseDate(*asOf); err != nil {
			return fail(e, fmt.Errorf("--as-of：%v", err))
		}
		if *year == 0 {
			*year = d.Y
		}
	}
	st, err := f.open(e)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	doc, err := pickDocument(e, st, *unit, *year)
	if err != nil {
		return fail(e, err)
	}
	if d.IsZero() {
		d = defaultAsOf(doc.Year, jixiao.DateOf(time.Now()))
	}
	dep := monitor.Document(doc, d, monitor.DefaultConfig())
	if *format == "json" {
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

// percent is a percentage for JSON: a number with two decimals.
func percent(d jixiao.Decimal) json.Number { return json.Number(d.Fixed(2)) }

type monitorJSON struct {
	AsOf       string               `json:"as_of"`
	Projects   []monitorProjectJSON `json:"projects"`
	Department monitorDeptJSON      `json:"department"`
}

type monitorProjectJSON struct {
	Code            string                 `json:"code"`
	BudgetFen       int64                  `json:"budget_fen"`
	SpentFen        int64                  `json:"spent_fen"`
	ExpectedPercent json.Number            `json:"expected_percent"`
	ActualPercent   json.Number            `json:"actual_percent"`
	DeviationPoints json.Number            `json:"deviation_points"`
	Light           string                 `json:"light"`
	Indicators      []monitorIndicatorJSON `json:"indicators"`
}

type monitorIndicatorJSON struct {
	Indicator int    `json:"indicator"`
	Target    string `json:"target"`
	Latest    string `json:"latest"`
	Status    string `json:"status"`
}

type monitorDeptJSON struct {
	BudgetFen       int64       `json:"budget_fen"`
	SpentFen        int64       `json:"spent_fen"`
	ExpectedFen     int64       `json:"expected_fen"`
	ExpectedPercent json.Number `json:"expected_percent"`
	ActualPercent   json.Number `json:"actual_percent"`
	DeviationPoints json.Number `json:"deviation_points"`
	Green           int         `json:"green"`
	Yellow          int         `json:"yellow"`
	Red             int         `json:"red"`
}

// writeMonitorJSON writes the roll-up, projects worst first. Percentages
// and points are JSON numbers rounded to two decimals.
func writeMonitorJSON(w io.Writer, dep monitor.Department) error {
	out := monitorJSON{AsOf: dep.Date.String(), Projects: []monitorProjectJSON{}}
	for _, p := range dep.Projects {
		pj := monitorProjectJSON{
			Code: p.Code, BudgetFen: int64(p.Budget), SpentFen: int64(p.Spent),
			ExpectedPercent: percent(p.Expected), ActualPercent: percent(p.Actual),
			DeviationPoints: percent(p.Deviation), Light: p.Light,
			Indicators: []monitorIndicatorJSON{},
		}
		for _, i := range p.Indicators {
			pj.Indicators = append(pj.Indicators, monitorIndicatorJSON{i.Indicator, i.Target, i.Latest, i.Status})
		}
		out.Projects = append(out.Projects, pj)
	}
	exp, act := deptPercents(dep)
	out.Department = monitorDeptJSON{
		BudgetFen: int64(dep.Budget), SpentFen: int64(dep.Spent), ExpectedFen: int64(dep.Expected),
		ExpectedPercent: percent(exp), ActualPercent: percent(act), DeviationPoints: percent(exp - act),
		Green: dep.Green, Yellow: dep.Yellow, Red: dep.Red,
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// deptPercents is the department's expected and actual spending as
// percentages of its total budget.
func deptPercents(dep monitor.Department) (expected, actual jixiao.Decimal) {
	if dep.Budget <= 0 {
		return 0, 0
	}
	return jixiao.Ratio(int64(dep.Expected)*100, int64(dep.Budget)), jixiao.Ratio(int64(dep.Spent)*100, int64(dep.Budget))
}

func writeMonitorText(w io.Writer, doc *jixiao.Document, dep monitor.Department) error {
	exp, act := deptPercents(dep)
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
