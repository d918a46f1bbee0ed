package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/xuri/excelize/v2"

	"jixiao/recordfile"
)

// evaluationFormXLSX sends the printable 自评表 of the stored evaluation as
// an Excel workbook, for units that file the form as a spreadsheet. A
// project not yet evaluated gets the blank form, as the printed page.
func (s *server) evaluationFormXLSX(w http.ResponseWriter, r *http.Request) {
	d, ok := s.storedEvaluation(w, r)
	if !ok {
		return
	}
	data, err := evaluationFormWorkbook(d)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, "xlsx", "evaluation", fmt.Sprintf("%s项目支出绩效自评表（%d年度）", d.Project.Name, d.Doc.Year), data)
}

// evaluationFormWorkbook writes the 项目支出绩效自评表 (DOMAIN.md §5) in the
// layout of the printed page (evaluation_form.html): ten columns, the
// 项目资金 block, the overall goal against what was achieved, the
// indicator table with 一级 and 二级 merged down their rows, 总分 and 等级;
// 宋体, thin borders, A4 portrait scaled to the page width.
func evaluationFormWorkbook(d *evalData) ([]byte, error) {
	sh, err := newFormSheet("绩效自评表")
	if err != nil {
		return nil, err
	}
	put, cell, left, head := sh.put, sh.cell, sh.left, sh.head
	p, res := d.Project, d.Result

	put(1, 1, 10, 1, "项目支出绩效自评表", sh.title)
	put(1, 2, 8, 1, fmt.Sprintf("（%d年度）", d.Doc.Year), sh.plain)
	put(9, 2, 2, 1, "单位：万元", sh.plain)
	put(1, 3, 2, 1, "项目名称", head)
	put(3, 3, 8, 1, p.Name, cell)
	put(1, 4, 2, 1, "主管部门", head)
	put(3, 4, 3, 1, d.Doc.Unit.Name, cell)
	put(6, 4, 2, 1, "实施单位", head)
	put(8, 4, 3, 1, d.Doc.Unit.Code+" "+d.Doc.Unit.Name, cell)

	// 项目资金: a heading row and four rows of sources; only the total is
	// scored, the sources' 分值 and 得分 are dashes as on the paper form.
	put(1, 5, 2, 5, "项目资金", head)
	put(3, 5, 2, 1, "", head)
	for i, h := range []string{"年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"} {
		put(5+i, 5, 1, 1, h, head)
	}
	total := []string{p.Budget.Wan(), "", "", "", "", ""}
	if res != nil {
		total = []string{p.Budget.Wan(), res.Adjusted.Wan(), res.Executed.Wan(), res.ExecutionPoints.Fixed(2),
			res.ExecutionRate.Fixed(2) + "%", res.ExecutionScore.Fixed(2)}
	}
	other := ""
	if p.Other != 0 {
		other = p.Other.Wan()
	}
	for i, line := range []struct {
		label string
		cells []string
	}{
		{"年度资金总额", total},
		{"其中：财政拨款", []string{p.Fiscal.Wan(), "", "", "—", "", "—"}},
		{"上年结转", []string{"", "", "", "—", "", "—"}},
		{"其他资金", []string{other, "", "", "—", "", "—"}},
	} {
		put(3, 6+i, 2, 1, line.label, head)
		for j, v := range line.cells {
			put(5+j, 6+i, 1, 1, v, cell)
		}
	}

	put(1, 10, 2, 2, "年度总体目标", head)
	put(3, 10, 4, 1, "预期目标", head)
	put(7, 10, 4, 1, "实际完成情况", head)
	put(3, 11, 4, 1, p.Goal, left)
	put(7, 11, 4, 1, d.Reason, left)

	for _, h := range []struct {
		col, cols int
		text      string
	}{
		{1, 1, "一级指标"}, {2, 1, "二级指标"}, {3, 2, "三级指标"}, {5, 1, "年度指标值"}, {6, 1, "实际完成值"},
		{7, 1, "分值"}, {8, 1, "得分"}, {9, 2, "偏差原因分析及改进措施"},
	} {
		put(h.col, 12, h.cols, 1, h.text, head)
	}
	row := 13
	for _, r := range d.Rows {
		if r.Span1 > 0 {
			put(1, row, 1, r.Span1, r.Level1, cell)
		}
		if r.Span2 > 0 {
			put(2, row, 1, r.Span2, r.Level2, cell)
		}
		done := r.Value
		if r.Qualitative {
			done = r.Grade
		}
		put(3, row, 2, 1, r.Level3, cell)
		put(5, row, 1, 1, r.Indicator.Value, cell)
		put(6, row, 1, 1, done, cell)
		put(7, row, 1, 1, r.Points, cell)
		put(8, row, 1, 1, r.Got, cell)
		put(9, row, 2, 1, r.Note, left)
		row++
	}
	got, grade := "", ""
	if res != nil {
		got, grade = res.Total.Fixed(2), res.Grade
	}
	put(1, row, 6, 1, "总分", head)
	put(7, row, 1, 1, "100.00", cell)
	put(8, row, 1, 1, got, cell)
	put(9, row, 1, 1, "等级", head)
	put(10, row, 1, 1, grade, cell)

	// About 90 characters wide: one A4 page in portrait at a readable size.
	sh.widths(8, 9, 9, 8, 11, 11, 8, 9, 9, 9)
	sh.height(1, 30)
	sh.height(11, 60)
	sh.a4("portrait")
	// The project and the version the form was made at, for its upload.
	for _, p := range []excelize.CustomProperty{
		{Name: recordfile.PropUnit, Value: d.Doc.Unit.Code}, {Name: recordfile.PropYear, Value: int32(d.Doc.Year)},
		{Name: recordfile.PropProject, Value: p.Code}, {Name: recordfile.PropVersion, Value: strconv.FormatInt(d.Version, 10)},
	} {
		sh.errs = append(sh.errs, sh.x.SetCustomProps(p))
	}
	return sh.bytes()
}
