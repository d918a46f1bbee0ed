package recordfile

import (
	"github.com/xuri/excelize/v2"

	"jixiao/xlsx"
)

// readXLSX reads every sheet of an Excel workbook, cells as displayed,
// with the checks and limits every workbook from outside gets (xlsx.Open,
// xlsx.SheetRows): a compression bomb, an oversized sheet or a panic in
// the spreadsheet library is a refused file naming the file and sheet.
func readXLSX(name string, data []byte) (out []Table, err error) {
	defer xlsx.RefusePanic(name, &err)
	f, err := xlsx.Open(name, data)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := xlsx.SheetRows(name, f, sheet, excelize.Options{})
		if err != nil {
			return nil, err
		}
		out = append(out, Table{File: name, Sheet: sheet, Rows: rows})
	}
	return out, nil
}
