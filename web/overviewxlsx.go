package web

import (
	"fmt"
	"net/http"

	"jixiao"
)

// overviewXLSX sends the overview as an Excel workbook: one row per unit
// and the total, figures as numbers (amounts in 万元 written as their exact
// decimals, not through floating point), for the bureau's own sums and
// reports.
func (s *server) overviewXLSX(w http.ResponseWriter, r *http.Request) {
	d, ok := s.overviewAnswer(w, r, false)
	if !ok {
		return
	}
	data, err := overviewWorkbook(d)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, "xlsx", "overview", fmt.Sprintf("%d年度绩效概览（截至%s）", d.Year, d.AsOf), data)
}

// overviewHead is the workbook's header row, one cell per column.
var overviewHead = []string{"单位编码", "单位名称", "项目数", "预算（万元）", "绩效目标状态", "审核错误", "审核警告",
	"运行监控状态", "红灯", "黄灯", "绿灯", "已支出（万元）", "预期支出进度（%）", "实际支出进度（%）", "绩效自评状态", "已评价项目", "未能评分", "平均分"}

// overviewWorkbook lays the overview out as a sheet under its title.
func overviewWorkbook(d *overviewData) ([]byte, error) {
	sh, err := newFormSheet("绩效概览")
	if err != nil {
		return nil, err
	}
	cols := len(overviewHead)
	sh.put(1, 1, cols, 1, fmt.Sprintf("%d年度绩效概览", d.Year), sh.title)
	sh.put(1, 2, cols, 1, fmt.Sprintf("运行监控截至%s；审核、自评为导出时的数据", d.AsOf.Chinese()), sh.plain)
	for i, h := range overviewHead {
		sh.put(i+1, 3, 1, 1, h, sh.head)
	}
	row := 4
	line := func(code, name string, r overviewRow, goals, monitoring, evaluation string) {
		cells := []any{code, name, r.Projects, wanNumber(r.Budget), goals, r.Errors, r.Warnings, monitoring,
			r.Red, r.Yellow, r.Green, wanNumber(r.Spent), number(r.ExpectedRate()), number(r.ActualRate()),
			evaluation, r.Evaluated, r.Refused, number(r.MeanScore())}
		for i, v := range cells {
			style := sh.cell
			if i == 1 {
				style = sh.left
			}
			sh.put(i+1, row, 1, 1, v, style)
		}
		row++
	}
	for _, r := range d.Rows {
		line(r.Key.Unit, r.UnitName, r, r.Goals.Label(), r.Monitoring.Label(), r.Evaluation.Label())
	}
	line("合计", fmt.Sprintf("%d 个单位", len(d.Rows)), d.Total, "", "", "")
	sh.widths(10, 28, 7, 12, 10, 8, 8, 10, 6, 6, 6, 12, 10, 10, 10, 8, 8, 8)
	sh.a4("landscape")
	return sh.bytes()
}

// number is a decimal written as an Excel number without passing through
// floating point; "" (no value) stays an empty cell.
type number string

// wanNumber is an amount in 万元 with all its decimals.
func wanNumber(f jixiao.Fen) number { return number(f.WanExact()) }
