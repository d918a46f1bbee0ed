package main

import (
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"jixiao"
	"jixiao/ledger"
	"jixiao/recordfile"
	"jixiao/store"
)

func init() {
	register(command{"ledger", "工作台账：ledger import FILE（抽检、双随机检查、投诉举报、特种设备检查记录），ledger show（从台账取数的指标）", cmdLedger})
}

const ledgerSynopsis = "用法: jixiao ledger import [--unit CODE] [--year YYYY] [--by NAME] FILE...\n" +
	"      jixiao ledger show [--unit CODE] [--year YYYY] [--as-of YYYY-MM-DD]"

func cmdLedger(e *env, args []string) int {
	switch {
	case len(args) > 0 && args[0] == "import":
		return ledgerImport(e, args[1:])
	case len(args) > 0 && args[0] == "show":
		return ledgerShow(e, args[1:])
	case len(args) > 0 && (args[0] == "-h" || args[0] == "--help"):
		fmt.Fprintln(e.stdout, ledgerSynopsis)
		return exitOK
	}
	fmt.Fprintln(e.stderr, ledgerSynopsis)
	return exitFail
}

// ledgerImport adds the work records of the files to one document's
// ledger, all or none.
func ledgerImport(e *env, args []string) int {
	f := newFlags(e, "ledger import", "ledger import [--unit CODE] [--year YYYY] [--by NAME] FILE...\n\n"+
		"表头含 类别、日期、对象，可另含 编号、事项、结果、备注（也可用各类别自己的列名，如 抽样日期、被抽样单位、样品名称）；\n"+
		"工作簿可每个类别一张工作表、以类别命名，此时可省略 类别 列。\n"+
		"文件为 CSV（UTF-8 或 GBK）或 XLSX；任何一行有错则全部不导入")
	unit, year := documentFlags(f)
	by := f.String("by", "本机操作员", "记录为录入人")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	if f.NArg() == 0 {
		f.Usage()
		return exitFail
	}
	var rows []recordfile.LedgerRow
	for _, path := range f.Args() {
		rs, err := recordfile.ReadLedgerFile(path)
		if err != nil {
			return fail(e, err)
		}
		rows = append(rows, rs...)
	}
	st, doc, err := openDocument(e, f, *unit, *year)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	records := make([]ledger.Record, len(rows))
	for i, r := range rows {
		records[i] = r.Record
	}
	if _, err := st.AddWorkRecords(e.ctx, doc.Key(), records, *by); err != nil {
		var ee *store.EntryError
		if errors.As(err, &ee) && ee.Index < len(rows) {
			return fail(e, rows[ee.Index].Errorf("%v（未导入任何记录）", ee.Err))
		}
		return fail(e, fmt.Errorf("%v（未导入任何记录）", err))
	}
	fmt.Fprintf(e.stdout, "已为 %s %d 年度导入 %d 条台账记录\n", doc.Unit.Name, doc.Year, len(records))
	return exitOK
}

// ledgerShow prints the ledger's records by kind and the indicators
// counted from them.
func ledgerShow(e *env, args []string) int {
	f := newFlags(e, "ledger show", "ledger show [--unit CODE] [--year YYYY] [--as-of YYYY-MM-DD]")
	unit, year := documentFlags(f)
	asOfFlag := f.String("as-of", "", "计算截至的日期（默认全年）")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	var asOf jixiao.Date
	if *asOfFlag != "" {
		var err error
		if asOf, err = jixiao.ParseDate(*asOfFlag); err != nil {
			return fail(e, err)
		}
	}
	st, doc, err := openDocument(e, f, *unit, *year)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	records, err := st.WorkRecords(e.ctx, doc.Key())
	if err != nil {
		return fail(e, err)
	}
	bindings, err := st.Measures(e.ctx, doc.Key())
	if err != nil {
		return fail(e, err)
	}
	writeLedger(e.stdout, doc, records, ledger.Count(doc, records, bindings, asOf))
	return exitOK
}

// writeLedger prints the counts by kind and every counted indicator.
func writeLedger(w io.Writer, doc *jixiao.Document, records []ledger.Record, counted []ledger.Counted) {
	fmt.Fprintf(w, "%s %d 年度工作台账：%d 条记录\n", doc.Unit.Name, doc.Year, len(records))
	for _, c := range ledger.Tally(records, jixiao.DateOf(time.Now())) {
		if c.Days > 0 {
			fmt.Fprintf(w, "  %s %d（%d 个工作日内%s，超期 %d）\n", c.Name, c.N, c.Days, c.Closed, c.Late)
		} else {
			fmt.Fprintf(w, "  %s %d\n", c.Name, c.N)
		}
	}
	if len(counted) == 0 {
		fmt.Fprintln(w, "没有指标从台账取数")
		return
	}
	fmt.Fprintln(w, "\n从台账取数的指标：")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "项目\t指标\t指标值\t取数方式\t计算值\t对照")
	for _, c := range counted {
		value, met := c.Value, c.Met
		if c.Problem != "" {
			value, met = "—", c.Problem
		}
		fmt.Fprintf(tw, "%s\t%d. %s\t%s\t%s\t%s\t%s\n", c.ProjectName, c.Indicator, c.Name, c.Target, c.Measure.Label(), value, met)
	}
	tw.Flush()
}

// openDocument opens the store and reads the one document of the unit
// and year; the caller closes the store.
func openDocument(e *env, f *flags, unit string, year int) (*store.Store, *jixiao.Document, error) {
	st, err := f.open(e)
	if err != nil {
		return nil, nil, err
	}
	doc, err := pickDocument(e, st, unit, year)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, doc, nil
}

// documentFlags are --unit and --year, naming one stored document.
func documentFlags(f *flags) (unit *string, year *int) {
	return f.String("unit", "", "单位编码（只有一份文档时可省略）"), f.Int("year", 0, "预算年度（只有一份文档时可省略）")
}
