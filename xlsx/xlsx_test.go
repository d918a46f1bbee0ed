package xlsx

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/internal/fixture"
)

func write(t testing.TB, d *jixiao.Document, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, d, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The example written as a workbook reads back as the same document.
func TestRoundTripExample(t *testing.T) {
	d := fixture.Example(t)
	data := write(t, d, Options{})
	if !Detect(data) {
		t.Fatal("Detect does not recognise the written workbook")
	}
	got, err := Read("导出.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if want, have := fixture.JSON(t, d), fixture.JSON(t, got); !bytes.Equal(want, have) {
		t.Fatalf("round trip differs:\nwant %s\n\nhave %s", want, have)
	}
}

// A one-project workbook reads back as that project alone.
func TestRoundTripOneProject(t *testing.T) {
	d := fixture.Example(t)
	code := d.Projects[2].Code
	got, err := Read("项目.xlsx", write(t, d, Options{Project: code}))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Projects) != 1 || got.Projects[0].Code != code || got.Year != d.Year {
		t.Fatalf("got %d projects, first %q, year %d", len(got.Projects), got.Projects[0].Code, got.Year)
	}
	want := *d
	want.Overall = jixiao.Overall{}
	want.Projects = d.Projects[2:3]
	if !bytes.Equal(fixture.JSON(t, &want), fixture.JSON(t, got)) {
		t.Fatal("project differs after the round trip")
	}
}

