package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/docx"
)

// sheet is one worksheet read into text cells. A horizontally merged range
// counts as its first cell; the lower rows of a vertically merged range
// keep one empty cell in the range's first column, as Word's table does.
type sheet struct {
	name string
	rows [][]string // rows[i] is sheet row i+1, merged-away cells removed
}

// empty reports whether the sheet has no text at all.
func (s *sheet) empty() bool {
	for _, r := range s.rows {
		for _, c := range r {
			if c != "" {
				return false
			}
		}
	}
	return true
}

// firstRow is the 1-based number of the first row with text.
func (s *sheet) firstRow() int {
	for i, r := range s.rows {
		for _, c := range r {
			if c != "" {
				return i + 1
			}
		}
	}
	return 1
}

// Read reads a goal document from an .xlsx workbook in either shape the
// package describes. In refusals, Table is the sheet and Line its row.
func Read(name string, data []byte) (doc *jixiao.Document, err error) {
	defer RefusePanic(name, &err)
	fail := func(format string, a ...any) error {
		return &jixiao.ImportError{File: name, Msg: fmt.Sprintf(format, a...)}
	}
	f, err := Open(name, data)
	if err != nil {
		return nil, err
	}
	defer f.Close()

	var sheets []*sheet
	for _, sh := range f.GetSheetList() {
		s, err := readSheet(name, f, sh)
		if err != nil {
			return nil, err
		}
		if !s.empty() {
			sheets = append(sheets, s)
		}
	}
	if len(sheets) == 0 {
		return nil, fail("Excel 工作簿中没有内容")
	}
	year := 0
	if props, err := f.GetCustomProps(); err == nil {
		for _, p := range props {
			if p.Name == YearProperty {
				year = yearOf(p.Value)
			}
		}
	}
	for _, s := range sheets {
		if flatHeader(s) > 0 {
			return readFlat(name, sheets, year)
		}
	}
	return readPrinted(name, sheets, year)
}

// yearOf reads the year property whatever type it was stored as.
func yearOf(v any) int {
	var y int
	switch v := v.(type) {
	case int32:
		y = int(v)
	case int64:
		y = int(v)
	case int:
		y = v
	case float64:
		y = int(v)
	case string:
		y, _ = strconv.Atoi(strings.TrimSpace(v))
	}
	if y < 1900 || y > 2200 {
		return 0
	}
	return y
}

// RefusePanic, deferred by a reader of outside workbooks, turns a panic
// inside the spreadsheet library into a refused file: the library is
// large and meets hostile files here, and a panic must not crash the
// server. err is the reader's named result.
func RefusePanic(name string, err *error) {
	if r := recover(); r != nil {
		*err = &jixiao.ImportError{File: name, Msg: "Excel 工作簿内容异常，无法读取"}
	}
}

// Open opens a workbook that comes from outside, after the checks every
// such archive gets (docx.OpenArchive: size, part count, and each part's
// inflated size, so that a compression bomb is refused before the
// library inflates it), and with the library's own limits set to the same.
func Open(name string, data []byte) (*excelize.File, error) {
	a, err := docx.OpenArchive(name, data, "Excel 工作簿")
	if err != nil {
		return nil, err
	}
	if !a.Has("xl/workbook.xml") {
		return nil, &jixiao.ImportError{File: name, Msg: "不是 Excel 工作簿：压缩包中没有 xl/workbook.xml"}
	}
	if err := a.CheckAll(); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: docx.MaxTotal, UnzipXMLSizeLimit: docx.MaxPart})
	if err != nil {
		return nil, &jixiao.ImportError{File: name, Msg: fmt.Sprintf("Excel 工作簿已损坏或无法打开：%v", err)}
	}
	return f, nil
}

// SheetRows reads a worksheet's cells within the row and column limits
// (docx.MaxTableRows, docx.MaxRowCells; empty cells past the last one
// with text do not count). opt says whether cells come raw or as shown.
func SheetRows(file string, f *excelize.File, name string, opt excelize.Options) ([][]string, error) {
	fail := func(row int, format string, a ...any) error {
		return &jixiao.ImportError{File: file, Table: name, Line: row, Msg: fmt.Sprintf(format, a...)}
	}
	rs, err := f.Rows(name)
	if err != nil {
		return nil, fail(0, "工作表无法读取：%v", err)
	}
	defer rs.Close()
	var raw [][]string
	for rs.Next() {
		if len(raw) >= docx.MaxTableRows {
			return nil, fail(len(raw)+1, "工作表超过 %d 行", docx.MaxTableRows)
		}
		cols, err := rs.Columns(opt)
		if err != nil {
			return nil, fail(len(raw)+1, "工作表无法读取：%v", err)
		}
		if len(cols) > docx.MaxRowCells {
			last := len(cols)
			for last > 0 && cols[last-1] == "" {
				last--
			}
			if last > docx.MaxRowCells {
				return nil, fail(len(raw)+1, "这一行有 %d 列，超过上限 %d 列", last, docx.MaxRowCells)
			}
			cols = cols[:last]
		}
		raw = append(raw, cols)
	}
	return raw, nil
}

