package recordfile

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"jixiao"
)

// The official monitoring form (项目绩效目标执行监控表, DOMAIN.md §4), as
// jixiao writes it for a project (the monitoring form's Excel download)
// and the department fills it in: the project's code and its department
// above, the cut-off date under the title (（1-7月，截至2024年7月31日）),
// then one row per indicator under a two-row header — 三级指标, the
// period's 完成值, one column per 偏差原因 marked with √, 完成目标可能性 and
// 备注（改进措施）. Each indicator row with anything filled in is a
// progress report as of the cut-off date; rows left empty report nothing.
// Indicators are told by their row's position, and the row's 三级指标 goes
// with the report so that the store refuses a form whose rows no longer
// match the goals (store.Entry.IndicatorName).

// asOfRE finds the cut-off date in the line under the title.
var asOfRE = regexp.MustCompile(`截至\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)

// isMonitorForm reports whether the sheet is the official form: a header
// cell 三级指标 and one naming 完成目标可能性.
func isMonitorForm(t Table) bool {
	level3, likely := false, false
	for _, row := range t.Rows {
		for _, c := range row {
			switch normHeader(c) {
			case "三级指标":
				level3 = true
			case "完成目标可能性":
				likely = true
			}
		}
	}
	return level3 && likely
}

// findCell returns the row and column of the first cell whose header text
// is h, or -1, -1.
func findCell(t Table, h string) (int, int) {
	for i, row := range t.Rows {
		for j, c := range row {
			if normHeader(c) == h {
				return i, j
			}
		}
	}
	return -1, -1
}

// rightOf is the first non-empty cell right of (i, j): the value beside a
// label, wherever the merged label ends.
func rightOf(t Table, i, j int) string {
	if i < 0 {
		return ""
	}
	for _, c := range t.Rows[i][j+1:] {
		if c = strings.TrimSpace(c); c != "" {
			return c
		}
	}
	return ""
}

// parseForm reads the progress reports of a filled-in monitoring form.
func parseForm(t Table, by string) ([]Row, error) {
	at := func(line int) *Row { return &Row{File: t.File, Sheet: t.Sheet, Line: line} }
	var asOf jixiao.Date
	for i, row := range t.Rows {
		for _, c := range row {
			if m := asOfRE.FindStringSubmatch(c); m != nil {
				y, _ := strconv.Atoi(m[1])
				mo, _ := strconv.Atoi(m[2])
				d, _ := strconv.Atoi(m[3])
				if asOf = jixiao.NewDate(y, time.Month(mo), d); asOf.M != time.Month(mo) || asOf.D != d {
					return nil, at(i+1).Errorf("截止日期“%s”不是有效日期", m[0])
				}
				break
			}
		}
		if !asOf.IsZero() {
			break
		}
	}
	if asOf.IsZero() {
		return nil, at(0).Errorf("监控表中没有截止日期（标题下应有“截至某年某月某日”）")
	}
	ci, cj := findCell(t, "项目编码")
	code := rightOf(t, ci, cj)
	if code == "" {
		return nil, at(ci + 1).Errorf("监控表中没有项目编码（“项目编码”右边的格子）")
	}
	unit := ""
	if ui, uj := findCell(t, "主管部门及代码"); ui >= 0 {
		if f := strings.Fields(rightOf(t, ui, uj)); len(f) > 0 && strings.Trim(f[0], "0123456789") == "" {
			unit = f[0]
		}
	}
	hi, level3 := findCell(t, "三级指标")
	col := map[string]int{}
	for j, c := range t.Rows[hi] {
		switch h := normHeader(c); {
		case strings.HasSuffix(h, "完成值"):
			col["done"] = j
		case h == "完成目标可能性":
			col["likely"] = j
		case strings.HasPrefix(h, "备注"):
			col["measures"] = j
		}
	}
	causes := map[int]string{}
	if hi+1 < len(t.Rows) {
		for j, c := range t.Rows[hi+1] {
			if h := normHeader(c); slices.Contains(jixiao.Causes, h) {
				causes[j] = h
			}
		}
	}
	if _, ok := col["done"]; !ok {
		return nil, at(hi + 1).Errorf("监控表的表头缺少“完成值”列")
	}
	cell := func(row []string, j int, ok bool) string {
		if !ok || j >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[j])
	}
	var out []Row
	n := 0
	for i := hi + 2; i < len(t.Rows); i++ {
		row := t.Rows[i]
		name := cell(row, level3, true)
		if name == "" {
			if !blankRow(row) {
				return nil, at(i + 1).Errorf("这一行没有三级指标，无法对应到绩效目标的指标")
			}
			continue
		}
		n++
		j, ok := col["done"]
		done := cell(row, j, ok)
		j, ok = col["likely"]
		likely := cell(row, j, ok)
		j, ok = col["measures"]
		measures := cell(row, j, ok)
		var marked []string
		for j, c := range causes {
			if cell(row, j, true) != "" {
				marked = append(marked, c)
			}
		}
		if len(marked) > 1 {
			slices.SortFunc(marked, func(a, b string) int { return slices.Index(jixiao.Causes, a) - slices.Index(jixiao.Causes, b) })
			return nil, at(i+1).Errorf("偏差原因只能选一项，这一行选了%s", strings.Join(marked, "、"))
		}
		if done == "" && likely == "" && measures == "" && len(marked) == 0 {
			continue // nothing reported for this indicator
		}
		r := Row{File: t.File, Sheet: t.Sheet, Line: i + 1, Unit: unit, Year: asOf.Y}
		p := &jixiao.Progress{Indicator: n, AsOf: asOf, Value: done, Likelihood: likely, Measures: measures,
			Entered: jixiao.Stamp{By: by}}
		if len(marked) == 1 {
			p.Cause = marked[0]
		}
		r.Entry.Code, r.Entry.Progress, r.Entry.IndicatorName = code, p, name
		out = append(out, r)
	}
	if n == 0 {
		return nil, at(hi + 1).Errorf("监控表中没有指标行")
	}
	return out, nil
}
