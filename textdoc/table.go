package textdoc

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"jixiao"
	"jixiao/target"
)

// cell is one table cell with the line it was written on.
type cell struct {
	text string
	line int
}

// row is one table row: the cell lines between two blank lines.
type row []cell

// first is the row's first cell text ("" for an empty row).
func (r row) first() string {
	if len(r) == 0 {
		return ""
	}
	return r[0].text
}

// empty reports whether every cell of the row is empty.
func (r row) empty() bool {
	for _, c := range r {
		if c.text != "" {
			return false
		}
	}
	return true
}

var (
	// 1.办公楼运维费绩效目标表 — what a table's title line ends with.
	titleSuffix = "绩效目标表"
	// 414001乐亭县市场监督管理局本级 — budget unit code and name.
	unitRe = regexp.MustCompile(`^(?:单位名称[:：]?)?([0-9]{3,})\s*(\S.*)$`)
	// 单位：万元 — the money unit of the table.
	moneyUnitRe = regexp.MustCompile(`单位[:：]\s*(万元|元)$`)
	// 3月底 — a spending-plan checkpoint.
	monthRe = regexp.MustCompile(`^([0-9]{1,2})月(?:底|末)?$`)
)

// isTitle reports whether a non-cell line is the title of a goal table.
func isTitle(l line) bool {
	return !l.cell && strings.HasSuffix(l.text, titleSuffix) && len([]rune(l.text)) <= 120
}

// table is one goal table as read, before the document year is known.
type table struct {
	title     string
	titleLine int
	lastLine  int // the last cell line of the table

	unit       jixiao.Unit
	unitLine   int
	yuan       bool // amounts are in 元, not 万元
	moneyKnown bool

	codeLine                int
	budget, fiscal, other   *cell
	months                  []time.Month
	monthLine               int
	percents                []cell
	project                 jixiao.Project
	headerSeen              bool
	expectPurpose, expectPc bool
}

