package recordfile

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/xlsx"
)

// The self-evaluation form (项目支出绩效自评表) that the evaluation page
// offers as Excel, filled in by the department: 全年预算数 and 全年执行数
// in the 年度资金总额 row, 实际完成情况 under its heading, and per
// indicator row the 三级指标, 实际完成值 (a value or a grade) and 偏差原因
// 分析及改进措施, down to the 总分 row. The caller checks the rows against
// the project's indicators and turns them into the evaluation.

// Custom properties of the self-evaluation workbook: the printed form
// names its project but has no code, so the workbook carries the project
// and the self-evaluation's version it was made at.
const (
	PropUnit    = "单位编码"
	PropYear    = "年度"
	PropProject = "项目编码"
	PropVersion = "自评版本"
)

// EvaluationForm is what a filled-in self-evaluation workbook says.
type EvaluationForm struct {
	Unit, Project string
	Year          int
	Version       int64
	HasVersion    bool
	// Adjusted and Executed are 全年预算数 and 全年执行数 as written (万元).
	Adjusted, Executed, Reason string
	Rows                       []EvaluationRow
}

// EvaluationRow is one indicator row: its 三级指标 and sheet row, the
// 实际完成值 (a value or a grade) and the 偏差原因分析及改进措施.
type EvaluationRow struct {
	Line             int
	Name, Done, Note string
}

// ReadEvaluationForm reads a filled-in self-evaluation workbook, with the
// checks every workbook from outside gets (xlsx.Open).
func ReadEvaluationForm(name string, data []byte) (f EvaluationForm, err error) {
	defer xlsx.RefusePanic(name, &err)
	x, err := xlsx.Open(name, data)
	if err != nil {
		return f, err
	}
	defer x.Close()
	props, _ := x.GetCustomProps()
	for _, p := range props {
		v := strings.TrimSpace(fmt.Sprint(p.Value))
		switch p.Name {
		case PropUnit:
			f.Unit = v
		case PropProject:
			f.Project = v
		case PropYear:
			f.Year, _ = strconv.Atoi(v)
		case PropVersion:
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				f.Version, f.HasVersion = n, true
			}
		}
	}
	sheet := x.GetSheetList()[0]
	rows, err := xlsx.SheetRows(name, x, sheet, excelize.Options{})
	if err != nil {
		return f, err
	}
	fail := func(line int, format string, a ...any) error {
		return &jixiao.ImportError{File: name, Table: sheet, Line: line, Msg: fmt.Sprintf(format, a...)}
	}
	t := Table{File: name, Sheet: sheet, Rows: rows}
	hr, hc := findCell(t, "全年预算数(A)")
	_, ec := findCell(t, "全年执行数(B)")
	tr, _ := findCell(t, "年度资金总额")
	if hr < 0 || ec < 0 || tr < 0 {
		return f, fail(0, "不是项目支出绩效自评表：找不到“年度资金总额”一行和“全年预算数（A）”“全年执行数（B）”两列")
	}
	f.Adjusted, f.Executed = cellAt(t, tr, hc), cellAt(t, tr, ec)
	if r, c := findCell(t, "实际完成情况"); r >= 0 {
		f.Reason = cellAt(t, r+1, c)
	}
	ir, lc := findCell(t, "三级指标")
	_, dc := findCell(t, "实际完成值")
	_, nc := findCell(t, "偏差原因分析及改进措施")
	if ir < 0 || dc < 0 {
		return f, fail(0, "自评表中找不到指标表头（“三级指标”“实际完成值”）")
	}
	for i := ir + 1; i < len(rows); i++ {
		if normHeader(cellAt(t, i, 0)) == "总分" {
			break
		}
		name := cellAt(t, i, lc)
		if name == "" {
			if cellAt(t, i, dc) != "" || cellAt(t, i, nc) != "" {
				return f, fail(i+1, "这一行没有三级指标，无法对应到绩效目标的指标")
			}
			continue
		}
		f.Rows = append(f.Rows, EvaluationRow{Line: i + 1, Name: name, Done: cellAt(t, i, dc), Note: cellAt(t, i, nc)})
	}
	if len(f.Rows) == 0 {
		return f, fail(ir+1, "自评表中没有指标行")
	}
	return f, nil
}

// cellAt is the trimmed cell at row i, column j ("" outside the sheet).
func cellAt(t Table, i, j int) string {
	if i < 0 || i >= len(t.Rows) || j < 0 || j >= len(t.Rows[i]) {
		return ""
	}
	return strings.TrimSpace(t.Rows[i][j])
}
