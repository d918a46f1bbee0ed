package main

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

// readXLSX reads every sheet of an Excel workbook, cells as displayed.
func readXLSX(path string) ([]table, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, &jixiao.ImportError{File: path, Msg: fmt.Sprintf("无法打开 Excel 文件：%v", err)}
	}
	defer f.Close()
	var out []table
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			return nil, &jixiao.ImportError{File: path, Table: name, Msg: fmt.Sprintf("无法读取：%v", err)}
		}
		out = append(out, table{file: path, sheet: name, rows: rows})
	}
	return out, nil
}
