package web

import (
	"fmt"
)

// monitorFormWorkbook writes the monitoring form as an .xlsx workbook in
// the same layout as the page: 13 columns, merged cells, thin borders,
// 宋体 throughout (formSheet).
func monitorFormWorkbook(f monitorFormData) ([]byte, error) {
	sh, err := newFormSheet("执行监控表")
	if err != nil {
		return nil, err
	}
	put, cell, head, title, plain := sh.put, sh.cell, sh.head, sh.title, sh.plain

	put(1, 1, 13, 1, fmt.Sprintf("%d年度项目绩效目标执行监控表", f.Doc.Year), title)
	put(1, 2, 13, 1, fmt.Sprintf("（%s，截至%s）", f.Period, f.AsOf.Chinese()), plain)
	put(1, 3, 3, 1, "项目名称", head)
	put(4, 3, 5, 1, f.Project.Name, cell)
	put(9, 3, 2, 1, "项目编码", head)
	put(11, 3, 3, 1, f.Project.Code, cell)
	put(1, 4, 3, 1, "主管部门及代码", head)
	put(4, 4, 5, 1, f.Doc.Unit.Code+" "+f.Doc.Unit.Name, cell)
	put(9, 4, 2, 1, "实施单位", head)
	put(11, 4, 3, 1, f.Doc.Unit.Name, cell)
	put(1, 5, 3, 2, "项目资金（万元）", head)
	put(4, 5, 2, 1, "年初预算数", head)
	put(6, 5, 2, 1, f.Period+"执行数", head)
	put(8, 5, 3, 1, f.Period+"执行率", head)
	put(11, 5, 3, 1, "全年预计执行数", head)
	put(4, 6, 2, 1, f.Budget, cell)
	put(6, 6, 2, 1, f.Executed, cell)
	put(8, 6, 3, 1, f.Rate, cell)
	put(11, 6, 3, 1, f.YearSpend, cell)
	for i, h := range []string{"一级指标", "二级指标", "三级指标", "年度指标值", f.Period + "完成值", "全年预计完成情况"} {
		put(1+i, 7, 1, 2, h, head)
	}
	put(7, 7, 5, 1, "偏差原因分析", head)
	for i, c := range f.Causes {
		put(7+i, 8, 1, 1, c, head)
	}
	put(12, 7, 1, 2, "完成目标可能性", head)
	put(13, 7, 1, 2, "备注（改进措施）", head)
	row := 9
	for _, r := range f.Rows {
		if r.Span1 > 0 {
			put(1, row, 1, r.Span1, r.Level1, cell)
		}
		if r.Span2 > 0 {
			put(2, row, 1, r.Span2, r.Level2, cell)
		}
		put(3, row, 1, 1, r.Level3, cell)
		put(4, row, 1, 1, r.Target, cell)
		put(5, row, 1, 1, r.Done, cell)
		put(6, row, 1, 1, r.Forecast, cell)
		for i, on := range r.Causes {
			mark := ""
			if on {
				mark = "√"
			}
			put(7+i, row, 1, 1, mark, cell)
		}
		put(12, row, 1, 1, r.Likelihood, cell)
		put(13, row, 1, 1, r.Measures, cell)
		row++
	}
	sh.widths(10, 10, 16, 12, 12, 12, 7, 7, 7, 9, 6, 11, 20)
	sh.height(1, 30)
	return sh.bytes()
}
