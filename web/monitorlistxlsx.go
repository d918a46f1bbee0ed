package web

import (
	"fmt"
	"net/http"
)

// monitorListXLSX sends the department's monitoring list (运行监控汇总表)
// as an Excel workbook, as of the page's date and in the page's order and
// filter: each project's light, budget, spending, planned and actual
// progress and deviation as numbers, and the reasons — what a department
// hands in with its monitoring report.
func (s *server) monitorListXLSX(w http.ResponseWriter, r *http.Request) {
	dk, asOf, ok := s.monitorRequest(w, r)
	if !ok {
		return
	}
	d, err := s.monitorView(r, dk, asOf)
	if err != nil {
		s.failed(w, r, err, fmt.Sprintf("没有单位“%s”%d年度的绩效目标。", dk.key.Unit, dk.key.Year))
		return
	}
	data, err := monitorListWorkbook(d)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, "xlsx", "monitoring", fmt.Sprintf("%s%d年度运行监控汇总表（截至%s）", d.Doc.Unit.Name, d.Doc.Year, asOf), data)
}

// monitorListHead is the workbook's header row.
var monitorListHead = []string{"灯", "项目编码", "项目名称", "预算数（万元）", "已支出（万元）", "预期进度（%）", "实际进度（%）", "偏差（百分点）", "说明"}

// monitorListWorkbook lays the list out under its title and totals.
func monitorListWorkbook(d monitorData) ([]byte, error) {
	sh, err := newFormSheet("运行监控汇总")
	if err != nil {
		return nil, err
	}
	cols := len(monitorListHead)
	sh.put(1, 1, cols, 1, fmt.Sprintf("%s%d年度运行监控汇总表", d.Doc.Unit.Name, d.Doc.Year), sh.title)
	sh.put(1, 2, cols, 1, fmt.Sprintf("截至%s　预算 %s 万元，已支出 %s 万元，预期支出进度 %s%%，实际 %s%%；红灯 %d 个，黄灯 %d 个，绿灯 %d 个",
		d.AsOf.Chinese(), d.Dep.Budget.Wan(), d.Dep.Spent.Wan(), d.Expected, d.Actual, d.AllCounts[2], d.AllCounts[1], d.AllCounts[0]), sh.plain)
	for i, h := range monitorListHead {
		sh.put(i+1, 3, 1, 1, h, sh.head)
	}
	for i, r := range d.Rows {
		cells := []any{r.LightLabel, r.Code, r.Name, wanNumber(r.Budget), wanNumber(r.Spent),
			number(r.Expected), number(r.Actual), number(r.Deviation), r.Reasons}
		for j, v := range cells {
			style := sh.cell
			if j == 2 || j == 8 {
				style = sh.left
			}
			sh.put(j+1, 4+i, 1, 1, v, style)
		}
	}
	sh.widths(6, 24, 28, 12, 12, 12, 12, 12, 40)
	sh.a4("landscape")
	return sh.bytes()
}
