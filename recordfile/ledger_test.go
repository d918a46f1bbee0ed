package recordfile

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

// A CSV ledger with a 类别 column, in the kinds' own headings and the
// ways dates are typed, reads row by row with where each came from.
func TestReadLedgerCSV(t *testing.T) {
	csv := "\ufeff类别,抽样日期,编号,被抽样单位,样品名称,结果,备注,办结日期\n" +
		"抽检,2024-03-05,SC001,甲超市,大米,合格,,2024-03-20\n" +
		",,,,,,,\n" +
		"投诉举报,2024年4月1日,JB-7,乙药店,无证经营,已处置,电话,\n" +
		"sampling,2024/12/31,,丙餐馆,,,,\n"
	rows, err := ReadLedger("台账.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	r := rows[1]
	if r.Line != 4 || r.Record.Kind != "tipoff" || r.Record.Date != jixiao.NewDate(2024, 4, 1) || r.Record.Ref != "JB-7" ||
		r.Record.Subject != "乙药店" || r.Record.Item != "无证经营" || r.Record.Outcome != "已处置" || r.Record.Note != "电话" {
		t.Fatalf("row %+v", r)
	}
	if rows[0].Record.Closed != jixiao.NewDate(2024, 3, 20) || !rows[1].Record.Closed.IsZero() {
		t.Fatalf("closing dates %+v", rows)
	}
	if rows[2].Record.Kind != "sampling" || rows[2].Record.Date != jixiao.NewDate(2024, 12, 31) {
		t.Fatalf("row %+v", rows[2])
	}
}

// A workbook may keep one sheet per kind, named after it, without a
// 类别 column; dates typed as dates come through.
func TestReadLedgerWorkbook(t *testing.T) {
	x := excelize.NewFile()
	x.SetSheetName("Sheet1", "双随机检查")
	x.SetSheetRow("双随机检查", "A1", &[]any{"检查日期", "受检对象", "检查事项", "检查结果"})
	x.SetSheetRow("双随机检查", "A2", &[]any{"2024-06-01", "丁公司", "产品质量", "未发现问题"})
	x.NewSheet("说明")
	x.SetSheetRow("说明", "A1", &[]any{"本表为 2024 年台账"})
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadLedger("台账.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Sheet != "双随机检查" || rows[0].Line != 2 || rows[0].Record.Kind != "inspection" ||
		rows[0].Record.Subject != "丁公司" || rows[0].Record.Outcome != "未发现问题" {
		t.Fatalf("rows %+v", rows)
	}
}

// Refusals name the file, sheet and row and say what is wrong.
func TestReadLedgerRefusals(t *testing.T) {
	for _, c := range []struct{ csv, want string }{
		{"日期,对象\n2024-01-01,甲\n", "缺少“类别”列"},
		{"类别,日期,对象\n巡查,2024-01-01,甲\n", "第2行：类别“巡查”不对"},
		{"类别,日期,对象\n抽检,2024-02-30,甲\n", "第2行：日期“2024-02-30”不存在"},
		{"类别,日期,对象\n抽检,三月五日,甲\n", "日期“三月五日”无法识别"},
		{"类别,日期,对象\n抽检,,甲\n", "缺少日期"},
		{"名称,金额\n甲,1\n", "没有找到台账记录"},
		{"类别,日期,对象,处理决定日期\n投诉举报,2024-01-02,甲,二月\n", "第2行：处理决定日期：日期“二月”无法识别"},
	} {
		_, err := ReadLedger("t.csv", []byte(c.csv))
		var ie *jixiao.ImportError
		if !errors.As(err, &ie) || ie.File != "t.csv" || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.csv, err, c.want)
		}
	}
	if _, err := ReadLedger("big.csv", make([]byte, MaxSize+1)); err == nil || !strings.Contains(err.Error(), "超过上限") {
		t.Errorf("oversize: %v", err)
	}
}

func FuzzReadLedger(f *testing.F) {
	f.Add("a.csv", []byte("类别,日期,编号,对象,事项,结果,备注\n抽检,2024-03-05,SC1,甲,米,合格,\n"))
	f.Add("b.csv", []byte("抽样日期,被抽样单位\n2024年3月5日,甲\n"))
	x := excelize.NewFile()
	x.SetSheetName("Sheet1", "抽检")
	x.SetSheetRow("抽检", "A1", &[]any{"日期", "被抽样单位"})
	x.SetSheetRow("抽检", "A2", &[]any{"2024-03-01", "甲"})
	var buf bytes.Buffer
	x.Write(&buf)
	f.Add("c.xlsx", buf.Bytes())
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		rows, err := ReadLedger(name, data)
		if refused(t, err, name) {
			return
		}
		for _, r := range rows {
			if r.File != name || r.Line < 1 || r.Record.Kind == "" || r.Record.Date.IsZero() {
				t.Fatalf("row %+v", r)
			}
		}
	})
}
