// Package recordfile reads the monitoring records departments keep in
// spreadsheets — spending records and indicator progress reports, as CSV
// (UTF-8 or GBK) or XLSX — into store entries. It only reads: bytes in,
// entries out; deciding the document of each entry and storing it is the
// caller's (the command line and the web upload share this reader).
package recordfile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/store"
)

// MaxSize is the largest record file accepted: 20 MB.
const MaxSize = 20 << 20

// Table is one sheet of an input file: rows of cells, the first with
// content being the header. A CSV file is one table without a sheet name.
type Table struct {
	File, Sheet string
	Rows        [][]string
}

// Row is one record read from a file, with where it came from, so that a
// refusal (here or by the store) can name the file, sheet and row.
type Row struct {
	File, Sheet string
	Line        int    // 1-based row of the sheet
	Unit        string // the row's 单位编码, "" without that column
	Year        int    // the row's 年度, 0 without that column
	// Entry is the record; its Key is left for the caller to decide.
	Entry store.Entry
}

// Errorf is an *jixiao.ImportError at the row.
func (r *Row) Errorf(format string, args ...any) error {
	return &jixiao.ImportError{File: r.File, Table: r.Sheet, Line: r.Line, Msg: fmt.Sprintf(format, args...)}
}

// Read reads one file's records, entered by by. The kind is told by the
// content: a ZIP archive is an XLSX workbook, an old binary workbook is
// refused with advice, other content is CSV. The name is for messages and
// for refusing files that are neither .csv nor .xlsx.
func Read(name string, data []byte, by string) ([]Row, error) {
	if len(data) > MaxSize {
		return nil, tooBig(name, int64(len(data)))
	}
	tables, err := Tables(name, data)
	if err != nil {
		return nil, err
	}
	var out []Row
	for _, t := range tables {
		rs, err := ParseTable(t, by)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

// ReadFile reads the file at path as Read does, refusing a file over
// MaxSize before reading it.
func ReadFile(path, by string) ([]Row, error) {
	data, err := load(path)
	if err != nil {
		return nil, err
	}
	return Read(path, data, by)
}

// ReadLedgerFile reads the work records of the file at path as
// ReadLedger does, refusing a file over MaxSize before reading it.
func ReadLedgerFile(path string) ([]LedgerRow, error) {
	data, err := load(path)
	if err != nil {
		return nil, err
	}
	return ReadLedger(path, data)
}

// load reads a file of at most MaxSize bytes.
func load(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, &jixiao.ImportError{File: path, Msg: fmt.Sprintf("无法读取：%v", err)}
	}
	if st.Size() > MaxSize {
		return nil, tooBig(path, st.Size())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &jixiao.ImportError{File: path, Msg: fmt.Sprintf("无法读取：%v", err)}
	}
	return data, nil
}

func tooBig(name string, size int64) error {
	return &jixiao.ImportError{File: name, Msg: fmt.Sprintf("文件大小 %.1f MB，超过上限 %d MB", float64(size)/(1<<20), MaxSize>>20)}
}

// zipMagic starts every XLSX file; oleMagic starts the old .xls format.
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
)

// Tables splits a file into its sheets (see Read for how its kind is told).
func Tables(name string, data []byte) ([]Table, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, zipMagic) || ext == ".xlsx":
		return readXLSX(name, data)
	case bytes.HasPrefix(data, oleMagic):
		return nil, &jixiao.ImportError{File: name, Msg: "这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入"}
	case ext == ".csv":
		return readCSV(name, data)
	}
	return nil, &jixiao.ImportError{File: name, Msg: "只支持 .csv 和 .xlsx 文件"}
}

// normHeader makes headers comparable: no whitespace, half-width brackets.
func normHeader(s string) string {
	return strings.Map(func(r rune) rune {
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
}

// ParseTable reads a spending or progress sheet, told apart by its header
// (金额 or 指标序号), or a filled-in official monitoring form (see
// parseForm). Every record is stamped as entered by by.
func ParseTable(t Table, by string) ([]Row, error) {
	if isMonitorForm(t) {
		return parseForm(t, by)
	}
	head := -1
	for i, row := range t.Rows {
		if !blankRow(row) {
			head = i
			break
		}
	}
	if head < 0 {
		return nil, nil
	}
	col := map[string]int{}
	for j, h := range t.Rows[head] {
		if h = normHeader(h); h != "" {
			col[h] = j
		}
	}
	where := &Row{File: t.File, Sheet: t.Sheet, Line: head + 1}
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
		return nil, where.Errorf("表头应为支出表（含“金额（元）”或“金额（万元）”列）或进度表（含“指标序号”列）")
	}
	need := []string{"项目编码", "日期"}
	if progress {
		need = []string{"项目编码", "指标序号", "截至日期", "完成值"}
	}
	for _, h := range need {
		if _, ok := col[h]; !ok {
			return nil, where.Errorf("缺少“%s”列", h)
		}
	}
	cell := func(row []string, h string) string {
		j, ok := col[h]
		if !ok || j >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[j])
	}
	var out []Row
	for i := head + 1; i < len(t.Rows); i++ {
		row := t.Rows[i]
		if blankRow(row) {
			continue
		}
		r := Row{File: t.File, Sheet: t.Sheet, Line: i + 1, Unit: cell(row, "单位编码")}
		r.Entry.Code = cell(row, "项目编码")
		if r.Entry.Code == "" {
			return nil, r.Errorf("项目编码为空")
		}
		if y := cell(row, "年度"); y != "" {
			n, err := strconv.Atoi(y)
			if err != nil {
				return nil, r.Errorf("年度“%s”不是四位年份", y)
			}
			r.Year = n
		}
		var replaces int64
		if c := cell(row, "更正记录编号"); c != "" {
			n, err := strconv.ParseInt(c, 10, 64)
			if err != nil || n <= 0 {
				return nil, r.Errorf("更正记录编号“%s”不是正整数", c)
			}
			replaces = n
		}
		stamp := jixiao.Stamp{By: by}
		if progress {
			n, err := strconv.Atoi(cell(row, "指标序号"))
			if err != nil {
				return nil, r.Errorf("指标序号“%s”不是整数", cell(row, "指标序号"))
			}
			d, err := jixiao.ParseDate(cell(row, "截至日期"))
			if err != nil {
				return nil, r.Errorf("截至日期：%v", err)
			}
			r.Entry.Progress = &jixiao.Progress{Indicator: n, AsOf: d, Value: cell(row, "完成值"),
				Cause: cell(row, "偏差原因"), Likelihood: cell(row, "完成目标可能性"),
				Measures: cell(row, "改进措施"), Replaces: replaces, Entered: stamp}
		} else {
			d, err := jixiao.ParseDate(cell(row, "日期"))
			if err != nil {
				return nil, r.Errorf("日期：%v", err)
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
				return nil, r.Errorf("金额（%s）：%v", unitName, err)
			}
			r.Entry.Spending = &jixiao.Spending{Date: d, Amount: amount, Note: cell(row, "摘要"),
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

// Count is how many spending records and progress reports the entries
// hold; entries AddRecords found the same as the stored report (Same) are
// not counted: nothing was added for them.
func Count(entries []store.Entry) (spending, progress int) {
	for _, e := range entries {
		if e.Same {
			continue // a form's row that repeated the stored report
		}
		if e.Spending != nil {
			spending++
		} else {
			progress++
		}
	}
	return spending, progress
}
