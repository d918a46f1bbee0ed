package recordfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"jixiao"
	"jixiao/auth"
	"jixiao/docx"
	"jixiao/internal/fixture"
	"jixiao/store"
)

const office = "13022524P00260210037A"

func TestReadCSVUTF8AndGBK(t *testing.T) {
	utf := "\ufeff单位编码,年度,项目编码,日期, 金额（万元） ,摘要\n414001,2024," + office + ",2024-07-31,6.00,电费\n\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(utf[len("\ufeff"):])
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"utf8.csv": utf, "gbk.CSV": gbk} {
		rows, err := Read(name, []byte(data), "张三")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(rows) != 1 {
			t.Fatalf("%s: %d rows", name, len(rows))
		}
		r := rows[0]
		s := r.Entry.Spending
		if r.File != name || r.Line != 2 || r.Unit != "414001" || r.Year != 2024 || r.Entry.Code != office || s == nil ||
			s.Amount != 6_000_000 || s.Date != (jixiao.Date{Y: 2024, M: 7, D: 31}) || s.Note != "电费" || s.Entered.By != "张三" {
			t.Errorf("%s: %+v %+v", name, r, s)
		}
	}
}

func TestReadXLSXByContent(t *testing.T) {
	x := excelize.NewFile()
	x.SetSheetName("Sheet1", "七月")
	x.SetSheetRow("七月", "A1", &[]any{"项目编码", "指标序号", "截至日期", "完成值", "偏差原因", "完成目标可能性", "改进措施"})
	x.SetSheetRow("七月", "A2", &[]any{office, 1, "2024-07-31", "6个", "其他", "有可能", "加快进度"})
	x.SetSheetRow("七月", "A3", &[]any{office, "二", "2024-07-31", "6个"})
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	// Named .csv, but a workbook: the content decides.
	_, err := Read("进度.csv", buf.Bytes(), "王五")
	var ie *jixiao.ImportError
	if !errors.As(err, &ie) || ie.Error() != "进度.csv，表“七月”，第3行：指标序号“二”不是整数" {
		t.Fatalf("error %v", err)
	}
	x.SetSheetRow("七月", "A3", &[]any{})
	x.RemoveRow("七月", 3)
	buf.Reset()
	x.Write(&buf)
	rows, err := Read("进度.xlsx", buf.Bytes(), "王五")
	if err != nil || len(rows) != 1 {
		t.Fatalf("%v %v", rows, err)
	}
	p := rows[0].Entry.Progress
	if p == nil || p.Indicator != 1 || p.Value != "6个" || p.Likelihood != "有可能" || p.Entered.By != "王五" || rows[0].Sheet != "七月" {
		t.Errorf("progress %+v", p)
	}
	if s, n := Count([]store.Entry{rows[0].Entry}); s != 0 || n != 1 {
		t.Errorf("count %d %d", s, n)
	}
}

func TestReadRefusals(t *testing.T) {
	for _, c := range []struct{ name, data, want string }{
		{"a.txt", "项目编码,日期,金额（元）\n", "a.txt：只支持 .csv 和 .xlsx 文件"},
		{"a.csv", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1xxxx", "旧版 Excel"},
		{"a.xlsx", "not a zip", "a.xlsx：不是Excel 工作簿：文件不是 zip 压缩包"},
		{"a.csv", "项目编码,日期\n", "a.csv，第1行：表头应为支出表"},
		{"a.csv", "项目编码,金额（元）\n", "a.csv，第1行：缺少“日期”列"},
		{"a.csv", "项目编码,日期,金额（元）\n" + office + ",2024-13-01,100\n", "a.csv，第2行：日期"},
		{"a.csv", "项目编码,日期,金额（元）\n" + office + ",2024-01-01,十元\n", "a.csv，第2行：金额（元）"},
		{"a.csv", "项目编码,日期,金额,年度\n" + office + ",2024-01-01,1,今年\n", "年度“今年”不是四位年份"},
	} {
		_, err := Read(c.name, []byte(c.data), "x")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %q: %v, want %q", c.name, c.data, err, c.want)
		}
	}
}