// flatBook builds a budget-system export of two projects on one sheet
// with Chinese sheet name, a date serial, numbers and tolerant headers.
func flatBook(t *testing.T, edit func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	sh := "项目绩效指标"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"预算单位", "414001乐亭县市场监督管理局本级", "年度", 2024},
		{"项目编码", "P001", "项目名称", "办公楼运维费"},
		{"预算数（万元）", 10.36, "财政资金", "10.36", "其他资金", 0},
		{"绩效目标", "保障办公楼正常运转"},
		{" 一级指标", "二级指标", "指标名称", "指标性质", "指标值", "计量单位", "权重（%）", "指标方向性"},
		{"产出指标", "数量指标", "设备机构数量", "≥", 10, "个", 20, "正向"},
		{"", "质量指标", "设备正常使用率", ">=", 95, "%", 20, "正向"},
		{"", "时效指标", "完成时间", "≤", nil, "", 10, "反向"},
		{"效益指标", "社会效益指标", "市场监管水平", "定性", "日益提高", "", 30, "正向"},
		{},
		{"项目编码", "P002", "项目名称", "举报奖励"},
		{"预算数（元）", "98000", "财政资金", 98000},
		{"一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "指标方向性"},
		{"成本指标", "经济成本指标", "奖励成本", "≤", "9.8", "万元", "15", "反向"},
		{"满意度指标", "服务对象满意度指标", "举报人满意度", "≥", "90", "%", "10", "正向"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	// 完成时间: a date serial shown with a date format.
	if err := f.SetCellValue(sh, "E8", 45657); err != nil { // 2024-12-31
		t.Fatal(err)
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellStyle(sh, "E8", "E8", style)
	if edit != nil {
		edit(f)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestFlatExport(t *testing.T) {
	d, err := Read("一体化导出.xlsx", flatBook(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if d.Unit.Code != "414001" || d.Unit.Name != "乐亭县市场监督管理局本级" || d.Year != 2024 || d.Preset != jixiao.Preset101 {
		t.Fatalf("unit %+v year %d preset %s", d.Unit, d.Year, d.Preset)
	}
	if len(d.Projects) != 2 {
		t.Fatalf("%d projects", len(d.Projects))
	}
	p1, p2 := d.Projects[0], d.Projects[1]
	if p1.Budget != 10_360_000 || p1.Fiscal != 10_360_000 || p1.Goal != "保障办公楼正常运转" {
		t.Fatalf("project 1: %+v", p1)
	}
	if p2.Budget != 9_800_000 || p2.Fiscal != 9_800_000 || p2.Name != "举报奖励" {
		t.Fatalf("project 2 amounts in 元: %d %d", p2.Budget, p2.Fiscal)
	}
	type want struct {
		l1, l2, value string
		kind          jixiao.TargetKind
		op            string
		num           string
		dir           jixiao.Direction
		weight        string
	}
	check := func(in jixiao.Indicator, w want) {
		t.Helper()
		if in.Level1 != w.l1 || in.Level2 != w.l2 || in.Value != w.value || in.Target.Kind != w.kind || in.Target.Op != w.op ||
			in.Target.Direction != w.dir || in.Weight != jixiao.MustDecimal(w.weight) {
			t.Errorf("indicator %s: got %q/%q %q %+v weight %s", in.Level3, in.Level1, in.Level2, in.Value, in.Target, in.Weight)
		}
		if w.num != "" && in.Target.Number != jixiao.MustDecimal(w.num) {
			t.Errorf("indicator %s: number %s, want %s", in.Level3, in.Target.Number, w.num)
		}
	}
	check(p1.Indicators[0], want{"产出指标", "数量指标", "≥10个", jixiao.Quantity, "≥", "10", jixiao.Positive, "20"})
	check(p1.Indicators[1], want{"产出指标", "质量指标", "≥95%", jixiao.Percent, "≥", "95", jixiao.Positive, "20"})
	check(p1.Indicators[2], want{"产出指标", "时效指标", "2024年12月31日", jixiao.DateKind, "≤", "", jixiao.Reverse, "10"})
	check(p1.Indicators[3], want{"效益指标", "社会效益指标", "日益提高", jixiao.Qualitative, "", "", jixiao.Positive, "30"})
	check(p2.Indicators[0], want{"成本指标", "经济成本指标", "≤9.8万元", jixiao.Money, "≤", "9.8", jixiao.Reverse, "15"})
	check(p2.Indicators[1], want{"满意度指标", "服务对象满意度指标", "≥90%", jixiao.Percent, "≥", "90", jixiao.Positive, "10"})
	if got := p1.Indicators[2].Target.Date; got != jixiao.NewDate(2024, 12, 31) {
		t.Errorf("date target %v", got)
	}
}

func importErr(t *testing.T, err error) *jixiao.ImportError {
	t.Helper()
	var ie *jixiao.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("want an ImportError, got %v", err)
	}
	return ie
}

func TestFlatRefusals(t *testing.T) {
	cases := []struct {
		name string
		edit func(f *excelize.File)
		row  int
		msg  string
	}{
		{"bad nature", func(f *excelize.File) { f.SetCellStr("项目绩效指标", "D7", "约等于") }, 7, "指标性质“约等于”"},
		{"bad direction", func(f *excelize.File) { f.SetCellStr("项目绩效指标", "H6", "向上") }, 6, "指标方向性"},
		{"missing level3 column", func(f *excelize.File) { f.SetCellStr("项目绩效指标", "A13", "分类") }, 13, "缺少“一级指标”列"},
		{"money", func(f *excelize.File) { f.SetCellStr("项目绩效指标", "B3", "十万") }, 3, "预算数“十万”"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read("一体化导出.xlsx", flatBook(t, c.edit))
			ie := importErr(t, err)
			if ie.Table != "项目绩效指标" || ie.Line != c.row || !strings.Contains(ie.Msg, c.msg) {
				t.Fatalf("got %v (table %q line %d)", err, ie.Table, ie.Line)
			}
		})
	}
}

// A sheet that is neither the printed form nor a flat export is refused
// naming the sheet and row.
func TestWrongColumns(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "支出明细")
	f.SetSheetRow("支出明细", "A2", &[]any{"名称", "金额", "备注"})
	f.SetSheetRow("支出明细", "A3", &[]any{"电费", 100, ""})
	var b bytes.Buffer
	f.Write(&b)
	_, err := Read("明细.xlsx", b.Bytes())
	ie := importErr(t, err)
	if ie.Table != "支出明细" || ie.Line != 2 || !strings.Contains(ie.Msg, "无法识别的工作表") {
		t.Fatalf("got %v", err)
	}
}
