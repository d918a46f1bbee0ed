package web

import (
	"fmt"
	"net/http"
)

// evaluationSummaryXLSX sends the unit's self-evaluation summary (绩效自评
// 汇总表) as an Excel workbook: the page's ranking with each project's
// budget figures, figures as numbers.
func (s *server) evaluationSummaryXLSX(w http.ResponseWriter, r *http.Request) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return
	}
	data, err := evaluationSummaryWorkbook(summaryOf(dv))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, "xlsx", "evaluation-summary", fmt.Sprintf("%s%d年度绩效自评汇总表", dv.Doc.Unit.Name, dv.Doc.Year), data)
}

// evaluationSummaryHead is the summary workbook's header row.
var evaluationSummaryHead = []string{"排名", "项目编码", "项目名称", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）",
	"预算执行率（%）", "总分", "等级", "结果应用建议", "说明"}

// evaluationSummaryWorkbook lays the ranking out under its title.
func evaluationSummaryWorkbook(d summaryData) ([]byte, error) {
	sh, err := newFormSheet("自评汇总")
	if err != nil {
		return nil, err
	}
	cols := len(evaluationSummaryHead)
	sh.put(1, 1, cols, 1, fmt.Sprintf("%s%d年度绩效自评汇总表", d.Doc.Unit.Name, d.Doc.Year), sh.title)
	sh.put(1, 2, cols, 1, fmt.Sprintf("单位：%s %s　已评价 %d 个项目，未评价 %d 个", d.Doc.Unit.Code, d.Doc.Unit.Name, d.Evaluated, d.Remaining), sh.plain)
	for i, h := range evaluationSummaryHead {
		sh.put(i+1, 3, 1, 1, h, sh.head)
	}
	budgets := map[string]number{}
	for _, p := range d.Doc.Projects {
		budgets[p.Code] = wanNumber(p.Budget)
	}
	for i, r := range d.Rows {
		cells := []any{"", r.Code, r.Name, budgets[r.Code], "", "", "", "", "", r.Suggestion, ""}
		switch {
		case r.Result != nil:
			res := r.Result
			cells[0], cells[4], cells[5] = i+1, wanNumber(res.Adjusted), wanNumber(res.Executed)
			cells[6], cells[7], cells[8] = number(res.ExecutionRate.Fixed(2)), number(res.Total.Fixed(2)), res.Grade
		case r.Error != "":
			cells[10] = "无法评分：" + r.Error
		default:
			cells[10] = "未评价"
		}
		for j, v := range cells {
			style := sh.cell
			if j == 2 || j >= 9 {
				style = sh.left
			}
			sh.put(j+1, 4+i, 1, 1, v, style)
		}
	}
	sh.widths(6, 24, 28, 12, 12, 12, 12, 8, 6, 30, 24)
	sh.a4("landscape")
	return sh.bytes()
}
