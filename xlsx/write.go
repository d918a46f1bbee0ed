package xlsx

import (
	"fmt"
	"io"
	"jixiao/form"
	"strings"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

// YearProperty is the custom workbook property holding the fiscal year.
const YearProperty = "年度"

// OverallSheet is the name of the sheet holding part one.
const OverallSheet = "部门整体绩效目标"

// Options selects what Write puts in the workbook.
type Options struct {
	// Project, when set, writes only that project's sheet.
	Project string
}

// Write writes the document as an .xlsx workbook in the printed form.
func Write(w io.Writer, d *jixiao.Document, opt Options) error {
	f := excelize.NewFile()
	defer f.Close()
	projects := d.Projects
	first := 0
	if opt.Project != "" {
		p, ok := d.Project(opt.Project)
		if !ok {
			return fmt.Errorf("项目编码“%s”不在 %s %d年度的绩效目标中：%w", opt.Project, d.Unit.Name, d.Year, jixiao.ErrNotFound)
		}
		for i := range d.Projects {
			if &d.Projects[i] == p {
				first = i
			}
		}
		projects = d.Projects[first : first+1]
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sheet1 := f.GetSheetName(0)
	if opt.Project == "" {
		if err := f.SetSheetName(sheet1, OverallSheet); err != nil {
			return err
		}
		if err := writeOverall(f, st, d); err != nil {
			return err
		}
	}
	for i := range projects {
		name := sheetName(first+i+1, projects[i].Name)
		if i == 0 && opt.Project != "" {
			if err := f.SetSheetName(sheet1, name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeProject(f, st, name, d, &projects[i], first+i+1); err != nil {
			return err
		}
	}
	if err := f.SetCustomProps(excelize.CustomProperty{Name: YearProperty, Value: int32(d.Year)}); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: fmt.Sprintf("%s%d年度绩效目标", d.Unit.Name, d.Year), Language: "zh-CN"}); err != nil {
		return err
	}
	return f.Write(w)
}

// sheetName is "N.项目名称" cut to Excel's 31 characters, without the
// characters sheet names may not hold.
func sheetName(n int, name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, name)
	s := []rune(fmt.Sprintf("%d.%s", n, name))
	if len(s) > 31 {
		s = s[:31]
	}
	return string(s)
}

// styles used by the printed form.
type styles struct {
	title, para, heading, label, cell, left, unit, unitRight int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	defs := []struct {
		to    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 16, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&s.para, excelize.Style{Font: &excelize.Font{Family: "仿宋", Size: 12}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&s.heading, excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 14}}},
		{&s.label, excelize.Style{Font: &excelize.Font{Family: "仿宋", Size: 10, Bold: true}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.cell, excelize.Style{Font: &excelize.Font{Family: "仿宋", Size: 10}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.left, excelize.Style{Font: &excelize.Font{Family: "仿宋", Size: 10}, Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}}},
		{&s.unit, excelize.Style{Font: &excelize.Font{Family: "仿宋", Size: 10}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}}},
		{&s.unitRight, excelize.Style{Font: &excelize.Font{Family: "仿宋", Size: 10}, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return s, err
		}
		*d.to = id
	}
	return s, nil
}

// writeOverall writes part one, one paragraph a row, in the numbering
// textdoc reads back: sections 一、二、三、, goal headings "1、…", items
// "（一）…".
func writeOverall(f *excelize.File, st styles, d *jixiao.Document) error {
	sh := OverallSheet
	r := 0
	put := func(text string, style int) error {
		r++
		cell := fmt.Sprintf("A%d", r)
		if err := f.SetCellStr(sh, cell, text); err != nil {
			return err
		}
		return f.SetCellStyle(sh, cell, cell, style)
	}
	if err := put("第一部分 部门整体绩效目标", st.title); err != nil {
		return err
	}
	style := map[form.Kind]int{form.Section: st.heading, form.Heading: st.heading, form.Body: st.para}
	for _, l := range form.Overall(d) {
		if err := put(l.Text, style[l.Kind]); err != nil {
			return err
		}
	}
	return f.SetColWidth(sh, "A", "A", 100)
}

