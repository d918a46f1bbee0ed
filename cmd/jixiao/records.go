package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/store"
)

func init() {
	register(command{"records", "录入运行监控记录：records import FILE（CSV 或 XLSX 的支出、指标进度）", cmdRecords})
}

func cmdRecords(e *env, args []string) int {
	if len(args) == 0 || args[0] != "import" {
		const synopsis = "用法: jixiao records import [--unit CODE] [--year YYYY] [--by NAME] FILE..."
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(e.stdout, synopsis)
			return exitOK
		}
		fmt.Fprintln(e.stderr, synopsis)
		return exitFail
	}
	f := newFlags(e, "records import", "records import [--unit CODE] [--year YYYY] [--by NAME] FILE...\n\n"+
		"支出表的列：单位编码、年度、项目编码、日期、金额（元）或金额（万元）、摘要\n"+
		"进度表的列：项目编码、指标序号、截至日期、完成值、偏差原因、完成目标可能性、改进措施\n"+
		"（单位编码、年度可省略，改用 --unit、--year；更正记录编号可选）\n"+
		"文件为 CSV（UTF-8 或 GBK）或 XLSX；任何一行有错则全部不导入")
	unit := f.String("unit", "", "没有单位编码列时使用的单位编码")
	year := f.Int("year", 0, "没有年度列时使用的预算年度（默认取日期的年份）")
	by := f.String("by", "本机操作员", "记录为录入人")
	if code, ok := f.parse(e, args[1:]); !ok {
		return code
	}
	if f.NArg() == 0 {
		f.Usage()
		return exitFail
	}
	var rows []recordRow
	for _, path := range f.Args() {
		tables, err := readTables(path)
		if err != nil {
			return fail(e, err)
		}
		for _, t := range tables {
			rs, err := parseRecordTable(t, *by)
			if err != nil {
				return fail(e, err)
			}
			rows = append(rows, rs...)
		}
	}
	if len(rows) == 0 {
		return fail(e, errors.New("文件中没有记录"))
	}
	st, err := f.open(e)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	sums, err := st.Documents(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	entries := make([]store.Entry, len(rows))
	for i := range rows {
		r := &rows[i]
		if r.entry.Key, err = resolveKey(sums, r, *unit, *year); err != nil {
			return fail(e, r.errorf("%v（未导入任何记录）", err))
		}
		entries[i] = r.entry
	}
	if _, err := st.AddRecords(e.ctx, entries); err != nil {
		var ee *store.EntryError
		if errors.As(err, &ee) {
			return fail(e, rows[ee.Index].errorf("%v（未导入任何记录）", ee.Err))
		}
		return fail(e, fmt.Errorf("%v（未导入任何记录）", err))
	}
	ns, np := 0, 0
	for _, r := range entries {
		if r.Spending != nil {
			ns++
		} else {
			np++
		}
	}
	fmt.Fprintf(e.stdout, "已导入 %d 条支出记录、%d 条指标进度记录\n", ns, np)
	return exitOK
}

// table is one sheet of an input file: rows of cells, the first with
// content being the header.
type table struct {
	file, sheet string
	rows        [][]string
}

// recordRow is one record read from a file, with where it came from.
type recordRow struct {
	file, sheet string
	line        int
	unit        string
	year        int
	entry       store.Entry
}

func (r *recordRow) errorf(format string, args ...any) error {
	return &jixiao.ImportError{File: r.file, Table: r.sheet, Line: r.line, Msg: fmt.Sprintf(format, args...)}
}

// resolveKey decides the document of a row: its own 单位编码 and 年度, else
// the flags, else the year of its date and the one document of that year.
func resolveKey(sums []store.Summary, r *recordRow, unit string, year int) (jixiao.Key, error) {
	k := jixiao.Key{Unit: r.unit, Year: r.year}
	if k.Unit == "" {
		k.Unit = unit
	}
	if k.Year == 0 {
		k.Year = year
	}
	if k.Year == 0 {
		switch {
		case r.entry.Spending != nil:
			k.Year = r.entry.Spending.Date.Y
		case r.entry.Progress != nil:
			k.Year = r.entry.Progress.AsOf.Y
		}
	}
	if k.Unit != "" {
		return k, nil
	}
	var match []jixiao.Key
	for _, s := range sums {
		if s.Key.Year == k.Year {
			match = append(match, s.Key)
		}
	}
	if len(match) != 1 {
		return k, fmt.Errorf("无法确定单位：%d 年度有 %d 份绩效目标，请加“单位编码”列或用 --unit 指定", k.Year, len(match))
	}
	return match[0], nil
}