// A record workbook gets the checks of every workbook from outside: one
// whose sheet inflates past the part limit is refused, naming the part,
// before the spreadsheet library inflates it; one with a row past the
// column limit is refused with its sheet and row.
func TestReadXLSXLimits(t *testing.T) {
	_, err := Read("支出.xlsx", fixture.WorkbookBomb(docx.MaxPart>>20+1), "x")
	var ie *jixiao.ImportError
	if !errors.As(err, &ie) || !strings.Contains(ie.Msg, "xl/worksheets/sheet1.xml") || !strings.Contains(ie.Msg, "压缩炸弹") {
		t.Fatalf("compression bomb: %v", err)
	}

	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"项目编码", "日期", "金额（元）"})
	cell, _ := excelize.CoordinatesToCellName(docx.MaxRowCells+1, 2)
	x.SetCellStr("Sheet1", cell, "多")
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, err = Read("支出.xlsx", buf.Bytes(), "x")
	if !errors.As(err, &ie) || ie.Table != "Sheet1" || ie.Line != 2 || !strings.Contains(ie.Msg, "超过上限") {
		t.Fatalf("too wide a row: %v", err)
	}
}

// FuzzRead: whatever the bytes, a record file is read or refused with an
// import error naming the file — never a panic — and every record read
// is one kind of record, stamped by its enterer, from a row of its sheet.
func FuzzRead(f *testing.F) {
	f.Add("a.csv", []byte("\ufeff单位编码,年度,项目编码,日期,金额（万元）,摘要\n414001,2024,"+office+",2024-07-31,6.00,电费\n"))
	f.Add("b.csv", []byte("项目编码,指标序号,截至日期,完成值,偏差原因,完成目标可能性,改进措施\n"+office+",1,2024-07-31,6个,其他,有可能,加快\n"))
	f.Add("c.csv", []byte("项目编码,日期,金额（元）\n"+office+",2024-01-01,\"1,000.50\"\n"))
	f.Add("form.csv", []byte("（1-7月，截至2024年7月31日）\n项目编码,"+office+"\n一级指标,二级指标,三级指标,年度指标值,1-7月完成值,,偏差原因分析,,,,,完成目标可能性,备注\n"+
		",,,,,,经费保障,制度保障,人员保障,硬件条件保障,其他\n产出指标,数量指标,派出机构数量,10个,8个,,,,,,√,有可能,加快\n"))
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"项目编码", "日期", "金额（元）"})
	x.SetSheetRow("Sheet1", "A2", &[]any{office, "2024-03-01", 100})
	var buf bytes.Buffer
	x.Write(&buf)
	f.Add("d.xlsx", buf.Bytes())
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		rows, err := Read(name, data, "录入人")
		if refused(t, err, name) {
			return
		}
		for _, r := range rows {
			e := r.Entry
			if (e.Spending == nil) == (e.Progress == nil) || r.File != name || r.Line < 1 || e.Code == "" {
				t.Fatalf("row %+v", r)
			}
			if e.Spending != nil && e.Spending.Entered.By != "录入人" || e.Progress != nil && e.Progress.Entered.By != "录入人" {
				t.Fatalf("row %+v not stamped by its enterer", r)
			}
		}
	})
}

// A record file over MaxSize is refused with its size, by Read and by
// ReadFile before the file is read.
func TestReadSizeLimit(t *testing.T) {
	big := append([]byte("项目编码,日期,金额（元）\n"), bytes.Repeat([]byte(" "), MaxSize)...)
	_, err := Read("大.csv", big, "x")
	var ie *jixiao.ImportError
	if !errors.As(err, &ie) || ie.File != "大.csv" || !strings.Contains(ie.Msg, "超过上限 20 MB") {
		t.Fatalf("Read: %v", err)
	}
	path := filepath.Join(t.TempDir(), "大.csv")
	if err := os.WriteFile(path, big, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadFile(path, "x")
	if !errors.As(err, &ie) || ie.File != path || !strings.Contains(ie.Msg, "超过上限 20 MB") {
		t.Fatalf("ReadFile: %v", err)
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "无.csv"), "x"); !errors.As(err, &ie) || !strings.Contains(ie.Msg, "无法读取") {
		t.Fatalf("ReadFile of a missing file: %v", err)
	}
}

