package web

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/auth"
)

const monitorRecords = exBase + "/monitor/records"

// recordsRequest builds a multipart POST of record files to the
// department's upload with the given token field ("" leaves it out).
func recordsRequest(t testing.TB, token string, files ...upload) *http.Request {
	return uploadRequest(t, monitorRecords, recordsField, token, files...)
}

// postRecords uploads record files with a valid CSRF cookie and token, as
// the user of session (nil: the env's editor).
func (e *env) postRecords(t testing.TB, session *http.Cookie, files ...upload) (*http.Response, string) {
	t.Helper()
	cookie, token := e.formToken(t)
	r := recordsRequest(t, token, files...)
	r.AddCookie(cookie)
	if session != nil {
		r.AddCookie(session)
	}
	return e.do(t, r)
}

func TestMonitorRecordsUpload(t *testing.T) {
	e := newEnv(t, true)
	_, body := e.get(t, exBase+"/monitor?as_of=2024-07-31")
	mustContain(t, body, `id="records-upload"`, `action="`+monitorRecords+`"`, `enctype="multipart/form-data"`, `name="records"`)
	if n := strings.Count(body, `<tr class="row-red"`); n != 11 {
		t.Fatalf("%d red rows before the upload, want 11", n)
	}
	spending := upload{"支出.csv", []byte("\ufeff单位编码,年度,项目编码,日期, 金额（万元） ,摘要\n" +
		exUnit + ",2024," + officeCode + ",2024-07-31,6.00,电费和电梯维保\n")}
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"项目编码", "指标序号", "截至日期", "完成值", "偏差原因", "完成目标可能性", "改进措施"})
	x.SetSheetRow("Sheet1", "A2", &[]any{officeCode, 1, "2024-07-31", "6个", "其他", "有可能", "加快进度"})
	var xb bytes.Buffer
	if err := x.Write(&xb); err != nil {
		t.Fatal(err)
	}
	before := e.counts(t)
	res, body := e.postRecords(t, nil, spending, upload{"进度.xlsx", xb.Bytes()})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d\n%s", res.StatusCode, body)
	}
	loc := res.Header.Get("Location")
	if !strings.HasPrefix(loc, exBase+"/monitor?") {
		t.Fatalf("redirect to %q", loc)
	}
	_, body = e.get(t, loc)
	mustContain(t, body, "已导入 1 条支出记录、1 条进度记录")
	if after := e.counts(t); after["spending"] != before["spending"]+1 || after["progress"] != before["progress"]+1 {
		t.Errorf("counts %v → %v", before, after)
	}
	// The page changed: the office building is green at 6.00万元.
	_, body = e.get(t, exBase+"/monitor?as_of=2024-07-31&light=green")
	if strings.Count(body, `data-code="`) != 1 || !strings.Contains(body, `data-code="`+officeCode+`"`) {
		t.Errorf("green filter does not show exactly the office building")
	}
	mustContain(t, body, "56.30", "57.92", "-1.61")
	if strings.Contains(body, "已导入") {
		t.Errorf("the summary shows on pages other than the redirect's")
	}
	doc, err := e.st.Document(context.Background(), jixiao.Key{Unit: exUnit, Year: exYear})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := doc.Project(officeCode)
	if len(p.Spending) != 1 || p.Spending[0].Entered.By != "editor" || p.Spending[0].Note != "电费和电梯维保" ||
		len(p.Progress) != 1 || p.Progress[0].Entered.By != "editor" || p.Progress[0].Value != "6个" {
		t.Errorf("stored records: %+v %+v", p.Spending, p.Progress)
	}
}

func TestMonitorRecordsRefused(t *testing.T) {
	e := newEnv(t, true)
	before := e.counts(t)
	for _, c := range []struct {
		name, data string
		status     int
		wants      []string
	}{
		// Together over the budget of 10.36万元: the second row is named.
		{"支出.csv", "项目编码,日期,金额（万元）\n" + officeCode + ",2024-03-31,5\n" + officeCode + ",2024-04-30,5.37\n",
			http.StatusBadRequest, []string{"支出.csv，第3行", "超过预算数10.36万元", "未导入任何记录"}},
		{"他单位.csv", "单位编码,项目编码,日期,金额（元）\n" + exUnit + "," + officeCode + ",2024-03-31,100\n999999," + officeCode + ",2024-03-31,100\n",
			http.StatusBadRequest, []string{"他单位.csv，第3行", "单位编码“999999”不是本页的单位 414001"}},
		{"上年.csv", "年度,项目编码,日期,金额（元）\n2023," + officeCode + ",2023-03-31,100\n",
			http.StatusBadRequest, []string{"上年.csv，第2行", "年度 2023 不是本页的 2024 年度"}},
		{"bad.csv", "项目编码,日期,金额（元）\n" + officeCode + ",2024-13-01,100\n",
			http.StatusBadRequest, []string{"bad.csv，第2行：日期"}},
		{"notes.txt", "随便写的\n", http.StatusBadRequest, []string{"notes.txt：只支持 .csv 和 .xlsx 文件"}},
	} {
		res, body := e.postRecords(t, nil, upload{c.name, []byte(c.data)})
		if res.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.name, res.StatusCode, c.status)
		}
		mustContain(t, body, append(c.wants, `id="records-error"`, `id="monitor-table"`)...)
	}
	res, body := e.postRecords(t, nil)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "没有选择文件") {
		t.Errorf("no file: %d", res.StatusCode)
	}
	if after := e.counts(t); !reflect.DeepEqual(after, before) {
		t.Errorf("refused uploads changed counts: %v → %v", before, after)
	}
}

func TestMonitorRecordsForbidden(t *testing.T) {
	e := newEnv(t, true)
	good := upload{"支出.csv", []byte("项目编码,日期,金额（元）\n" + officeCode + ",2024-03-31,100\n")}
	viewer := e.login(t, "viewer", auth.Viewer, exUnit)
	other := e.login(t, "other-editor", auth.Editor, "999999")
	before := e.counts(t)
	for name, session := range map[string]*http.Cookie{"viewer": viewer, "editor of another unit": other} {
		if res, _ := e.postRecords(t, session, good); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", name, res.StatusCode)
		}
	}
	r := httptest.NewRequest(http.MethodGet, exBase+"/monitor", nil)
	r.AddCookie(viewer)
	if _, body := e.do(t, r); strings.Contains(body, `id="records-upload"`) {
		t.Errorf("a viewer is offered the upload form")
	}
	// Without the CSRF token: refused before anything is read.
	cookie, _ := e.formToken(t)
	r = recordsRequest(t, "", good)
	r.AddCookie(cookie)
	if res, _ := e.do(t, r); res.StatusCode != http.StatusForbidden {
		t.Errorf("no CSRF token: status %d, want 403", res.StatusCode)
	}
	if after := e.counts(t); !reflect.DeepEqual(after, before) {
		t.Errorf("refused uploads changed counts: %v → %v", before, after)
	}
}
