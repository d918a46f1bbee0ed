package web

import (
	"github.com/xuri/excelize/v2"
)

// formSheet is a printed form being written as the one sheet of an .xlsx
// workbook: the styles the official forms use (宋体, thin black borders,
// centred and wrapped) and a writer of merged blocks, shared by the
// monitoring form and the self-evaluation form so both look alike. Errors
// are collected and reported once by bytes.
type formSheet struct {
	x    *excelize.File
	name string
	errs []error
	// Styles: a bordered cell, the same left-aligned for running text, a
	// bold heading cell, the title, and unbordered text under the title.
	cell, left, head, title, plain int
}

// newFormSheet starts a workbook whose only sheet is called name.
func newFormSheet(name string) (*formSheet, error) {
	x := excelize.NewFile()
	f := &formSheet{x: x, name: name}
	if err := x.SetSheetName("Sheet1", name); err != nil {
		x.Close()
		return nil, err
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	font := &excelize.Font{Family: "宋体", Size: 10}
	bold := &excelize.Font{Family: "宋体", Size: 10, Bold: true}
	for _, s := range []struct {
		dst   *int
		style excelize.Style
	}{
		{&f.cell, excelize.Style{Font: font, Border: border, Alignment: center}},
		{&f.left, excelize.Style{Font: font, Border: border,
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}}},
		{&f.head, excelize.Style{Font: bold, Border: border, Alignment: center}},
		{&f.title, excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 16, Bold: true},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&f.plain, excelize.Style{Font: font, Alignment: &excelize.Alignment{Horizontal: "center"}}},
	} {
		id, err := x.NewStyle(&s.style)
		if err != nil {
			x.Close()
			return nil, err
		}
		*s.dst = id
	}
	return f, nil
}

// ref names the cell at column col, row row (both from 1).
func (f *formSheet) ref(col, row int) string {
	s, err := excelize.CoordinatesToCellName(col, row)
	f.errs = append(f.errs, err)
	return s
}

// put writes v into the block of cols × rows at (col,row), merged when
// larger than one cell, and styles the whole block.
func (f *formSheet) put(col, row, cols, rows int, v any, style int) {
	a, b := f.ref(col, row), f.ref(col+cols-1, row+rows-1)
	switch n := v.(type) {
	case number: // an exact decimal as the cell's number text
		if n != "" {
			f.errs = append(f.errs, f.x.SetCellDefault(f.name, a, string(n)))
		}
	default:
		f.errs = append(f.errs, f.x.SetCellValue(f.name, a, v))
	}
	if a != b {
		f.errs = append(f.errs, f.x.MergeCell(f.name, a, b))
	}
	f.errs = append(f.errs, f.x.SetCellStyle(f.name, a, b, style))
}

// widths sets the columns' widths, from column A on, in characters.
func (f *formSheet) widths(ws ...float64) {
	for i, w := range ws {
		name, err := excelize.ColumnNumberToName(i + 1)
		f.errs = append(f.errs, err, f.x.SetColWidth(f.name, name, name, w))
	}
}

// height sets a row's height in points.
func (f *formSheet) height(row int, h float64) {
	f.errs = append(f.errs, f.x.SetRowHeight(f.name, row, h))
}

// a4 prints the sheet on A4 paper, portrait or landscape, scaled to the
// width of one page and as many pages down as it needs.
func (f *formSheet) a4(orientation string) {
	size, wide, tall, fit := 9, 1, 0, true // 9 is A4 in the OOXML paper sizes
	f.errs = append(f.errs,
		f.x.SetPageLayout(f.name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation,
			FitToWidth: &wide, FitToHeight: &tall}),
		f.x.SetSheetProps(f.name, &excelize.SheetPropsOptions{FitToPage: &fit}))
}

// bytes returns the workbook, or the first error met while writing it,
// and releases it.
func (f *formSheet) bytes() ([]byte, error) {
	defer f.x.Close()
	for _, err := range f.errs {
		if err != nil {
			return nil, err
		}
	}
	buf, err := f.x.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
