package xlsx

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/docx"
	"jixiao/internal/fixture"
)

// A workbook whose sheet inflates past the part limit is refused before
// the spreadsheet library reads it.
func TestZipBomb(t *testing.T) {
	_, err := Read("炸弹.xlsx", fixture.WorkbookBomb(docx.MaxPart>>20+1))
	var ie *jixiao.ImportError
	if !errors.As(err, &ie) || !strings.Contains(ie.Msg, "xl/worksheets/sheet1.xml") || !strings.Contains(ie.Msg, "压缩炸弹") {
		t.Fatalf("got %v", err)
	}
}

func TestTruncated(t *testing.T) {
	data := write(t, fixture.Example(t), Options{})
	_, err := Read("截断.xlsx", data[:len(data)*2/3])
	var ie *jixiao.ImportError
	if !errors.As(err, &ie) || !strings.Contains(ie.Msg, "损坏或不完整") {
		t.Fatalf("got %v", err)
	}
}

// Too many columns in a row are refused with the row.
func TestTooWide(t *testing.T) {
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "项目编码")
	f.SetCellStr("Sheet1", "ZZ3", "x")
	var b bytes.Buffer
	f.Write(&b)
	_, err := Read("宽.xlsx", b.Bytes())
	var ie *jixiao.ImportError
	if !errors.As(err, &ie) || ie.Table != "Sheet1" || ie.Line != 3 || !strings.Contains(ie.Msg, "列") {
		t.Fatalf("got %v", err)
	}
}

// A refusal in the printed form names the sheet and its row.
func TestPrintedErrorLocation(t *testing.T) {
	d := fixture.Example(t)
	data := write(t, d, Options{})
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sh := sheetName(3, d.Projects[2].Name)
	f.SetCellStr(sh, "C4", "很多")
	var b bytes.Buffer
	f.Write(&b)
	_, err = Read("坏.xlsx", b.Bytes())
	var ie *jixiao.ImportError
	if !errors.As(err, &ie) || ie.Table != sh || ie.Line != 4 || !strings.Contains(ie.Msg, "预算数“很多”") {
		t.Fatalf("got %v", err)
	}
}

func FuzzReadXlsx(f *testing.F) {
	d := fixture.Example(f)
	var b bytes.Buffer
	if err := Write(&b, d, Options{Project: d.Projects[0].Code}); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read("fuzz.xlsx", data)
		if err == nil && len(doc.Projects) == 0 {
			t.Fatal("a document without projects was accepted")
		}
	})
}