// readSheet reads a worksheet within the limits, each cell as shown.
func readSheet(file string, f *excelize.File, name string) (*sheet, error) {
	fail := func(row int, format string, a ...any) error {
		return &jixiao.ImportError{File: file, Table: name, Line: row, Msg: fmt.Sprintf(format, a...)}
	}
	raw, err := SheetRows(file, f, name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	for r, cols := range raw {
		for c, v := range cols {
			if v == "" {
				continue
			}
			axis, _ := excelize.CoordinatesToCellName(c+1, r+1)
			cols[c] = clean(display(f, name, axis, v))
		}
	}
	merges, err := f.GetMergeCells(name)
	if err != nil {
		return nil, fail(0, "工作表的合并单元格无法读取：%v", err)
	}
	// drop[r][c]: the cell is inside a merged range but not its first
	// column's cell; such cells are not cells of their own.
	drop := map[[2]int]bool{}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r2 < r1 || c2 < c1 {
			continue
		}
		if (r2-r1+1)*(c2-c1+1) > docx.MaxTableRows*docx.MaxRowCells {
			return nil, fail(r1, "合并单元格范围过大")
		}
		for r := r1; r <= r2 && r <= len(raw); r++ {
			for c := c1 + 1; c <= c2; c++ {
				drop[[2]int{r, c}] = true
			}
		}
	}
	s := &sheet{name: name}
	for r, cols := range raw {
		var row []string
		for c, v := range cols {
			if !drop[[2]int{r + 1, c + 1}] {
				row = append(row, v)
			}
		}
		s.rows = append(s.rows, row)
	}
	return s, nil
}

// display is a cell's text: strings as they are, numbers in their shortest
// exact form, percentages as "95%", dates (serials with a date format) as
// "2024年12月31日".
func display(f *excelize.File, sh, axis, raw string) string {
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil {
		return raw
	}
	if t, _ := f.GetCellType(sh, axis); t == excelize.CellTypeSharedString || t == excelize.CellTypeInlineString {
		return raw // a number typed as text stays as typed
	}
	num := strconv.FormatFloat(v, 'f', -1, 64)
	idx, err := f.GetCellStyle(sh, axis)
	if err != nil {
		return num
	}
	st, err := f.GetStyle(idx)
	if err != nil || st == nil {
		return num
	}
	custom := ""
	if st.CustomNumFmt != nil {
		custom = *st.CustomNumFmt
	}
	switch {
	case isDateFormat(st.NumFmt, custom):
		t, err := excelize.ExcelDateToTime(v, false)
		if err != nil {
			return num
		}
		return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
	case st.NumFmt == 9 || st.NumFmt == 10 || strings.Contains(custom, "%"):
		d, err := jixiao.ParseDecimal(num)
		if err != nil {
			return num
		}
		return jixiao.MulDiv(d, jixiao.Dec(100), jixiao.Dec(1)).String() + "%"
	}
	return num
}

var quoted = regexp.MustCompile(`"[^"]*"|\[[^\]]*\]|\\.`)

// isDateFormat reports whether a number format shows a date.
func isDateFormat(id int, custom string) bool {
	switch {
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return true
	}
	if custom == "" {
		return false
	}
	c := strings.ToLower(quoted.ReplaceAllString(custom, ""))
	return strings.ContainsAny(c, "ymd") || strings.Contains(c, "年") || strings.Contains(c, "月")
}

// clean trims blanks and drops control characters other than line breaks.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		if r == '\t' {
			return ' '
		}
		if r != '\n' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimFunc(s, func(r rune) bool { return r == '\u3000' || unicode.IsSpace(r) })
}

// norm folds a label for comparison: no blanks, full-width ASCII forms
// half-width, no "其中:" and no trailing colon.
func norm(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\u3000' || unicode.IsSpace(r):
			continue
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		}
		b.WriteRune(r)
	}
	l := strings.TrimPrefix(b.String(), "其中:")
	return strings.TrimSuffix(l, ":")
}

// asImportError returns err as an *ImportError, if it is one.
func asImportError(err error) (*jixiao.ImportError, bool) {
	var ie *jixiao.ImportError
	ok := errors.As(err, &ie)
	return ie, ok
}

// Detect reports whether data is an .xlsx: a zip whose entries include
// xl/workbook.xml.
func Detect(data []byte) bool { return docx.HasEntry(data, "xl/workbook.xml") }