// colName is the column letter of 0-based grid column c (A–G).
func colName(c int) string { return string(rune('A' + c)) }

// writeProject writes one goal table over columns A–G.
func writeProject(f *excelize.File, st styles, sh string, d *jixiao.Document, p *jixiao.Project, n int) error {
	var err error
	set := func(r, c, span, down int, text string, style int) {
		if err != nil {
			return
		}
		from := fmt.Sprintf("%s%d", colName(c), r)
		to := fmt.Sprintf("%s%d", colName(c+span-1), r+down)
		if text != "" {
			err = f.SetCellStr(sh, from, text)
		}
		if err == nil && to != from {
			err = f.MergeCell(sh, from, to)
		}
		if err == nil {
			err = f.SetCellStyle(sh, from, to, style)
		}
	}
	set(1, 0, 7, 0, fmt.Sprintf("%d.%s绩效目标表", n, p.Name), st.title)
	set(2, 0, 5, 0, d.Unit.Code+d.Unit.Name, st.unit)
	set(2, 5, 2, 0, "单位：万元", st.unitRight)
	set(3, 0, 1, 0, "项目编码", st.label)
	set(3, 1, 2, 0, p.Code, st.cell)
	set(3, 3, 1, 0, "项目名称", st.label)
	set(3, 4, 3, 0, p.Name, st.cell)
	other := ""
	if p.Other != 0 {
		other = p.Other.WanExact()
	}
	fiscal := ""
	if p.Fiscal != 0 || p.Other == 0 {
		fiscal = p.Fiscal.WanExact()
	}
	set(4, 0, 1, 1, "预算规模及资金用途", st.label)
	set(4, 1, 1, 0, "预算数", st.cell)
	set(4, 2, 1, 0, p.Budget.WanExact(), st.cell)
	set(4, 3, 1, 0, "其中：财政资金", st.cell)
	set(4, 4, 1, 0, fiscal, st.cell)
	set(4, 5, 1, 0, "其他资金", st.cell)
	set(4, 6, 1, 0, other, st.cell)
	set(5, 1, 6, 0, p.Purpose, st.left)
	r := 6
	if len(p.Plan) > 0 {
		set(r, 0, 1, 1, "资金支出计划（%）", st.label)
		for i, c := range p.Plan {
			col, span := form.PlanCols(i, len(p.Plan))
			set(r, col, span, 0, fmt.Sprintf("%d月底", c.By.M), st.cell)
			set(r+1, col, span, 0, c.Percent.String()+"%", st.cell)
		}
		r += 2
	}
	set(r, 0, 1, 0, "绩效目标", st.label)
	set(r, 1, 6, 0, p.Goal, st.left)
	r++
	for i, h := range []string{"一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"} {
		set(r, i, 1, 0, h, st.label)
	}
	set(r, 5, 2, 0, "指标值确定依据", st.label)
	r++
	ins := p.Indicators
	for i := 0; i < len(ins); {
		j := i + 1
		for j < len(ins) && ins[j].Level1 == ins[i].Level1 {
			j++
		}
		set(r+i, 0, 1, j-i-1, ins[i].Level1, st.cell)
		for k := i; k < j; {
			m := k + 1
			for m < j && ins[m].Level2 == ins[k].Level2 {
				m++
			}
			set(r+k, 1, 1, m-k-1, ins[k].Level2, st.cell)
			k = m
		}
		i = j
	}
	for i, in := range ins {
		set(r+i, 2, 1, 0, in.Level3, st.cell)
		set(r+i, 3, 1, 0, in.Description, st.left)
		set(r+i, 4, 1, 0, in.Value, st.cell)
		set(r+i, 5, 2, 0, in.Basis, st.cell)
	}
	if err != nil {
		return err
	}
	for i, w := range []float64{10, 10, 14, 24, 12, 10, 10} {
		if err := f.SetColWidth(sh, colName(i), colName(i), w); err != nil {
			return err
		}
	}
	size := 9 // A4
	orient := "portrait"
	fit := true
	return f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: intp(1), FitToHeight: intp(0), BlackAndWhite: &fit})
}

func intp(n int) *int { return &n }
