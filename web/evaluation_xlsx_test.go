package web

import (
	"bytes"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The 自评表 downloaded as Excel holds what the printed form shows, merged
// and styled as the paper form, and prints on A4 portrait.
func TestEvaluationFormXLSX(t *testing.T) {
	e := newEnv(t, true)
	if res, body := e.postEval(t, officeForm("0")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the evaluation: %d\n%s", res.StatusCode, body)
	}
	res, body := e.get(t, evalPath+"/form.xlsx")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET form.xlsx: %d\n%s", res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("content type %q", ct)
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=UTF-8''") {
		t.Errorf("content disposition %q", cd)
	}
	x, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	const sheet = "绩效自评表"
	if got := x.GetSheetList(); !slices.Equal(got, []string{sheet}) {
		t.Fatalf("sheets %v", got)
	}
	for ref, want := range map[string]string{
		"A1": "项目支出绩效自评表", "A2": "（2024年度）", "I2": "单位：万元",
		"A3": "项目名称", "C3": "办公楼运维费", "A4": "主管部门", "F4": "实施单位", "H4": "414001 乐亭县市场监督管理局本级",
		"A5": "项目资金", "E5": "年初预算数", "F5": "全年预算数（A）", "G5": "全年执行数（B）", "H5": "分值",
		"I5": "执行率（B/A）", "J5": "得分",
		"C6": "年度资金总额", "E6": "10.36", "F6": "10.36", "G6": "9.80", "H6": "10.00", "I6": "94.59%", "J6": "9.46",
		"C7": "其中：财政拨款", "E7": "10.36", "H7": "—", "C8": "上年结转", "C9": "其他资金",
		"A10": "年度总体目标", "C10": "预期目标", "G10": "实际完成情况",
		"A12": "一级指标", "B12": "二级指标", "C12": "三级指标", "E12": "年度指标值", "F12": "实际完成值",
		"G12": "分值", "H12": "得分", "I12": "偏差原因分析及改进措施",
		"A13": "产出指标", "C13": "派出机构数量", "E13": "10个", "F13": "10个",
		"E14": "≥95%", "F14": "90%", "I14": "部分设备老化", "F15": "2024年12月20日", "F17": "达成",
		"A17": "效益指标", "A19": "满意度指标", "F19": "92%",
		"A20": "总分", "G20": "100.00", "H20": "98.80", "I20": "等级", "J20": "优",
	} {
		if got, err := x.GetCellValue(sheet, ref); err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", ref, got, err, want)
		}
	}
	if goal, _ := x.GetCellValue(sheet, "C11"); goal == "" {
		t.Error("预期目标 (the project's goal) is empty")
	}
	// Indicator scores add up with the execution score to the total.
	if got, _ := x.GetCellValue(sheet, "H14"); got != "11.84" {
		t.Errorf("得分 of 正常使用率 %q, want 11.84", got)
	}

	merges, err := x.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var merged []string
	for _, m := range merges {
		merged = append(merged, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, want := range []string{"A1:J1", "C3:J3", "A5:B9", "C6:D6", "A10:B11", "C11:F11", "G11:J11",
		"C12:D12", "I12:J12", "A13:A16", "A17:A18", "C13:D13", "A20:F20"} {
		if !slices.Contains(merged, want) {
			t.Errorf("cells %s not merged (merged: %v)", want, merged)
		}
	}

	id, err := x.GetCellStyle(sheet, "H20")
	if err != nil {
		t.Fatal(err)
	}
	st, err := x.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Font == nil || st.Font.Family != "宋体" || len(st.Border) != 4 || st.Border[0].Style != 1 {
		t.Errorf("total cell style: font %+v, borders %+v", st.Font, st.Border)
	}
	layout, err := x.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	props, err := x.GetSheetProps(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if layout.Size == nil || *layout.Size != 9 || layout.Orientation == nil || *layout.Orientation != "portrait" ||
		layout.FitToWidth == nil || *layout.FitToWidth != 1 || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("page setup: %+v, fit to page %v", layout, props.FitToPage)
	}
	var width float64
	for _, c := range []string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"} {
		w, _ := x.GetColWidth(sheet, c)
		width += w
	}
	if width < 80 || width > 100 {
		t.Errorf("columns %.0f characters wide in all, not an A4 portrait page", width)
	}
}

// A project without an evaluation gets the blank form; an unknown one 404.
func TestEvaluationFormXLSXBlankAndUnknown(t *testing.T) {
	e := newEnv(t, true)
	res, body := e.get(t, evalPath+"/form.xlsx")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET: %d", res.StatusCode)
	}
	x, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for ref, want := range map[string]string{"C3": "办公楼运维费", "E6": "10.36", "F6": "", "C13": "派出机构数量",
		"F13": "", "A20": "总分", "H20": "", "J20": ""} {
		if got, _ := x.GetCellValue("绩效自评表", ref); got != want {
			t.Errorf("blank form %s = %q, want %q", ref, got, want)
		}
	}
	if res, _ := e.get(t, exBase+"/projects/NOPE/evaluation/form.xlsx"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown project: %d", res.StatusCode)
	}
}
