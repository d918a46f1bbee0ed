package recordfile

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

// readXLSX reads every sheet of an Excel workbook, cells as displayed.
func readXLSX(name string, data []byte) ([]Table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, &jixiao.ImportError{File: name, Msg: fmt.Sprintf("无法打开 Excel 文件：%v", err)}
	}
	defer f.Close()
	var out []Table
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			return nil, &jixiao.ImportError{File: name, Table: sheet, Msg: fmt.Sprintf("无法读取：%v", err)}
		}
		out = append(out, Table{File: name, Sheet: sheet, Rows: rows})
	}
	return out, nil
}