// failf builds the error for a problem in this table.
func (t *table) failf(file string, line int, format string, args ...any) *jixiao.ImportError {
	return &jixiao.ImportError{File: file, Table: t.title, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// rows groups a table's lines into rows. A text line without the leading
// tab right after a cell continues that cell (a second paragraph); text
// lines between rows (notes, page headers) are not part of the table.
func rows(lines []line) []row {
	var out []row
	var cur row
	open := false
	for _, l := range lines {
		switch {
		case l.cell:
			cur = append(cur, cell{l.text, l.no})
			open = true
		case l.text == "":
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur, open = nil, false
		case open:
			c := &cur[len(cur)-1]
			c.text = joinLine(c.text, l.text)
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// readTable reads one goal table: its title line and the lines up to the
// next title. Amounts and plan percentages are read here; plan dates wait
// for the document year.
func readTable(file string, title line, body []line, prevYuan, prevKnown bool) (*table, error) {
	t := &table{title: title.text, titleLine: title.no, lastLine: title.no, yuan: prevYuan, moneyKnown: prevKnown}
	for _, l := range body {
		if l.cell {
			t.lastLine = l.no
		}
	}
	for _, r := range rows(body) {
		if err := t.readRow(file, r); err != nil {
			return nil, err
		}
	}
	return t, t.finish(file)
}

// readRow reads one row according to its labels.
func (t *table) readRow(file string, r row) error {
	if r.empty() {
		return nil
	}
	if t.headerSeen {
		return t.readIndicator(file, r)
	}
	labels := make([]string, len(r))
	for i, c := range r {
		labels[i] = label(c.text)
	}
	has := func(s string) int {
		for i, l := range labels {
			if l == s {
				return i
			}
		}
		return -1
	}
	expectPurpose, expectPc := t.expectPurpose, t.expectPc
	t.expectPurpose, t.expectPc = false, false
	switch {
	case has("一级指标") >= 0:
		t.headerSeen = true
	case has("项目编码") >= 0 || has("项目名称") >= 0:
		t.pairs(r, labels, func(l string, v *cell, lc cell) {
			switch l {
			case "项目编码":
				t.codeLine = lc.line
				if v != nil {
					t.project.Code = v.text
					t.codeLine = v.line
				}
			case "项目名称":
				if v != nil {
					t.project.Name = v.text
				}
			}
		})
	case has("预算数") >= 0:
		t.pairs(r, labels, func(l string, v *cell, lc cell) {
			if v == nil {
				v = &cell{"", lc.line}
			}
			switch l {
			case "预算数":
				t.budget = v
			case "财政资金", "财政拨款":
				t.fiscal = v
			case "其他资金":
				t.other = v
			}
		})
		t.expectPurpose = true
	case strings.Contains(labels[0], "资金支出计划"):
		t.months = t.months[:0]
		t.monthLine = r[0].line
		for _, c := range r[1:] {
			if c.text == "" {
				continue
			}
			m := monthRe.FindStringSubmatch(norm(c.text))
			mo := 0
			if m != nil {
				mo, _ = strconv.Atoi(m[1])
			}
			if mo < 1 || mo > 12 {
				return t.failf(file, c.line, "资金支出计划的时点“%s”无法识别，应写作“3月底”这样的月份", c.text)
			}
			t.months = append(t.months, time.Month(mo))
		}
		t.expectPc = true
	case labels[0] == "绩效目标" || labels[0] == "年度绩效目标" || labels[0] == "年度目标":
		t.project.Goal = joinCells(r[1:])
	case expectPc && labels[0] == "":
		t.percents = append([]cell(nil), r[1:]...)
	case expectPurpose && (labels[0] == "" || labels[0] == "资金用途"):
		t.project.Purpose = joinCells(r[1:])
	case t.project.Code == "" && t.isUnitRow(r):
		t.readUnit(file, r)
	default:
		return t.failf(file, r[0].line, "无法识别的表格内容“%s”", short(firstText(r)))
	}
	return nil
}

// label folds a label cell: no blanks, half-width punctuation, no "其中:".
func label(s string) string {
	l := norm(s)
	l = strings.TrimPrefix(l, "其中:")
	return strings.TrimSuffix(l, ":")
}

// pairs walks a row of "label, value, label, value…" cells; a label at the
// row's end has a nil value (an absent trailing cell).
func (t *table) pairs(r row, labels []string, f func(label string, value *cell, labelCell cell)) {
	for i := 0; i < len(r); i++ {
		switch labels[i] {
		case "项目编码", "项目名称", "预算数", "财政资金", "财政拨款", "其他资金":
		default:
			continue
		}
		var v *cell
		if i+1 < len(r) {
			v = &r[i+1]
		}
		f(labels[i], v, r[i])
		i++
	}
}

// isUnitRow reports whether a row holds the budget unit or the money unit.
func (t *table) isUnitRow(r row) bool {
	for _, c := range r {
		if unitRe.MatchString(c.text) || moneyUnitRe.MatchString(norm(c.text)) {
			return true
		}
	}
	return false
}

// readUnit reads "414001乐亭县市场监督管理局本级" and "单位：万元".
func (t *table) readUnit(file string, r row) {
	for _, c := range r {
		if m := moneyUnitRe.FindStringSubmatch(norm(c.text)); m != nil {
			t.yuan, t.moneyKnown = m[1] == "元", true
			continue
		}
		if m := unitRe.FindStringSubmatch(c.text); m != nil {
			t.unit = jixiao.Unit{Code: m[1], Name: trimBlank(m[2])}
			t.unitLine = c.line
		}
	}
}

// readIndicator reads one indicator row of six cells: 一级, 二级, 三级,
// 描述, 指标值, 依据. An absent trailing 依据 cell is accepted; empty 一级
// and 二级 cells are merged with the row above.
func (t *table) readIndicator(file string, r row) error {
	if label(r.first()) == "一级指标" {
		return nil // the header repeated after a page break
	}
	if len(r) > 6 || len(r) < 5 {
		return t.failf(file, r[0].line, "指标行有%d个单元格，应为6个（一级指标、二级指标、三级指标、绩效指标描述、指标值、指标值确定依据）", len(r))
	}
	in := jixiao.Indicator{
		Level1:      r[0].text,
		Level2:      r[1].text,
		Level3:      r[2].text,
		Description: r[3].text,
		Value:       r[4].text,
	}
	if len(r) == 6 {
		in.Basis = r[5].text
	}
	if n := len(t.project.Indicators); n > 0 {
		prev := t.project.Indicators[n-1]
		carried := false
		if in.Level1 == "" {
			in.Level1, carried = prev.Level1, true
		}
		if in.Level2 == "" && (carried || norm(in.Level1) == norm(prev.Level1)) {
			in.Level2 = prev.Level2
		}
	}
	in.Target = target.Parse(in.Value)
	t.project.Indicators = append(t.project.Indicators, in)
	return nil
}

// finish checks that the table is whole and reads its amounts.
func (t *table) finish(file string) error {
	p := &t.project
	if p.Code == "" {
		line := t.titleLine
		if t.codeLine > 0 {
			line = t.codeLine
		}
		return t.failf(file, line, "缺少项目编码")
	}
	if p.Name == "" {
		return t.failf(file, t.codeLine, "缺少项目名称")
	}
	if t.budget == nil {
		return t.failf(file, t.lastLine, "表格不完整：缺少预算数（表格在第%d行中断）", t.lastLine)
	}
	if !t.headerSeen || len(p.Indicators) == 0 {
		return t.failf(file, t.lastLine, "表格不完整：没有绩效指标行（表格在第%d行中断）", t.lastLine)
	}
	if !t.moneyKnown {
		return t.failf(file, t.budget.line, "缺少金额单位（应有“单位：万元”）")
	}
	var err error
	if p.Budget, err = t.amount(file, t.budget, "预算数", false); err != nil {
		return err
	}
	if p.Fiscal, err = t.amount(file, t.fiscal, "财政资金", true); err != nil {
		return err
	}
	if p.Other, err = t.amount(file, t.other, "其他资金", true); err != nil {
		return err
	}
	if len(t.percents) > 0 || len(t.months) > 0 {
		pcs := t.percents
		if len(pcs) > len(t.months) {
			return t.failf(file, pcs[0].line, "资金支出计划有%d个百分比，但只有%d个时点", len(pcs), len(t.months))
		}
		for i, c := range pcs {
			if c.text == "" {
				continue // no checkpoint planned at this month
			}
			s := strings.TrimSuffix(target.Normalize(c.text), "%")
			d, err := jixiao.ParseDecimal(s)
			if err != nil || d < 0 {
				return t.failf(file, c.line, "资金支出计划“%s”不是百分比", short(c.text))
			}
			// The year is not known yet: keep the month, set the date later.
			p.Plan = append(p.Plan, jixiao.Checkpoint{By: jixiao.Date{M: t.months[i]}, Percent: d})
		}
	}
	return nil
}

// amount reads a money cell in the table's unit into fen. An empty cell is
// zero where allowed (其他资金 is often left blank).
func (t *table) amount(file string, c *cell, what string, emptyOK bool) (jixiao.Fen, error) {
	if c == nil || c.text == "" {
		if emptyOK {
			return 0, nil
		}
		line := t.titleLine
		if c != nil {
			line = c.line
		}
		return 0, t.failf(file, line, "%s为空", what)
	}
	s := strings.ReplaceAll(norm(c.text), ",", "")
	var f jixiao.Fen
	var err error
	if t.yuan {
		f, err = jixiao.ParseYuan(strings.TrimSuffix(s, "元"))
	} else {
		f, err = jixiao.ParseWan(strings.TrimSuffix(s, "万元"))
	}
	if err != nil {
		unit := "万元"
		if t.yuan {
			unit = "元"
		}
		return 0, t.failf(file, c.line, "%s“%s”不是以%s为单位的金额", what, short(c.text), unit)
	}
	if f < 0 {
		return 0, t.failf(file, c.line, "%s“%s”不能为负数", what, short(c.text))
	}
	return f, nil
}

// joinCells joins the non-empty cells of a text row, one paragraph a line.
func joinCells(cs []cell) string {
	var s string
	for _, c := range cs {
		if c.text != "" {
			s = joinLine(s, c.text)
		}
	}
	return s
}

// firstText is the first non-empty cell of a row.
func firstText(r row) string {
	for _, c := range r {
		if c.text != "" {
			return c.text
		}
	}
	return ""
}

// short shortens a quoted cell for a message.
func short(s string) string {
	r := []rune(s)
	if len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}