// normHeader makes headers comparable: no whitespace, half-width brackets.
func normHeader(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '（':
			return '('
		case '）':
			return ')'
		case ' ', '\t', '\u3000', '\r', '\n', '\ufeff':
			return -1
		}
		return r
	}, s)
	return s
}

// parseRecordTable reads a spending or progress sheet, told apart by its
// header (金额 or 指标序号).
func parseRecordTable(t table, by string) ([]recordRow, error) {
	head := -1
	for i, row := range t.rows {
		if !blankRow(row) {
			head = i
			break
		}
	}
	if head < 0 {
		return nil, nil
	}
	col := map[string]int{}
	for j, h := range t.rows[head] {
		if h = normHeader(h); h != "" {
			col[h] = j
		}
	}
	where := &recordRow{file: t.file, sheet: t.sheet, line: head + 1}
	amountCol, wan := -1, false
	for h, j := range col {
		switch h {
		case "金额(元)", "金额":
			amountCol = j
		case "金额(万元)":
			amountCol, wan = j, true
		}
	}
	_, progress := col["指标序号"]
	if amountCol < 0 && !progress {
		return nil, where.errorf("表头应为支出表（含“金额（元）”或“金额（万元）”列）或进度表（含“指标序号”列）")
	}
	need := []string{"项目编码", "日期"}
	if progress {
		need = []string{"项目编码", "指标序号", "截至日期", "完成值"}
	}
	for _, h := range need {
		if _, ok := col[h]; !ok {
			return nil, where.errorf("缺少“%s”列", h)
		}
	}
	cell := func(row []string, h string) string {
		j, ok := col[h]
		if !ok || j >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[j])
	}
	var out []recordRow
	for i := head + 1; i < len(t.rows); i++ {
		row := t.rows[i]
		if blankRow(row) {
			continue
		}
		r := recordRow{file: t.file, sheet: t.sheet, line: i + 1, unit: cell(row, "单位编码")}
		r.entry.Code = cell(row, "项目编码")
		if r.entry.Code == "" {
			return nil, r.errorf("项目编码为空")
		}
		if y := cell(row, "年度"); y != "" {
			n, err := strconv.Atoi(y)
			if err != nil {
				return nil, r.errorf("年度“%s”不是四位年份", y)
			}
			r.year = n
		}
		var replaces int64
		if c := cell(row, "更正记录编号"); c != "" {
			n, err := strconv.ParseInt(c, 10, 64)
			if err != nil || n <= 0 {
				return nil, r.errorf("更正记录编号“%s”不是正整数", c)
			}
			replaces = n
		}
		stamp := jixiao.Stamp{By: by}
		if progress {
			n, err := strconv.Atoi(cell(row, "指标序号"))
			if err != nil {
				return nil, r.errorf("指标序号“%s”不是整数", cell(row, "指标序号"))
			}
			d, err := jixiao.ParseDate(cell(row, "截至日期"))
			if err != nil {
				return nil, r.errorf("截至日期：%v", err)
			}
			r.entry.Progress = &jixiao.Progress{Indicator: n, AsOf: d, Value: cell(row, "完成值"),
				Cause: cell(row, "偏差原因"), Likelihood: cell(row, "完成目标可能性"),
				Measures: cell(row, "改进措施"), Replaces: replaces, Entered: stamp}
		} else {
			d, err := jixiao.ParseDate(cell(row, "日期"))
			if err != nil {
				return nil, r.errorf("日期：%v", err)
			}
			raw := ""
			if amountCol < len(row) {
				raw = strings.TrimSpace(row[amountCol])
			}
			parse, unitName := jixiao.ParseYuan, "元"
			if wan {
				parse, unitName = jixiao.ParseWan, "万元"
			}
			amount, err := parse(raw)
			if err != nil {
				return nil, r.errorf("金额（%s）：%v", unitName, err)
			}
			r.entry.Spending = &jixiao.Spending{Date: d, Amount: amount, Note: cell(row, "摘要"),
				Replaces: replaces, Entered: stamp}
		}
		out = append(out, r)
	}
	return out, nil
}

func blankRow(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// readTables reads a .csv or .xlsx file into its sheets.
func readTables(path string) ([]table, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return readCSV(path)
	case ".xlsx":
		return readXLSX(path)
	}
	return nil, &jixiao.ImportError{File: path, Msg: "只支持 .csv 和 .xlsx 文件"}
}
