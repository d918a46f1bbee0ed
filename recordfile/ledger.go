package recordfile

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"jixiao"
	"jixiao/ledger"
)

// A ledger sheet lists work records (工作台账), one per row, under a
// header naming at least 日期 and the record's subject. The kind is the
// 类别 column, or the sheet's name when it is a kind's name (a workbook
// with one sheet per kind). The other columns are optional.

// LedgerRow is one work record read from a file, with where it came from,
// so that a refusal by the store can name the file, sheet and row.
type LedgerRow struct {
	File, Sheet string
	Line        int // 1-based row of the sheet
	Record      ledger.Record
}

// Errorf is an *jixiao.ImportError at the row.
func (r *LedgerRow) Errorf(format string, args ...any) error {
	return &jixiao.ImportError{File: r.File, Table: r.Sheet, Line: r.Line, Msg: fmt.Sprintf(format, args...)}
}

// ledgerColumns are the headings each field is found under: the plain
// ones, then each kind's own words.
var ledgerColumns = func() map[string][]string {
	cols := map[string][]string{
		"kind":    {"类别", "记录类别", "台账类别"},
		"date":    {"日期", "抽样日期", "检查日期", "受理日期"},
		"ref":     {"编号", "样品编号", "案件编号", "记录编号"},
		"subject": {"对象", "企业名称", "单位名称"},
		"item":    {"事项", "内容"},
		"outcome": {"结果", "处理结果", "检验结论", "检查结果"},
		"note":    {"备注", "说明"},
		"closed":  {"办结日期", "完成日期", "结果日期"},
	}
	for _, k := range ledger.Kinds {
		cols["subject"] = append(cols["subject"], k.Subject)
		cols["item"] = append(cols["item"], k.Item)
		cols["closed"] = append(cols["closed"], k.ClosedDate)
	}
	return cols
}()

// ReadLedger reads the work records of a CSV or XLSX file. A row that
// cannot be a record is refused naming the file, sheet and row; whether
// its date falls in the right year is the store's to check.
func ReadLedger(name string, data []byte) ([]LedgerRow, error) {
	if len(data) > MaxSize {
		return nil, tooBig(name, int64(len(data)))
	}
	tables, err := Tables(name, data)
	if err != nil {
		return nil, err
	}
	var out []LedgerRow
	for _, t := range tables {
		rows, err := ledgerTable(t)
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	if len(out) == 0 {
		return nil, &jixiao.ImportError{File: name, Msg: "没有找到台账记录：表头应含“类别”“日期”“对象”（或被抽样单位、受检对象等），可另含“编号”“事项”“结果”“备注”"}
	}
	return out, nil
}

// ledgerTable reads one sheet; a sheet without a ledger header gives
// nothing.
func ledgerTable(t Table) ([]LedgerRow, error) {
	head, col := -1, map[string]int{}
	for i, row := range t.Rows {
		col = ledgerHeader(row)
		if _, ok := col["date"]; ok {
			if _, ok := col["subject"]; ok {
				head = i
				break
			}
		}
	}
	if head < 0 {
		return nil, nil
	}
	sheetKind, sheetIsKind := ledger.KindOf(t.Sheet)
	if _, ok := col["kind"]; !ok && !sheetIsKind {
		return nil, &jixiao.ImportError{File: t.File, Table: t.Sheet, Line: head + 1,
			Msg: "缺少“类别”列：请加上该列，或把工作表命名为台账类别（抽检、双随机检查、投诉举报、特种设备检查）"}
	}
	var out []LedgerRow
	for i := head + 1; i < len(t.Rows); i++ {
		row := t.Rows[i]
		if blankRow(row) {
			continue
		}
		cell := func(field string) string {
			j, ok := col[field]
			if !ok || j >= len(row) {
				return ""
			}
			return strings.TrimSpace(row[j])
		}
		lr := LedgerRow{File: t.File, Sheet: t.Sheet, Line: i + 1}
		kind := sheetKind
		if s := cell("kind"); s != "" || !sheetIsKind {
			k, ok := ledger.KindOf(s)
			if !ok {
				return nil, lr.Errorf("类别“%s”不对：应为抽检、双随机检查、投诉举报、特种设备检查之一", s)
			}
			kind = k
		}
		d, err := parseLedgerDate(cell("date"))
		if err != nil {
			return nil, lr.Errorf("%v", err)
		}
		var closed jixiao.Date
		if c := cell("closed"); c != "" {
			if closed, err = parseLedgerDate(c); err != nil {
				return nil, lr.Errorf("%s：%v", kind.ClosedDate, err)
			}
		}
		lr.Record = ledger.Record{Kind: kind.Code, Date: d, Ref: cell("ref"), Subject: cell("subject"),
			Item: cell("item"), Outcome: cell("outcome"), Note: cell("note"), Closed: closed}
		out = append(out, lr)
	}
	return out, nil
}

// ledgerHeader maps the fields to the columns of a row read as a header.
func ledgerHeader(row []string) map[string]int {
	col := map[string]int{}
	for j, c := range row {
		h := normHeader(c)
		for field, names := range ledgerColumns {
			for _, n := range names {
				if _, seen := col[field]; !seen && h == n {
					col[field] = j
				}
			}
		}
	}
	return col
}

// ledgerDateRE reads the ways a date is typed in a ledger: 2024-03-05,
// 2024/3/5, 2024.3.5, 2024年3月5日.
var ledgerDateRE = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

// parseLedgerDate reads a date cell, refusing days that do not exist.
func parseLedgerDate(s string) (jixiao.Date, error) {
	if s == "" {
		return jixiao.Date{}, fmt.Errorf("缺少日期")
	}
	m := ledgerDateRE.FindStringSubmatch(s)
	if m == nil {
		return jixiao.Date{}, fmt.Errorf("日期“%s”无法识别：请写成 2024-03-05 或 2024年3月5日", s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	date := jixiao.NewDate(y, time.Month(mo), d)
	if date.Y != y || int(date.M) != mo || date.D != d {
		return jixiao.Date{}, fmt.Errorf("日期“%s”不存在", s)
	}
	return date, nil
}
