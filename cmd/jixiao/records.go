package main

import (
	"errors"
	"fmt"

	"jixiao"
	"jixiao/recordfile"
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
	var rows []recordfile.Row
	for _, path := range f.Args() {
		rs, err := recordfile.ReadFile(path, *by)
		if err != nil {
			return fail(e, err)
		}
		rows = append(rows, rs...)
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
		if r.Entry.Key, err = resolveKey(sums, r, *unit, *year); err != nil {
			return fail(e, r.Errorf("%v（未导入任何记录）", err))
		}
		entries[i] = r.Entry
	}
	stored, err := st.AddRecords(e.ctx, entries)
	if err != nil {
		var ee *store.EntryError
		if errors.As(err, &ee) {
			return fail(e, rows[ee.Index].Errorf("%v（未导入任何记录）", ee.Err))
		}
		return fail(e, fmt.Errorf("%v（未导入任何记录）", err))
	}
	ns, np := recordfile.Count(stored)
	fmt.Fprintf(e.stdout, "已导入 %d 条支出记录、%d 条指标进度记录\n", ns, np)
	return exitOK
}

// resolveKey decides the document of a row: its own 单位编码 and 年度, else
// the flags, else the year of its date and the one document of that year.
func resolveKey(sums []store.Summary, r *recordfile.Row, unit string, year int) (jixiao.Key, error) {
	k := jixiao.Key{Unit: r.Unit, Year: r.Year}
	if k.Unit == "" {
		k.Unit = unit
	}
	if k.Year == 0 {
		k.Year = year
	}
	if k.Year == 0 {
		switch {
		case r.Entry.Spending != nil:
			k.Year = r.Entry.Spending.Date.Y
		case r.Entry.Progress != nil:
			k.Year = r.Entry.Progress.AsOf.Y
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