// A monitoring form without its cut-off date, its project code or its
// indicator rows is refused saying what is missing, with the sheet.
func TestReadFormRefusals(t *testing.T) {
	form := func(rows ...[]any) []byte {
		x := excelize.NewFile()
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			x.SetSheetRow("Sheet1", cell, &r)
		}
		var b bytes.Buffer
		x.Write(&b)
		return b.Bytes()
	}
	head := []any{"一级指标", "二级指标", "三级指标", "年度指标值", "1-7月完成值", "全年预计完成情况", "偏差原因分析", "", "", "", "", "完成目标可能性", "备注（改进措施）"}
	causes := []any{"", "", "", "", "", "", "经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"}
	row := []any{"产出指标", "数量指标", "派出机构数量", "10个", "8个"}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"no date", form([]any{"项目编码", office}, head, causes, row), "没有截止日期"},
		{"no code", form([]any{"（1-7月，截至2024年7月31日）"}, head, causes, row), "没有项目编码"},
		{"no rows", form([]any{"（1-7月，截至2024年7月31日）"}, []any{"项目编码", office}, head, causes), "没有指标行"},
		{"bad date", form([]any{"（1-2月，截至2024年2月30日）"}, []any{"项目编码", office}, head, causes, row), "不是有效日期"},
	} {
		_, err := Read("监控表.xlsx", c.data, "x")
		var ie *jixiao.ImportError
		if !errors.As(err, &ie) || ie.Table != "Sheet1" || !strings.Contains(ie.Msg, c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	rows, err := Read("监控表.xlsx", form([]any{"（1-7月，截至2024年7月31日）"}, []any{"项目编码", "", office, "主管部门及代码", "414001 乐亭县市场监督管理局本级"},
		head, causes, row, []any{"", "", "正常使用率", "≥95%"}), "张三")
	if err != nil || len(rows) != 1 {
		t.Fatalf("a form with one filled row: %v, %d rows", err, len(rows))
	}
	r := rows[0]
	if r.Unit != "414001" || r.Year != 2024 || r.Line != 5 || r.Entry.Code != office || r.Entry.IndicatorName != "派出机构数量" ||
		r.Entry.Progress.Indicator != 1 || r.Entry.Progress.Value != "8个" || r.Entry.Progress.AsOf != (jixiao.Date{Y: 2024, M: 7, D: 31}) {
		t.Errorf("row %+v %+v", r, r.Entry.Progress)
	}
}

// FuzzReadEvaluationForm: whatever the bytes, a self-evaluation workbook
// is read or refused with an import error naming the file, never a
// panic; what is read has its indicator rows, each with its 三级指标 and
// sheet row.
func FuzzReadEvaluationForm(f *testing.F) {
	x := excelize.NewFile()
	for i, r := range [][]any{
		{"项目支出绩效自评表"}, {"（2024年度）"}, {"项目名称", "", "办公楼运维费"},
		{"项目资金", "", "", "", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"},
		{"", "", "年度资金总额", "", "10.36", "10.36", "9.8"},
		{"年度总体目标", "", "预期目标", "", "", "", "实际完成情况"}, {"", "", "保障用电", "", "", "", "基本完成"},
		{"一级指标", "二级指标", "三级指标", "", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"},
		{"产出指标", "数量指标", "派出机构数量", "", "10个", "10个"}, {"总分"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		x.SetSheetRow("Sheet1", cell, &r)
	}
	x.SetCustomProps(excelize.CustomProperty{Name: PropProject, Value: office})
	var b bytes.Buffer
	x.Write(&b)
	f.Add(b.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		form, err := ReadEvaluationForm("自评表.xlsx", data)
		if refused(t, err, "自评表.xlsx") {
			return
		}
		if len(form.Rows) == 0 {
			t.Fatal("a form read without indicator rows")
		}
		for _, r := range form.Rows {
			if r.Name == "" || r.Line < 1 {
				t.Fatalf("row %+v", r)
			}
		}
	})
}

// FuzzReadAccounts: any bytes make accounts with a name and a known role
// (and a scope for the department roles), or an import error naming the
// file — never a panic.
func FuzzReadAccounts(f *testing.F) {
	f.Add([]byte("用户名,姓名,角色,单位范围\nzhang,张三,部门填报人员,414001\nwang,王五,reviewer,\"1302，1303\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		us, err := ReadAccounts("账户表.csv", data)
		if refused(t, err, "账户表.csv") {
			return
		}
		for _, u := range us {
			if u.Name == "" || !u.Role.Valid() || !u.MustChange {
				t.Fatalf("account %+v", u)
			}
			if (u.Role == auth.Editor || u.Role == auth.Viewer) && len(u.Units) == 0 {
				t.Fatalf("a department account without its unit: %+v", u)
			}
		}
	})
}

// refused says whether a reader refused its input, failing the test when
// the refusal is not an import error naming the file.
func refused(t *testing.T, err error, name string) bool {
	t.Helper()
	var ie *jixiao.ImportError
	if err != nil && (!errors.As(err, &ie) || ie.File != name) {
		t.Fatalf("refusal %v is not an import error naming the file %q", err, name)
	}
	return err != nil
}
