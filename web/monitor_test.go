package web

import (
	"bytes"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const officeMonitor = exBase + "/projects/" + officeCode + "/monitor"

// postForm sends a form POST with a valid CSRF cookie and token.
func (e *env) postForm(t testing.TB, path string, v url.Values) (*http.Response, string) {
	t.Helper()
	cookie, token := e.formToken(t)
	v.Set(csrfField, token)
	r, _ := http.NewRequest(http.MethodPost, "http://example.com"+path, strings.NewReader(v.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.AddCookie(cookie)
	return e.do(t, r)
}

func TestMonitorDepartmentPage(t *testing.T) {
	e := newEnv(t, true)
	res, body := e.get(t, exBase+"/monitor?as_of=2024-07-31")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	mustContain(t, body, "2024年7月31日", `id="monitor-table"`, "红灯", `<input type="date" id="as_of" name="as_of" value="2024-07-31"`)
	if n := strings.Count(body, `<tr class="row-red"`); n != 11 {
		t.Errorf("%d red rows, want 11 with nothing spent", n)
	}
	// Spend on the office building: it turns green and, by deviation
	// ascending, comes first.
	v := url.Values{"date": {"2024-07-31"}, "amount": {"6.00"}, "unit": {"wan"}, "by": {"张三"}}
	if res, body := e.postForm(t, officeMonitor+"/spending", v); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST spending: %d\n%s", res.StatusCode, body)
	}
	_, body = e.get(t, exBase+"/monitor?as_of=2024-07-31&light=green")
	if strings.Count(body, `data-code="`) != 1 || !strings.Contains(body, `data-code="`+officeCode+`"`) {
		t.Errorf("green filter does not show exactly the office building")
	}
	mustContain(t, body, "56.30", "57.92", "-1.61")
	_, body = e.get(t, exBase+"/monitor?as_of=2024-07-31&sort=deviation")
	codes := regexp.MustCompile(`data-code="([^"]+)"`).FindAllStringSubmatch(body, -1)
	if len(codes) != 11 || codes[0][1] != officeCode {
		t.Errorf("sorted by deviation ascending, first row %v", codes[0])
	}
	_, body = e.get(t, exBase+"/monitor?as_of=2024-07-31")
	codes = regexp.MustCompile(`data-code="([^"]+)"`).FindAllStringSubmatch(body, -1)
	if codes[len(codes)-1][1] != officeCode {
		t.Errorf("worst first: the green project should come last")
	}
	if res, _ := e.get(t, exBase+"/monitor?as_of=2024-02-30"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("impossible date: status %d", res.StatusCode)
	}
}

func TestMonitorProjectEntry(t *testing.T) {
	e := newEnv(t, true)
	res, body := e.get(t, officeMonitor+"?as_of=2024-07-31")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	mustContain(t, body, `id="spend-chart"`, "计划累计支出进度", "7月", "12月", "红灯", `name="csrf"`, "派出机构数量", "尚无支出记录")
	before := e.counts(t)

	// Refused: over the budget. The page comes back with the message and
	// the values entered, and nothing is stored.
	bad := url.Values{"date": {"2024-05-06"}, "amount": {"11"}, "unit": {"wan"}, "note": {"电费"}, "by": {"李四"}}
	res, body = e.postForm(t, officeMonitor+"/spending", bad)
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("over budget: status %d", res.StatusCode)
	}
	mustContain(t, body, "超过预算数10.36万元", `value="2024-05-06"`, `value="11"`, `value="电费"`, "录入人：editor")
	for _, c := range []struct {
		v    url.Values
		want string
	}{
		{url.Values{"date": {"2024-05-06"}, "amount": {"abc"}, "unit": {"yuan"}, "by": {"李四"}}, "金额“abc”不是数字"},
		{url.Values{"date": {"2023-05-06"}, "amount": {"1"}, "unit": {"wan"}, "by": {"李四"}}, "不在2024年度内"},
	} {
		res, body := e.postForm(t, officeMonitor+"/spending", c.v)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, c.want) {
			t.Errorf("%v: status %d, want 400 with %q", c.v, res.StatusCode, c.want)
		}
	}
	pbad := url.Values{"indicator": {"2"}, "as_of": {"2024-07-31"}, "value": {"很好"}, "cause": {"其他"}, "by": {"王五"}}
	res, body = e.postForm(t, officeMonitor+"/progress", pbad)
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad progress: status %d", res.StatusCode)
	}
	mustContain(t, body, "完成值“很好”", `value="很好"`, `<option selected>其他</option>`)
	if after := e.counts(t); !reflect.DeepEqual(after, before) {
		t.Fatalf("refused entries changed counts: %v → %v", before, after)
	}

	// Accepted: 5000 元, then a correction to 6.00万元, then progress.
	res, _ = e.postForm(t, officeMonitor+"/spending", url.Values{"date": {"2024-06-30"}, "amount": {"5000"}, "unit": {"yuan"}, "by": {"李四"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != officeMonitor+"?as_of=2024-06-30" {
		t.Fatalf("spending: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = e.get(t, officeMonitor+"?as_of=2024-07-31")
	id := regexp.MustCompile(`<option value="(\d+)">编号\d+：2024-06-30 0.50万元`).FindStringSubmatch(body)
	if id == nil {
		t.Fatalf("the record is not offered for correction")
	}
	res, _ = e.postForm(t, officeMonitor+"/spending", url.Values{"date": {"2024-07-31"}, "amount": {"6"}, "unit": {"wan"},
		"replaces": {id[1]}, "by": {"李四"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("correction: %d", res.StatusCode)
	}
	res, _ = e.postForm(t, officeMonitor+"/progress", url.Values{"indicator": {"1"}, "as_of": {"2024-07-31"}, "value": {"6个"},
		"likelihood": {"确定能"}, "measures": {"按计划推进"}, "by": {"王五"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("progress: %d", res.StatusCode)
	}
	_, body = e.get(t, officeMonitor+"?as_of=2024-07-31")
	mustContain(t, body, `id="spent">6.00<`, `id="expected">56.30%`, `id="actual">57.92%`, `id="deviation">-1.61`, "绿灯",
		`class="corrected"`, "已被编号", "更正编号"+id[1], "按计划推进", "editor", `class="latest">6个`)
	if after := e.counts(t); after["spending"] != before["spending"]+2 || after["progress"] != before["progress"]+1 {
		t.Errorf("counts %v → %v", before, after)
	}
}

func TestMonitorForm(t *testing.T) {
	e := newEnv(t, true)
	e.postForm(t, officeMonitor+"/spending", url.Values{"date": {"2024-07-31"}, "amount": {"6"}, "unit": {"wan"}, "by": {"张三"}})
	e.postForm(t, officeMonitor+"/progress", url.Values{"indicator": {"2"}, "as_of": {"2024-07-31"}, "value": {"90%"},
		"cause": {"硬件条件保障"}, "likelihood": {"有可能"}, "measures": {"更换电梯部件"}, "by": {"王五"}})
	res, body := e.get(t, officeMonitor+"/form")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	mustContain(t, body, "2024年度项目绩效目标执行监控表", "1-7月执行数", "年初预算数", ">10.36<", ">6.00<", ">57.92%<",
		"全年预计执行数", "经费保障", "硬件条件保障", "√", "有可能完成", "更换电梯部件", ">90%<")

	res, data := e.get(t, officeMonitor+"/form.xlsx")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("xlsx: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	x, err := excelize.OpenReader(bytes.NewReader([]byte(data)))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet := x.GetSheetList()[0]
	get := func(c string) string { v, _ := x.GetCellValue(sheet, c); return v }
	if get("A1") != "2024年度项目绩效目标执行监控表" || get("D3") != "办公楼运维费" || get("D6") != "10.36" ||
		get("F6") != "6.00" || get("H6") != "57.92%" || get("G8") != "经费保障" {
		t.Errorf("cells: A1 %q D3 %q D6 %q F6 %q H6 %q G8 %q", get("A1"), get("D3"), get("D6"), get("F6"), get("H6"), get("G8"))
	}
	// Row 10 is indicator 2 (≥95%): 90%, marked under 硬件条件保障 (column J).
	if get("D10") != "≥95%" || get("E10") != "90%" || get("J10") != "√" || get("L10") != "有可能" {
		t.Errorf("indicator 2 row: %q %q %q %q", get("D10"), get("E10"), get("J10"), get("L10"))
	}
	merged, err := x.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range merged {
		if m.GetStartAxis() == "A9" && m.GetEndAxis() == "A12" && m.GetCellValue() == "产出指标" {
			found = true
		}
	}
	if !found {
		t.Errorf("产出指标 not merged over its four rows: %v", merged)
	}
	st, _ := x.GetCellStyle(sheet, "C9")
	style, err := x.GetStyle(st)
	if err != nil || style.Font == nil || style.Font.Family != "宋体" || len(style.Border) != 4 {
		t.Errorf("cell style %+v, %v", style, err)
	}
}
