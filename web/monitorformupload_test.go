package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

// fillForm opens a downloaded monitoring form, lets fill write into it
// (cell references as the workbook has them) and returns the workbook.
func fillForm(t *testing.T, form []byte, fill func(x *excelize.File, sheet string)) []byte {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	fill(x, x.GetSheetList()[0])
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The official monitoring form round trip: the department downloads a
// project's 执行监控表 for 1–7月, fills in completed values, a cause, the
// likelihood and measures in Excel, and uploads it on the monitoring
// page; each filled row becomes a progress report as of 31 July on the
// indicator of its row, empty rows report nothing. A form whose rows no
// longer match the goals, or with two causes on a row, is refused with
// the row named and nothing stored.
func TestMonitorFormRoundTrip(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	res, form := e.get(t, officeMonitor+"/form.xlsx?as_of=2024-07-31")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("form download: %d", res.StatusCode)
	}
	// Rows 9 on are the indicators (派出机构数量, 正常使用率, …); columns
	// E 完成值, G–K the causes (K 其他), L likelihood, M measures.
	filled := fillForm(t, []byte(form), func(x *excelize.File, s string) {
		x.SetCellStr(s, "E9", "8个")
		x.SetCellStr(s, "K9", "√")
		x.SetCellStr(s, "L9", "有可能")
		x.SetCellStr(s, "M9", "两个派出所年底启用")
		x.SetCellStr(s, "E10", "96%")
		x.SetCellStr(s, "L10", "确定能")
	})
	res, body := e.postRecords(t, nil, upload{"办公楼运维费监控表.xlsx", filled})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d\n%.600s", res.StatusCode, body)
	}
	doc, err := e.st.Document(ctx, jixiao.Key{Unit: exUnit, Year: exYear})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := doc.Project(officeCode)
	july := jixiao.Date{Y: 2024, M: 7, D: 31}
	want := []jixiao.Progress{
		{Indicator: 1, AsOf: july, Value: "8个", Cause: "其他", Likelihood: "有可能", Measures: "两个派出所年底启用"},
		{Indicator: 2, AsOf: july, Value: "96%", Likelihood: "确定能"},
	}
	if len(p.Progress) != len(want) {
		t.Fatalf("%d progress reports stored, want %d: %+v", len(p.Progress), len(want), p.Progress)
	}
	for i, w := range want {
		g := p.Progress[i]
		if g.Indicator != w.Indicator || g.AsOf != w.AsOf || g.Value != w.Value || g.Cause != w.Cause ||
			g.Likelihood != w.Likelihood || g.Measures != w.Measures || g.Entered.By != "editor" {
			t.Errorf("report %d: %+v, want %+v", i+1, g, w)
		}
	}
	// The next download shows what was reported.
	_, again := e.get(t, officeMonitor+"/form.xlsx?as_of=2024-07-31")
	x, err := excelize.OpenReader(strings.NewReader(again))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := x.GetCellValue(x.GetSheetList()[0], "E9"); v != "8个" {
		t.Errorf("the form downloaded again shows %q for 派出机构数量", v)
	}
	x.Close()
	// Uploaded again as downloaded, the form adds nothing; one row changed
	// adds that row's report alone.
	res, body = e.postRecords(t, nil, upload{"监控表.xlsx", []byte(again)})
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "imported_progress=0") {
		t.Fatalf("the form uploaded again: %d %q\n%.600s", res.StatusCode, res.Header.Get("Location"), body)
	}
	changed := fillForm(t, []byte(again), func(x *excelize.File, s string) { x.SetCellStr(s, "E10", "97%") })
	res, _ = e.postRecords(t, nil, upload{"监控表.xlsx", changed})
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "imported_progress=1") {
		t.Fatalf("one row changed: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	doc, _ = e.st.Document(ctx, jixiao.Key{Unit: exUnit, Year: exYear})
	p, _ = doc.Project(officeCode)
	want = append(want, jixiao.Progress{Indicator: 2, AsOf: july, Value: "97%", Likelihood: "确定能"})
	if len(p.Progress) != len(want) || p.Progress[2].Value != "97%" {
		t.Fatalf("after uploading again: %+v", p.Progress)
	}

	for _, c := range []struct {
		name string
		fill func(x *excelize.File, s string)
		want string
	}{
		{"a row renamed", func(x *excelize.File, s string) {
			x.SetCellStr(s, "C9", "办公场所数量")
			x.SetCellStr(s, "E9", "9个")
		}, "第1个指标是“派出机构数量”，表中这一行是“办公场所数量”"},
		{"two causes", func(x *excelize.File, s string) {
			x.SetCellStr(s, "E9", "9个")
			x.SetCellStr(s, "G9", "√")
			x.SetCellStr(s, "K9", "√")
		}, "第9行：偏差原因只能选一项，这一行选了经费保障、其他"},
	} {
		res, body := e.postRecords(t, nil, upload{"监控表.xlsx", fillForm(t, []byte(form), c.fill)})
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d", c.name, res.StatusCode)
		}
		mustContain(t, body, c.want, "未导入任何记录")
	}
	doc, _ = e.st.Document(ctx, jixiao.Key{Unit: exUnit, Year: exYear})
	if p, _ := doc.Project(officeCode); len(p.Progress) != len(want) {
		t.Errorf("refused forms stored reports: %d", len(p.Progress))
	}
}

// The department's monitoring list as a workbook: the page's rows in the
// page's order and filter, figures as numbers.
func TestMonitorListWorkbook(t *testing.T) {
	e, keys := liveEnv(t)
	k := keys[1]
	base := docPath(k) + "/monitor?as_of=" + fmt.Sprint(k.Year) + "-10-08&sort=-deviation"
	_, page := e.get(t, base)
	rows := monitorRowRE.FindAllStringSubmatch(page, -1)
	if len(rows) == 0 {
		t.Fatal("no rows on the page")
	}
	mustContain(t, page, `id="monitor-xlsx"`)
	res, body := e.get(t, strings.Replace(base, "/monitor?", "/monitor.xlsx?", 1))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("workbook: %d", res.StatusCode)
	}
	x, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	got, _ := x.GetRows(x.GetSheetList()[0])
	if len(got) != 3+len(rows) {
		t.Fatalf("%d rows in the workbook, the page has %d", len(got)-3, len(rows))
	}
	for i, m := range rows {
		// Page: light, code, budget, spent, expected, actual, deviation, reasons.
		w := got[3+i]
		budget, _ := jixiao.ParseWan(w[3])
		spent, _ := jixiao.ParseWan(w[4])
		dev, _ := jixiao.ParseDecimal(w[7])
		if w[1] != m[2] || budget.Wan() != m[3] || spent.Wan() != m[4] || dev.Fixed(2) != m[7] {
			t.Errorf("row %d: %q, page %q", i+1, w, m[1:])
		}
	}
}
